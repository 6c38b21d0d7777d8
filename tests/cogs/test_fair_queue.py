"""The watched channels' fair queue: guilds take turns, order within a guild is kept, nothing is lost."""

from __future__ import annotations

import asyncio
import random

from cogs.watch._queue import FairQueue


async def test_a_guild_with_a_burst_does_not_starve_the_others():
    done: list[tuple[str, int]] = []

    async def handle(job: tuple[str, int]) -> None:
        await asyncio.sleep(0)
        done.append(job)

    q: FairQueue[tuple[str, int]] = FairQueue(handle, workers=1)
    for i in range(100):
        q.put(1, ("big", i))
    for i in range(3):
        q.put(2, ("small", i))
    await q.join()
    await q.close()
    small_at = [n for n, (who, _) in enumerate(done) if who == "small"]
    assert small_at[-1] <= 6, small_at  # turns alternate: big, small, big, small, ...
    assert [i for who, i in done if who == "big"] == list(range(100))


async def test_many_guilds_many_workers_none_lost_order_kept_one_job_per_guild_at_a_time():
    rng = random.Random(7)
    seen: dict[int, list[int]] = {}
    running: set[int] = set()
    overlaps = 0

    async def handle(job: tuple[int, int]) -> None:
        nonlocal overlaps
        guild, n = job
        if guild in running:
            overlaps += 1
        running.add(guild)
        await asyncio.sleep(rng.random() / 1000)
        running.discard(guild)
        seen.setdefault(guild, []).append(n)

    q: FairQueue[tuple[int, int]] = FairQueue(handle, workers=4)
    jobs = [(g, n) for g in range(20) for n in range(25)]
    counters: dict[int, int] = {}
    rng.shuffle(jobs)
    for g, _ in jobs:
        n = counters.get(g, 0)
        counters[g] = n + 1
        q.put(g, (g, n))
    await q.join()
    await q.close()
    assert overlaps == 0
    assert sum(len(v) for v in seen.values()) == 500
    assert all(v == list(range(25)) for v in seen.values())
    assert q.pending == 0


async def test_a_failing_job_does_not_stop_the_queue():
    done: list[int] = []

    async def handle(n: int) -> None:
        if n == 2:
            raise RuntimeError("boom")
        done.append(n)

    q: FairQueue[int] = FairQueue(handle, workers=1)
    for n in range(5):
        q.put(1, n)
    await q.join()
    await q.close()
    assert done == [0, 1, 3, 4]

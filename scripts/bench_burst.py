"""A burst of pasted articles through the Discord stand-in: stored, answered, fair, heartbeats on time.

    python scripts/bench_burst.py [--articles 500] [--guilds 5] [--big-share 0.8] [--db PATH] [--profile FILE]

The real bot (discord.py, the watch cog, the NLP worker, a fresh SQLite store
unless --db is given) runs against tests/discord_standin.py on 127.0.0.1.
One guild posts most of the articles, the others the rest, all at once; the
script waits until every post has its reply and prints:

* articles stored (handled and recorded) and replies sent,
* the time from the first post to the last reply (the queue drained),
* when the small guilds' last reply came (fairness), and
* the longest gap between two heartbeats the gateway received during the
  burst (the event loop kept breathing), against the interval asked for.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.client import CrosscheckBot  # noqa: E402
from bot.engine.protocol import Actor  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.discord_standin import TOKEN, FakeDiscord, point_discord_py_at  # noqa: E402

HEARTBEAT_MS = 1000


def article(n: int) -> str:
    return (f"Floods in Aldmoor: {n + 2} people were evacuated from the riverside district {n} "
            f"on Monday after the Wend burst its banks, the county council said.")


async def bench(args: argparse.Namespace) -> None:
    fake = FakeDiscord(guilds=args.guilds, heartbeat_ms=HEARTBEAT_MS)
    await fake.start()
    db = args.db or str(Path(tempfile.mkdtemp()) / "burst.db")
    settings = Settings(_env_file=None, db=db, min_article_chars=60)
    with point_discord_py_at(fake):
        bot = CrosscheckBot(settings)
        task = asyncio.create_task(bot.start(TOKEN))
        await asyncio.wait_for(bot.wait_until_ready(), 60)
        desk = Actor("bench desk", is_moderator=True)
        for g in fake.guilds:
            await bot.store.add_watch(str(g.id), g.channels[0], desk)
        big, *small = fake.guilds
        n_big = round(args.articles * args.big_share) if small else args.articles
        n_small = args.articles - n_big
        beats_before = len(fake.heartbeat_gaps)
        start = time.perf_counter()
        posted = [await fake.post(big.channels[0], article(n)) for n in range(n_big)]
        for n in range(n_small):
            g = small[n % len(small)]
            posted.append(await fake.post(g.channels[0], article(100_000 + n)))
        posting = time.perf_counter() - start
        ids = [p["id"] for p in posted]
        small_ids = {p["id"] for p in posted if int(p["guild_id"]) != big.id}
        await fake.wait_for(lambda: all(i in fake.replies for i in ids), timeout=3600)
        drained = time.perf_counter() - start
        watch = bot.get_cog("Watch")
        await watch.queue.join()
        handled = 0
        for p in posted:
            if await bot.store.handled_message(p["guild_id"], int(p["id"])) is not None:
                handled += 1
        order = [m["message_reference"]["message_id"] for m in fake.bot_messages if m.get("message_reference")]
        last_small = max((i for i, mid in enumerate(order) if mid in small_ids), default=-1)
        gaps = fake.heartbeat_gaps[beats_before:]
        claims = sum([await bot.store.count_claims(str(g.id)) for g in fake.guilds])
        await bot.close()
        await task
    await fake.close()
    once = sum(1 for i in ids if len(fake.replies[i]) == 1)
    print(f"articles posted            {len(posted)} ({n_big} in one guild, {n_small} over {len(small)} others);"
          f" posting took {posting:.2f} s")
    print(f"stored (handled, recorded) {handled}/{len(posted)}; claims stored {claims}")
    print(f"replies sent               {len(fake.bot_messages)} ({once} posts answered exactly once)")
    print(f"queue drained              {drained:.1f} s after the first post "
          f"({len(posted) / drained:.1f} articles/s)")
    print(f"fairness                   the small guilds' last reply was reply #{last_small + 1} of {len(order)}")
    if gaps:
        print(f"heartbeats                 {len(gaps)} during the burst, interval {HEARTBEAT_MS} ms; "
              f"longest gap {max(gaps) * 1000:.0f} ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=500)
    p.add_argument("--guilds", type=int, default=5)
    p.add_argument("--big-share", type=float, default=0.8, help="share of the articles posted in the first guild")
    p.add_argument("--db", help="the store (default: a fresh SQLite file)")
    p.add_argument("--profile", help="write a cProfile of the run to this file")
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.profile:
        cProfile.runctx("asyncio.run(bench(args))", globals(), {"args": args, "bench": bench, "asyncio": asyncio},
                        args.profile)
    else:
        asyncio.run(bench(args))


if __name__ == "__main__":
    main()

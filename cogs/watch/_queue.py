"""A fair queue for watched-channel checks: guilds take turns.

Each guild has its own first-in, first-out queue. A fixed number of workers
serve the guilds round-robin, one job of a guild at a time: a guild that
pastes 500 articles waits its turn like any other, so it cannot starve the
rest, and the messages of one guild (hence of each channel) are checked in the
order they arrived. Nothing is dropped: a job waits until a worker takes it.
The work in flight is bounded by the number of workers, which keeps the NLP
worker's own queue from overflowing (and refusing) under a burst.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

J = TypeVar("J")


class FairQueue(Generic[J]):
    """Per-key FIFO queues served round-robin by up to ``workers`` tasks (one job per key at a time).

    Workers are started when jobs arrive and end when none waits, so an idle
    queue holds no task. :meth:`put` returns a future that is done when the job is.
    """

    def __init__(self, handle: Callable[[J], Awaitable[None]], *, workers: int) -> None:
        if workers < 1:
            raise ValueError("a FairQueue needs at least one worker")
        self._handle = handle
        self._n_workers = workers
        self._queues: dict[int, deque[tuple[J, asyncio.Future[None]]]] = {}
        #: keys with waiting jobs and no job in flight, in turn order
        self._turns: deque[int] = deque()
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs waiting or in flight."""
        return sum(len(q) for q in self._queues.values()) + len(self._in_flight)

    def put(self, key: int, job: J) -> asyncio.Future[None]:
        """Queue ``job`` under ``key``; the future is done (or failed) when the job has run."""
        if self._closed:
            raise RuntimeError("the queue is closed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
        queue.append((job, done))
        if key not in self._in_flight and key not in self._turns:
            self._turns.append(key)
        self._idle.clear()
        if len(self._tasks) < self._n_workers and len(self._tasks) < len(self._turns) + len(self._in_flight):
            task = asyncio.create_task(self._work(), name="crosscheck-watch-queue")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return done

    async def join(self) -> None:
        """Wait until every job put so far (and any they put) is done."""
        await self._idle.wait()

    async def close(self, *, grace: float = 0.0) -> None:
        """Stop: jobs still waiting are dropped (catch-up finds them after a restart); jobs in flight
        get ``grace`` seconds to finish before they are cancelled."""
        self._closed = True
        for queue in self._queues.values():
            for _, done in queue:
                done.cancel()
        self._queues = {k: deque() for k in self._in_flight}
        self._turns.clear()
        tasks = list(self._tasks)
        if tasks and grace > 0:
            await asyncio.wait(tasks, timeout=grace)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._queues.clear()
        self._idle.set()

    async def _work(self) -> None:
        while self._turns:
            key = self._turns.popleft()
            job, done = self._queues[key].popleft()
            self._in_flight.add(key)
            try:
                await self._handle(job)
            except asyncio.CancelledError:
                done.cancel()
                raise
            except Exception as exc:
                log.exception("a watched-channel job of %s failed", key)
                if not done.done():
                    done.set_exception(exc)
                    done.exception()  # retrieved: nobody need await it
            else:
                if not done.done():
                    done.set_result(None)
            finally:
                self._in_flight.discard(key)
                if self._queues.get(key):
                    self._turns.append(key)  # to the back: the other guilds go first
                else:
                    self._queues.pop(key, None)
                if not self._queues and not self._in_flight:
                    self._idle.set()

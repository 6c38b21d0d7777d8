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
    """Per-key FIFO queues served round-robin by ``workers`` tasks (one job per key at a time)."""

    def __init__(self, handle: Callable[[J], Awaitable[None]], *, workers: int) -> None:
        if workers < 1:
            raise ValueError("a FairQueue needs at least one worker")
        self._handle = handle
        self._n_workers = workers
        self._queues: dict[int, deque[J]] = {}
        #: keys with waiting jobs and no job in flight, in turn order
        self._turns: deque[int] = deque()
        self._in_flight: set[int] = set()
        self._wakeup = asyncio.Condition()
        self._tasks: list[asyncio.Task[None]] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs waiting or in flight."""
        return sum(len(q) for q in self._queues.values()) + len(self._in_flight)

    def start(self) -> None:
        if not self._tasks:
            self._tasks = [asyncio.create_task(self._work(), name=f"crosscheck-watch-{i}")
                           for i in range(self._n_workers)]

    async def put(self, key: int, job: J) -> None:
        if self._closed:
            raise RuntimeError("the queue is closed")
        self.start()
        async with self._wakeup:
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
            queue.append(job)
            if key not in self._in_flight and key not in self._turns:
                self._turns.append(key)
            self._idle.clear()
            self._wakeup.notify()

    async def join(self) -> None:
        """Wait until every job put so far (and any they put) is done."""
        await self._idle.wait()

    async def close(self) -> None:
        """Stop the workers; jobs still waiting are dropped (catch-up finds them after a restart)."""
        self._closed = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    async def _work(self) -> None:
        while True:
            async with self._wakeup:
                await self._wakeup.wait_for(lambda: bool(self._turns))
                key = self._turns.popleft()
                job = self._queues[key].popleft()
                self._in_flight.add(key)
            try:
                await self._handle(job)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("a watched-channel job of %s failed", key)
            finally:
                async with self._wakeup:
                    self._in_flight.discard(key)
                    if self._queues.get(key):
                        self._turns.append(key)  # to the back: the other guilds go first
                        self._wakeup.notify()
                    else:
                        self._queues.pop(key, None)
                    if not self._queues and not self._in_flight:
                        self._idle.set()

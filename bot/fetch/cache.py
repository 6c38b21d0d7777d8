"""A small TTL cache with request coalescing, for fetched pages.

A link pasted by five people is fetched once: results are kept for ``ttl``
seconds under the link's canonical URL (:func:`bot.fetch.urls.canonical_url`),
and while one fetch of a URL is under way, others for the same URL wait for it
instead of starting their own. Only successes are cached; a failure is shared
by the callers that were waiting for it and then forgotten.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from .urls import canonical_url

V = TypeVar("V")

__all__ = ["TTLCache", "canonical_url"]


class TTLCache(Generic[V]):
    """Values kept for ``ttl`` seconds, at most ``max_entries`` of them (least recently used go first)."""

    def __init__(
        self,
        ttl: float,
        *,
        max_entries: int = 512,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._inflight: dict[str, asyncio.Task[V]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> V | None:
        """The fresh value for ``key``, or ``None``."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if self._clock() >= expires:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return value

    def put(self, key: str, value: V) -> None:
        if self.ttl <= 0:
            return
        self._entries[key] = (self._clock() + self.ttl, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

    async def get_or_load(self, key: str, loader: Callable[[], Awaitable[V]]) -> V:
        """The cached value, the result of a load already under way, or a new load.

        A caller that is cancelled does not cancel a load others wait for.
        """
        cached = self.get(key)
        if cached is not None:
            return cached
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(self._load(key, loader), name=f"fetch {key}")
            self._inflight[key] = task
            task.add_done_callback(lambda t: self._forget(key, t))
        return await asyncio.shield(task)

    async def _load(self, key: str, loader: Callable[[], Awaitable[V]]) -> V:
        value = await loader()
        self.put(key, value)
        return value

    def _forget(self, key: str, task: asyncio.Task[V]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            # marks the exception as retrieved when every waiter has gone away
            task.exception()

    @property
    def inflight(self) -> int:
        """Loads under way."""
        return len(self._inflight)

    async def aclose(self) -> None:
        """Cancel loads under way and drop every entry."""
        tasks = list(self._inflight.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._inflight.clear()
        self._entries.clear()

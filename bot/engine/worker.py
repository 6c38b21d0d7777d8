"""The NLP worker: spaCy off the event loop, in order, with a bounded queue.

One worker thread owns the spaCy pipeline (spaCy objects are not shared across
threads). Jobs run in the order they were submitted. When more than
``queue_size`` articles wait, new ones are refused with ``Busy`` instead of
piling up memory; the event loop, heartbeats and other commands are never
blocked.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import TypeVar

from .errors import Busy
from .pipeline import Engine
from .types import Article, Claim

T = TypeVar("T")


class NlpWorker:
    def __init__(self, engine: Engine, *, queue_size: int = 32) -> None:
        self.engine = engine
        self.queue_size = queue_size
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="crosscheck-nlp")
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        if self._pending >= self.queue_size:
            raise Busy(
                f"{self._pending} articles are already waiting to be read. Try again in a minute."
            )
        self._pending += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, fn, *args)
        finally:
            self._pending -= 1

    async def read(self, text: str, source=None) -> Article:  # noqa: ANN001
        return await self.run(self.engine.read, text, source)

    async def extract(self, article: Article) -> list[Claim]:
        return await self.run(self.engine.extract, article)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

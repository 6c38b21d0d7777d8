"""Wiring: open the engine, the store and the fetcher once, and close them.

The CLI uses ``open_app``; the Discord client opens the same parts in its
``setup_hook``. Nothing here runs at import time.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .engine.checker import Checker
from .engine.measures import MeasureVocab
from .engine.pipeline import Engine
from .engine.protocol import ClaimStore
from .engine.worker import NlpWorker
from .service import CheckService
from .settings import Settings

if TYPE_CHECKING:
    from .fetch import Fetcher


@dataclass
class App:
    settings: Settings
    engine: Engine
    worker: NlpWorker
    store: ClaimStore
    checker: Checker
    #: the one path from a request to a report (links fetched on first use)
    service: CheckService

    @property
    def vocab(self) -> MeasureVocab:
        return self.engine.vocab


async def build_engine(settings: Settings) -> Engine:
    """Load spaCy and the vocabularies in a thread: it takes a second or two."""
    return await asyncio.to_thread(Engine.from_settings, settings)


@asynccontextmanager
async def open_app(settings: Settings, *, engine: Engine | None = None) -> AsyncIterator[App]:
    from storage import open_store

    engine = engine or await build_engine(settings)
    worker = NlpWorker(engine, queue_size=settings.nlp_queue_size,
                       engine_factory=lambda: Engine.from_settings(settings))
    store = await open_store(settings.db, settings)
    fetch = _LazyFetch(settings)
    try:
        checker = Checker.from_settings(worker, store, settings)
        yield App(settings, engine, worker, store, checker, CheckService(checker, fetch=fetch))
    finally:
        await fetch.close()
        await store.close()
        worker.close()


class _LazyFetch:
    """Fetches links for the command line, opening its HTTP session on the first link only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.fetcher: Fetcher | None = None

    async def __call__(self, url: str, workspace: str):  # noqa: ANN204
        if self.fetcher is None:
            from .fetch import Fetcher

            self.fetcher = Fetcher(self.settings)
        return await self.fetcher.fetch_article(url, workspace=workspace)

    async def close(self) -> None:
        if self.fetcher is not None:
            await self.fetcher.close()
            self.fetcher = None

"""Wiring: open the engine, the store and the fetcher once, and close them.

The CLI uses ``open_app``; the Discord client opens the same parts in its
``setup_hook``. Nothing here runs at import time.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator
from dataclasses import dataclass

from .engine.checker import Checker
from .engine.measures import MeasureVocab
from .engine.pipeline import Engine
from .engine.protocol import ClaimStore
from .engine.worker import NlpWorker
from .settings import Settings


@dataclass
class App:
    settings: Settings
    engine: Engine
    worker: NlpWorker
    store: ClaimStore
    checker: Checker

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
    try:
        checker = Checker.from_settings(worker, store, settings)
        yield App(settings, engine, worker, store, checker)
    finally:
        await store.close()
        worker.close()

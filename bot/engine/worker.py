"""The NLP worker: spaCy off the event loop, in order, with a bounded queue and a time limit.

One worker thread owns the spaCy pipeline (spaCy objects are not shared across
threads). Jobs run in the order they were submitted. When more than
``queue_size`` articles wait, new ones are refused with ``Busy`` instead of
piling up memory; the event loop, heartbeats and other commands are never
blocked.

Under load, articles waiting to be read are taken together: their figure
sentences go through spaCy in one stream (``Engine.extract_many``), each
article's claims kept apart, and each caller is answered as soon as its own
article is done. ``extract_many`` is the same for a caller that has many
articles at once (the command line over many files).

Each article has ``time_limit`` seconds of the worker's time. The engine checks
it between lines and sentences and stops the article with ``TimeLimit`` (a
sentence the user sees); the worker goes on with the next. A spaCy call cannot
be interrupted, so a job that makes no progress at all for ``time_limit +
stuck_grace`` seconds is abandoned: its callers get ``TimeLimit``, the thread is
left to finish on its own, and a new thread with a freshly loaded engine
(``engine_factory``) serves everyone else.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import TypeVar

from .errors import Busy, TimeLimit
from .pipeline import Engine
from .types import Article, Claim

T = TypeVar("T")
log = logging.getLogger(__name__)

Result = list[Claim] | Exception


class NlpWorker:
    def __init__(self, engine: Engine, *, queue_size: int = 32, time_limit: float | None = 20.0,
                 batch_max: int = 32, stuck_grace: float = 15.0,
                 engine_factory: Callable[[], Engine] | None = None) -> None:
        self.engine = engine
        self.queue_size = queue_size
        self.time_limit = time_limit
        self.batch_max = batch_max
        self.stuck_grace = stuck_grace
        self.engine_factory = engine_factory
        engine.time_limit = time_limit
        self._executor = self._new_executor()
        self._thread = _ThreadState()
        self._pending = 0
        #: articles waiting to be read together: (article, future, loop)
        self._queue: deque[tuple[Article, asyncio.Future, asyncio.AbstractEventLoop]] = deque()
        self._lock = threading.Lock()
        self._draining = False

    @staticmethod
    def _new_executor() -> concurrent.futures.ThreadPoolExecutor:
        return concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="crosscheck-nlp")

    @property
    def pending(self) -> int:
        return self._pending

    def _admit(self, n: int = 1) -> None:
        if self._pending + n > self.queue_size:
            raise Busy(f"{self._pending} articles are already waiting to be read. Try again in a minute.")
        self._pending += n

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """Run ``fn(*args)`` on the worker thread (any spaCy work), in submission order."""
        self._admit()
        try:
            loop, token = asyncio.get_running_loop(), object()
            return await self._watch(loop.run_in_executor(self._executor, self._thread.job, token, fn, *args), token)
        finally:
            self._pending -= 1

    async def read(self, text: str, source=None) -> Article:  # noqa: ANN001
        return await self.run(self.engine.read, text, source)

    async def extract(self, article: Article) -> list[Claim]:
        """The article's claims; read together with whatever else is waiting."""
        self._admit()
        try:
            loop = asyncio.get_running_loop()
            fut: asyncio.Future[Result] = loop.create_future()
            with self._lock:
                self._queue.append((article, fut, loop))
                start = not self._draining
                self._draining = True
            if start:
                self._executor.submit(self._thread.job, None, self._drain, self._thread)
            result: Result = await self._watch(fut, None)
        finally:
            self._pending -= 1
        if isinstance(result, Exception):
            raise result
        return result

    async def extract_many(self, articles: Sequence[Article]) -> list[Result]:
        """Each article's claims, or the error that stopped it, in one spaCy stream."""
        if not articles:
            return []
        self._admit(len(articles))
        try:
            loop, token, state = asyncio.get_running_loop(), object(), self._thread
            return await self._watch(loop.run_in_executor(
                self._executor, state.job, token, self._read_many, list(articles), state), token)
        finally:
            self._pending -= len(articles)

    # -- the worker thread ------------------------------------------------------
    def _read_many(self, articles: list[Article], state: _ThreadState) -> list[Result]:
        return self.engine.extract_many(articles, cancelled=state.progress)

    def _drain(self, state: _ThreadState) -> None:
        """Read every waiting article (up to ``batch_max`` at a time) and answer each caller."""
        while True:
            with self._lock:
                batch = [self._queue.popleft() for _ in range(min(self.batch_max, len(self._queue)))]
                if not batch:
                    self._draining = False
                    return
            live = [(a, f, lp) for a, f, lp in batch if not f.done()]
            state.batch = live

            def answer(i: int, result: Result, live=live) -> None:  # noqa: ANN001
                _, fut, loop = live[i]
                loop.call_soon_threadsafe(_settle, fut, result)

            try:
                self.engine.extract_many([a for a, _, _ in live], on_result=answer, cancelled=state.progress)
            except Exception as exc:  # noqa: BLE001 - every caller of the batch gets it
                for _, fut, loop in live:
                    loop.call_soon_threadsafe(_settle, fut, exc)

    # -- the event loop's side ----------------------------------------------------
    async def _watch(self, fut: asyncio.Future, token: object | None) -> T:
        """Wait for a job; if the worker thread makes no progress for too long, give up on it.

        ``token`` names a ``run``/``extract_many`` job (None: an article queued by ``extract``,
        which its batch answers)."""
        state = self._thread
        while True:
            done, _ = await asyncio.wait({fut}, timeout=1.0)
            if done:
                if fut.cancelled():  # never started: its thread was replaced
                    raise Busy("The article reader was restarted after a stuck article. Try again.")
                return fut.result()
            if self.time_limit is None:
                continue
            if state is self._thread and state.stuck(self.time_limit + self.stuck_grace):
                self._replace_stuck_thread()
            if state is not self._thread and token is not None and state.current is token:
                fut.cancel()
                raise TimeLimit(_too_long(self.time_limit))

    def _replace_stuck_thread(self) -> None:
        """Leave the stuck thread to finish alone; serve everything else from a new one."""
        log.warning("the NLP worker made no progress for %.0f s: starting a new one",
                    time.monotonic() - self._thread.beat)
        stuck = self._thread
        stuck.stop.set()  # if the stuck call ever returns, its job stops at the next check
        for _, fut, loop in stuck.batch:  # the articles it was reading together
            loop.call_soon_threadsafe(_settle, fut, TimeLimit(_too_long(self.time_limit or 0)))
        self._thread = _ThreadState()
        old = self._executor
        old.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            waiting = list(self._queue)
            self._queue.clear()
            self._draining = False
        self._executor = self._new_executor()
        if self.engine_factory is not None:
            # the old thread may still be inside the old engine: never share it
            self._executor.submit(self._thread.job, None, self._swap_engine)
        else:
            log.warning("no engine factory: the new thread shares the engine of the stuck one")
        if waiting:
            with self._lock:
                self._queue.extend(w for w in waiting if not w[1].done())
                self._draining = bool(self._queue)
            if self._queue:
                self._executor.submit(self._thread.job, None, self._drain, self._thread)

    def _swap_engine(self) -> None:
        engine = self.engine_factory()  # type: ignore[misc]
        engine.time_limit = self.time_limit
        self.engine = engine

    def close(self) -> None:
        self._thread.stop.set()
        self._executor.shutdown(wait=False, cancel_futures=True)


class _ThreadState:
    """One worker thread's heartbeat: whether it is in a job, when it last made progress, and
    the flag that stops its job at the next check."""

    def __init__(self) -> None:
        self.busy = False
        self.beat = time.monotonic()
        self.stop = threading.Event()
        #: the run/extract_many job in hand, and the articles of the batch in hand
        self.current: object | None = None
        self.batch: list[tuple[Article, asyncio.Future, asyncio.AbstractEventLoop]] = []

    def job(self, token: object | None, fn: Callable[..., T], *args: object) -> T:
        self.busy = True
        self.beat = time.monotonic()
        self.current = token
        try:
            return fn(*args)
        finally:
            self.busy = False
            self.batch = []
            self.beat = time.monotonic()

    def progress(self) -> bool:
        """Called by the engine between lines and sentences: a heartbeat, and whether to stop."""
        self.beat = time.monotonic()
        return self.stop.is_set()

    def stuck(self, after: float) -> bool:
        return self.busy and time.monotonic() - self.beat > after


def _too_long(limit: float) -> str:
    return (f"Reading this article took longer than {limit:g} s, the limit for one article; nothing of it "
            "was used. Check a shorter article, or split it into parts.")


def _settle(fut: asyncio.Future, result: Result) -> None:
    if not fut.done():
        fut.set_result(result)

"""The check service: one path from a request to a report, for the bot, the command line and the tests."""

from __future__ import annotations

from datetime import date

import pytest

import storage
from bot.engine.checker import Checker, worth_storing
from bot.engine.errors import FetchError
from bot.engine.types import Article, SourceInfo
from bot.engine.verdicts import VerdictPolicy
from bot.engine.worker import NlpWorker
from bot.service import CheckRequest, CheckService, merge_fetched
from cogs.watch._parsing import request_from_message
from tests.helpers import BARRIER, BARRIER_CRITICS, NO_FIGURES

MINER = ("Residents of the valley gathered on Sunday to mourn the death of a miner in the collapse at the "
         "old shaft, and asked the company why the tunnel had not been closed after the last inspection. "
         "The union said the company had ignored its warnings and called for an inquiry into the collapse.")


class Counting:
    """A proxy that counts the calls made to an object's methods, by name."""

    def __init__(self, target: object) -> None:
        self._target = target
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def counted(*args, **kwargs):
            self.calls.append(name)
            return value(*args, **kwargs)

        return counted


@pytest.fixture(params=["sqlite", "memory"])
async def parts(request, engine, settings):
    """The service over a counted store (SQLite, then the in-memory one) and worker."""
    store = await storage.open_store(settings.db if request.param == "sqlite" else "memory://", settings)
    worker = NlpWorker(engine)
    counted_store, counted_worker = Counting(store), Counting(worker)
    checker = Checker(counted_worker, counted_store, VerdictPolicy())  # type: ignore[arg-type]
    yield CheckService(checker), counted_store, counted_worker
    worker.close()
    await store.close()


def source(**kw) -> SourceInfo:
    return SourceInfo(workspace="guild-1", published=date(2026, 2, 2), **kw)


async def test_a_stored_check_costs_one_nlp_trip_one_read_and_one_write(parts):
    service, store, worker = parts
    outcome = await service.check(CheckRequest(text=BARRIER), source(outlet="Valley Post"), save=True)
    assert outcome.report.stored is not None
    assert outcome.report.checks
    assert worker.calls == ["extract"]  # the text is validated on a plain thread; spaCy runs once
    assert store.calls == ["check_context", "add_article"]
    # the controls need no read-back: the stored claims (with ids) come with the write
    assert [sc.id for sc in outcome.claims] == [
        sc.id for sc in await store._target.claims_of_source("guild-1", outcome.report.stored.id)]
    assert outcome.report.story is not None
    assert outcome.report.stored.id in outcome.report.story.source_ids


async def test_an_unsaved_check_reads_once_and_writes_nothing(parts):
    service, store, _worker = parts
    await service.check(CheckRequest(text=BARRIER), source(), save=True)
    store.calls.clear()
    outcome = await service.check(CheckRequest(text=BARRIER_CRITICS), source(), save=False)
    assert store.calls == ["check_context"]
    assert outcome.report.stored is None
    assert outcome.claims == ()
    assert any(c.evidence for c in outcome.report.checks)  # checked against the stored article


async def test_one_rule_decides_what_is_stored(parts):
    service, store, _ = parts
    assert worth_storing([]) is False
    empty = await service.check(CheckRequest(text=NO_FIGURES), source(), save=True)
    assert empty.report.checks == ()
    assert empty.report.stored is None
    assert "add_article" not in store.calls
    assert await store._target.count_claims("guild-1") == 0


async def test_a_message_about_the_death_of_a_miner_reaches_the_engine(parts):
    service, _, worker = parts
    request = request_from_message(MINER, min_chars=100)
    assert request == CheckRequest(text=MINER)
    outcome = await service.check(request, source(), save=True)
    assert worker.calls == ["extract"]
    [check] = outcome.report.checks
    assert (check.claim.figure.low, check.claim.subject) == (1, "miner")
    assert outcome.report.stored is not None


async def test_a_seen_article_comes_back_with_its_stored_claims(parts):
    service, store, _ = parts
    first = await service.check(CheckRequest(text=BARRIER), source(), save=True)
    store.calls.clear()
    again = await service.check(CheckRequest(text=BARRIER), source(), save=True)
    assert store.calls == ["check_context"]  # seen before: nothing written
    assert again.report.seen_before is not None
    assert again.report.seen_before.id == first.report.stored.id
    assert [sc.id for sc in again.claims] == [sc.id for sc in first.claims]


def test_fetched_metadata_is_merged_in_one_place():
    known = SourceInfo(workspace="w", outlet="Desk's name", published=date(2026, 1, 2), poster="maria")
    page = SourceInfo(url="https://news.example/a?canonical", title="Page title", outlet="Page outlet",
                      author="A. Writer", published=date(2025, 12, 31))
    merged = merge_fetched(known, page, "https://news.example/a")
    assert (merged.url, merged.title, merged.outlet, merged.author, merged.published, merged.poster) == (
        "https://news.example/a?canonical", "Page title", "Desk's name", "A. Writer", date(2026, 1, 2), "maria")
    assert merge_fetched(known, SourceInfo(), "https://news.example/b").url == "https://news.example/b"


async def test_a_link_is_fetched_and_falls_back_to_the_pasted_text(parts):
    service, _, _ = parts
    asked: list[tuple[str, str]] = []

    async def fetch(url: str, workspace: str) -> Article:
        asked.append((url, workspace))
        if url.endswith("/gone"):
            raise FetchError("The page is gone. Paste the article's text instead.")
        return Article(text=BARRIER, source=SourceInfo(url=url + "?c", title="Barrier approved", outlet="Post"))

    linked = CheckService(service.checker, fetch=fetch)
    article = await linked.read(CheckRequest(url="https://news.example/a"), source())
    assert (article.source.url, article.source.title, article.source.workspace) == (
        "https://news.example/a?c", "Barrier approved", "guild-1")
    fallback = await linked.read(CheckRequest(url="https://news.example/gone", fallback_text=BARRIER_CRITICS),
                                 source())
    assert fallback.text == BARRIER_CRITICS
    assert fallback.source.url is None
    with pytest.raises(FetchError, match="gone"):
        await linked.read(CheckRequest(url="https://news.example/gone"), source())
    assert asked == [
        ("https://news.example/a", "guild-1"), ("https://news.example/gone", "guild-1"),
        ("https://news.example/gone", "guild-1"),
    ]
    with pytest.raises(FetchError, match="Paste"):
        await service.read(CheckRequest(url="https://news.example/a"), source())  # no fetcher here

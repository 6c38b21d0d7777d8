"""The engine's batch path and the NLP worker's bounds: many articles in one spaCy stream with
each article's claims kept apart, a time limit per article, and a worker that outlives a stuck job."""

from __future__ import annotations

import asyncio
import math
import time

import pytest

from bot.engine.errors import Busy, InputError, TimeLimit
from bot.engine.figures import find_figures
from bot.engine.pipeline import _implicit_trigger, may_hold_figure
from bot.engine.types import Article
from bot.engine.worker import NlpWorker
from tests.helpers import make_engine

FLOOD = """Floods kill dozens in the north
At least 42 people were killed and more than 300 were injured when the river burst its banks, officials said.
Rescue teams evacuated about 1,200 residents from Velmar on Tuesday.
"""
BUDGET = """The city council approved a budget of $4.2 million for road repairs, the mayor said.
Unemployment fell to 6.1% in March from 6.4% a year earlier.
"""
NO_FIGURES = "The meeting ended without a decision. Residents were told to wait for news."


def _long_article(sentences: int) -> str:
    return "\n".join(f"Officials said {i + 3} houses were damaged in the village of Arden." for i in range(sentences))


def _json(claims):
    return [c.to_json() for c in claims]


@pytest.fixture(scope="module")
def engine(nlp):
    return make_engine(nlp)


def test_extract_many_keeps_each_articles_claims_apart(engine) -> None:
    articles = [Article(text=t) for t in (FLOOD, NO_FIGURES, BUDGET, FLOOD)]
    alone = [_json(engine.extract(a)) for a in articles]
    together = engine.extract_many(articles)
    assert [_json(r) for r in together] == alone
    assert alone[1] == []
    assert alone[0]
    assert alone[2]
    assert {c["figure"]["low"] for c in alone[2]} >= {4.2e6, 6.1}


def test_a_refused_article_costs_the_others_nothing(engine) -> None:
    bad = Article(text="\u00a0\n")  # empty once stripped
    results = engine.extract_many([Article(text=FLOOD), bad, Article(text=BUDGET)])
    assert isinstance(results[1], InputError)
    assert _json(results[0]) == _json(engine.extract(Article(text=FLOOD)))
    assert _json(results[2]) == _json(engine.extract(Article(text=BUDGET)))


def test_too_many_figure_sentences_are_refused_in_one_line(engine) -> None:
    saved = engine.max_figure_sentences
    engine.max_figure_sentences = 20
    try:
        with pytest.raises(InputError) as err:
            engine.extract(Article(text=_long_article(30)))
    finally:
        engine.max_figure_sentences = saved
    message = str(err.value)
    assert "\n" not in message
    assert "30 sentences with figures" in message
    assert "Split it" in message


def test_time_limit_stops_one_article_and_not_the_next(engine) -> None:
    # a limit the short article fits in many times over, on a loaded machine too, that 2,000 sentences pass
    started = time.perf_counter()
    engine.extract(Article(text=FLOOD))
    limit = max(1, math.ceil(10 * (time.perf_counter() - started)))
    engine.time_limit = limit
    try:
        started = time.perf_counter()
        results = engine.extract_many([Article(text=_long_article(2_000)), Article(text=FLOOD)])
        elapsed = time.perf_counter() - started
    finally:
        engine.time_limit = None
    assert isinstance(results[0], TimeLimit)
    assert f"{limit:g} s" in str(results[0])
    assert "\n" not in str(results[0])
    assert _json(results[1]) == _json(engine.extract(Article(text=FLOOD)))
    # stopped between sentences: soon after the limit, not after reading 2,000 sentences
    assert elapsed < limit + 15


def test_the_raw_line_gate_passes_every_line_with_a_figure(nlp) -> None:
    lines = [
        "At least 42 people were killed.", "Nearly a dozen detectives were assigned.", "a handful of shops closed",
        "Two-thirds of voters agreed.", "Half the town was flooded.", "Several hundred residents left.",
        "Scores of protesters gathered.", "The flood covered 10² square kilometres.", "It cost €3m.",
        "A soldier was killed near the border.", "Thousands marched on Sunday.", "twenty-one boats sank",
        "a couple of houses burned", "One in five adults smokes.", "Man gunned down in car",
    ]
    for line in lines:
        doc = nlp.make_doc(line)
        if find_figures(doc) or _implicit_trigger(line):
            assert may_hold_figure(line), line
    assert not may_hold_figure("The meeting ended without a decision.")


async def test_worker_reads_concurrent_articles_together_and_answers_each(engine) -> None:
    worker = NlpWorker(engine, time_limit=None)
    try:
        texts = [FLOOD, BUDGET, NO_FIGURES] * 4
        got = await asyncio.gather(*(worker.extract(Article(text=t)) for t in texts))
        assert [_json(c) for c in got] == [_json(engine.extract(Article(text=t))) for t in texts]
        many = await worker.extract_many([Article(text=t) for t in texts])
        assert [_json(c) for c in many] == [_json(c) for c in got]
        assert worker.pending == 0
    finally:
        worker.close()


async def test_a_stuck_job_is_abandoned_and_the_worker_serves_the_next(engine) -> None:
    # a job that makes no progress (a spaCy call cannot be interrupted; a sleep stands for it)
    worker = NlpWorker(engine, time_limit=0.5, stuck_grace=0.5, engine_factory=lambda: engine)
    try:
        started = time.perf_counter()
        with pytest.raises(TimeLimit):
            await worker.run(time.sleep, 6)
        assert time.perf_counter() - started < 5
        claims = await asyncio.wait_for(worker.extract(Article(text=FLOOD)), 30)
        assert _json(claims) == _json(engine.extract(Article(text=FLOOD)))
    finally:
        worker.close()
        engine.time_limit = None


async def test_the_queue_stays_bounded(engine) -> None:
    worker = NlpWorker(engine, queue_size=2, time_limit=None)
    try:
        with pytest.raises(Busy):
            await worker.extract_many([Article(text=FLOOD)] * 3)
    finally:
        worker.close()

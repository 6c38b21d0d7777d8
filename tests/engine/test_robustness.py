"""Hostile or absurd input: the engine answers, fast enough, and its JSON stays valid."""

from __future__ import annotations

import json

from bot.engine.types import Article, ArticleReport, ClaimCheck, Figure, Verdict
from bot.engine.verdicts import compare_figures


def test_astronomical_numbers_are_not_figures(engine):
    huge = ",".join(["1"] + ["000"] * 120)
    text = (f"Around {huge} people were evacuated from the coast, officials said. "
            "Some 5 trillion trillion dollars were lost.\n")
    claims = engine.extract(Article(text=text))
    for c in claims:
        for v in (c.figure.low, c.figure.high):
            assert v is None or abs(v) <= 1e18
    report = ArticleReport(source=Article(text=text).source,
                           checks=tuple(ClaimCheck(c, Verdict.UNVERIFIED) for c in claims))
    json.dumps(report.to_json(), allow_nan=False)  # no Infinity in the JSON contract


def test_open_and_infinite_bounds_compare_without_crashing():
    a = Figure("at least 30", 30, None)
    b = Figure("no fewer than 40", 40, None)
    assert compare_figures(a, b, tolerance=0.1) is Verdict.MATCHING
    c = Figure("up to 5", None, 5)
    assert compare_figures(a, c, tolerance=0.1) is Verdict.CONFLICTING


def test_a_long_unpunctuated_paste_is_read(engine):
    """48,000 characters without a full stop: read within the worker's time limit, the figure at its end
    found, and every claim pointing at its own words in the text."""
    import time

    text = ("a soldier and a " * 3000) + "were killed in 3 villages"
    started = time.perf_counter()
    claims = engine.extract(Article(text=text))
    assert time.perf_counter() - started < 20.0  # the NLP worker's default limit for one article
    assert any(c.figure.text == "3" and c.figure.low == c.figure.high == 3 for c in claims)
    for c in claims:
        assert text[c.figure_start:c.figure_end] == c.figure.text
        assert c.sentence == text[c.start:c.end]

"""Work grows with the text, not with its square: a sentence made of numbers is refused in one line.

(Speed itself is measured by scripts/bench_engine.py; these tests check the behaviour.)
"""

from __future__ import annotations

import random

import pytest

from bot.engine.errors import InputError
from bot.engine.pipeline import MAX_NUMBERS_PER_SENTENCE
from bot.engine.types import Article
from tests.helpers import make_engine

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine(nlp):
    return make_engine(nlp)


def _numbers(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [str(rng.randint(2, 99_999)) for _ in range(n)]


@pytest.mark.parametrize("joiner", [", ", " ", " and "])
def test_a_sentence_of_ten_thousand_numbers_is_refused_in_one_line(engine, joiner):
    text = "The figures were " + joiner.join(_numbers(10_000)) + "."
    with pytest.raises(InputError) as err:
        engine.extract(engine.read(text))
    message = str(err.value)
    assert "\n" not in message
    assert "10,000 numbers" in message
    assert f"at most {MAX_NUMBERS_PER_SENTENCE}" in message


def test_a_sentence_at_the_limit_is_read(engine):
    nums = _numbers(60, seed=3)
    text = ("The survey in the region counted " + ", ".join(f"{n} people" for n in nums)
            + " in the villages of the valley, officials said.")
    claims = engine.extract(engine.read(text))
    found = {c.figure.low for c in claims}
    assert len(found & {float(n) for n in nums}) >= 50
    for c in claims:
        assert 0 <= c.figure_start < c.figure_end <= len(text)


def test_many_numbers_spread_over_sentences_are_read(engine):
    sentences = [f"In the town of Aldmoor {n} people were evacuated on Monday." for n in _numbers(40, seed=5)]
    claims = engine.extract(Article(text=" ".join(sentences)))
    assert len(claims) >= 30

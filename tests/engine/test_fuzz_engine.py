"""Fuzzing the engine: ``Engine.read`` + ``extract`` over mixed text never crash and stay sane.

Text is built from digits in many forms (grouped, decimal, signed, superscript,
Arabic-Indic, full-width, vulgar fractions), number words, units, hedges,
verbs and filler, joined by spaces and punctuation. Every claim must have
finite bounds with low <= high and offsets inside the text. A refusal
(``InputError``: not English, too many numbers...) is a clean answer.

200 examples in the normal run; the long run:

    CROSSCHECK_FUZZ_EXAMPLES=10000 python -m pytest tests/engine/test_fuzz_engine.py -q
"""

from __future__ import annotations

import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.errors import InputError
from tests.helpers import make_engine

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("CROSSCHECK_FUZZ_EXAMPLES", "200"))

NUMBERS = [
    "12", "1,200", "3.5", "0.25", "-5", "−7", "+40", "10²", "3⁴", "1⁰", "٣٠", "١٢٥", "１２", "½", "¾", "1½", "2¼",
    "⅓", "12,000,000", "1.2m", "40bn", "$5", "€3.2 million", "£40", "50%", "7.5 per cent", "1e9", "10^6",
    "2024", "20-30", "5–10", "3/4", "1 000", "9,99", "007", "0", "00", "1.", ".5", "12th", "2nd",
    "99999999999999999999", "Ⅻ", "五", "𝟕", "᠑", "1,2,3", "½½", "²", "₂",
]
WORDS = ["twelve", "a dozen", "dozens", "hundreds of", "two million", "one", "a", "zero", "half", "a third",
         "thousands", "sixteen", "ninety-nine", "a quarter of a million", "several", "no"]
UNITS = ["people", "soldiers", "homes", "%", "per cent", "km²", "square kilometres", "hectares", "euros", "dollars",
         "km", "miles", "days", "hours", "tonnes", "votes", "cases", "m²", "°C", "mph"]
HEDGES = ["about", "at least", "nearly", "up to", "more than", "fewer than", "between", "and", "to", "some",
          "roughly", "almost", "over", "under", "an estimated", "as many as", "no fewer than", "or", "-"]
VERBS = ["were killed", "were injured", "were evacuated", "rose to", "fell by", "said", "reported", "died",
         "were arrested", "covered", "cost", "was", "are missing", "have been displaced"]
FILLER = ["the council", "in Aldmoor", "on Monday", "police said", "officials said", "the flood", "of the",
          "according to the ministry", "in 2023", "last week", "(", ")", "\"", "—", ";", ":", "\n"]

piece = st.one_of(
    st.sampled_from(NUMBERS), st.sampled_from(WORDS), st.sampled_from(UNITS), st.sampled_from(HEDGES),
    st.sampled_from(VERBS), st.sampled_from(FILLER),
    st.text(alphabet="0123456789²³¹⁰⁴٠١٢٣۴５½¾.,-−/%$€ ", min_size=1, max_size=6),
)
sentence = st.lists(piece, min_size=1, max_size=18).map(" ".join).map(lambda s: s + st_end(s))
text_strategy = st.lists(sentence, min_size=1, max_size=6).map(
    lambda ss: "The council said on Monday that the figures were reported by the police. " + " ".join(ss))


def st_end(s: str) -> str:
    return "" if s.endswith((".", "\n")) else "."


@pytest.fixture(scope="module")
def engine(nlp):
    return make_engine(nlp)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy)
def test_read_and_extract_never_crash_and_claims_are_sane(engine, text):
    try:
        article = engine.read(text)
        claims = engine.extract(article)
    except InputError as exc:  # refusing is as good an outcome as reading, so pytest.raises does not fit
        assert str(exc)  # noqa: PT017 - either outcome is checked
        assert "\n" not in str(exc)  # noqa: PT017 - either outcome is checked
        return
    for c in claims:
        f = c.figure
        for v in (f.low, f.high):
            assert v is None or math.isfinite(v), (f, c.sentence)
        if f.low is not None and f.high is not None:
            assert f.low <= f.high, (f, c.sentence)
        assert 0 <= c.start <= c.end <= len(text), c
        assert 0 <= c.figure_start < c.figure_end <= len(text), (c.figure_start, c.figure_end, len(text))
        assert c.start <= c.figure_start
        assert c.figure_end <= c.end


@pytest.mark.parametrize("text", [
    "The flood covered 10² square kilometres, officials said on Monday.",
    "Officials said 3⁴ people and 1⁰ cars were hit by the storm on Monday.",
])
def test_superscript_digits_are_read_or_ignored(engine, text):
    claims = engine.extract(engine.read(text))
    for c in claims:
        assert c.figure.low is None or math.isfinite(c.figure.low)


def test_a_negative_count_of_people_is_not_a_figure(engine):
    claims = engine.extract(engine.read("Nearly -5 people were killed in the attack, police said on Monday."))
    assert all(c.figure.low is None or c.figure.low >= 0 for c in claims if c.figure.unit in ("people", "count"))

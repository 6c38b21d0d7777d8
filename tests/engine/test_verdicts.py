"""Verdicts: hedged interval comparison, candidate filters, evidence order and notes."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import count

import pytest

from bot.engine.types import (
    Claim,
    ClaimStatus,
    Figure,
    SourceInfo,
    StoredClaim,
    StoredSource,
    Verdict,
)
from bot.engine.verdicts import (
    DEFAULT_RISING_MEASURES,
    VerdictPolicy,
    compare_figures,
    figure_interval,
    is_rising,
    judge,
    normalise_period,
)

M, C = Verdict.MATCHING, Verdict.CONFLICTING
POLICY = VerdictPolicy()
TODAY = date(2026, 3, 20)
_ids = count(1)


# -- factories -------------------------------------------------------------------------


def fig(low: float | None, high: float | None = ..., *, approx: bool = False, unit: str = "people",  # type: ignore[assignment]
        text: str | None = None) -> Figure:
    """An exact figure by default (``fig(30)``); ``fig(30, None)`` is "at least 30"."""
    if high is ...:
        high = low
    return Figure(text or f"{low}-{high}", low, high, approx=approx, unit=unit)


def make_claim(figure: Figure, *, subject: str = "Zembian soldiers", measure: str = "killed",
               period: str | None = None, on: date | None = None, location: str | None = None,
               entities: tuple[str, ...] = ()) -> Claim:
    return Claim(
        sentence=f"{figure.text} {subject} {measure}.",
        figure=figure,
        measure=measure,
        subject=subject,
        period=period,
        date=on,
        location=location,
        entities=entities,
    )


def stored(figure: Figure, *, status: ClaimStatus = ClaimStatus.UNREVIEWED, source_id: int | None = None,
           published: date | None = None, created: datetime | None = None, text_hash: str | None = None,
           claim_id: int | None = None, **claim_kw: object) -> StoredClaim:
    sid = source_id if source_id is not None else next(_ids)
    created = created or datetime(2026, 1, 1, tzinfo=UTC)
    source = StoredSource(
        id=sid,
        info=SourceInfo(published=published, text_hash=text_hash or f"hash-{sid}", outlet=f"Outlet {sid}"),
        created_at=created,
    )
    return StoredClaim(
        id=claim_id if claim_id is not None else next(_ids),
        claim=make_claim(figure, **claim_kw),  # type: ignore[arg-type]
        source=source,
        status=status,
        created_at=created,
    )


# -- intervals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        # lower bounds are open above
        (fig(30, None), fig(1000), M),
        (fig(30, None), fig(20), C),
        (fig(30, None), fig(200, 999, approx=True), M),  # "at least 30" vs "hundreds"
        (fig(30, None), fig(10, None), M),
        # upper bounds are open below
        (fig(None, 50), fig(40), M),
        (fig(None, 50), fig(60), C),
        (fig(0, 50), fig(40), M),
        (fig(None, 50), fig(30, None), M),
        # approximate figures widen by the tolerance, ranges and exact figures do not
        (fig(10_000, approx=True), fig(10_000, 12_000), M),
        (fig(10_000, approx=True), fig(11_000), M),
        (fig(10_000, 12_000), fig(11_000), M),
        (fig(100, approx=True), fig(110), M),
        (fig(100, approx=True), fig(112), C),
        (fig(100, approx=True), fig(89), C),
        # two approximate figures share the tolerance: "about 26m" against "about 31m" differs
        (fig(100, approx=True), fig(108, approx=True), M),  # 95..105 vs 102.6..113.4
        (fig(100, approx=True), fig(115, approx=True), C),  # 95..105 vs 109.25..120.75
        (fig(100, approx=True), fig(125, approx=True), C),
        (fig(101), fig(111), C),  # exact, not round: no tolerance
        (fig(50), fig(52), C),
        (fig(50), fig(50), M),
        (fig(1000, approx=True), fig(3000, approx=True), C),
        # vague amounts
        (fig(200, 900, approx=True, unit="km2"), fig(1243, unit="km2"), C),  # "several hundred" km2
        (fig(200, 900, approx=True, unit="km2"), fig(800, unit="km2"), M),
        (fig(2000, 9999, approx=True), fig(10_500), M),  # thousands, widened to 10,998.9
        (fig(2000, 9999, approx=True), fig(11_300), C),
        (fig(2000, 9999, approx=True), fig(12_000), C),
        # round numbers as written are rounded: "10,000" is 9,000..11,000, "11,000" is 10,500..11,500
        (fig(10_000, text="10,000"), fig(11_000, text="11,000"), M),
        (fig(10_000, text="10,000"), fig(11_600, text="11,600"), C),
        (fig(1_100, text="1,100"), fig(1_180, text="1,180"), C),
        (fig(1_000, text="a thousand"), fig(1_080, text="1,080"), M),
        (fig(4.2e9, text="$4.2bn", unit="USD"), fig(4.3e9, text="$4.3bn", unit="USD"), C),
        # an amount written to a coarser place agrees with a finer one that rounds to it
        (fig(26e6, text="£26m", unit="GBP"), fig(26.3e6, text="£26.3m", unit="GBP"), M),
        (fig(26e6, text="£26m", unit="GBP"), fig(26.6e6, text="£26.6m", unit="GBP"), C),
        (fig(4.2e9, text="$4.2bn", unit="USD"), fig(4.25e9, text="$4.25bn", unit="USD"), C),
        (fig(2e9, text="£2bn", unit="GBP"), fig(2.4e9, text="£2.4bn", unit="GBP"), C),  # one digit rounds too much
        # "about" widens a figure by its written precision at most: "about 1,900" is 1,800..2,000
        (fig(1_900, approx=True, text="about 1,900"), fig(2_050, text="2,050"), C),
        (fig(1_900, approx=True, text="about 1,900"), fig(1_980, text="1,980"), M),
        (fig(4.2e6, approx=True, text="about 4.2 million"), fig(4.6e6, text="4.6 million"), C),
        (fig(2_000, approx=True, text="about 2,000"), fig(2_150, text="2,150"), M),
        # two hedged figures each keep their written precision: "some 6,500" is written to the hundred, another
        # estimate than "about 6,000"; the same figure hedged two ways agrees
        (fig(6_000, approx=True, text="about 6,000"), fig(6_500, approx=True, text="some 6,500"), C),
        (fig(600_000, approx=True, text="around 600,000"), fig(650_000, approx=True, text="some 650,000"), C),
        (fig(6_000, approx=True, text="about 6,000"), fig(6_000, approx=True, text="roughly 6,000"), M),
        (fig(650, approx=True, text="about 650"), fig(660, approx=True, text="nearly 660"), M),
        # bounds touching count as overlapping
        (fig(10_000, None), fig(10_000), M),
        (fig(None, 10), fig(10, None), M),
        # negatives widen outwards
        (fig(-2.0, approx=True, unit="percent"), fig(-2.15, unit="percent"), M),
        (fig(-2.0, approx=True, unit="percent"), fig(-2.5, unit="percent"), C),
    ],
)
def test_compare_figures_intervals(a: Figure, b: Figure, verdict: Verdict) -> None:
    assert compare_figures(a, b, tolerance=0.10) is verdict
    assert compare_figures(b, a, tolerance=0.10) is verdict


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        # conversions within a family, with the rounding the written digits imply
        (fig(500, unit="acre"), fig(2, unit="km2"), M),
        (fig(500, unit="acre"), fig(5, unit="km2"), C),
        (fig(1, unit="ha"), fig(10_000, unit="m2"), M),
        (fig(100, unit="mi"), fig(161, unit="km"), M),
        (fig(100, unit="mi"), fig(120, unit="km"), C),
        (fig(3, unit="days"), fig(72, unit="hours"), M),
        (fig(2, unit="t"), fig(2000, unit="kg"), M),
        (fig(60, unit="mph"), fig(97, unit="km/h"), M),
        # money only within one currency
        (fig(4.2e9, unit="USD"), fig(4.2e9, unit="USD"), M),
        (fig(4.2e9, unit="USD"), fig(5e9, unit="USD"), C),
        (fig(4.2e9, unit="USD"), fig(4.2e9, unit="EUR"), None),
        # percent only with percent
        (fig(4.2, unit="percent"), fig(4.2, unit="percent"), M),
        (fig(4.2, unit="percent"), fig(4.2, unit="pp"), None),
        (fig(4.2, unit="percent"), fig(4.2, unit="count"), None),
        # people and bare counts are counts both: "41 others died", "53 of the whales had died"
        (fig(30), fig(30, unit="count"), M),
        (fig(30), fig(41, unit="count"), C),
        # other families and free units
        (fig(30), fig(30, unit="km"), None),
        (fig(5, unit="km2"), fig(5, unit="km"), None),
        (fig(300, unit="points"), fig(300, unit="points"), M),
        (fig(300, unit="points"), fig(300, unit="mph"), None),
        # a figure without bounds says nothing
        (Figure("some", None, None), fig(30), None),
    ],
)
def test_compare_figures_units(a: Figure, b: Figure, verdict: Verdict | None) -> None:
    assert compare_figures(a, b, tolerance=0.10) is verdict
    assert compare_figures(b, a, tolerance=0.10) is verdict


def test_same_unit_exact_figures_get_no_rounding() -> None:
    assert compare_figures(fig(2, unit="km2"), fig(2.02, unit="km2"), tolerance=0.10) is C


def test_tolerance_zero_does_not_widen() -> None:
    assert compare_figures(fig(100, approx=True), fig(101), tolerance=0.0) is C
    assert compare_figures(fig(100, approx=True), fig(101), tolerance=0.05) is M


def test_figure_interval() -> None:
    assert figure_interval(fig(30, None), tolerance=0.1) == (30, math.inf)
    assert figure_interval(fig(None, 50), tolerance=0.1) == (-math.inf, 50)
    low, high = figure_interval(fig(10_000, approx=True), tolerance=0.1)
    assert (low, high) == pytest.approx((9000, 11_000))
    low, high = figure_interval(fig(1, unit="km2"), tolerance=0.1, unit="ha")
    assert (low, high) == pytest.approx((100, 100))
    low, high = figure_interval(fig(1243, unit="km2"), tolerance=0.1, rounding=True)
    assert (low, high) == pytest.approx((1242.5, 1243.5))
    low, high = figure_interval(fig(500, unit="acre"), tolerance=0.1, rounding=True)
    assert (low, high) == pytest.approx((450, 550))


# -- periods and measures ------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "key"),
    [
        (None, None),
        ("24 hours", "24h"),
        ("the last 24 hours", "24h"),
        ("a day", "24h"),
        ("the past day", "24h"),
        ("one day", "24h"),
        ("3 days", "72h"),
        ("three days", "72h"),
        ("three consecutive days", "72h"),
        ("72 hours", "72h"),
        ("twenty-four hours", "24h"),
        ("a week", "168h"),
        ("7 days", "168h"),
        ("a fortnight", "336h"),
        ("this week", "this week"),
        ("a few days", "a few days"),
    ],
)
def test_normalise_period(period: str | None, key: str | None) -> None:
    assert normalise_period(period) == key


@pytest.mark.parametrize(
    ("measure", "rising"),
    [
        ("killed", True),
        ("Killed", True),
        ("casualties", True),
        ("killed or wounded", True),
        ("killed+injured+missing+captured", True),
        ("displaced", True),
        ("inflation", False),
        ("deployed", False),
        ("area", False),
    ],
)
def test_is_rising(measure: str, rising: bool) -> None:
    assert is_rising(measure, DEFAULT_RISING_MEASURES) is rising


def test_is_rising_uses_the_given_set() -> None:
    assert is_rising("deployed", {"deployed"})
    assert not is_rising("killed", {"deployed"})


# -- verdict paths ------------------------------------------------------------------


def test_no_candidates_is_unverified() -> None:
    check = judge(make_claim(fig(30, None)), [], policy=POLICY)
    assert check.verdict is Verdict.UNVERIFIED
    assert check.evidence == ()
    assert check.note is None


def test_matching_evidence() -> None:
    ev = stored(fig(1000, approx=True))
    check = judge(make_claim(fig(30, None)), [ev], policy=POLICY)
    assert check.verdict is M
    assert [e.stored for e in check.evidence] == [ev]
    assert check.evidence[0].relation is M
    assert check.evidence[0].score >= POLICY.threshold
    assert check.note is None


def test_conflicting_wins_and_lists_both_kinds() -> None:
    match = stored(fig(10_000, 12_000))
    conflict = stored(fig(3000))
    check = judge(make_claim(fig(10_000, approx=True)), [match, conflict], policy=POLICY)
    assert check.verdict is C
    assert [e.relation for e in check.evidence] == [C, M]
    assert {e.stored.id for e in check.evidence} == {match.id, conflict.id}


@pytest.mark.parametrize(
    "candidate",
    [
        pytest.param(stored(fig(30), measure="injured"), id="other measure"),
        pytest.param(stored(fig(30, unit="percent")), id="incomparable unit"),
        pytest.param(stored(fig(30), subject="Vardic soldiers"), id="other country-like name"),
        pytest.param(stored(fig(30), subject="soldiers"), id="unqualified subject"),
        pytest.param(stored(fig(30), subject="Zembian civilians"), id="related subject"),
        pytest.param(stored(fig(30), status=ClaimStatus.RETRACTED), id="retracted"),
        pytest.param(stored(fig(30), status=ClaimStatus.NOT_A_CLAIM), id="not a claim"),
        pytest.param(stored(fig(30), period="24 hours"), id="period vs running total"),
        pytest.param(stored(fig(30), location="Tarsk"), id="other location"),
    ],
)
def test_filtered_candidates(candidate: StoredClaim) -> None:
    new = make_claim(fig(30), location="Velm" if candidate.claim.location else None)
    check = judge(new, [candidate], policy=POLICY)
    assert check.verdict is Verdict.UNVERIFIED, check


def test_measures_compare_without_case_or_spacing() -> None:
    ev = stored(fig(30), measure="Killed ")
    assert judge(make_claim(fig(30)), [ev], policy=POLICY).verdict is M


@pytest.mark.parametrize("status", [ClaimStatus.DISPUTED, ClaimStatus.SUPERSEDED, ClaimStatus.CONFIRMED])
def test_other_statuses_are_still_evidence(status: ClaimStatus) -> None:
    ev = stored(fig(50), status=status)
    check = judge(make_claim(fig(30)), [ev], policy=POLICY)
    assert check.verdict is C
    assert check.evidence[0].stored.status is status


def test_same_source_and_same_text_are_never_evidence() -> None:
    same_id = stored(fig(50), source_id=9001)
    same_hash = stored(fig(50), text_hash="abc")
    other = stored(fig(30))
    new = make_claim(fig(30))
    check = judge(new, [same_id, same_hash, other], policy=POLICY, own_source_id=9001, own_text_hash="abc")
    assert check.verdict is M
    assert [e.stored for e in check.evidence] == [other]


def test_the_claim_itself_is_never_evidence() -> None:
    ev = stored(fig(30))
    check = judge(ev.claim, [ev], policy=POLICY)
    assert check.verdict is Verdict.UNVERIFIED


def test_threshold_comes_from_the_policy() -> None:
    ev = stored(fig(30), subject="Zembian civilians")
    lenient = VerdictPolicy(threshold=50)
    new = make_claim(fig(30), subject="Zembian people")
    assert judge(new, [ev], policy=POLICY).verdict is Verdict.UNVERIFIED
    assert judge(new, [ev], policy=lenient).verdict is M


def test_tolerance_comes_from_the_policy() -> None:
    ev = stored(fig(115))
    new = make_claim(fig(100, approx=True))
    assert judge(new, [ev], policy=POLICY).verdict is C
    assert judge(new, [ev], policy=VerdictPolicy(tolerance=0.2)).verdict is M


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Zembian troops", "Zembian soldiers"),
        ("Zembian forces", "soldiers from Zembia"),
        ("North Korea's troops", "soldiers from North Korea"),
    ],
)
def test_synonym_subjects_are_compared(old: str, new: str) -> None:
    ev = stored(fig(40), subject=old, entities=("Zembia", "North Korea"))
    claim = make_claim(fig(30, None), subject=new, entities=("Zembia", "North Korea"))
    assert judge(claim, [ev], policy=POLICY).verdict is M


# -- periods and dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_period", "old_period", "compared"),
    [
        ("24 hours", "a day", True),
        ("24 hours", "24 hours", True),
        ("3 days", "72 hours", True),
        ("24 hours", "3 days", False),
        ("24 hours", None, False),
        (None, "24 hours", False),
        (None, None, True),
        ("this week", "this week", True),
        ("this week", "a week", False),
    ],
)
def test_periods(new_period: str | None, old_period: str | None, compared: bool) -> None:
    ev = stored(fig(21), period=old_period)
    check = judge(make_claim(fig(50), period=new_period), [ev], policy=POLICY)
    assert check.verdict is (C if compared else Verdict.UNVERIFIED)


@pytest.mark.parametrize(
    ("measure", "period", "new_on", "old_on", "compared"),
    [
        # non-cumulative measures: different reference dates are different observations
        ("inflation", None, date(2026, 3, 1), date(2026, 4, 1), False),
        ("inflation", None, date(2026, 3, 1), date(2026, 3, 1), True),
        ("inflation", None, date(2026, 3, 1), None, True),
        ("inflation", None, None, date(2026, 3, 1), True),
        # running totals of rising measures: a later date is an update of the same count
        ("killed", None, date(2026, 3, 1), date(2026, 3, 5), True),
        # a daily tally of a rising measure on another day is another tally
        ("killed", "24 hours", date(2026, 3, 1), date(2026, 3, 5), False),
        ("killed", "24 hours", date(2026, 3, 1), date(2026, 3, 1), True),
        # a month written without a day ("in September", read as its first day) is any day of it
        ("counts of fraud", None, date(2026, 9, 1), date(2026, 9, 14), True),
        ("counts of fraud", None, date(2026, 9, 1), date(2026, 10, 14), False),
    ],
)
def test_reference_dates(measure: str, period: str | None, new_on: date | None, old_on: date | None,
                         compared: bool) -> None:
    unit = "percent" if measure == "inflation" else "people"
    ev = stored(fig(5, unit=unit), measure=measure, period=period, on=old_on)
    new = make_claim(fig(7, unit=unit), measure=measure, period=period, on=new_on)
    check = judge(new, [ev], policy=POLICY)
    assert check.verdict is (C if compared else Verdict.UNVERIFIED)


# -- evidence order and cap ------------------------------------------------------------


def test_evidence_order_confirmed_then_conflicting_then_score_then_recent() -> None:
    new = make_claim(fig(30), location="Velm")
    confirmed_match = stored(fig(30), status=ClaimStatus.CONFIRMED, published=date(2026, 1, 1))
    conflict_old = stored(fig(90), published=date(2026, 1, 1), location="Velm")
    conflict_new = stored(fig(80), published=date(2026, 2, 1), location="Velm")
    match_high_score = stored(fig(30), location="Velm", published=date(2026, 1, 1))
    match_low_score = stored(fig(30), subject="wounded Zembian soldiers", published=date(2026, 3, 1))
    shuffled = [match_low_score, conflict_old, match_high_score, confirmed_match, conflict_new]
    check = judge(new, shuffled, policy=POLICY)
    order = [e.stored for e in check.evidence]
    assert order == [confirmed_match, conflict_new, conflict_old, match_high_score, match_low_score]
    scores = {e.stored.id: e.score for e in check.evidence}
    assert scores[match_high_score.id] > scores[match_low_score.id]


def test_disputed_evidence_is_listed_after_confirmed() -> None:
    disputed = stored(fig(90), status=ClaimStatus.DISPUTED)
    confirmed = stored(fig(95), status=ClaimStatus.CONFIRMED)
    check = judge(make_claim(fig(30)), [disputed, confirmed], policy=POLICY)
    assert [e.stored for e in check.evidence] == [confirmed, disputed]


def test_evidence_is_capped_and_the_conflicts_beyond_it_summarised() -> None:
    matches = [stored(fig(30), published=date(2026, 1, d)) for d in range(1, 16)]
    conflicts = [stored(fig(500 + i)) for i in range(12)]
    check = judge(make_claim(fig(30)), matches + conflicts, policy=VerdictPolicy(max_evidence=10))
    relations = [e.relation for e in check.evidence]
    assert len(check.evidence) == 10
    assert relations.count(C) == 9
    assert relations.count(M) == 1
    assert check.verdict is C
    assert check.conflicts is not None
    assert check.conflicts.count == 12
    assert check.conflicts.not_shown == 3
    assert (check.conflicts.lowest.low, check.conflicts.highest.high) == (500, 511)
    check = judge(make_claim(fig(30)), matches + conflicts[:3], policy=VerdictPolicy(max_evidence=10))
    relations = [e.relation for e in check.evidence]
    assert relations == [C] * 3 + [M] * 7


def test_matching_only_is_capped() -> None:
    matches = [stored(fig(30)) for _ in range(15)]
    check = judge(make_claim(fig(30)), matches, policy=VerdictPolicy(max_evidence=4))
    assert check.verdict is M
    assert len(check.evidence) == 4


def test_a_source_repeating_a_figure_counts_once() -> None:
    first = stored(fig(1000, approx=True), source_id=77)
    again = stored(fig(1000, approx=True), source_id=77)
    other_figure = stored(fig(4000), source_id=77)
    check = judge(make_claim(fig(900, 1100)), [first, again, other_figure], policy=POLICY)
    assert len(check.evidence) == 2
    assert {e.relation for e in check.evidence} == {M, C}


def test_duplicate_candidates_are_listed_once() -> None:
    ev = stored(fig(30))
    check = judge(make_claim(fig(30)), [ev, ev], policy=POLICY)
    assert len(check.evidence) == 1


# -- notes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "note"),
    [
        (date(2026, 3, 15), "reported 5 days earlier"),
        (date(2026, 3, 19), "reported 1 day earlier"),
        (date(2026, 3, 20), "reported the same day"),
        (date(2026, 3, 22), "reported 2 days later"),
    ],
)
def test_evidence_timing_note(published: date, note: str) -> None:
    ev = stored(fig(30), published=published)
    check = judge(make_claim(fig(30)), [ev], policy=POLICY, published=TODAY)
    assert check.evidence[0].note == note


def test_evidence_date_falls_back_to_when_stored() -> None:
    ev = stored(fig(30), created=datetime(2026, 3, 17, 9, 30, tzinfo=UTC))
    check = judge(make_claim(fig(30)), [ev], policy=POLICY, published=TODAY)
    assert check.evidence[0].note == "reported 3 days earlier"


def test_no_note_without_the_new_article_date() -> None:
    ev = stored(fig(30), published=date(2026, 3, 15))
    check = judge(make_claim(fig(30)), [ev], policy=POLICY)
    assert check.evidence[0].note is None


@pytest.mark.parametrize(
    ("measure", "new", "old", "old_published", "note"),
    [
        ("killed", fig(1000, approx=True), fig(30), date(2026, 3, 15),
         "higher than reports from 5 days earlier (likely an update)"),
        ("killed", fig(30), fig(1000, approx=True), date(2026, 3, 17),
         "lower than reports from 3 days earlier: a correction or a contradiction"),
        ("killed", fig(1000), fig(30), date(2026, 3, 22),
         "higher than reports from 2 days later: a contradiction, or corrected since"),
        ("killed", fig(30), fig(1000), date(2026, 3, 22),
         "lower than reports from 2 days later (likely updated since)"),
        ("killed", fig(1000), fig(30), TODAY,
         "higher than reports from the same day: a contradiction or a newer count"),
        ("killed", fig(30), fig(1000), TODAY, "lower than reports from the same day: a contradiction"),
        ("deployed", fig(12_000), fig(10_000), date(2026, 3, 15), "higher than reports from 5 days earlier"),
        ("deployed", fig(8_000), fig(10_000), date(2026, 3, 15), "lower than reports from 5 days earlier"),
        ("deployed", fig(8_000), fig(10_000), date(2026, 3, 21), "lower than reports from 1 day later"),
        ("deployed", fig(8_000), fig(10_000), TODAY, "lower than reports from the same day"),
    ],
)
def test_update_or_contradiction_note(measure: str, new: Figure, old: Figure, old_published: date,
                                      note: str) -> None:
    ev = stored(old, measure=measure, published=old_published)
    check = judge(make_claim(new, measure=measure), [ev], policy=POLICY, published=TODAY)
    assert check.verdict is C
    assert check.note == note


def test_note_without_dates() -> None:
    ev = stored(fig(30))
    check = judge(make_claim(fig(1000)), [ev], policy=POLICY)
    assert check.note == "higher than other reports (dates unknown)"


def test_note_gives_the_span_of_days() -> None:
    evs = [stored(fig(30), published=date(2026, 3, d)) for d in (15, 17, 12)]
    check = judge(make_claim(fig(1000)), evs, policy=POLICY, published=TODAY)
    assert check.note == "higher than reports from 3 to 8 days earlier (likely an update)"


def test_note_with_both_directions() -> None:
    lower = stored(fig(30), published=date(2026, 3, 15))
    higher = stored(fig(5000), published=date(2026, 3, 18))
    check = judge(make_claim(fig(1000)), [lower, higher], policy=POLICY, published=TODAY)
    assert check.note == (
        "higher than reports from 5 days earlier (likely an update); "
        "lower than reports from 2 days earlier: a correction or a contradiction"
    )


def test_rising_measures_come_from_the_policy() -> None:
    ev = stored(fig(10_000), measure="deployed", published=date(2026, 3, 15))
    new = make_claim(fig(12_000), measure="deployed")
    policy = VerdictPolicy(rising_measures=frozenset({"deployed"}))
    check = judge(new, [ev], policy=policy, published=TODAY)
    assert check.note == "higher than reports from 5 days earlier (likely an update)"


def test_note_compares_across_units() -> None:
    ev = stored(fig(500, unit="acre"), measure="area", published=date(2026, 3, 15))
    new = make_claim(fig(1243, unit="km2"), measure="area")
    check = judge(new, [ev], policy=POLICY, published=TODAY)
    assert check.verdict is C
    assert check.note == "higher than reports from 5 days earlier"


def test_check_serialises() -> None:
    ev = stored(fig(30), published=date(2026, 3, 15))
    data = judge(make_claim(fig(1000)), [ev], policy=POLICY, published=TODAY).to_json()
    assert data["verdict"] == "conflicting"
    assert data["evidence"][0]["note"] == "reported 5 days earlier"
    assert data["note"].startswith("higher than reports from 5 days earlier")


# -- policy ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs", [{"threshold": -1}, {"threshold": 101}, {"tolerance": -0.1}, {"tolerance": 1.5}, {"max_evidence": 0}]
)
def test_policy_validation(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=r"must be (within|at least)"):
        VerdictPolicy(**kwargs)  # type: ignore[arg-type]


def test_policy_from_settings(settings) -> None:
    """The checker a running crosscheck builds (bot and CLI: Checker.from_settings) judges by the settings."""
    from types import SimpleNamespace

    from bot.engine.checker import Checker
    from bot.engine.measures import MeasureVocab

    vocab = MeasureVocab.load()
    tuned = settings.model_copy(update={"subject_threshold": 80.0, "approx_tolerance": 0.25, "candidate_limit": 7})
    worker = SimpleNamespace(engine=SimpleNamespace(vocab=vocab))
    checker = Checker.from_settings(worker, store=None, settings=tuned)  # type: ignore[arg-type]
    assert (checker.policy.threshold, checker.policy.tolerance, checker.candidate_limit) == (80.0, 0.25, 7)
    assert checker.policy.rising_measures == vocab.rising
    assert vocab.rising
    assert VerdictPolicy.from_settings(settings, max_evidence=3).max_evidence == 3


def test_a_subject_the_article_supplied_tells_no_two_quantities_apart():
    # "The council still faces a £12m budget gap": the sentence names no one; each article filled in its own
    # main party, and those differ without saying this is another gap
    money = fig(12_000_000, unit="GBP")
    new = replace(make_claim(money, subject="Marsh Lane", measure="budget gap"),
                  sentence="The council still faces a £12 million budget gap next year.")
    old = stored(money, subject="Harwick Borough Council", measure="budget gap")
    old = replace(old, claim=replace(old.claim, sentence="It has a £12m budget gap."))
    assert judge(new, [old], policy=POLICY, story_places=()).verdict is M
    # written in both sentences, two names are two parties
    named = replace(new, sentence="Marsh Lane faces a £12 million budget gap next year.")
    written = replace(old, claim=replace(old.claim, sentence="Harwick Borough Council has a £12m budget gap."))
    assert judge(named, [written], policy=POLICY, story_places=()).verdict is not M

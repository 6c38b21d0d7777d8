"""Verdicts: does a new claim match, conflict with, or lack earlier claims?

Pure functions over the domain types: no I/O and no spaCy. The store
retrieves candidates by subject term only; :func:`judge` filters them again
and compares the figures.

Which earlier claims are evidence
---------------------------------
A candidate counts only when all of these hold:

* its status can be evidence (retracted and not-a-claim never are; disputed
  and superseded claims are still listed, with their status);
* it is not the claim itself and not from the same source (``own_source_id``
  or the same text hash): an article never confirms itself;
* same ``measure`` (case and spacing ignored);
* same period: a claim about a period ("24 hours", "3 days") compares only
  with claims about the same length of time, a running total (no period) only
  with running totals. Periods are normalised to hours when they name one
  ("24 hours" == "a day" == "the past day" == "1 day"; "72 hours" ==
  "three days"); vague ones ("this week", "a few days") only equal the same
  words;
* reference dates: when both claims name the date they refer to and the dates
  differ, they are different observations ("inflation in March" vs "in
  April", "killed on Saturday" vs "on Sunday") and are not compared; except
  running totals of rising measures (tolls), where a later date is an update
  of the same count: those are compared, and the note tells update from
  contradiction;
* comparable units (:func:`compare_figures`);
* subject similarity at least ``policy.threshold``
  (:func:`bot.engine.subjects.subject_similarity`).

Intervals and hedges
--------------------
A figure is the interval [low, high], ``None`` being open on that side.
Approximate figures are widened by ``tolerance`` of their value on each side
("about 10,000" with 10% -> 9,000..11,000); exact figures and bounds are not,
so exact 50 and exact 52 conflict while "up to 50" and 40 match. When the two
figures are in different units of one family, an exact figure also gets the
rounding implied by the digits written (half its last significant place,
at most ``tolerance``): "500 acres" (2.02 km2) then matches "2 km2". Two figures
match when their intervals overlap (touching counts: "more than 10,000" and
10,000 match, as writers use "more than" loosely) and conflict otherwise.

Evidence and notes
------------------
The verdict is CONFLICTING when any evidence conflicts, else MATCHING when
any matches, else UNVERIFIED. Evidence is ordered confirmed first, then
conflicting before matching, then by subject score, then most recent report;
it is capped at ``policy.max_evidence``; conflicts left out are summarised
(count, lowest and highest figure) in ``ClaimCheck.conflicts``. A source
repeating the same figure counts once. Each evidence's note
dates it against the new article ("reported 5 days earlier"), from the
source's publication date, else the date it was stored. The claim's note
reads the conflicts: for rising measures a higher figure than older reports is
"likely an update" and a lower one "a correction or a contradiction"; for
other measures it says which is higher and by how many days the reports lie
apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from .counted import CHANGE_KINDS, DIRECTIONS, PARTICLES, change_base
from .numbers import significant_digits, word_value
from .subjects import analyse_subject, discriminator, parts_similarity
from .timing import normalise_period
from .types import Claim, ClaimCheck, ClaimStatus, ConflictSummary, Evidence, Figure, StoredClaim, Verdict
from .units import convert, unit_family
from .units import unit_info as _unit_info

__all__ = [
    "DEFAULT_RISING_MEASURES",
    "VerdictPolicy",
    "compare_figures",
    "figure_interval",
    "is_rising",
    "judge",
    "less_specific",
    "measure_stem",
    "normalise_period",
]

#: measures whose running totals usually grow as reports come in
DEFAULT_RISING_MEASURES: frozenset[str] = frozenset(
    {
        "killed", "dead", "death", "deaths", "died", "fatalities", "fatality", "injured", "wounded",
        "hurt", "casualties", "casualty", "killed or wounded", "killed and wounded", "missing",
        "captured", "displaced", "arrested", "detained", "evacuated", "damage", "damaged",
        "destroyed", "affected", "infected", "cases", "hospitalised", "hospitalized", "kidnapped",
        "abducted", "losses", "lost", "homeless", "refugees", "fled", "rescued",
    }
)

_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class VerdictPolicy:
    """How strict :func:`judge` is. Build it from Settings with :meth:`from_settings`."""

    #: least subject similarity (0..100) for an earlier claim to be compared
    threshold: float = 70.0
    #: relative widening of approximate figures (0.05 = ±5%)
    tolerance: float = 0.05
    #: measures that usually rise over time (see :func:`is_rising`)
    rising_measures: frozenset[str] = field(default=DEFAULT_RISING_MEASURES)
    #: evidence shown per claim; the conflicts beyond it are summarised (ClaimCheck.conflicts)
    max_evidence: int = 10

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 100:
            raise ValueError("threshold must be within 0..100")
        if not 0 <= self.tolerance <= 1:
            raise ValueError("tolerance must be within 0..1")
        if self.max_evidence < 1:
            raise ValueError("max_evidence must be at least 1")

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> VerdictPolicy:
        """The policy of a :class:`bot.settings.Settings` (``subject_threshold``, ``approx_tolerance``)."""
        values: dict[str, Any] = {
            "threshold": settings.subject_threshold,
            "tolerance": settings.approx_tolerance,
        }
        values.update(overrides)
        return cls(**values)


# -- figures -------------------------------------------------------------------


unit_info = lru_cache(maxsize=1024)(_unit_info)  # pure, called for every candidate


def _rounding(value: float, tolerance: float) -> float:
    """Half the place of the last significant digit of ``value``, at most ``tolerance`` of it."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    magnitude = abs(value)
    place = 10.0 ** math.floor(math.log10(magnitude))
    while place > 1e-9:
        if abs(magnitude / place - round(magnitude / place)) < 1e-6:
            break
        place /= 10
    return min(place / 2, magnitude * tolerance)


#: unit families whose name is what the engine calls a figure that nothing names ("money", "percent"...).
#: Not people (a story's "people" are most often its one crowd) nor speed (its one speed), and not a
#: family the measure vocabulary names itself (area)
_FALLBACK_FAMILIES = frozenset("money percent pp count distance duration volume weight".split())


def is_unnamed(claim: Claim) -> bool:
    """A figure named only by its unit's family because nothing says what it counts: "£1.2m" and
    "£52m" in one story are not one quantity because both are money."""
    family = unit_info(claim.figure.unit).family
    if family.startswith("other:"):
        return claim.measure == family.removeprefix("other:")
    if family == "percent" and claim.measure in CHANGE_KINDS and not claim.subject:
        return True  # "that was down 4 per cent": a change of nothing named is as unnamed as "4 per cent"
    return family in _FALLBACK_FAMILIES and claim.measure == family


#: hedges that stress a figure's size: an estimate at the bound, not a bound alone
_EMPHATIC = frozenset({"as many as", "as much as", "as high as"})

_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ROUND_WORDS = re.compile(r"\b(hundred|thousand|million|billion|trillion)s?\b", re.IGNORECASE)


def rounded_step(fig: Figure) -> float | None:
    """The rounding a figure's written digits imply, when it is written as a round number.

    Newsrooms write "10,000 soldiers" for "about 10,000". An exact figure
    whose last number as written ends in two or more zeros is taken as rounded
    to that many places ("10,000" to 10,000, "11,000" to 1,000), and a scale
    word without digits ("a thousand") to its scale; the interval then widens
    by half that step, at most by the approximate tolerance. "50", "1,243"
    and "4.2bn" stay exact.
    """
    numbers = _WRITTEN_NUMBER.findall(fig.text)
    value = fig.low if fig.low is not None else fig.high
    if value is None:
        return None
    if not numbers:
        return abs(value) if _ROUND_WORDS.search(fig.text) else None
    last = numbers[-1].replace(",", "")
    if "." in last or _ROUND_WORDS.search(fig.text[fig.text.rfind(numbers[-1]) :]):
        return None
    zeros = _trailing_zeros(last)
    if zeros < 2 or len(last) < 3:
        return None
    return float(10**zeros)


def _trailing_zeros(digits: str) -> int:
    return len(digits) - len(digits.rstrip("0"))


def written_step(fig: Figure) -> float | None:
    """The precision a hedged figure is written to: "about 1,900" to the hundred, "about 4.6 million"
    to 100,000, "about 2,000" to the thousand. "About" widens a figure by its own precision at most:
    a writer who meant 2,050 would not have written "about 1,900"."""
    numbers = _WRITTEN_NUMBER.findall(fig.text)
    value = fig.low
    if not numbers or value is None or fig.high != value:
        return None  # a range ("between 200 and 300") keeps its hedge
    last = numbers[-1].replace(",", "")
    try:
        written = float(last)
    except ValueError:
        return None
    if written == 0:
        return None
    scale = abs(value / written)
    zeros = _trailing_zeros(last)
    if "." in last:  # "4.2 million": to 100,000; a bare decimal ("2.0%") keeps its hedge
        return 10.0 ** -len(last.split(".", 1)[1]) * scale if scale >= 1000 else None
    return 10.0**zeros * scale if zeros else None  # "about 1,900": to the hundred; "about 108" keeps its hedge


def figure_interval(
    fig: Figure, *, tolerance: float, unit: str | None = None, rounding: bool = False
) -> tuple[float, float]:
    """The figure as a closed interval, in ``unit`` (default its own), widened by its hedge.

    Open sides are infinite. Approximate figures widen by ``tolerance`` of
    each bound, and by their written precision at most
    (:func:`written_step`); with ``rounding``, exact ones widen by the rounding their
    digits imply (used across units, see the module docstring).
    """
    low = -math.inf if fig.low is None else float(fig.low)
    high = math.inf if fig.high is None else float(fig.high)
    if low > high:
        low, high = high, low
    emphatic = (fig.qualifier or "").lower() in _EMPHATIC and math.isinf(low) and math.isfinite(high)
    if emphatic:
        # "as many as 75,000" is an estimate of about 75,000 said to be large, not "anything below it":
        # it agrees with figures near it, not with every smaller one
        low = high
    if fig.approx or emphatic:
        precision = (None if emphatic else written_step(fig)) or math.inf
        low -= min(abs(low) * tolerance, precision) if math.isfinite(low) else 0
        high += min(abs(high) * tolerance, precision) if math.isfinite(high) else 0
    elif (step := rounded_step(fig)) is not None:
        low -= min(step / 2, abs(low) * tolerance) if math.isfinite(low) else 0
        high += min(step / 2, abs(high) * tolerance) if math.isfinite(high) else 0
    elif rounding:
        low -= _rounding(low, tolerance)
        high += _rounding(high, tolerance)
    if unit is not None and unit_info(unit).canonical != unit_info(fig.unit).canonical:
        low = convert(low, fig.unit, unit) if math.isfinite(low) else low
        high = convert(high, fig.unit, unit) if math.isfinite(high) else high
    return low, high


def _comparable_units(a: str, b: str) -> bool:
    ua, ub = unit_info(a), unit_info(b)
    if {ua.family, ub.family} == {"people", "count"}:
        return True  # "41 others died" and "53 of the whales had died": counts both, whoever is counted
    if ua.family != ub.family:
        return False
    if ua.family == "money":  # no exchange rates are guessed
        return ua.canonical == ub.canonical
    return True


def compare_figures(a: Figure, b: Figure, *, tolerance: float) -> Verdict | None:
    """MATCHING when the hedged intervals overlap, CONFLICTING when not; None when not comparable.

    Not comparable: units of different families, money in different
    currencies, or a figure with neither bound.
    """
    if not _comparable_units(a.unit, b.unit):
        return None
    if (a.low is None and a.high is None) or (b.low is None and b.high is None):
        return None
    a_low, a_high, b_low, b_high = _intervals(a, b, tolerance)
    slack = _EPS * max([1.0, *(abs(v) for v in (a_low, a_high, b_low, b_high) if math.isfinite(v))])
    if a.qualifier in _HIGHEST and b.qualifier in _HIGHEST and a.high is not None and b.high is not None:
        # "waves of up to 12 metres" and "up to nine metres": each is the writer's highest, so the highs
        # must agree (one "up to" against a figure inside it still matches)
        a_top = figure_interval(replace(a, low=a.high), tolerance=tolerance)
        b_top = figure_interval(replace(_counted_alike(a, b), low=b.high), tolerance=tolerance, unit=a.unit)
        agree = a_top[0] <= b_top[1] + slack and b_top[0] <= a_top[1] + slack
        return Verdict.MATCHING if agree else Verdict.CONFLICTING
    if a_low <= b_high + slack and b_low <= a_high + slack:
        return Verdict.MATCHING
    if _coarser_agrees(a, b):
        return Verdict.MATCHING
    return Verdict.CONFLICTING


def _scaled_step(fig: Figure) -> float | None:
    """The place an exact amount with a scale word is written to: "£26m" to the million, "£26.3m" to £100,000,
    "$4.2bn" to $100m; None for a figure written in full digits, a range or a hedged figure."""
    if fig.approx or fig.low is None or fig.high != fig.low or fig.qualifier:
        return None
    numbers = _WRITTEN_NUMBER.findall(fig.text)
    if not numbers:
        return None
    last = numbers[-1].replace(",", "")
    try:
        written = float(last)
    except ValueError:
        return None
    if written == 0 or abs(fig.low / written) < 1000:
        return None
    decimals = len(last.split(".", 1)[1]) if "." in last else 0
    return 10.0**-decimals * abs(fig.low / written)


def _coarser_agrees(a: Figure, b: Figure) -> bool:
    """One amount is written to a coarser place than the other and the finer one rounds to it: "£26m" and
    "£26.3m" are one figure told two ways; "$4.2bn" and "$4.3bn", written to the same place, are two."""
    if unit_info(a.unit).canonical != unit_info(b.unit).canonical:
        return False
    steps = (_scaled_step(a), _scaled_step(b))
    if steps[0] is None or steps[1] is None or math.isclose(steps[0], steps[1]):
        return False
    coarse, fine, step = (a, b, steps[0]) if steps[0] > steps[1] else (b, a, steps[1])
    if abs(float(coarse.low)) < 10 * step:  # type: ignore[arg-type]
        return False  # "£2bn" against "£2.4bn": one significant digit rounds too much to tell they agree
    return abs(float(fine.low) - float(coarse.low)) < step / 2 * (1 - 1e-9)  # type: ignore[arg-type]


def _intervals(a: Figure, b: Figure, tolerance: float) -> tuple[float, float, float, float]:
    """The hedged intervals of two comparable figures, ``b``'s in ``a``'s unit."""
    b = _counted_alike(a, b)
    converted = unit_info(a.unit).canonical != unit_info(b.unit).canonical
    tolerance = _shared_tolerance(a, b, tolerance)
    # each hedged figure widens by its written precision at most, however the other is hedged: "some 650,000"
    # is written to the 10,000, so it is another estimate than "around 600,000", not the same one
    a_low, a_high = figure_interval(a, tolerance=tolerance, rounding=converted)
    b_low, b_high = figure_interval(b, tolerance=tolerance, unit=a.unit, rounding=converted)
    return a_low, a_high, b_low, b_high


def _shared_tolerance(a: Figure, b: Figure, tolerance: float) -> float:
    """Two approximate figures share the tolerance between them: "about £26m" and "about £31m" are
    19% apart, a difference an editor flags, though each is within 10% of the other's midpoint."""
    return tolerance / 2 if a.approx and b.approx else tolerance


def _counted_alike(a: Figure, b: Figure) -> Figure:
    """``b`` in ``a``'s unit when one counts people and the other is a bare count (nothing to convert)."""
    if a.unit != b.unit and {unit_info(a.unit).family, unit_info(b.unit).family} == {"people", "count"}:
        return replace(b, unit=a.unit)
    return b


def _direction(a: Figure, b: Figure, tolerance: float) -> str | None:
    """"higher" when ``a`` lies wholly above ``b``, "lower" when wholly below, else None."""
    a_low, a_high, b_low, b_high = _intervals(a, b, tolerance)
    if a_low > b_high:
        return "higher"
    if a_high < b_low:
        return "lower"
    return None


# -- periods, dates, measures ----------------------------------------------------

@lru_cache(maxsize=4096)
def _measure_key(measure: str) -> str:
    return " ".join(measure.lower().split())


#: trailing words of a measure's name that complete its verb, not its thing ("specimens brought up",
#: "whales came ashore"): the particles and directions names are made with
_PARTICLES = PARTICLES | DIRECTIONS | frozenset({"in", "over", "aside"})
#: heads too general to say which thing two names count
_GENERAL_HEADS = frozenset("people person thing total number figure".split())


@lru_cache(maxsize=8192)
def _name_parts(measure: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A measure's name as (the thing's words in the singular, what happened to it): "construction
    workers" -> (("construction", "worker"), ()); "specimens brought up" -> (("specimen",), ("brought",
    "up")); "horses testing" -> (("horse",), ("testing",))."""
    from lemminflect import getLemma  # a data-only package, loaded on first use

    base = change_base(measure)
    if base != measure:  # "rise in shares": what changed is the shares, the change what happened to them
        things, happened = _name_parts(base)
        return things, (*happened, measure.replace(base, "").strip())
    words = _measure_key(measure).split()
    done: list[str] = []
    while len(words) > 1 and (words[-1] in _PARTICLES or _is_participle(words[-1], words[-2])):
        done.insert(0, words.pop())
    thing = tuple((getLemma(w, upos="NOUN") or (w,))[0] for w in words)
    return thing, tuple(done)


@lru_cache(maxsize=8192)
def _is_participle(word: str, before: str) -> bool:
    """A participle naming what happened to the things before it: "-ed" ("beaches closed"), or another
    verb form after a plural ("specimens brought", "horses testing"); not a noun that ends a compound
    ("social housing", "school funding", "burial ground")."""
    from lemminflect import getInflection, getLemma

    if word.endswith("ed") and len(word) > 3:
        return True
    if not before.endswith("s"):
        return False
    if word.endswith("ing") and len(word) > 5:
        return True
    return any(lemma != word and (word in getInflection(lemma, tag="VBN") or word in getInflection(lemma, tag="VBD"))
               for lemma in getLemma(word, upos="VERB"))


def less_specific(a: str, b: str) -> bool:
    """Two names of one counted thing, one saying less than the other of which things: "workers" and
    "construction workers", "subsidies" and "state subsidy", "beaches closed" and "bathing beaches
    closed". Not two things ("timber companies", "logging companies"), nor the things and what happened
    to some of them ("64 shops" and "22 shops closed"; "doses ordered", "doses delivered"), nor a general
    head ("people")."""
    if _measure_key(a) == _measure_key(b):
        return False
    (ta, da), (tb, db) = _name_parts(a), _name_parts(b)
    if not ta or not tb or ta[-1] != tb[-1] or ta[-1] in _GENERAL_HEADS:
        return False
    if tuple(w for w in da if w not in _COMING_TO_BE) != tuple(w for w in db if w not in _COMING_TO_BE):
        return False  # "64 shops" a chain has and "22 shops closed" are a whole and a part of it
    return set(ta) <= set(tb) or set(tb) <= set(ta)


#: what brings things into being or into the count says nothing of which of them: "seal pups born" are the
#: colony's pups, "eggs hatched" its eggs
_COMING_TO_BE = frozenset("born hatched counted tallied recorded spotted sighted".split())


#: how large the same figure of the same things must be before another event's name is taken for the same
#: quantity: small counts agree by chance ("two pools closed", "two pools reopened")
ALIAS_MIN = 10


def thing_stem(claim: Claim) -> str | None:
    """The word a store looks for to find the same things named by another event: the singular of the
    subject's last word ("cells" -> "cell"), for things only (people's events are different facts: arrested,
    charged, convicted)."""
    if _unit_info(claim.figure.unit).family == "people" or not claim.subject:
        return None
    words = claim.subject.split()
    if not words or not words[-1].isalpha() or not words[-1].islower():
        return None  # "Tarnmouth Sharks": a name says whose, not which things
    thing, _ = _name_parts(words[-1])
    if not thing or thing[-1] in _GENERAL_HEADS:
        return None
    return thing[-1] if len(thing[-1]) >= 3 else None


def same_figure_of_same_things(new: Claim, old: Claim) -> bool:
    """Two claims that give the same exact figure of the same things under two names of what happened to
    them ("48 cells were destroyed", "officials estimate that 48 cells were wrecked"): the same quantity, one
    report choosing another verb. Only things (see :func:`thing_stem`), only the same number of ten or more
    written in one unit, unhedged by "about" and agreeing (the caller passes only claims whose measure
    differs, and not two of the vocabulary's names, which are two facts). Opposite events of one number
    ("150 flights cancelled", "150 flights resumed") can still match: a wrong confirmation, never a conflict."""
    a, b = new.figure, old.figure
    written = {v for v in (a.low, a.high) if v is not None} & {v for v in (b.low, b.high) if v is not None}
    if a.approx or b.approx or not written or a.unit != b.unit or min(written) < ALIAS_MIN:
        return False  # the same number written ("more than 21,500 pigs have been culled", "21,500 destroyed")
    if compare_figures(a, b, tolerance=0.0) is not Verdict.MATCHING:
        return False
    stem = thing_stem(new)
    return stem is not None and stem == thing_stem(old)


def distinctive(value: float) -> bool:
    """A number that two figures of one story are unlikely to share by chance: 100 or more, with three
    significant digits or more ("112", "1,140", "2,360", "£212m"); not "48", "400", "1,200", "2,500" or
    "£6.8m"."""
    return value >= 100 and significant_digits(value) >= 3


def same_distinctive_figure(new: Claim, old: Claim) -> bool:
    """Two claims of a story that write the same distinctive number in the same unit ("£6.8m spent on
    consultants", "paid consultants £6.8m"; "1,140 photographers filed the claim", "the 1,140 image-makers"):
    one quantity that two reports name in their own words. Only agreeing figures (a wrong confirmation, never
    a conflict); the caller passes only claims whose measure differs, and not two of the vocabulary's names."""
    a, b = new.figure, old.figure
    written = {v for v in (a.low, a.high) if v is not None} & {v for v in (b.low, b.high) if v is not None}
    if not written or a.unit != b.unit or not distinctive(min(written)):
        return False
    return compare_figures(a, b, tolerance=0.0) is Verdict.MATCHING


def measure_stem(measure: str) -> str | None:
    """The word a store looks for to find names of the same thing: the head's singular without a final
    "y" ("subsid" finds "subsidies" and "state subsidy")."""
    thing, _ = _name_parts(measure)
    if not thing or thing[-1] in _GENERAL_HEADS or not thing[-1].isalpha():
        return None
    head = thing[-1][:-1] if thing[-1].endswith("y") else thing[-1]
    return head if len(head) >= 4 else None  # "boys" -> "bo" would find most names


def is_rising(measure: str, rising_measures: Iterable[str] = DEFAULT_RISING_MEASURES) -> bool:
    """True for measures that usually grow as reports come in (tolls, damage...).

    The whole measure or any of its words may be listed ("killed or wounded"
    is rising because "killed" is).
    """
    key = _measure_key(measure)
    rising = {_measure_key(m) for m in rising_measures}
    if key in rising:
        return True
    return any(w in rising for w in re.split(r"[^a-z]+", key) if w)


def _same_context(new: Claim, old: Claim, policy: VerdictPolicy, *, in_story: bool = False,
                  story_hours: float | None = None, other_name: bool = False, alias: bool = False,
                  echo: bool = False) -> bool:
    """Same measure, same period, and no different reference dates (see the module docstring).

    Within a story only an explicit period on both sides must agree ("annual"
    on one side only is how writers vary), except for rising measures, where a
    count over a period is not the running total, unless the period covers
    the whole story so far (``story_hours``): "4 arrested during the day" of a
    one-day march is its total.
    """
    if _measure_key(new.measure) != _measure_key(old.measure) and not alias and not echo \
            and not (other_name and less_specific(new.measure, old.measure)):
        return False
    pn, po = normalise_period(new.period), normalise_period(old.period)
    if pn != po:
        if not in_story or (pn is not None and po is not None):
            return False
        if _short_rate(new.period) or _short_rate(old.period):
            return False  # "£1,400 a week" is no lump sum, however the other report words its figure
        if is_rising(new.measure, policy.rising_measures) and not _covers(pn or po, story_hours):
            return False
    if new.date is not None and old.date is not None and new.date != old.date and (
            new.period is not None or old.period is not None or not _dates_agree(new.date, old.date)):
        return new.period is None and is_rising(new.measure, policy.rising_measures)
    return True


_RATE_WORDS = re.compile(r"^\s*(?:a|an|per|each|every)\s", re.IGNORECASE)


def _short_rate(period: str | None) -> bool:
    """A rate per day, week or month ("a week", "per day"): a figure of another kind than a total. A year
    is not one ("annual" on one side only is how writers vary)."""
    if not period or not _RATE_WORDS.match(period):
        return False
    hours = normalise_period(period)
    if hours is None or not re.fullmatch(r"[\d.]+h", hours):
        return period.lower().split()[-1] in ("day", "week", "month", "hour", "night", "shift", "fortnight")
    return float(hours[:-1]) < 8000


def _dates_agree(a: date, b: date) -> bool:
    """The same reference date, where a month or a year is written without a day: "convicted in
    September" (read as its first day) is the day "convicted on Monday" gives in that month. (A
    daily tally is held to its own day: the caller asks this only of figures without a period.)"""
    if a == b:
        return True
    if a.year != b.year:
        return False
    first, other = (a, b) if a.day == 1 else (b, a)
    return first.day == 1 and first.month in (1, other.month)  # a month's first day, or a year's


def _covers(period: str | None, story_hours: float | None) -> bool:
    """True when a period ("24h") is at least as long as the story has run."""
    if period is None or story_hours is None or not period.endswith("h"):
        return False
    try:
        return float(period[:-1]) >= story_hours
    except ValueError:
        return False


# -- evidence --------------------------------------------------------------------


def _reported_on(stored: StoredClaim) -> date | None:
    """When the evidence was reported: its source's publication date, else when it was posted
    in Discord, else when it was stored."""
    info = stored.source.info
    if info.published is not None:
        return info.published
    if info.posted_at is not None:
        return info.posted_at.date()
    when = stored.source.created_at or stored.created_at
    return when.date() if when is not None else None


def _gap_days(published: date | None, stored: StoredClaim) -> int | None:
    """Days from the evidence's report to the new article's (positive: evidence is older)."""
    reported = _reported_on(stored)
    if published is None or reported is None:
        return None
    return (published - reported).days


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _timing_note(gap: int | None) -> str | None:
    if gap is None:
        return None
    if gap == 0:
        return "reported the same day"
    return f"reported {_days(abs(gap))} {'earlier' if gap > 0 else 'later'}"


def _eligible(
    claim: Claim,
    cand: StoredClaim,
    *,
    policy: VerdictPolicy,
    own_source_id: int | None,
    own_text_hash: str | None,
    in_story: bool = False,
    story_hours: float | None = None,
    published: date | None = None,
    other_name: bool = False,
    alias: bool = False,
    echo: bool = False,
    increments: bool = False,
) -> bool:
    """Whether ``cand`` may be evidence for ``claim``: an earlier total, or with ``increments`` an earlier
    increment ("1,100 extra staff" against "1,100 extra staff")."""
    if not cand.status.can_be_evidence or cand.claim is claim:
        return False
    if (_past_value(cand.claim, published) and claim.date is None
        and not _rate_of_last_year(claim, cand.claim, published)) \
            or (_past_value(claim, _reported_on(cand)) and cand.claim.date is None
                and not _rate_of_last_year(cand.claim, claim, _reported_on(cand))):
        # "86.5% in 2025" is an earlier observation than an undated figure reported in 2026 (which is of its day)
        return False
    if own_source_id is not None and cand.source.id == own_source_id:
        return False
    if own_text_hash and cand.source.info.text_hash == own_text_hash:
        return False
    if is_increment(cand.claim) != increments:
        return False
    if alias and not same_figure_of_same_things(claim, cand.claim):
        return False
    if echo and not same_distinctive_figure(claim, cand.claim):
        return False
    return _same_context(claim, cand.claim, policy, in_story=in_story, story_hours=story_hours,
                         other_name=other_name, alias=alias, echo=echo)


_ANNUAL = re.compile(r"^\s*(?:a|an|per|each|every)\s+year\s*$|^\s*annually\s*$", re.IGNORECASE)


def _rate_of_last_year(rate: Claim, dated: Claim, reported: date | None) -> bool:
    """An undated yearly rate ("handles about 6.7 billion letters a year") is as much the last full year's
    figure ("handled about 6.7 billion letters last year") as it is today's."""
    return bool(rate.period and _ANNUAL.match(rate.period)) and dated.date is not None and reported is not None \
        and dated.date.year == reported.year - 1 and not _FORWARD.search(rate.sentence)


#: words that make a yearly rate a plan, a forecast or a capacity rather than what is done now ("expects to
#: handle 40 million passengers a year once a second runway opens")
_FORWARD = re.compile(r"\b(?:will|would|could|may|might|expects?|expected|plans?|planned|aims?|once|forecasts?|"
                      r"projected|capacity|target|by 20\d\d)\b", re.IGNORECASE)


def _past_value(claim: Claim, reported: date | None) -> bool:
    """A figure dated in a year before ``reported``, when an undated figure it is held against was reported."""
    return claim.date is not None and reported is not None and claim.date.year < reported.year


def _sort_key(ev: Evidence) -> tuple[Any, ...]:
    reported = _reported_on(ev.stored)
    return (
        ev.stored.status is not ClaimStatus.CONFIRMED,
        ev.relation is not Verdict.CONFLICTING,
        -ev.score,
        -(reported.toordinal() if reported else 0),
        -ev.stored.id,
    )


def _dedupe(evidence: Sequence[Evidence]) -> list[Evidence]:
    """One evidence per stored claim, and per (source, relation, figure): an article repeating itself counts once."""
    seen: set[int | tuple[Any, ...]] = set()  # stored claim ids and (source, relation, figure) keys
    out: list[Evidence] = []
    for ev in sorted(evidence, key=_sort_key):
        fig = ev.stored.claim.figure
        key = (ev.stored.source.id, ev.relation, fig.low, fig.high, unit_info(fig.unit).canonical)
        if ev.stored.id in seen or key in seen:
            continue
        seen.update({ev.stored.id, key})
        out.append(ev)
    return out


def _cap(evidence: list[Evidence], limit: int) -> list[Evidence]:
    """The first ``limit`` in order; when they are all conflicting, the best match takes the last place.

    The conflicts left out are summarised (:func:`_summary`), never silently dropped.
    """
    kept = evidence[:limit]
    if len(evidence) > limit and all(ev.relation is Verdict.CONFLICTING for ev in kept):
        match = next((ev for ev in evidence[limit:] if ev.relation is Verdict.MATCHING), None)
        if match is not None:
            kept = [*kept[: limit - 1], match]
    return kept


def _summary(conflicting: Sequence[Evidence], shown: Sequence[Evidence], tolerance: float) -> ConflictSummary | None:
    """Count, lowest and highest figure of every conflicting earlier claim."""
    if not conflicting:
        return None

    def low(ev: Evidence) -> float:
        return figure_interval(ev.stored.claim.figure, tolerance=0.0)[0]

    def high(ev: Evidence) -> float:
        return figure_interval(ev.stored.claim.figure, tolerance=0.0)[1]

    lowest = min(conflicting, key=lambda ev: (low(ev), high(ev)))
    highest = max(conflicting, key=lambda ev: (high(ev), low(ev)))
    in_view = sum(1 for ev in shown if ev.relation is Verdict.CONFLICTING)
    return ConflictSummary(
        count=len(conflicting), lowest=lowest.stored.claim.figure, highest=highest.stored.claim.figure,
        not_shown=len(conflicting) - in_view,
    )


# -- increments ----------------------------------------------------------------------

_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional|further|extra|new|other)\b(?!\s+than)", re.IGNORECASE)
_INCREMENT_IN_FIGURE = re.compile(r"\b(?:more|additional|further|another)\b(?!\s+than)", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra)\s*$", re.IGNORECASE)


@lru_cache(maxsize=32768)
def is_increment(claim: Claim) -> bool:
    """True for a figure that adds to an earlier count: "six more bodies", "another 12 injured", "at three
    other sites" (besides one just named)."""
    if _INCREMENT_IN_FIGURE.search(claim.figure.text):
        return True
    sentence = claim.sentence
    i, j = claim.figure_start - claim.start, claim.figure_end - claim.start
    if not (0 <= i <= j <= len(sentence)):
        i = sentence.find(claim.figure.text)
        if i < 0:
            return False
        j = i + len(claim.figure.text)
    return bool(_INCREMENT_AFTER.match(sentence[j:j + 20]) or _INCREMENT_BEFORE.search(sentence[max(0, i - 20):i]))


# -- the update-or-contradiction note ----------------------------------------------

_RISING_PHRASES = {
    ("higher", "earlier"): "{d} than reports from {g} earlier (likely an update)",
    ("lower", "earlier"): "{d} than reports from {g} earlier: a correction or a contradiction",
    ("higher", "later"): "{d} than reports from {g} later: a contradiction, or corrected since",
    ("lower", "later"): "{d} than reports from {g} later (likely updated since)",
    ("higher", "same"): "{d} than reports from the same day: a contradiction or a newer count",
    ("lower", "same"): "{d} than reports from the same day: a contradiction",
}
_PLAIN_PHRASES = {
    "earlier": "{d} than reports from {g} earlier",
    "later": "{d} than reports from {g} later",
    "same": "{d} than reports from the same day",
}
_TIMING_ORDER = {"earlier": 0, "same": 1, "later": 2, "unknown": 3}


def _gap_text(gaps: Sequence[int]) -> str:
    lo, hi = min(gaps), max(gaps)
    return _days(lo) if lo == hi else f"{lo} to {_days(hi)}"


def _superseded(claim: Claim, ranked: Sequence[Evidence], conflicting: Sequence[Evidence],
                policy: VerdictPolicy) -> bool:
    """The newest report matches the claim and every conflicting report is earlier: the figure has
    since been revised to the claim's (for a rising toll, only an earlier *lower* figure is revised:
    a toll does not fall)."""
    rising = is_rising(claim.measure, policy.rising_measures)
    matching = [ev for ev in ranked if ev.relation is Verdict.MATCHING]
    dated = [(_reported_on(ev.stored), ev) for ev in matching]
    if not matching or any(d is None for d, _ in dated):
        return False
    newest = max(d for d, _ in dated if d is not None)
    # the same day, only a report that gives the figure itself revises a lower one ("at least 12" agrees with 16
    # without saying it: "Fourteen" that day still differs)
    said = any(d == newest and ev.stored.claim.figure.low is not None and ev.stored.claim.figure.high is not None
               for d, ev in dated)
    for ev in conflicting:
        when = _reported_on(ev.stored)
        if when is None or when > newest or (when == newest and not (rising and said)) \
                or (rising and _direction(claim.figure, ev.stored.claim.figure, policy.tolerance) != "higher"):
            return False  # (a toll rises through a day: a lower one the same day as the agreeing report is revised)
    return True


def _shown_figure(fig: Figure) -> str:
    return fig.text or f"{fig.low:g}"


def _conflict_note(
    claim: Claim, conflicting: Sequence[Evidence], *, policy: VerdictPolicy, published: date | None
) -> str | None:
    """E.g. "higher than reports from 5 days earlier (likely an update)"; parts joined by "; "."""
    groups: dict[tuple[str, str], list[int]] = {}
    for ev in conflicting:
        direction = _direction(claim.figure, ev.stored.claim.figure, policy.tolerance)
        if direction is None:
            continue
        gap = _gap_days(published, ev.stored)
        timing = "unknown" if gap is None else "same" if gap == 0 else "earlier" if gap > 0 else "later"
        groups.setdefault((direction, timing), [])
        if gap is not None:
            groups[(direction, timing)].append(abs(gap))
    rising = is_rising(claim.measure, policy.rising_measures)
    parts = []
    for (direction, timing), gaps in sorted(groups.items(), key=lambda kv: (_TIMING_ORDER[kv[0][1]], kv[0][0])):
        if timing == "unknown":
            parts.append(f"{direction} than other reports (dates unknown)")
            continue
        template = _RISING_PHRASES[(direction, timing)] if rising else _PLAIN_PHRASES[timing]
        parts.append(template.format(d=direction, g=_gap_text(gaps) if gaps else ""))
    return "; ".join(parts) or None


# -- judge -----------------------------------------------------------------------------


def judge(
    claim: Claim,
    candidates: Sequence[StoredClaim],
    *,
    policy: VerdictPolicy,
    published: date | None = None,
    own_source_id: int | None = None,
    own_text_hash: str | None = None,
    story_places: Iterable[str] | None = None,
    story_days: int | None = None,
    other_name: bool = False,
    alias: bool = False,
    echo: bool = False,
) -> ClaimCheck:
    """Compare one new claim with earlier claims and give its verdict and evidence.

    ``published`` is the new article's date (pass the posting date, or today,
    when the article carries none): it dates the notes. CONFLICTING when any
    evidence conflicts (the evidence lists both kinds), else MATCHING when any
    matches, else UNVERIFIED. Evidence is ordered confirmed first, then
    conflicting before matching, then by subject score and most recent report,
    and capped at ``policy.max_evidence``; every conflict counts towards the
    verdict and the note, and those beyond the cap are summarised.

    With ``story_places`` (the candidates are the claims of the claim's own
    story), no subject similarity is asked for: the same measure is the same
    quantity unless :func:`bot.engine.subjects.discriminator` tells the two
    apart. An increment ("six more bodies") is not compared with totals: it
    adds to them (see the note). With ``other_name`` the candidates may name
    the claim's thing another way, one saying less than the other
    (:func:`less_specific`: "workers" and "construction workers"). With ``alias`` they may name
    another event of the same things, and only the same figure of them is evidence
    (:func:`same_figure_of_same_things`: "48 cells were wrecked" and "48 cells destroyed"). With ``echo``
    they may name the quantity in other words altogether, and only the same distinctive number is evidence
    (:func:`same_distinctive_figure`).
    """
    in_story = story_places is not None
    places = frozenset(story_places or ())
    story_hours = 24.0 * (story_days + 1) if story_days is not None else None
    parts = analyse_subject(claim.subject, claim.entities)
    written = analyse_subject(claim.subject if _written(claim) else "", claim.entities)
    if is_unnamed(claim):
        return ClaimCheck(claim=claim, verdict=Verdict.UNVERIFIED, evidence=(), note=None, conflicts=None)
    if is_increment(claim):
        return _increment_check(claim, candidates, policy=policy, own_source_id=own_source_id,
                                own_text_hash=own_text_hash, in_story=in_story, published=published)
    found: list[Evidence] = []
    for cand in candidates:
        if not _eligible(claim, cand, policy=policy, own_source_id=own_source_id, own_text_hash=own_text_hash,
                         in_story=in_story, story_hours=story_hours, published=published, other_name=other_name,
                         alias=alias, echo=echo):
            continue
        relation = compare_figures(claim.figure, cand.claim.figure, tolerance=policy.tolerance)
        if relation is None:
            continue
        if in_story and relation is Verdict.CONFLICTING and _writes(cand.claim.sentence, claim.figure):
            # "the concessions cover 85,000 hectares of the 312,000-hectare territory": the earlier report
            # writes this figure too, so it tells its own figure apart from this one
            continue
        other = cand.claim
        other_parts = analyse_subject(other.subject, other.entities)
        if in_story:
            # a subject the article supplied (its main party, where the sentence names none) tells nothing apart
            other_written = other_parts if _written(other) else analyse_subject("", other.entities)
            if discriminator(claim, written, other, other_written, places) is not None:
                continue
            score = 100.0 if parts.empty or other_parts.empty else parts_similarity(claim, parts, other, other_parts)
        else:
            score = parts_similarity(claim, parts, other, other_parts)
            if score < policy.threshold:
                continue
        found.append(Evidence(cand, relation, score, _timing_note(_gap_days(published, cand))))
    # a report that gives the measure two figures tells them apart itself ("11 injured, three of them
    # critically"): where one of its figures agrees, its others are other quantities, not conflicts
    agreeing = {ev.stored.source.id for ev in found if ev.relation is Verdict.MATCHING} if in_story else set()
    found = [ev for ev in found if ev.relation is Verdict.MATCHING or ev.stored.source.id not in agreeing]
    ranked = _dedupe(found)
    evidence = _cap(ranked, policy.max_evidence)
    conflicting = [ev for ev in ranked if ev.relation is Verdict.CONFLICTING]
    note: str | None
    if conflicting and in_story and (others := _other_estimators(
            claim, ranked, conflicting, is_rising(claim.measure, policy.rising_measures))):
        # the claimant's own earlier figure agrees; others estimate differently ("police said 12,000,
        # organisers 50,000"): a matching claim, with the other estimates named
        verdict = Verdict.MATCHING
        note = f"differs from the estimates of {others}"
    elif conflicting and in_story and _superseded(claim, ranked, conflicting, policy):
        # a revised figure: the latest report agrees and every differing one is older (for a toll, lower)
        verdict = Verdict.MATCHING
        lows = sorted({_shown_figure(ev.stored.claim.figure) for ev in conflicting})
        fewer = all(_direction(claim.figure, ev.stored.claim.figure, policy.tolerance) == "higher"
                    for ev in conflicting)
        gave = "fewer" if fewer else "other figures"
        note = f"the latest report agrees; earlier reports gave {gave} ({', '.join(lows[:3])})"
    elif conflicting:
        verdict = Verdict.CONFLICTING
        note = _conflict_note(claim, conflicting, policy=policy, published=published)
    else:
        verdict = Verdict.MATCHING if evidence else Verdict.UNVERIFIED
        note = None
    return ClaimCheck(claim=claim, verdict=verdict, evidence=tuple(evidence), note=note,
                      conflicts=_summary(conflicting, evidence, policy.tolerance))


#: a sentence that carries an increment on to a running total: "..., taking the total to nine"
_CARRIED_TO_TOTAL = re.compile(r"\b(?:tak(?:e|es|ing|en)|took|bring(?:s|ing)?|brought|push(?:es|ed|ing)?|"
                               r"rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?)\b.{0,40}?\b(?:total|tally|toll|number|count)\b"
                               r".{0,40}?\bto\b", re.IGNORECASE)


def _carries_to(increment: Claim, total: Figure) -> bool:
    """The increment's sentence takes a running total to the total's figure ("two more nurseries have tested
    positive, taking the total number of infected sites to nine")."""
    m = _CARRIED_TO_TOTAL.search(increment.sentence)
    if m is None or total.low is None:
        return False
    words = increment.sentence[m.end():m.end() + 30].replace(",", "").split()
    while words and words[0].lower() in ("about", "around", "some", "nearly", "almost"):
        words = words[1:]
    return bool(words) and word_value(words[0].strip(".;:")) == total.low  # "to nine", "to 1,204"


def explained_rise(check: ClaimCheck, added: Sequence[Claim]) -> ClaimCheck:
    """A conflicting total that the article itself explains as an earlier figure plus what it adds: "two more
    nurseries have tested positive, taking the total to nine" against an earlier seven. ``added`` are the
    article's increments ("two more"); one explains the total only where its own sentence carries it on to the
    total's figure ("taking the total to nine"). The total matches when the newest conflicting report gave
    exactly the total less that increment, and every other conflicting report is older and lower; the
    explained report's evidence becomes matching and the note says so. Any other check is returned as it is."""
    fig = check.claim.figure
    if check.verdict is not Verdict.CONFLICTING or fig.low is None or fig.low != fig.high or fig.approx:
        return check
    conflicting = [ev for ev in check.evidence if ev.relation is Verdict.CONFLICTING]

    def exact(f: Figure) -> float | None:
        return f.low if f.low is not None and f.low == f.high else None

    for claim in added:
        inc = claim.figure
        k = exact(inc)
        if k is None or not 0 < k < fig.low or unit_family(inc.unit) != unit_family(fig.unit) \
                or not _carries_to(claim, fig):
            continue
        before = fig.low - k
        explained = [ev for ev in conflicting if exact(ev.stored.claim.figure) == before]
        if not explained:
            continue
        newest = max((_reported_on(ev.stored) or date.min) for ev in explained)
        if any(ev not in explained and ((_reported_on(ev.stored) or date.max) > newest
                                        or (ev.stored.claim.figure.high or math.inf) > fig.low)
               for ev in conflicting):
            continue
        evidence = tuple(replace(ev, relation=Verdict.MATCHING) if ev in explained else ev for ev in check.evidence)
        left = [ev for ev in evidence if ev.relation is Verdict.CONFLICTING]
        conflicts = check.conflicts
        if conflicts is not None and not conflicts.not_shown:
            conflicts = _summary(left, evidence, 0.0) if left else None
        return replace(check, verdict=Verdict.MATCHING, evidence=evidence, conflicts=conflicts,
                       note=f"the earlier {before:g} plus the {k:g} more this article reports")
    return check


#: hedges that give the writer's highest figure ("up to 12 metres"), unlike a bound below which
#: any figure holds ("fewer than 100", "under 1,000")
_HIGHEST = frozenset({"up to", "as many as", "as much as", "as high as"})


def _written(claim: Claim) -> bool:
    """The claim's subject is written in its own sentence; else the article supplied it ("The council still
    faces a £12m gap": the article's main party), and it says nothing of which quantity this is."""
    # only a name can come from elsewhere in the article; a common noun is the engine's reading of the
    # sentence, perhaps in the vocabulary's words ("sales" read as revenue)
    names = [w.lower() for w in re.findall(r"[A-Z][A-Za-z0-9'’-]+", claim.subject) if len(w) > 2]
    sentence = claim.sentence.lower()
    return all(w in sentence for w in names)


def _writes(sentence: str, figure: Figure) -> bool:
    """The sentence writes the figure's exact whole number (at least 100, with or without thousands
    separators), so a reader sees both numbers in it."""
    value = figure.low if figure.low is not None else figure.high
    if value is None or value != int(value) or abs(value) < 100 or (
            figure.low is not None and figure.high is not None and figure.low != figure.high):
        return False
    n = int(value)
    forms = {f"{n:,}"} if 1900 <= n <= 2100 else {f"{n:,}", str(n)}  # "since 2000" writes a year
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", sentence) for f in forms)


def _who(name: str | None) -> str:
    words = re.findall(r"[a-z]+", (name or "").lower())
    return " ".join(w for w in words if w not in ("the", "a", "an", "according", "to", "said", "says"))


def _same_claimant(a: str | None, b: str | None) -> bool:
    wa, wb = _who(a), _who(b)
    return bool(wa and wb) and (wa == wb or set(wa.split()) <= set(wb.split()) or set(wb.split()) <= set(wa.split()))


def _other_estimators(claim: Claim, ranked: Sequence[Evidence], conflicting: Sequence[Evidence],
                      rising: bool = False) -> str | None:
    """The other claimants, when the claim's claimant matches its own earlier figure and every conflict
    is another named claimant's estimate; else None. For a running toll (``rising``) the claimant's own
    figure must be the same exact figure, or as new as every conflicting one: a toll that others have since
    put higher or lower has moved ("at least 14", then 17, now 21), whoever gave the first figure."""
    if not claim.claimant:
        return None
    own = [ev for ev in ranked
           if ev.relation is Verdict.MATCHING and _same_claimant(claim.claimant, ev.stored.claim.claimant)]
    if not own:
        return None
    fig = claim.figure
    repeated = fig.low is not None and fig.low == fig.high and any(
        ev.stored.claim.figure.low == fig.low and ev.stored.claim.figure.high == fig.high for ev in own)
    if rising and not repeated:
        # (a claimant that repeats its own exact figure stands by it: a dispute, not a moved toll)
        newest = max((d for ev in own if (d := _reported_on(ev.stored)) is not None), default=None)
        if newest is None or any((d := _reported_on(ev.stored)) is None or d > newest for ev in conflicting):
            return None
    names: list[str] = []
    for ev in conflicting:
        other = ev.stored.claim.claimant
        if not other or _same_claimant(claim.claimant, other):
            return None
        if other not in names:
            names.append(other)
    return ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")


def _increment_check(claim: Claim, candidates: Sequence[StoredClaim], *, policy: VerdictPolicy,
                     own_source_id: int | None, own_text_hash: str | None, in_story: bool,
                     published: date | None = None) -> ClaimCheck:
    """An increment the story has already reported, the same figure of the same measure, matches it ("will
    recruit 1,100 extra staff", then "is recruiting 1,100 extra staff"); another increment is a new one, never
    a contradiction ("six more bodies" on one day, "four more" the next). Otherwise an increment is unverified
    by itself; its note says what total it adds to."""
    # (not a running toll's: "another 12 deaths" on Monday and "a further 12" on Tuesday are two increments)
    same = [Evidence(c, Verdict.MATCHING, 100.0, _timing_note(_gap_days(published, c))) for c in candidates
            if in_story and not is_rising(claim.measure, policy.rising_measures) and claim.date == c.claim.date
            and _eligible(claim, c, policy=policy, own_source_id=own_source_id,
                          own_text_hash=own_text_hash, in_story=in_story, increments=True)
            and compare_figures(claim.figure, c.claim.figure, tolerance=policy.tolerance) is Verdict.MATCHING]
    if same:
        evidence = _cap(_dedupe(same), policy.max_evidence)
        return ClaimCheck(claim=claim, verdict=Verdict.MATCHING, evidence=tuple(evidence),
                          note="the same increment was reported before")
    totals = [
        c for c in candidates
        if _eligible(claim, c, policy=policy, own_source_id=own_source_id, own_text_hash=own_text_hash,
                     in_story=in_story)
        and c.claim.figure.high is not None and compare_figures(claim.figure, c.claim.figure, tolerance=0) is not None
    ]
    note = f"“{claim.figure.text}” adds to earlier counts rather than contradicting them"
    if totals:
        latest = max(totals, key=lambda c: ((_reported_on(c) or date.min), c.id))
        base = latest.claim.figure
        if base.low is not None and claim.figure.low is not None and base.low == base.high \
                and claim.figure.low == claim.figure.high:
            note = (f"adds {claim.figure.text} to the {base.text} reported before:"
                    f" {_fmt(base.low + claim.figure.low)} in all")
        else:
            note = f"adds {claim.figure.text} to the {base.text} reported before"
    return ClaimCheck(claim=claim, verdict=Verdict.UNVERIFIED, note=note)


def _fmt(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,g}"

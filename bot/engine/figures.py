"""The figure parser: every figure in a text, as an interval with its hedge.

``find_figures(doc)`` reads spaCy tokens, never entities, tags or the parse, so
it gives the same answer on a tokenizer-only ``Doc`` (``nlp.make_doc``) as on
a fully parsed one; the engine uses it as a cheap pre-filter. Amounts are read
by token logic (``bot.engine.numbers``); hedges and units by ``PhraseMatcher``
rules; dates, times, ages, addresses and designators ("section 5") by
``Matcher`` rules, built once per ``Vocab``.

Semantics of a ``Figure`` (low, high, qualifier, approx):

* exact: "19" -> 19/19.
* lower-bound hedges ("at least", "more than", "over", "well over", "upwards of",
  "could exceed", "in excess of", "above", "no fewer than", postposed "or more",
  "-plus", "+") -> low=N, high=None.
* upper-bound hedges ("up to", "fewer than", "less than", "under", "below",
  "no more than", "at most", "as many as", "as much as", postposed "or fewer",
  "or less") -> low=None, high=N.
* approximate hedges ("about", "around", "roughly", "some", "approximately",
  "nearly", "almost", "an estimated", "close to", "circa", "~", postposed
  "or so") -> N/N with approx=True. "nearly"/"almost" are read as approximate,
  not as upper bounds: "nearly 30" should match 29 and 31 alike.
* exact qualifiers ("exactly", "only", "just", "a total of", "an average of")
  keep N/N, approx=False, and are reported as the qualifier.
* a conversion in brackets right after a hedged figure shares its hedge:
  "more than $100m (£80m)" -> both lower bounds.
* ranges ("between 500 and 700", "10,000 to 12,000", "10,000-12,000") ->
  low/high, qualifier "between" where written; a scale or unit written once
  applies to both ends ("10 to 12 million", "5 to 10%"). "two or three" is a range.
* a change written "from X to Y" ("rose from 252 to 287 miles", "slowed from 4.8
  to 4.7 percent") is ONE figure spanning both values, low=min, high=max, with
  qualifier "from": the verdict engine then neither conflicts with the old nor
  with the new value, and the claim extractor can tell a change (qualifier
  "from") from an uncertainty. "rose to 47 from 31" stays two figures.
* vague amounts ("several hundred", "hundreds", "tens of thousands", "dozens",
  "a dozen", "a handful", "half of", "a third of"...) -> the intervals documented
  in ``bot.engine.numbers``, approx=True, the vague words as qualifier. A hedge
  on a vague amount opens it as above ("more than a dozen" -> 12/None).
* durations ("three days", "24 hours", "a 10-year sentence") are figures with a
  duration unit ("days", "hours", "years"); the claim extractor uses them as periods.

``unit`` is canonical (``bot.engine.units``): "count" for a bare count,
an ISO currency for money, "percent", "pp", "km2", "mi", "kg", "days"..., other
units lower-cased ("mph", "rpm", "points", "°c"). Shares ("half of", "a third
of", "one in five", "2 out of 5", "1/16 of") are in "percent". "m" glued to a
number is metres ("a 3m wall") except after a currency ("£3m") or before a
plural noun ("2.5m households"), where it means million. "pounds" is money
(GBP), as in ``bot.engine.units``.

Not figures: dates and years ("in 2022", "February 2022", "2024-12-17", "the
1990s"), times ("3pm", "10:30", "8 a.m."), ages ("a 12-year-old", "aged 34",
"the governor, 58,"), phone numbers, street addresses, designators ("section
5", "page 12", "Article 5"), product and model names ("Boeing 737", "iPhone
11", "COVID-19", "F-16"), ordinals ("3rd", "first"), scores ("won 3-1"), list
markers ("1."), and "one" as a pronoun ("one of the", "no one"). "several" and
"a few" alone are too vague to check and are not figures.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from bot.engine.numbers import (
    PREFIX_CURRENCIES,
    SMALL,
    TENS,
    Amount,
    could_hold_amount,
    may_start_amount,
    read_amount,
)
from bot.engine.types import Figure
from bot.engine.units import CURRENCIES, canonical_unit, convert, unit_family

__all__ = ["FigureMatch", "FigureParser", "find_figures"]


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure found in a ``Doc``, with where it was written."""

    figure: Figure
    #: token index in the Doc, inclusive: covers hedge + number(s) + unit words
    start: int
    #: token index, exclusive
    end: int
    start_char: int
    end_char: int
    #: token index of the last numeric/quantity token
    anchor: int
    #: True when the unit came from the text; False for a bare count
    unit_explicit: bool


# -- vocabulary ---------------------------------------------------------------

LOWER_HEDGES = (
    "at least", "more than", "over", "well over", "upwards of", "in excess of", "greater than",
    "no fewer than", "no less than", "not less than", "a minimum of", "at a minimum", "above",
    "well above", "exceeding", "could exceed", "may exceed", "might exceed", "would exceed",
    "could top", "just over", "just above", "slightly more than", "a little more than",
    "a little over", "well more than", "far more than", "many more than", "even more than",
    "over than", "more then", "north of", "beyond", "at minimum", "some more than",
)
UPPER_HEDGES = (
    "up to", "fewer than", "less than", "no more than", "not more than", "at most", "a maximum of",
    "under", "just under", "well under", "below", "just below", "well below", "as many as",
    "as much as", "as high as", "less then", "fewer then", "at the most", "a max of", "maximum of",
    "slightly less than", "slightly fewer than", "a little less than", "a little under", "not exceeding",
)
APPROX_HEDGES = (
    "about", "around", "roughly", "some", "approximately", "nearly", "almost", "an estimated",
    "estimated", "the estimated", "close to", "circa", "c.", "ca .", "approx", "approx .",
    "just about", "more or less", "on the order of", "in the order of", "in the region of",
    "somewhere around", "an approximate", "approximate", "roughly about", "around about", "~",
    "≈", "close on", "nigh on", "getting on for", "barely",
)
EXACT_HEDGES = ("exactly", "precisely", "a total of", "a record", "only", "just", "an average of",
                "average of", "averaging", "on average")
RANGE_HEDGES = ("between", "from")
POST_LOWER = ("or more", "or above", "or over", "or higher", "plus", "- plus", "+", "and up", "and above",
              "at least", "or greater")
POST_UPPER = ("or fewer", "or less", "or under", "or below", "or lower", "at most")
POST_APPROX = ("or so", "or thereabouts", "odd", "- odd")

#: unit phrases after a number -> an alias ``canonical_unit`` knows (or a free unit)
UNIT_PHRASES: dict[str, str] = {
    "%": "percent", "per cent": "percent", "percent": "percent", "pct": "percent",
    "per - cent": "percent", "per-cent": "percent", "pc": "percent",
    "percentage point": "pp", "percentage points": "pp", "percentage - point": "pp",
    "percentage - points": "pp", "ppt": "pp", "ppts": "pp", "pp": "pp",
    "basis point": "bp", "basis points": "bp", "basis - point": "bp", "bps": "bp", "bp": "bp",
    # area
    "square kilometres": "km2", "square kilometers": "km2", "square kilometre": "km2",
    "square kilometer": "km2", "square km": "km2", "sq km": "km2", "sq . km": "km2",
    "sq. km": "km2", "km²": "km2", "km2": "km2", "sqkm": "km2", "km ²": "km2",
    "square metres": "m2", "square meters": "m2", "square metre": "m2", "square meter": "m2",
    "sq m": "m2", "m²": "m2", "m2": "m2",
    "square miles": "sqmi", "square mile": "sqmi", "sq mi": "sqmi", "sq . mi": "sqmi", "sq. mi": "sqmi",
    "square feet": "sqft", "square foot": "sqft", "sq ft": "sqft", "sq . ft": "sqft", "sq. ft": "sqft",
    "hectares": "ha", "hectare": "ha", "ha": "ha", "acres": "acre", "acre": "acre",
    # distance
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "km": "km",
    "kms": "km", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "miles": "mi", "mile": "mi", "mi": "mi", "nautical miles": "nmi", "nautical mile": "nmi",
    "yards": "yd", "yard": "yd", "yds": "yd", "feet": "ft", "foot": "ft", "ft": "ft",
    "inches": "in", "inch": "in", "centimetres": "cm", "centimeters": "cm", "cm": "cm",
    "millimetres": "mm", "millimeters": "mm", "mm": "mm", "light years": "light years",
    "light - years": "light years", "nanometers": "nm", "nanometres": "nm", "nanometer": "nm",
    # weight
    "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "kilo": "kg", "kg": "kg", "kgs": "kg",
    "grams": "g", "gram": "g", "milligrams": "mg", "mg": "mg", "tonnes": "t", "tonne": "t",
    "metric tons": "t", "metric tonnes": "t", "tons": "ton", "ton": "ton", "lbs": "lb", "lb": "lb",
    "ounces": "oz", "ounce": "oz", "oz": "oz",
    # speed
    "mph": "mph", "miles per hour": "mph", "miles an hour": "mph", "mile per hour": "mph",
    "km/h": "km/h", "km / h": "km/h", "km / h.": "km/h", "km/hr": "km/h", "km / hr": "km/h", "kph": "km/h",
    "kmh": "km/h",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "km per hour": "km/h",
    "kilometres an hour": "km/h", "kilometers an hour": "km/h", "knots": "knots",
    "km/s": "km/s", "km / s": "km/s", "kilometres per second": "km/s", "kilometers per second": "km/s",
    "km per second": "km/s", "kilometres a second": "km/s", "kilometers a second": "km/s",
    "m/s": "m/s", "metres per second": "m/s", "meters per second": "m/s", "metres a second": "m/s",
    # duration
    "seconds": "seconds", "second": "seconds", "secs": "seconds", "minutes": "minutes",
    "minute": "minutes", "mins": "minutes", "min": "minutes", "hours": "hours", "hour": "hours",
    "hrs": "hours", "days": "days", "day": "days", "weeks": "weeks", "week": "weeks",
    "months": "months", "month": "months", "years": "years", "year": "years", "yrs": "years",
    "decades": "decades", "decade": "decades", "centuries": "centuries", "century": "centuries",
    # volume
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "barrels": "barrels",
    "barrel": "barrels", "bbl": "barrels", "gallons": "gallons", "gallon": "gallons",
    "cubic metres": "m3", "cubic meters": "m3",
    # energy, power, machines
    "kilowatts": "kw", "kilowatt": "kw", "kw": "kw", "megawatts": "mw", "megawatt": "mw",
    "mw": "mw", "gigawatts": "gw", "gigawatt": "gw", "gw": "gw", "kwh": "kwh",
    "kilowatt hours": "kwh", "kilowatt - hours": "kwh", "mwh": "mwh", "megawatt hours": "mwh",
    "megawatt - hours": "mwh", "gwh": "gwh", "gigawatt hours": "gwh", "gigawatt - hours": "gwh",
    "twh": "twh", "terawatt hours": "twh", "terawatt - hours": "twh", "watts": "w",
    "horsepower": "hp", "hp": "hp", "bhp": "hp", "rpm": "rpm", "mpg": "mpg",
    "hz": "hz", "khz": "khz", "mhz": "mhz", "ghz": "ghz", "gb": "gb", "tb": "tb",
    # temperature
    "degrees celsius": "°c", "degrees centigrade": "°c", "°c": "°c", "° c": "°c",
    "degrees c": "°c", "celsius": "°c", "degrees fahrenheit": "°f", "°f": "°f", "° f": "°f",
    "degrees f": "°f", "fahrenheit": "°f", "degrees": "degrees", "degree": "degrees", "°": "degrees",
    # concentration (air and water quality)
    "micrograms per cubic metre": "µg/m3", "micrograms per cubic meter": "µg/m3", "µg/m3": "µg/m3",
    "µg / m3": "µg/m3", "ug/m3": "µg/m3", "mcg/m3": "µg/m3", "µg/m³": "µg/m3", "µg / m³": "µg/m3",
    "milligrams per litre": "mg/l", "milligrams per liter": "mg/l", "mg/l": "mg/l", "mg / l": "mg/l",
    "parts per million": "ppm", "ppm": "ppm", "parts per billion": "ppb", "ppb": "ppb",
    # other
    "points": "points", "point": "points", "times": "times", "cents": "cents", "cent": "cents",
    "pence": "pence",
}
#: unit phrases that count only when glued to the number ("45g", "3m", "118.5p", "30 ° C")
GLUED_ONLY = frozenset({"g", "m", "p", "t", "h", "c", "f", "pc", "ha", "in", "mi", "pp"})
GLUED_ONLY_PHRASES: dict[str, str] = {
    "g": "g", "m": "m", "p": "pence", "t": "t", "h": "hours", "C": "°c", "F": "°f", "nm": "nm", "in": "in",
}
#: words after "3m" that keep it in metres ("3m high"); before other plural nouns it is millions
METRE_WORDS = frozenset(
    "high deep wide long tall away above below across thick in of from to and or by".split()
)

MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept. "
    "Oct Oct. Nov Nov. Dec Dec. JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER "
    "OCTOBER NOVEMBER DECEMBER"
).split()
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
STREETS = (
    "Street St St. Road Rd Rd. Avenue Ave Ave. Boulevard Blvd Blvd. Lane Ln Drive Dr Dr. Place Pl "
    "Way Court Ct Terrace Crescent Square Sq Highway Hwy Parkway Pkwy Close Row Gardens Mews Hill Parade Quay "
    "Embankment Promenade "
    "Strasse Straße Rue Via Calle"
).split()
DESIGNATORS = (
    "section sections sec sec. page pages p. pp. row rows chapter chapters article articles "
    "paragraph paragraphs para clause clauses line item rule amendment figure "
    "fig fig. table appendix annex part volume vol vol. issue episode season level grade gate "
    "platform route highway interstate flight room floor suite apartment apt apt. building "
    "resolution phase stage round version model type series category district ward precinct "
    "track exit pier terminal box channel tier division lot zone "
    "title proposition prop game lap hole no. nos. number bus "
    "bay slide step stanza verse psalm sura surah mile junction paper question "
    "junctions gates platforms exits floors stages rounds laps holes routes berth berths buoy pier "
    "incident reference ref"
).split()
#: rules that hold only for a bare number ("section 5" but "sector 0.68 percent")
SOFT_RULES = frozenset({"DESIGNATOR", "ADDRESS"})
#: words before a 4-digit number that make it a year even in 1000-1899 ("in 1685")
YEAR_PREPS = frozenset(
    "in since by from until till to during before after of early late mid around circa c. "
    "the this that its their his her our 's ’s year years since fiscal fy summer winter spring autumn fall "
    "dated dating".split()
)
#: words after "one" that make it a pronoun or a set phrase, not an amount
ONE_NOT_AMOUNT = frozenset(
    "of another who whom whose that which thing way day-to-day another's".split()
)
ONE_BLOCKERS_BEFORE = frozenset(
    "no the this that which each any every some someone anyone no-one any-one such only last "
    "other little big new old right wrong".split()
)
TIME_WORDS = (
    "am pm a.m. p.m. a.m p.m gmt utc bst cet cest est edt pst pdt cst cdt et o'clock oclock"
).split()
_NUMBER_WORDS = sorted(set(SMALL) | set(TENS) | {w + "-" for w in SMALL})
PHONE_WORDS = frozenset("tel tel. phone telephone call fax mobile hotline helpline whatsapp".split())


def _phrase_docs(vocab: Vocab, phrases: Iterable[str]) -> list[Doc]:
    return [Doc(vocab, words=p.split(" ")) for p in phrases]


def _key(doc: Doc, start: int, end: int) -> str:
    return " ".join(t.lower_ for t in doc[start:end])


#: a hedge found by the phrase matcher: (the token where it starts or ends, class, words)
_Hedge = tuple[int, str, str]


@dataclass(slots=True)
class _Context:
    """Per-Doc lookups built from one pass of the matchers."""

    #: token -> the rule that makes it no figure ("DATE", "TIME", "AGE", "ADDRESS", "DESIGNATOR", "PHONE", "LABELS")
    blocked: dict[int, str]
    #: end token -> (start, class, phrase) of the longest hedge ending there
    hedge_before: dict[int, _Hedge]
    #: start token -> (end, class, phrase) of the longest postposed hedge starting there
    hedge_after: dict[int, _Hedge]
    #: start token -> (end, unit, glued_only) of the longest unit starting there
    units: dict[int, tuple[int, str]]
    #: start token -> (end, ISO code) of the longest currency word starting there
    currencies: dict[int, tuple[int, str]]


@dataclass(slots=True)
class _Part:
    """One amount with its currency and unit, before hedges and ranges are applied."""

    amount: Amount
    start: int
    end: int
    currency: str | None
    unit: str | None
    negative: bool = False


class FigureParser:
    """Finds figures in ``Doc`` objects sharing one ``Vocab``. Build once, call often."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        for label, phrases in (
            ("lower", LOWER_HEDGES), ("upper", UPPER_HEDGES), ("approx", APPROX_HEDGES),
            ("exact", EXACT_HEDGES), ("range", RANGE_HEDGES),
        ):
            self._phrases.add("H_" + label, _phrase_docs(vocab, phrases))
        for label, posts in (("lower", POST_LOWER), ("upper", POST_UPPER), ("approx", POST_APPROX)):
            self._phrases.add("P_" + label, _phrase_docs(vocab, posts))
        self._unit_map = dict(UNIT_PHRASES)
        # a unit of several words hyphened into a modifier: "a 48,000-square-kilometre reserve"
        self._unit_map.update({p.replace(" ", " - "): u for p, u in UNIT_PHRASES.items()
                               if " " in p and p.replace(" ", "").isalpha()})
        self._phrases.add("UNIT", _phrase_docs(vocab, self._unit_map))
        self._currency_words: dict[str, str] = {}
        for code, names in CURRENCIES.items():
            for name in names:
                if name[0].isalpha() and not name.endswith("$"):
                    self._currency_words[name.replace("u.s. ", "u.s . ")] = code
        self._phrases.add("CUR", _phrase_docs(vocab, self._currency_words))
        self._blockers = Matcher(vocab)
        self._blocker_patterns: list[list[dict]] = []
        self._add_blockers()
        self._blocker_reach = _reach(self._blocker_patterns)

    # -- matcher rules ---------------------------------------------------------

    def _add_blocker(self, label: str, patterns: list[list[dict]]) -> None:
        self._blockers.add(label, patterns)
        self._blocker_patterns.extend(patterns)

    def _add_blockers(self) -> None:
        month = {"TEXT": {"IN": MONTHS}}
        day = {"IS_DIGIT": True, "LENGTH": {"<=": 2}}
        year = {"SHAPE": "dddd"}
        small = {"IS_DIGIT": True, "LENGTH": {"<=": 3}}
        age = {"LOWER": {"IN": [*_NUMBER_WORDS, *(str(n) for n in range(1, 120))]}}
        comma = {"ORTH": ",", "OP": "?"}
        self._add_blocker("DATE", [
            [month, day], [month, day, comma, year], [month, year], [day, month], [day, month, year],
            [month, day, {"ORTH": {"IN": ["-", "–", "to", "and"]}}, day],
            [day, {"ORTH": {"IN": ["-", "–", "to", "and"]}}, day, month],  # "between 14 and 19 August"
            [year, {"ORTH": {"IN": ["-", "/"]}}, {"SHAPE": "dd"}, {"ORTH": {"IN": ["-", "/"]}}, {"SHAPE": "dd"}],
            [{"LOWER": {"IN": ["the", "of"]}}, {"SHAPE": {"IN": ["dds", "'dds", "ddds"]}}],
        ])
        self._add_blocker("TIME", [
            [{"SHAPE": {"IN": ["d", "dd", "d.dd", "dd.dd", "dddd"]}}, {"LOWER": {"IN": TIME_WORDS}}],
            [{"SHAPE": {"IN": ["d", "dd", "d.dd", "dd.dd"]}}, {"LOWER": {"IN": ["a.m", "p.m"]}}, {"ORTH": "."}],
            [{"LOWER": {"IN": ["at", "by", "until", "till", "from"]}}, {"SHAPE": {"IN": ["d.dd", "dd.dd"]}},
             {"LOWER": {"IN": ["and", "to", "-", "until", "on", "local", "this", "that", "tonight", "today",
                               "tomorrow", "yesterday", "last", "every", "each", "in"]}}],
        ])
        self._add_blocker("AGE", [
            [small, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": ["year", "month", "week", "day", "years", "months"]}},
             {"ORTH": "-", "OP": "?"}, {"LOWER": "old"}],
            [{"LOWER": {"IN": _NUMBER_WORDS}}, {"ORTH": "-", "OP": "?"},
             {"LOWER": {"IN": ["year", "month", "week", "day", "years", "months"]}}, {"ORTH": "-", "OP": "?"},
             {"LOWER": "old"}],
            [{"LOWER": {"IN": ["aged", "age", "ages", "ageing"]}}, small],
            [{"LOWER": {"IN": ["aged", "ages"]}}, small, {"LOWER": {"IN": ["to", "-", "–", "and"]}}, small],
            # "pupils, aged four to 11,": the same in words
            [{"LOWER": {"IN": ["aged", "ages"]}}, age, {"LOWER": {"IN": ["to", "-", "–", "and"]}}, age],
            [{"IS_ALPHA": True}, {"ORTH": ","}, {"IS_DIGIT": True, "LENGTH": {"<=": 3}}, {"ORTH": {"IN": [",", ";"]}}],
            # "... were named as Pavel Roth, 46, and Dominik Hess, 29.": a name's age ends the sentence
            [{"IS_TITLE": True, "POS": {"NOT_IN": ["NUM"]}}, {"ORTH": ","}, {"IS_DIGIT": True, "LENGTH": {"<=": 2}},
             {"ORTH": {"IN": [".", "and"]}}],
            [{"IS_TITLE": True}, {"ORTH": "("}, {"IS_DIGIT": True, "LENGTH": {"<=": 3}}, {"ORTH": ")"}],
            # "Tomas Reyna, now 52, was freed": a person's age today
            [{"IS_TITLE": True}, {"ORTH": ","}, {"LOWER": "now"}, {"IS_DIGIT": True, "LENGTH": {"<=": 2}},
             {"ORTH": {"IN": [",", "."]}}],
            [{"LOWER": {"IN": ["in", "their", "his", "her", "early", "late", "mid"]}},
             {"SHAPE": {"IN": ["dds", "'dds"]}}],
        ])
        house = {"SHAPE": {"IN": ["d", "dd", "ddd", "dddd", "dX", "ddX", "dddX", "dx", "ddx", "dddx"]}}
        self._add_blocker("ADDRESS", [
            [house, {"IS_TITLE": True, "OP": "+"}, {"TEXT": {"IN": STREETS}}],
            [house, {"ORTH": {"IN": ["-", "–"]}}, house, {"IS_TITLE": True, "OP": "+"}, {"TEXT": {"IN": STREETS}}],
        ])
        num = {"SHAPE": {"IN": ["d", "dd", "ddd", "dddd", "d.d", "dd.d", "d.dd", "dX", "ddX", "dx", "ddx"]}}
        designator = {"LOWER": {"IN": DESIGNATORS}}
        opt = {"ORTH": {"IN": [".", "#", ":"]}, "OP": "?"}
        self._add_blocker("DESIGNATOR", [
            [designator, opt, num],
            [designator, opt, num, {"ORTH": {"IN": ["-", "–", "to", "and", "through", "or", ","]}}, num],
            [{"TEXT": {"IN": ["No", "Nos", "NO"]}}, {"ORTH": ".", "OP": "?"}, num],
            [{"ORTH": "#"}, num],
        ])

    # -- public API ------------------------------------------------------------

    def __call__(self, doc: Doc) -> list[FigureMatch]:
        return self.find(doc)

    def find(self, doc: Doc) -> list[FigureMatch]:
        """Every figure in ``doc``, in text order, non-overlapping."""
        if doc.vocab is not self.vocab:
            raise ValueError("this FigureParser was built for another Vocab")
        if not could_hold_amount(doc):
            return []  # no digit, currency sign or number word: skip the matchers
        ctx = self._context(doc)
        out: list[FigureMatch] = []
        n = len(doc)
        # tokens no amount or currency prefix starts at, skipped without reading them one by one
        starts = [may_start_amount(t.text, t.lower_) or _may_prefix(t.text) for t in doc]
        i = 0
        last_end = 0
        carried: _Hedge | None = None
        while i < n:
            if not starts[i]:
                i += 1
                continue
            found = self._at(doc, i, ctx, last_end, carried)
            if found is None:
                i += 1
                continue
            match, resume, hedge = found
            if match is not None and not _sane(match.figure):
                match = None  # "1,000,000,...,000 people": no newsroom figure, and no number to compare
            if match is not None:
                out.append(match)
                last_end = match.end
                carried = None
                if hedge is not None and hedge[1] in ("lower", "upper", "approx"):
                    carried = (match.end, hedge[1], hedge[2])
            i = max(resume, i + 1)
        return _joined_durations(doc, out)

    # -- per-Doc context -------------------------------------------------------

    def _context(self, doc: Doc) -> _Context:
        strings = self.vocab.strings
        hedge_before: dict[int, _Hedge] = {}
        hedge_after: dict[int, _Hedge] = {}
        units: dict[int, tuple[int, str]] = {}
        currencies: dict[int, tuple[int, str]] = {}
        for match_id, start, end in self._phrases(doc):
            label = strings[match_id]
            phrase = _key(doc, start, end)
            if label.startswith("H_"):
                if phrase == "up to" and start > 0 and doc[start - 1].lower_ in _UP_TO_VERBS:
                    continue  # "quotas now add up to 810,000 tonnes": a phrasal verb, not a ceiling
                if doc[start].lower_ == "over" and start > 0 and doc[start - 1].lower_ in _OVER_VERBS:
                    continue  # "the jackpot had rolled over 14 times": the verb's particle, not a floor
                old = hedge_before.get(end)
                if old is None or start < old[0]:
                    hedge_before[end] = (start, label[2:], phrase)
            elif label.startswith("P_"):
                old = hedge_after.get(start)
                if old is None or end > old[0]:
                    hedge_after[start] = (end, label[2:], phrase)
            elif label == "UNIT":
                old_u = units.get(start)
                if old_u is None or end > old_u[0]:
                    units[start] = (end, phrase)
            elif label == "CUR":
                code = self._currency_words.get(phrase)
                if code is None:
                    continue
                if len(phrase) == 3 and phrase.upper() == code and not doc[start].text.isupper():
                    continue  # "try", "rub", "won": a currency code only when written as one
                if phrase in _SCALED_ONLY_CURRENCY and not (start > 0 and doc[start - 1].lower_ in _SCALES) \
                        and not _many_crowns(doc, start):
                    continue  # "1.5 billion crowns" is money; "won three crowns" is titles
                old_c = currencies.get(start)
                if old_c is None or end > old_c[0]:
                    currencies[start] = (end, code)
        blocked: dict[int, str] = {}
        numbers = [t.i for t in doc if t.like_num or any(ch.isdigit() for ch in t.text)]
        for match_id, start, end in self._blocker_matches(doc, numbers):
            label = strings[match_id]
            for k in range(start, end):
                t = doc[k]
                if t.like_num or any(ch.isdigit() for ch in t.text):
                    blocked.setdefault(k, label)
        _block_phones(doc, blocked)
        _block_clock_times(doc, blocked)
        _block_listed_ages(doc, blocked)
        _block_number_lists(doc, blocked)
        return _Context(blocked, hedge_before, hedge_after, units, currencies)

    def _blocker_matches(self, doc: Doc, numbers: list[int]) -> list[tuple[int, int, int]]:
        """The blockers' matches that cover a number (token index in ``numbers``), in the order the
        Matcher gives them over the whole doc: only those block anything.

        The Matcher runs on the stretches around the numbers only (measured over every line of
        722 GVA articles: 2.4 s over every token, 0.9 s over the stretches). A match is a run of tokens
        that meet its pattern, whatever is around them, so a stretch that holds a match finds
        it, and the matches of one stretch come in the order they come in the whole doc (the
        Matcher reads tokens left to right and keeps its states in order). Each stretch holds
        every match that covers its numbers: a fixed pattern reaches ``reach - 1`` tokens either
        side of a number, and a pattern with a run of title-case words ("12 Upper Ashby Road")
        runs on while they last, with ``head`` tokens before and ``tail`` after them.
        """
        if self._blocker_reach is None:
            return self._blockers(doc)  # a pattern the stretches cannot bound
        reach, head, tail = self._blocker_reach
        n = len(doc)
        stretches: list[tuple[int, int]] = []
        for k in numbers:
            lo, hi = max(0, k - reach + 1), min(n, k + reach)
            if head or tail:
                while lo > 0 and doc[lo - 1].is_title:
                    lo -= 1
                while hi < n and doc[hi].is_title:
                    hi += 1
                lo, hi = max(0, lo - head), min(n, hi + tail)
            stretches.append((lo, hi))
        stretches.sort()
        merged: list[list[int]] = []
        for lo, hi in stretches:  # stretches that overlap or meet are one
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        out: list[tuple[int, int, int]] = []
        for lo, hi in merged:
            out.extend((match_id, lo + start, lo + end) for match_id, start, end in self._blockers(doc[lo:hi]))
        return out

    # -- reading one figure ----------------------------------------------------

    def _currency_prefix(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """A currency written before a number at ``i``: "$", "US $", "€", "USD"; (code, next index)."""
        t = doc[i].text
        n = len(doc)
        if t in _DOLLAR_LANDS and i + 1 < n and doc[i + 1].text == "$":
            return _DOLLAR_LANDS[t], i + 2
        low = t.lower()
        if low in PREFIX_CURRENCIES and not t.isalpha():
            return PREFIX_CURRENCIES[low], i + 1
        if t in ("Rs", "Rs.") and i + 1 < n:
            j = i + 2 if doc[i + 1].text == "." else i + 1
            return "INR", j
        if len(t) == 3 and t.isupper() and t in CURRENCIES and i + 1 < n and doc[i + 1].text[:1].isdigit():
            return t, i + 1
        return None

    def _part(self, doc: Doc, i: int, ctx: _Context) -> _Part | None:
        """An amount at ``i`` (possibly after a currency), with the unit written after it."""
        n = len(doc)
        prefix = self._currency_prefix(doc, i)
        j = i
        currency = None
        if prefix is not None:
            currency, j = prefix
            if j >= n:
                return None
        amount = read_amount(doc, j, currency=currency is not None)
        if amount is None:
            return None
        currency = currency or amount.currency
        unit = amount.unit
        end = amount.end
        if amount.kind == "fraction":
            unit = "percent"
        elif currency is None and unit is None:
            found = self._unit_after(doc, end, ctx)
            if found is not None:
                end, unit, currency = found
        elif currency is not None and end < n:
            # "$58.24 US", "$5 billion dollars": a currency word repeated after the amount
            c = ctx.currencies.get(end)
            if c is not None and c[1] == currency:
                end = c[0]
        if unit == "m" and amount.kind == "digits" and not amount.scaled and end < n and end == amount.end + 1 \
                and _millions_of(doc, end):
            # "2.5m households": British shorthand for millions, not metres
            amount.low, amount.high, amount.scaled, amount.factor = amount.low * 1e6, amount.high * 1e6, True, 1e6
            amount.end, amount.anchor = end, end - 1
            unit = None
        if unit is None and currency is None and end < n and doc[end - 1].whitespace_ == "" \
                and doc[end].is_alpha and amount.kind == "digits":
            return None  # "4K", "5G", "3D": a name glued to a number
        for k in range(amount.start, amount.end):
            rule = ctx.blocked.get(k)
            if rule is None:
                continue
            if rule in SOFT_RULES and (unit is not None or currency is not None or amount.scaled):
                continue  # "sector 0.68 percent": a designator only for a bare number
            return None
        negative = i > 0 and doc[i - 1].lower_ == "minus"
        return _Part(amount, i - 1 if negative else i, end, currency, unit, negative)

    def _unit_after(self, doc: Doc, k: int, ctx: _Context) -> tuple[int, str | None, str | None] | None:
        """The unit or currency word at ``k``: (end, unit alias, currency)."""
        n = len(doc)
        if k >= n:
            return None
        hyphen = doc[k].text == "-" and doc[k - 1].whitespace_ == "" and doc[k].whitespace_ == ""
        start = k + 1 if hyphen else k
        c = ctx.currencies.get(start)
        u = ctx.units.get(start)
        if c is not None and (u is None or c[0] >= u[0]):
            return c[0], None, c[1]  # "£40m", "40 euros", "a 50,000-euro reward"
        glued = doc[k - 1].whitespace_ == ""
        if u is not None:
            phrase = _key(doc, start, u[0])
            if phrase in GLUED_ONLY and not glued:
                u = None
            else:
                return u[0], self._unit_map[phrase], None
        if glued and not hyphen and doc[k].text in GLUED_ONLY_PHRASES and \
                (k + 1 >= n or not doc[k + 1].text[:1].isalnum() or doc[k].whitespace_ != ""):
            return k + 1, GLUED_ONLY_PHRASES[doc[k].text], None
        return None

    def _at(
        self, doc: Doc, i: int, ctx: _Context, last_end: int, carried: _Hedge | None
    ) -> tuple[FigureMatch | None, int, _Hedge | None] | None:
        """The figure starting at token ``i``, where to resume scanning and the hedge applied.

        ``carried`` is the hedge of the previous figure: a conversion in brackets right after
        it shares it ("more than 7.5 million crowns (US $1.1 million)").
        """
        first = self._part(doc, i, ctx)
        if first is None:
            return None
        a1 = first.amount
        n = len(doc)
        # hedges before (after the previous figure)
        hedge = ctx.hedge_before.get(first.start)
        if hedge is not None and hedge[0] < last_end:
            hedge = None
        # a second amount: a range ("10 to 12"), or a score or years to skip ("3-1", "2019-20")
        second: _Part | None = None
        connector = doc[first.end].lower_ if first.end < n else ""
        if connector in ("to", "-", "–", "—", "and", "or", "through") and first.end + 1 < n:
            second = self._part(doc, first.end + 1, ctx)
            if second is not None and second.amount.kind in ("vague", "fraction"):
                second = None
        if second is not None and a1.kind not in ("vague", "fraction"):
            verdict = self._range_verdict(doc, first, second, connector, hedge)
            if verdict == "score":
                return None, second.end, None
            if verdict != "range":
                second = None
        elif second is not None:
            second = None
        if second is None and hedge is not None and hedge[1] == "range":
            hedge = None
        prev_word = _prev_lower(doc, hedge[0] if hedge is not None else first.start)
        last = second or first
        end = last.end
        # postposed hedges: "30 or more", "30-plus", "30+"
        post = ctx.hedge_after.get(end)
        if post is not None and (post[2] in ("+", "plus", "- plus", "odd", "- odd")) and doc[end - 1].whitespace_:
            post = None
        if post is not None and hedge is not None and hedge[1] != "exact":
            post = None
        if post is not None and post[2] in ("at least", "at most") and not _clause_end(doc, post[0]):
            post = None
        if self._excluded(doc, first, second, hedge, post, prev_word):
            return None, end, None
        if hedge is None and post is None and carried is not None and carried[0] < first.start \
                and all(doc[k].text in ("(", "/", "[") for k in range(carried[0], first.start)):
            hedge = (first.start, carried[1], carried[2])
        start = hedge[0] if hedge is not None else first.start
        if post is not None:
            end = post[0]
        span = doc[start:end]
        end_char = span.end_char
        if _absorbed_period(doc[end - 1]):
            end_char -= 1
        figure = self._figure(span.text[: end_char - span.start_char], first, second, hedge, post)
        anchor = last.amount.anchor
        unit_explicit = (last.unit or last.currency or first.unit or first.currency) is not None
        return FigureMatch(
            figure=figure, start=start, end=end, start_char=span.start_char, end_char=end_char,
            anchor=anchor, unit_explicit=unit_explicit,
        ), end, hedge or post

    def _range_verdict(self, doc: Doc, first: _Part, second: _Part, connector: str,
                       hedge: _Hedge | None) -> str:
        """"range", "score" (3-1, 1939-45) or "none" for two amounts joined by ``connector``."""
        a1, a2 = first.amount, second.amount
        marker = hedge[2] if hedge is not None and hedge[1] == "range" else None
        if connector in ("and", "through") and marker != "between":
            return "none"
        if marker == "from" and connector != "to":
            return "none"
        if connector == "or" and (a1.kind != a2.kind or first.unit or first.currency or hedge is not None):
            return "none"
        if first.currency and second.currency and first.currency != second.currency:
            return "none"
        u1 = first.unit or first.currency
        u2 = second.unit or second.currency
        if u1 and u2 and _canon(u1) != _canon(u2):
            return "none"
        if u1 and not u2 and connector == "to" and marker != "from":
            return "none"  # "up 4 per cent to 13.60": a change then a level
        if connector == "to" and marker is None and u1 and u2 and _prev_lower(doc, first.start) == "by" \
                and a2.low >= 3 * a1.high:
            # "will go up by £86 to £624": a change, then a level far above it (not "by 1 to 1.5 degrees",
            # nor "by 3% to 5%", the change's range)
            return "none"
        low1 = a1.low
        if a2.scaled and not a1.scaled and a2.factor != 1.0 and a1.low * a2.factor <= a2.high:
            low1 = a1.low * a2.factor
        if connector in ("-", "–", "—") and a1.plain_int and a2.plain_int and (
                low1 >= a2.low or _in_score_list(doc, first.start, second.end)):
            return "score"
        if a1.plain_int and a2.plain_int and a1.digits == 4 and 1000 <= a1.low <= 2100 \
                and ((a2.digits == 4 and 1000 <= a2.low <= 2100) or (a2.digits == 2 and connector in ("-", "–", "/"))) \
                and not first.unit and not second.unit \
                and (a1.low % 50 != 0 or a2.low % 50 != 0 or not _counted_noun_after(doc, second.end)):
            return "score"  # "1939-45", "between 2019 and 2021": years
        if connector == "to" and marker is None and a1.plain_int and a1.digits == 4 and not first.unit \
                and _prev_lower(doc, first.start) in YEAR_PREPS and _looks_like_year(doc, a1, "in"):
            return "none"  # "from 15,300 pairs in 2016 to 8,900 this year": a year, then the new level
        if low1 == a2.low or (low1 > a2.low and marker != "from"):
            return "none"
        first.amount = _scaled_to(a1, low1)
        return "range"

    def _excluded(self, doc: Doc, first: _Part, second: _Part | None, hedge: _Hedge | None,
                  post: _Hedge | None, prev_word: str) -> bool:
        """Context rules that make an amount something other than a figure."""
        a = first.amount
        has_unit = bool(first.unit or first.currency or (second and (second.unit or second.currency)))
        bare = hedge is None and post is None and not has_unit and second is None
        if a.kind == "words" and bare and a.low == 1 and a.end - a.start == 1:
            return _one_is_pronoun(doc, a.start)
        if bare and a.prefix in ("-", "−") and a.start > 0 and doc[a.start - 1].is_alpha:
            return True  # "COVID -19"
        if not a.plain_int:
            return False
        if bare and prev_word in _DIALLED:
            return True  # "call 1190", "the hotline 116 123": a number to dial
        if bare and prev_word in ("at", "on") and (_clause_end(doc, a.end) or doc[a.end].lower_ in ("or", "for")) \
                and any(t.lower_ in _CALLING for t in doc[max(0, a.start - 7) : a.start - 1]):
            return True  # "should call the provincial health line at 811.": the number the call goes to
        if bare and a.low <= 12 and prev_word in _CLOCK_PREPS and (doc[a.end : a.end + 3].text.lower() in (
                "in the morning", "in the afternoon", "in the evening")
                or doc[a.end : a.end + 2].text.lower() == "at night"):
            return True  # "doing drops at 7 in the morning": a time of day (not "arrested 11 in the morning")
        if bare and a.end < len(doc) and doc[a.end].lower_ in ("block", "blocks"):
            return True  # "the 2900 block of Aspen Meadow": a street address
        if bare and prev_word == "at" and a.end < len(doc) and doc[a.end].is_title and doc[a.end].is_alpha \
                and not _counted_noun_after(doc, a.end) and doc[a.end].lower_ not in MONTH_WORDS:
            return True  # "a centre at 200 Kingsway": a street number
        if bare and doc[a.start].text[0] == "0" and a.digits >= 2:
            return True  # "0800", "007": a time or a code
        if bare and a.digits >= 5 and doc[a.start].text.isdigit() and not _counted_noun_after(doc, a.end) and (
                (a.start > 0 and (doc[a.start - 1].is_digit
                                  or (doc[a.start - 1].is_upper and doc[a.start - 1].is_alpha
                                      and len(doc[a.start - 1]) <= 3)))
                or (a.end < len(doc) and doc[a.end].is_digit)):
            return True  # "ear tag UK 581234 500147": digits with no separator, in a group or after letters, a code
        if bare and prev_word in _CODE_WORDS:
            return True  # "tag number 58", "lot 112", "case no. 4411": a number that names one thing
        if bare and a.digits == 4 and _looks_like_year(doc, a, prev_word):
            return True
        if bare and a.low < 1000 and _looks_like_name(doc, a.start):
            return True
        if bare and doc[a.start].text.isdigit() and a.start > 0 and _a_product_name(doc[a.start - 1].text) \
                and _looks_like_name(doc, a.start):
            return True  # "NovaSeq 6000 sequencers", "PlayStation 2": a product's name, however large its number
        if bare and _is_list_marker(doc, a.start):
            return True
        # "Kh - 101", "A-10": part of a name
        return bare and a.start >= 2 and doc[a.start - 1].text == "-" and doc[a.start - 2].whitespace_ == "" \
            and doc[a.start - 1].whitespace_ == "" and doc[a.start - 2].is_alpha \
            and doc[a.start - 2].lower_ not in ("mid", "sub", "early", "late", "pre", "post")

    def _figure(self, text: str, first: _Part, second: _Part | None, hedge: _Hedge | None,
                post: _Hedge | None) -> Figure:
        """The interval, hedge and unit of one or two amounts (see the module docstring)."""
        a1 = first.amount
        a2 = second.amount if second is not None else None
        sign = -1.0 if first.negative else 1.0
        low: float | None
        high: float | None
        low, high = sorted((a1.low * sign, (a2.high if a2 is not None else a1.high) * sign))
        approx = a1.approx or (a2.approx if a2 else False)
        qualifier = a1.qualifier
        if a1.prefix in ("~", "≈"):
            approx, qualifier = True, a1.prefix
        elif a1.prefix == "sub-":
            low, qualifier = None, "sub"
        for h in (hedge, post):
            if h is None:
                continue
            kind, words = h[1], h[2]
            qualifier = words.replace(" - ", "-").replace("- ", "-")
            if kind == "lower":
                high = None
            elif kind == "upper":
                low = None
            elif kind == "approx":
                approx = True
        unit_alias = first.currency or first.unit or (second.currency or second.unit if second else None)
        if second is not None and (second.currency or second.unit):
            unit_alias = second.currency or second.unit
        unit = "count" if unit_alias is None else _canon(unit_alias)
        return Figure(text=text, low=_clean(low), high=_clean(high), qualifier=qualifier,
                      approx=approx, unit=unit)


# -- helpers -------------------------------------------------------------------


#: larger magnitudes are not figures a newsroom checks (and float arithmetic on them is unsafe)
MAX_MAGNITUDE = 1e18


#: a country written before a separate "$": "US $5", "A $12"
_DOLLAR_LANDS = {"US": "USD", "U.S.": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD",
                 "NZ": "NZD", "HK": "HKD", "S": "SGD"}


def _may_prefix(t: str) -> bool:
    """False only when ``FigureParser._currency_prefix`` finds no currency at a token written ``t``."""
    return t in _DOLLAR_LANDS or t.lower() in PREFIX_CURRENCIES or t in ("Rs", "Rs.") or (len(t) == 3 and t.isupper())


def _reach(patterns: list[list[dict]]) -> tuple[int, int, int] | None:
    """How far a match of ``patterns`` reaches from a token it covers, for
    ``FigureParser._blocker_matches``: (tokens of the longest fixed pattern or part, tokens before a
    run of title-case words, tokens after it); None when a pattern repeats another token, or twice."""
    reach = head = tail = 0
    for pattern in patterns:
        runs = [i for i, spec in enumerate(pattern) if spec.get("OP") in ("+", "*")]
        if not runs:
            reach = max(reach, len(pattern))
            continue
        run = runs[0]
        if len(runs) > 1 or {k: v for k, v in pattern[run].items() if k != "OP"} != {"IS_TITLE": True}:
            return None
        after = len(pattern) - run - 1
        reach, head, tail = max(reach, run, after), max(head, run), max(tail, after)
    return reach, head, tail


def _sane(fig: Figure) -> bool:
    return all(v is None or (math.isfinite(v) and abs(v) <= MAX_MAGNITUDE) for v in (fig.low, fig.high))


def _dash_pair(doc: Doc, i: int) -> tuple[int, int] | None:
    """The two whole numbers of "6-4" starting at token ``i``, or None."""
    if i < 0 or i + 2 >= len(doc) or doc[i + 1].text not in ("-", "–", "—"):
        return None
    a, b = doc[i].text, doc[i + 2].text
    return (int(a), int(b)) if a.isdecimal() and b.isdecimal() and len(a) <= 2 and len(b) <= 2 else None


def _in_score_list(doc: Doc, start: int, end: int) -> bool:
    """ "beating her 6-4, 3-6, 7-5": a pair of numbers listed with pairs that are scores (the first above
    the second) is a score too, whichever is larger."""
    pairs = []
    i = start
    while (pair := _dash_pair(doc, i - 4)) is not None and doc[i - 1].text == ",":
        pairs.append(pair)
        i -= 4
    j = end
    while j < len(doc) and doc[j].text == "," and (pair := _dash_pair(doc, j + 1)) is not None:
        pairs.append(pair)
        j += 4
    return any(a > b for a, b in pairs)


def _canon(alias: str) -> str:
    if alias.isupper() and len(alias) == 3:
        return alias
    return canonical_unit(alias)


def _clean(v: float | None) -> float | None:
    if v is None:
        return None
    r = round(v, 6)
    return float(int(r)) if r.is_integer() else r


def _scaled_to(a: Amount, low: float) -> Amount:
    if low == a.low:
        return a
    a.low = low
    a.high = low
    a.scaled = True
    return a


#: units of amount after "2.5m": millions of them ("182m litres"), never metres
_MILLIONS_OF_UNITS = frozenset(
    "litres liters gallons barrels tonnes tons cubic passengers hectares acres euros dollars pounds".split())


def _millions_of(doc: Doc, k: int) -> bool:
    """The word after "2.5m" counts people or things: "households", "people", "viewers"; or it is what
    they did ("an average of 8.1m watched"); or an age in years ("166m years ago")."""
    nxt = doc[k]
    low = nxt.lower_
    if low in ("years", "yrs") and k + 1 < len(doc) and doc[k + 1].lower_ in ("ago", "old", "earlier", "before"):
        return True
    if low in _MILLIONS_OF_UNITS:
        return True  # "182m litres a day", "3m tonnes": millions of a unit that is no length
    if low.endswith("ed") and nxt.is_alpha and nxt.is_lower and low not in METRE_WORDS:
        # what the millions did ("an average of 8.1m watched the final"); "a 25m heated pool" describes a pool
        after = doc[k + 1] if k + 1 < len(doc) else None
        return after is None or after.is_punct or after.lower_ in _AFTER_A_VERB
    return nxt.is_alpha and nxt.is_lower and low not in METRE_WORDS and low not in UNIT_PHRASES \
        and (low.endswith("s") or low in ("people", "children", "men", "women"))


#: words that follow a verb, not an adjective: "watched the final", "voted on Sunday"
_AFTER_A_VERB = frozenset("the a an his her their its this that on in at by for to from with".split())


def _absorbed_period(tok: Token) -> bool:
    """"$5.4m." at the end of a sentence: the tokenizer keeps the full stop on the abbreviation."""
    t = tok.text
    return len(t) > 1 and t.endswith(".") and t[:-1].lower() in (
        "m", "bn", "k", "b", "mn", "km", "kg", "lb", "ft", "mi"
    )


def _prev_lower(doc: Doc, i: int) -> str:
    return doc[i - 1].lower_ if i > 0 else ""


def _clause_end(doc: Doc, k: int) -> bool:
    return k >= len(doc) or doc[k].is_punct


def _one_is_pronoun(doc: Doc, i: int) -> bool:
    """"one of the", "no one", "the one who": not an amount."""
    prev = _prev_lower(doc, i)
    if prev in ONE_BLOCKERS_BEFORE:
        return True
    if prev in ("at", "to") and i > 1 and doc[i - 2].lower_ in _LEVEL_FORMS and not (
            i + 1 < len(doc) and doc[i + 1].lower_ in ("point", "stage", "time", "of")):
        return False  # "the death toll stands at one", "rose to one on Monday": a level, however it ends
    if i + 1 >= len(doc):
        return True
    if _one_of_superlative(doc, i):
        return False  # "one of the largest dinosaurs": one, of a ranked kind
    nxt = doc[i + 1]
    if nxt.lower_ in ("and", "or", ",") and i + 2 < len(doc) and (doc[i + 2].like_num or doc[i + 2].lower_ == "a"):
        return False  # "killed one and wounded two" is weaker, but "one or two", "one, two" are amounts
    if nxt.lower_ in ONE_NOT_AMOUNT or nxt.is_punct or nxt.is_space:
        return True
    if nxt.is_stop and nxt.is_lower and nxt.lower_ not in ("more",):
        return True
    if nxt.is_alpha and i + 2 < len(doc) and doc[i + 2].lower_ in _SPOKE and nxt.lower_ not in ("more",):
        return True  # "..., one mother said": a speaker, not a count of mothers
    if nxt.is_alpha and nxt.lower_ not in ("more",) and (
            (prev in _SPOKE and (i + 2 >= len(doc) or doc[i + 2].is_punct) and i > 1
             and (doc[i - 2].is_punct or doc[i - 2].is_quote))
            or (prev == "to" and i > 1 and doc[i - 2].lower_ == "according")):
        return True  # '"It was a massive jolt," said one passenger', "according to one resident": a speaker
    # "one reportedly", "one injured": pronoun before a verb or adverb
    return nxt.lower_.endswith(("ly", "ed"))


#: what a speaker does, written right after "one resident": "one mother said"
_SPOKE = frozenset("said says told tells added recalled explained wrote warned complained".split())


#: forms of verbs that put a count at a level: "stands at one", "rose to one"
_LEVEL_FORMS = frozenset(
    "stand stands stood standing rise rises rose risen rising climb climbs climbed fall falls fell fallen "
    "drop drops dropped increase increases increased jump jumps jumped".split())
#: verbs of calling, whose "at" or "on" gives the number called: "call the health line at 811"
_CALLING = frozenset("call calling ring ringing phone phoning dial dialling dialing text texting".split())
#: prepositions of a time of day: "at 7 in the morning", "until 11 at night"
_CLOCK_PREPS = frozenset("at until till from by before after around about".split())
#: words after which a bare number is dialled, not counted
_DIALLED = _CALLING | frozenset("hotline helpline tel".split())
#: currency words that are as often something else: money only after a scale word
_SCALED_ONLY_CURRENCY = frozenset({"crown", "crowns"})
_SCALES = frozenset({"thousand", "million", "billion", "trillion", "bn", "m", "mn", "k"})


def _many_crowns(doc: Doc, start: int) -> bool:
    """ "310,000 crowns", "75 crowns per fish", "a 50,000-crown reward": more crowns than anyone wins
    as titles, or a price per thing, is money."""
    k = start - 1
    if k > 0 and doc[k].text == "-":
        k -= 1
    if k < 0:
        return False
    per = start + 1 < len(doc) and doc[start + 1].lower_ in ("per", "each", "apiece")
    try:
        value = float(doc[k].text.replace(",", ""))
    except ValueError:
        return per and doc[k].like_num
    return value >= 20 or per

#: verbs whose particle "up" makes "up to" a phrasal verb ("add up to", "comes up to"), not a hedge
_UP_TO_VERBS = frozenset("add adds added adding come comes came coming sum sums summed summing".split())
#: verbs whose particle is "over" ("rolled over 14 times", "handed over 40 rifles"): no hedge follows them (not
#: "carried over 200 passengers", a floor)
_OVER_VERBS = frozenset("roll rolls rolled rolling hand hands handed handing".split())

MONTH_WORDS = frozenset(m.lower() for m in MONTHS)


def _one_of_superlative(doc: Doc, i: int) -> bool:
    """ "one of the best", "one of the most spectacular": read from the words, so a tokenizer-only Doc
    gives the same answer as a parsed one."""
    words = [t.lower_ for t in doc[i + 1 : i + 5]]
    if len(words) < 3 or words[:2] != ["of", "the"]:
        return False
    sup = words[2]
    return sup in ("most", "least", "best", "worst") or (sup.endswith("est") and len(sup) > 5)


def is_one_of_superlative(text: str) -> bool:
    """A figure that ranks ("one of the deadliest") rather than counts: not a claim."""
    return bool(re.match(r"(?i)one\s+of\s+the\s+(?:most|least|best|worst|\w{3,}est)\b", text))


def _counted_noun_after(doc: Doc, k: int) -> bool:
    """A lower-case content word follows ("2000 troops"): the number counts it."""
    if k >= len(doc):
        return False
    nxt = doc[k]
    return nxt.is_alpha and nxt.is_lower and not nxt.is_stop


def _joined_durations(doc: Doc, found: list[FigureMatch]) -> list[FigureMatch]:
    """A duration written in two units is one figure in the larger: "14 hours 12 minutes", "two years and
    three months", "1hr 20min" (the second part less than one of the first unit, and unhedged)."""
    out: list[FigureMatch] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and _second_part(doc, prev, m):
            fig, extra = prev.figure, convert(m.figure.low or 0.0, m.figure.unit, prev.figure.unit)
            text = doc.text[prev.start_char : m.end_char]
            out[-1] = replace(prev, figure=replace(
                fig, text=text, low=None if fig.low is None else fig.low + extra,
                high=None if fig.high is None else fig.high + extra), end=m.end, end_char=m.end_char)
            # (the anchor stays the first part's: "waited 12 hours 40 minutes" counts no minutes)
            continue
        out.append(m)
    return out


def _second_part(doc: Doc, first: FigureMatch, second: FigureMatch) -> bool:
    a, b = first.figure, second.figure
    if unit_family(a.unit) != "duration" or unit_family(b.unit) != "duration" or a.unit == b.unit:
        return False
    if b.low is None or b.low != b.high or b.qualifier or b.approx or b.low < 0:
        return False
    between = [t.lower_ for t in doc[first.end : second.start]]
    if between not in ([], ["and"]):
        return False  # ("delays of 2 hours, 30 minutes and 45 minutes": a list)
    after = doc[second.end].lower_ if second.end < len(doc) else ""
    if after in ("a", "an", "per", "each", "every", "respectively", "of", "and", ",") and not (
            after == "," and (second.end + 1 >= len(doc) or not doc[second.end + 1].like_num)):
        return False  # "seven days, 12 hours a day", "10 years and 9 months respectively": two figures
    return convert(b.low, b.unit, a.unit) < 1.0  # less than one of the first unit: minutes after hours


def _looks_like_year(doc: Doc, a: Amount, prev_word: str) -> bool:
    """A bare 4-digit number read as a year: "in 2022", "the 2022 elections", "2018 sales".

    From 1900 to 2150 it is a year unless a counted noun follows a round number
    ("killed 2000 people", "1500 troops"); years such as 2018 are seldom counts.
    Before 1900 it is a year only after "in", "since", "by"...
    """
    v = a.low
    if not 1000 <= v <= 2150:
        return False
    if prev_word in YEAR_PREPS:
        return True
    if v < 1900:
        return False
    return v % 50 != 0 or not _counted_noun_after(doc, a.end)


#: words after which a bare number is an identifier, not an amount
_CODE_WORDS = frozenset("number no no. nos nos. ref ref. reference id serial lot".split())


def _a_product_name(word: str) -> bool:
    """A word written with a capital inside it, as products are named ("NovaSeq", "iPhone", "PlayStation"), not
    as a sentence's first word or an acronym is."""
    return word.isalpha() and any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)


def _looks_like_name(doc: Doc, i: int) -> bool:
    """"Boeing 737", "iPhone 11", "S&P 500", "Windows 11": a bare integer right after a name."""
    if i == 0:
        return False
    prev = doc[i - 1]
    t = prev.text
    if not prev.whitespace_ or not any(ch.isupper() for ch in t) or any(ch.isdigit() for ch in t):
        return False
    if prev.is_title and len(t) > 4 and t.endswith("ed"):
        return False  # a headline verb: "Russia Lost 300 Soldiers", "Army Captured 40 Tanks"
    if not any(ch.isalpha() for ch in t) or prev.is_stop or t in MONTHS or prev.lower_ in WEEKDAYS:
        return False
    if t in CURRENCIES or t in ("US", "U.S.", "UK", "EU", "UN", "U.N."):
        return False
    # a capitalised first word of a sentence followed by a counted noun: "Yesterday 30 people died"
    sentence_start = i == 1 or doc[i - 2].text in (".", "!", "?", "\n", "\n\n", '"', "“", ":", ";")
    if sentence_start and prev.is_title and i + 1 < len(doc):
        nxt = doc[i + 1]
        if nxt.is_alpha and nxt.is_lower and not nxt.is_stop:
            return False
    return True


def _is_list_marker(doc: Doc, i: int) -> bool:
    """"1." or "2)" at the start of a line."""
    at_line_start = i == 0 or "\n" in doc[i - 1].text or (
        doc[i - 1].text == "(" and (i == 1 or "\n" in doc[i - 2].text)
    )
    return at_line_start and i + 1 < len(doc) and doc[i + 1].text in (".", ")")


def _block_phones(doc: Doc, blocked: dict[int, str]) -> None:
    """Phone numbers: runs of digit groups ("+1 202-555-0143", "(020) 7946 0958", "555-1234")."""
    n = len(doc)
    i = 0
    while i < n:
        if not _phone_group(doc[i].text):
            i += 1
            continue
        groups = [i]
        j = i + 1
        while j < n:
            t = doc[j].text
            if _phone_group(t):
                groups.append(j)
                j += 1
            elif t in ("-", "(", ")", ".", "–") and j + 1 < n:
                j += 1
            else:
                break
        texts = [doc[g].text.lstrip("+") for g in groups]
        digits = sum(len(t) for t in texts)
        leading_plus = doc[i].text.startswith("+") or (i > 0 and doc[i - 1].lower_ in PHONE_WORDS) \
            or (i > 1 and doc[i - 1].text == ":" and doc[i - 2].lower_ in PHONE_WORDS)
        thousands = (
            not leading_plus and texts[0][0] != "0" and len(texts[0]) <= 3
            and all(len(t) == 3 for t in texts[1:])
            and all(doc[g].whitespace_ == " " for g in groups[:-1]) and groups == list(range(i, i + len(groups)))
        )  # "1 250 000": thousands grouped with spaces
        # "the emergency number is 112", "helpline number: 0800 ...": a number that is a line's number
        named_line = i > 2 and doc[i - 1].lower_ in ("is", "was", ":") and doc[i - 2].lower_ == "number" \
            and doc[i - 3].lower_ in _LINE_WORDS
        phone = named_line or (not thousands and (
            (len(groups) >= 3 and digits >= 7 and all(len(t) >= 2 for t in texts[1:]))
            or (len(groups) == 2 and [len(t) for t in texts] == [3, 4] and doc[groups[0] + 1].text == "-")
            or (leading_plus and digits >= 6)
            or (len(groups) >= 2 and texts[0].startswith("0") and len(texts[0]) >= 3)
        ))
        if phone:
            for k in range(groups[0], groups[-1] + 1):
                blocked.setdefault(k, "PHONE")
        i = max(j, i + 1)


#: words naming a line whose "number" is dialled: "the emergency number is 112"
_LINE_WORDS = PHONE_WORDS | {"emergency", "contact", "freephone", "enquiry", "enquiries", "information", "helpdesk"}


def _block_clock_times(doc: Doc, blocked: dict[int, str]) -> None:
    """A time of day that names a service: "my 8.05 connection", "the 7.15 from Leeds" (hours and minutes after a
    determiner, before a service's noun or where it runs from or to)."""
    n = len(doc)
    for t in doc:
        if not _CLOCK.match(t.text) or t.i == 0 or t.i + 1 >= n or doc[t.i - 1].lower_ not in _CLOCK_DETERMINERS:
            continue
        if doc[t.i + 1].lower_ in _SERVICES:
            blocked.setdefault(t.i, "TIME")


#: hours and minutes written with a point or a colon ("8.05", "19:40")
_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])[.:][0-5]\d$")
#: words after a time of day that names a service: a service's noun, or where it runs from or to ("the 7.15
#: from Leeds"); "the 1.35 mark" or "their 2.45 ERA" are figures
_SERVICES = frozenset("train bus coach tram ferry flight service connection departure arrival sailing shuttle "
                      "from to".split())
#: words before a time of day that names a service ("my 8.05 connection", "the 7.15 from Leeds")
_CLOCK_DETERMINERS = frozenset("the my our your his her their its".split())


def _block_listed_ages(doc: Doc, blocked: dict[int, str]) -> None:
    """The other members of a list of ages: "men aged 29, 41 and 52" (the first is an age by its word).

    Only a list closed by "and" or "or" whose members are all small bare numbers."""
    n = len(doc)
    for i in [k for k, label in blocked.items() if label == "AGE" and doc[k].is_digit]:
        members, j = [], i + 1
        while j + 1 < n and doc[j].text in (",", "and", "or") and doc[j + 1].is_digit and len(doc[j + 1].text) <= 3:
            members.append((doc[j].text, j + 1))
            j += 2
        if members and members[-1][0] in ("and", "or") and (j >= n or not doc[j].is_alpha or doc[j].lower_ in (
                "and", "or", "respectively")):
            for _sep, k in members:
                blocked.setdefault(k, "AGE")


#: least members of a list of bare numbers read as labels
_LABEL_LIST = 4


def _block_number_lists(doc: Doc, blocked: dict[int, str]) -> None:
    """A list of four or more bare whole numbers, nothing counted after any of them: labels, not counts
    ("the winning numbers - 5, 17, 23, 36, 42 and 47", "bus routes 12, 14, 31 and 40"), after a copula, a word
    of labels or a dash. Counts in a list follow their verb ("killed 5, 12, 17 and 23 respectively"), carry their
    nouns ("5 killed, 17 injured") or their unit after the last ("5, 17, 23 and 36 per cent")."""
    n = len(doc)
    i = 0
    while i < n:
        if not (doc[i].is_digit and len(doc[i].text) <= 3):
            i += 1
            continue
        members, j = [i], i + 1
        while j + 1 < n and doc[j].text in (",", "and", "or", "&") \
                and doc[j + 1].is_digit and len(doc[j + 1].text) <= 3:
            members.append(j + 1)
            j += 2
        after = doc[j] if j < n else None
        closed = after is None or after.lower_ in ("and", "or") or (
            not after.is_alpha and after.text != "%" and (after.text not in ("-", "–") or bool(after.whitespace_)))
        before = doc[i - 1] if i > 0 else None
        opened = before is None or before.lower_ in _LIST_LEADS or before.text in _LIST_OPENERS
        if len(members) >= _LABEL_LIST and closed and opened:
            for k in members:
                blocked.setdefault(k, "LABELS")
        i = j if j > i + 1 else i + 1


#: what may stand before a list of labels ("numbers - 5, 17", "numbers: 5, 17", "(5, 17, ...")
_LIST_OPENERS = frozenset({"-", "–", "—", ":", "(", ",", '"', "“"})
#: words a list of labels follows ("the numbers were 5, 17, ...", "routes 12, 14, 31 and 40"); not a verb that
#: counts ("killed 5, 12, 17 and 23 respectively")
_LIST_LEADS = frozenset("were are was is numbers number nos routes lines balls".split())


def _phone_group(text: str) -> bool:
    """A group of a phone number's digits ("0800", "807060": a local number is often written whole)."""
    t = text[1:] if text.startswith("+") else text
    return t.isdigit() and 1 <= len(t) <= 8


# -- module-level convenience ------------------------------------------------------

_parsers: dict[int, tuple[Vocab, FigureParser]] = {}
_lock = threading.Lock()
_MAX_PARSERS = 8


def parser_for(vocab: Vocab) -> FigureParser:
    """The cached ``FigureParser`` for ``vocab`` (built on first use, never at import)."""
    key = id(vocab)
    with _lock:
        entry = _parsers.get(key)
        if entry is not None and entry[0] is vocab:
            return entry[1]
        parser = FigureParser(vocab)
        if len(_parsers) >= _MAX_PARSERS:
            _parsers.pop(next(iter(_parsers)))
        _parsers[key] = (vocab, parser)
        return parser


def find_figures(doc: Doc) -> list[FigureMatch]:
    """Every figure in ``doc`` (tokenizer-only or parsed), in text order, non-overlapping."""
    return parser_for(doc.vocab).find(doc)

"""Reading one number from spaCy tokens: digits, number words, scales, vague amounts.

This is the lexical half of the figure parser (``bot.engine.figures``): it knows
how a single amount is written ("1,243", "4.2bn", "twenty-one", "1.2 million",
"half a million", "several hundred", "tens of thousands", "two-thirds of") and
turns it into an interval. It knows nothing of hedges, units or context; the
figure parser adds those.

Only lexical token attributes are used (text, whitespace), so a tokenizer-only
``Doc`` and a fully parsed ``Doc`` of the same text read the same.

Vague amounts are intervals (approximate by nature):

=====================  ============================  ==========================
words                  interval                      rule
=====================  ============================  ==========================
hundreds / thousands   100-1,000 / 1,000-10,000      the order of magnitude: 1x to 10x the scale
millions / billions    1e6-1e7 / 1e9-1e10            same rule
tens of thousands      10,000-100,000                outer x inner scale
hundreds of thousands  100,000-1,000,000
dozens                 12-120                        one to ten dozen
scores (of)            20-200                        one to ten score
tens (of)              10-100
several hundred        200-900                       several = 2..9 of the scale
a few hundred          200-500                       a few = 2..5 of the scale
a couple of hundred    200-200 (approx)              a couple = 2
a handful (of)         2-5
a dozen                12 (approx)
half, a third, ...     50, 33.33 percent (approx)    fractions are shares
=====================  ============================  ==========================

The plural scales read as an order of magnitude, the convention of quantity
annotation (NewsQuant): "hundreds" (100-1,000) is compatible with "at least 30" (30-open), and
"several hundred" square kilometres (200-900) conflicts with 1,243.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from bot.engine.units import CURRENCIES

ISO_CODES = frozenset(CURRENCIES)

SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}


def significant_digits(value: float) -> int:
    """How many significant digits a figure is written with: "1,140" 3, "38,000" 2, "£6.8m" 2, "five" 1."""
    return len(f"{abs(value):.6g}".split("e")[0].replace(".", "").strip("0"))


def word_value(word: str) -> int | None:
    """The value of a number written as one word: "16", "sixteen", "forty-eight", "a" (one); else None.

    The one home of number words for the rest of the engine: periods ("sixteen days") read the
    same as figures ("16 days")."""
    w = word.lower().strip()
    if w.isdecimal():  # not isdigit: int() cannot read superscripts
        return int(w)
    if w in ("a", "an"):
        return 1
    if w in SMALL:
        return SMALL[w]
    if w in TENS:
        return TENS[w]
    tens, _, unit = w.partition("-")
    if tens in TENS and unit in SMALL and 0 < SMALL[unit] < 10:
        return TENS[tens] + SMALL[unit]
    return None


#: scale words that multiply what precedes them ("1.2 million", "two thousand")
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12,
}
#: abbreviations that are scales only after a currency ("£3m", "$50k", "$5B")
CURRENCY_SCALES: dict[str, float] = {"m": 1e6, "k": 1e3, "b": 1e9}
#: plural scales used as vague amounts: (low multiple, high multiple, base)
PLURAL_SCALES: dict[str, tuple[float, float]] = {
    "tens": (10, 100),
    "dozens": (12, 120),
    "scores": (20, 200),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "millions": (1e6, 1e7),
    "billions": (1e9, 1e10),
    "trillions": (1e12, 1e13),
}
#: the unit step of each plural scale, to combine "tens of thousands"
PLURAL_BASE: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
#: vague multipliers before a scale word ("several hundred"): (low, high)
VAGUE_MULTIPLIERS: dict[tuple[str, ...], tuple[float, float]] = {
    ("several",): (2, 9),
    ("a", "few"): (2, 5),
    ("few",): (2, 5),
    ("a", "couple", "of"): (2, 2),
    ("a", "couple"): (2, 2),
    ("couple", "of"): (2, 2),
}
#: vague amounts standing alone: words -> (low, high)
#: ("a couple" needs "of" after it: "the couple" is two people, not an amount)
VAGUE_ALONE: dict[tuple[str, ...], tuple[float, float]] = {
    ("a", "handful"): (2, 5),
    ("a", "couple"): (2, 2),
}
FRACTIONS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
#: words after a fraction that make it a share of something ("half of", "a third the")
FRACTION_FOLLOWERS = frozenset(
    "of the its their his her our your all these those this that".split()
)
#: words before "half" that make it something else ("the second half", "in half")
HALF_BLOCKERS = frozenset(
    "the first second last latter other next final opening closing".split()
)

_FRACTION_TOKEN = re.compile(r"^(\d{1,2})[/⁄](\d{1,3})$")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
#: one token holding a number, with what may be glued to it ("US$1.1", "4.2bn", "~25", "10,000–12,000")
TOKEN_NUMBER = re.compile(
    rf"""^(?P<pre>~|≈|\+|-|−|±|minus-|sub-)?
    (?P<cur>[A-Z]{{1,3}}\$|\$|€|£|¥|₹|₽|₴|₩|₦|₺|Rs\.?|Y=|[A-Z]{{1,3}})?
    (?P<n1>{_DIGITS})
    (?:(?P<dash>[-–—])(?P<cur2>\$|€|£)?(?P<n2>{_DIGITS}))?
    (?P<suf>[A-Za-z%²³/″′"]+[23]?\.?)?$""",
    re.X,
)
#: in-token suffixes that are scales
SUFFIX_SCALES: dict[str, float] = {
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "M": 1e6,
}
#: in-token suffixes that are units: suffix (lower-case) -> unit alias for canonical_unit
SUFFIX_UNITS: dict[str, str] = {
    "%": "percent", "pc": "percent", "pct": "percent",
    "km": "km", "kms": "km", "km2": "km2", "km²": "km2", "m2": "m2", "m²": "m2", "sqkm": "km2",
    "mi": "mi", "ft": "ft", "cm": "cm", "mm": "mm", "nm": "nm", "m": "m",
    "kg": "kg", "kgs": "kg", "g": "g", "mg": "mg", "lb": "lb", "lbs": "lb", "t": "t", "oz": "oz",
    "mph": "mph", "kph": "km/h", "kmh": "km/h", "km/h": "km/h", "km/hr": "km/h",
    "min": "minutes", "mins": "minutes", "h": "hours", "hr": "hours", "hrs": "hours",
    "yr": "years", "yrs": "years", "sec": "seconds", "secs": "seconds",
    "kw": "kw", "kwh": "kwh", "mw": "mw", "mwh": "mwh", "gw": "gw", "gwh": "gwh", "twh": "twh",
    "hz": "hz", "khz": "khz", "mhz": "mhz", "ghz": "ghz", "gb": "gb", "tb": "tb", "mb": "mb",
    "hp": "hp", "bhp": "hp", "rpm": "rpm", "mpg": "mpg", "bp": "bp", "bps": "bp",
    "x": "times", "p": "pence", "c": "°c", "f": "°f", "w": "w", "ml": "ml", "l": "l",
    "″": "in", '"': "in", "′": "ft", "in": "in", "m3": "m3", "cm2": "cm2", "mm2": "mm2",
}
#: in-token currency prefixes -> ISO code
PREFIX_CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
    "₴": "UAH", "₩": "KRW", "₦": "NGN", "₺": "TRY", "c$": "CAD", "ca$": "CAD", "a$": "AUD",
    "au$": "AUD", "r$": "BRL", "rs": "INR", "rs.": "INR", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "rm": "MYR",
    # ASCII transliterations of symbols (Unidecode output in some feeds): £ -> "PS", ¥ -> "Y="
    "y=": "JPY",
}
#: bare letters glued after a separate "$" token: "$US55,931,000", "$A82,615,680"
DOLLAR_COUNTRIES: dict[str, str] = {
    "US": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "NZ": "NZD", "HK": "HKD", "S": "SGD",
}


@dataclass(slots=True)
class Amount:
    """One amount read from tokens ``[start, end)``."""

    start: int
    end: int
    low: float
    high: float
    #: index of the last numeric/quantity token
    anchor: int
    #: "digits", "words", "vague" or "fraction"
    kind: str
    approx: bool = False
    #: the vague words ("several hundred", "a dozen"), lower-case
    qualifier: str | None = None
    #: a scale word or suffix was applied ("million", "bn")
    scaled: bool = False
    #: a plain integer written in digits without separators, scale or glued unit ("2022")
    plain_int: bool = False
    #: number of digits of a plain integer
    digits: int = 0
    #: ISO currency glued before the number ("US$1.1")
    currency: str | None = None
    #: unit alias glued after the number ("4.25%" has none; "100km" has "km")
    unit: str | None = None
    #: "~", "+", "sub-" or "minus" glued before the number
    prefix: str | None = None
    #: a range written inside one token ("10,000–12,000")
    ranged: bool = False
    #: the trailing scale applied ("million" -> 1e6), to carry it to the other end of a range
    factor: float = 1.0


def fraction_token(doc: Doc, i: int) -> Amount | None:
    """"1/16 of", "1⁄32 of": a share written as a fraction, in percent."""
    m = _FRACTION_TOKEN.match(doc[i].text)
    if m is None or i + 1 >= len(doc) or doc[i + 1].lower_ != "of":
        return None
    num, den = int(m.group(1)), int(m.group(2))
    if not 0 < num < den:
        return None
    value = round(100.0 * num / den, 4)
    return Amount(start=i, end=i + 1, low=value, high=value, anchor=i, kind="fraction",
                  qualifier=None)


def parse_digits(text: str) -> float:
    return float(text.replace(",", ""))


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _glued(doc: Doc, i: int) -> bool:
    """True when token ``i`` has no whitespace after it."""
    return doc[i].whitespace_ == ""


def read_scales(doc: Doc, i: int, currency: bool) -> tuple[float, int]:
    """Multiply by the scale words from ``i`` ("million", "hundred thousand"); (factor, end)."""
    factor = 1.0
    j = i
    while j < len(doc):
        low = doc[j].lower_
        if low.endswith(".") and len(low) > 1 and low[:-1] in ("m", "k", "b", "bn", "mn", "mln", "tn"):
            low = low[:-1]  # "$5.4m." at the end of a sentence
        if low == "-" and j == i and j + 1 < len(doc) and _glued(doc, j - 1) and _glued(doc, j) \
                and doc[j + 1].lower_ in ("thousand", "million", "billion", "trillion"):
            j += 1  # "$1.5-billion"
            continue
        if low in SCALES:
            factor *= SCALES[low]
        elif low == "dozen" and j == i:
            factor *= 12  # "5 dozen"
        elif currency and low in CURRENCY_SCALES and j == i:
            factor *= CURRENCY_SCALES[low]
        elif doc[j].text.rstrip(".") in SUFFIX_SCALES and j == i and j > 0 and _glued(doc, j - 1):
            factor *= SUFFIX_SCALES[doc[j].text.rstrip(".")]
        else:
            break
        j += 1
    return factor, j


def read_token_number(doc: Doc, i: int, currency: bool) -> Amount | None:
    """A number written in digits at token ``i``, with its scale words ("1.2 million")."""
    tok = doc[i]
    m = TOKEN_NUMBER.match(tok.text)
    if m is None:
        return None
    pre, cur, suf = m.group("pre"), m.group("cur"), m.group("suf")
    code = None
    if cur:
        code = PREFIX_CURRENCIES.get(cur.lower())
        if code is None and cur.isalpha():
            if cur in ISO_CODES:
                code = cur  # "USD10m"
            elif cur in DOLLAR_COUNTRIES and i > 0 and doc[i - 1].text == "$" and _glued(doc, i - 1):
                code = DOLLAR_COUNTRIES[cur]  # "$US55,931,000"
            elif cur == "PS" and (
                "," in m.group("n1") or "." in m.group("n1") or (suf or "").lower() in ("m", "bn", "k")
            ):
                code = "GBP"  # "PS2.7m": a transliterated "£2.7m" (but "PS5" is a console)
        if code is None:
            return None
    has_currency = currency or code is not None
    value = parse_digits(m.group("n1"))
    value2 = parse_digits(m.group("n2")) if m.group("n2") else None
    if pre in ("-", "−", "minus-"):
        value = -value
    factor = 1.0
    unit = None
    scaled = False
    if suf:
        key = suf.rstrip(".") if suf.endswith(".") and suf[:-1].lower() in SUFFIX_UNITS else suf
        if key in SUFFIX_SCALES or key.lower() in ("bn", "bln", "mn", "mln", "tn", "trn"):
            factor = SUFFIX_SCALES.get(key) or SUFFIX_SCALES[key.lower()]
            scaled = True
        elif has_currency and key.lower() in CURRENCY_SCALES:
            factor = CURRENCY_SCALES[key.lower()]
            scaled = True
        elif _suffix_unit(key) and not (key == "m" and has_currency):
            unit = "cents" if key == "c" else SUFFIX_UNITS[key.lower()]
        else:
            return None  # "3rd", "1990s", "3pm", "221B": not an amount
    end = i + 1
    if not suf and value2 is None and pre is None:
        grouped = _space_groups(doc, i)
        if grouped is not None:
            value, end = grouped
    if not scaled:
        more, end = read_scales(doc, end, has_currency)
        if more != 1.0:
            factor, scaled = more, True
    n1 = m.group("n1")
    plain = (
        not scaled and unit is None and code is None and value2 is None and pre is None
        and n1.isdigit() and end == i + 1
    )
    low = value * factor
    high = (value2 * factor) if value2 is not None else low
    if value2 is not None and high <= low:
        return None  # "2-1" inside one token: a score, not a range
    return Amount(
        start=i, end=end, low=low, high=high, anchor=end - 1, kind="digits", scaled=scaled,
        plain_int=plain, digits=len(n1) if plain else 0, currency=code, unit=unit,
        prefix=pre, ranged=value2 is not None, factor=factor,
    )


_SPACES = frozenset({"\xa0", "\u202f", "\u2009"})


def _space_groups(doc: Doc, i: int) -> tuple[float, int] | None:
    """"12 000", "10\u00a0000": thousands grouped with (non-breaking) spaces; (value, end)."""
    first = doc[i].text
    if not (first.isdecimal() and len(first) <= 3 and first[0] != "0") or (i > 0 and doc[i - 1].is_digit):
        return None
    digits = first
    j = i + 1
    n = len(doc)
    while j < n:
        k = j + 1 if doc[j].text in _SPACES else j
        if k >= n or doc[k - 1].whitespace_ not in ("", " ") or not (doc[k].text.isdecimal() and len(doc[k].text) == 3):
            break
        if doc[j - 1].whitespace_ == "" and k == j:
            break
        digits += doc[k].text
        j = k + 1
    if j == i + 1 or (j < n and doc[j].is_digit):
        return None
    return float(digits), j


#: one-letter suffixes are units only in this exact case ("45g", "30C"; not "5G", "3D")
_ONE_LETTER_UNITS = frozenset("g m p t h x l C F W L".split())


def _suffix_unit(key: str) -> bool:
    if key == "c":
        return True  # "99c": cents
    if len(key) == 1 or (len(key) == 2 and key[1] in "23"):
        return key[0] in _ONE_LETTER_UNITS and key.lower() in SUFFIX_UNITS
    return key.lower() in SUFFIX_UNITS and key != "Nm"


def _word_value(word: str) -> int | None:
    if word.endswith("-") and len(word) > 2:
        word = word[:-1]  # "four-, five- and six-cylinder"
    if word in SMALL:
        return SMALL[word]
    return TENS.get(word)


def read_word_number(doc: Doc, i: int) -> Amount | None:
    """A number in words at ``i``: "two", "twenty-one", "one hundred and five", "a thousand"."""
    n = len(doc)
    j = i
    article = doc[i].lower_ in ("a", "an")
    if article:
        if not (i + 1 < n and doc[i + 1].lower_ in ("hundred", "thousand", "million", "billion", "trillion", "dozen")):
            return None
        j = i + 1
    total = 0.0
    current = 0.0
    seen = False
    last = ""
    while j < n:
        low = doc[j].lower_
        val = _word_value(low)
        if val is not None and not article:
            if last == "small" or (last == "tens" and val >= 10):
                break
            current += val
            last = "tens" if low in TENS else "small"
            seen = True
            if low.endswith("-"):
                j += 1
                break
        elif low == "-" and last == "tens" and _glued(doc, j - 1) and _glued(doc, j) \
                and j + 1 < n and 0 < SMALL.get(doc[j + 1].lower_, 0) < 10:
            pass
        elif low == "hundred" and (seen or article) and current < 100:
            current = (current or 1) * 100
            last = "scale"
            seen = True
        elif low in ("thousand", "million", "billion", "trillion") and (seen or article):
            total += (current or 1) * SCALES[low]
            current = 0
            last = "scale"
            seen = True
        elif low == "dozen" and (seen or article) and last != "scale":
            current = (current or 1) * 12
            last = "dozen"
            seen = True
        elif low == "and" and last == "scale" and j + 1 < n \
                and (_word_value(doc[j + 1].lower_) or 100) < 100 and not _and_is_range(doc, j + 1):
            last = "and"
        else:
            break
        article = False
        j += 1
    if not seen:
        return None
    if last == "and":
        j -= 1
    value = total + current
    # "two and a half (million)"
    if j + 2 < n and doc[j].lower_ == "and" and doc[j + 1].lower_ == "a" and doc[j + 2].lower_ == "half" \
            and last != "scale":
        value += 0.5
        j += 3
        if j < n and doc[j].lower_ in ("thousand", "million", "billion", "trillion"):
            value *= SCALES[doc[j].lower_]
            j += 1
    words = tuple(t.lower_ for t in doc[i:j])
    vague = words == ("a", "dozen")
    factor = SCALES.get(words[-1], 1.0) if words[-1] != "hundred" else 1.0
    return Amount(
        start=i, end=j, low=value, high=value, anchor=j - 1, kind="words",
        approx=vague, qualifier="a dozen" if vague else None,
        scaled=any(w in SCALES or w == "dozen" for w in words), factor=factor,
    )


def _and_is_range(doc: Doc, k: int) -> bool:
    """"five hundred and seven hundred": the word after "and" starts a second amount."""
    j = k
    while j < len(doc) and (_word_value(doc[j].lower_) is not None or doc[j].text == "-"):
        j += 1
    return j < len(doc) and doc[j].lower_ in ("hundred", "thousand", "million", "billion")


def read_half_of_scale(doc: Doc, i: int) -> Amount | None:
    """"half a million", "half a dozen"."""
    if doc[i].lower_ != "half" or i + 2 >= len(doc):
        return None
    if doc[i + 1].lower_ not in ("a", "an"):
        return None
    scale_word = doc[i + 2].lower_
    scale = 12.0 if scale_word == "dozen" else SCALES.get(scale_word)
    if scale is None or scale_word in ("bn", "bln", "mn", "mln", "tn", "trn"):
        return None
    v = 0.5 * scale
    return Amount(start=i, end=i + 3, low=v, high=v, anchor=i + 2, kind="words", scaled=True)


def read_vague(doc: Doc, i: int) -> Amount | None:
    """Vague amounts: "several hundred", "hundreds", "tens of thousands", "a handful of"."""
    n = len(doc)
    first = doc[i].lower_
    # multiplier + scale: "several hundred", "a few thousand", "a couple of hundred"
    for words, (lo, hi) in VAGUE_MULTIPLIERS.items():
        k = len(words)
        if i + k < n and tuple(t.lower_ for t in doc[i:i + k]) == words:
            sw = doc[i + k].lower_
            scale: float | None = None
            if sw in ("dozen", "dozens"):
                scale = 12.0
            elif sw in ("hundred", "thousand", "million", "billion", "trillion"):
                scale = SCALES.get(sw)
            if sw in ("hundreds", "thousands", "millions", "billions"):
                scale = PLURAL_BASE[sw]
            if scale is None:
                continue
            j = i + k + 1
            while j < n and doc[j].lower_ in ("thousand", "million", "billion"):
                scale *= SCALES[doc[j].lower_]
                j += 1
            phrase = " ".join(t.lower_ for t in doc[i:j])
            return Amount(start=i, end=j, low=lo * scale, high=hi * scale, anchor=j - 1,
                          kind="vague", approx=True, qualifier=phrase, scaled=True)
    # plural scales: "hundreds", "tens of thousands", "dozens of"
    if first in PLURAL_SCALES:
        lo, hi = PLURAL_SCALES[first]
        j = i + 1
        if first in ("tens", "scores") and not (j < n and doc[j].lower_ == "of"):
            return None
        if i > 0 and doc[i - 1].text == "-" and _glued(doc, i - 1):
            return None
        # "tens of thousands", "hundreds of millions"
        if j + 1 < n and doc[j].lower_ == "of" and doc[j + 1].lower_ in PLURAL_BASE \
                and PLURAL_BASE[doc[j + 1].lower_] > PLURAL_BASE[first] \
                and doc[j + 1].lower_ not in ("dozens", "scores", "tens"):
            base = PLURAL_BASE[doc[j + 1].lower_]
            lo_m, hi_m = lo, hi
            lo, hi = lo_m * base, hi_m * base
            j += 2
        phrase = " ".join(t.lower_ for t in doc[i:j])
        return Amount(start=i, end=j, low=lo, high=hi, anchor=j - 1, kind="vague",
                      approx=True, qualifier=phrase, scaled=True)
    for words, (lo, hi) in VAGUE_ALONE.items():
        k = len(words)
        if i + k <= n and tuple(t.lower_ for t in doc[i:i + k]) == words:
            if words[1] == "couple" and _lower(doc, i + k) != "of":
                return None
            return Amount(start=i, end=i + k, low=lo, high=hi, anchor=i + k - 1, kind="vague",
                          approx=True, qualifier=" ".join(words))
    return None


def read_fraction(doc: Doc, i: int) -> Amount | None:
    """Shares as percent: "half of", "a third of", "two-thirds of", "three quarters of"."""
    n = len(doc)
    first = doc[i].lower_
    if first == "half":
        if i > 0 and doc[i - 1].lower_ in HALF_BLOCKERS:
            return None
        if i + 1 < n and doc[i + 1].lower_ in FRACTION_FOLLOWERS:
            return Amount(start=i, end=i + 1, low=50.0, high=50.0, anchor=i, kind="fraction",
                          approx=True, qualifier="half")
        return None
    num = 1 if first in ("a", "an", "one") else SMALL.get(first) if first in SMALL and first != "zero" else None
    if num is None:
        return None
    j = i + 1
    if j < n and doc[j].text == "-" and _glued(doc, i) and _glued(doc, j):
        j += 1
    if j >= n or doc[j].lower_ not in FRACTIONS:
        return None
    word = doc[j].lower_
    den = FRACTIONS[word]
    if word in ("half", "halves") or (num > 1) != word.endswith("s"):
        return None
    if j + 1 >= n or doc[j + 1].lower_ not in FRACTION_FOLLOWERS:
        return None
    if num >= den:
        return None
    of_a = doc[j + 1].lower_ == "of" and _lower(doc, j + 2) in ("a", "an")
    if of_a and _lower(doc, j + 3) in ("hundred", "thousand", "million", "billion", "trillion"):
        # "a quarter of a million": an amount, not a share
        v = num / den * SCALES[doc[j + 3].lower_]
        return Amount(start=i, end=j + 4, low=v, high=v, anchor=j + 3, kind="words", scaled=True)
    if of_a:
        return None  # "a quarter of a century", "a third of a mile": not a share of something counted
    value = round(100.0 * num / den, 2)
    phrase = " ".join(t.lower_ for t in doc[i:j + 1]).replace(" - ", "-")
    return Amount(start=i, end=j + 1, low=value, high=value, anchor=j, kind="fraction",
                  approx=True, qualifier=phrase)


def read_share(doc: Doc, i: int) -> Amount | None:
    """"one in five", "3 out of 10": a share, in percent."""
    n = len(doc)
    top = _small_int(doc, i)
    if top is None or i + 2 >= n:
        return None
    j = i + 1
    if doc[j].lower_ == "in":
        j += 1
    elif doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        j += 2
    else:
        return None
    if j >= n:
        return None
    bottom = _small_int(doc, j)
    if bottom is None or not 0 < top < bottom or bottom > 1000:
        return None
    value = round(100.0 * top / bottom, 2)
    return Amount(start=i, end=j + 1, low=value, high=value, anchor=j, kind="fraction",
                  qualifier=None)


def _small_int(doc: Doc, i: int) -> int | None:
    t = doc[i]
    if t.text.isdecimal() and len(t.text) <= 3:  # not isdigit: "10²" has digits int() cannot read
        return int(t.text)
    v = _word_value(t.lower_)
    if v is not None and not t.lower_.endswith("-") and not (i + 1 < len(doc) and doc[i + 1].text == "-"):
        return v
    return None


_VAGUE_STARTERS = frozenset({w[0] for w in VAGUE_MULTIPLIERS} | {w[0] for w in VAGUE_ALONE} | set(PLURAL_SCALES))

#: first characters ``read_amount`` reads a token number from (a string, as there: "" is in it)
_AMOUNT_SIGNS = "~≈+-−±.$€£¥₹₽₴₩₦₺"


def read_amount(doc: Doc, i: int, currency: bool = False) -> Amount | None:
    """The amount starting at token ``i``, or None."""
    tok = doc[i]
    if not currency and (tok.is_digit or tok.lower_ in SMALL or tok.lower_ in TENS):
        share = read_share(doc, i)
        if share is not None:
            return share
    c = tok.text[:1]
    if c.isdigit() or c in _AMOUNT_SIGNS or tok.text[:4] == "sub-" or tok.text[:6] == "minus-" \
            or (c.isupper() and any(ch.isdigit() for ch in tok.text)):
        return read_token_number(doc, i, currency) or fraction_token(doc, i)
    low = tok.lower_
    if low in ("half",):
        return read_half_of_scale(doc, i) or read_fraction(doc, i)
    if low in ("a", "an", "one") or low in SMALL:
        frac = read_fraction(doc, i)
        if frac is not None:
            return frac
    if low in _VAGUE_STARTERS:
        vague = read_vague(doc, i)
        if vague is not None:
            return vague
    if _word_value(low) is not None or low in ("a", "an"):
        return read_word_number(doc, i)
    return None


#: words ``read_amount`` may start at: numbers, "a"/"an"/"one"/"half" of fractions and scales, vague starters
#: (a number word with a hyphen after it too: "four-, five- and six-cylinder")
_AMOUNT_STARTERS = frozenset(
    {*SMALL, *TENS, *(w + "-" for w in (*SMALL, *TENS)), "a", "an", "one", "half", *_VAGUE_STARTERS})


def may_start_amount(text: str, low: str) -> bool:
    """False only when ``read_amount`` returns None at a token of this text and lower form, whatever
    surrounds it: it holds no digit, does not start with a sign or currency symbol, and is no word
    an amount starts with. A cheap test that lets a scan skip most tokens."""
    return low in _AMOUNT_STARTERS or any(ch.isdigit() for ch in text) or text[:1] in _AMOUNT_SIGNS \
        or text[:4] == "sub-" or text[:6] == "minus-"


_CURRENCY_CHARS = frozenset("$€£¥₹₽₴₩₦₺₪")


def could_hold_amount(doc: Doc) -> bool:
    """False only when no token of ``doc`` can start or complete an amount: a cheap gate.

    Every amount ``read_amount`` finds has a token with a digit, a currency
    sign, a number or scale word, a vague starter ("dozens", "several"),
    "half" or a fraction word ("a third"). A text with none of them holds no
    figure, so the matchers need not run on it.
    """
    for tok in doc:
        text = tok.text
        if any(ch.isdigit() for ch in text) or text[:1] in _CURRENCY_CHARS:
            return True
        low = tok.lower_
        if low in _VAGUE_STARTERS or low in FRACTIONS or low == "half" or _word_value(low) is not None:
            return True
    return False




_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: every word that can start or complete an amount, but "a", "an", "of" and "the", which only do so
#: with another of them ("a few", "a third", "a dozen", "a handful of")
AMOUNT_WORDS = (
    SMALL.keys() | TENS.keys() | SCALES.keys() | PLURAL_SCALES.keys() | FRACTIONS.keys() | PLURAL_BASE.keys()
    | {w for key in (*VAGUE_MULTIPLIERS, *VAGUE_ALONE) for w in key}
    | {"half", "dozen", "hundred", "thousand", "million", "billion", "trillion", "handful", "score", "pair"}
) - {"a", "of", "an", "the"}


def could_hold_text(text: str) -> bool:
    """A gate on raw text, before it is tokenised: False only when no figure can be read in it (no
    digit, currency sign, or word that can start or complete an amount). Each of those words is
    letters only, so it is a whole run of letters of the text, whatever the tokenizer makes of the rest."""
    if any(ch.isdigit() or ch in _CURRENCY_CHARS for ch in text):
        return True
    return any(w in AMOUNT_WORDS for w in _LETTER_RUN.findall(text.lower()))

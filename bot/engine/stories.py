"""Stories: which news event an article reports. Pure online clustering, no I/O.

An article joins the best existing story, or starts a new one, in the manner
of Miranda et al., "Multilingual Clustering of Streaming News" (EMNLP 2018):

* **Features.** Sparse TF-IDF vectors in separate groups, each group compared
  on its own: named *entities* (places, people, organisations: capitalised
  sequences of the text, the sentence entities of the claims, the dateline),
  *tokens* (content words of title and body, lower-cased and singularised,
  numbers of three digits or more such as street blocks) and *title* words.
  Terms carry their group as a prefix ("e:anthony hughes", "t:restaurant",
  "h:shooting") so one document-frequency table and one inverted index serve
  every group.
* **IDF from the store**, per workspace: ``idf = ln((N + 1) / (df + 1)) + 1``
  where ``df`` counts stored articles with the term. A city every report
  names weighs little; a victim's name or a street block weighs much.
* **Similarity** of an article and a story: the cosine of each group (the
  story's vector is the sum of its articles'), combined with fixed weights,
  plus a **time** term: 1 inside the story's span of publication dates,
  decaying with the days outside it (``1 / (1 + gap / TIME_SCALE)``).
* **Decision.** The best story scoring at least ``threshold`` is joined;
  none: a new story. Another story scoring at least ``roundup`` and nearly
  as well, whose matching entities the best story lacks, is joined too (a
  roundup reports several events).

Different shootings in one city on one day share the city, the day and the
word "shooting", which weigh little; they differ in names, streets and
places, which weigh much: the entity group must agree for a story to be
joined (``min_entity``), and on more than the dateline's place (a small
store's IDF cannot yet tell a city from a victim's name).

Candidates never come from a scan: the store looks up the article's rarest
terms (:func:`query_terms`) in its inverted index within a time window and
hands :func:`assign` a bounded list of :class:`StoryCandidate`.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .attribution import SPEAKS_AFTER
from .subjects import singularise
from .text import is_boilerplate
from .types import Claim

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "StoryCandidate",
    "StoryPolicy",
    "assign",
    "features",
    "idf",
    "query_terms",
    "story_name",
]

#: feature groups and their prefixes
ENTITY, TOKEN, TITLE = "e", "t", "h"
GROUPS = (ENTITY, TOKEN, TITLE)

#: terms kept per article and group (the most weighty)
MAX_TERMS = {ENTITY: 40, TOKEN: 60, TITLE: 16}
#: days outside a story's span at which the time term has halved
TIME_SCALE = 7.0
#: a term at most this many stories share is rare: its stories are candidates at any date
RARE_DF = 3

_STOP = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours said says say told tell
    according also one two three four five six seven eight nine ten first second third last new news year
    years day days week weeks month months time times people person man men woman women mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon
    evening night january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec around near just still many much several another like
    get got go going went come came make made take took see seen know known think around including around
    may might must shall can't won't don't didn't isn't wasn't weren't hasn't haven't it's he's she's
    they're we're that's there's who's what's let us via per since while though although however""".split()
)
#: capitalised words that are not names when alone
_NOT_NAMES = _STOP | frozenset(
    """the a an he she it they we i this that these those his her their its our my but and or if when
    while after before as at in on of for from by with police officers officer authorities update
    updated breaking watch video photo read share related more according
    lieutenant lt sergeant sgt officer ofc detective det chief captain capt commander sheriff deputy
    president minister mayor governor gov senator sen representative rep spokesman spokeswoman spokesperson
    judge prosecutor attorney""".split()
)
#: offices whose holders speak for many events: a name carrying one names no event
_OFFICES = frozenset(
    """chief sheriff mayor governor gov senator sen president minister spokesman spokeswoman spokesperson
    coroner prosecutor attorney judge commissioner superintendent lieutenant lt sergeant sgt detective det
    captain capt commander""".split()
)
#: words of a name that say what kind of place it is, never which: not entities alone
_KIND_WORDS = frozenset(
    """city county town village state street avenue road park drive lane boulevard block department
    hospital school center centre news police station district region province court office house
    north south east west northwest northeast southwest southeast side downtown uptown""".split()
)
#: the casualty counts that mark one event (an arrest count or a crowd does not)
_TOLLS = frozenset({"killed", "injured", "shot", "stabbed", "wounded", "missing", "casualties", "hospitalised"})
#: words of names that many events of one place share: media brands and tip lines
_SHARED_INSTITUTIONS = frozenset("news weather sports newschannel stoppers".split())
#: words of the names of outlets, pages and institutions that many unrelated reports share
_MEDIA_WORDS = _SHARED_INSTITUTIONS | frozenset(
    """tv radio twitter facebook contact reporter editor tribune times post herald journal
    medical hospital university college church wire bureau agency department office commission
    investigation patrol authority ministry council""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|(?<![\d,.])\d{3,}(?![,.]\d)|\d+(?:st|nd|rd|th)\b")
_NAME = re.compile(
    r"(?<![\w'’])((?:[A-Z][a-z]{0,2}\.|[A-Z][a-zA-Z'’\-]*)(?:\s+(?:(?:of|de|del|la|van|von|al|bin)\s+)?"
    r"(?:[A-Z][a-z]{0,2}\.|[A-Z][a-zA-Z'’\-]*|\d+(?:st|nd|rd|th)))*)"
)
#: "INDIANAPOLIS (WTHR) -", "PHOENIX, Ariz. —", "LORVIK —": a capitalised place and an outlet or a dash
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'’\-]{2,40}?|[A-Z][A-Za-z .'’\-]{2,40}?(?=\s*(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*\())"
    r"(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^)]{1,30}\))?\s*[—–\-]\s",
)
#: the end of the text before a sentence's first word ('"Nobody should...': a quote may open it)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?\s+|\n\s*)[\"\u201c\u2018(]?$")
_DATELINE_OUTLET = re.compile(r"^(\s*[A-Z][A-Za-z .'’\-]{2,40}?(?:,\s*[A-Z][A-Za-z. ]{1,20})?)\s*\([^)]{1,30}\)",
                              re.MULTILINE)
#: lines of a page that belong to its site, not its story (footers, sign-up forms, embeds)
_SITE_LINE = re.compile(
    r"\bcopyright\b|©|all rights reserved|may not be (?:re)?published|(?:spam|junk) folder|verification "
    r"(?:email|message)|pic\.twitter\.com|\(@\w+\)|\bclick here\b|\bsubscribe\b|terms of (?:use|service)"
    r"|privacy policy|\bnewsletter\b|\bmedia wire\b|\bjavascript\b|^\s*(?:contact|follow|email|reach) (?:the )?[A-Z]\w+"
    r"(?: [A-Z]\w+)?\s*(?:at|on|:|$)",
    re.IGNORECASE,
)
#: "in Kansas City", "near Woodlawn", "Kansas City police": how news names where, not who
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|near|outside|across|throughout)\s+((?:[A-Z][\w'’.-]*\s?){1,3})"
    r"|((?:[A-Z][\w'’.-]*\s){1,3})(?:police|county|officials|authorities)\b"
)
_BLOCK = re.compile(r"\b(\d{2,6}) block\b", re.IGNORECASE)
#: the prefix of a precise figure's term (in the entity group, after "e:"): it marks a story, but names
#: nobody and no place
FIGURE_TERM = "#n "
#: the prefix of a headline's age term: the age of the person a report is about
TITLE_AGE = "h:#age "
#: the prefix of an age the article gives anywhere (title or body)
BODY_AGE = "e:#age "
#: a person's age as news writes it: "a 15-year-old", "Ten-year-old boy", "a man, 18,", "Boy, 3, dies"
_AGE = re.compile(
    r"\b([A-Za-z]+|\d{1,3})[- ](?i:years?|yrs?)[- ](?i:old)\b"
    r"|\b(?:[A-Z][a-z]+|man|woman|boy|girl|teen|teenager|child|toddler|son|daughter|victim|mother|father)"
    r",\s+(\d{1,3})(?=,|\s*$|\s+(?:dies|died|killed|shot|was|is|wounded|injured|hurt|charged|arrested)\b)",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class StoryPolicy:
    """How readily an article joins a story."""

    #: least combined similarity to join a story
    threshold: float = 0.235
    #: least similarity for a second (roundup) story
    roundup: float = 0.45
    #: least entity cosine to join a story whose article names entities
    min_entity: float = 0.08
    #: word cosine at which the words alone show the event, within the window, whatever the names
    words_alone: float = 0.35
    #: least similarity of content (time aside): a story of the same day needs more than its day
    min_content: float = 0.12
    #: least word cosine for a story sharing only the article's places; for a local report (a dateline)
    place_only_words: float = 0.1
    place_only_words_local: float = 0.3
    #: the same for an article naming nobody: its words alone must agree more
    min_content_words: float = 0.12
    #: weights of the groups and of time (they sum to 1)
    w_entity: float = 0.36
    w_token: float = 0.27
    w_title: float = 0.09
    w_time: float = 0.28
    #: days before and after a story's span within which it is a candidate
    window_days: int = 30
    #: days around a story within which one rare shared name, or words that agree strongly, are enough
    rare_days: int = 7
    #: least content similarity for that: a rare name in an article about something else is not enough
    rare_content: float = 0.08
    #: a headline giving the age a story's headline gives, within these days and with this title cosine
    same_age_days: int = 3
    same_age_title: float = 0.15
    #: a place few stored reports name, in both headlines, within ``same_age_days``, with this title cosine
    rare_place_title: float = 0.3
    #: most stories an article joins (a roundup)
    max_stories: int = 3
    #: rare names shared with a story that make time no matter (a follow-up months later)
    rare_names: int = 2


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """An article's terms (prefixed by group) with their raw weights, and its day."""

    terms: Mapping[str, float]
    day: date | None
    #: a name for a story this article starts
    name: str
    #: the article's place terms that are among its terms: stored, they are the story's places
    key_terms: tuple[str, ...] = ()
    #: the dateline's place and the places written "in X" / "X police", with their words:
    #: where it happened, which many events share
    place_terms: frozenset[str] = frozenset()
    #: the article opens with a dateline: a local report, where one city holds many events
    local: bool = False

    def group(self, g: str) -> dict[str, float]:
        return {t: w for t, w in self.terms.items() if t[0] == g}


@dataclass(frozen=True, slots=True)
class StoryCandidate:
    """A stored story as the store hands it for scoring."""

    id: int
    name: str
    first_day: date | None
    last_day: date | None
    n_articles: int
    #: the story's summed weights of the article's terms only (others do not change a dot product)
    weights: Mapping[str, float]
    #: squared norms of the story's vector per group, with the IDF of when they were last updated
    norms: Mapping[str, float]
    #: the story's places among the article's terms (datelines, "in X", "X police" of its articles)
    key_terms: frozenset[str] = frozenset()
    #: the ages its articles' headlines give (``TITLE_AGE`` terms): whom the story is about
    title_ages: frozenset[str] = frozenset()
    #: the ages its articles give anywhere (``BODY_AGE`` terms): everyone the story is about
    ages: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an article goes: existing stories (best first), or a new story."""

    story_ids: tuple[int, ...]
    scores: tuple[float, ...] = ()
    #: the name of the story to start when ``story_ids`` is empty
    new_name: str | None = None

    @property
    def is_new(self) -> bool:
        return not self.story_ids


# -- features -------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _norm_word(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return singularise(w)


def _tokens(text: str) -> list[str]:
    out = []
    for m in _WORD.finditer(text):
        w = _norm_word(m.group(0))
        if (len(w) < 3 and not w[:1].isdigit()) or w in _STOP:
            continue
        out.append(w)
    return out


#: abbreviations of an address, spelt out where they stand: a compass letter first ("E 30th Street"), a kind of
#: street last ("East 30th St.", "Ute Ave."), so that two reports of one street name it alike
_FIRST_WORDS = {"e": "east", "w": "west", "n": "north", "s": "south", "ne": "northeast", "nw": "northwest",
                "se": "southeast", "sw": "southwest"}
_LAST_WORDS = {"st": "street", "ave": "avenue", "av": "avenue", "rd": "road", "blvd": "boulevard", "ln": "lane",
               "dr": "drive", "hwy": "highway", "pkwy": "parkway", "ct": "court", "pl": "place", "sq": "square"}


_STREETS = frozenset(_LAST_WORDS.values())


def _spelt_out(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1] in _LAST_WORDS:
        words[-1] = _LAST_WORDS[words[-1]]
    if len(words) > 1 and words[0] in _FIRST_WORDS and (words[-1] in _STREETS or words[1][:1].isdigit()):
        words[0] = _FIRST_WORDS[words[0]]  # (an address only: "S Club 7" stays)
    return " ".join(words)


def _names(text: str) -> list[str]:
    """Capitalised sequences that are names.

    A single capitalised word opening a sentence or a line ("Pension protest:",
    "Thousands march") is a name only when the text also capitalises it
    elsewhere.
    """
    found: list[tuple[str, bool]] = []
    for m in _NAME.finditer(text):
        words = m.group(1).split()
        offices = [i for i, w in enumerate(words) if w.lower().rstrip(".") in _OFFICES]
        if offices:
            if SPEAKS_AFTER.match(text, m.end(1)):
                continue  # "Police Chief Ada Renner said": an official who speaks for many events
            words = words[offices[-1] + 1:]  # "Sgt. Ana Ruiz, 41, was shot": the officer is the event's
        # drop leading function words written with a capital at a sentence start
        led = False
        while words and words[0].lower().rstrip(".") in _NOT_NAMES:
            led = led or words[0].lower() in _QUANTIFIERS
            words = words[1:]  # ("Most Eastmere children": a word after "Most" is capitalised as a name; not
            # after "The": "The Council approved", where the capital may be the sentence's)
        while words and words[-1].lower().rstrip(".") in _NOT_NAMES:
            words = words[:-1]
        if not words:
            continue
        name = _spelt_out(" ".join(w.rstrip(".").lower().replace("’", "'") for w in words))
        name = _unpossessed(name)
        if len(name) < 3:
            continue
        # a possessive is a name wherever it stands ("Westmarch's chief fire officer"), unless its word is a
        # function word, a day or a pronoun ("Here's what we know", "Saturday's storm", "Nobody's fault")
        initial = len(words) == 1 and not led and not _a_possessive_name(words[0]) \
            and bool(_SENTENCE_START.search(text[max(0, m.start(1) - 5): m.start(1)]))
        found.append((name, initial))
    inside = {name for name, initial in found if not initial}
    return [name for name, initial in found if not initial or name in inside]


#: quantifiers that open a sentence before a name ("Most Eastmere children", "Many Harwick residents")
_QUANTIFIERS = frozenset("most many some several few all both each every".split())
#: words whose possessive names no one: days and times, and pronouns ("Today's", "Saturday's", "Everyone's")
_NOT_POSSESSORS = frozenset(
    """here there today yesterday tomorrow tonight this last next week weekend month year season night morning
    monday tuesday wednesday thursday friday saturday sunday nobody everyone everybody someone somebody anyone
    anybody one no""".split()
) | frozenset(m.lower() for m in calendar.month_name if m)


_POSSESSIVE = re.compile(r"['’]s$")


def _unpossessed(name: str) -> str:
    """ "brackley moor" for "brackley moor's": the one home of taking a possessive off a name."""
    return _POSSESSIVE.sub("", name)


def _a_possessive_name(word: str) -> bool:
    """ "Westmarch's": a capitalised possessive that can only be a name."""
    base = _unpossessed(word)
    return base != word and base.lower() not in _NOT_NAMES and base.lower() not in _NOT_POSSESSORS


_TITLE_SITE = re.compile(r"\s(?:-|–|—|\||::)\s+([^-–—|]{2,60})$")
_CALL_SIGN = re.compile(r"\b[KW][A-Z]{2,3}\b")


def _site_words(title: str, text: str) -> set[str]:
    """Words of the outlet's own name: a web title's suffix ("... - KCBD NewsChannel 11"), the
    outlet in a dateline's parentheses, and broadcast call signs ("WMC", "KXLF")."""
    words: set[str] = set()
    for line in (title, *text.splitlines()[:2]):
        m = _TITLE_SITE.search(line.strip())
        if m and len(m.group(1).split()) <= 6:
            words |= {w.lower().strip(".,:'’") for w in m.group(1).split()}
    m = _DATELINE_OUTLET.match(text)
    if m:
        outlet = text[m.end(1): m.end()].strip(" ()")
        words |= {w.lower() for w in outlet.split()}
    words |= {w.lower() for w in _CALL_SIGN.findall(text[:2000])}
    words.discard("")
    return words


def _before_kind(name: str) -> str | None:
    """The proper part of a body's name, the two words or more before its first word of kind ("brackley
    moor" of "brackley moor borough council"); None when there is none."""
    words = name.split()
    for i, w in enumerate(words):
        if w in _KIND_WORDS or w in _MEDIA_WORDS or w == "borough":
            own = words[:i]
            return " ".join(own) if len(own) >= 2 and not any(x in _NOT_NAMES for x in own) else None
    return None


def dateline(text: str) -> str | None:
    """The place of a dateline opening the article ("INDIANAPOLIS (WTHR) -"), lower-cased."""
    for line in text.splitlines()[:3]:
        m = _DATELINE.match(line)
        if m:
            place = m.group(1).strip().lower()
            if place and place not in _NOT_NAMES and len(place.split()) <= 4:
                return place
    return None


def _top(counts: Counter[str], limit: int) -> dict[str, float]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return {t: 1.0 + math.log(n) for t, n in ranked}


def _figure_term(claim: Claim) -> str | None:
    """A term for a figure precise enough to mark a story: an exact amount with two significant digits or
    more ("1.2 million", "3,500", "48%"), in its unit; round numbers ("1,000", "five") mark nothing."""
    low, high = claim.figure.low, claim.figure.high
    if low is None or low != high or low <= 0:
        return None
    from .numbers import significant_digits  # spaCy's types come with it: not imported by "crosscheck --help"

    if significant_digits(low) < 2 or claim.figure.unit in ("years", "days", "hours", "minutes", "weeks", "months"):
        return None
    unit = "count" if claim.figure.unit == "people" else claim.figure.unit
    return f"{FIGURE_TERM}{unit} {int(low) if low == int(low) else low:g}"


def features(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    claims: Sequence[Claim] = (),
) -> ArticleFeatures:
    """The clustering features of an article (pure; linear in the text).

    ``title`` defaults to the first line. The claims' sentence entities (from
    the NER of the figure sentences) add to the entity group.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    text = "\n".join(ln for ln in lines if not is_boilerplate(ln) and not _SITE_LINE.search(ln))
    if title is None:  # the first line, when it is a headline; else the first sentence
        title = lines[0].strip() if lines else ""
        if len(title) > 150:
            title = re.split(r"(?<=[.!?])\s", title, maxsplit=1)[0][:150]
    body = _DATELINE_OUTLET.sub(r"\1", text, count=1)  # "(Metro News)" names the outlet, not the event
    ents: Counter[str] = Counter()
    for name in _names(body):
        ents[name] += 1
        words = [w for w in name.split() if len(w) > 2 and w not in _NOT_NAMES and w not in _KIND_WORDS]
        if len(words) > 1 and not any(w in _MEDIA_WORDS for w in words):
            # "cathy geralds" also matches a later "geralds"; the words of an institution's name
            # ("metrohealth medical center") name no event
            ents.update(words)
        elif (own := _before_kind(name)) is not None:
            ents[own] += 1  # "brackley moor borough council" is also "brackley moor", as a later report writes it
    ents.update(f"{n} block" for n in _BLOCK.findall(body))
    ents.update(_ages(title + "\n" + body))
    for c in claims:
        for e in c.entities:
            ents[_unpossessed(e.lower().replace("’", "'"))] += 1  # "Brackley Moor's auditors"
        if c.measure in _TOLLS and c.figure.low is not None and c.figure.low >= 2 and c.figure.low == c.figure.high:
            # "four killed", "6 wounded": the same toll in the same place and days is the same event
            ents[f"#{c.measure} {int(c.figure.low)}"] = 1
        elif (term := _figure_term(c)) is not None:
            ents[term] = 1  # "3.5 million doses", "48%": a precise figure reports tend to repeat
    site = _site_words(title, text)
    for name in [n for n in ents if not n.startswith("#")]:
        name_words = set(name.split())
        if name_words <= site or name_words & _SHARED_INSTITUTIONS:
            # the outlet's own name ("WMC Action News 5"), a media brand ("Louisiana News Weather") or a tip
            # line ("Metro Crime Stoppers"): names no event's
            del ents[name]
    place = dateline(text)
    title_names = [n for n in _names(title) if not set(n.split()) <= site]
    if place:
        ents[place] += 2
    for n in title_names:
        ents[n] += 1
    toks: Counter[str] = Counter(_tokens(title + "\n" + body))
    heads: Counter[str] = Counter(_tokens(title))
    heads.update(_ages(title))
    terms: dict[str, float] = {}
    for prefix, counts in ((ENTITY, ents), (TOKEN, toks), (TITLE, heads)):
        for t, w in _top(counts, MAX_TERMS[prefix]).items():
            terms[f"{prefix}:{t}"] = w
    where = [place] if place else []
    for m in _PLACE_CONTEXT.finditer(text):
        where.append(_unpossessed(" ".join(w.rstrip(".").lower() for w in (m.group(1) or m.group(2)).split())))
    places = frozenset(f"{ENTITY}:{w}" for p in where for w in (p, *p.split())
                       if w and w not in _NOT_NAMES and w not in _NOT_POSSESSORS)  # ("in Pelton. Here's")
    key = tuple(sorted(t for t in places if t in terms))
    return ArticleFeatures(terms=terms, day=published, name=story_name(title, text), key_terms=key,
                           place_terms=places, local=place is not None)


def _ages(text: str) -> list[str]:
    """The ages of the people an article is about, as event terms ("#age 15"): the victim's or the
    suspect's age is written by every report of one event, whatever else its words."""
    from .numbers import word_value  # numbers imports spaCy: not at import time (`crosscheck --help`)

    out = []
    for m in _AGE.finditer(text):
        n = word_value(m.group(1)) if m.group(1) else int(m.group(2))
        if n is not None and 0 < n < 110:
            out.append(f"{TITLE_AGE[2:]}{n}")
    return list(dict.fromkeys(out))


def story_name(title: str | None, text: str = "") -> str:
    """A short name for a story: its first article's title, else its first sentence."""
    name = (title or "").strip()
    if not name:
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        name = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    name = " ".join(name.split())
    return name[:117] + "…" if len(name) > 120 else (name or "Untitled story")


# -- scoring ----------------------------------------------------------------------------


def idf(df: int, n_docs: int) -> float:
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def query_terms(feats: ArticleFeatures, df: Mapping[str, int], *, per_group: int = 10) -> list[str]:
    """The article's rarest stored entity and token terms, for the store's inverted index.

    Terms no stored article has (df 0) lead nowhere and are skipped; of the
    others the rarest ``per_group`` of each group are taken, rarest first.
    """
    out: list[str] = []
    for g in (ENTITY, TOKEN, TITLE):
        own = [t for t in feats.terms if t[0] == g and df.get(t, 0) > 0]
        own.sort(key=lambda t: (df[t], -feats.terms[t], t))
        out += own[: per_group if g != TITLE else 3]
    return out


def norms_sq(weights: Mapping[str, float], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Squared norm per group of a vector of raw weights."""
    out = dict.fromkeys(GROUPS, 0.0)
    for t, w in weights.items():
        out[t[0]] = out.get(t[0], 0.0) + (w * idf(df.get(t, 0), n_docs)) ** 2
    return out


def _in_window(day: date | None, first: date | None, last: date | None, window: int) -> bool:
    if day is None or first is None or last is None:
        return True
    return (first - day).days <= window and (day - last).days <= window


def time_similarity(day: date | None, first: date | None, last: date | None) -> float:
    if day is None or first is None or last is None:
        return 0.5
    if first <= day <= last:
        return 1.0
    gap = (first - day).days if day < first else (day - last).days
    return 1.0 / (1.0 + gap / TIME_SCALE)


def similarity(
    feats: ArticleFeatures, story: StoryCandidate, df: Mapping[str, int], n_docs: int, policy: StoryPolicy,
    own: Mapping[str, float] | None = None,
) -> tuple[float, dict[str, float]]:
    """The combined similarity of an article and a story, and each group's cosine.

    ``own`` is the article's squared norms per group (:func:`norms_sq`), when already computed.
    """
    own = own if own is not None else norms_sq(feats.terms, df, n_docs)
    dots = dict.fromkeys(GROUPS, 0.0)
    for t, w in feats.terms.items():
        sw = story.weights.get(t)
        if sw:
            i = idf(df.get(t, 0), n_docs)
            dots[t[0]] += w * sw * i * i
    cos = {}
    for g in GROUPS:
        denom = math.sqrt(own.get(g, 0.0) * story.norms.get(g, 0.0))
        cos[g] = min(1.0, dots[g] / denom) if denom > 0 else 0.0
    when = time_similarity(feats.day, story.first_day, story.last_day)
    if when < 1.0 and (_named_alike(feats, story, df, policy) or _figures_alike(feats, story)):
        when = 1.0  # the same rare names: a follow-up months later (a charge, a funeral, a sentence) is the same event;
        # or the same precise figures where it happened: "326 convictions quashed" five weeks after "2,800 drivers
        # wrongly fined" by "all 45 cameras", both in Kelby
    if any(term[0] == ENTITY for term in feats.terms):
        content = policy.w_entity * cos[ENTITY] + policy.w_token * cos[TOKEN] + policy.w_title * cos[TITLE]
    else:  # an article naming nobody: its words stand in for the names it lacks
        words = (policy.w_token * cos[TOKEN] + policy.w_title * cos[TITLE]) / (policy.w_token + policy.w_title)
        content = words * (policy.w_entity + policy.w_token + policy.w_title)
    cos["time"] = when
    cos["content"] = content
    return content + policy.w_time * when, cos


def _rare_names(feats: ArticleFeatures, story: StoryCandidate, df: Mapping[str, int], max_df: int) -> list[str]:
    """Names the article shares with the story that at most ``max_df`` stored articles have, beyond
    where it happened (places, datelines) and beyond what every report writes (ages, tolls, kinds of
    place, outlets and institutions): a victim's name, a street block, a venue."""
    return [t for t in feats.terms if t[0] == ENTITY and t[2:3] != "#" and story.weights.get(t)
            and 0 < df.get(t, 0) <= max_df and t not in feats.place_terms and t not in story.key_terms
            and _specific(t[2:])]


def _specific(name: str) -> bool:
    """A name that says which place or body, not only what kind: "west addison street", not "police
    department" or "4700 block" (many streets have one); never an outlet's or an institution's
    ("metrohealth medical center")."""
    words = name.split()
    return not any(w in _MEDIA_WORDS for w in words) and any(
        w not in _KIND_WORDS and not w[:1].isdigit() for w in words)


def _named_alike(feats: ArticleFeatures, story: StoryCandidate, df: Mapping[str, int], policy: StoryPolicy) -> bool:
    """The article and the story share names that few stored articles have, beyond where it happened:
    at least ``policy.rare_names`` of them, one a name of several words ("ariel morgan", "600 block")."""
    shared = _rare_names(feats, story, df, RARE_DF - 1)
    return len(shared) >= policy.rare_names and any(" " in t for t in shared)


def _figures_alike(feats: ArticleFeatures, story: StoryCandidate) -> bool:
    """The article repeats two precise figures of the story, one of them a hundred or more, and names a place or
    body the story names: a later report of the same event, however long after."""
    figures = [t for t in feats.terms if t.startswith(f"{ENTITY}:{FIGURE_TERM}") and story.weights.get(t)]
    values = [float(t.rsplit(" ", 1)[1]) for t in figures]
    return len(figures) >= 2 and any(v >= 100 for v in values) and _a_name_in_common(feats, story)


def _a_name_in_common(feats: ArticleFeatures, story: StoryCandidate) -> bool:
    """The article names a place, person or body the story names (not only an age or a toll)."""
    return any(t[0] == ENTITY and t[2:3] != "#" and story.weights.get(t) for t in feats.terms)


def _other_people(ages: set[str], everyone: set[str], story: StoryCandidate) -> bool:
    """The article is about people of other ages than the story's (``ages``: the article's headline
    ages; ``everyone``: every age it gives). The headlines give different ages: the 3-year-old shot in
    a neighbourhood is not the 4-year-old shot there the week before. Or the headline gives an age and
    no age the article gives is one the story gives: "7-year-old wounded by stray bullet" is not the
    story of the 15-year-old killed on that street days before (a follow-up whose headline gives the
    suspect's age still gives the victim's in its text)."""
    if ages and story.title_ages:
        return not ages & story.title_ages
    return bool(ages and everyone and story.ages) and not _same_ages(everyone, story.ages)


def _same_ages(ours: set[str] | frozenset[str], theirs: frozenset[str]) -> bool:
    """Some age of ours is one of theirs, or a year from it: the ages in reports' texts often differ by
    a year ("a five-year-old boy" and "Boy, 4"). Headlines are held to the same age: they name whom the
    story is about."""
    def years(terms: Iterable[str]) -> set[int]:
        return {int(t.rsplit(" ", 1)[1]) for t in terms}
    mine = years(ours)
    return any(abs(a - b) <= 1 for a in years(theirs) for b in mine)


def _headline_place(feats: ArticleFeatures, story: StoryCandidate, df: Mapping[str, int]) -> bool:
    """A place both the article's headline and the story's name, that few stored articles name."""
    return any((t in feats.place_terms or t in story.key_terms) and story.weights.get(t)
               and 0 < df.get(t, 0) <= RARE_DF - 1
               and story.weights.get(f"{TITLE}:{t[2:]}") and f"{TITLE}:{t[2:]}" in feats.terms
               for t in feats.terms if t[0] == ENTITY)


def _named_within_days(feats: ArticleFeatures, story: StoryCandidate, df: Mapping[str, int]) -> bool:
    """A name no other stored story has (its rarity is the store's, so it fades as the store learns
    that a name recurs) shared with the story: enough within days of it, whatever else differs."""
    return bool(_rare_names(feats, story, df, min(RARE_DF - 1, story.n_articles or RARE_DF - 1)))


def assign(
    feats: ArticleFeatures,
    candidates: Iterable[StoryCandidate],
    df: Mapping[str, int],
    n_docs: int,
    policy: StoryPolicy = StoryPolicy(),
) -> Assignment:
    """The stories an article joins (best first), or a new story (see the module docstring)."""
    has_entities = any(t[0] == ENTITY and not t.startswith(f"{ENTITY}:{FIGURE_TERM}") for t in feats.terms)
    ages = {t for t in feats.terms if t.startswith(TITLE_AGE)}
    everyone = {t for t in feats.terms if t.startswith(BODY_AGE)}
    own = norms_sq(feats.terms, df, n_docs)
    scored: list[tuple[float, StoryCandidate, dict[str, float]]] = []
    for cand in candidates:
        score, cos = similarity(feats, cand, df, n_docs, policy, own)
        if score < policy.threshold or _other_people(ages, everyone, cand):
            continue
        if cos["content"] >= policy.rare_content and _in_window(
                feats.day, cand.first_day, cand.last_day, policy.rare_days) and _named_within_days(feats, cand, df):
            scored.append((score, cand, cos))  # a name no other stored story has, within days
            continue
        if ages & cand.title_ages and cos[TITLE] >= policy.same_age_title and _in_window(
                feats.day, cand.first_day, cand.last_day, policy.same_age_days) and (
                _a_name_in_common(feats, cand) or not (has_entities and cand.norms.get(ENTITY))):
            # the age a story's headline gives, in a headline of days later that shares a name with it
            # (or names nobody): the same person ("15-year-old shot" and "teens charged in death of 15-year-old")
            scored.append((score, cand, cos))
            continue
        if cos[TITLE] >= policy.rare_place_title and _in_window(
                feats.day, cand.first_day, cand.last_day, policy.same_age_days) and _headline_place(feats, cand, df):
            # both headlines name a place few stored reports name, within days, in words that agree ("Teenager
            # shot in Duquesne", "Juvenile shot in arm in Duquesne"): a small place's event is one event
            scored.append((score, cand, cos))
            continue
        if cos["content"] < policy.min_content:
            continue
        if _figures_alike(feats, cand):
            scored.append((score, cand, cos))  # the story's own precise figures where it happened: a later report
            continue
        if not has_entities and (cos["content"] < policy.min_content_words or not _in_window(
                feats.day, cand.first_day, cand.last_day, policy.window_days)):
            continue  # an article naming nobody joins on its words only within the story's days
        if has_entities and cand.norms.get(ENTITY) and not (
                cos[TOKEN] >= policy.words_alone
                and _in_window(feats.day, cand.first_day, cand.last_day, policy.rare_days)):
            if cos[ENTITY] < policy.min_entity:
                continue
            # sharing only the place where it happened is not sharing an event, unless the words agree
            # too, within the window (a country's inflation reports share the country and words, not names)
            bar = policy.place_only_words_local if feats.local else policy.place_only_words
            words_agree = cos[TOKEN] >= bar and _in_window(
                feats.day, cand.first_day, cand.last_day, policy.window_days)
            if not words_agree and not any(
                    cand.weights.get(t) for t in feats.terms
                    if t[0] == ENTITY and t not in feats.place_terms and t not in cand.key_terms
                    and not t.startswith(f"{ENTITY}:{FIGURE_TERM}")):
                continue
        scored.append((score, cand, cos))
    if not scored:
        return Assignment((), (), new_name=feats.name)
    scored.sort(key=lambda x: (-x[0], -x[1].id))
    best_score, best, _ = scored[0]
    chosen = [(best_score, best)]
    best_ents = {t for t in feats.terms if t[0] == ENTITY and best.weights.get(t)}
    for score, cand, _cos in scored[1:]:
        if len(chosen) >= policy.max_stories or score < policy.roundup or score < 0.85 * best_score:
            continue
        cand_ents = {t for t in feats.terms if t[0] == ENTITY and cand.weights.get(t)}
        distinct = cand_ents - best_ents
        if sum(idf(df.get(t, 0), n_docs) for t in distinct) > sum(idf(df.get(t, 0), n_docs) for t in cand_ents) / 2:
            chosen.append((score, cand))
    return Assignment(tuple(c.id for _, c in chosen), tuple(round(s, 4) for s, _ in chosen))


@dataclass
class MemoryStories:
    """An in-memory story index with the store's semantics: for tests and measurements.

    ``add`` is what a store does on insert (document frequencies, the story's
    summed weights, its norms and span); ``candidates`` what its inverted
    index answers.
    """

    policy: StoryPolicy = field(default_factory=StoryPolicy)
    df: Counter[str] = field(default_factory=Counter)
    n_docs: int = 0
    weights: dict[int, Counter[str]] = field(default_factory=dict)
    spans: dict[int, tuple[date | None, date | None]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    keys: dict[int, set[str]] = field(default_factory=dict)
    index: dict[str, set[int]] = field(default_factory=dict)

    def candidates(self, feats: ArticleFeatures) -> list[StoryCandidate]:
        ids: set[int] = set()
        rare: set[int] = set()
        for t in query_terms(feats, self.df):
            ids |= self.index.get(t, set())
            if len(self.index.get(t, ())) <= RARE_DF:
                rare |= self.index.get(t, set())
        out = []
        for sid in ids:
            first, last = self.spans[sid]
            if sid not in rare and not _in_window(feats.day, first, last, self.policy.window_days):
                continue
            w = self.weights[sid]
            out.append(StoryCandidate(
                id=sid, name=self.names[sid], first_day=first, last_day=last, n_articles=0,
                weights={t: w[t] for t in feats.terms if t in w}, norms=norms_sq(w, self.df, self.n_docs),
                key_terms=frozenset(t for t in feats.terms if t in self.keys[sid]),
                title_ages=frozenset(t for t in w if t.startswith(TITLE_AGE)),
                ages=frozenset(t for t in w if t.startswith(BODY_AGE)),
            ))
        return out

    def assign(self, feats: ArticleFeatures) -> Assignment:
        return assign(feats, self.candidates(feats), self.df, self.n_docs, self.policy)

    def add(self, feats: ArticleFeatures, assignment: Assignment | None = None) -> tuple[int, ...]:
        assignment = assignment or self.assign(feats)
        ids = assignment.story_ids
        if not ids:
            sid = len(self.weights) + 1
            self.weights[sid] = Counter()
            self.spans[sid] = (feats.day, feats.day)
            self.names[sid] = feats.name
            self.keys[sid] = set()
            ids = (sid,)
        self.n_docs += 1
        for t in feats.terms:
            self.df[t] += 1
        for sid in ids:
            self.weights[sid].update(feats.terms)
            first, last = self.spans[sid]
            if feats.day:
                first = min(first, feats.day) if first else feats.day
                last = max(last, feats.day) if last else feats.day
            self.spans[sid] = (first, last)
            self.keys[sid].update(feats.key_terms)
            for t in feats.terms:
                self.index.setdefault(t, set()).add(sid)
        return ids

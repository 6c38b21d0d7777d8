"""Subjects: normalisation, retrieval terms and similarity.

A claim's subject is a short noun phrase ("North Korean troops", "residents of
northern Gaza", "Estmark inflation"). Three things are done with it here, all
pure and deterministic (the claim extractor and the store index must compute
the same terms for the same text):

* :func:`normalise_subject` lower-cases, drops determiners, possessives and
  punctuation, and singularises simple plurals;
* :func:`subject_terms` gives the retrieval terms: multiword names kept whole
  (countries under one key, "North Korean" and "North Korea" both give
  ``"north korea"``), plus single content words and the synonym class of the
  head noun ("troops" also gives ``"soldier"``);
* :func:`subject_similarity` scores two claims' subjects 0..100.

How the similarity is built
---------------------------
A subject is split into *distinguishing qualifiers* (countries and demonyms
from a gazetteer, other proper names taken from the sentence's entities,
capitalised words and acronyms, compass and side words such as
north/southern/left), a *head* noun (the last content word before "of", "in",
"from"...), and other *modifiers*.

1. **Qualifiers decide first.** When both sides have countries and they
   differ, or both have compass words and they differ, or both have other
   names and share none, the similarity is 0: "South Korea" is not
   "North Korea", "North Korean troops" are not "Russian troops", "US" is not
   "UK". Two modifiers that are near-identical spellings of different words
   ("Estmark"/"Westmark", "injured"/"uninjured") also give 0: a one-letter
   difference in a name is a different name far more often than a typo.
2. **Heads must agree.** Equal heads or heads of one synonym class
   (troop ~ soldier ~ force ~ personnel ~ man ~ serviceman) agree fully;
   spelling variants (kilometre/kilometer) too. Related but not
   interchangeable heads score :data:`RELATED_HEAD` (60, under the default
   threshold of 70): "civilians" are a subset of "people", so a civilian toll
   under a people toll is no contradiction, and we do not compare them.
   Unrelated heads ("inflation" vs "unemployment") score at most 40.
   A side with qualifiers but no head ("North Korea" as the subject of
   "suffered several hundred casualties") against the same qualifiers with a
   head scores :data:`HEADLESS` (85): the measure is already equal, so the
   country stands for its people or forces.
3. **The text score** is rapidfuzz's ``token_set_ratio`` over canonical
   strings (country keys, synonym classes, modifiers). Token-set is chosen
   over ``WRatio`` because outlets reorder and pad subjects ("soldiers from
   North Korea" vs "North Korean soldiers") and token-set ignores order and
   repeated words; ``WRatio`` blends in ``partial_ratio``, which scores a name
   inside a longer one ("korea" in "north korea") highly: the very
   near-identical-name failure we must avoid. Token-set is generous to
   subsets, so each modifier found on one side only costs
   :data:`MODIFIER_PENALTY`, and each name found on one side only costs
   :data:`EXTRA_NAME_PENALTY`.
4. **Partial qualification.** A subject with no qualifier ("troops") against
   a qualified one ("North Korean troops") is capped at :data:`PARTIAL` (55,
   under the threshold): the claim extractor resolves implicit subjects from
   the article's context, so an unqualified subject is one it could not
   resolve, and it may well be about other troops. When the unqualified
   side's sentence names exactly the other side's countries (and no other
   country), the qualifier is implied and the cap is :data:`IMPLIED` (75).
   A country on one side against only a non-country name on the other
   ("Russian residents" vs "Kursk residents") is partial as well, and so is a
   compass word on one side only ("residents of northern Gaza" are a part of
   "residents of Gaza"). Other names on one side only ("North Korean soldiers
   in Kursk" vs "North Korean soldiers") cost :data:`EXTRA_NAME_PENALTY` each:
   extractors differ in how much of the place they keep in the subject.
5. **Context.** Each shared sentence entity that is not already a subject
   qualifier adds :data:`ENTITY_BOOST` (at most two), and a shared location
   adds :data:`LOCATION_BOOST`, but only to a full (uncapped) match; when both
   claims have a location and they differ, :data:`LOCATION_PENALTY` (35) is
   taken off, which puts a perfect subject under the default threshold.

Tokenising and analysing are memoised in bounded LRU caches: these are pure
functions of short strings that recur across every candidate of a batch
(judging 200 candidates then takes about a millisecond or two, not ten).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import MappingProxyType

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .measures import GENERAL_THINGS
from .types import Claim

__all__ = [
    "SubjectParts",
    "analyse_subject",
    "normalise_location",
    "normalise_subject",
    "parts_similarity",
    "same_location",
    "subject_similarity",
    "subject_terms",
]

#: scores and adjustments (see the module docstring)
PARTIAL = 55.0
IMPLIED = 75.0
HEADLESS = 85.0
RELATED_HEAD = 60.0
UNRELATED_HEAD_MAX = 40.0
MODIFIER_PENALTY = 7.0
MODIFIER_PENALTY_MAX = 21.0
EXTRA_NAME_PENALTY = 10.0
ENTITY_BOOST = 5.0
ENTITY_BOOST_MAX = 10.0
LOCATION_BOOST = 10.0
LOCATION_PENALTY = 35.0

# -- vocabularies --------------------------------------------------------------

_DETERMINERS = frozenset(
    "the a an this these those that some its their his her our my your all any each every "
    "both such another other".split()
)
#: words that end a head's noun phrase ("soldiers of North Korea")
_BOUNDARIES = frozenset("of in from at on for near across inside outside within among by with".split())
#: function words and generic quantity nouns: never heads, never terms
_STOP = _DETERMINERS | _BOUNDARIES | frozenset(
    "and or to into over under about than as per who which whom whose what it they them "
    "he she we you i me him us number numbers total toll tally count amount figure estimate "
    "estimates more most less least many much several few".split()
)
_INVARIANT = frozenset(
    "series species news means headquarters arms people personnel police media data "
    "politics economics physics statistics crossroads".split()
)
_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "servicemen": "serviceman",
    "servicewomen": "servicewoman",
    "policemen": "policeman",
    "gunmen": "gunman",
    "feet": "foot",
    "teeth": "tooth",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "thieves": "thief",
    "mice": "mouse",
    "geese": "goose",
    "persons": "person",
    "aircraft": "aircraft",
    "criteria": "criterion",
    "phenomena": "phenomenon",
}
_KEEP_S_ENDINGS = ("ss", "us", "is", "as", "os", "ics", "ous", "'s")

#: synonym classes: every word maps to the class's first word
_SYNONYM_CLASSES: tuple[tuple[str, ...], ...] = (
    ("soldier", "troop", "force", "personnel", "man", "serviceman", "servicewoman", "servicemember",
     "service member", "military personnel"),
    ("fighter", "militant", "combatant", "insurgent", "rebel", "guerrilla"),
    ("person", "people", "individual"),
    ("employee", "staff", "worker", "staffer"),
    ("child", "kid"),
    ("home", "house", "dwelling", "residence"),
    ("drone", "uav", "unmanned aerial vehicle"),
    ("aircraft", "plane", "airplane", "aeroplane", "warplane"),
    ("death", "fatality"),
    ("casualty", "loss"),
)
#: classes that overlap without being interchangeable (a subset and its whole)
_RELATED: frozenset[frozenset[str]] = frozenset(
    frozenset(p)
    for p in (
        ("person", "civilian"),
        ("person", "resident"),
        ("person", "soldier"),
        ("person", "child"),
        ("soldier", "fighter"),
        ("soldier", "officer"),
        ("death", "casualty"),
    )
)

_COMPASS = {
    "north": "north", "northern": "north", "south": "south", "southern": "south",
    "east": "east", "eastern": "east", "west": "west", "western": "west",
    "northeast": "northeast", "north-east": "northeast", "northeastern": "northeast",
    "north-eastern": "northeast", "northwest": "northwest", "north-west": "northwest",
    "northwestern": "northwest", "north-western": "northwest", "southeast": "southeast",
    "south-east": "southeast", "southeastern": "southeast", "south-eastern": "southeast",
    "southwest": "southwest", "south-west": "southwest", "southwestern": "southwest",
    "south-western": "southwest", "central": "central", "left": "left", "right": "right",
    "left-wing": "left", "right-wing": "right", "upper": "upper", "lower": "lower",
    "inner": "inner", "outer": "outer", "rural": "rural", "urban": "urban",
}
#: generic place words dropped from names and locations ("Kursk region" == "Kursk")
_PLACE_WORDS = frozenset(
    "region oblast province district state county city town village area governorate "
    "prefecture territory municipality krai republic".split()
)
#: spelling variants of names (transliterations)
_NAME_ALIASES = {"kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "zelenskyy": "zelensky",
                 "zelenskiy": "zelensky", "lvov": "lviv", "dnipropetrovsk": "dnipro"}

#: country key -> names, demonyms and abbreviations (singular, lower-case)
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "united states": ("united states", "united states of america", "us", "usa", "america", "american",
                      "u.s", "u.s.a"),
    "united kingdom": ("united kingdom", "uk", "u.k", "britain", "great britain", "british", "briton"),
    "north korea": ("north korea", "north korean", "dprk", "democratic people's republic of korea"),
    "south korea": ("south korea", "south korean", "republic of korea", "rok"),
    "korea": ("korea", "korean"),
    "russia": ("russia", "russian", "russian federation"),
    "ukraine": ("ukraine", "ukrainian"),
    "belarus": ("belarus", "belarusian", "belarussian"),
    "china": ("china", "chinese", "prc", "people's republic of china"),
    "taiwan": ("taiwan", "taiwanese"),
    "japan": ("japan", "japanese"),
    "india": ("india", "indian"),
    "pakistan": ("pakistan", "pakistani"),
    "afghanistan": ("afghanistan", "afghan"),
    "iran": ("iran", "iranian"),
    "iraq": ("iraq", "iraqi"),
    "syria": ("syria", "syrian"),
    "israel": ("israel", "israeli"),
    "palestine": ("palestine", "palestinian"),
    "lebanon": ("lebanon", "lebanese"),
    "jordan": ("jordan", "jordanian"),
    "egypt": ("egypt", "egyptian"),
    "saudi arabia": ("saudi arabia", "saudi"),
    "yemen": ("yemen", "yemeni"),
    "turkey": ("turkey", "turkish", "turkiye", "türkiye", "turk"),
    "qatar": ("qatar", "qatari"),
    "united arab emirates": ("united arab emirates", "uae", "emirati"),
    "libya": ("libya", "libyan"),
    "sudan": ("sudan", "sudanese"),
    "south sudan": ("south sudan", "south sudanese"),
    "ethiopia": ("ethiopia", "ethiopian"),
    "somalia": ("somalia", "somali"),
    "kenya": ("kenya", "kenyan"),
    "nigeria": ("nigeria", "nigerian"),
    "niger": ("niger", "nigerien"),
    "mali": ("mali", "malian"),
    "south africa": ("south africa", "south african"),
    "congo": ("congo", "congolese", "drc"),
    "france": ("france", "french"),
    "germany": ("germany", "german"),
    "italy": ("italy", "italian"),
    "spain": ("spain", "spanish"),
    "portugal": ("portugal", "portuguese"),
    "netherlands": ("netherlands", "dutch", "holland"),
    "belgium": ("belgium", "belgian"),
    "switzerland": ("switzerland", "swiss"),
    "austria": ("austria", "austrian"),
    "poland": ("poland", "polish", "pole"),
    "czech republic": ("czech republic", "czechia", "czech"),
    "slovakia": ("slovakia", "slovak"),
    "hungary": ("hungary", "hungarian"),
    "romania": ("romania", "romanian"),
    "moldova": ("moldova", "moldovan"),
    "bulgaria": ("bulgaria", "bulgarian"),
    "greece": ("greece", "greek"),
    "serbia": ("serbia", "serbian", "serb"),
    "croatia": ("croatia", "croatian", "croat"),
    "bosnia": ("bosnia", "bosnian", "bosnia and herzegovina"),
    "kosovo": ("kosovo", "kosovar"),
    "albania": ("albania", "albanian"),
    "sweden": ("sweden", "swedish", "swede"),
    "norway": ("norway", "norwegian"),
    "denmark": ("denmark", "danish", "dane"),
    "finland": ("finland", "finnish", "finn"),
    "estonia": ("estonia", "estonian"),
    "latvia": ("latvia", "latvian"),
    "lithuania": ("lithuania", "lithuanian"),
    "ireland": ("ireland", "irish"),
    "northern ireland": ("northern ireland",),
    "scotland": ("scotland", "scottish", "scot"),
    "wales": ("wales", "welsh"),
    "england": ("england", "english"),
    "georgia": ("georgia", "georgian"),
    "armenia": ("armenia", "armenian"),
    "azerbaijan": ("azerbaijan", "azerbaijani", "azeri"),
    "kazakhstan": ("kazakhstan", "kazakh"),
    "canada": ("canada", "canadian"),
    "mexico": ("mexico", "mexican"),
    "brazil": ("brazil", "brazilian"),
    "argentina": ("argentina", "argentine", "argentinian"),
    "chile": ("chile", "chilean"),
    "colombia": ("colombia", "colombian"),
    "venezuela": ("venezuela", "venezuelan"),
    "peru": ("peru", "peruvian"),
    "cuba": ("cuba", "cuban"),
    "haiti": ("haiti", "haitian"),
    "australia": ("australia", "australian"),
    "new zealand": ("new zealand", "new zealander"),
    "indonesia": ("indonesia", "indonesian"),
    "philippines": ("philippines", "philippine", "filipino"),
    "vietnam": ("vietnam", "vietnamese"),
    "thailand": ("thailand", "thai"),
    "myanmar": ("myanmar", "burma", "burmese"),
    "bangladesh": ("bangladesh", "bangladeshi"),
    "sri lanka": ("sri lanka", "sri lankan"),
    "nepal": ("nepal", "nepalese", "nepali"),
    "malaysia": ("malaysia", "malaysian"),
    "singapore": ("singapore", "singaporean"),
    "mongolia": ("mongolia", "mongolian"),
}

_TOKEN = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*\.?", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$|['’]$")


# -- normalisation -------------------------------------------------------------


def singularise(word: str) -> str:
    """Singular of a simple English plural; other words unchanged (lower-case input)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _INVARIANT or word.endswith(_KEEP_S_ENDINGS) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes", "zzes")) and not word.endswith("aches"):
        return word[:-2]
    return word[:-1]


@dataclass(frozen=True, slots=True)
class _Token:
    word: str  # lower-case, possessive stripped, singularised
    capital: bool  # written with a capital initial
    acronym: bool  # written all in capitals (US, GUR, DPRK)
    first: bool  # the subject's first word


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[_Token, ...]:
    """Tokens of a subject, entity or location (memoised: the same strings recur in every batch)."""
    out: list[_Token] = []
    for m in _TOKEN.finditer(text):
        raw = _POSSESSIVE.sub("", m.group(0))
        raw = raw.rstrip(".")
        if not raw:
            continue
        bare = raw.replace(".", "") if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", raw + ".") else raw
        lower = bare.lower().replace("’", "'")
        if lower in _DETERMINERS:
            continue
        letters = [c for c in bare if c.isalpha()]
        acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
        out.append(
            _Token(
                word=lower if acronym else singularise(lower),
                capital=bare[:1].isupper(),
                acronym=acronym,
                first=not out,
            )
        )
    return tuple(out)


def normalise_subject(subject: str) -> str:
    """Lower-case words without determiners, possessives or punctuation, plurals singularised.

    >>> normalise_subject("The North Korean soldiers'")
    'north korean soldier'
    """
    return " ".join(t.word for t in _tokens(subject))


def _place_key(words: Sequence[str]) -> str:
    kept = [w for w in words if w not in _PLACE_WORDS] or list(words)
    return " ".join(_NAME_ALIASES.get(w, w) for w in kept)


@lru_cache(maxsize=4096)
def normalise_location(location: str) -> str:
    """A location's key: normalised, generic place words dropped ("the Kursk region" -> "kursk")."""
    words = [t.word for t in _tokens(location) if t.word not in _STOP]
    key = _place_key(words)
    return _country_index().get(key, key)


def same_location(a: str, b: str) -> bool:
    """True when two locations name the same place, or one names a part of the other's words."""
    ka, kb = normalise_location(a), normalise_location(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = set(ka.split()), set(kb.split())
    if "nationwide" in (ka, kb) and (ka if kb == "nationwide" else kb) in _country_index().values():
        return True  # "Nationally, 78 nests" and "Across England, 91 nests": a country's figure both times
    return wa <= wb or wb <= wa


@cache
def _country_index() -> dict[str, str]:
    """Normalised alias -> country key."""
    index: dict[str, str] = {}
    for key, aliases in _COUNTRIES.items():
        for alias in (key, *aliases):
            index[normalise_subject(alias)] = key
    return index


@cache
def _synonym_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for words in _SYNONYM_CLASSES:
        for w in words:
            index[normalise_subject(w)] = words[0]
    return index


_MAX_PHRASE = 5

#: common subject nouns besides the synonym classes (singular)
_COMMON_NOUNS = frozenset(
    "civilian resident official worker employee student patient migrant refugee voter citizen "
    "job home price rate inflation unemployment growth revenue sale profit death casualty injury "
    "vehicle tank missile rocket shell bomb village town city building school hospital officer "
    "police policeman prisoner hostage victim family woman child adult case infection "
    "unit brigade battalion army troop soldier".split()
)


@cache
def _common_words() -> frozenset[str]:
    return _COMMON_NOUNS | frozenset(_synonym_index()) | frozenset(w for pair in _RELATED for w in pair)


@lru_cache(maxsize=8192)
def _dictionary_word(word: str) -> bool:
    """A word the dictionary knows as an adjective or a participle ("striking", "wounded", "local"), capitalised
    only to begin a sentence; not a verb's base form, which a name may be ("Unite members")."""
    from lemminflect import getAllLemmas  # a data-only package, loaded on first use

    lemmas = getAllLemmas(word)
    return "ADJ" in lemmas or ("VERB" in lemmas and word.endswith(("ing", "ed")))


# -- analysis ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubjectParts:
    """A subject split into what distinguishes it, its head noun and the rest."""

    countries: frozenset[str] = frozenset()
    compass: frozenset[str] = frozenset()
    #: the compass words written inside a name ("The Northern Cup"): a side only against another side
    named_compass: frozenset[str] = frozenset()
    #: other proper names (entities, capitalised words, acronyms), including ``weak_names``
    names: frozenset[str] = frozenset()
    #: a capitalised first word, which may be a mere sentence-initial capital
    #: ("Wounded soldiers"): it counts as a name unless the other subject has
    #: the same word as an ordinary modifier
    weak_names: frozenset[str] = frozenset()
    #: the head noun's synonym class, and the word as written (normalised)
    head: str | None = None
    head_word: str | None = None
    modifiers: frozenset[str] = frozenset()
    #: retrieval terms, in order of appearance
    terms: tuple[str, ...] = ()

    @property
    def qualified(self) -> bool:
        return bool(self.countries or self.compass or self.names)

    @property
    def empty(self) -> bool:
        return not (self.qualified or self.head or self.modifiers)

    @property
    def name_stems(self) -> frozenset[str]:
        return frozenset(_name_stem(n) for n in self.names)

    def canonical(self, head: str | None = None) -> str:
        """Qualifier keys, modifiers and head class as one string (``head`` overrides the head)."""
        words = sorted(self.countries) + sorted(self.compass) + sorted(self.name_stems)
        words += sorted(self.modifiers)
        if head or self.head:
            words.append(head or self.head or "")
        return " ".join(words)


def _entity_phrases(entities: Iterable[str]) -> Mapping[tuple[str, ...], str]:
    """Normalised entity word tuples -> their key (country key or place key)."""
    return _entity_phrases_of(tuple(entities))


@lru_cache(maxsize=4096)
def _entity_phrases_of(entities: tuple[str, ...]) -> Mapping[tuple[str, ...], str]:
    countries = _country_index()
    phrases: dict[tuple[str, ...], str] = {}
    for ent in entities:
        words = tuple(t.word for t in _tokens(ent))
        if not words:
            continue
        joined = " ".join(words)
        phrases[words] = countries.get(joined) or _place_key(words)
    return MappingProxyType(phrases)


def _match_phrase(
    words: list[str], tokens: Sequence[_Token], i: int, phrases: Mapping[tuple[str, ...], str]
) -> tuple[int, str, str] | None:
    """Longest name at ``i``: (length, kind, key) with kind "country" or "name"."""
    countries = _country_index()
    for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
        span = tuple(words[i : i + n])
        joined = " ".join(span)
        if joined in countries and not (joined == "us" and not tokens[i].acronym):
            return n, "country", countries[joined]
        if span in phrases:
            key = phrases[span]
            return n, ("country" if key in _COUNTRIES else "name"), key
    return None


def analyse_subject(subject: str, entities: Sequence[str] = ()) -> SubjectParts:
    """Split a subject into qualifiers, head and modifiers (see the module docstring)."""
    return _analyse(subject, tuple(entities))


@lru_cache(maxsize=8192)
def _analyse(subject: str, entities: tuple[str, ...]) -> SubjectParts:
    tokens = _tokens(subject)
    words = [t.word for t in tokens]
    phrases = _entity_phrases(entities)
    synonyms = _synonym_index()
    countries: list[str] = []
    compass: list[str] = []
    named_compass: list[str] = []
    names: list[str] = []
    weak: list[str] = []
    content: list[tuple[int, str]] = []  # (segment, word)
    terms: list[str] = []
    # In a title-cased subject ("North Korean Soldiers") a capital on a common
    # noun is typography, not a name.
    title_case = len(tokens) > 1 and all(t.capital for t in tokens if t.word.isalpha() and t.word not in _STOP)
    segment = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        found = _match_phrase(words, tokens, i, phrases)
        if found is not None:
            n, kind, key = found
            (countries if kind == "country" else names).append(key)
            terms.append(key)
            i += n
            continue
        i += 1
        w = tok.word
        if w in _BOUNDARIES:
            segment += 1
            continue
        if w in _STOP or w.isdigit():
            continue
        if w in _COMPASS and tok.capital and i < len(tokens) and tokens[i].capital \
                and tokens[i].word.isalpha() and tokens[i].word not in _STOP:
            named_compass.append(_COMPASS[w])  # "The Northern Cup", "South Yorkshire": a side within a name
        if w in _COMPASS:
            compass.append(_COMPASS[w])
            terms.append(_COMPASS[w])
            continue
        if tok.acronym or (tok.capital and not tok.first and not (title_case and w in _common_words())):
            key = _place_key([w])
            names.append(key)
            terms.append(key)
            continue
        if tok.capital and tok.first and w not in synonyms and len(tokens) > 1 and not _dictionary_word(w):
            weak.append(w)  # ("Striking dockers", "Wounded soldiers": a word of the language, capitalised to begin)
        content.append((segment, w))
        terms.append(w)
    head_word = None
    if content:
        first_segment = min(s for s, _ in content)
        head_word = [w for s, w in content if s == first_segment][-1]
    head = synonyms.get(head_word, head_word) if head_word else None
    if head and head != head_word:
        terms.append(head)
    modifiers = frozenset(synonyms.get(w, w) for _, w in content if w != head_word) - {head}
    return SubjectParts(
        countries=frozenset(countries),
        compass=frozenset(compass),
        named_compass=frozenset(named_compass),
        names=frozenset(names) | (frozenset(weak) - {head_word}),
        weak_names=frozenset(weak) - {head_word},
        head=head,
        head_word=head_word,
        modifiers=frozenset(m for m in modifiers if m not in weak),
        terms=tuple(dict.fromkeys(terms)),
    )


def subject_terms(subject: str, entities: Sequence[str] = ()) -> tuple[str, ...]:
    """Retrieval terms of a subject, deterministic, in order of appearance.

    Names are kept whole (countries under their key: "north korea" for both
    "North Korean" and "North Korea"; other names as matched in ``entities``,
    generic place words dropped), then single content words, then the head's
    synonym class when it differs from the head ("troops" -> "troop",
    "soldier"). Function words and generic quantity nouns are never terms.
    """
    return analyse_subject(subject, entities).terms


# -- similarity ------------------------------------------------------------------


def _spelling_variant(a: str, b: str) -> bool:
    """kilometre/kilometer, defence/defense: same start, at most two edits."""
    return min(len(a), len(b)) >= 5 and a[:3] == b[:3] and Levenshtein.distance(a, b) <= 2


def _near_miss(a: str, b: str) -> bool:
    """Estmark/Westmark, injured/uninjured: nearly the same letters, different words."""
    if a == b or _spelling_variant(a, b):
        return False
    return min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= 2


_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "i")


def _name_stem(name: str) -> str:
    """A name without its demonym ending, so "zembia" and "zembian" compare equal.

    Only single-word names outside the country gazetteer get here; the stem
    keeps at least three letters, so short names stay themselves.
    """
    if " " in name:
        return name
    for suffix in _DEMONYM_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 3:
            name = name[: -len(suffix)]
            break
    bare = name.rstrip("aeiouy")
    return bare if len(bare) >= 3 else name


def _reconcile(a: SubjectParts, b: SubjectParts) -> SubjectParts:
    """``a`` with its weak names that ``b`` writes as ordinary modifiers turned into modifiers."""
    plain = a.weak_names & b.modifiers
    if not plain:
        return a
    return replace(a, names=a.names - plain, weak_names=a.weak_names - plain, modifiers=a.modifiers | plain)


def _qualifiers_conflict(a: SubjectParts, b: SubjectParts) -> bool:
    if a.countries and b.countries and a.countries != b.countries:
        return True
    if a.compass and b.compass and a.compass != b.compass:
        return True
    na, nb = a.name_stems, b.name_stems
    if na and nb and not (na & nb):
        return True
    words_a, words_b = a.modifiers | na, b.modifiers | nb
    only_a, only_b = words_a - words_b, words_b - words_a
    return any(_near_miss(x, y) for x in only_a for y in only_b if " " not in x + y)


def _head_score(a: SubjectParts, b: SubjectParts) -> tuple[float, bool, bool]:
    """(score cap from the heads, whether it is a full match, whether the heads count as one)."""
    if a.head and b.head:
        if a.head == b.head or _spelling_variant(a.head, b.head):
            return 100.0, True, True
        if frozenset((a.head, b.head)) in _RELATED:
            return RELATED_HEAD, False, True
        return min(UNRELATED_HEAD_MAX, fuzz.ratio(a.head, b.head) * 0.4), False, False
    if a.head or b.head:
        headless = b if a.head else a
        return (HEADLESS, False, True) if headless.qualified else (0.0, False, False)
    return 100.0, True, True


def _countries_of(entities: Sequence[str]) -> frozenset[str]:
    return frozenset(k for k in _entity_phrases(entities).values() if k in _COUNTRIES)


def _qualification_cap(a: SubjectParts, b: SubjectParts, ca: Claim, cb: Claim) -> float | None:
    """The cap for partially qualified pairs, or None when both are qualified alike."""
    if a.qualified and b.qualified:
        ka, kb = _qualifier_kinds(a), _qualifier_kinds(b)
        one_sided = bool(a.countries) != bool(b.countries) or bool(a.compass) != bool(b.compass)
        if one_sided or not (ka <= kb or kb <= ka):
            return PARTIAL
        return None
    if not a.qualified and not b.qualified:
        return None
    bare_claim, full = (ca, b) if b.qualified else (cb, a)
    if full.countries and not full.names and not full.compass \
            and _countries_of(bare_claim.entities) == full.countries:
        return IMPLIED
    return PARTIAL


def _qualifier_kinds(p: SubjectParts) -> frozenset[str]:
    kinds = {"country": p.countries, "compass": p.compass, "name": p.names}
    return frozenset(k for k, v in kinds.items() if v)


def _entity_keys(parts: SubjectParts, claim: Claim) -> frozenset[str]:
    """Sentence entities that are not already subject qualifiers nor the location."""
    used = parts.countries | parts.names
    if claim.location:
        used = used | {normalise_location(claim.location)}
    return frozenset(_entity_phrases(claim.entities).values()) - used


def subject_similarity(a: Claim, b: Claim) -> float:
    """How surely two claims are about the same subject, 0..100 (see the module docstring)."""
    return parts_similarity(a, analyse_subject(a.subject, a.entities), b, analyse_subject(b.subject, b.entities))


def parts_similarity(a: Claim, pa: SubjectParts, b: Claim, pb: SubjectParts) -> float:
    """:func:`subject_similarity` with the subjects already analysed (one analysis per claim in a batch)."""
    pa, pb = _reconcile(pa, pb), _reconcile(pb, pa)
    if pa.empty or pb.empty or _qualifiers_conflict(pa, pb):
        return 0.0
    cap, full, one_head = _head_score(pa, pb)
    head = (pa.head or pb.head) if one_head else None
    score = min(cap, float(fuzz.token_set_ratio(pa.canonical(head), pb.canonical(head))))
    score -= min(MODIFIER_PENALTY_MAX, MODIFIER_PENALTY * len(pa.modifiers ^ pb.modifiers))
    score -= EXTRA_NAME_PENALTY * len(pa.name_stems ^ pb.name_stems)
    qual_cap = _qualification_cap(pa, pb, a, b)
    if qual_cap is not None:
        score = min(score, qual_cap)
        full = False
    if full:
        shared = _entity_keys(pa, a) & _entity_keys(pb, b)
        score += min(ENTITY_BOOST_MAX, ENTITY_BOOST * len(shared))
    if a.location and b.location:
        if same_location(a.location, b.location):
            if full:
                score += LOCATION_BOOST
        else:
            score -= LOCATION_PENALTY
    return max(0.0, min(100.0, score))


# -- within a story: what tells two claims of one measure apart ----------------------------

#: head words that name people in general ("a man", "one person", "two victims")
_GENERIC_PEOPLE = frozenset("person people individual victim man woman adult resident member".split())


#: heads that restate a measure rather than name what is counted
_MEASURE_HEADS = frozenset("rate level figure number total count tally index".split())


#: words that say a figure is of the whole, not a part: "the national pass rate", "overall turnout"
_WHOLE_WORDS = frozenset("national nationwide nationally overall countrywide statewide total whole".split())


_AMONG = re.compile(
    r"^(?:\s+of\s+(?:them|whom|those|these)\b|[^.;]{0,40}?\b(?:were|was|are|is|be|been)\s+(?:\w+\s+)?among\s+(?:the|those)\b)",
    re.IGNORECASE,
)
#: "26 were injured, including four cabin crew": the figure after it is a part of the one before
_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+(?:at\s+least\s+|about\s+|some\s+)?$",
                        re.IGNORECASE)
#: "seven of the dead", "three of the injured": a count of some of those a toll counts ("53 of the whales
#: had died" is the toll itself: the whales are who died, not a toll of which 53 are a part)
_OF_THE = re.compile(
    r"^\s+of\s+the\s+(?:\w+\s+)?(?:dead|injured|wounded|hurt|missing|killed|victims|casualties|fatalities"
    r"|deceased|survivors|hostages|detainees|evacuees)\b",
    re.IGNORECASE,
)


def among(claim: Claim) -> bool:
    """The figure counts some of a group: "four guards were among the injured", "three of them critically",
    "seven of the dead" (a share, "35% of the vote", is its own quantity, not a part of a count)."""
    start = claim.figure_end - claim.start if claim.figure_end is not None and claim.start is not None else None
    if start is None or not 0 <= start <= len(claim.sentence):
        return False
    rest = claim.sentence[start:]
    before = claim.sentence[: max(0, claim.figure_start - claim.start)] if claim.figure_start is not None else ""
    if _OWN_PREDICATE.match(rest):
        return False  # "nine of them were taken to hospital": the whole of what its own verb counts
    return bool(_AMONG.match(rest)) or (claim.figure.unit in ("people", "count") and bool(_OF_THE.match(rest))) \
        or bool(_INCLUDING.search(before[-30:]))


#: "of them" followed by a verb of the figure's own that is not "among": the part is the whole of another measure
_OWN_PREDICATE = re.compile(r"^\s+of\s+(?:them|whom|those|these)\s+(?:were|was|are|is|had|have|has)\s+"
                            r"(?!among\b)(?:\w+\s+)?(?:taken|admitted|treated|flown|airlifted|rushed|sent|kept|"
                            r"discharged|released|detained|arrested|charged|hospitali[sz]ed)\b", re.IGNORECASE)


def _whole(subject: str | None) -> bool:
    return any(w in _WHOLE_WORDS for w in (subject or "").lower().split())


def _is_proper(subject: str | None) -> bool:
    """A subject written as a name: every word capitalised ("Port Calvera", "Brenholt")."""
    words = [w for w in (subject or "").split() if w[:1].isalpha()]
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words)


def _head_is_name(p: SubjectParts) -> bool:
    head = p.head or ""
    return bool(head) and (head in p.name_stems or any(head in n.split() for n in p.names))


def _head_class(p: SubjectParts) -> str | None:
    if p.head_word in _GENERIC_PEOPLE or p.head in ("person",):
        return "person"
    return p.head


@lru_cache(maxsize=256)
def _place_info(places: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A story's places as location keys, and their name stems (computed once per story)."""
    keys = frozenset(normalise_location(p) for p in places if p)
    return keys, frozenset(_name_stem(p) for p in keys)


def _is_story_place(location: str, story_places: frozenset[str]) -> bool:
    key = normalise_location(location)
    if not key:
        return True
    words = set(key.split())
    return any(key == p or words <= set(p.split()) or set(p.split()) <= words for p in story_places if p)


def _smaller_kind(kind: str, story_places: Iterable[str]) -> bool:
    """A story place named with a kind of place other than ``kind`` ("Carver County" against "state")."""
    words = {w for p in story_places for w in p.lower().split()}
    return bool(words & _PLACE_WORDS) and kind not in words


def discriminator(a: Claim, pa: SubjectParts, b: Claim, pb: SubjectParts,
                  story_places: Iterable[str] = ()) -> str | None:
    """Why two claims of one story and measure are different quantities, or None when nothing does.

    Inside a story, the same measure is the same quantity unless one of these
    tells them apart (the period and reference date are the verdicts' to
    check): a different place ("in Tessun" against the province, where the
    province is what the story is about: ``story_places``, its titles' and
    datelines' names); a different side or group (other countries, compass
    words or names: "North Korean" against "Russian", one candidate against
    another); a part against the whole (civilians among people killed, a
    child among the dead, or two unrelated quantity nouns: job cuts against
    the workforce). An empty or differently worded subject is no discriminator.
    """
    story_places = frozenset(story_places)
    places, stems = _place_info(story_places)
    if _a_site(a.location):
        # a street says where the event happened, not a part of the story's area tallied apart:
        # "seven men entered the depot on Fenmore Road" and "at least six men raided a depot in Harwick"
        a = replace(a, location=None)
    if _a_site(b.location):
        b = replace(b, location=None)
    kinds = [loc.lower() for loc in (a.location, b.location) if loc and loc.lower() in _PLACE_WORDS]
    if kinds:
        # "across the state" (an area named by its kind): wider than the story's place only when the story is
        # about a place of another kind ("Carver County"); of a story about "Texas" nothing is known
        if _smaller_kind(kinds[0], story_places):
            return "a wider area against the story's place"
    elif a.location and b.location:
        if not same_location(a.location, b.location):
            return "different places"
    elif a.location or b.location:
        only = a.location or b.location or ""
        if not _is_story_place(only, places):
            return "a place within the story against the whole"
    if among(a) != among(b):
        return "a part against the whole"  # "seven of its members were among the injured"
    pa, pb = _reconcile(pa, pb), _reconcile(pb, pa)
    if pa.empty or pb.empty:
        return None
    if pa.countries and pb.countries and pa.countries != pb.countries:
        return "different sides"
    if pa.compass and pb.compass and pa.compass != pb.compass:
        return "different parts"
    if bool(pa.compass) != bool(pb.compass) and not (pa.compass or pb.compass) <= (pa.named_compass | pb.named_compass):
        return "a part against the whole"  # ("The Northern Cup" against "the final": a name, not a part)
    na, nb = pa.name_stems - stems, pb.name_stems - stems
    words_na = {w for n in na for w in n.split()}
    words_nb = {w for n in nb for w in n.split()}
    # every word of the other subject counts: "Halvorsen" (a name) is the head of "Halvorsen Motors"
    all_a = words_na | {_name_stem(w) for w in (pa.head_word, *pa.modifiers) if w}
    all_b = words_nb | {_name_stem(w) for w in (pb.head_word, *pb.modifiers) if w}
    if na and nb and not (words_na & all_b) and not (words_nb & all_a) and not _names_are_places(na | nb, places):
        return "different groups"
    wa, wb = _whole(a.subject), _whole(b.subject)
    if wa != wb and len((pb if wa else pa).modifiers - (pa if wa else pb).modifiers) > 0:
        return "a part against the whole"  # "national pass rate" against "private schools' pass rate"
    ha, hb = _head_class(pa), _head_class(pb)
    # a head that only names whose it is ("Estmark") or the measure itself ("inflation rate") tells nothing
    plain = set(a.measure.lower().split()) | set(b.measure.lower().split()) | _MEASURE_HEADS
    plain |= {singularise(w) for w in plain}  # "viewer" is the head of a count of "viewers"
    if ha in plain or hb in plain or _head_is_name(pa) or _head_is_name(pb) or _is_proper(a.subject) \
            or _is_proper(b.subject):
        ha = hb = None  # a subject that is only a name ("Port Calvera") says whose, not what is counted
    if ha and hb and ha != hb and not _spelling_variant(ha, hb):
        if frozenset((ha, hb)) in _RELATED:
            return "a part against the whole"
        if "person" in (ha, hb) and a.figure.unit == b.figure.unit == "people":
            return None  # "18 passengers" and "16 people" killed: the same dead, named two ways
        if {ha, hb} & GENERAL_THINGS:
            return None  # "nine animals" and "11 monkeys" missing: the same escaped, one name more general
        words_a = {w for w in (pa.head_word, *pa.modifiers) if w} | {ha}
        words_b = {w for w in (pb.head_word, *pb.modifiers) if w} | {hb}
        if not (words_a & words_b):
            return "different things counted"
    return None


#: last words of a street's name
_STREET_WORDS = frozenset("road street avenue lane drive way boulevard highway close crescent terrace row "
                          "rd st ave blvd hwy".split())


def _a_site(location: str | None) -> bool:
    """A street or a venue ("Fenmore Road", "the 4700 block of West Addison Street", "Marlow Park", "Harlow
    Stadium"): where the event happened, not a town or an area whose figures are tallied apart."""
    words = (location or "").lower().rstrip(".").split()
    return len(words) >= 2 and (words[-1] in _STREET_WORDS or words[-1] in _VENUE_WORDS)


#: the last words of a venue's name
#: (not "park", "court", "field", "station": "Lincoln Park", "Earls Court" are districts whose tallies are apart)
_VENUE_WORDS = frozenset("stadium arena centre center airport hospital school academy college university church "
                         "cathedral theatre theater museum prison mall hotel racecourse circuit".split())


def _names_are_places(names: frozenset[str], places: frozenset[str]) -> bool:
    return bool(places) and all(any(n in p.split() or n == p for p in places) for n in names)

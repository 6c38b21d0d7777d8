"""Title-case headlines, read as sentences.

"Brainerd Shooting Kills 1 Person, Wounds 4, Police Say" parses as a string of
proper names: the tagger reads capitals as names. Before such a line is parsed,
the capitalised words the engine knows as common words (function words,
measure words, people nouns, reporting verbs) are written in lower case, so
"Kills" is a verb again; names the engine does not know ("Brainerd") keep their
capitals. Only case changes, so every character offset stays valid.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .counted import PASS_THROUGH, word_stems
from .measures import MeasureVocab

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: a word inside an age compound: the "Year" and "Old" of "1-Year-Old"
_AGE_PART = re.compile(r"\d-(?:[A-Za-z]+-)?$")


def headline_case(text: str, vocab: MeasureVocab) -> str:
    """``text`` with its known common words lower-cased when it is a title-case headline."""
    words = list(_WORD.finditer(text))
    if len(words) < 3:
        return text
    capitalised = sum(1 for w in words if w.group(0)[0].isupper())
    if capitalised < 0.6 * len(words):
        return text
    known = _known_words(vocab)
    out = list(text)
    for w in words[1:]:
        word = w.group(0)
        if word[0].isupper() and not word.isupper() and (
                _is_known(word.lower(), known) or _AGE_PART.search(text[max(0, w.start() - 16) : w.start()])):
            out[w.start() : w.end()] = word.lower()
    return "".join(out)


def is_proper_name(words: list[str], vocab: MeasureVocab) -> bool:
    """Capitalised words none of which the engine knows as a common word: "BBC", "New Orland"."""
    known = _known_words(vocab)
    return all(w[:1].isupper() and not _is_known(w.lower(), known) for w in words)


def _is_known(low: str, known: frozenset[str]) -> bool:
    return low in known or any(stem in known for stem in word_stems(low)) or (
        low.endswith("ies") and low[:-3] + "y" in known)


#: manner adverbs of casualty headlines ("Toddler Fatally Shot", "Man Critically Injured")
_ADVERBS = frozenset("fatally mortally critically seriously gravely accidentally allegedly reportedly".split())
_KNOWN: dict[int, tuple[MeasureVocab, frozenset[str]]] = {}


def _known_words(vocab: MeasureVocab) -> frozenset[str]:
    hit = _KNOWN.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    known = _build_known(vocab)
    _KNOWN[id(vocab)] = (vocab, known)
    return known


def _build_known(vocab: MeasureVocab) -> frozenset[str]:
    words: set[str] = set(STOP_WORDS) | set(PASS_THROUGH) | set(vocab.people_nouns) | _ADVERBS
    for table in (vocab.by_verb, vocab.by_noun, vocab.by_adjective):
        for key in table:
            words.update(key.split())
    return frozenset(words)

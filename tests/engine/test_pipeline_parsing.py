"""The engine's own parse (``bot.engine.parsing``) sets what spaCy's pipeline sets, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from bot.engine.parsing import (
    ExactAttributeRuler,
    MemoLemmatizer,
    SentenceParser,
    exact_ruler,
    memo_lemmatizer,
    pipe_repeats_once,
)
from bot.engine.types import Article

ATTRS = [TAG, POS, DEP, HEAD, LEMMA, MORPH, ENT_IOB, ENT_TYPE]

# sentences that meet the model's rule exceptions: contractions and colloquial spellings (two-token
# rules, one with its target second), pronouns by their dependency, "there is", auxiliaries, spaces
TEXTS = [
    "Police said two men were shot and one of them ain't expected to survive.",
    "I told you it was gonna rain, and let's face it, nothin' changed.",
    "Y'all know there are 12 families still waiting, and there's no word.",
    "She gave it to me, but I did not see it; you did.",
    "They have been arrested, and they do have lawyers, though whether that helps is unclear.",
    "Got ta go  -  the  council    met on Tuesday\n\nand approved 3 new posts.",
    "C'm on, he gets what he got: 40 percent of the vote.",
    "Which officer shot that man?  That is what the family wants to know.",
    "",
]


def _state(doc) -> tuple:
    return doc.to_array(ATTRS).tobytes(), [str(t.morph) for t in doc], [t.lemma_ for t in doc]


def test_the_fast_ruler_sets_what_the_stock_ruler_sets(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    fast = exact_ruler(ruler)
    assert isinstance(fast, ExactAttributeRuler)  # the shipped model's rules can all be read
    lemmatizer = nlp.get_pipe("lemmatizer")
    changed = 0
    for doc in nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        stock, own = doc.copy(), doc.copy()
        before = _state(stock)
        lemmatizer(ruler(stock))
        lemmatizer(fast(own))
        assert _state(own) == _state(stock), doc.text
        changed += _state(stock) != before
    assert changed >= len(TEXTS) - 1  # the ruler did something to every non-empty text


def test_its_memory_of_word_forms_is_bounded_and_starts_afresh(nlp, monkeypatch) -> None:
    from bot.engine import parsing

    monkeypatch.setattr(parsing, "_MAX_ROWS", 5)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ExactAttributeRuler(ruler)
    for doc in nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        stock, own = doc.copy(), doc.copy()
        ruler(stock)
        fast(own)
        assert _state(own) == _state(stock), doc.text
        assert len(fast._seen) <= 5


@pytest.mark.parametrize("limit", [5, 200_000])
def test_the_memo_lemmatizer_sets_what_the_stock_lemmatizer_sets(nlp, monkeypatch, limit) -> None:
    from bot.engine import parsing

    monkeypatch.setattr(parsing, "_MAX_LEMMAS", limit)
    lemmatizer = nlp.get_pipe("lemmatizer")
    memo = memo_lemmatizer(lemmatizer)
    assert isinstance(memo, MemoLemmatizer)
    for _ in range(2):  # the second time from its memory
        for doc in nlp.pipe(TEXTS, disable=["lemmatizer"]):
            stock, own = doc.copy(), doc.copy()
            lemmatizer(stock)
            memo(own)
            assert _state(own) == _state(stock), doc.text
            assert len(memo._memo) <= limit


def test_the_sentence_parser_gives_the_docs_of_nlp_pipe(nlp) -> None:
    parser = SentenceParser(nlp)
    assert parser.replaced == ["attribute_ruler", "lemmatizer"]
    for batch in (1, 3, 64):
        got = list(parser.pipe(TEXTS, batch_size=batch))
        want = list(nlp.pipe(TEXTS, batch_size=batch))
        assert [_state(d) for d in got] == [_state(d) for d in want]
        assert [d.tensor.tobytes() for d in got] == [d.tensor.tobytes() for d in want]
    stock = SentenceParser(nlp, fast=False)
    assert stock.replaced == []


def _ruler(patterns: list[dict]) -> AttributeRuler:
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return ruler


def test_later_rules_win_and_several_token_rules_hit_their_target() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "red"}]], "attrs": {"TAG": "JJ", "LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"IN": ["red", "blue"]}}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"LOWER": "big"}, {"LOWER": "red"}, {"LOWER": "bus"}]], "attrs": {"LEMMA": "mid"}, "index": 1},
        {"patterns": [[{"LOWER": "red"}, {"LOWER": "bus"}]], "attrs": {"TAG": "NN"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^b.s$"}}], [{"ORTH": "Bus"}]], "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"IS_SPACE": False, "LOWER": {"NOT_IN": ["red", "big", "bus", "blue"]}}]],
         "attrs": {"TAG": "XX"}},
    ]
    stock_ruler = _ruler(patterns)
    fast_ruler = ExactAttributeRuler(stock_ruler)
    nlp = spacy.blank("en", vocab=stock_ruler.vocab)
    for text in ("a big red bus", "red bus, blue Bus and a big red", "big  red bus"):
        stock, own = nlp.make_doc(text), nlp.make_doc(text)
        stock_ruler(stock)
        fast_ruler(own)
        assert [(t.tag_, t.lemma_, str(t.morph)) for t in own] == [(t.tag_, t.lemma_, str(t.morph)) for t in stock]
    doc = fast_ruler(nlp.make_doc("a big red bus"))
    assert [t.lemma_ for t in doc] == ["", "", "mid", ""]  # the three-token rule (later) wins over "second"
    assert [t.tag_ for t in doc] == ["XX", "", "JJ", "NN"]


def test_a_ruler_that_reads_one_attribute() -> None:
    stock_ruler = _ruler([{"patterns": [[{"LOWER": "red"}, {"LOWER": "bus"}]], "attrs": {"LEMMA": "x"}, "index": 1},
                          {"patterns": [[{"LOWER": "red"}]], "attrs": {"TAG": "JJ"}}])
    nlp = spacy.blank("en", vocab=stock_ruler.vocab)
    doc = ExactAttributeRuler(stock_ruler)(nlp.make_doc("The red bus"))
    assert [(t.tag_, t.lemma_) for t in doc] == [("", ""), ("JJ", ""), ("", "x")]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "red", "OP": "?"}],  # an operator
    [{"LOWER": {"FUZZY": "red"}}],  # a predicate it does not read
    [{"ENT_TYPE": "GPE"}],  # an attribute it does not read
    [{"_": {"mine": True}}],  # an extension attribute
])
def test_rules_it_cannot_read_exactly_keep_the_stock_ruler(pattern) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "blue"}]], "attrs": {"TAG": "NN"}},
                        {"patterns": [pattern], "attrs": {"TAG": "JJ"}}])
    assert exact_ruler(ruler) is None
    parser = SentenceParser(nlp)
    assert parser.replaced == []
    assert parser.components[0][1] is ruler


def test_the_fast_path_and_the_reference_path_give_the_same_claims(engine) -> None:
    text = ("Gunman kills two in Dayton bar\n\nDAYTON, Ohio - Two men were killed and three others were hurt "
            "when a man opened fire outside a bar on Main Street late Saturday, police said. The shooter, "
            "a 24-year-old man, was arrested. I ain't never seen nothing like it, one neighbour said.\n\n"
            "The city has recorded 41 homicides this year, up from 30 last year.")
    fast = engine.extract(Article(text=text))
    engine.gate = False
    try:
        reference = engine.extract(Article(text=text))
    finally:
        engine.gate = True
    assert [c.to_json() for c in fast] == [c.to_json() for c in reference]
    assert len(fast) >= 3


def test_a_repeated_text_is_parsed_once_and_each_occurrence_gets_its_own_doc(nlp) -> None:
    a, b, c = TEXTS[0], TEXTS[2], TEXTS[4]
    texts = [a, b, a, a, c, b, TEXTS[6], a]
    parsed: list[str] = []

    def pipe(stream):
        return nlp.pipe((parsed.append(t) or t for t in stream), batch_size=2)

    got = list(pipe_repeats_once(pipe, iter(texts), {a, b}))
    assert parsed == [a, b, c, TEXTS[6]]
    want = list(nlp.pipe(texts))
    assert [d.text for d in got] == texts
    assert [_state(d) for d in got] == [_state(d) for d in want]
    assert [d.tensor.tobytes() for d in got] == [d.tensor.tobytes() for d in want]
    assert len({id(d) for d in got}) == len(texts)
    got[0][0].lemma_ = "changed"  # what a caller does to one doc is not seen in the others
    assert {d[0].lemma_ for d in got[2:4]} == {want[0][0].lemma_}


def test_articles_that_share_sentences_get_the_claims_each_gets_alone(engine) -> None:
    shared = "Two men were killed and three others were hurt in the shooting, police said."
    texts = [f"Gunman kills two in Dayton bar\n\n{shared} The shooter was arrested.",
             f"Dayton bar shooting\n\nA gunman opened fire on Saturday. {shared}\n\n{shared}",
             "The council met on Tuesday. It approved 12 new posts."]
    together = engine.extract_many([Article(text=t) for t in texts])
    engine.gate = False
    try:
        alone = [engine.extract(Article(text=t)) for t in texts]
    finally:
        engine.gate = True
    assert [[c.to_json() for c in r] for r in together] == [[c.to_json() for c in r] for r in alone]
    assert sum(len(r) for r in alone) >= 4


def test_words_joined_by_a_hyphen_stay_one_token_but_numbers_and_ages_split(engine) -> None:
    doc = engine.nlp.make_doc("Some 40 co-authors, twenty-two ticket-holders, a 15-year-old, the 1,100-megawatt "
                              "unit, a triple-murder and two-thirds of e-scooters.")
    words = [t.text for t in doc]
    assert {"co-authors", "ticket-holders", "e-scooters"} <= set(words)
    assert words[words.index("twenty"):words.index("twenty") + 3] == ["twenty", "-", "two"]
    assert words[words.index("15"):words.index("15") + 5] == ["15", "-", "year", "-", "old"]
    assert {"1,100", "megawatt", "triple", "thirds"} <= set(words)
    assert [t.text for t in engine.nlp.make_doc("Miami-Dade schools")][:3] == ["Miami", "-", "Dade"]  # a name
    assert [t.text for t in engine.nlp(doc.text)] == words


def test_a_sentence_ends_after_an_amount_with_a_scale_letter(engine) -> None:
    text = "Its budget was cut to £30m. Revenue was £380m last year, the firm said."
    words = [t.text for t in engine.nlp.make_doc(text)]
    assert words[words.index("30"):words.index("30") + 3] == ["30", "m", "."]  # the full stop is no part of the scale
    revenue = [c for c in engine.extract(Article(text=text)) if c.figure.low == 380_000_000]
    assert revenue
    assert revenue[0].measure == "revenue"

"""Input validation and segmentation: bad input gets a clear error, boilerplate yields nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine.errors import InputError
from bot.engine.text import decode, is_boilerplate, prepare, text_hash, validate

ARTICLE = """Flood waters cut off three villages in Marren Valley
Rescue teams reached the villages on Sunday after two days of rain, the regional governor said.
At least 14 people were killed and dozens were injured, officials said.
Source: Valley Courier

Leave a Reply
Your email address will not be published. Required fields are marked *
I am Tom Baker, a journalist and writer with a passion for local news. I have been writing for the Courier since 2019.
"""


def test_prepare_finds_headline_outlet_and_drops_boilerplate():
    prep = prepare(ARTICLE, max_chars=10_000)
    assert prep.title == "Flood waters cut off three villages in Marren Valley"
    assert prep.outlet == "Valley Courier"
    texts = [line.text for line in prep.lines]
    assert texts[0] == prep.title
    assert prep.lines[0].is_headline
    assert not any("Leave a Reply" in t or "email address" in t or "Tom Baker" in t for t in texts)
    assert not any(t.startswith("Source:") for t in texts)
    # offsets point into the original text
    for line in prep.lines:
        assert ARTICLE[line.start : line.end] == line.text


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Leave a comment",
        "Your email address will not be published.",
        "Sign up for our newsletter to get the latest",
        "© 2024 Example Media. All rights reserved.",
        "I'm Jane Doe, a reporter covering politics since 2015.",
        "Share this article",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "At least 14 people were killed, officials said.",
        "The company said revenue rose 4% to $2.1bn.",
        "Share prices fell 3% on Monday.",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("x" * 2000, "limit is 1,000"),
        ("Das ist ein Artikel über die Überschwemmung im Tal und die Rettungskräfte waren dort schnell vor Ort.",
         "English"),
        ("Это статья о наводнении в долине, спасатели прибыли на место быстро и помогли жителям.", "English"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary"),
        ("El gobierno dijo que los daños de la tormenta en el valle son graves y que las escuelas cierran.",
         "English"),
        ("O fogo destruiu 30 casas perto da aldeia e matou 2 pessoas, disse o chefe dos bombeiros hoje.", "English"),
        ("Banjir merusak 300 rumah di kampung itu dan menewaskan 9 orang, kata pejabat pada hari Selasa.", "English"),
    ],
)
def test_validate_refuses_bad_input(text, message):
    with pytest.raises(InputError, match=message):
        validate(text, max_chars=1000)


@pytest.mark.parametrize("text", [
    # short English with no function word of the usual kind: a headline, a terse sentence
    "Nearly 1,900 emergency calls went unanswered during last weekend's seven-hour outage.",
    "Storm damage: 14 villages cut off, 300 homes flooded, two bridges down, schools closed Monday.",
])
def test_short_english_without_function_words_is_read(text):
    assert validate(text, max_chars=1000) == text


def test_decode_refuses_binary_and_non_utf8():
    with pytest.raises(InputError, match="binary"):
        decode(b"%PDF-1.7\x00\x00\x01", name="report.pdf")
    with pytest.raises(InputError, match="not UTF-8"):
        decode("Caf\u00e9 owners said 30 jobs".encode("latin-1"), name="a.txt")
    assert decode("\ufeffHello".encode("utf-8")) == "Hello"


def test_text_hash_ignores_spacing_case_and_quote_style():
    a = "At least 14 people were killed, officials said “today”."
    b = "at least 14  people were killed,\nofficials said \"today\"."
    assert text_hash(a) == text_hash(b)
    assert text_hash(a) != text_hash(a.replace("14", "15"))


def test_a_dateline_is_no_part_of_the_first_sentence():
    from bot.engine.text import prepare

    for opening in ("ORRVILLE — ", "ORRVILLE, June 3 (Valley Wire) - ", "PORT ANSEL (KVRX) -- "):
        text = f"Headline here\n\n{opening}The council said 40 homes were flooded."
        body = prepare(text, max_chars=10_000).lines[1]
        assert body.text == "The council said 40 homes were flooded."
        assert text[body.start:].startswith("The council")
    # a short capitalised word before a dash is a phrase, not a dateline
    kept = prepare("Headline\n\nUS - Orrland talks resumed on Monday.", max_chars=10_000).lines[1]
    assert kept.text.startswith("US - Orrland")


@pytest.mark.parametrize(("headline", "label", "clause"), [
    ("Police: Boy hurt in Elm Street crash", "Police", "Boy hurt in Elm Street crash"),
    ("Dunmore sheriff: 3 hikers missing on ridge", "Dunmore sheriff", "3 hikers missing on ridge"),
    ("BREAKING: Ferry runs aground off Quellport", None, "Ferry runs aground off Quellport"),
    # no label: a colon inside the clause, or too little after it
    ("Ferry runs aground off Quellport: 40 rescued", None, "Ferry runs aground off Quellport: 40 rescued"),
    ("Vote: 12 to 3", None, "Vote: 12 to 3"),
])
def test_a_headline_label_is_read_apart(headline, label, clause):
    text = f"{headline}\n\nThe body of the story follows here."
    prep = prepare(text, max_chars=10_000)
    line = prep.lines[0]
    assert (line.label, line.text) == (label, clause)
    assert text[line.start:].startswith(clause)
    assert prep.title == headline  # the title is the whole line


def test_an_article_read_once_is_prepared_once(engine, monkeypatch):
    from bot.engine import pipeline

    calls = []
    real = pipeline.prepare
    monkeypatch.setattr(pipeline, "prepare", lambda text, **kw: calls.append(text) or real(text, **kw))
    article = engine.read("Flood toll rises\n\nAt least 12 people died in the floods, officials said.")
    claims = engine.extract(article)
    assert [c.figure.low for c in claims] == [12]
    assert len(calls) == 1
    # an article made elsewhere (a fetched page) is prepared when it is read for claims
    engine.extract(replace(article, prepared=None))
    assert len(calls) == 2

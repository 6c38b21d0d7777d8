"""Export and import: every field survives a round trip; ClaimReview is what fact-checkers publish."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from bot.engine.errors import InputError
from bot.engine.protocol import Actor
from bot.engine.types import Claim, ClaimStatus, Figure, SourceInfo
from bot.exchange import (
    CLAIM_KEY,
    CSV_COLUMNS,
    ExportTooLarge,
    export_claims,
    export_file,
    export_text,
    import_document,
    items_of,
    load_document,
    reviews_in,
    status_from_rating,
)
from storage import open_store

DESK = Actor(name="maria", user_id=42, is_moderator=True)
WS = "guild-7"


def flood_claims() -> list[Claim]:
    first = Claim(
        sentence="At least 40 people were killed when the river burst its banks, the regional governor said.",
        figure=Figure(text="At least 40", low=40, high=None, qualifier="at least", approx=False, unit="people"),
        measure="killed",
        subject="people in the river valley",
        claimant="the regional governor",
        claimant_chain=("Valley Radio", "the regional governor"),
        location="Marrow Valley",
        date=date(2026, 1, 9),
        period=None,
        start=0, end=92, figure_start=0, figure_end=11,
        subject_terms=("river", "valley", "people"),
        entities=("marrow valley",),
    )
    second = Claim(
        sentence="Repairs will cost about 12.5 million euros, officials estimated.",
        figure=Figure(text="about 12.5 million euros", low=12.5e6, high=12.5e6, qualifier="about", approx=True,
                      unit="EUR"),
        measure="cost",
        subject="flood repairs",
        claimant="officials",
        claimant_chain=("officials",),
        period="2 years",
        start=93, end=160, figure_start=112, figure_end=136,
        subject_terms=("flood", "repair"),
    )
    return [first, second]


def sources() -> list[SourceInfo]:
    return [
        SourceInfo(workspace=WS, url="https://valley.example/flood", title="River bursts its banks",
                   outlet="Valley Radio", author="Ana Ruiz", published=date(2026, 1, 10), text_hash="a" * 64),
        SourceInfo(workspace=WS, path=None, title="Pasted update", outlet=None, text_hash="b" * 64,
                   guild_id=7, channel_id=8, message_id=9, message_link="https://discord.com/channels/7/8/9",
                   poster="tom", poster_id=11, posted_at=datetime(2026, 1, 12, 8, 30, tzinfo=UTC)),
    ]


@pytest.fixture
async def store(settings):
    s = await open_store(settings.db, settings)
    yield s
    await s.close()


@pytest.fixture
async def empty_store(settings, tmp_path):
    s = await open_store(str(tmp_path / "other.db"), settings)
    yield s
    await s.close()


async def fill(store) -> list[int]:
    """Two sources, four claims, four statuses."""
    [a, b] = sources()
    first = await store.add_article(a, flood_claims())
    second = await store.add_article(b, [flood_claims()[0], flood_claims()[1]])
    ids = [sc.id for sc in first.claims + second.claims]
    await store.set_status(WS, ids[0], ClaimStatus.CONFIRMED, DESK, "two sources")
    await store.set_status(WS, ids[1], ClaimStatus.DISPUTED, DESK, "the ministry says 9 million")
    await store.set_status(WS, ids[3], ClaimStatus.NOT_A_CLAIM, DESK, "a forecast")
    return ids


def without_ids(records: list[dict]) -> list[dict]:
    """Records with what a new store assigns (ids, stored-at times) left out."""
    out = []
    for r in records:
        r = json.loads(json.dumps(r))
        r.pop("id"), r.pop("created_at")
        r["source"].pop("id"), r["source"].pop("stored_at")
        out.append(r)
    return out


async def test_json_round_trip_keeps_every_field(store, empty_store):
    await fill(store)
    first, n = await export_text(store, WS, "json")
    assert n == 4
    doc = json.loads(first)
    assert doc["format"] == "crosscheck-export"
    assert doc["workspace"] == WS
    record = doc["claims"][0]
    assert record["status"] == "confirmed"
    assert record["claim"]["claimant_chain"] == ["Valley Radio", "the regional governor"]
    assert record["claim"]["figure"] == {"text": "At least 40", "low": 40, "high": None, "qualifier": "at least",
                                         "approx": False, "unit": "people"}
    assert record["source"]["outlet"] == "Valley Radio"
    assert record["source"]["text_hash"] == "a" * 64

    summary = await import_document(empty_store, load_document(first), workspace=WS, actor=DESK)
    assert (summary.sources_created, summary.claims) == (2, 4)
    assert summary.statuses == {"confirmed": 1, "disputed": 1, "unreviewed": 1, "not_a_claim": 1}
    again, _ = await export_text(empty_store, WS, "json")
    assert without_ids(json.loads(again)["claims"]) == without_ids(doc["claims"])


async def test_claimreview_export_is_schema_org_and_round_trips(store, empty_store):
    await fill(store)
    text, n = await export_text(store, WS, "claimreview", newsroom="The Valley Desk", today=date(2026, 2, 1))
    assert n == 2  # confirmed and disputed only
    doc = json.loads(text)
    assert doc["@context"][0] == "https://schema.org"
    confirmed, disputed = doc["@graph"]
    assert confirmed["@type"] == "ClaimReview"
    assert confirmed["claimReviewed"] == flood_claims()[0].sentence
    assert confirmed["author"] == {"@type": "Organization", "name": "The Valley Desk"}
    assert confirmed["datePublished"] == "2026-02-01"
    assert confirmed["reviewRating"] == {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                                         "alternateName": "Confirmed"}
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    assert disputed["reviewRating"]["ratingValue"] == 1
    item = confirmed["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "the regional governor"}
    assert item["datePublished"] == "2026-01-10"
    assert item["appearance"] == [{
        "@type": "CreativeWork", "url": "https://valley.example/flood", "headline": "River bursts its banks",
        "publisher": {"@type": "Organization", "name": "Valley Radio"},
        "author": {"@type": "Person", "name": "Ana Ruiz"}, "datePublished": "2026-01-10",
    }]
    assert confirmed[CLAIM_KEY]["claim"]["figure"]["low"] == 40

    summary = await import_document(empty_store, doc, workspace=WS, actor=DESK)
    assert summary.claims == 2
    assert summary.statuses == {"confirmed": 1, "disputed": 1}
    again, _ = await export_text(empty_store, WS, "claimreview", newsroom="The Valley Desk", today=date(2026, 2, 1))
    graph = json.loads(again)["@graph"]
    for review in graph + doc["@graph"]:
        review[CLAIM_KEY] = without_ids([review[CLAIM_KEY]])[0]
    assert graph == doc["@graph"]


async def test_a_second_import_of_the_same_sources_stores_nothing(store, empty_store):
    await fill(store)
    text, _ = await export_text(store, WS, "json")
    await import_document(empty_store, load_document(text), workspace=WS, actor=DESK)
    again = await import_document(empty_store, load_document(text), workspace=WS, actor=DESK)
    assert (again.claims, again.sources_existing) == (0, 2)
    assert await empty_store.count_claims(WS) == 4


async def test_csv_has_every_field_in_a_column(store):
    ids = await fill(store)
    text, n = await export_text(store, WS, "csv", statuses=[ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED])
    assert n == 2
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = rows[0]
    assert first["claim_id"] == str(ids[0])
    assert first["status"] == "confirmed"
    assert (first["low"], first["high"], first["qualifier"], first["unit"]) == ("40", "", "at least", "people")
    assert json.loads(first["claimant_chain"]) == ["Valley Radio", "the regional governor"]
    assert json.loads(first["entities"]) == ["marrow valley"]
    assert first["url"] == "https://valley.example/flood"
    assert first["published"] == "2026-01-10"
    assert rows[1]["figure_text"] == "about 12.5 million euros"
    assert rows[1]["low"] == "12500000"


async def test_csv_quotes_article_text_that_a_spreadsheet_would_run(store):
    source = SourceInfo(workspace=WS, url="https://evil.example/x", title="=HYPERLINK(\"https://evil.example\")",
                        outlet="+cmd|' /C calc'!A0", author="@SUM(1+1)", text_hash="c" * 64)
    claim = Claim(
        sentence="-2+3 people were hurt, police said.",
        figure=Figure(text="-5", low=-5.0, high=-5.0, unit="people"),
        measure="injured", subject="\tpeople", claimant="\rpolice", claimant_chain=("police",),
        start=0, end=36, figure_start=0, figure_end=2,
    )
    await store.add_article(source, [claim])
    text, _ = await export_text(store, WS, "csv")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\")"
    assert row["outlet"] == "'+cmd|' /C calc'!A0"
    assert row["author"] == "'@SUM(1+1)"
    assert row["sentence"] == "'-2+3 people were hurt, police said."
    assert (row["figure_text"], row["subject"], row["claimant"]) == ("'-5", "'\tpeople", "'\rpolice")
    assert row["low"] == "-5"
    assert row["high"] == "-5"
    assert row["url"] == "https://evil.example/x"
    # JSON is left exactly as stored
    doc = json.loads((await export_text(store, WS, "json"))[0])
    assert doc["claims"][0]["source"]["title"] == "=HYPERLINK(\"https://evil.example\")"
    assert doc["claims"][0]["claim"]["sentence"].startswith("-2+3")


@pytest.mark.parametrize("fmt", ["csv", "json", "claimreview"])
async def test_export_file_is_the_streamed_export_as_bytes(store, fmt):
    await fill(store)
    data, n = await export_file(store, WS, fmt, limit=25 * 1024 * 1024, today=date(2026, 2, 1))
    text, m = await export_text(store, WS, fmt, today=date(2026, 2, 1))
    assert n == m
    assert n > 0
    if fmt == "json":  # exported_at differs by a few microseconds
        assert json.loads(data)["claims"] == json.loads(text)["claims"]
    else:
        assert data == text.encode("utf-8")


async def test_export_file_stops_once_past_the_upload_limit(store, monkeypatch):
    await fill(store)
    threads = []
    real = asyncio.to_thread

    async def spy(fn, *args, **kwargs):
        threads.append(fn.__name__)
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(asyncio, "to_thread", spy)
    with pytest.raises(ExportTooLarge) as info:
        await export_file(store, WS, "csv", limit=600)
    assert str(info.value) == (
        "The export is larger than Discord allows (0.6 KB). Use crosscheck export on the server, or filter by status."
    )
    assert threads == ["_serialise"]  # serialised and encoded off the event loop
    assert str(ExportTooLarge(25 * 1024 * 1024)).startswith("The export is larger than Discord allows (25 MB).")


async def test_export_writes_to_a_stream_and_refuses_unknown_formats(store):
    await fill(store)
    buf = io.StringIO()
    assert await export_claims(store, WS, "json", buf, statuses=[ClaimStatus.NOT_A_CLAIM]) == 1
    assert [r["status"] for r in json.loads(buf.getvalue())["claims"]] == ["not_a_claim"]
    with pytest.raises(InputError):
        await export_claims(store, WS, "xml", io.StringIO())
    with pytest.raises(InputError):
        await export_claims(store, WS, "claimreview", io.StringIO(), statuses=[ClaimStatus.RETRACTED])


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        ({"alternateName": "True"}, ClaimStatus.CONFIRMED),
        ({"alternateName": "Correct"}, ClaimStatus.CONFIRMED),
        ({"alternateName": "Accurate"}, ClaimStatus.CONFIRMED),
        ({"alternateName": "False"}, ClaimStatus.DISPUTED),
        ({"alternateName": "Misleading"}, ClaimStatus.DISPUTED),
        ({"alternateName": "Incorrect"}, ClaimStatus.DISPUTED),
        ({"alternateName": "Not true"}, ClaimStatus.DISPUTED),
        ({"alternateName": "Mostly false"}, ClaimStatus.DISPUTED),
        ({"alternateName": "Half true"}, ClaimStatus.UNREVIEWED),
        ({"alternateName": "Needs context"}, ClaimStatus.UNREVIEWED),
        ({"ratingValue": "False"}, ClaimStatus.DISPUTED),
        ({"ratingValue": 5, "bestRating": 5, "worstRating": 1}, ClaimStatus.CONFIRMED),
        ({"ratingValue": "1", "bestRating": "5", "worstRating": "1"}, ClaimStatus.DISPUTED),
        ({"ratingValue": 3, "bestRating": 5, "worstRating": 1}, ClaimStatus.UNREVIEWED),
        ({}, ClaimStatus.UNREVIEWED),
        (None, ClaimStatus.UNREVIEWED),
    ],
)
def test_status_from_rating(rating, status):
    assert status_from_rating(rating) is status


def test_reviews_are_found_in_every_json_ld_shape():
    review = {"@type": "ClaimReview", "claimReviewed": "x"}
    assert reviews_in(review) == [review]
    assert reviews_in([review, {"@type": "WebPage"}, review]) == [review, review]
    assert reviews_in({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, review]}) == [review]
    feed = {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [review]}]}
    assert reviews_in(feed) == [review]
    assert reviews_in({"@type": ["ClaimReview", "Thing"]}) == [{"@type": ["ClaimReview", "Thing"]}]


def test_files_that_are_not_exports_are_refused_with_a_sentence():
    with pytest.raises(InputError, match="not valid JSON"):
        load_document(b"{nope")
    with pytest.raises(InputError, match="No ClaimReview"):
        items_of({"@type": "WebPage"}, workspace=WS)
    with pytest.raises(InputError, match="lacks its claim"):
        items_of({"format": "crosscheck-export", "claims": [{"status": "confirmed"}]}, workspace=WS)


FOREIGN = {
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": "ClaimReview",
            "url": "https://factcheck.example/reviews/flood-toll",
            "claimReviewed": "At least 400 people died in the Marrow Valley flood, a viral post claimed.",
            "author": {"@type": "Organization", "name": "Other Fact Desk"},
            "datePublished": "2026-01-15",
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                             "alternateName": "False"},
            "itemReviewed": {"@type": "Claim", "datePublished": "2026-01-14",
                             "appearance": [{"@type": "CreativeWork", "url": "https://social.example/post/1",
                                             "headline": "Viral flood post"}]},
        },
        {
            "@type": "ClaimReview",
            "claimReviewed": "The governor visited the valley on Tuesday.",
            "reviewRating": {"@type": "Rating", "alternateName": "Correct"},
            "itemReviewed": {"@type": "Claim", "appearance": {"url": "https://news.example/visit"}},
        },
    ],
}


@pytest.mark.slow
async def test_fact_checks_from_elsewhere_are_read_by_the_engine(store, nlp):
    from bot.engine.worker import NlpWorker
    from tests.helpers import make_engine

    worker = NlpWorker(make_engine(nlp))

    async def extract(text, info):
        return await worker.extract(await worker.read(text, info))

    try:
        summary = await import_document(store, FOREIGN, workspace=WS, actor=DESK, extract=extract)
    finally:
        worker.close()
    assert summary.reviews == 2
    assert summary.without_figures == 1
    assert (summary.sources_created, summary.claims) == (1, 1)
    [sc] = [sc async for sc in store.iter_claims(WS)]
    assert sc.status is ClaimStatus.DISPUTED
    assert (sc.claim.figure.low, sc.claim.figure.high, sc.claim.measure) == (400, None, "killed")
    assert sc.source.info.url == "https://social.example/post/1"
    assert sc.source.info.title == "Viral flood post"
    assert sc.source.info.published == date(2026, 1, 14)
    with pytest.raises(InputError, match="needs the engine"):
        await import_document(store, FOREIGN, workspace=WS, actor=DESK)


def test_cli_export_then_import_into_another_store(settings, tmp_path, monkeypatch):
    import asyncio

    from bot.cli import app

    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout

    async def seed() -> None:
        s = await open_store(settings.db, settings)
        try:
            await fill(s)
        finally:
            await s.close()

    asyncio.run(seed())
    runner = CliRunner()
    out = tmp_path / "claims.json"
    result = runner.invoke(app, ["export", "--db", settings.db, "--workspace", WS, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text())["claims"]) == 4
    other = str(tmp_path / "imported.db")
    result = runner.invoke(app, ["import", str(out), "--db", other, "--workspace", WS])
    assert result.exit_code == 0, result.output
    assert "4 claims imported from 2 new sources" in result.output
    result = runner.invoke(app, ["export", "--db", other, "--workspace", WS, "--format", "csv",
                                 "--status", "confirmed,disputed"])
    assert result.exit_code == 0
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == 2
    bad = runner.invoke(app, ["export", "--db", other, "--status", "wrong"])
    assert bad.exit_code == 2
    assert "Unknown status 'wrong'" in bad.output

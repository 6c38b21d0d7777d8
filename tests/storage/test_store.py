"""The claim store, against every backend available (SQLite always; PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
import importlib
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

import storage
from bot.engine.errors import NotFound, PermissionDenied, StoreUnavailable
from bot.engine.protocol import Actor, ClaimStore
from bot.engine.types import Claim, ClaimStatus, Figure
from storage.migrate import current_version, load_migrations, migrate
from storage.sqlite import SQLiteDriver
from tests.pg_helpers import pg_skip_reason
from tests.store_fixtures import full_source, make_claim, make_source

MOD = Actor("Desk editor", user_id=42, is_moderator=True)
REPORTER = Actor("Reporter", user_id=7, is_moderator=False)
LATEST = len(load_migrations("sqlite"))


# -- fixtures -------------------------------------------------------------------------


def _postgres_url() -> str:
    url = os.environ.get("CROSSCHECK_TEST_PG_URL")
    reason = pg_skip_reason(url)
    if reason:
        pytest.skip(reason)
    return url


#: The stores the protocol suites run on; SQL_BACKENDS for what only a database does (its driver,
#: schema, triggers and files). Each suite's ``store`` fixture runs every test on each.
BACKENDS = ["sqlite", "postgres", "memory"]
SQL_BACKENDS = ["sqlite", "postgres"]


@asynccontextmanager
async def empty_store_url(backend: str, tmp_path) -> AsyncIterator[str]:
    """A URL for an empty store on ``backend``.

    PostgreSQL: ``storage.postgres.scratch_database(url)`` is an async context
    manager yielding a URL for a fresh schema that it drops afterwards. Memory:
    every ``open_store("memory://")`` is a new, empty store.
    """
    if backend == "sqlite":
        yield str(tmp_path / "claims.db")
    elif backend == "memory":
        yield "memory://"
    else:
        postgres = importlib.import_module("storage.postgres")
        async with postgres.scratch_database(_postgres_url()) as scratch_url:
            yield scratch_url


@pytest.fixture(params=BACKENDS)
async def store_url(request, tmp_path):
    async with empty_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def store(store_url, settings):
    st = await storage.open_store(store_url, settings)
    yield st
    await st.close()


@pytest.fixture(params=SQL_BACKENDS)
async def sql_store_url(request, tmp_path):
    async with empty_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def sql_store(sql_store_url, settings):
    """A store in a database (SQLite, PostgreSQL): for tests of what only a database does."""
    st = await storage.open_store(sql_store_url, settings)
    yield st
    await st.close()


@pytest.fixture
async def small_cap_store(store_url, settings):
    st = await storage.open_store(store_url, settings, postings_cap=3, lead_depth=0)
    yield st
    await st.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "claims.db"


@pytest.fixture
async def sqlite_store(db_path, settings):
    st = await storage.open_store(str(db_path), settings)
    yield st
    await st.close()


def _raw(path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


# -- the protocol -----------------------------------------------------------------------


async def test_store_follows_the_protocol(store):
    assert isinstance(store, ClaimStore)


async def test_every_field_round_trips(store):
    info = full_source()
    claim = Claim(
        sentence="Around 1,200 homes were flooded in the valley on Monday, the fire service said.",
        figure=Figure(text="around 1,200", low=1200.0, high=1200.5, qualifier="around", approx=True, unit="count"),
        measure="flooded",
        subject="homes in the valley",
        claimant="the fire service",
        claimant_chain=("the regional paper", "the fire service"),
        location="Valley Town",
        date=date(2024, 3, 4),
        period="24 hours",
        start=101,
        end=180,
        figure_start=108,
        figure_end=120,
        subject_terms=("home", "valley", "home"),
        entities=("Valley Town", "Fire Service"),
    )
    other = make_claim(("pump",), measure="deployed", unit="count", low=None, high=40)
    result = await store.add_article(info, [claim, other])

    assert result.created
    assert [sc.claim for sc in result.claims] == [claim, other]
    stored_source = await store.get_source("guild-9", result.source.id)
    assert stored_source == result.source
    assert stored_source.info == info
    assert stored_source.info.posted_at.tzinfo == UTC
    assert stored_source.created_at.tzinfo == UTC

    first = await store.get_claim("guild-9", result.claims[0].id)
    assert first.claim == claim
    assert first.source == stored_source
    assert first.status is ClaimStatus.UNREVIEWED
    assert first.created_at == result.claims[0].created_at
    assert first.created_at.tzinfo == UTC

    listed = await store.claims_of_source("guild-9", result.source.id)
    assert [sc.claim for sc in listed] == [claim, other]
    assert listed[1].claim.figure.low is None
    assert listed[1].claim.figure.high == 40


async def test_naive_posted_at_is_taken_as_utc(store):
    info = make_source(posted_at=datetime(2024, 1, 1, 9, 0))  # noqa: DTZ001 - a naive time is the input under test
    result = await store.add_article(info, [])
    stored = await store.get_source(info.workspace, result.source.id)
    assert stored.info.posted_at == datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


async def test_get_missing_ids_name_what_to_do(store):
    with pytest.raises(NotFound, match=r"No claim #42 in this server\. Use /sources to find claim ids\."):
        await store.get_claim("guild-1", 42)
    with pytest.raises(NotFound, match=r"No source #7 in this server"):
        await store.get_source("guild-1", 7)


# -- duplicates ---------------------------------------------------------------------------


async def test_same_text_hash_is_stored_once(store):
    info = make_source()
    first = await store.add_article(info, [make_claim(("miner",)), make_claim(("rescuer",))])
    again = await store.add_article(
        replace(info, url="https://mirror.example/copy", title="Copy"), [make_claim(("other",))]
    )
    assert not again.created
    assert again.source == first.source
    assert again.source.created_at == first.source.created_at  # when it was first seen
    assert [sc.id for sc in again.claims] == [sc.id for sc in first.claims]
    assert [sc.claim for sc in again.claims] == [sc.claim for sc in first.claims]
    assert await store.count_claims(info.workspace) == 2


async def test_same_url_is_stored_once(store):
    info = make_source()
    first = await store.add_article(info, [make_claim()])
    again = await store.add_article(replace(info, text_hash="0" * 64), [make_claim(), make_claim()])
    assert not again.created
    assert again.source.id == first.source.id
    assert len(again.claims) == 1
    assert await store.find_source(info.workspace, url=info.url) == first.source
    assert await store.find_source(info.workspace, text_hash=info.text_hash) == first.source


async def test_articles_without_hash_or_url_are_not_merged(store):
    a = await store.add_article(make_source(url=None, text_hash=""), [make_claim()])
    b = await store.add_article(make_source(url=None, text_hash=""), [make_claim()])
    assert a.created
    assert b.created
    assert a.source.id != b.source.id
    assert await store.find_source("guild-1") is None


async def test_concurrent_ingests_of_one_article_store_it_once(store):
    info = make_source()
    results = await asyncio.gather(*(store.add_article(info, [make_claim()]) for _ in range(8)))
    assert sum(r.created for r in results) == 1
    assert len({r.source.id for r in results}) == 1
    assert await store.count_claims(info.workspace) == 1


async def test_failed_write_leaves_nothing_half_written(store):
    info = make_source()
    good = make_claim(("miner",))
    bad = replace(make_claim(("rescuer",)), start=50, end=10)  # a sentence ending before it starts
    # the driver's own constraint error (sqlite3 or asyncpg), so nothing narrower fits both backends
    with pytest.raises(Exception) as caught:  # noqa: PT011
        await store.add_article(info, [good, bad])
    assert not isinstance(caught.value, (NotFound, PermissionDenied))
    assert await store.find_source(info.workspace, text_hash=info.text_hash) is None
    assert await store.count_claims(info.workspace) == 0
    assert await store.candidates(info.workspace, measure="trapped", units=["people"], terms=["miner"]) == []
    # The hash was not consumed: the article can be stored once fixed.
    fixed = await store.add_article(info, [good])
    assert fixed.created
    assert len(fixed.claims) == 1


# -- workspaces -------------------------------------------------------------------------------


async def test_nothing_crosses_workspaces(store):
    info_a = make_source("guild-a")
    info_b = replace(info_a, workspace="guild-b")  # the very same article in another server
    a = await store.add_article(info_a, [make_claim(("miner",))])
    b = await store.add_article(info_b, [make_claim(("miner",)), make_claim(("miner", "rescuer"))])
    assert a.created
    assert b.created
    assert a.source.id != b.source.id
    await store.add_watch("guild-a", 100, MOD)
    await store.set_status("guild-a", a.claims[0].id, ClaimStatus.CONFIRMED, MOD, "checked")

    assert await store.count_claims("guild-a") == 1
    assert await store.count_claims("guild-b") == 2
    assert await store.count_claims("guild-c") == 0
    assert (await store.find_source("guild-b", text_hash=info_a.text_hash)).id == b.source.id
    assert await store.find_source("guild-c", url=info_a.url) is None
    with pytest.raises(NotFound):
        await store.get_source("guild-b", a.source.id)
    with pytest.raises(NotFound):
        await store.get_claim("guild-b", a.claims[0].id)
    assert await store.claims_of_source("guild-b", a.source.id) == []
    cands = await store.candidates("guild-b", measure="trapped", units=["people"], terms=["miner"])
    assert {sc.id for sc in cands} == {sc.id for sc in b.claims}
    assert all(sc.source.info.workspace == "guild-b" for sc in cands)
    found = await store.search_claims("guild-a", terms=["miner"])
    assert [sc.id for sc in found] == [a.claims[0].id]
    assert await store.list_watches("guild-b") == []
    assert [w.channel_id for w in await store.list_watches("guild-a")] == [100]
    assert await store.remove_watch("guild-b", 100, MOD) is False
    with pytest.raises(NotFound):
        await store.set_status("guild-b", a.claims[0].id, ClaimStatus.DISPUTED, MOD, "wrong server")
    assert (await store.get_claim("guild-a", a.claims[0].id)).status is ClaimStatus.CONFIRMED
    assert [e.action for e in await store.audit_entries("guild-b")] == []


# -- retrieval -----------------------------------------------------------------------------------


async def test_candidates_rank_by_shared_terms_then_newest(store):
    one_old = await store.add_article(make_source(), [make_claim(("miner",))])
    two = await store.add_article(make_source(), [make_claim(("miner", "shaft"))])
    one_new = await store.add_article(make_source(), [make_claim(("shaft",))])
    three = await store.add_article(make_source(), [make_claim(("miner",), entities=("Shaft", "Deepvale"))])
    unrelated = await store.add_article(make_source(), [make_claim(("pilot",))])

    got = await store.candidates(
        "guild-1", measure="trapped", units=["people"], terms=["miner", "shaft", "Deepvale"]
    )
    ids = [sc.id for sc in got]
    # "three" shares miner + Deepvale (entities count as terms), "two" miner + shaft.
    assert ids == [three.claims[0].id, two.claims[0].id, one_new.claims[0].id, one_old.claims[0].id]
    assert unrelated.claims[0].id not in ids
    limited = await store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner", "shaft"], limit=2)
    assert [sc.id for sc in limited] == [two.claims[0].id, three.claims[0].id]


async def test_candidates_filter_measure_unit_and_source(store):
    own = await store.add_article(make_source(), [make_claim(("reservoir",), measure="area", unit="km2")])
    km2 = await store.add_article(make_source(), [make_claim(("reservoir",), measure="area", unit="km2")])
    acres = await store.add_article(make_source(), [make_claim(("reservoir",), measure="area", unit="acre")])
    usd = await store.add_article(make_source(), [make_claim(("reservoir",), measure="area", unit="USD")])
    depth = await store.add_article(make_source(), [make_claim(("reservoir",), measure="depth", unit="km2")])

    got = await store.candidates(
        "guild-1", measure="area", units=["km2", "acre", "ha"], terms=["reservoir"],
        exclude_source_id=own.source.id,
    )
    assert [sc.id for sc in got] == [acres.claims[0].id, km2.claims[0].id]
    assert usd.claims[0].id not in {sc.id for sc in got}
    assert depth.claims[0].id not in {sc.id for sc in got}
    assert await store.candidates("guild-1", measure="area", units=[], terms=["reservoir"]) == []
    assert await store.candidates("guild-1", measure="area", units=["km2"], terms=[]) == []


async def test_common_terms_read_only_their_newest_postings(small_cap_store):
    st = small_cap_store  # postings_cap=3
    rare = await st.add_article(make_source(), [make_claim(("soldier", "bridge"))])
    common = []
    for _ in range(6):
        common.append(await st.add_article(make_source(), [make_claim(("soldier",))]))
    got = await st.candidates("guild-1", measure="trapped", units=["people"], terms=["soldier", "bridge"])
    ids = [sc.id for sc in got]
    # The rare term still finds its old claim; the common one brings only its 3 newest.
    assert ids[0] == rare.claims[0].id
    assert ids[1:] == [r.claims[0].id for r in reversed(common[-3:])]


async def test_two_common_terms_are_found_together_beyond_the_cap(store_url, settings):
    async with await storage.open_store(store_url, settings, postings_cap=2, lead_depth=10) as st:
        both = await st.add_article(make_source(), [make_claim(("ukrainian", "soldier"))])
        for _ in range(3):
            await st.add_article(make_source(), [make_claim(("soldier",))])
        for _ in range(3):
            await st.add_article(make_source(), [make_claim(("ukrainian",))])
        got = await st.candidates("guild-1", measure="trapped", units=["people"], terms=["ukrainian", "soldier"])
        # Both terms fill their cap of 2; the sparser one ("soldier") leads and is read
        # deeper, so the old claim sharing both is found, and ranks first.
        assert got[0].id == both.claims[0].id
        st.lead_depth = 0  # no term read deeper: the old claim is beyond both caps
        got = await st.candidates("guild-1", measure="trapped", units=["people"], terms=["ukrainian", "soldier"])
        assert len(got) == 4
        assert both.claims[0].id not in {sc.id for sc in got}


async def test_candidates_many_answers_like_candidates(store):
    from storage.store import CandidateQuery

    await store.add_article(make_source(), [make_claim(("miner", "shaft")), make_claim(("pump",), unit="count")])
    await store.add_article(make_source(), [make_claim(("miner",)), make_claim(("pump", "shaft"), unit="count")])
    queries = [
        CandidateQuery("trapped", ("people",), ("miner", "shaft")),
        CandidateQuery("trapped", ("count",), ("pump",)),
        CandidateQuery("trapped", ("people",), ()),
        CandidateQuery("rescued", ("people",), ("miner",)),
    ]
    many = await store.candidates_many("guild-1", queries, limit=5)
    one_by_one = [
        await store.candidates("guild-1", measure=q.measure, units=q.units, terms=q.terms, limit=5) for q in queries
    ]
    assert many == one_by_one
    assert [len(found) for found in many] == [2, 2, 0, 0]


async def test_candidates_see_status_changes(store):
    result = await store.add_article(make_source(), [make_claim(("miner",))])
    before = await store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner"])
    assert before[0].status is ClaimStatus.UNREVIEWED
    await store.set_status("guild-1", result.claims[0].id, ClaimStatus.RETRACTED, MOD, "wrong figure")
    after = await store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner"])
    assert after[0].status is ClaimStatus.RETRACTED
    assert after[0].claim == before[0].claim


async def test_cached_claims_follow_changes_made_elsewhere(sqlite_store, db_path):
    result = await sqlite_store.add_article(make_source(), [make_claim(("miner",))])
    claim_id = result.claims[0].id
    first = await sqlite_store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner"])
    assert first[0].claim.subject == "miner"
    conn = _raw(db_path)  # another process corrects the claim
    try:
        conn.execute(
            "UPDATE claims SET subject = 'coal miner', updated_at = ? WHERE id = ?",
            (datetime.now(UTC).isoformat(timespec="microseconds"), claim_id),
        )
    finally:
        conn.close()
    again = await sqlite_store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner"])
    assert again[0].claim.subject == "coal miner"
    found = await sqlite_store.search_claims("guild-1", terms=["miner"])
    assert found[0].claim.subject == "coal miner"


async def test_search_pages_newest_first(store):
    made = []
    for day in (3, 1, 5, 2, 4):
        made.append(await store.add_article(make_source(published=date(2024, 6, day)), [make_claim(("ferry",))]))
    undated = await store.add_article(make_source(published=None), [make_claim(("ferry",))])
    await store.add_article(make_source(published=date(2024, 6, 9)), [make_claim(("pilot",))])
    by_measure = await store.add_article(
        make_source(published=date(2024, 6, 8)), [make_claim(("crew",), measure="ferry")]
    )

    pages = [await store.search_claims("guild-1", terms=["ferry"], limit=3, offset=o) for o in (0, 3, 6)]
    days = [[sc.source.info.published for sc in page] for page in pages]
    assert days[0] == [date(2024, 6, 8), date(2024, 6, 5), date(2024, 6, 4)]
    assert days[1] == [date(2024, 6, 3), date(2024, 6, 2), date(2024, 6, 1)]
    assert days[2] == [None]
    assert pages[0][0].id == by_measure.claims[0].id
    assert pages[2][0].id == undated.claims[0].id
    only = await store.search_claims("guild-1", terms=["ferry"], measure="trapped", limit=10)
    assert len(only) == 6
    assert by_measure.claims[0].id not in {sc.id for sc in only}
    assert await store.search_claims("guild-1", terms=["nothing"]) == []
    assert len(made) == 5


# -- watched channels --------------------------------------------------------------------------------


async def test_watches_are_idempotent(store):
    assert await store.add_watch("guild-1", 555, MOD) is True
    other_mod = Actor("Night editor", user_id=8, is_moderator=True)
    assert await store.add_watch("guild-1", 555, other_mod) is False
    assert await store.add_watch("guild-1", 777, other_mod) is True
    watches = await store.list_watches("guild-1")
    assert [(w.channel_id, w.added_by) for w in watches] == [(555, "Desk editor"), (777, "Night editor")]
    assert all(w.workspace == "guild-1" and w.added_at.tzinfo == UTC for w in watches)
    assert await store.remove_watch("guild-1", 555, MOD) is True
    assert await store.remove_watch("guild-1", 555, MOD) is False
    assert [w.channel_id for w in await store.list_watches("guild-1")] == [777]
    actions = [(e.action, e.reason) for e in await store.audit_entries("guild-1")]
    assert actions == [("unwatch", "channel 555"), ("watch", "channel 777"), ("watch", "channel 555")]


# -- curation ------------------------------------------------------------------------------------------


async def test_only_moderators_change_status(store):
    result = await store.add_article(make_source(), [make_claim()])
    claim_id = result.claims[0].id
    with pytest.raises(PermissionDenied) as denied:
        await store.set_status("guild-1", claim_id, ClaimStatus.CONFIRMED, REPORTER, "looks right")
    assert str(denied.value) == (
        "Only moderators can change a claim's status. Ask someone with the moderator role."
    )
    assert (await store.get_claim("guild-1", claim_id)).status is ClaimStatus.UNREVIEWED
    assert await store.audit_entries("guild-1") == []


async def test_status_change_writes_the_audit_log(store):
    result = await store.add_article(make_source(), [make_claim()])
    claim_id = result.claims[0].id
    updated = await store.set_status("guild-1", claim_id, ClaimStatus.DISPUTED, MOD, "  two sources differ ")
    assert updated.status is ClaimStatus.DISPUTED
    assert updated.claim == result.claims[0].claim
    await store.set_status("guild-1", claim_id, ClaimStatus.CONFIRMED, MOD, "")
    assert (await store.get_claim("guild-1", claim_id)).status is ClaimStatus.CONFIRMED

    entries = await store.audit_entries("guild-1", claim_id=claim_id)
    assert [(e.old_status, e.new_status, e.reason) for e in entries] == [
        (ClaimStatus.DISPUTED, ClaimStatus.CONFIRMED, None),
        (ClaimStatus.UNREVIEWED, ClaimStatus.DISPUTED, "two sources differ"),
    ]
    assert all(e.actor == "Desk editor" and e.actor_id == 42 and e.action == "set_status" for e in entries)
    assert entries[0].at >= entries[1].at
    with pytest.raises(NotFound):
        await store.set_status("guild-1", 9999, ClaimStatus.CONFIRMED, MOD, "no such claim")


async def test_audit_log_cannot_be_deleted_or_rewritten(sqlite_store, db_path):
    result = await sqlite_store.add_article(make_source(), [make_claim()])
    await sqlite_store.set_status("guild-1", result.claims[0].id, ClaimStatus.CONFIRMED, MOD, "ok")
    conn = _raw(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET reason = 'edited'")
        assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 1
    finally:
        conn.close()


# -- SQLite specifics ----------------------------------------------------------------------------------------


async def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_store, db_path):
    conn = _raw(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    pragmas = await sqlite_store.driver.read(
        lambda ex: ex.fetchall("SELECT * FROM pragma_foreign_keys, pragma_busy_timeout, pragma_query_only")
    )
    assert tuple(pragmas[0]) == (1, 5000, 1)  # readers are read-only
    with pytest.raises(sqlite3.IntegrityError):  # a claim of no source
        await sqlite_store.driver.write(
            lambda ex: ex.execute(
                "INSERT INTO claims (workspace, source_id, sentence, \"start\", \"end\", figure_start, figure_end,"
                " figure_text, unit, measure, subject, created_at) VALUES ('w', 999, 's', 0, 1, 0, 1, '1',"
                " 'people', 'killed', 'x', '2024-01-01')"
            )
        )


async def test_migrates_a_version_1_database_in_place(db_path, settings):
    driver = await SQLiteDriver.open(db_path, timeout=5)
    try:
        assert await migrate(driver, target=1) == 1
    finally:
        await driver.close()
    conn = _raw(db_path)
    try:
        conn.execute(
            "INSERT INTO sources (id, workspace, url, text_hash, published, created_at)"
            " VALUES (1, 'guild-1', 'https://old.example/a', 'abc', '2023-12-01', '2023-12-01T10:00:00.000000+00:00')"
        )
        conn.execute(
            'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end,'
            " figure_text, low, high, approx, unit, measure, subject, created_at) VALUES (1, 'guild-1', 1,"
            " 'Nine climbers were missing.', 0, 27, 0, 4, 'Nine', 9, 9, 0, 'people', 'missing', 'climbers',"
            " '2023-12-01T10:00:00.000000+00:00')"
        )
        conn.execute(
            "INSERT INTO claim_terms VALUES (1, 'guild-1', 'missing', 'people', 'subject', 0, 'climber')"
        )
        with pytest.raises(sqlite3.OperationalError):  # not there yet at version 1
            conn.execute("SELECT status FROM claims")
    finally:
        conn.close()

    async with await storage.open_store(str(db_path), settings) as st:
        assert await current_version(st.driver) == LATEST
        old = await st.get_claim("guild-1", 1)
        assert old.claim.subject_terms == ("climber",)
        assert old.status is ClaimStatus.UNREVIEWED
        assert old.source.info.published == date(2023, 12, 1)
        assert old.created_at == datetime(2023, 12, 1, 10, tzinfo=UTC)
        changed = await st.set_status("guild-1", 1, ClaimStatus.CONFIRMED, MOD, "upgraded")
        assert changed.status is ClaimStatus.CONFIRMED
        assert len(await st.audit_entries("guild-1")) == 1
        again = await st.add_article(make_source(url="https://old.example/a"), [make_claim()])
        assert not again.created
        assert again.source.id == 1
    conn = _raw(db_path)
    try:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        updated_at = conn.execute("SELECT updated_at FROM claims WHERE id = 1").fetchone()[0]
    finally:
        conn.close()
    assert versions == list(range(1, LATEST + 1))
    assert updated_at is not None


async def test_reopening_applies_nothing_twice(db_path, settings):
    async with await storage.open_store(str(db_path), settings) as st:
        await st.add_article(make_source(), [make_claim()])
    async with await storage.open_store(f"sqlite:///{db_path}", settings) as st:
        assert await st.count_claims("guild-1") == 1
        assert await current_version(st.driver) == LATEST


async def test_a_newer_schema_is_refused(db_path, settings):
    async with await storage.open_store(str(db_path), settings):
        pass
    conn = _raw(db_path)
    try:
        conn.execute("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01')")
    finally:
        conn.close()
    with pytest.raises(StoreUnavailable, match="newer than this crosscheck knows"):
        await storage.open_store(str(db_path), settings)


@pytest.mark.parametrize(
    ("make_path", "reason"),
    [
        (lambda tmp: tmp / "a-file" / "claims.db", "is not a directory"),
        (lambda tmp: tmp / "missing" / "claims.db", "does not exist"),
        (lambda tmp: tmp, "it is a directory"),
        (lambda tmp: tmp / "notes.db", "not a SQLite database"),
    ],
)
async def test_unusable_paths_say_what_to_do(tmp_path, settings, make_path, reason):
    (tmp_path / "a-file").write_text("not a directory")
    (tmp_path / "notes.db").write_bytes(b"these are plain notes, not a database file at all" * 40)
    path = make_path(tmp_path)
    with pytest.raises(StoreUnavailable) as caught:
        await storage.open_store(str(path), settings)
    message = str(caught.value)
    assert message.startswith(f"Cannot open the claim store at {path}: ")
    assert reason in message
    assert message.endswith("Check the path and its permissions, or set CROSSCHECK_DB.")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
async def test_read_only_directory_is_refused(tmp_path, settings):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreUnavailable, match="is not writable"):
            await storage.open_store(str(locked / "claims.db"), settings)
    finally:
        locked.chmod(0o700)


def test_sqlite_urls_follow_sqlalchemy():
    from storage.sqlite import sqlite_path

    assert str(sqlite_path("sqlite:///data/claims.db")) == "data/claims.db"
    assert str(sqlite_path("sqlite:////var/lib/claims.db")) == "/var/lib/claims.db"
    assert str(sqlite_path("claims.db")) == "claims.db"
    with pytest.raises(StoreUnavailable):
        sqlite_path("sqlite://claims.db")


async def test_slow_read_is_interrupted(db_path, settings):
    slow = settings.model_copy(update={"db_timeout": 0.2})
    async with await storage.open_store(str(db_path), slow) as st:
        endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n"
        started = asyncio.get_running_loop().time()
        with pytest.raises(StoreUnavailable, match=r"did not answer within 0\.2 s"):
            await st.driver.read(lambda ex: ex.fetchone(endless))
        assert asyncio.get_running_loop().time() - started < 3
        # Every reader is usable again afterwards.
        for _ in range(4):
            assert await st.count_claims("guild-1") == 0


async def test_slow_write_is_rolled_back(db_path, settings):
    slow = settings.model_copy(update={"db_timeout": 0.2})
    async with await storage.open_store(str(db_path), slow) as st:
        info = make_source()

        async def stuck(ex):
            await ex.execute(
                "INSERT INTO sources (workspace, text_hash, created_at) VALUES (?, ?, ?)",
                (info.workspace, info.text_hash, datetime.now(UTC)),
            )
            await asyncio.sleep(5)

        with pytest.raises(StoreUnavailable, match="did not answer"):
            await st.driver.write(stuck)
        assert await st.find_source(info.workspace, text_hash=info.text_hash) is None
        assert (await st.add_article(info, [make_claim()])).created


async def test_sql_mistakes_are_not_dressed_up_as_outages(sqlite_store):
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        await sqlite_store.driver.read(lambda ex: ex.fetchall("SELEC 1"))
    assert await sqlite_store.count_claims("guild-1") == 0


async def test_closed_store_says_so(db_path, settings):
    async with await storage.open_store(str(db_path), settings) as st:
        pass
    with pytest.raises(StoreUnavailable, match="closed"):
        await st.count_claims("guild-1")
    await st.close()  # idempotent

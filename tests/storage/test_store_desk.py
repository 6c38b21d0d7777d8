"""The verification desk in the claim store: curation, grades, settings, autocomplete, export and import.

Every test runs on SQLite, and on PostgreSQL too when ``CROSSCHECK_TEST_PG_URL``
is set (the backend-parametrized fixtures of ``tests/storage/test_store.py``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

import storage
from bot.engine.errors import InputError, NotFound, PermissionDenied
from bot.engine.protocol import GRADES, Actor, AuditEntry, ClaimEdit
from bot.engine.types import ClaimStatus, Figure
from storage.migrate import current_version, migrate
from storage.sqlite import SQLiteDriver
from tests.storage.test_store import (  # noqa: F401 - fixtures
    LATEST,
    _raw,
    db_path,
    sql_store,
    sql_store_url,
    sqlite_store,
    store,
    store_url,
)
from tests.store_fixtures import make_claim, make_source

MOD = Actor("Desk editor", user_id=42, is_moderator=True)
REPORTER = Actor("Reporter", user_id=7, is_moderator=False)
WS = "guild-1"


async def one_claim(store, workspace: str = WS, **claim_args):  # noqa: F811
    result = await store.add_article(make_source(workspace), [make_claim(**claim_args)])
    return result.claims[0]


def terms_query(store, measure: str, unit: str, *terms: str, workspace: str = WS):  # noqa: F811
    return store.candidates(workspace, measure=measure, units=[unit], terms=list(terms))


# -- who may curate --------------------------------------------------------------------------------


async def test_every_curation_method_refuses_a_non_moderator(store):  # noqa: F811
    first = await one_claim(store, subject_terms=("miner",))
    second = await one_claim(store, subject_terms=("rescuer",))
    attempts = {
        "set_status": store.set_status(WS, first.id, ClaimStatus.CONFIRMED, REPORTER, "fine"),
        "edit_claim": store.edit_claim(WS, first.id, ClaimEdit(subject="pilots"), REPORTER, "typo"),
        "merge_claims": store.merge_claims(WS, first.id, second.id, REPORTER, "same"),
        "delete_claim": store.delete_claim(WS, first.id, REPORTER, "noise"),
        "set_grade": store.set_grade(WS, "The Example Paper", "reliable", REPORTER, "good"),
        "set_setting": store.set_setting(WS, "moderator_role", "123", REPORTER),
        "add_reviewed": store.add_reviewed(make_source(), [(make_claim(), ClaimStatus.CONFIRMED)], REPORTER),
        "add_watch": store.add_watch(WS, 9001, REPORTER),
        "remove_watch": store.remove_watch(WS, 9002, REPORTER),
    }
    for name, attempt in attempts.items():
        with pytest.raises(PermissionDenied) as denied:
            await attempt
        message = str(denied.value)
        assert message.startswith("Only moderators can "), name
        assert message.endswith("Ask someone with the moderator role."), name

    assert await store.get_claim(WS, first.id) == first
    assert (await store.get_claim(WS, second.id)).status is ClaimStatus.UNREVIEWED
    assert await store.list_watches(WS) == []
    assert await store.grades(WS) == {}
    assert await store.get_setting(WS, "moderator_role") is None
    assert await store.count_claims(WS) == 2
    assert await store.audit_entries(WS) == []


# -- edit ------------------------------------------------------------------------------------------


async def test_edit_corrects_fields_and_writes_old_and_new(store):  # noqa: F811
    sc = await one_claim(store, subject_terms=("miner",), claimant="the mine operator")
    fixed = Figure(text="at least 14", low=14, high=None, qualifier="at least", unit="people")
    edit = ClaimEdit(figure=fixed, subject="coal miners", claimant="", location="Deepvale", period="24 hours")

    after = await store.edit_claim(WS, sc.id, edit, MOD, "  misread the figure ")

    assert after.id == sc.id
    assert after.status is ClaimStatus.UNREVIEWED
    assert after.claim.figure == fixed
    assert (after.claim.subject, after.claim.claimant, after.claim.location, after.claim.period) == (
        "coal miners", None, "Deepvale", "24 hours")
    assert after.claim.sentence == sc.claim.sentence
    assert after.claim.measure == sc.claim.measure
    assert await store.get_claim(WS, sc.id) == after
    [entry] = await store.audit_entries(WS, claim_id=sc.id)
    assert (entry.action, entry.actor, entry.actor_id, entry.reason) == (
        "edit", "Desk editor", 42, "misread the figure",
    )
    assert entry.old_status is None
    assert entry.new_status is None
    assert entry.detail == (
        "figure: '12' -> 'at least 14'; subject: 'miner' -> 'coal miners'; "
        "claimant: 'the mine operator' -> none; location: none -> 'Deepvale'; period: none -> '24 hours'"
    )


async def test_edited_subject_and_measure_move_retrieval(store):  # noqa: F811
    sc = await one_claim(store, subject_terms=("miner",), entities=("Deepvale",))
    assert [c.id for c in await terms_query(store, "trapped", "people", "miner")] == [sc.id]

    after = await store.edit_claim(WS, sc.id, ClaimEdit(subject="ferry passengers"), MOD, "wrong subject")
    assert after.claim.subject_terms == ("ferry", "passenger")
    assert after.claim.entities == ("Deepvale",)
    assert await terms_query(store, "trapped", "people", "miner") == []
    assert [c.id for c in await terms_query(store, "trapped", "people", "passenger")] == [sc.id]
    assert [c.id for c in await terms_query(store, "trapped", "people", "Deepvale")] == [sc.id]
    assert [c.id for c in await store.search_claims(WS, terms=["ferry"])] == [sc.id]

    moved = await store.edit_claim(WS, sc.id, ClaimEdit(measure="missing"), MOD, "wrong measure")
    assert moved.claim.measure == "missing"
    assert await terms_query(store, "trapped", "people", "passenger") == []
    assert [c.id for c in await terms_query(store, "missing", "people", "passenger", "Deepvale")] == [sc.id]

    in_km = Figure(text="12 km", low=12, high=12, unit="km")
    await store.edit_claim(WS, sc.id, ClaimEdit(figure=in_km), MOD, "a distance")
    assert await terms_query(store, "missing", "people", "passenger") == []
    [found] = await terms_query(store, "missing", "km", "passenger")
    assert found.claim.figure == in_km
    details = [e.detail for e in await store.audit_entries(WS, claim_id=sc.id)]
    assert details == [
        "figure: '12' -> '12 km'",
        "measure: 'trapped' -> 'missing'",
        "subject: 'miner' -> 'ferry passengers'",
    ]


async def test_same_figure_text_with_new_bounds_shows_the_bounds(store):  # noqa: F811
    sc = await one_claim(store)
    wider = replace(sc.claim.figure, low=10, high=14)
    await store.edit_claim(WS, sc.id, ClaimEdit(figure=wider), MOD, "range")
    [entry] = await store.audit_entries(WS, claim_id=sc.id)
    assert entry.detail == "figure: '12' (12 to 12 people) -> '12' (10 to 14 people)"


async def test_an_edit_that_changes_nothing_is_not_written(store):  # noqa: F811
    sc = await one_claim(store)
    same = await store.edit_claim(WS, sc.id, ClaimEdit(subject=sc.claim.subject, measure=sc.claim.measure), MOD, "x")
    assert same == sc
    assert await store.audit_entries(WS) == []


async def test_impossible_edits_are_refused_with_a_sentence(store):  # noqa: F811
    sc = await one_claim(store)
    bad = [
        ClaimEdit(subject="   "),
        ClaimEdit(measure=""),
        ClaimEdit(figure=Figure(text="20 to 10", low=20, high=10, unit="people")),
        ClaimEdit(figure=Figure(text="12", low=12, high=12, unit=" ")),
    ]
    for edit in bad:
        with pytest.raises(InputError):
            await store.edit_claim(WS, sc.id, edit, MOD, "bad")
    with pytest.raises(NotFound, match=r"No claim #9999 in this server\. Use /sources to find claim ids\."):
        await store.edit_claim(WS, 9999, ClaimEdit(subject="pilots"), MOD, "gone")
    with pytest.raises(NotFound):
        await store.edit_claim("guild-2", sc.id, ClaimEdit(subject="pilots"), MOD, "other server")
    assert await store.get_claim(WS, sc.id) == sc
    assert await store.audit_entries(WS) == []
    assert await store.audit_entries("guild-2") == []


# -- merge -----------------------------------------------------------------------------------------


async def test_merge_supersedes_the_duplicate_and_audits_both(store):  # noqa: F811
    keep = await one_claim(store, subject_terms=("miner",))
    dup = await one_claim(store, subject_terms=("miner",))
    await store.set_status(WS, dup.id, ClaimStatus.DISPUTED, MOD, "unclear")

    kept = await store.merge_claims(WS, keep.id, dup.id, MOD, "the same wire story")

    assert kept.id == keep.id
    assert kept.status is ClaimStatus.UNREVIEWED
    assert (await store.get_claim(WS, dup.id)).status is ClaimStatus.SUPERSEDED
    [merged, _] = await store.audit_entries(WS, claim_id=dup.id)
    assert (merged.action, merged.old_status, merged.new_status) == (
        "merge", ClaimStatus.DISPUTED, ClaimStatus.SUPERSEDED)
    assert merged.detail == f"merged into #{keep.id}"
    assert merged.reason == "the same wire story"
    [kept_entry] = await store.audit_entries(WS, claim_id=keep.id)
    assert kept_entry.action == "merge"
    assert kept_entry.detail == f"#{dup.id} merged into this"
    assert kept_entry.old_status is None
    assert kept_entry.new_status is None


async def test_merge_refuses_itself_other_servers_and_unknown_ids(store):  # noqa: F811
    here = await one_claim(store)
    there = await one_claim(store, "guild-2")
    with pytest.raises(InputError, match="cannot be merged into itself"):
        await store.merge_claims(WS, here.id, here.id, MOD, "same")
    with pytest.raises(NotFound, match=f"No claim #{there.id} in this server"):
        await store.merge_claims(WS, here.id, there.id, MOD, "across servers")
    with pytest.raises(NotFound, match=f"No claim #{there.id} in this server"):
        await store.merge_claims(WS, there.id, here.id, MOD, "across servers")
    with pytest.raises(NotFound, match="No claim #9999"):
        await store.merge_claims(WS, here.id, 9999, MOD, "unknown")
    assert (await store.get_claim(WS, here.id)).status is ClaimStatus.UNREVIEWED
    assert (await store.get_claim("guild-2", there.id)).status is ClaimStatus.UNREVIEWED
    assert await store.audit_entries(WS) == []
    assert await store.audit_entries("guild-2") == []


# -- delete and the audit log ----------------------------------------------------------------------


async def test_delete_removes_the_claim_and_keeps_its_history(store):  # noqa: F811
    info = make_source(outlet="Valley Post")
    claim = make_claim(("miner",), claimant="the mine operator", claimant_chain=("Valley Post", "the operator"),
                       entities=("Deepvale",))
    result = await store.add_article(info, [claim, make_claim(("rescuer",))])
    gone, stays = result.claims
    await store.set_status(WS, gone.id, ClaimStatus.DISPUTED, MOD, "two figures")

    await store.delete_claim(WS, gone.id, MOD, "a duplicate of a wire story")

    with pytest.raises(NotFound):
        await store.get_claim(WS, gone.id)
    assert [sc.id for sc in await store.claims_of_source(WS, result.source.id)] == [stays.id]
    assert await store.count_claims(WS) == 1
    assert await terms_query(store, "trapped", "people", "miner", "Deepvale") == []
    assert await store.search_claims(WS, terms=["miner"]) == []
    assert await store.get_source(WS, result.source.id) == result.source

    deleted, disputed = await store.audit_entries(WS, claim_id=gone.id)
    assert (deleted.action, deleted.old_status, deleted.new_status, deleted.reason) == (
        "delete", ClaimStatus.DISPUTED, None, "a duplicate of a wire story")
    assert deleted.claim_id == gone.id
    assert deleted.detail == (
        f"claim #{gone.id} of source #{result.source.id}; figure: '12' (12 to 12 people); measure: 'trapped'; "
        "subject: 'miner'; claimant: 'the mine operator'; outlet: 'Valley Post'; "
        f"sentence: {claim.sentence!r}"
    )
    assert disputed.action == "set_status"
    assert disputed.new_status is ClaimStatus.DISPUTED

    with pytest.raises(NotFound):
        await store.delete_claim(WS, gone.id, MOD, "again")
    with pytest.raises(NotFound):
        await store.delete_claim("guild-2", stays.id, MOD, "other server")
    assert await store.count_claims(WS) == 1


async def test_a_deleted_claims_id_is_never_given_again(store):  # noqa: F811
    first = await one_claim(store)
    newest = await one_claim(store)
    await store.delete_claim(WS, newest.id, MOD, "noise")
    later = await one_claim(store)
    assert later.id > newest.id > first.id
    assert [e.action for e in await store.audit_entries(WS, claim_id=later.id)] == []


async def test_the_audit_log_refuses_delete_and_update(sql_store):  # noqa: F811
    """SQL only: the database's own triggers refuse SQL that rewrites the log (the memory store has no
    way to rewrite it at all)."""
    store = sql_store  # noqa: F811 - the SQL-only fixture, under the name the body uses
    sc = await one_claim(store)
    await store.delete_claim(WS, sc.id, MOD, "noise")
    for sql in ("DELETE FROM audit_log", "UPDATE audit_log SET reason = 'rewritten'"):
        with pytest.raises(Exception, match="append-only"):
            await store.driver.write(lambda ex, sql=sql: ex.execute(sql))
    [entry] = await store.audit_entries(WS)
    assert entry.action == "delete"
    assert entry.reason == "noise"


async def test_sqlite_audit_log_is_append_only_after_the_rebuild(sqlite_store, db_path):  # noqa: F811
    sc = await one_claim(sqlite_store)
    await sqlite_store.delete_claim(WS, sc.id, MOD, "noise")
    conn = _raw(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET detail = NULL")
        assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_key_list(audit_log)").fetchall() == []
    finally:
        conn.close()


async def test_audit_entries_are_newest_first_and_limited(store):  # noqa: F811
    sc = await one_claim(store)
    for status in (ClaimStatus.DISPUTED, ClaimStatus.CONFIRMED, ClaimStatus.RETRACTED):
        await store.set_status(WS, sc.id, status, MOD, status.value)
    entries = await store.audit_entries(WS, limit=2)
    assert [e.new_status for e in entries] == [ClaimStatus.RETRACTED, ClaimStatus.CONFIRMED]
    assert all(isinstance(e, AuditEntry) and e.detail is None for e in entries)
    assert storage.AuditEntry is storage.store.AuditEntry is AuditEntry  # the protocol's, re-exported
    assert await store.audit_entries(WS, limit=0) == []


async def test_a_change_whose_audit_row_fails_is_not_made(store, monkeypatch):  # noqa: F811
    keep = await one_claim(store, subject_terms=("miner",))
    other = await one_claim(store, subject_terms=("rescuer",))

    def broken_audit(*args, **kwargs):  # fails when called: before the SQL stores' await, as the memory store calls it
        raise RuntimeError("the audit log is full")

    for module in ("storage.curation", "storage.ingest", "storage.memory"):
        monkeypatch.setattr(f"{module}.audit", broken_audit)
    attempts = [
        store.set_status(WS, keep.id, ClaimStatus.CONFIRMED, MOD, "ok"),
        store.edit_claim(WS, keep.id, ClaimEdit(subject="ferry passengers"), MOD, "x"),
        store.merge_claims(WS, keep.id, other.id, MOD, "same"),
        store.delete_claim(WS, other.id, MOD, "noise"),
        store.set_grade(WS, "Valley Post", "mixed", MOD, "x"),
        store.set_setting(WS, "newsroom", "The Desk", MOD),
        store.add_reviewed(make_source(), [(make_claim(), ClaimStatus.CONFIRMED)], MOD),
    ]
    for attempt in attempts:
        with pytest.raises(RuntimeError, match="audit log is full"):
            await attempt
    assert await store.get_claim(WS, keep.id) == keep
    assert await store.get_claim(WS, other.id) == other
    assert [c.id for c in await terms_query(store, "trapped", "people", "miner")] == [keep.id]
    assert await store.count_claims(WS) == 2
    assert await store.grades(WS) == {}
    assert await store.get_setting(WS, "newsroom") is None


# -- outlet grades ---------------------------------------------------------------------------------


async def test_grades_are_per_outlet_case_insensitive_and_audited(store):  # noqa: F811
    await store.set_grade(WS, "  The Example Paper ", "reliable", MOD, "long record")
    await store.set_grade(WS, "Rumour Mill", "Unreliable", MOD, "made things up")
    assert await store.grades(WS) == {"the example paper": "reliable", "rumour mill": "unreliable"}

    await store.set_grade(WS, "the EXAMPLE paper", "mixed", MOD, "two corrections")
    assert await store.grades(WS) == {"the example paper": "mixed", "rumour mill": "unreliable"}
    entries = await store.audit_entries(WS)
    assert [(e.action, e.claim_id, e.detail, e.reason) for e in entries] == [
        ("grade", None, "the EXAMPLE paper: reliable -> mixed", "two corrections"),
        ("grade", None, "Rumour Mill: unrated -> unreliable", "made things up"),
        ("grade", None, "The Example Paper: unrated -> reliable", "long record"),
    ]
    assert await store.outlets(WS, "the ex") == ["the EXAMPLE paper"]


async def test_unknown_grades_are_refused_listing_the_scale(store):  # noqa: F811
    with pytest.raises(InputError) as caught:
        await store.set_grade(WS, "The Example Paper", "trustworthy", MOD, "nice")
    assert all(grade in str(caught.value) for grade in GRADES)
    with pytest.raises(InputError):
        await store.set_grade(WS, "   ", "reliable", MOD, "no outlet")
    assert await store.grades(WS) == {}
    assert await store.audit_entries(WS) == []


# -- settings --------------------------------------------------------------------------------------


async def test_settings_are_set_changed_cleared_and_audited(store):  # noqa: F811
    assert await store.get_setting(WS, "moderator_role") is None
    await store.set_setting(WS, "moderator_role", "111", MOD)
    await store.set_setting(WS, "moderator_role", "111", MOD)  # no change: not audited
    await store.set_setting(WS, "moderator_role", "222", MOD)
    assert await store.get_setting(WS, "moderator_role") == "222"
    await store.set_setting(WS, "moderator_role", None, MOD)
    assert await store.get_setting(WS, "moderator_role") is None
    await store.set_setting(WS, "moderator_role", None, MOD)  # already unset
    entries = await store.audit_entries(WS)
    assert [(e.action, e.detail, e.actor) for e in entries] == [
        ("setting", "moderator_role: '222' -> none", "Desk editor"),
        ("setting", "moderator_role: '111' -> '222'", "Desk editor"),
        ("setting", "moderator_role: none -> '111'", "Desk editor"),
    ]
    with pytest.raises(InputError):
        await store.set_setting(WS, "  ", "x", MOD)


# -- autocomplete ----------------------------------------------------------------------------------


async def test_outlets_autocomplete_by_prefix(store):  # noqa: F811
    for outlet in ("Valley Post", "valley post", "Valley Times", "Hill Gazette", "50% Daily", "Morning News", None):
        await store.add_article(make_source(outlet=outlet), [])
    await store.set_grade(WS, "Valley Wire", "mixed", MOD, "graded before any story")
    await store.add_article(make_source("guild-2", outlet="Valley Elsewhere"), [])

    assert await store.outlets(WS, "VAL") == ["Valley Post", "Valley Times", "Valley Wire"]
    assert await store.outlets(WS, "") == [
        "50% Daily", "Hill Gazette", "Morning News", "Valley Post", "Valley Times", "Valley Wire"]
    assert await store.outlets(WS, "50%") == ["50% Daily"]  # % is a character, not a wildcard
    assert await store.outlets(WS, "v_lley") == []
    assert await store.outlets(WS, "valley", limit=2) == ["Valley Post", "Valley Times"]
    assert await store.outlets(WS, "hill gazette ") == ["Hill Gazette"]
    assert await store.outlets("guild-2", "v") == ["Valley Elsewhere"]
    assert await store.outlets("guild-3") == []


async def test_claim_choices_by_id_then_by_text(store):  # noqa: F811
    made = []
    for n in range(12):
        subject = "coal miners" if n % 3 == 0 else "ferry passengers"
        made.append(await one_claim(store, subject=subject, low=100 + n, high=100 + n))
    await one_claim(store, "guild-2", subject="coal miners")
    ids = [sc.id for sc in made]

    target = made[0].id
    choices = [sc.id for sc in await store.claim_choices(WS, str(target))]
    assert choices[0] == target  # the id itself first
    expected_ids = sorted((i for i in ids if str(i).startswith(str(target)) and i != target), reverse=True)
    assert choices[1:1 + len(expected_ids)] == expected_ids
    assert all(store_id in ids for store_id in choices)

    by_subject = await store.claim_choices(WS, "COAL")
    assert [sc.id for sc in by_subject] == [made[n].id for n in (9, 6, 3, 0)]  # newest first
    by_figure = await store.claim_choices(WS, "#111")
    assert [sc.id for sc in by_figure][-1] == made[11].id  # figure text "111", after any id match
    assert [sc.id for sc in await store.claim_choices(WS, "", limit=3)] == [ids[11], ids[10], ids[9]]
    assert await store.claim_choices(WS, "nothing like this") == []
    assert await store.claim_choices(WS, "%") == []
    assert [sc.source.info.workspace for sc in await store.claim_choices("guild-2", "coal")] == ["guild-2"]
    assert await store.claim_choices("guild-3", "") == []


async def test_claim_ids_are_found_by_prefix_among_many(sqlite_store):  # noqa: F811
    result = await sqlite_store.add_article(
        make_source(), [make_claim(subject="pilots", low=n, high=n) for n in range(1, 131)]
    )
    ids = [sc.id for sc in result.claims]
    assert ids == list(range(1, 131))
    # ids 12 and 120-129 by id (12 itself first), then 112 for its figure text "112"
    found = [sc.id for sc in await sqlite_store.claim_choices(WS, "12", limit=25)]
    assert found == [12, 129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 112]
    assert [sc.id for sc in await sqlite_store.claim_choices(WS, "12", limit=3)] == [12, 129, 128]
    assert [sc.id for sc in await sqlite_store.claim_choices(WS, "131")] == []


async def test_sqlite_searches_the_text_of_the_newest_claims_only(sqlite_store, monkeypatch):  # noqa: F811
    old = await one_claim(sqlite_store, subject="coal miners", low=5, high=5)
    for _ in range(3):
        await one_claim(sqlite_store, subject="ferry passengers", low=5, high=5)
    monkeypatch.setattr(sqlite_store, "choice_scan", 3)
    assert await sqlite_store.claim_choices(WS, "coal") == []
    assert [sc.id for sc in await sqlite_store.claim_choices(WS, str(old.id))] == [old.id]


# -- export and import -----------------------------------------------------------------------------


async def test_iter_claims_pages_oldest_first_with_a_status_filter(store):  # noqa: F811
    made = []
    for n in range(7):
        made.append(await one_claim(store, low=n, high=n))
        await one_claim(store, "guild-2")
    await store.set_status(WS, made[1].id, ClaimStatus.CONFIRMED, MOD, "ok")
    await store.set_status(WS, made[4].id, ClaimStatus.DISPUTED, MOD, "no")
    await store.set_status(WS, made[5].id, ClaimStatus.CONFIRMED, MOD, "ok")

    every = [sc async for sc in store.iter_claims(WS, batch=2)]
    assert [sc.id for sc in every] == [sc.id for sc in made]
    assert [sc.claim.figure.low for sc in every] == list(range(7))
    assert every[1].status is ClaimStatus.CONFIRMED
    reviewed = [sc.id async for sc in store.iter_claims(
        WS, statuses=[ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED], batch=2)]
    assert reviewed == [made[1].id, made[4].id, made[5].id]
    assert [sc async for sc in store.iter_claims(WS, statuses=[])] == []
    assert [sc async for sc in store.iter_claims("guild-3")] == []
    assert len([sc async for sc in store.iter_claims("guild-2", batch=7)]) == 7
    with pytest.raises(ValueError, match="batch must be at least 1"):
        [sc async for sc in store.iter_claims(WS, batch=0)]


async def test_iter_claims_sees_claims_added_while_it_runs(store):  # noqa: F811
    first = await one_claim(store)
    second = await one_claim(store)
    seen = []
    async for sc in store.iter_claims(WS, batch=1):
        seen.append(sc.id)
        if sc.id == first.id:
            await store.delete_claim(WS, second.id, MOD, "gone meanwhile")
            third = await one_claim(store)
    assert seen == [first.id, third.id]


async def test_add_reviewed_stores_statuses_and_audits_imports(store):  # noqa: F811
    info = make_source(outlet="Valley Post")
    pairs = [(make_claim(("miner",)), ClaimStatus.CONFIRMED), (make_claim(("rescuer",)), ClaimStatus.DISPUTED),
             (make_claim(("pump",)), ClaimStatus.UNREVIEWED)]
    result = await store.add_reviewed(info, pairs, MOD)

    assert result.created
    assert [sc.status for sc in result.claims] == [ClaimStatus.CONFIRMED, ClaimStatus.DISPUTED, ClaimStatus.UNREVIEWED]
    assert [sc.claim for sc in result.claims] == [claim for claim, _ in pairs]
    stored = await store.claims_of_source(WS, result.source.id)
    assert [sc.status for sc in stored] == [sc.status for sc in result.claims]
    entries = await store.audit_entries(WS)
    assert [(e.action, e.claim_id, e.new_status, e.actor) for e in entries] == [
        ("import", sc.id, sc.status, "Desk editor") for sc in reversed(result.claims)]
    assert all(e.detail == f"source #{result.source.id} ({info.url})" for e in entries)
    assert [sc.id for sc in await terms_query(store, "trapped", "people", "miner")] == [result.claims[0].id]

    again = await store.add_reviewed(replace(info, title="Copy"), [(make_claim(), ClaimStatus.RETRACTED)], MOD)
    assert not again.created
    assert again.source == result.source
    assert [sc.id for sc in again.claims] == [sc.id for sc in result.claims]
    same_url = await store.add_reviewed(replace(info, text_hash="0" * 64), pairs, MOD)
    assert not same_url.created
    assert await store.count_claims(WS) == 3
    assert len(await store.audit_entries(WS)) == 3
    elsewhere = await store.add_reviewed(replace(info, workspace="guild-2"), pairs[:1], MOD)
    assert elsewhere.created
    assert await store.count_claims("guild-2") == 1


async def test_workspaces_lists_every_workspace_with_data(store):  # noqa: F811
    assert await store.workspaces() == []
    await store.add_article(make_source("guild-b"), [])
    await store.add_watch("guild-c", 10, MOD)
    await store.set_setting("guild-d", "newsroom", "The Desk", MOD)
    await store.set_grade("guild-e", "Valley Post", "reliable", MOD, "ok")
    await store.add_article(make_source("guild-b"), [make_claim()])
    await store.add_watch("default", 11, MOD)
    assert await store.workspaces() == ["default", "guild-b", "guild-c", "guild-d", "guild-e"]


async def test_new_methods_stay_in_their_workspace(store):  # noqa: F811
    here = await one_claim(store, WS, subject="coal miners")
    there = await one_claim(store, "guild-2", subject="coal miners")
    await store.set_grade("guild-2", "The Example Paper", "unreliable", MOD, "there only")
    await store.set_setting("guild-2", "newsroom", "Elsewhere", MOD)

    for attempt in (
        store.edit_claim(WS, there.id, ClaimEdit(subject="pilots"), MOD, "x"),
        store.delete_claim(WS, there.id, MOD, "x"),
        store.merge_claims(WS, here.id, there.id, MOD, "x"),
    ):
        with pytest.raises(NotFound):
            await attempt
    assert await store.grades(WS) == {}
    assert await store.get_setting(WS, "newsroom") is None
    assert [sc.id for sc in await store.claim_choices(WS, "coal")] == [here.id]
    assert [sc.id async for sc in store.iter_claims(WS)] == [here.id]
    assert await store.outlets(WS) == ["The Example Paper"]  # its own story's outlet, not the other's grade
    assert [e.action for e in await store.audit_entries(WS)] == []
    assert [e.action for e in await store.audit_entries("guild-2", claim_id=there.id)] == []
    assert (await store.get_claim("guild-2", there.id)) == there


# -- migration 0004 --------------------------------------------------------------------------------


async def test_a_version_3_database_upgrades_in_place_keeping_its_audit_log(db_path, settings):  # noqa: F811
    driver = await SQLiteDriver.open(db_path, timeout=5)
    try:
        assert await migrate(driver, target=3) == 3
    finally:
        await driver.close()
    conn = _raw(db_path)
    try:
        conn.execute(
            "INSERT INTO sources (id, workspace, url, text_hash, created_at)"
            " VALUES (1, 'guild-1', 'https://old.example/a', 'abc', '2024-01-01T10:00:00.000000+00:00')"
        )
        conn.execute(
            'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end,'
            " figure_text, low, high, approx, unit, measure, subject, status, created_at, updated_at)"
            " VALUES (7, 'guild-1', 1, 'Nine climbers were missing.', 0, 27, 0, 4, 'Nine', 9, 9, 0, 'people',"
            " 'missing', 'climbers', 'confirmed', '2024-01-01T10:00:00.000000+00:00',"
            " '2024-01-02T10:00:00.000000+00:00')"
        )
        conn.execute("INSERT INTO claim_terms VALUES (7, 'guild-1', 'missing', 'people', 'subject', 0, 'climber')")
        conn.executemany(
            "INSERT INTO audit_log (id, workspace, claim_id, actor, actor_id, action, old_status, new_status,"
            " reason, at) VALUES (?, 'guild-1', ?, 'Old editor', 5, ?, ?, ?, ?, ?)",
            [
                (3, 7, "set_status", "unreviewed", "confirmed", "two sources", "2024-01-02T10:00:00.000000+00:00"),
                (9, None, "watch", None, None, "channel 44", "2024-01-03T10:00:00.000000+00:00"),
            ],
        )
        with pytest.raises(sqlite3.OperationalError):  # not there yet at version 3
            conn.execute("SELECT detail FROM audit_log")
    finally:
        conn.close()

    async with await storage.open_store(str(db_path), settings) as st:
        assert await current_version(st.driver) == LATEST >= 4
        entries = await st.audit_entries("guild-1")
        assert [(e.id, e.claim_id, e.action, e.reason, e.detail) for e in entries] == [
            (9, None, "watch", "channel 44", None),
            (3, 7, "set_status", "two sources", None),
        ]
        assert entries[1].old_status is ClaimStatus.UNREVIEWED
        assert entries[1].actor_id == 5
        await st.delete_claim("guild-1", 7, MOD, "upgraded, then deleted")
        assert [e.id for e in await st.audit_entries("guild-1", claim_id=7)][1:] == [3]
        assert (await st.add_article(make_source(), [make_claim()])).claims[0].id == 8

    conn = _raw(db_path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'audit_log'")}
        assert {"audit_log", "audit_log_workspace", "audit_log_claim", "audit_log_no_delete",
                "audit_log_no_update"} <= names
        assert "audit_log_new" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log WHERE id = 3")
        assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 3
    finally:
        conn.close()


# -- an outlet's claims ----------------------------------------------------------------------------


async def test_outlet_claims_newest_first_with_counts_by_status(store):  # noqa: F811
    ids = []
    for n in range(4):
        result = await store.add_article(make_source(outlet="Valley Radio"), [make_claim(subject_terms=(f"t{n}",))])
        ids.append(result.claims[0].id)
    await store.add_article(make_source(outlet="Other Paper"), [make_claim()])
    await store.add_article(make_source("guild-2", outlet="Valley Radio"), [make_claim()])
    await store.set_status(WS, ids[0], ClaimStatus.CONFIRMED, MOD, "checked")
    newest, counts = await store.outlet_claims(WS, "  valley RADIO ", limit=3)
    assert [sc.id for sc in newest] == [ids[3], ids[2], ids[1]]
    assert all(sc.source.info.outlet == "Valley Radio" for sc in newest)
    assert counts == {ClaimStatus.UNREVIEWED: 3, ClaimStatus.CONFIRMED: 1}  # guild-2's claim is not counted
    assert await store.outlet_claims(WS, "Nobody") == ([], {})

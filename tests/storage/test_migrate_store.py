"""``crosscheck migrate-store``: a whole store copied, every field kept, nothing copied twice.

SQLite to SQLite always runs; the PostgreSQL legs run when
``CROSSCHECK_TEST_PG_URL`` names a database they may use (a schema of their
own, dropped afterwards).
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from typer.testing import CliRunner

import storage
from bot.engine.errors import InputError
from bot.engine.protocol import Actor, ClaimEdit
from bot.engine.types import Claim, ClaimStatus, Figure
from storage.copy import copy_store, migrate_store
from storage.driver import encode_text_value
from tests.pg_helpers import pg_skip_reason
from tests.store_fixtures import full_source, make_claim, make_source

MOD = Actor("Desk editor", user_id=42, is_moderator=True)
PG_URL = os.environ.get("CROSSCHECK_TEST_PG_URL")


PG_SKIP = pg_skip_reason(PG_URL)


@asynccontextmanager
async def _scratch(kind: str, tmp_path, name: str):
    """A URL for an empty store of ``kind``."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / (name + '.db')}"
        return
    if PG_SKIP is not None:
        pytest.skip(PG_SKIP)
    postgres = importlib.import_module("storage.postgres")
    async with postgres.scratch_database(PG_URL) as url:
        yield url


async def _fill(url: str, settings) -> dict[str, int]:
    """A store with something in every table: two workspaces, curated claims, a deleted one."""
    async with await storage.open_store(url, settings) as st:
        full = full_source(
            workspace="guild-7", path="/archive/quake.txt", url="https://paper.example/quake",
            title="Quake toll rises", published=date(2024, 2, 6), text_hash="c" * 64,
            posted_at=datetime(2024, 2, 6, 9, 15, 0, 250_001, tzinfo=timezone(timedelta(hours=3))),
        )
        rich = Claim(
            sentence="More than 4,300 people were killed across the region, the agency said on Tuesday.",
            figure=Figure(text="More than 4,300", low=4300.0, high=None, qualifier="more than", approx=False,
                          unit="people"),
            measure="killed",
            subject="people across the region",
            claimant="the agency",
            claimant_chain=("the wire", "the agency"),
            location="the region",
            date=date(2024, 2, 5),
            period="24 hours",
            start=12,
            end=95,
            figure_start=12,
            figure_end=27,
            subject_terms=("people", "region"),
            entities=("Agency",),
        )
        approx = make_claim(("building",), measure="collapsed", unit="count", low=5500, high=6500,
                            figure=Figure(text="about 6,000", low=5500, high=6500, approx=True, unit="count"))
        first = await st.add_article(full, [rich, approx])
        second = await st.add_article(make_source("guild-7", published=date(2024, 2, 7)),
                                      [make_claim(("rescuer",), measure="deployed"), make_claim(("tent",))])
        loose = await st.add_article(make_source("guild-7", url=None, text_hash=""), [make_claim(("child",))])
        other = await st.add_article(make_source("guild-8"), [make_claim(("miner",))])
        # Two claims alike in source, position and measure (as imports can be): both must travel.
        await st.add_article(make_source("guild-8"), [make_claim(("diver",)), make_claim(("diver",), low=14, high=14)])
        await st.set_status("guild-7", first.claims[0].id, ClaimStatus.CONFIRMED, MOD, "two agencies agree")
        await st.set_status("guild-7", first.claims[1].id, ClaimStatus.DISPUTED, MOD, "")
        await st.edit_claim("guild-7", second.claims[0].id, ClaimEdit(subject="rescue teams"), MOD, "typo")
        await st.delete_claim("guild-7", second.claims[1].id, MOD, "not a claim")
        await st.add_watch("guild-7", 4242, MOD)
        await st.add_watch("guild-8", 4343, MOD)
        await st.remove_watch("guild-8", 4343, MOD)
        await st.set_setting("guild-7", "moderator_role", "Desk", MOD)
        await st.set_grade("guild-7", "The Example Paper", "reliable", MOD, "long record")
        await st.add_reviewed(make_source("guild-8", outlet="Fact Desk"),
                              [(make_claim(("ferry",)), ClaimStatus.DISPUTED)], MOD)
        return {"first": first.claims[0].id, "loose": loose.source.id, "other": other.claims[0].id}


async def _dump(url: str, settings) -> dict[str, list[tuple]]:
    """Every row of every table (schema_version aside), in one text form whatever the backend."""
    async with await storage.open_store(url, settings, cache_size=0) as st:
        backend = st.driver.backend

        async def read(ex):
            if backend == "sqlite":
                names = [r[0] for r in await ex.fetchall(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            else:
                names = [r[0] for r in await ex.fetchall(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")]
            out = {}
            for name in sorted(set(names) - {"schema_version"}):
                rows = await ex.fetchall(f'SELECT * FROM "{name}"')  # noqa: S608 - names from the catalogue
                out[name] = sorted(
                    (tuple((k, _plain(r[k])) for k in sorted(r.keys())) for r in rows), key=repr
                )
            return out

        return await st.driver.read(read)


def _plain(value):
    value = encode_text_value(value)
    return float(value) if isinstance(value, float) else value


async def _every_claim(url: str, settings) -> dict[str, list]:
    async with await storage.open_store(url, settings) as st:
        return {ws: [sc async for sc in st.iter_claims(ws)] for ws in await st.workspaces()}


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("middle", ["sqlite", "postgres"])
async def test_round_trip_keeps_every_field(tmp_path, settings, middle):
    origin = f"sqlite:///{tmp_path / 'origin.db'}"
    back = f"sqlite:///{tmp_path / 'back.db'}"
    made = await _fill(origin, settings)
    async with _scratch(middle, tmp_path, "middle") as mid:
        there = await migrate_store(origin, mid, settings)
        home = await migrate_store(mid, back, settings)
        assert await _dump(mid, settings) == await _dump(origin, settings)
        middle_claims = await _every_claim(mid, settings)
    assert there.ok
    assert home.ok
    assert await _dump(back, settings) == await _dump(origin, settings)

    original = await _every_claim(origin, settings)
    assert middle_claims == original
    assert await _every_claim(back, settings) == original
    assert sorted(original) == ["guild-7", "guild-8"]
    counts = {t.table: (t.source, t.copied, t.present, t.target) for t in there.tables}
    assert counts["claims"] == (8, 8, 0, 8)  # one of the nine was deleted
    assert counts["audit_log"][1] == counts["audit_log"][0] > 0
    assert counts["source_grades"] == (1, 1, 0, 1)
    assert counts["guild_settings"][1] >= 1

    async with await storage.open_store(back, settings) as st:
        kept = await st.get_claim("guild-7", made["first"])  # same id in an empty target
        assert kept.status is ClaimStatus.CONFIRMED
        assert kept.claim.claimant_chain == ("the wire", "the agency")
        assert kept.source.info.posted_at == datetime(2024, 2, 6, 6, 15, 0, 250_001, tzinfo=UTC)
        assert await st.grades("guild-7") == {"the example paper": "reliable"}
        assert await st.get_setting("guild-7", "moderator_role") == "Desk"
        entries = await st.audit_entries("guild-7", limit=100)
        assert {e.action for e in entries} >= {"set_status", "edit", "delete", "watch", "grade", "setting"}
        deleted = next(e for e in entries if e.action == "delete")
        assert deleted.detail  # the snapshot of the deleted claim travelled with it
        found = await st.candidates("guild-7", measure="killed", units=["people"], terms=["region"])
        assert [sc.id for sc in found] == [made["first"]]


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
async def test_running_it_twice_copies_nothing_twice(tmp_path, settings, target):
    origin = f"sqlite:///{tmp_path / 'origin.db'}"
    await _fill(origin, settings)
    async with _scratch(target, tmp_path, "target") as dst:
        first = await migrate_store(origin, dst, settings, batch=2)  # pages of two rows
        before = await _dump(dst, settings)
        again = await migrate_store(origin, dst, settings, batch=2)
        assert await _dump(dst, settings) == before
    assert first.copied > 0
    assert again.copied == 0
    assert again.ok
    for t in again.tables:
        assert (t.copied, t.present, t.target) == (0, t.source, t.target_before), t.table


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
async def test_copying_into_a_store_in_use_renumbers_and_matches(tmp_path, settings, target):
    origin = f"sqlite:///{tmp_path / 'origin.db'}"
    made = await _fill(origin, settings)
    async with await storage.open_store(origin, settings) as st:
        shared = await st.get_claim("guild-8", made["other"])
    async with _scratch(target, tmp_path, "busy") as dst:
        async with await storage.open_store(dst, settings) as st:
            # The target's own claims take the ids the origin used...
            own = await st.add_article(make_source("guild-9"), [make_claim(("pilot",)) for _ in range(8)])
            # ...and it already holds one of the origin's articles, under another id.
            dup = await st.add_article(replace(shared.source.info), [shared.claim])
        report = await migrate_store(origin, dst, settings)
        counts = {t.table: t for t in report.tables}
        assert counts["sources"].present == 1
        assert counts["claims"].present == 1
        assert counts["claims"].renumbered > 0
        async with await storage.open_store(dst, settings) as st:
            assert await st.count_claims("guild-9") == 8
            assert await st.count_claims("guild-8") == 4  # the shared article once, the twins, the reviewed one
            assert [sc.id for sc in await st.claims_of_source("guild-8", dup.source.id)] == [dup.claims[0].id]
            moved = [sc async for sc in st.iter_claims("guild-7")]
            assert len(moved) == 4
            assert all(sc.id not in {c.id for c in own.claims} for sc in moved)
            killed = next(sc for sc in moved if sc.claim.measure == "killed")
            assert killed.claim.subject_terms == ("people", "region")  # terms followed the new id
            assert killed.status is ClaimStatus.CONFIRMED
            history = await st.audit_entries("guild-7", claim_id=killed.id)
            assert [e.new_status for e in history] == [ClaimStatus.CONFIRMED]
            # New articles get fresh ids after the copied ones.
            later = await st.add_article(make_source("guild-7"), [make_claim(("medic",))])
            assert later.claims[0].id > max(sc.id for sc in moved)


async def test_the_same_store_twice_is_refused(tmp_path, settings):
    path = tmp_path / "one.db"
    with pytest.raises(InputError, match="same store"):
        await migrate_store(str(path), f"sqlite:///{path}", settings)


async def test_an_older_target_is_refused(tmp_path, settings):
    origin, old = tmp_path / "origin.db", tmp_path / "old.db"
    await _fill(str(origin), settings)
    async with await storage.open_store(str(old), settings):
        pass
    conn = sqlite3.connect(old, isolation_level=None)
    try:
        conn.execute("DROP TABLE source_grades")
    finally:
        conn.close()
    async with await storage.open_store(str(origin), settings) as src, \
            await storage.open_store(str(old), settings) as dst:
        with pytest.raises(InputError, match="no table source_grades"):
            await copy_store(src, dst)


# -- the command line --------------------------------------------------------------------------


def test_the_command_prints_the_counts_and_is_idempotent(tmp_path, settings):
    import asyncio

    from bot.cli import app

    origin, target = tmp_path / "origin.db", tmp_path / "target.db"
    asyncio.run(_fill(str(origin), settings))
    runner = CliRunner()
    args = ["migrate-store", "--from", f"sqlite:///{origin}", "--to", f"sqlite:///{target}"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    lines = {line.split("│")[1].strip(): line for line in first.stdout.splitlines() if line.count("│") >= 5}
    assert "claims" in lines
    assert "audit_log" in lines
    assert "watched_channels" in lines
    cells = [c.strip() for c in lines["claims"].split("│")[1:-1]]
    assert cells == ["claims", "8", "8", "0", "8"]
    assert "every table checked" in first.stdout

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 rows copied" in second.stdout

    same = runner.invoke(app, ["migrate-store", "--from", str(origin), "--to", str(origin)])
    assert same.exit_code == 2
    assert "same store" in same.stderr

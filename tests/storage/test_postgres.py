"""PostgreSQL specifics: placeholders, native types, concurrency across processes, lost connections.

The behaviour shared with SQLite is tested in ``test_store.py`` (parametrized
over both backends). Tests that need a server run when
``CROSSCHECK_TEST_PG_URL`` names a database they may use; each works in a
schema of its own, dropped afterwards.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import time
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

import storage
from bot.engine.errors import StoreUnavailable
from bot.engine.protocol import Actor
from bot.engine.types import ClaimStatus
from storage.migrate import load_migrations
from tests.pg_helpers import pg_skip_reason
from tests.store_fixtures import make_claim, make_source

ROOT = Path(__file__).resolve().parents[2]
MOD = Actor("Desk editor", user_id=42, is_moderator=True)

pg = pytest.importorskip("storage.postgres")

#: read once: the ``settings`` fixture clears CROSSCHECK_* variables for each test
PG_URL = os.environ.get("CROSSCHECK_TEST_PG_URL")


PG_SKIP = pg_skip_reason(PG_URL)

needs_pg = pytest.mark.skipif(PG_SKIP is not None, reason=PG_SKIP or "")


# -- without a server --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"),
        ("SELECT '?' AS q, ? AS v", "SELECT '?' AS q, $1 AS v"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ("SELECT E'a\\'?' , ?", "SELECT E'a\\'?' , $1"),
        ("SELECT CASE WHEN ? THEN 'a' ELSE'\\' END, ?, 'x'", "SELECT CASE WHEN $1 THEN 'a' ELSE'\\' END, $2, 'x'"),
        ("SELECT 1 WHERE x LIKE ? ESCAPE '\\' AND y = ?", "SELECT 1 WHERE x LIKE $1 ESCAPE '\\' AND y = $2"),
        ('SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1'),
        ("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"),
        ("SELECT /* a ? b */ ?", "SELECT /* a ? b */ $1"),
        ("SELECT $$ ? $$, $tag$ ? $tag$, ?", "SELECT $$ ? $$, $tag$ ? $tag$, $1"),
        ("SELECT 1", "SELECT 1"),
    ],
)
def test_placeholders_outside_literals_become_numbered(sql, expected):
    assert pg.to_dollar(sql) == expected


def test_scratch_urls_put_the_schema_first():
    url = pg.with_search_path("postgresql://u:pw@db.example:5433/news?sslmode=require", "test_ab12")
    parts = urlsplit(url)
    assert parts.netloc == "u:pw@db.example:5433"
    assert parts.path == "/news"
    assert "sslmode=require" in parts.query
    assert "search_path=test_ab12%2Cpublic" in parts.query


def test_parameters_are_native_and_naive_times_are_utc():
    naive = datetime(2024, 5, 1, 8, 30)  # noqa: DTZ001 - a naive time is the input under test
    encoded = pg._encode([naive, date(2024, 5, 1), ClaimStatus.CONFIRMED, True, None, 3])
    assert encoded == [datetime(2024, 5, 1, 8, 30, tzinfo=UTC), date(2024, 5, 1), "confirmed", True, None, 3]


async def test_a_closed_port_is_unavailable_after_retrying(settings):
    port = _free_port()
    quick = settings.model_copy(update={"db_retries": 2, "db_timeout": 2.0})
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        await storage.open_store(f"postgresql://crosscheck:s3cret@127.0.0.1:{port}/claims", quick)
    assert str(caught.value) == (
        f"The claim store's PostgreSQL server at 127.0.0.1:{port} is not answering. Check that it is running "
        "and that CROSSCHECK_DB (or --db) names it, then try again."
    )
    assert time.monotonic() - started >= pg.RETRY_FIRST_WAIT  # it waited before retrying
    assert "s3cret" not in str(caught.value)


# -- with a server ----------------------------------------------------------------------------


@pytest.fixture
async def pg_url():
    if PG_SKIP is not None:
        pytest.skip(PG_SKIP)
    async with pg.scratch_database(PG_URL) as scratch:
        yield scratch


@pytest.fixture
async def pg_store(pg_url, settings):
    store = await storage.open_store(pg_url, settings.model_copy(update={"pg_pool_min": 2, "pg_pool_max": 2}))
    yield store
    await store.close()


@needs_pg
async def test_migrations_mirror_sqlite_and_types_are_native(pg_store):
    names = [(m.version, m.name) for m in load_migrations("postgres")]
    sqlite_names = [(m.version, m.name) for m in load_migrations("sqlite")]
    assert names == sqlite_names
    assert len(names) >= 3

    async def types(ex):
        rows = await ex.fetchall(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name IN ('sources', 'claims', 'schema_version')"
        )
        return {(r["table_name"], r["column_name"]): r["data_type"] for r in rows}

    found = await pg_store.driver.read(types)
    assert found[("sources", "published")] == "date"
    assert found[("sources", "created_at")] == "timestamp with time zone"
    assert found[("sources", "guild_id")] == "bigint"
    assert found[("claims", "ref_date")] == "date"
    assert found[("claims", "approx")] == "boolean"
    assert found[("claims", "updated_at")] == "timestamp with time zone"
    assert found[("schema_version", "applied_at")] == "timestamp with time zone"
    versions = await pg_store.driver.read(lambda ex: ex.fetchall("SELECT version, name FROM schema_version ORDER BY 1"))
    assert [(r["version"], r["name"]) for r in versions] == names


@needs_pg
async def test_subject_matching_uses_the_trigram_index(pg_store):
    await pg_store.add_article(make_source(), [make_claim(("miner", "shaft"))])

    async def plan(ex):
        await ex.execute("SET LOCAL enable_seqscan = off")
        rows = await ex.fetchall(
            "EXPLAIN SELECT id FROM claims WHERE lower(subject) LIKE ?", ("%ine%",)
        )
        return "\n".join(r[0] for r in rows)

    assert "claims_subject_trgm" in await pg_store.driver.read(plan)


@needs_pg
async def test_question_marks_in_literals_reach_the_server_untouched(pg_store):
    row = await pg_store.driver.read(lambda ex: ex.fetchone("SELECT 'why?' AS q, ?::int AS v, ?::text AS w", (5, "x")))
    assert tuple(row) == ("why?", 5, "x")


@needs_pg
async def test_pool_and_time_limit_follow_settings(pg_url, settings):
    tuned = settings.model_copy(update={"pg_pool_min": 2, "pg_pool_max": 4, "db_timeout": 0.5})
    async with await storage.open_store(pg_url, tuned) as st:
        assert st.driver._pool.get_min_size() == 2
        assert st.driver._pool.get_max_size() == 4
        shown = await st.driver.read(lambda ex: ex.fetchone("SHOW statement_timeout"))
        assert shown[0] == "500ms"
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match=r"did not answer within 0.5 s"):
            await st.driver.read(lambda ex: ex.fetchone("SELECT pg_sleep(5)"))
        assert time.monotonic() - started < 3
        with pytest.raises(StoreUnavailable, match=r"did not answer within 0.5 s"):
            await st.driver.write(lambda ex: ex.execute("SELECT pg_sleep(5)"))
        # Every connection is usable again afterwards.
        counts = await asyncio.gather(*(st.count_claims("guild-1") for _ in range(8)))
        assert counts == [0] * 8


@needs_pg
async def test_audit_log_refuses_changes_in_the_database(pg_store):
    result = await pg_store.add_article(make_source(), [make_claim()])
    await pg_store.set_status("guild-1", result.claims[0].id, ClaimStatus.CONFIRMED, MOD, "ok")
    import asyncpg

    for statement in ("DELETE FROM audit_log", "UPDATE audit_log SET reason = 'edited'", "TRUNCATE audit_log"):
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await pg_store.driver.write(lambda ex, s=statement: ex.execute(s))
    assert len(await pg_store.audit_entries("guild-1")) == 1


@needs_pg
async def test_terminated_connections_are_retried_unseen(pg_store):
    info = make_source()
    await pg_store.add_article(info, [make_claim()])
    assert await _terminate_crosscheck_backends(pg_store) >= 1
    # Reads and writes after the server dropped every connection of the pool.
    assert await pg_store.count_claims("guild-1") == 1
    again = await pg_store.add_article(make_source(), [make_claim(("rescuer",))])
    assert again.created
    assert await _terminate_crosscheck_backends(pg_store) >= 1
    found = await pg_store.candidates("guild-1", measure="trapped", units=["people"], terms=["miner", "rescuer"])
    assert len(found) == 2


@needs_pg
async def test_a_server_that_goes_away_mid_use_is_unavailable_then_recovers(pg_url, settings):
    proxy = await _Proxy.start(_port_of(pg_url))
    quick = settings.model_copy(update={"db_retries": 2, "db_timeout": 3.0, "pg_pool_min": 1})
    try:
        async with await storage.open_store(_with_port(pg_url, proxy.port), quick) as st:
            await st.add_article(make_source(), [make_claim()])
            await proxy.stop()  # the server is gone: connections cut, new ones refused
            started = time.monotonic()
            with pytest.raises(StoreUnavailable) as caught:
                await st.count_claims("guild-1")
            assert str(caught.value) == pg.UNAVAILABLE
            assert caught.value.__cause__ is not None  # the cause is kept for the log
            assert time.monotonic() - started >= 2 * pg.RETRY_FIRST_WAIT  # two waits, three attempts
            with pytest.raises(StoreUnavailable, match="unavailable right now"):
                await st.add_article(make_source(), [make_claim()])
            await proxy.restart()  # back again: the same store object works
            assert await st.count_claims("guild-1") == 1
    finally:
        await proxy.stop()


_TWO_PROCESSES = """
import asyncio, json, sys, time
import storage
from bot.engine.types import SourceInfo
from bot.settings import Settings
from tests.store_fixtures import make_claim

async def main(url, start, n):
    settings = Settings(_env_file=None, db=url)
    while time.time() < start:
        await asyncio.sleep(0.001)
    async with await storage.open_store(url, settings) as st:  # both migrate an empty schema at once
        info = SourceInfo(workspace="guild-1", url="https://paper.example/shared", title="Shared story",
                          text_hash="ab" * 32)
        claims = [make_claim(("miner",)), make_claim(("rescuer",), measure="rescued")]
        results = await asyncio.gather(*(st.add_article(info, claims) for _ in range(n)))
    print(json.dumps({"created": sum(r.created for r in results), "ids": sorted({r.source.id for r in results})}))

asyncio.run(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])))
"""


@needs_pg
async def test_two_processes_ingesting_one_article_store_it_once(pg_url, settings):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CROSSCHECK_")}
    start = time.time() + 2.0
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", _TWO_PROCESSES, pg_url, str(start), "12",
            cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [await asyncio.wait_for(p.communicate(), 60) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
    reports = [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]
    assert sum(r["created"] for r in reports) == 1
    assert reports[0]["ids"] == reports[1]["ids"]
    assert len(reports[0]["ids"]) == 1

    async with await storage.open_store(pg_url, settings) as st:
        counts = await st.driver.read(lambda ex: ex.fetchone(
            "SELECT (SELECT COUNT(*) FROM sources) AS s, (SELECT COUNT(*) FROM claims) AS c,"
            " (SELECT COUNT(*) FROM claim_terms) AS t,"
            " (SELECT COUNT(*) FROM schema_version) AS v, (SELECT COUNT(DISTINCT version) FROM schema_version) AS d"
        ))
        assert (counts["s"], counts["c"], counts["t"]) == (1, 2, 2)
        assert counts["v"] == counts["d"] == len(load_migrations("postgres"))  # each migration applied once


# -- helpers --------------------------------------------------------------------------------------


async def _terminate_crosscheck_backends(store) -> int:
    """Have the server end every connection of the store's pool (as a restart would), and no other."""
    import asyncpg

    async def pid(ex):
        row = await ex.fetchone("SELECT pg_backend_pid() AS pid, pg_sleep(0.05)")
        return row["pid"]

    size = store.driver._pool.get_max_size()
    pids = set(await asyncio.gather(*(store.driver.read(pid) for _ in range(2 * size))))
    conn = await asyncpg.connect(PG_URL)
    try:
        rows = await conn.fetch("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", list(pids))
    finally:
        await conn.close()
    await asyncio.sleep(0.1)  # let the pool's connections see the server's goodbye
    return sum(1 for r in rows if r[0])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_of(url: str) -> int:
    return urlsplit(url).port or 5432


def _with_port(url: str, port: int) -> str:
    parts = urlsplit(url)
    userinfo = parts.netloc.rpartition("@")[0]
    host = f"{userinfo}@127.0.0.1:{port}" if userinfo else f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=host))


class _Proxy:
    """A TCP relay to the test server on loopback that can be cut and brought back."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    @classmethod
    async def start(cls, target_port: int) -> _Proxy:
        proxy = cls(target_port)
        await proxy.restart()
        return proxy

    async def restart(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()
        if server is not None:
            await server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self._writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with suppress(ConnectionError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

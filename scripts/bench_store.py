#!/usr/bin/env python3
"""Benchmark the claim store: candidate lookups and ingest at growing sizes.

    python scripts/bench_store.py --sizes 10000,100000,1000000 [--db-dir DIR]
    python scripts/bench_store.py --backend sqlite,postgres --pg-url postgresql://postgres@127.0.0.1:5432/test

For each size it builds a synthetic store shaped like a busy newsroom's:

* one big workspace holding ``--big-share`` of the claims (the hard case) and
  the rest spread over ``--workspaces`` small ones;
* ~30 claims per article about one story (a few measures, subject terms
  and entities shared by most of its claims, the rest drawn freely); ~40
  measures with a Zipf-like frequency ("killed" is everywhere, "evacuated"
  rare), units that follow the measure, 1-4 subject terms and 0-3 entities
  per claim from Zipf-like vocabularies of 20,000 and 5,000, so a few terms
  ("soldier") sit on a large share of the claims;

then, through the real store (:func:`storage.open_store`), times
``candidates()`` for the claims of ``--articles`` new articles drawn from the
same distribution, asked as ``bot.engine.checker.Checker`` asks (the claim's
measure, the units of its family, its subject terms, ``candidate_limit``),
per claim and per article of ~30 claims (median and p95), also all at once
(``asyncio.gather``) and in one ``candidates_many()`` call,
and ingest throughput with ``add_article`` (articles/s, ~30 claims each).

The big store is written in bulk (sqlite3, big transactions) after the
store itself has created the schema, so the bench measures the shipped schema
and queries. Databases are kept in ``--db-dir`` and reused when their size
matches, unless ``--rebuild``.

``--backend sqlite,postgres`` measures PostgreSQL side by side with SQLite on
the same synthetic claims (same seed). The PostgreSQL store of each size is a
schema ``bench_<size>`` in the database at ``--pg-url`` (default
``CROSSCHECK_BENCH_PG_URL``, else ``CROSSCHECK_TEST_PG_URL``), kept and reused
like the SQLite files (the articles a run ingests are deleted afterwards). It
is loaded with COPY (``copy_records_to_table``), its secondary indexes dropped
meanwhile and built again afterwards, then VACUUM ANALYZEd.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine.types import Claim, Figure, SourceInfo
from bot.settings import Settings
from storage import open_store
from storage.store import DEFAULT_CACHE_SIZE, DEFAULT_LEAD_DEPTH, DEFAULT_POSTINGS_CAP, CandidateQuery

CLAIMS_PER_ARTICLE = 30

PEOPLE_MEASURES = [
    "killed", "injured", "displaced", "arrested", "missing", "dead", "wounded", "evacuated",
    "detained", "rescued", "hospitalised", "infected", "protesters", "refugees", "casualties",
    "captured", "deported", "sheltered", "employed", "unemployed", "voters", "attendees",
]
COUNT_MEASURES = ["drones", "missiles", "strikes", "buildings", "tanks", "homes", "vehicles", "aircraft"]
MONEY_MEASURES = ["cost", "aid", "damage", "budget", "fine"]
PERCENT_MEASURES = ["turnout", "inflation", "unemployment_rate", "approval"]
AREA_MEASURES = ["area_burned", "territory"]
MEASURES = PEOPLE_MEASURES + COUNT_MEASURES + MONEY_MEASURES + PERCENT_MEASURES + AREA_MEASURES
AREA_UNITS = ["km2", "ha", "acre", "sqmi", "m2", "sqft"]

SUBJECT_WORDS = [
    "soldier", "civilian", "child", "troop", "people", "resident", "fighter", "police", "officer",
    "worker", "student", "patient", "migrant", "journalist", "militant", "prisoner", "woman",
    "man", "family", "villager", "official", "rebel", "miner", "passenger", "tourist", "farmer",
]
ENTITY_WORDS = [
    "ukraine", "russia", "gaza", "israel", "kyiv", "kharkiv", "sudan", "khartoum", "un", "nato",
    "hamas", "bbc", "reuters", "moscow", "donetsk", "bakhmut", "rafah", "darfur", "who", "unicef",
]


def zipf_weights(n: int, s: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


@dataclass
class Vocab:
    measures: list[str]
    measure_p: np.ndarray
    subjects: list[str]
    subject_p: np.ndarray
    entities: list[str]
    entity_p: np.ndarray

    @classmethod
    def build(cls, n_subjects: int = 20_000, n_entities: int = 5_000) -> Vocab:
        subjects = SUBJECT_WORDS + [f"term{i}" for i in range(n_subjects - len(SUBJECT_WORDS))]
        entities = ENTITY_WORDS + [f"place{i}" for i in range(n_entities - len(ENTITY_WORDS))]
        return cls(
            MEASURES, zipf_weights(len(MEASURES), 1.0),
            subjects, zipf_weights(len(subjects), 1.05),
            entities, zipf_weights(len(entities), 1.1),
        )


def unit_for(measure: str, rng: np.random.Generator) -> str:
    if measure in PEOPLE_MEASURES:
        return "people"
    if measure in COUNT_MEASURES:
        return "count"
    if measure in MONEY_MEASURES:
        return str(rng.choice(["USD", "EUR", "GBP"], p=[0.6, 0.25, 0.15]))
    if measure in PERCENT_MEASURES:
        return "percent"
    return str(rng.choice(AREA_UNITS))


def units_for(unit: str) -> list[str]:
    """The units a claim in ``unit`` is compared with (its family)."""
    return AREA_UNITS if unit in AREA_UNITS else [unit]


@dataclass
class SyntheticClaim:
    measure: str
    unit: str
    low: float
    subjects: tuple[str, ...]
    entities: tuple[str, ...]


def draw_articles(n_articles: int, vocab: Vocab, rng: np.random.Generator) -> list[list[SyntheticClaim]]:
    """Articles of ``CLAIMS_PER_ARTICLE`` claims, each article about one story.

    A story has a few measures, subject terms and entities (drawn Zipf-like),
    and most of its claims use them ("soldiers killed in Kharkiv", "civilians
    killed in Kharkiv"); the rest of each claim's terms are drawn freely.
    """
    n = n_articles * CLAIMS_PER_ARTICLE
    story_measures = rng.choice(len(vocab.measures), size=(n_articles, 3), p=vocab.measure_p)
    story_subjects = rng.choice(len(vocab.subjects), size=(n_articles, 3), p=vocab.subject_p)
    story_entities = rng.choice(len(vocab.entities), size=(n_articles, 2), p=vocab.entity_p)
    free_measures = rng.choice(len(vocab.measures), size=n, p=vocab.measure_p)
    free_subjects = rng.choice(len(vocab.subjects), size=(n, 3), p=vocab.subject_p)
    free_entities = rng.choice(len(vocab.entities), size=(n, 2), p=vocab.entity_p)
    pick = rng.random((n, 8))
    lows = rng.lognormal(3.0, 1.5, size=n).round()
    articles: list[list[SyntheticClaim]] = []
    for a in range(n_articles):
        claims = []
        for k in range(CLAIMS_PER_ARTICLE):
            i = a * CLAIMS_PER_ARTICLE + k
            p = pick[i]
            m = story_measures[a, int(p[0] * 3)] if p[1] < 0.8 else free_measures[i]
            subj = [story_subjects[a, int(p[2] * 3)]]
            subj += [free_subjects[i, j] for j in range(int(p[3] * 4))]  # 0-3 more
            ents = [story_entities[a, int(p[4] * 2)]] if p[5] < 0.7 else []
            ents += [free_entities[i, j] for j in range(int(p[6] * 3))]  # 0-2 more
            measure = vocab.measures[m]
            claims.append(SyntheticClaim(
                measure,
                unit_for(measure, rng),
                float(lows[i]),
                tuple(dict.fromkeys(vocab.subjects[j] for j in subj)),
                tuple(dict.fromkeys(vocab.entities[j] for j in ents)),
            ))
        articles.append(claims)
    return articles


def to_claim(sc: SyntheticClaim) -> Claim:
    subject = " ".join(sc.subjects)
    sentence = f"At least {int(sc.low)} {subject} {sc.measure}, officials said."
    return Claim(
        sentence=sentence,
        figure=Figure(f"at least {int(sc.low)}", sc.low, None, "at least", False, sc.unit),
        measure=sc.measure,
        subject=subject,
        claimant="officials",
        claimant_chain=("officials",),
        start=0,
        end=len(sentence),
        figure_start=0,
        figure_end=9,
        subject_terms=sc.subjects,
        entities=sc.entities,
    )


# -- building a store in bulk -------------------------------------------------------


def workspace_plan(size: int, big_share: float, n_small: int, rng: np.random.Generator) -> list[str]:
    """The workspace of each article."""
    n_articles = max(1, size // CLAIMS_PER_ARTICLE)
    big = rng.random(n_articles) < big_share
    small = rng.integers(0, n_small, size=n_articles)
    return ["big" if big[i] else f"ws{small[i]}" for i in range(n_articles)]


#: Rows of one bulk-load batch: sources, claims, claim_terms, claimant_chain (SQLite's text encoding).
Batch = tuple[list[tuple], list[tuple], list[tuple], list[tuple]]


def generate_rows(size: int, vocab: Vocab, args: argparse.Namespace) -> Iterator[tuple[int, Batch]]:
    """The rows of a fresh store of ``size`` claims, in batches: (claims so far, rows).

    Ids start at 1; dates and times are ISO text and ``approx`` 0, as SQLite
    stores them (:func:`pg_batch` converts for PostgreSQL).
    """
    rng = np.random.default_rng(args.seed)
    plan = workspace_plan(size, args.big_share, args.workspaces, rng)
    start_day = date(2022, 2, 24)
    batch_articles = 2_000
    claim_id = 1
    for b in range(0, len(plan), batch_articles):
        chunk = plan[b:b + batch_articles]
        claims = [sc for article in draw_articles(len(chunk), vocab, rng) for sc in article]
        sources, claim_rows, term_rows, chain_rows = [], [], [], []
        first_source = b + 1
        for k, ws in enumerate(chunk):
            sid = first_source + k
            n = b + k
            day = start_day + timedelta(days=n * 1000 // max(1, len(plan)))
            created = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(seconds=n * 60)
            stamp = created.isoformat(timespec="microseconds")
            sources.append((
                sid, ws, None, f"https://news.example/{n}", f"Article {n}", "Example News", None,
                day.isoformat(), hashlib.sha256(str(n).encode()).hexdigest(), None, None, None, None,
                None, None, None, stamp,
            ))
            for sc in claims[k * CLAIMS_PER_ARTICLE:(k + 1) * CLAIMS_PER_ARTICLE]:
                subject = " ".join(sc.subjects)
                sentence = f"At least {int(sc.low)} {subject} {sc.measure}, officials said."
                claim_rows.append((
                    claim_id, ws, sid, sentence, 0, len(sentence), 0, 9, f"at least {int(sc.low)}",
                    sc.low, None, "at least", 0, sc.unit, sc.measure, subject, "officials", None, None,
                    None, "unreviewed", stamp, stamp,
                ))
                for pos, term in enumerate(sc.subjects):
                    term_rows.append((claim_id, ws, sc.measure, sc.unit, "subject", pos, term))
                for pos, term in enumerate(sc.entities):
                    term_rows.append((claim_id, ws, sc.measure, sc.unit, "entity", pos, term))
                chain_rows.append((claim_id, 0, "officials"))
                claim_id += 1
        done = min(len(plan), b + batch_articles) * CLAIMS_PER_ARTICLE
        yield done, (sources, claim_rows, term_rows, chain_rows)


def bulk_load(path: Path, size: int, vocab: Vocab, args: argparse.Namespace) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1048576")
    conn.execute("PRAGMA foreign_keys = ON")
    t0 = time.perf_counter()
    for done, (sources, claim_rows, term_rows, chain_rows) in generate_rows(size, vocab, args):
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO sources VALUES ({', '.join('?' * 17)})", sources)
        conn.executemany(
            'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end,'
            " figure_text, low, high, qualifier, approx, unit, measure, subject, claimant, location,"
            " ref_date, period, status, created_at, updated_at) VALUES (" + ", ".join("?" * 23) + ")",
            claim_rows,
        )
        conn.executemany("INSERT INTO claim_terms VALUES (?, ?, ?, ?, ?, ?, ?)", term_rows)
        conn.executemany("INSERT INTO claimant_chain VALUES (?, ?, ?)", chain_rows)
        conn.execute("COMMIT")
        print(f"  loaded {done:>9,} claims ({time.perf_counter() - t0:,.0f} s)", file=sys.stderr, flush=True)
    conn.execute("ANALYZE")
    conn.close()


# -- PostgreSQL ----------------------------------------------------------------------

SOURCE_COLS = (
    "id", "workspace", "path", "url", "title", "outlet", "author", "published", "text_hash", "guild_id",
    "channel_id", "message_id", "message_link", "poster", "poster_id", "posted_at", "created_at",
)
CLAIM_COLS = (
    "id", "workspace", "source_id", "sentence", "start", "end", "figure_start", "figure_end", "figure_text",
    "low", "high", "qualifier", "approx", "unit", "measure", "subject", "claimant", "location", "ref_date",
    "period", "status", "created_at", "updated_at",
)
TERM_COLS = ("claim_id", "workspace", "measure", "unit", "kind", "position", "term")
CHAIN_COLS = ("claim_id", "position", "name")


def pg_batch(rows: Batch) -> Batch:
    """A batch of :func:`generate_rows` with native DATE, TIMESTAMPTZ and BOOLEAN values."""
    sources, claims, terms, chains = rows
    sources = [(*r[:7], date.fromisoformat(r[7]), *r[8:16], datetime.fromisoformat(r[16])) for r in sources]
    claims = [
        (*r[:12], bool(r[12]), *r[13:21], datetime.fromisoformat(r[21]), datetime.fromisoformat(r[22]))
        for r in claims
    ]
    return sources, claims, terms, chains


def pg_schema(size: int) -> str:
    return f"bench_{size}"


def pg_url_for(base: str, size: int) -> str:
    from storage.postgres import with_search_path

    return with_search_path(base, pg_schema(size))


async def pg_connect(base: str, size: int):  # noqa: ANN201 - asyncpg.Connection
    import asyncpg

    return await asyncpg.connect(base, server_settings={"search_path": f"{pg_schema(size)},public"})


async def pg_stored_size(base: str, size: int) -> int:
    conn = await pg_connect(base, size)
    try:
        if await conn.fetchval("SELECT to_regclass('claims')") is None:
            return -1
        return await conn.fetchval("SELECT COUNT(*) FROM claims")
    finally:
        await conn.close()


async def bulk_load_postgres(base: str, size: int, vocab: Vocab, args: argparse.Namespace) -> None:
    """COPY the rows of :func:`generate_rows` into ``bench_<size>``; secondary indexes built afterwards."""
    schema = pg_schema(size)
    conn = await pg_connect(base, size)
    try:
        await conn.execute("SET synchronous_commit = off; SET maintenance_work_mem = '512MB'")
        indexes = await conn.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i"
            " WHERE i.schemaname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
            " WHERE c.conname = i.indexname AND c.connamespace = $1::regnamespace)",
            schema,
        )
        for ix in indexes:
            await conn.execute(f'DROP INDEX "{schema}"."{ix["indexname"]}"')
        t0 = time.perf_counter()
        for done, rows in generate_rows(size, vocab, args):
            sources, claims, terms, chains = pg_batch(rows)
            async with conn.transaction():
                await conn.copy_records_to_table("sources", records=sources, columns=SOURCE_COLS)
                await conn.copy_records_to_table("claims", records=claims, columns=CLAIM_COLS)
                await conn.copy_records_to_table("claim_terms", records=terms, columns=TERM_COLS)
                await conn.copy_records_to_table("claimant_chain", records=chains, columns=CHAIN_COLS)
            print(f"  copied {done:>9,} claims ({time.perf_counter() - t0:,.0f} s)", file=sys.stderr, flush=True)
        for ix in indexes:
            await conn.execute(ix["indexdef"])
        print(f"  indexed ({time.perf_counter() - t0:,.0f} s)", file=sys.stderr, flush=True)
        for table in ("sources", "claims"):  # the identities continue above the copied ids
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), m)"
                f" FROM (SELECT MAX(id) AS m FROM {table}) top WHERE m IS NOT NULL"
            )
        await conn.execute("VACUUM (ANALYZE) sources, claims, claim_terms, claimant_chain")
    finally:
        await conn.close()


async def prepare_postgres(base: str, size: int, vocab: Vocab, args: argparse.Namespace) -> None:
    import asyncpg

    from storage.postgres import ensure_trgm

    expected = max(1, size // CLAIMS_PER_ARTICLE) * CLAIMS_PER_ARTICLE
    if not args.rebuild and await pg_stored_size(base, size) >= expected:
        print(f"reusing schema {pg_schema(size)}", file=sys.stderr)
        return
    conn = await asyncpg.connect(base)
    try:
        await ensure_trgm(conn)
        await conn.execute(f"DROP SCHEMA IF EXISTS {pg_schema(size)} CASCADE; CREATE SCHEMA {pg_schema(size)}")
    finally:
        await conn.close()
    url = pg_url_for(base, size)
    # The store creates its own schema: the bench loads into exactly what ships.
    store = await open_store(url, Settings(_env_file=None, db=url))
    await store.close()
    print(f"building schema {pg_schema(size)} ({expected:,} claims)", file=sys.stderr)
    t = time.perf_counter()
    await bulk_load_postgres(base, size, vocab, args)
    print(f"built in {time.perf_counter() - t:,.0f} s", file=sys.stderr)


async def drop_ingested(base: str, size: int) -> None:
    """Remove the articles :func:`measure` ingested, so the next run measures the same store."""
    conn = await pg_connect(base, size)
    try:
        async with conn.transaction():
            await conn.execute(
                "CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT c.id FROM claims c JOIN sources s"
                " ON s.id = c.source_id WHERE s.url LIKE 'https://bench.example/%'"
            )
            for table in ("claim_terms", "claimant_chain"):
                await conn.execute(f"DELETE FROM {table} WHERE claim_id IN (SELECT id FROM gone)")
            await conn.execute("DELETE FROM claims WHERE id IN (SELECT id FROM gone)")
            await conn.execute("DELETE FROM sources WHERE url LIKE 'https://bench.example/%'")
    finally:
        await conn.close()


# -- measuring -----------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(location: Path | str, size: int, vocab: Vocab, args: argparse.Namespace) -> dict[str, float]:
    """Lookups and ingest on the store at ``location`` (a SQLite path or a postgresql:// URL)."""
    settings = Settings(_env_file=None, db=str(location), db_timeout=60)
    rng = np.random.default_rng(args.seed + 1)
    store = await open_store(str(location), settings, cache_size=args.cache_size, postings_cap=args.postings_cap,
                             lead_depth=args.lead_depth)
    backend = store.driver.backend
    limit = args.limit or settings.candidate_limit
    try:
        total = await store.count_claims("big")
        articles = draw_articles(args.articles + args.warmup, vocab, rng)
        per_claim: list[float] = []
        per_article: list[float] = []
        found: list[int] = []
        for i, article in enumerate(articles):
            t_article = time.perf_counter()
            for sc in article:
                t = time.perf_counter()
                cands = await store.candidates(
                    "big", measure=sc.measure, units=units_for(sc.unit),
                    terms=list(sc.subjects), limit=limit,
                )
                if i >= args.warmup:
                    per_claim.append(time.perf_counter() - t)
                    found.append(len(cands))
            if i >= args.warmup:
                per_article.append(time.perf_counter() - t_article)

        # The ranking query alone (ids, no claims loaded): the indexed part, whose
        # cost must not grow with the store.
        ranking: list[float] = []
        for article in articles[args.warmup:]:
            for sc in article:
                units, terms = units_for(sc.unit), list(sc.subjects)
                t = time.perf_counter()
                await store.driver.read(
                    lambda ex, sc=sc, units=units, terms=terms: store._gather_candidates(
                        ex, "big", sc.measure, units, terms, None, limit
                    )
                )
                ranking.append(time.perf_counter() - t)

        # The same lookups, an article's claims at once (as an engine may gather them).
        concurrent: list[float] = []
        for article in articles[args.warmup:]:
            t = time.perf_counter()
            await asyncio.gather(*(
                store.candidates("big", measure=sc.measure, units=units_for(sc.unit),
                                 terms=list(sc.subjects), limit=limit)
                for sc in article
            ))
            concurrent.append(time.perf_counter() - t)

        # The same lookups in one call (candidates_many: each earlier claim loaded once).
        batched: list[float] = []
        for article in articles[args.warmup:]:
            queries = [CandidateQuery(sc.measure, tuple(units_for(sc.unit)), tuple(sc.subjects))
                       for sc in article]
            t = time.perf_counter()
            await store.candidates_many("big", queries, limit=limit)
            batched.append(time.perf_counter() - t)

        ingest = draw_articles(args.ingest, vocab, rng)
        t = time.perf_counter()
        for n, article in enumerate(ingest):
            info = SourceInfo(
                workspace="big", url=f"https://bench.example/{size}/{time.time_ns()}/{n}",
                text_hash=hashlib.sha256(f"{time.time_ns()}-{n}".encode()).hexdigest(),
                published=date(2025, 1, 1),
            )
            await store.add_article(info, [to_claim(sc) for sc in article])
        ingest_s = time.perf_counter() - t
    finally:
        await store.close()
    return {
        "backend": backend,
        "size": size,
        "big": total,
        "claim_med": statistics.median(per_claim) * 1000,
        "claim_p95": pct(per_claim, 0.95) * 1000,
        "article_med": statistics.median(per_article) * 1000,
        "article_p95": pct(per_article, 0.95) * 1000,
        "found": statistics.mean(found),
        "gathered_med": statistics.median(concurrent) * 1000,
        "batched_med": statistics.median(batched) * 1000,
        "rank_med": statistics.median(ranking) * 1000,
        "rank_p95": pct(ranking, 0.95) * 1000,
        "batched_p95": pct(batched, 0.95) * 1000,
        "ingest": args.ingest / ingest_s,
    }


def stored_size(path: Path) -> int:
    if not path.exists():
        return -1
    conn = sqlite3.connect(path)
    try:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'claims'").fetchone()
        return conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] if has else -1
    finally:
        conn.close()


async def prepare(path: Path, size: int, vocab: Vocab, args: argparse.Namespace) -> None:
    expected = max(1, size // CLAIMS_PER_ARTICLE) * CLAIMS_PER_ARTICLE
    if not args.rebuild and stored_size(path) >= expected:
        print(f"reusing {path}", file=sys.stderr)
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    # The store creates its own schema: the bench loads into exactly what ships.
    store = await open_store(str(path), Settings(_env_file=None, db=str(path)))
    await store.close()
    print(f"building {path} ({expected:,} claims)", file=sys.stderr)
    t = time.perf_counter()
    bulk_load(path, size, vocab, args)
    print(f"built in {time.perf_counter() - t:,.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="store sizes in claims, comma-separated")
    parser.add_argument("--db-dir", type=Path, default=None, help="where to keep the databases (default: a temp dir)")
    parser.add_argument("--articles", type=int, default=40, help="articles of ~30 claims looked up per size")
    parser.add_argument("--warmup", type=int, default=10, help="articles looked up first, not timed")
    parser.add_argument("--ingest", type=int, default=200, help="articles ingested to time add_article")
    parser.add_argument("--big-share", type=float, default=0.6, help="share of claims in the one big workspace")
    parser.add_argument("--workspaces", type=int, default=200, help="number of small workspaces")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=int, default=0,
                        help="candidates per claim (default: the candidate_limit setting, 200)")
    parser.add_argument("--cache-size", type=int, default=DEFAULT_CACHE_SIZE,
                        help="claims cached in memory by the store (0: every lookup reads the database)")
    parser.add_argument("--postings-cap", type=int, default=DEFAULT_POSTINGS_CAP,
                        help="newest postings read per (term, unit)")
    parser.add_argument("--lead-depth", type=int, default=DEFAULT_LEAD_DEPTH,
                        help="postings read of the sparsest common term when a claim has several terms")
    parser.add_argument("--rebuild", action="store_true", help="rebuild databases even when present")
    parser.add_argument("--backend", default="sqlite",
                        help="backends to measure, comma-separated: sqlite, postgres (default: sqlite)")
    parser.add_argument("--pg-url", default=os.environ.get("CROSSCHECK_BENCH_PG_URL")
                        or os.environ.get("CROSSCHECK_TEST_PG_URL"),
                        help="PostgreSQL database for the bench_<size> schemas "
                             "(default: CROSSCHECK_BENCH_PG_URL, else CROSSCHECK_TEST_PG_URL)")
    args = parser.parse_args()
    backends = [b.strip() for b in args.backend.split(",") if b.strip()]
    unknown = set(backends) - {"sqlite", "postgres"}
    if unknown or not backends:
        parser.error(f"--backend takes sqlite and/or postgres, not {', '.join(sorted(unknown)) or 'nothing'}")
    if "postgres" in backends and not args.pg_url:
        parser.error("--backend postgres needs --pg-url (or CROSSCHECK_BENCH_PG_URL)")

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    db_dir = args.db_dir or Path(tempfile.mkdtemp(prefix="crosscheck-bench-"))
    db_dir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab.build()
    results = []
    for size in sizes:
        if "sqlite" in backends:
            path = db_dir / f"bench_{size}.db"
            asyncio.run(prepare(path, size, vocab, args))
            # Measure on a copy, so the ingest test leaves the built store as it was.
            run_path = db_dir / f"bench_{size}.run.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{run_path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(path, run_path)
            try:
                results.append(asyncio.run(measure(run_path, size, vocab, args)))
            finally:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{run_path}{suffix}").unlink(missing_ok=True)
        if "postgres" in backends:
            asyncio.run(prepare_postgres(args.pg_url, size, vocab, args))
            try:
                results.append(asyncio.run(measure(pg_url_for(args.pg_url, size), size, vocab, args)))
            finally:  # the built store stays as it was for the next run
                asyncio.run(drop_ingested(args.pg_url, size))

    print(f"\ncache_size={args.cache_size} postings_cap={args.postings_cap} lead_depth={args.lead_depth} "
          f"limit={args.limit or 'candidate_limit'}")
    print(f"candidates(): {args.articles} articles x {CLAIMS_PER_ARTICLE} claims in the big workspace; "
          f"ingest: {args.ingest} articles x {CLAIMS_PER_ARTICLE} claims")
    print("article = its claims' candidates() one after another; gathered = all at once (asyncio.gather);")
    print("batched = one candidates_many() call; rank = the ranking query alone (ids only), per claim")
    header = (f"{'backend':<8} {'claims':>10} {'big ws':>9} {'rank med':>9} {'rank p95':>9} "
              f"{'claim med':>10} {'claim p95':>10} "
              f"{'article med':>12} {'article p95':>12} {'gathered med':>13} {'batched med':>12} {'batched p95':>12} "
              f"{'cands/claim':>12} {'ingest art/s':>13}")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['backend']:<8} {r['size']:>10,} {r['big']:>9,} {r['rank_med']:>7.2f}ms {r['rank_p95']:>7.2f}ms "
              f"{r['claim_med']:>8.2f}ms {r['claim_p95']:>8.2f}ms "
              f"{r['article_med']:>10.1f}ms {r['article_p95']:>10.1f}ms {r['gathered_med']:>11.1f}ms "
              f"{r['batched_med']:>10.1f}ms {r['batched_p95']:>10.1f}ms "
              f"{r['found']:>12.0f} {r['ingest']:>13.0f}")
    for backend in backends:
        mine = [r for r in results if r["backend"] == backend]
        if len(mine) > 1:
            for key in ("rank_med", "article_med", "batched_med"):
                if key in mine[0]:
                    ratio = mine[-1][key] / mine[0][key]
                    print(f"{backend}: {key} at {mine[-1]['size']:,} / at {mine[0]['size']:,}: {ratio:.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark one whole check: a ~1,000-word article against stores of growing size.

    python scripts/bench_store.py --sizes 10000,100000,1000000 --db-dir /tmp/bench   # builds the stores
    python scripts/bench_check.py --db-dir /tmp/bench [--repeat 15] [--article FILE]

For each ``bench_<size>.db`` in ``--db-dir`` (built by ``scripts/bench_store.py``)
it opens the real store and checker (``bot.app.open_app``) once, loads the
spaCy model once, and then times, after a warm-up, the median of:

* **engine**: article text -> claims (``Engine.extract``, the NLP worker's job);
* **store + verdicts**: candidates from the store for every claim and the
  verdicts (``Checker.check_claims``), nothing stored.

The article (default: seeds 000, 003 and 004 joined, about 1,000 words, read
from ``../shared/seeds``) is checked in the store's big workspace, where the
synthetic claims share its vocabulary ("soldier", "killed", "ukraine"...).

Stories at scale (``--stories``)::

    python scripts/bench_check.py --stories --sizes 10000,1000000 --backend sqlite,postgres \
        --db-dir /tmp/bench [--pg-url postgresql://postgres@127.0.0.1:5432/test]

builds (once, then reuses) stores of 10,000 to 1,000,000 claims in stories
(``scripts/story_stores.py``: 10 claims an article, 2 articles a story on
average, so a million claims are ~50,000 stories over two years, the
article's own words among the synthetic vocabulary) and times the whole
``Checker.check_claims`` of the article, nothing stored: its story features,
candidate stories from the inverted index, the assignment, the story's claims
and every verdict. It prints the median and p95 per size and backend, and the
growth from the smallest size. (A store built by ``bench_store.py`` before
stories existed gets its stories at its first open: a long backfill.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bot.app import build_engine, open_app  # noqa: E402
from bot.engine.types import SourceInfo  # noqa: E402
from bot.settings import Settings  # noqa: E402


def default_article() -> str:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit("no article: give --article FILE, or run from a checkout with ../shared/seeds")
    picked = [s for s in seeds if s.name.startswith(("000", "003", "004"))] or seeds[:3]
    return "\n".join(s.read_text("utf-8") for s in picked)


async def big_workspace(store) -> str:  # noqa: ANN001
    names = await store.workspaces()
    counts = {w: await store.count_claims(w) for w in names}
    return max(counts, key=counts.get)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db-dir", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--article", type=Path)
    ap.add_argument("--stories", action="store_true", help="time checks against stores with stories")
    ap.add_argument("--sizes", default="10000,1000000", help="--stories: claims per store, comma-separated")
    ap.add_argument("--backend", default="sqlite", help="--stories: sqlite, postgres or both (comma-separated)")
    ap.add_argument("--pg-url", default=os.environ.get("CROSSCHECK_BENCH_PG_URL")
                    or os.environ.get("CROSSCHECK_TEST_PG_URL"))
    args = ap.parse_args()
    text = args.article.read_text("utf-8") if args.article else default_article()
    words = len(re.findall(r"\w+", text))
    if args.stories:
        await stories_main(args, text, words)
        return
    dbs = sorted(args.db_dir.glob("bench_*.db"), key=lambda p: int(re.findall(r"\d+", p.name)[0]))
    if not dbs:
        sys.exit(f"no bench_<size>.db in {args.db_dir}: run scripts/bench_store.py --db-dir {args.db_dir} first")
    settings = Settings(_env_file=None)
    t0 = time.perf_counter()
    engine = await build_engine(settings)
    print(f"article: {words} words; model loaded in {time.perf_counter() - t0:.1f} s")
    print(f"{'claims in store':>16} {'claims found':>12} {'engine med':>11} {'store+verdicts med':>19} "
          f"{'p95':>8} {'total med':>10}")
    for db in dbs:
        size = int(re.findall(r"\d+", db.name)[0])
        async with open_app(settings.model_copy(update={"db": str(db)}), engine=engine) as app:
            workspace = await big_workspace(app.store)
            article = await app.checker.read(text, SourceInfo(workspace=workspace, published=date(2025, 1, 14)))
            article = replace(article, source=replace(article.source, text_hash="bench-" + article.source.text_hash))
            claims = await app.worker.extract(article)
            for _ in range(3):  # warm caches
                await app.checker.check_claims(article, claims)
            eng, ver = [], []
            for _ in range(args.repeat):
                a = time.perf_counter()
                claims = await app.worker.extract(article)
                b = time.perf_counter()
                await app.checker.check_claims(article, claims)
                c = time.perf_counter()
                eng.append((b - a) * 1000)
                ver.append((c - b) * 1000)
            p95 = sorted(ver)[max(0, int(len(ver) * 0.95) - 1)]
            print(f"{size:>16,} {len(claims):>12} {statistics.median(eng):>9.1f}ms {statistics.median(ver):>17.1f}ms "
                  f"{p95:>6.1f}ms {statistics.median(eng) + statistics.median(ver):>8.1f}ms")


async def stories_main(args, text: str, words: int) -> None:  # noqa: ANN001
    from story_stores import WORKSPACE

    from bot.engine.stories import features

    settings = Settings(_env_file=None)
    t0 = time.perf_counter()
    engine = await build_engine(settings)
    article = engine.read(text, SourceInfo(workspace=WORKSPACE, published=date(2024, 12, 20)))
    article = replace(article, source=replace(article.source, text_hash="bench-" + article.source.text_hash))
    claims = engine.extract(article)
    feats = features(text, title=article.source.title, published=article.source.published, claims=claims)
    print(f"article: {words} words, {len(claims)} claims; model loaded in {time.perf_counter() - t0:.1f} s")
    print(f"{'backend':>9} {'claims in store':>16} {'stories':>8} {'check med':>10} {'p95':>8} {'growth':>7}")
    args.db_dir.mkdir(parents=True, exist_ok=True)
    for backend in [b.strip() for b in args.backend.split(",") if b.strip()]:
        first = None
        for size in [int(x) for x in args.sizes.split(",")]:
            url, n_stories = await ensure_story_store(backend, size, feats, claims, args, settings)
            async with open_app(settings.model_copy(update={"db": url}), engine=engine) as app:
                for _ in range(3):
                    await app.checker.check_claims(article, claims)
                times = []
                for _ in range(args.repeat):
                    a = time.perf_counter()
                    report = await app.checker.check_claims(article, claims)
                    times.append((time.perf_counter() - a) * 1000)
            med = statistics.median(times)
            first = first or med
            p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
            compared = sum(len(c.evidence) for c in report.checks)
            print(f"{backend:>9} {size:>16,} {n_stories:>8,} {med:>8.1f}ms {p95:>6.1f}ms {med / first:>6.2f}x"
                  f"   story #{report.story.id if report.story else '-'}"
                  f" of {len(report.story.source_ids) if report.story else 0}"
                  f" articles, {compared} evidence shown", flush=True)


async def ensure_story_store(backend: str, size: int, feats, claims, args, settings) -> tuple[str, int]:  # noqa: ANN001
    """A store of ``size`` claims in stories (built once, then reused) and its number of stories."""
    import story_stores

    from storage import open_store

    def build():  # noqa: ANN202
        return story_stores.build(size, list(feats.terms), measures=tuple(sorted({c.measure for c in claims})),
                                  day=feats.day)

    if backend == "sqlite":
        import sqlite3

        from storage.driver import encode_text_value

        path = args.db_dir / f"stories_{size}.db"
        if path.exists():
            conn = sqlite3.connect(path)
            try:
                n = conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
                stories = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            finally:
                conn.close()
            if n == size and conn is not None:
                return str(path), stories
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        await (await open_store(str(path), settings)).close()
        data = build()
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA synchronous = OFF")
            for name, cols, rows in story_stores.tables(data):
                sql = (f"INSERT INTO {name} ({', '.join(chr(34) + c + chr(34) for c in cols)})"
                       f" VALUES ({', '.join('?' * len(cols))})")
                conn.executemany(sql, ([encode_text_value(v) for v in r] for r in rows))
            conn.commit()
            conn.execute("ANALYZE")
        finally:
            conn.close()
        return str(path), len(data.stories)
    if backend != "postgres":
        sys.exit(f"unknown backend {backend!r}: use sqlite or postgres")
    if not args.pg_url:
        sys.exit("--backend postgres needs --pg-url (or CROSSCHECK_BENCH_PG_URL / CROSSCHECK_TEST_PG_URL)")
    import asyncpg

    from storage.postgres import ensure_trgm, with_search_path

    schema = f"bench_stories_{size}"
    url = with_search_path(args.pg_url, schema)
    conn = await asyncpg.connect(args.pg_url)
    try:
        exists = await conn.fetchval("SELECT 1 FROM information_schema.tables WHERE table_schema = $1"
                                     " AND table_name = 'stories'", schema)
        if exists:
            n = await conn.fetchval(f'SELECT COUNT(*) FROM "{schema}".claims')
            if n == size:
                return url, await conn.fetchval(f'SELECT COUNT(*) FROM "{schema}".stories')
        await ensure_trgm(conn)
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    await (await open_store(url, settings)).close()
    data = build()
    conn = await asyncpg.connect(args.pg_url, server_settings={"search_path": f"{schema},public"})
    try:
        for name, cols, rows in story_stores.tables(data):
            await conn.copy_records_to_table(name, records=rows, columns=list(cols), schema_name=schema)
        for table in ("sources", "claims", "stories"):
            await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return url, len(data.stories)


if __name__ == "__main__":
    asyncio.run(main())

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
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import re
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.app import build_engine, open_app  # noqa: E402
from bot.engine.types import SourceInfo  # noqa: E402
from bot.settings import Settings  # noqa: E402


def default_article() -> str:
    seeds = sorted(glob.glob(str(ROOT.parent / "shared" / "seeds" / "*.txt")))
    if not seeds:
        sys.exit("no article: give --article FILE, or run from a checkout with ../shared/seeds")
    picked = [s for s in seeds if Path(s).name.startswith(("000", "003", "004"))] or seeds[:3]
    return "\n".join(Path(s).read_text("utf-8") for s in picked)


async def big_workspace(store) -> str:  # noqa: ANN001
    names = await store.workspaces()
    counts = {w: await store.count_claims(w) for w in names}
    return max(counts, key=counts.get)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db-dir", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--article", type=Path)
    args = ap.parse_args()
    text = args.article.read_text("utf-8") if args.article else default_article()
    words = len(re.findall(r"\w+", text))
    dbs = sorted(args.db_dir.glob("bench_*.db"), key=lambda p: int(re.findall(r"\d+", p.name)[0]))
    if not dbs:
        sys.exit(f"no bench_<size>.db in {args.db_dir}: run scripts/bench_store.py --db-dir {args.db_dir} first")
    settings = Settings(_env_file=None)
    t0 = time.perf_counter()
    engine = await build_engine(settings)
    print(f"article: {words} words; model loaded in {time.perf_counter() - t0:.1f} s")
    print(f"{'claims in store':>16} {'claims found':>12} {'engine med':>11} {'store+verdicts med':>19} {'p95':>8} {'total med':>10}")
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


if __name__ == "__main__":
    asyncio.run(main())

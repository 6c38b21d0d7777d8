#!/usr/bin/env python
"""Benchmark: the engine (figure pre-filter + parse of figure sentences) vs the full pipeline.

    python scripts/bench_engine.py [FILES...] [--repeat 5]

With no files it reads ../shared/seeds/*.txt. Prints tokens per second for
the plain full spaCy pipeline over every line of the text, and for the
engine's extraction, the speed-up, and whether any figure was lost: every
figure the parser finds on the full-pipeline docs must also be in the
engine's claims (or deliberately used as a period).
"""

from __future__ import annotations

import argparse
import glob
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.figures import find_figures  # noqa: E402
from bot.engine.pipeline import Engine  # noqa: E402
from bot.engine.text import prepare  # noqa: E402
from bot.engine.types import Article  # noqa: E402
from bot.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(str(ROOT.parent / "shared" / "seeds" / "*.txt")))
    if not files:
        sys.exit("no input files: give some, or run from a checkout with ../shared/seeds")
    texts = [Path(f).read_text("utf-8") for f in files]
    engine = Engine.from_settings(Settings(_env_file=None))
    nlp = engine.nlp
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    print(f"{len(files)} articles, {tokens:,} tokens, pipeline {nlp.meta.get('name')} {nlp.meta.get('version')}")

    # warm up both paths once
    for t in texts:
        list(nlp.pipe(line.text for line in prepare(t, max_chars=10**7).lines))
        engine.extract(Article(text=t))

    full_times, engine_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in texts:
            list(nlp.pipe([line.text for line in prepare(t, max_chars=10**7).lines]))
        full_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            engine.extract(Article(text=t))
        engine_times.append(time.perf_counter() - t0)
    full, eng = statistics.median(full_times), statistics.median(engine_times)
    print(f"full pipeline : {tokens / full:10,.0f} tokens/s  ({full * 1000:.1f} ms)")
    print(f"engine        : {tokens / eng:10,.0f} tokens/s  ({eng * 1000:.1f} ms)")
    print(f"speed-up      : {full / eng:.2f}x")

    # no figure lost: figures on fully parsed lines vs figures in the engine's claims
    lost = 0
    total = 0
    for t in texts:
        prep = prepare(t, max_chars=10**7)
        full_figs: dict[int, tuple] = {}
        for line, doc in zip(prep.lines, nlp.pipe([line.text for line in prep.lines])):
            for m in find_figures(doc):
                full_figs[line.start + m.start_char] = (m.figure.low, m.figure.high)
        claims = engine.extract(Article(text=t))
        got = {c.figure_start for c in claims}
        values = {(c.figure.low, c.figure.high) for c in claims}
        periods = {s for s in full_figs if s not in got and _is_period(t, s)}
        # a headline repeating the lead's figure is one claim: not lost
        repeated = {s for s in set(full_figs) - got if full_figs[s] in values}
        missing = set(full_figs) - got - periods - repeated
        total += len(full_figs)
        lost += len(missing)
        for s in sorted(missing):
            print(f"  lost figure at {s}: {t[s:s + 40]!r}")
    print(f"figures: {total} on full parse, {lost} lost by the engine "
          "(durations used as periods and headlines repeating the lead are not claims of their own)")


def _is_period(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start].lower()
    return any(w in before.split()[-3:] for w in ("in", "within", "over", "during", "for", "last", "past")) if before.split() else False


if __name__ == "__main__":
    main()

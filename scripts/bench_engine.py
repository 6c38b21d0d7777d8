#!/usr/bin/env python
"""Benchmark: the engine against spaCy's plain full pipeline, on distinct real news text.

    python scripts/bench_engine.py [--articles 200] [--runs 3] [--data ../shared/datasets/gva_dev.jsonl]
    python scripts/bench_engine.py FILE...            # your own articles instead

The articles are the development GVA set's news pages (read at run time, never copied), each
text once: no text is repeated, so no cache keyed on a text can help. Each run times, one after
the other on the same texts:

* **full pipeline**: ``nlp.pipe`` of every article's whole text with every component, spaCy's
  pipeline as shipped (``spacy.load``, thinc's default ``blis`` ops): the target's baseline;
* **full pipeline, engine's ops**: the same with the pipeline the engine loads (numpy's BLAS for
  its matrices, see ``load_pipeline``), to show how much of the speed-up that choice is;
* **engine**: ``Engine.extract_many`` in batches of 32 articles (what ``crosscheck check`` over
  many files does): raw-line gate, pre-filter, one stream of the figure sentences through the
  pipeline's components (``bot.engine.parsing``: the attribute ruler exact and faster, a sentence
  the batch holds twice parsed once; nothing kept between batches or runs), claim extraction.

It prints tokens per second for both and the speed-up, each the median of ``--runs`` runs,
after a warm-up on other articles of the set, and the speed-up in CPU time (less disturbed by
other work on the machine). Then **figures lost**: the claims of the full
path (every line tokenised, every sentence looked at, no gate, each article alone, its figure
sentences parsed by spaCy's own ``nlp.pipe``) that the fast path does not give, compared field
by field (every field of the claim's JSON).

With ``--cli`` it times the command line instead: the articles are written to a temporary
folder, then ``crosscheck check FILES... --json`` (an empty store) runs over all of them and over
one of them, and the difference (start-up and model load removed) is set against ``nlp.pipe``
of the same texts in this process. Median of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.pipeline import Engine  # noqa: E402
from bot.engine.types import Article  # noqa: E402
from bot.settings import Settings  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "gva_dev.jsonl"
BATCH = 32


def gva_texts(path: Path) -> list[str]:
    """Every distinct article text of the set, in file order (title line, blank line, body)."""
    if not path.exists():
        sys.exit(f"no data set at {path}: give --data, or article files")
    seen: set[str] = set()
    out: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        for doc in json.loads(line)["docs"]:
            body = doc.get("content") or ""
            if len(body) < 200 or body in seen:
                continue
            seen.add(body)
            out.append(f"{doc.get('title') or ''}\n\n{body}")
    return out


def run_engine(engine: Engine, texts: list[str]) -> list:
    out = []
    for i in range(0, len(texts), BATCH):
        out.extend(engine.extract_many([Article(text=t) for t in texts[i : i + BATCH]]))
    return out


def claim_rows(result) -> list[str]:  # noqa: ANN001
    if isinstance(result, Exception):
        return [f"error: {result}"]
    return [json.dumps(c.to_json(), sort_keys=True, default=str) for c in result]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cli", action="store_true", help="time `crosscheck check` over the files instead")
    args = ap.parse_args()
    if args.files:
        texts, warm = [Path(f).read_text("utf-8") for f in args.files], []
    else:
        every = gva_texts(args.data)
        texts, warm = every[: args.articles], every[args.articles : args.articles + 40]
    if args.cli:
        bench_cli(texts, args.runs)
        return
    import spacy

    settings = Settings(_env_file=None)
    engine = Engine.from_settings(settings)
    nlp = engine.nlp
    shipped = spacy.load(settings.spacy_model)  # spaCy as shipped: the baseline
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    print(f"{len(texts)} distinct articles, {tokens:,} tokens; pipeline {nlp.meta.get('name')} "
          f"{nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})")

    for t in warm or texts[:20]:  # warm both paths on other articles
        list(nlp.pipe([t]))
        list(shipped.pipe([t]))
    run_engine(engine, warm or texts[:20])

    full_times, engine_times, full_cpu, engine_cpu, same_ops = [], [], [], [], []
    for _ in range(args.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in shipped.pipe(texts):
            pass
        full_times.append(time.perf_counter() - t0)
        full_cpu.append(time.process_time() - c0)
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        same_ops.append(time.perf_counter() - t0)
        t0, c0 = time.perf_counter(), time.process_time()
        fast = run_engine(engine, texts)
        engine_times.append(time.perf_counter() - t0)
        engine_cpu.append(time.process_time() - c0)
    full, eng = statistics.median(full_times), statistics.median(engine_times)
    print(f"full pipeline (nlp.pipe) : {tokens / full:9,.0f} tokens/s  ({full:.2f} s; runs {_fmt(full_times)})")
    ops = statistics.median(same_ops)
    print(f"full, engine's ops       : {tokens / ops:9,.0f} tokens/s  ({ops:.2f} s; runs {_fmt(same_ops)})")
    print(f"engine (extract_many)    : {tokens / eng:9,.0f} tokens/s  ({eng:.2f} s; runs {_fmt(engine_times)})")
    print(f"speed-up                 : {full / eng:.2f}x (median of {args.runs}; "
          f"{ops / eng:.2f}x the full pipeline on the engine's ops)")
    # CPU time is less disturbed by other work on the machine than wall time (the target is wall time)
    print(f"speed-up in CPU time     : {statistics.median(full_cpu) / statistics.median(engine_cpu):.2f}x "
          f"(full {_fmt(full_cpu)} s; engine {_fmt(engine_cpu)} s)")

    # the full path: no gate, spaCy's own components, each article alone
    engine.gate = False
    lost = changed_articles = total = 0
    for text, got in zip(texts, fast, strict=True):
        try:
            want = engine.extract(Article(text=text))
        except Exception as exc:  # noqa: BLE001 - compared like a result
            want = exc
        a, b = claim_rows(want), claim_rows(got)
        total += len(a)
        missing = [row for row in a if row not in b]
        lost += len(missing)
        changed_articles += a != b
        for row in missing[:3]:
            print(f"  lost: {row[:160]}")
    engine.gate = True
    print(f"figures lost             : {lost} of {total} claims of the full path "
          f"({changed_articles} articles differ in any field)")


def bench_cli(texts: list[str], runs: int) -> None:
    import spacy

    exe = shutil.which("crosscheck")
    cmd = [exe] if exe else [sys.executable, "-m", "bot"]
    nlp = spacy.load(Settings(_env_file=None).spacy_model)
    tokens = sum(len(nlp.make_doc(t)) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, text in enumerate(texts):
            f = Path(tmp) / f"{i:04d}.txt"
            f.write_text(text, "utf-8")
            files.append(str(f))
        db = str(Path(tmp) / "empty.db")

        def timed(paths: list[str]) -> float:
            t0 = time.perf_counter()
            done = subprocess.run([*cmd, "check", *paths, "--db", db, "--json"], capture_output=True, text=True)
            if done.returncode not in (0, 3):
                sys.exit(f"crosscheck check failed ({done.returncode}): {done.stderr[-500:]}")
            return time.perf_counter() - t0

        print(f"{len(texts)} distinct articles, {tokens:,} tokens; command: {' '.join(cmd)} check FILES --json")
        timed(files[:1])  # warm the file cache
        cli, full, start = [], [], []
        for _ in range(runs):
            one = timed(files[:1])
            many = timed(files)
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts):
                pass
            full.append(time.perf_counter() - t0)
            start.append(one)
            cli.append(many - one)
    c, f = statistics.median(cli), statistics.median(full)
    print(f"crosscheck check, start-up removed : {c:.2f} s ({tokens / c:,.0f} tokens/s; runs {_fmt(cli)}; "
          f"one-file check {statistics.median(start):.2f} s)")
    print(f"nlp.pipe, full pipeline            : {f:.2f} s ({tokens / f:,.0f} tokens/s; runs {_fmt(full)})")
    print(f"speed-up                           : {f / c:.2f}x (median of {runs})")


def _fmt(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    main()

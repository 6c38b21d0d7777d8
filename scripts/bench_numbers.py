"""Extraction time against the numbers in a text: one sentence of N bare numbers, and sentences of 99.

    python scripts/bench_numbers.py

Prints, for 1,000 / 4,000 / 10,000 random numbers in one sentence (the
10,000 text is 69 KB, under the size limit) and for 69 KB of sentences holding
99 numbers each, the seconds taken and what came out: claims, or the one-line
refusal. Work must grow with the text, not with its square.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine.errors import InputError
from bot.engine.pipeline import Engine
from bot.settings import Settings


def measure(engine: Engine, label: str, text: str) -> None:
    start = time.perf_counter()
    try:
        claims = engine.extract(engine.read(text))
        outcome = f"{len(claims)} claims"
    except InputError as exc:
        outcome = f"refused: {exc}"
    took = time.perf_counter() - start
    print(f"{label:34s} {len(text) / 1000:6.1f} KB {took:7.2f} s  {outcome[:110]}")


def main() -> None:
    engine = Engine.from_settings(Settings(_env_file=None))
    rng = random.Random(1)
    for n in (1_000, 4_000, 10_000):
        nums = ", ".join(str(rng.randint(1, 99_999)) for _ in range(n))
        measure(engine, f"{n:,} numbers in one sentence", f"The figures were {nums}.")
    for kb in (17, 35, 69):
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < kb * 1000:
            nums = ", ".join(str(rng.randint(2, 9_999)) for _ in range(99))
            sentences.append(f"The survey counted {nums} in the region.")
        measure(engine, f"sentences of 99 numbers, {kb} KB", " ".join(sentences))


if __name__ == "__main__":
    main()

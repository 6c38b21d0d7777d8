"""Small factories for claim-store tests: claims and sources written for the tests."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
from typing import Any

from bot.engine.types import Claim, Figure, SourceInfo

_counter = itertools.count(1)


def make_source(workspace: str = "guild-1", **overrides: Any) -> SourceInfo:
    """A source with a fresh text hash and URL unless given."""
    n = next(_counter)
    base = SourceInfo(
        workspace=workspace,
        url=f"https://paper.example/story/{n}",
        title=f"Story {n}",
        outlet="The Example Paper",
        text_hash=hashlib.sha256(f"story-{n}".encode()).hexdigest(),
    )
    return replace(base, **overrides)


def make_claim(
    subject_terms: tuple[str, ...] = ("miner",),
    *,
    measure: str = "trapped",
    unit: str = "people",
    low: float | None = 12,
    high: float | None = 12,
    **overrides: Any,
) -> Claim:
    """A claim about ``subject_terms`` with a figure in ``unit``."""
    subject = " ".join(subject_terms) or "workers"
    sentence = f"Rescuers said {low:g} {subject} were {measure} underground." if low is not None else (
        f"Rescuers said {subject} were {measure}."
    )
    base = Claim(
        sentence=sentence,
        figure=Figure(text=f"{low:g}" if low is not None else "dozens", low=low, high=high, unit=unit),
        measure=measure,
        subject=subject,
        start=0,
        end=len(sentence),
        figure_start=14,
        figure_end=16,
        subject_terms=subject_terms,
    )
    return replace(base, **overrides)

"""Small factories for claim-store tests: claims and sources written for the tests."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
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


def full_source(**overrides: Any) -> SourceInfo:
    """A source with every field set, the large Discord ids and an offset time zone included."""
    base = SourceInfo(
        workspace="guild-9",
        path="/archive/2024/flood.txt",
        url="https://paper.example/flood",
        title="Flood waters rise",
        outlet="The Example Paper",
        author="A. Writer",
        published=date(2024, 3, 5),
        text_hash="f" * 64,
        guild_id=1_234_567_890_123_456_789,
        channel_id=987_654_321_098_765_432,
        message_id=1_111_111_111_111_111_111,
        message_link="https://discord.com/channels/1/2/3",
        poster="reporter#1",
        poster_id=555_555_555_555_555_555,
        posted_at=datetime(2024, 3, 5, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2))),
    )
    return replace(base, **overrides)


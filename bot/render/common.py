"""Wording shared by every renderer: marks, intervals, source names, dates.

Returns plain strings; each renderer escapes them for its medium.
"""

from __future__ import annotations

from pathlib import PurePath

from ..engine.types import ClaimCheck, Evidence, Figure, StoredSource, Verdict

MARKS = {Verdict.MATCHING: "✅", Verdict.CONFLICTING: "⚠️", Verdict.UNVERIFIED: "❔"}
_UNIT_WORDS = {"people": "", "count": "", "percent": "%", "pp": " pp"}


def number(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def interval(fig: Figure) -> str:
    """How the figure reads as an interval: "= 19", "≥ 30", "≤ 50", "200–999", "≈ 10,000"."""
    unit = _UNIT_WORDS.get(fig.unit, f" {fig.unit}")
    lo, hi = fig.low, fig.high
    if lo is not None and hi is not None:
        if lo == hi:
            return f"{'≈' if fig.approx else '='} {number(lo)}{unit}"
        return f"{'≈ ' if fig.approx else ''}{number(lo)}–{number(hi)}{unit}"
    if lo is not None:
        return f"≥ {number(lo)}{unit}"
    if hi is not None:
        return f"≤ {number(hi)}{unit}"
    return "?"


def source_name(src: StoredSource) -> str:
    info = src.info
    path = PurePath(info.path).name if info.path else None
    return info.outlet or info.title or info.poster or path or info.url or f"source #{src.id}"


def source_date(src: StoredSource) -> str:
    if src.info.published:
        return src.info.published.isoformat()
    return src.created_at.date().isoformat()


def source_link(src: StoredSource) -> str | None:
    return src.info.url or src.info.message_link


def claim_line_parts(check: ClaimCheck) -> dict[str, str]:
    c = check.claim
    what = c.measure + (f" · {c.subject}" if c.subject else "")
    if c.period:
        what += f" · in {c.period}"
    if c.location:
        what += f" · {c.location}"
    return {
        "mark": MARKS[check.verdict],
        "figure": c.figure.text,
        "interval": interval(c.figure),
        "what": what,
        "claimant": c.claimant or "",
    }


def evidence_line_parts(ev: Evidence) -> dict[str, str]:
    src = ev.stored.source
    status = ev.stored.status.value
    return {
        "mark": MARKS[ev.relation],
        "figure": ev.stored.claim.figure.text,
        "interval": interval(ev.stored.claim.figure),
        "source": source_name(src),
        "date": source_date(src),
        "link": source_link(src) or "",
        "claimant": ev.stored.claim.claimant or "",
        "status": "" if status == "unreviewed" else status.replace("_", " "),
        "note": ev.note or "",
    }

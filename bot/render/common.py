"""Wording shared by every renderer: marks, intervals, source names, dates.

Returns plain strings; each renderer escapes them for its medium.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePath

from bot.engine.types import ClaimCheck, ClaimStatus, Evidence, Figure, SourceInfo, StoredSource, Verdict

MARKS: dict[Verdict, str] = {Verdict.MATCHING: "✅", Verdict.CONFLICTING: "⚠️", Verdict.UNVERIFIED: "❔"}
#: marks beside a stored claim's moderation status
STATUS_MARKS: dict[ClaimStatus, str] = {
    ClaimStatus.CONFIRMED: "✔",
    ClaimStatus.DISPUTED: "✖",
    ClaimStatus.SUPERSEDED: "↻",
    ClaimStatus.RETRACTED: "⊘",
    ClaimStatus.NOT_A_CLAIM: "⊘",
}
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


def source_name(info: SourceInfo) -> str:
    """Who published or posted a source, for a reader: outlet, poster, title, file name."""
    if info.outlet:
        return info.outlet
    if info.poster:
        return f"posted by {info.poster}"
    if info.title:
        return info.title
    if info.path:
        return PurePath(info.path).name
    return info.url or "an earlier report"


def source_date(info: SourceInfo, stored_at: datetime | None = None) -> date | None:
    """When a source was published: its own date, else when it was posted, else stored."""
    if info.published:
        return info.published
    if info.posted_at:
        return info.posted_at.date()
    return stored_at.date() if stored_at else None


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


def conflicts_text(check: ClaimCheck) -> str | None:
    """"312 conflicting reports in all, from 12 to 40 (302 not listed)"; None when nothing was left out."""
    summary = check.conflicts
    if summary is None or summary.not_shown <= 0:
        return None
    plural = "s" if summary.count != 1 else ""
    return (f"{summary.count:,} conflicting report{plural} in all, from {summary.lowest.text}"
            f" to {summary.highest.text} ({summary.not_shown:,} not listed)")


def story_text(story) -> str:  # noqa: ANN001 - bot.engine.types.Story
    """"story #12: Flood in the Orra valley" (or "a new story" for one that starts with this article)."""
    if not story.id:
        return "a new story"
    return f"story #{story.id}: {story.name}"


def evidence_line_parts(ev: Evidence) -> dict[str, str]:
    src = ev.stored.source
    status = ev.stored.status.value
    return {
        "mark": MARKS[ev.relation],
        "figure": ev.stored.claim.figure.text,
        "interval": interval(ev.stored.claim.figure),
        "source": source_name(src.info),
        "date": (d.isoformat() if (d := source_date(src.info, src.created_at)) else ""),
        "link": source_link(src) or "",
        "claimant": ev.stored.claim.claimant or "",
        "status": "" if status == "unreviewed" else status.replace("_", " "),
        "note": ev.note or "",
    }

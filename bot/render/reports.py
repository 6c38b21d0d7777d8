"""Article reports as Discord embeds: a line per claim with its verdict, the earlier reports under it.

An editor reads it at a glance: one embed per article, coloured by its worst
verdict; a line per claim with a verdict mark and the figure in bold; the
earlier reports under it; counts in the footer. Pure functions of engine
results to :class:`~bot.render.limits.Page` objects, within Discord's limits
(:mod:`bot.render.limits`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

import discord

from bot.engine.types import ArticleReport, ClaimCheck, ClaimStatus, Evidence, SourceInfo, Verdict
from bot.render.common import MARKS, STATUS_MARKS, conflicts_text, source_date, source_name, story_text
from bot.render.limits import (
    AUTHOR_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    Page,
    escape,
    link,
    plain,
    safe_url,
    short,
    truncate,
)

# -- look ---------------------------------------------------------------------------

COLOURS: dict[Verdict | None, discord.Colour] = {
    Verdict.MATCHING: discord.Colour(0x2ECC71),
    Verdict.UNVERIFIED: discord.Colour(0x5B8DEF),
    Verdict.CONFLICTING: discord.Colour(0xE74C3C),
    None: discord.Colour(0x95A5A6),
}
RELATION_WORDS: dict[Verdict, str] = {
    Verdict.MATCHING: "matches",
    Verdict.CONFLICTING: "conflicts with",
    Verdict.UNVERIFIED: "compared with",
}
INDENT = "\u2003↳ "
#: outlet grades worth showing beside evidence ("unrated" says nothing)
SHOWN_GRADES = ("reliable", "generally reliable", "mixed", "unreliable")

#: description characters per page; leaves room for title, author and footer in 6,000
PAGE_BUDGET = 3_800
#: earlier reports shown under one claim before "and N more"
MAX_EVIDENCE = 4
#: longest block for one claim (the claim line, its evidence and its note)
MAX_CLAIM_BLOCK = 1_500


# -- shared bits -------------------------------------------------------------------------


def format_date(value: date | datetime | None) -> str:
    """``3 Mar 2026`` (no leading zero), or "an unknown date"."""
    if value is None:
        return "an unknown date"
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%b %Y}"


def _pack(blocks: Sequence[str], budget: int) -> list[str]:
    """Blocks joined by blank lines into chunks of at most ``budget`` characters."""
    pages: list[str] = []
    current = ""
    for block in blocks:
        block = truncate(block, budget)
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) > budget and current:
            pages.append(current)
            current = block
        else:
            current = candidate
    if current:
        pages.append(current)
    return pages


# -- article reports ---------------------------------------------------------------------


def verdict_counts(report: ArticleReport) -> str:
    """``3 match · 2 conflict · 4 unverified`` (zero counts left out, all zero: "no claims")."""
    counts = dict.fromkeys(Verdict, 0)
    for c in report.checks:
        counts[c.verdict] += 1
    parts = []
    if counts[Verdict.MATCHING]:
        parts.append(f"{counts[Verdict.MATCHING]} match")
    if counts[Verdict.CONFLICTING]:
        parts.append(f"{counts[Verdict.CONFLICTING]} conflict")
    if counts[Verdict.UNVERIFIED]:
        parts.append(f"{counts[Verdict.UNVERIFIED]} unverified")
    return " · ".join(parts) or "no claims"


def claim_line(check: ClaimCheck) -> str:
    """``⚠️ **at least 30** · killed · Ukrainian soldiers (24 hours) — Ukrainian intelligence``."""
    claim = check.claim
    bits = [f"{MARKS[check.verdict]} **{short(claim.figure.text, 'figure') or '?'}**"]
    if claim.measure:
        bits.append(short(claim.measure, "measure"))
    subject = short(claim.subject, "subject")
    extra = [short(x, "measure") for x in (claim.location, claim.period) if x]
    if claim.date:
        extra.append(format_date(claim.date))
    if extra:
        subject = f"{subject} ({', '.join(extra)})" if subject else ", ".join(extra)
    if subject:
        bits.append(subject)
    line = " · ".join(bits)
    who = short(claim.claimant, "claimant") if claim.claimant else "no source named"
    return f"{line} — *{who}*"


def status_text(status: ClaimStatus) -> str:
    """``confirmed ✔``, ``disputed ✖``...: the status word first, its mark after."""
    word = status.value.replace("_", " ")
    mark = STATUS_MARKS.get(status)
    return f"{word} {mark}" if mark else word


def grade_of(info: SourceInfo, grades: Mapping[str, str] | None) -> str | None:
    """The newsroom's grade of a source's outlet, when it says something (not "unrated")."""
    if not grades or not info.outlet:
        return None
    grade = grades.get(info.outlet.strip().lower())
    return grade if grade in SHOWN_GRADES else None


def source_link(info: SourceInfo, grades: Mapping[str, str] | None = None) -> str:
    """``[Reuters](url)``, followed by the outlet's grade when graded: ``[Reuters](url) (reliable)``."""
    where = link(source_name(info), info.url or info.message_link)
    grade = grade_of(info, grades)
    return f"{where} ({grade})" if grade else where


def evidence_line(ev: Evidence, grades: Mapping[str, str] | None = None) -> str:
    """``↳ conflicts with [Reuters](url) (reliable), 3 Mar 2026: **25** (UN officials) · confirmed ✔``."""
    stored = ev.stored
    info = stored.source.info
    where = source_link(info, grades)
    when = format_date(source_date(info, stored.source.created_at))
    c = stored.claim
    line = f"{INDENT}{RELATION_WORDS[ev.relation]} {where}, {when}: **{short(c.figure.text, 'figure') or '?'}**"
    if c.claimant:
        line += f" ({short(c.claimant, 'claimant')})"
    if stored.status is not ClaimStatus.UNREVIEWED:
        line += f" · {status_text(stored.status)}"
    if ev.note:
        line += f" · _{short(ev.note, 'note')}_"
    return line


def claim_block(check: ClaimCheck, *, max_evidence: int = MAX_EVIDENCE, limit: int = MAX_CLAIM_BLOCK,
                grades: Mapping[str, str] | None = None) -> str:
    """The claim line, the earlier reports under it and the update-or-contradiction note.

    Shows up to ``max_evidence`` earlier reports, fewer when the block would
    pass ``limit`` characters; the rest are counted ("and 3 more earlier reports").
    """
    head = truncate(claim_line(check), FIELD_VALUE_LIMIT)
    note = truncate(f"{INDENT}_{short(check.note, 'note')}_", FIELD_VALUE_LIMIT) if check.note else None
    evidence = [truncate(evidence_line(e, grades), FIELD_VALUE_LIMIT) for e in check.evidence[:max_evidence]]
    while True:
        lines = [head, *evidence]
        hidden = len(check.evidence) - len(evidence)
        if hidden > 0:
            lines.append(f"{INDENT}and {hidden} more earlier report{'s' if hidden != 1 else ''}")
        if (summary := conflicts_text(check)) is not None:
            lines.append(f"{INDENT}{escape(summary)}")
        if note:
            lines.append(note)
        block = "\n".join(lines)
        if len(block) <= limit or not evidence:
            return truncate(block, limit)
        evidence.pop()


def report_title(info: SourceInfo) -> str:
    return truncate(escape(info.title) or "Pasted article", TITLE_LIMIT)


def report_footer(report: ArticleReport, page: int, pages: int) -> str:
    parts = [verdict_counts(report)]
    if report.stories:
        parts.append("checked against " + "; ".join(story_text(st) for st in report.stories))
    if report.seen_before is not None:
        parts.append(f"seen before on {format_date(report.seen_before.created_at)}")
    elif report.stored is not None:
        parts.append("saved to the newsroom's claims")
    if pages > 1:
        parts.append(f"page {page}/{pages}")
    return truncate(plain(" · ".join(parts)), FOOTER_LIMIT)


def report_author(info: SourceInfo) -> str | None:
    bits = []
    if info.outlet:
        bits.append(info.outlet)
    if info.author:
        bits.append(f"by {info.author}")
    if info.published:
        bits.append(format_date(info.published))
    if info.poster and not info.outlet:
        bits.append(f"posted by {info.poster}")
    return truncate(plain(" · ".join(bits)), AUTHOR_LIMIT) if bits else None


def report_pages(report: ArticleReport, *, budget: int = PAGE_BUDGET,
                 grades: Mapping[str, str] | None = None) -> list[Page]:
    """The reply for one article: one embed per page, coloured by the worst verdict.

    A report without claims renders to no pages (the bot then says nothing in
    watched channels). ``grades`` (outlet, lower-cased -> grade) shows the
    newsroom's grade beside each earlier report's outlet.
    """
    if not report.checks:
        return []
    ordered = sorted(report.checks, key=lambda c: (-c.verdict.severity, c.claim.start))
    chunks = _pack([claim_block(c, grades=grades) for c in ordered], budget)
    colour = COLOURS[report.worst]
    author = report_author(report.source)
    url = safe_url(report.source.url)
    pages: list[Page] = []
    for i, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=report_title(report.source), url=url, description=chunk, colour=colour)
        if author:
            embed.set_author(name=author)
        embed.set_footer(text=report_footer(report, i, len(chunks)))
        pages.append(Page(embeds=[embed]).fitted())
    return pages

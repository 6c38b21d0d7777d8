"""Stored claims as Discord embeds: the answer to /sources, grouped by measure, newest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot.engine.types import ClaimStatus, StoredClaim
from bot.render.common import source_date
from bot.render.limits import FIELD_VALUE_LIMIT, TITLE_LIMIT, Page, escape, short, truncate
from bot.render.reports import COLOURS, PAGE_BUDGET, format_date, source_link, status_text

#: stored claims per page of /sources
SOURCES_PER_PAGE = 12


def stored_claim_line(sc: StoredClaim, grades: Mapping[str, str] | None = None) -> str:
    """``• **30** · Ukrainian soldiers — *intelligence* · [Reuters](url), 3 Mar 2026``."""
    c = sc.claim
    info = sc.source.info
    bits = [f"• **{short(c.figure.text, 'figure') or '?'}**"]
    if c.subject:
        bits.append(short(c.subject, "subject"))
    line = " · ".join(bits)
    if c.claimant:
        line += f" — *{short(c.claimant, 'claimant')}*"
    where = source_link(info, grades)
    line += f" · {where}, {format_date(source_date(info, sc.source.created_at))}"
    if sc.status is not ClaimStatus.UNREVIEWED:
        line += f" · {status_text(sc.status)}"
    return truncate(line, FIELD_VALUE_LIMIT)


def sources_pages(query: str, groups: Mapping[str, Sequence[StoredClaim]], *,
                  per_page: int = SOURCES_PER_PAGE, budget: int = PAGE_BUDGET) -> list[Page]:
    """Stored claims about ``query``, grouped by measure, as pages of one embed each."""
    entries: list[tuple[str, str]] = []
    for measure, claims in groups.items():
        entries.extend((measure, stored_claim_line(sc)) for sc in claims)
    if not entries:
        return []
    chunks: list[str] = []
    current: list[str] = []
    current_measure: str | None = None
    count = 0
    size = 0
    for measure, line in entries:
        header = f"**{escape(measure) or 'other'}**"
        new_group = measure != current_measure
        add = ([""] if current and new_group else []) + ([header] if new_group else []) + [line]
        add_len = sum(len(a) + 1 for a in add)
        if current and (count >= per_page or size + add_len > budget):
            chunks.append("\n".join(current))
            current, count, size = [], 0, 0
            add = [f"{header} (continued)" if not new_group else header, line]
            add_len = sum(len(a) + 1 for a in add)
        current.extend(add)
        current_measure = measure
        count += 1
        size += add_len
    if current:
        chunks.append("\n".join(current))
    total = len(entries)
    title = truncate(f"Stored claims about “{escape(query)}”", TITLE_LIMIT)
    pages = []
    for i, chunk in enumerate(chunks, start=1):
        embed = discord.Embed(title=title, description=chunk, colour=COLOURS[None])
        footer = f"{total} claim{'s' if total != 1 else ''} · newest first"
        if len(chunks) > 1:
            footer += f" · page {i}/{len(chunks)}"
        embed.set_footer(text=footer)
        pages.append(Page(embeds=[embed]).fitted())
    return pages

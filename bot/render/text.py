"""Plain-text and terminal rendering of reports, for the CLI.

Shared wording (verdict marks, how an interval reads, how a source is named)
lives in ``bot.render.common`` so the CLI and Discord say the same thing.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.engine.types import ArticleReport, StoredClaim, Verdict

from .common import (
    MARKS,
    claim_line_parts,
    conflicts_text,
    evidence_line_parts,
    interval,
    source_date,
    source_name,
    story_text,
)

_STYLES = {Verdict.MATCHING: "green", Verdict.CONFLICTING: "bold red", Verdict.UNVERIFIED: "yellow"}

#: earlier reports laid out in one table cell; the rest are counted. rich measures, wraps, pads and
#: crops every line of every cell, so an uncapped list (hundreds of conflicting reports in a running
#: story) made the table most of `crosscheck ingest`'s time. ``--json`` lists every report.
TABLE_EVIDENCE = 10


def report_json(report: ArticleReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False)


def print_report(console: Console, report: ArticleReport, *, label: str | None = None) -> None:
    src = report.source
    heading = src.title or label or src.path or src.url or "article"
    console.print(f"[bold]{escape(heading)}[/bold]")
    meta = [x for x in (src.outlet, src.published.isoformat() if src.published else None, src.url) if x]
    if meta:
        console.print("  " + escape(" · ".join(meta)))
    if report.seen_before is not None:
        when = report.seen_before.created_at.strftime("%Y-%m-%d %H:%M UTC")
        console.print(f"  [dim]seen before: stored as source #{report.seen_before.id} on {when}[/dim]")
    elif report.stored is not None:
        console.print(f"  [dim]stored as source #{report.stored.id}[/dim]")
    if report.stories:
        names = "; ".join(story_text(st) for st in report.stories)
        console.print(f"  [dim]checked against {escape(names)}[/dim]")
    if not report.checks:
        console.print("  [dim]no figures found[/dim]")
        console.print()
        return
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    table.add_column("", no_wrap=True)
    table.add_column("figure")
    table.add_column("measure · subject")
    table.add_column("claimant")
    table.add_column("earlier reports")
    for check in report.checks:
        parts = claim_line_parts(check)
        ev_lines = []
        if check.note:
            ev_lines.append(f"[italic]{escape(check.note)}[/italic]")
        for ev in check.evidence[:TABLE_EVIDENCE]:
            e = evidence_line_parts(ev)
            style = _STYLES[ev.relation]
            ev_lines.append(
                f"[{style}]{MARKS[ev.relation]}[/{style}] {escape(e['figure'])} — {escape(e['source'])}"
                f"{' · ' + escape(e['date']) if e['date'] else ''}"
                f"{' [' + escape(e['status']) + ']' if e['status'] else ''}"
            )
        if len(check.evidence) > TABLE_EVIDENCE:
            more = len(check.evidence) - TABLE_EVIDENCE
            ev_lines.append(f"[dim]and {more:,} more earlier report{'s' if more != 1 else ''} (--json lists all)[/dim]")
        if (summary := conflicts_text(check)) is not None:
            ev_lines.append(f"[red]{escape(summary)}[/red]")
        style = _STYLES[check.verdict]
        table.add_row(
            f"[{style}]{MARKS[check.verdict]} {check.verdict.value}[/{style}]",
            f"{escape(parts['figure'])}\n[dim]{escape(parts['interval'])}[/dim]",
            escape(parts["what"]),
            escape(parts["claimant"] or "—"),
            "\n".join(ev_lines) or "[dim]none[/dim]",
        )
    console.print(table)
    counts = {v: sum(1 for c in report.checks if c.verdict is v) for v in Verdict}
    console.print(
        f"  {counts[Verdict.MATCHING]} matching · {counts[Verdict.CONFLICTING]} conflicting · "
        f"{counts[Verdict.UNVERIFIED]} unverified"
    )
    console.print()


def sources_json(query: str, groups: OrderedDict[str, list[StoredClaim]]) -> str:
    return json.dumps(
        {
            "query": query,
            "measures": [
                {
                    "measure": measure,
                    "claims": [
                        {
                            "claim_id": sc.id,
                            "status": sc.status.value,
                            **sc.claim.to_json(),
                            "source": sc.source.to_json(),
                        }
                        for sc in claims
                    ],
                }
                for measure, claims in groups.items()
            ],
        },
        ensure_ascii=False,
    )


def print_sources(console: Console, query: str, groups: OrderedDict[str, list[StoredClaim]]) -> None:
    if not groups:
        console.print(f"No stored claims about “{escape(query)}”. Ingest articles first, or try other words.")
        return
    for measure, claims in groups.items():
        console.print(f"[bold]{escape(measure)}[/bold] ({len(claims)})")
        for sc in claims:
            c = sc.claim
            src = sc.source
            day = source_date(src.info, src.created_at)
            date = day.isoformat() if day else "date unknown"
            status = "" if sc.status.value == "unreviewed" else f" [{sc.status.value}]"
            console.print(
                f"  #{sc.id} {escape(c.figure.text)} ({escape(interval(c.figure))}) {escape(c.subject)}"
                f" — {escape(c.claimant or 'unattributed')}{escape(status)}"
            )
            link = f" · {escape(src.info.url)}" if src.info.url else ""
            console.print(f"      {escape(source_name(src.info))} · {date}{link}")
        console.print()

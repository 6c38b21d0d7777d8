"""The story dossier as text (the command line) and as Discord embeds (/story).

One row per measure, each source's figure with its hedge and claimant,
newest report first; the story's articles (outlet, date) above them.
"""

from __future__ import annotations

import json

import discord
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bot.engine.types import StoredClaim, StoryDossier

from .common import STATUS_MARKS, interval, source_date, source_name

#: reports shown per measure row (the JSON lists them all)
ROW_REPORTS = 12


def dossier_json(dossier: StoryDossier) -> str:
    return json.dumps(dossier.to_json(), ensure_ascii=False)


def _report_bits(sc: StoredClaim) -> tuple[str, str, str, str]:
    """(figure as written with its interval, source, date, claimant) of one report."""
    src = sc.source
    day = source_date(src.info, src.created_at)
    mark = STATUS_MARKS.get(sc.status, "")
    figure = f"{sc.claim.figure.text} ({interval(sc.claim.figure)})" + (f" {mark}" if mark else "")
    return figure, source_name(src.info), day.isoformat() if day else "", sc.claim.claimant or ""


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_dossier(console: Console, dossier: StoryDossier) -> None:
    st = dossier.story
    span = ""
    if st.first_day and st.last_day:
        span = st.first_day.isoformat() if st.first_day == st.last_day else f"{st.first_day} to {st.last_day}"
    console.print(f"[bold]Story #{st.id}: {escape(st.name)}[/bold]")
    n = len(dossier.sources)
    console.print(f"  {n} article{'s' if n != 1 else ''}" + (f" · {span}" if span else ""))
    for src in dossier.sources:
        published = source_date(src.info, src.created_at)
        title = src.info.title or ""
        console.print(f"  #{src.id} · {escape(source_name(src.info))} · {published or 'undated'}"
                      + (f" · {escape(title)}" if title and title != source_name(src.info) else ""),
                      highlight=False)
    console.print()
    if not dossier.rows:
        console.print("  [dim]no figures stored for this story[/dim]")
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column("measure")
    table.add_column("figure")
    table.add_column("source")
    table.add_column("date", no_wrap=True)
    table.add_column("claimant")
    for i, row in enumerate(dossier.rows):
        if i:
            table.add_section()
        shown = row.claims[:ROW_REPORTS]
        for j, sc in enumerate(shown):
            figure, source, day, claimant = _report_bits(sc)
            table.add_row(escape(row.measure) if j == 0 else "", escape(figure), escape(_short(source)), day,
                          escape(claimant or "—"))
        if len(row.claims) > len(shown):
            table.add_row("", f"[dim]and {len(row.claims) - len(shown)} more[/dim]", "", "", "")
    console.print(table)


def dossier_embed(dossier: StoryDossier, *, chart_name: str | None = None) -> discord.Embed:
    """One embed: the story, its articles and its measures (a field each), within Discord's limits."""
    from .limits import escape as md
    from .limits import fit_embed, truncate

    st = dossier.story
    lines = []
    for src in dossier.sources[:10]:
        published = source_date(src.info, src.created_at)
        lines.append(f"#{src.id} · {md(source_name(src.info))} · {published or 'undated'}")
    if len(dossier.sources) > 10:
        lines.append(f"and {len(dossier.sources) - 10} more articles")
    embed = discord.Embed(title=truncate(f"Story #{st.id}: {md(st.name)}", 256), description="\n".join(lines),
                          colour=discord.Colour.blurple())
    for row in dossier.rows[:20]:
        reports = []
        for sc in row.claims[:6]:
            figure, source, day, claimant = _report_bits(sc)
            reports.append(f"**{md(figure)}** — {md(source)}" + (f" · {day}" if day else "")
                           + (f" · _{md(claimant)}_" if claimant else ""))
        if len(row.claims) > 6:
            reports.append(f"and {len(row.claims) - 6} more")
        embed.add_field(name=truncate(md(row.measure), 256), value=truncate("\n".join(reports), 1024), inline=False)
    if chart_name:
        embed.set_image(url=f"attachment://{chart_name}")
    embed.set_footer(text=f"{len(dossier.rows)} measure(s) · newest report first")
    return fit_embed(embed)

"""Stories on the command line: the dossier and its curation.

    crosscheck story QUERY|ID [--measure M] [--chart FILE.png] [--json] [--db] [--workspace]
    crosscheck story-move ARTICLE_ID --to STORY_ID|new [--reason]
    crosscheck story-merge KEEP_ID MERGE_ID [--reason]
    crosscheck story-split STORY_ID ARTICLE_ID... [--reason]

None of them loads the language model: a dossier is read from the store alone.
:func:`register` adds them to the Typer app of :mod:`bot.cli`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .cli_options import DbOpt, ReasonOpt, WorkspaceOpt, load_settings, run_command
from .engine.errors import InputError


def register(app: typer.Typer) -> None:
    from .cli_desk import _store, cli_actor, write_chart

    @app.command()
    def story(
        query: Annotated[str, typer.Argument(help="A story id (12 or #12) or words of its name.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        measure: Annotated[str | None, typer.Option(
            "--measure", help="The measure to chart (default: the one most reported).")] = None,
        chart: Annotated[Path | None, typer.Option("--chart", help="Write the measure's timeline to this PNG.")] = None,
        json: Annotated[bool, typer.Option("--json", help="The dossier as one JSON object.")] = False,
    ) -> None:
        """A story's dossier: its articles, and every measure with each source's figure, newest first."""
        settings = load_settings(db)

        async def main() -> None:
            from .engine.checker import story_dossier
            from .render.dossier import dossier_json, print_dossier

            if chart is not None and chart.suffix.lower() != ".png":
                raise InputError(f"--chart should name a .png file, not {chart.name!r}.")
            async with _store(settings) as store:
                dossier = await story_dossier(store, workspace, query)
            if json:
                print(dossier_json(dossier))  # noqa: T201 - the command's JSON output
            else:
                print_dossier(Console(), dossier)
            if chart is not None:
                png, title = await asyncio.to_thread(chart_png, dossier, measure)
                write_chart(chart, png, title)

        run_command(main())

    @app.command(name="story-move")
    def story_move(
        article: Annotated[int, typer.Argument(help="The article's id (as the dossier lists it).")],
        to: Annotated[str, typer.Option("--to", help="The story it belongs to, or 'new' for a story of its own.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        reason: ReasonOpt = "",
    ) -> None:
        """Move an article to another story (verdicts follow at once); audited."""
        settings = load_settings(db)
        target = _story_or_new(to)

        async def main() -> None:
            async with _store(settings) as store:
                st = await store.move_article(workspace, article, target, cli_actor(), reason)
            Console().print(f"article #{article} is now in story #{st.id}: {st.name}", markup=False, highlight=False)

        run_command(main())

    @app.command(name="story-merge")
    def story_merge(
        keep: Annotated[str, typer.Argument(help="The story to keep.")],
        merge: Annotated[str, typer.Argument(help="The story whose articles join it.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        reason: ReasonOpt = "",
    ) -> None:
        """Merge two stories that report one event; audited."""
        settings = load_settings(db)
        keep_id, merge_id = _story_id(keep), _story_id(merge)

        async def main() -> None:
            async with _store(settings) as store:
                st = await store.merge_stories(workspace, keep_id, merge_id, cli_actor(), reason)
            Console().print(f"story #{merge_id} merged into story #{st.id} ({st.n_articles} articles): {st.name}",
                            markup=False, highlight=False)

        run_command(main())

    @app.command(name="story-split")
    def story_split(
        story_: Annotated[str, typer.Argument(metavar="STORY", help="The story to split.")],
        articles: Annotated[list[int], typer.Argument(help="The articles that leave it for a new story.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        reason: ReasonOpt = "",
    ) -> None:
        """Split articles off a story into a new story; audited."""
        settings = load_settings(db)
        sid = _story_id(story_)

        async def main() -> None:
            async with _store(settings) as store:
                st = await store.split_story(workspace, sid, articles, cli_actor(), reason)
            Console().print(f"new story #{st.id} ({st.n_articles} articles): {st.name}", markup=False, highlight=False)

        run_command(main())


def _story_id(text: str, *, or_new: bool = False) -> int:
    """A story's id as typed ("12", "#12"); ``or_new`` names 'new' in the error too."""
    value = text.strip().lstrip("#")
    if not value.isdigit():
        raise InputError(f"{text!r} is not a story id: give its number, as in `crosscheck story 12`"
                         + (", or 'new'." if or_new else "."))
    return int(value)


def _story_or_new(text: str) -> int | None:
    """A story's id, or None for 'new' (a story of its own)."""
    if text.strip().lstrip("#").lower() == "new":
        return None
    return _story_id(text, or_new=True)


def chart_png(dossier, measure: str | None) -> tuple[bytes, str]:  # noqa: ANN001
    """The timeline of one measure of the dossier (the most reported when not named), and its title."""
    from .timeline import chart_title, pick_group, render_timeline

    claims = [sc for row in dossier.rows for sc in row.claims]
    prefer = {row.measure for row in dossier.rows if measure and row.measure.lower() == measure.strip().lower()}
    if measure and not prefer:
        names = ", ".join(row.measure for row in dossier.rows) or "none"
        raise InputError(f"Story #{dossier.story.id} has no measure {measure!r}. Its measures: {names}.")
    name = dossier.story.name if len(dossier.story.name) <= 24 else dossier.story.name[:23] + "…"
    title = f"Story #{dossier.story.id}: {name}"  # short: the chart's legend sits beside its title
    group = pick_group(claims, prefer)
    return render_timeline(claims, title=title, prefer=prefer), chart_title(title, group)

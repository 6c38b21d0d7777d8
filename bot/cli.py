"""The ``crosscheck`` command line.

    crosscheck check PATH... [--db] [--published] [--json]     verdicts, nothing stored
    crosscheck ingest PATH... [--db] [--outlet] [--url] [--published] [--json]
    crosscheck sources QUERY [--db] [--json]
    crosscheck run                                              the Discord bot

PATH is a file, ``-`` for standard input, or an http(s) URL. Errors are one
line on stderr and a non-zero exit; nothing is half-written: every input is
read and validated before anything is stored.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_desk import register as register_desk
from .cli_options import (
    DbOpt,
    JsonOpt,
    PathsArg,
    PublishedOpt,
    WorkspaceOpt,
    load_settings,
    run_command,
    stderr,
)
from .cli_store import register as register_store
from .cli_story import register as register_story
from .engine.errors import CrosscheckError, FetchError, InputError
from .engine.text import decode
from .engine.types import Article, SourceInfo

if TYPE_CHECKING:  # imported where used: `crosscheck --help` starts without them

    from .app import App
    from .settings import Settings

log = logging.getLogger("crosscheck")

app = typer.Typer(
    name="crosscheck",
    help="Check the figures in news articles against every claim your newsroom has seen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: no rich import, so `crosscheck --help` starts fast
)

def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published must be a date like 2024-12-17, not {value!r}.") from None


def _is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _read_input(path: str) -> str:
    if path == "-":
        return decode(sys.stdin.buffer.read(), name="standard input")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file. Check the path.")
    if p.is_dir():
        raise InputError(f"{path} is a folder. Give the article files inside it (e.g. {path}/*.txt).")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror}). Check its permissions.") from None
    return decode(data, name=path)


class PartlyRefused(CrosscheckError):
    """Some inputs of a batch were refused (each reported on stderr); the others were processed."""

    exit_code = 3


async def _load_articles(app_: App, paths: list[str], *, workspace: str, outlet: str | None, url: str | None,
                         published: date | None, keep_going: bool = True) -> list[tuple[str, Article]]:
    """Read and validate every input before anything is stored.

    With several inputs and ``keep_going`` (``check``), one that is refused
    (unreadable, not English, a link that cannot be fetched...) is reported on
    stderr with its reason and skipped; the others go on. Otherwise (``ingest``,
    whose batch is stored whole or not at all) the first refusal is the
    command's error.
    """
    if url and len(paths) > 1:
        raise InputError("--url names one article; give one path with it.")
    articles: list[tuple[str, Article]] = []
    for path in paths:
        try:
            articles.append(await _load_one(app_, path, workspace=workspace, outlet=outlet, url=url,
                                            published=published))
        except (InputError, FetchError) as exc:
            if len(paths) == 1 or not keep_going:
                raise
            reason = str(exc)
            stderr().print(f"refused: {reason if reason.startswith(path) else f'{path}: {reason}'}",
                            markup=False, highlight=False)
    return articles


async def _load_one(app_, path: str, *, workspace: str, outlet: str | None,  # noqa: ANN001
                    url: str | None, published: date | None) -> tuple[str, Article]:
    """One input read and validated through the check service (a link fetched on the way)."""
    from .service import CheckRequest

    info = SourceInfo(workspace=workspace, outlet=outlet, published=published)
    if _is_url(path):
        return path, await app_.service.read(CheckRequest(url=path), info)
    text = _read_input(path)
    info = replace(info, path=None if path == "-" else path, url=url)
    if _looks_like_html(path, text):
        text, info = _html_article(path, text, info)
    try:
        return path, await app_.service.read(CheckRequest(text=text), info)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<article")


def _looks_like_html(path: str, text: str) -> bool:
    return path.lower().endswith((".html", ".htm", ".xhtml")) or text.lstrip()[:200].lower().startswith(_HTML_START)


def _html_article(path: str, html: str, info: SourceInfo) -> tuple[str, SourceInfo]:
    """A saved web page read as the fetcher reads one: the article's text, title, author and date."""
    from .fetch.extract import extract_html

    page = extract_html(html, "file://" + str(Path(path).resolve()) if path != "-" else "file:///stdin")
    if page is None:
        raise InputError(f"{path}: no article text found in this HTML file. Save the article's text instead.")
    info = replace(info, title=info.title or page.title, author=info.author or page.author,
                   published=info.published or page.published)
    return page.text, info


async def _check_paths(settings: Settings, paths: list[str], *, save: bool, workspace: str, outlet: str | None,
                       url: str | None, published: str | None, json: bool) -> None:
    """Read every input first, then check (and store, with ``save``) each, printing as it goes."""
    day = _parse_date(published)
    with contextlib.ExitStack() as stack:
        if not save:
            settings = stack.enter_context(_store_for_check(settings, quiet=json))
        await _check_opened(settings, paths, save=save, workspace=workspace, outlet=outlet, url=url, day=day,
                            json=json)


@contextlib.contextmanager
def _store_for_check(settings: Settings, *, quiet: bool = False) -> Iterator[Settings]:
    """``check`` writes nothing: a SQLite store that does not exist is not created (an empty one in a
    temporary folder stands in), and one this user may not write is read from a temporary copy."""
    import os
    import shutil
    import tempfile

    from storage import check_store_scheme
    from storage.sqlite import sqlite_path

    db = settings.db
    check_store_scheme(db)
    if db.startswith(("postgresql://", "postgres://")):
        yield settings
        return
    path = sqlite_path(db)
    if path.exists() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        yield settings
        return
    with tempfile.TemporaryDirectory(prefix="crosscheck-check-") as tmp:
        copy = Path(tmp) / "store.db"
        if path.exists():
            try:
                shutil.copyfile(path, copy)
                wal = path.with_name(path.name + "-wal")
                if wal.exists():
                    shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
            except OSError as exc:
                raise InputError(f"Cannot read the claim store at {path} ({exc.strerror}). "
                                 "Check its permissions, or set CROSSCHECK_DB.") from None
        elif not quiet:
            stderr().print(f"note: no claim store at {path} yet, so every figure is unverified "
                            "(crosscheck ingest fills one).", markup=False, highlight=False)
        yield settings.model_copy(update={"db": str(copy)})


async def _check_opened(settings: Settings, paths: list[str], *, save: bool, workspace: str, outlet: str | None,
                        url: str | None, day: date | None, json: bool) -> None:
    from rich.console import Console
    from rich.progress import Progress

    from .app import open_app
    from .render.text import print_report, report_json

    async with open_app(settings) as a:
        articles = await _load_articles(a, paths, workspace=workspace, outlet=outlet, url=url, published=day,
                                        keep_going=not save)
        out = Console()
        with Progress(console=Console(stderr=True), transient=True,
                      disable=not save or len(articles) < 5 or json) as progress:
            task = progress.add_task("ingesting", total=len(articles))
            # the figure sentences of many articles go through spaCy in one stream
            chunk = max(1, min(32, a.worker.queue_size))
            for first in range(0, len(articles), chunk):
                part = articles[first : first + chunk]
                extracted = await a.worker.extract_many([article for _, article in part])
                for (path, article), claims in zip(part, extracted, strict=True):
                    if isinstance(claims, Exception):
                        raise claims
                    report = (await a.service.check_article(article, claims=claims, save=save)).report
                    if json:
                        print(report_json(report), flush=True)  # noqa: T201 - the command's JSON lines
                    else:
                        print_report(out, report, label=path)
                        if save and not report.checks and report.seen_before is None:
                            out.print("  [dim]not stored: an article is stored when it holds a figure[/dim]")
                    progress.advance(task)
        refused = len(paths) - len(articles)
        if refused and articles:
            done = "stored" if save else "checked"
            raise PartlyRefused(f"{refused} of {len(paths)} inputs were refused (reasons above); "
                                f"the other {len(articles)} were {done}.")
        if refused:
            raise InputError(f"None of the {len(paths)} inputs could be read (reasons above).")


@app.command()
def check(paths: PathsArg, db: DbOpt = None, published: PublishedOpt = None, json: JsonOpt = False,
          workspace: WorkspaceOpt = "default") -> None:
    """Show each article's claims and verdicts against the store, without storing anything."""
    run_command(_check_paths(load_settings(db), paths, save=False, workspace=workspace, outlet=None, url=None,
                      published=published, json=json))


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="The outlet that published the article(s).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="The article's URL (one path only).")] = None,
    published: PublishedOpt = None,
    json: JsonOpt = False,
    workspace: WorkspaceOpt = "default",
) -> None:
    """Store articles and their claims, printing each one's verdicts as it goes."""
    run_command(_check_paths(load_settings(db), paths, save=True, workspace=workspace, outlet=outlet, url=url,
                      published=published, json=json))


@app.command()
def sources(
    query: Annotated[str, typer.Argument(help="A topic, e.g. 'North Korean casualties'.")],
    db: DbOpt = None,
    json: JsonOpt = False,
    workspace: WorkspaceOpt = "default",
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="Most claims shown.")] = 50,
) -> None:
    """Stored claims about a topic, grouped by measure, newest first, with their sources."""
    settings = load_settings(db)

    async def main() -> None:
        from rich.console import Console

        from .app import open_app
        from .render.text import print_sources, sources_json

        if not query.strip():
            raise InputError("The query is empty. Name a topic, e.g. crosscheck sources 'North Korean casualties'.")
        async with open_app(settings) as a:
            groups = await a.checker.sources(workspace, query, limit=limit, vocab=a.vocab)
            if json:
                print(sources_json(query, groups))  # noqa: T201 - the command's JSON output
            else:
                print_sources(Console(), query, groups)

    run_command(main())


@app.command()
def run() -> None:
    """Start the Discord bot (needs DISCORD_TOKEN)."""
    settings = load_settings(None)

    async def main() -> None:
        from .client import run as run_bot

        await run_bot(settings)

    run_command(main())


register_desk(app)
register_store(app)
register_story(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

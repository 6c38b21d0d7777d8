"""The verification desk on the command line: ``timeline``, ``export`` and ``import``.

    crosscheck timeline QUERY --out FILE.png [--db] [--workspace]
    crosscheck export --format json|csv|claimreview [--status ...] [--out FILE] [--newsroom NAME]
    crosscheck import FILE [--db] [--workspace]

:func:`register` adds them to the Typer app of :mod:`bot.cli`.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from .cli_options import DbOpt, WorkspaceOpt, load_settings, run_command
from .engine.errors import InputError
from .engine.protocol import Actor, ClaimStore
from .engine.types import Claim, ClaimStatus, SourceInfo

if TYPE_CHECKING:
    from .engine.worker import NlpWorker
    from .settings import Settings

#: claims read for one timeline
TIMELINE_LIMIT = 500
#: the workspace setting naming the newsroom in ClaimReview exports
NEWSROOM_SETTING = "newsroom"



def parse_statuses(values: list[str] | None) -> list[ClaimStatus] | None:
    """``--status confirmed --status disputed`` (or comma-separated) as statuses; None for all."""
    if not values:
        return None
    out: list[ClaimStatus] = []
    for value in values:
        for part in value.split(","):
            word = part.strip().lower().replace(" ", "_").replace("-", "_")
            if not word:
                continue
            try:
                status = ClaimStatus(word)
            except ValueError:
                names = ", ".join(s.value for s in ClaimStatus)
                raise InputError(f"Unknown status {part.strip()!r}: use one of {names}.") from None
            if status not in out:
                out.append(status)
    return out or None


def cli_actor() -> Actor:
    """Whoever runs the command line operates the store: a moderator."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "operator"
    return Actor(name=f"{user} (command line)", user_id=None, is_moderator=True)


@asynccontextmanager
async def _store(settings: Settings) -> AsyncIterator[ClaimStore]:
    from storage import open_store

    store = await open_store(settings.db, settings)
    try:
        yield store
    finally:
        await store.close()


class LazyExtractor:
    """Reads claims from review sentences with the engine, loaded on first use only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._worker: NlpWorker | None = None

    async def __call__(self, text: str, info: SourceInfo) -> list[Claim]:
        if self._worker is None:
            from .app import build_engine
            from .engine.worker import NlpWorker

            self._worker = NlpWorker(await build_engine(self.settings), queue_size=self.settings.nlp_queue_size)
        article = await self._worker.read(text, info)
        return await self._worker.extract(article)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def register(app: typer.Typer) -> None:
    """Add ``timeline``, ``export`` and ``import`` to the crosscheck command line."""

    @app.command()
    def timeline(
        query: Annotated[str, typer.Argument(help="A topic, e.g. 'North Korean casualties'.")],
        out: Annotated[Path, typer.Option("--out", help="The PNG file to write.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        width: Annotated[int, typer.Option("--width", min=400, max=4000, help="Width in pixels.")] = 1200,
        height: Annotated[int, typer.Option("--height", min=300, max=4000, help="Height in pixels.")] = 800,
    ) -> None:
        """Draw a figure's history as a PNG: who reported what, when, how hedged."""
        settings = load_settings(db)

        async def main() -> None:
            from .app import open_app
            from .timeline import chart_title, pick_group, query_measures, render_timeline

            if not query.strip():
                raise InputError("The query is empty. Name a topic, "
                                 "e.g. crosscheck timeline 'North Korean casualties'.")
            if out.suffix.lower() != ".png":
                raise InputError(f"--out should name a .png file, not {out.name!r}.")
            async with open_app(settings) as a:
                groups = await a.checker.sources(workspace, query, limit=TIMELINE_LIMIT, vocab=a.vocab)
                prefer = query_measures(query, a.vocab)
            claims = [sc for group in groups.values() for sc in group]
            group = pick_group(claims, prefer)
            png = await asyncio.to_thread(render_timeline, claims, title=query, width_px=width, height_px=height,
                                          prefer=prefer)
            write_chart(out, png, chart_title(query, group))

        run_command(main())

    @app.command(name="export")
    def export_(
        fmt: Annotated[str, typer.Option("--format", help="json, csv or claimreview.")] = "json",
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
        status: Annotated[list[str] | None, typer.Option(
            "--status", help="Only claims with this status (repeat, or comma-separate).")] = None,
        out: Annotated[Path | None, typer.Option("--out", help="File to write (default: standard output).")] = None,
        newsroom: Annotated[str | None, typer.Option(
            "--newsroom",
            help="The newsroom named as the ClaimReview author (default: the 'newsroom' setting).")] = None,
    ) -> None:
        """Export the stored claims: every field (json, csv) or schema.org ClaimReview JSON-LD."""
        settings = load_settings(db)

        async def main() -> None:
            from .exchange import FORMATS, export_claims

            kind = fmt.strip().lower()
            if kind not in FORMATS:
                raise InputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
            statuses = parse_statuses(status)
            async with _store(settings) as store:
                name = newsroom or await store.get_setting(workspace, NEWSROOM_SETTING) or "crosscheck"
                if out is None:
                    n = await export_claims(store, workspace, kind, sys.stdout, statuses=statuses, newsroom=name)
                    sys.stdout.flush()
                else:
                    try:
                        with out.open("w", encoding="utf-8", newline="") as fh:
                            n = await export_claims(store, workspace, kind, fh, statuses=statuses, newsroom=name)
                    except OSError as exc:
                        raise InputError(f"{out}: cannot write it ({exc.strerror}).") from None
            Console(stderr=True).print(f"exported {n} claim{'s' if n != 1 else ''}", markup=False, highlight=False)

        run_command(main())

    @app.command(name="import")
    def import_(
        path: Annotated[Path, typer.Argument(help="A crosscheck JSON export or ClaimReview JSON-LD file.")],
        db: DbOpt = None,
        workspace: WorkspaceOpt = "default",
    ) -> None:
        """Import claims with their status from a crosscheck export or ClaimReview JSON-LD."""
        settings = load_settings(db)

        async def main() -> None:
            from .exchange import import_document, load_document

            if not path.is_file():
                raise InputError(f"{path}: no such file. Check the path.")
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(f"{path}: cannot read it ({exc.strerror}).") from None
            doc = load_document(data, name=str(path))
            extractor = LazyExtractor(settings)
            try:
                async with _store(settings) as store:
                    summary = await import_document(store, doc, workspace=workspace, actor=cli_actor(),
                                                    extract=extractor)
            finally:
                extractor.close()
            Console().print(summary.line(), markup=False, highlight=False)

        run_command(main())


def write_chart(out: Path, png: bytes, title: str) -> None:
    """Write a chart's PNG and say so on stderr; a path that cannot be written is one line."""
    try:
        out.write_bytes(png)
    except OSError as exc:
        raise InputError(f"{out}: cannot write it ({exc.strerror}).") from None
    Console(stderr=True).print(f"wrote {out}: {title}", markup=False, highlight=False)

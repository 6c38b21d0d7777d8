"""``crosscheck migrate-store --from URL --to URL``: copy a whole claim store into another.

    crosscheck migrate-store --from sqlite:///crosscheck.db --to postgresql://crosscheck@db/crosscheck

:func:`register` adds the command to the Typer app of :mod:`bot.cli`; the work
is :func:`storage.copy.migrate_store`.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Table

from .cli_options import load_settings, run_command

FromOpt = Annotated[
    str,
    typer.Option("--from", help="The store to copy: a SQLite file (or sqlite:///path) or a postgresql:// URL."),
]
ToOpt = Annotated[
    str,
    typer.Option("--to", help="The store to copy into (created and migrated if new)."),
]
BatchOpt = Annotated[int, typer.Option("--batch", min=1, max=50_000, help="Rows per transaction.")]


def register(app: typer.Typer) -> None:
    """Add ``migrate-store`` to the crosscheck command line."""

    @app.command(name="migrate-store")
    def migrate_store(from_url: FromOpt, to_url: ToOpt, batch: BatchOpt = 2_000) -> None:
        """Copy a whole store (e.g. SQLite to PostgreSQL) and verify the counts.

        Running it twice copies nothing twice.
        """
        settings = load_settings(None)

        async def main() -> None:
            from storage import redact_url
            from storage.copy import migrate_store as copy

            err = Console(stderr=True)
            with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,} rows"),
                          console=err, transient=True) as progress:
                tasks: dict[str, TaskID] = {}

                def advance(table: str, rows: int) -> None:
                    if table not in tasks:
                        tasks[table] = progress.add_task(table, total=None)
                    progress.advance(tasks[table], rows)

                report = await copy(from_url, to_url, settings, batch=batch, progress=advance)
            out = Console()
            table = Table(title=f"{redact_url(from_url)} → {redact_url(to_url)}", title_justify="left")
            for name in ("table", "source rows", "copied", "already there", "target rows"):
                table.add_column(name, justify="left" if name == "table" else "right")
            for t in report.tables:
                table.add_row(t.table, f"{t.source:,}", f"{t.copied:,}", f"{t.present:,}", f"{t.target:,}")
            out.print(table)
            spaces = len(report.workspaces)
            out.print(
                f"{report.copied:,} rows copied; every table checked: each source row is in the target. "
                f"{spaces:,} workspace{'s' if spaces != 1 else ''} in the target.",
                highlight=False,
            )

        run_command(main())

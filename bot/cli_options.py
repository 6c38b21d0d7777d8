"""What every command of the ``crosscheck`` command line shares: its options, its settings, how it runs.

:mod:`bot.cli` and the modules that add commands to it (:mod:`bot.cli_desk`,
:mod:`bot.cli_store`, :mod:`bot.cli_story`) import this module; none of them
imports another's command module back, so the command line has no import circle.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .engine.errors import CrosscheckError

if TYPE_CHECKING:  # imported where used: `crosscheck --help` starts without them
    from rich.console import Console

    from .settings import Settings

log = logging.getLogger("crosscheck")

DbOpt = Annotated[
    str | None,
    typer.Option("--db",
                 help="Claim store: SQLite file or postgresql:// URL (default: CROSSCHECK_DB or ./crosscheck.db)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per input, one per line.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date of the article(s), YYYY-MM-DD.")
]
WorkspaceOpt = Annotated[str, typer.Option("--workspace", help="Workspace (a Discord guild id, or 'default').")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, '-' for standard input, or http(s) links.")]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why, for the audit log.")]


#: exit statuses, one per kind of failure (README: "Exit statuses")
EXIT_CONFIG = 78  # a setting's value is invalid (sysexits EX_CONFIG)


def load_settings(db: str | None) -> Settings:
    from pydantic import ValidationError

    from .settings import Settings

    try:
        settings = Settings()
    except ValidationError as exc:
        stderr().print(f"error: {setting_error(exc)}", markup=False, highlight=False)
        raise typer.Exit(EXIT_CONFIG) from None
    if db:
        settings = settings.model_copy(update={"db": db})
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    for noisy in ("trafilatura", "htmldate", "charset_normalizer", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return settings


def setting_error(exc) -> str:  # noqa: ANN001 - pydantic.ValidationError
    """One sentence for the first invalid setting: its variable, the value given, what is wrong, what to do."""
    from .settings import Settings

    first = exc.errors()[0]
    field = str(first["loc"][0]) if first.get("loc") else ""
    info = Settings.model_fields.get(field)
    var = "DISCORD_TOKEN" if field == "discord_token" else f"CROSSCHECK_{field.upper()}"
    value = first.get("input")
    given = f"={value}" if isinstance(value, (str, int, float)) and field != "discord_token" else ""
    wants = f" ({info.description.rstrip('.')})" if info is not None and info.description else ""
    more = f" ({len(exc.errors()) - 1} more settings are invalid too)" if len(exc.errors()) > 1 else ""
    return (f"{var}{given} is not a valid setting: {first['msg'].rstrip('.')}. Fix it in the environment or "
            f"the .env file{wants}{more}.")


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def run_command(coro: Any) -> None:
    """Run a command; domain errors become one line and an exit code, others an incident id."""
    import asyncio
    import uuid

    from rich.console import Console

    err = Console(stderr=True, soft_wrap=True)
    try:
        asyncio.run(coro)
    except CrosscheckError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception:  # the central handler: log the traceback, show an incident id
        incident = uuid.uuid4().hex[:8]
        log.exception("incident %s", incident)
        err.print(
            f"error: something went wrong (incident {incident}). The log above has the details; "
            "please report it with that id.",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(70) from None

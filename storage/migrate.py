"""Numbered plain-SQL migrations, one directory per backend.

``storage/migrations/<backend>/NNNN_name.sql`` are applied in order, each in
its own transaction together with the row that records it in
``schema_version``. A database is upgraded in place: only the migrations it
has not recorded run. A database newer than this code is refused rather than
guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources

from bot.engine.errors import StoreUnavailable

from .driver import Driver, Executor, utc_now

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

SCHEMA_VERSION_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)"
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(backend: str) -> list[Migration]:
    """The migrations shipped for ``backend``, in order; numbering must be 1, 2, 3..."""
    folder = resources.files("storage").joinpath("migrations", backend)
    found: list[Migration] = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m is None:
            continue
        found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    expected = list(range(1, len(found) + 1))
    if [mig.version for mig in found] != expected:
        raise RuntimeError(f"{backend} migrations must be numbered 0001, 0002... without gaps")
    return found


async def current_version(driver: Driver) -> int:
    """The highest migration recorded in the database (0 for a new one)."""

    async def read(ex: Executor) -> int:
        row = await ex.fetchone("SELECT MAX(version) AS v FROM schema_version")
        return int(row["v"]) if row is not None and row["v"] is not None else 0

    return await driver.write(read, unlimited=True)


async def migrate(driver: Driver, *, target: int | None = None) -> int:
    """Apply pending migrations of ``driver.backend`` up to ``target`` (default: all).

    Returns the schema version reached.
    """
    migrations = load_migrations(driver.backend)
    newest = migrations[-1].version if migrations else 0

    async def ensure_table(ex: Executor) -> None:
        await ex.execute(SCHEMA_VERSION_DDL)

    await driver.write(ensure_table, unlimited=True)
    version = await current_version(driver)
    if version > newest:
        raise StoreUnavailable(
            f"The claim store at {driver.location} has schema version {version}, newer than this "
            f"crosscheck knows ({newest}). Upgrade crosscheck before using this database."
        )
    for mig in migrations:
        if mig.version <= version or (target is not None and mig.version > target):
            continue
        await driver.write(_applier(mig), unlimited=True)
        version = mig.version
    return version


def _applier(mig: Migration) -> Callable[[Executor], Awaitable[None]]:
    async def apply(ex: Executor) -> None:
        # Another process may have applied it since we looked: check again
        # inside the transaction, which holds the write lock.
        row = await ex.fetchone("SELECT 1 AS done FROM schema_version WHERE version = ?", (mig.version,))
        if row is not None:
            return
        await ex.executescript(mig.sql)
        await ex.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            (mig.version, mig.name, utc_now()),
        )

    return apply

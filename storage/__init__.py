"""The claim store: :class:`bot.engine.protocol.ClaimStore` on SQLite and PostgreSQL.

Why plain SQL behind a thin driver, and not an ORM or SQLAlchemy Core
--------------------------------------------------------------------
* **A DBA can read exactly what runs.** The schema is numbered SQL files,
  ``storage/migrations/<backend>/NNNN_name.sql``, applied in order, each in
  one transaction with its row in ``schema_version``; the queries are plain
  strings in :mod:`storage.store`. Nothing is generated at run time.
* **Each backend keeps its strengths.** SQLite runs the datasette way (WAL,
  one serialised writer, read-only readers with a time limit,
  ``WITHOUT ROWID`` term tables); PostgreSQL uses a connection pool,
  native DATE/TIMESTAMPTZ and pg_trgm, in its own migrations. An abstraction
  layer would flatten both to the common denominator.
* **The surface is small.** Most SQL is portable (``?`` placeholders,
  ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, partial unique indexes,
  ``LIMIT``/``OFFSET``), so one :class:`~storage.store.SQLClaimStore` serves
  both; a driver (:mod:`storage.driver`) only runs SQL, encodes values and
  owns transactions and time limits. A backend overrides a query only where
  it can do better.

Layout: :mod:`storage.driver` (the driver contract and value helpers),
:mod:`storage.sqlite` (the SQLite driver), :mod:`storage.migrate` (the
migration runner), :mod:`storage.store` (the store in SQL),
:mod:`storage.postgres` (the PostgreSQL driver, with
``storage/migrations/postgres/``; :func:`open_store` picks it for
``postgresql://`` URLs), :mod:`storage.copy` (``migrate-store``) and
:mod:`storage.memory` (the store in memory, for tests and one-off runs:
:func:`open_store` picks it for ``memory://``).
"""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING

from bot.engine.errors import InputError, StoreUnavailable

from .driver import Driver
from .memory import MemoryClaimStore, is_memory_url
from .migrate import migrate
from .sqlite import SQLiteDriver, sqlite_path
from .store import AuditEntry, SQLClaimStore, SQLiteClaimStore

if TYPE_CHECKING:
    from bot.settings import Settings

__all__ = ["AuditEntry", "MemoryClaimStore", "SQLClaimStore", "SQLiteClaimStore", "open_driver", "open_sql_store",
           "open_store", "redact_url"]

_PG_SCHEMES = ("postgresql://", "postgres://")


async def open_store(
    url_or_path: str,
    settings: Settings,
    *,
    postings_cap: int | None = None,
    cache_size: int | None = None,
    lead_depth: int | None = None,
) -> SQLClaimStore | MemoryClaimStore:
    """Open the claim store at ``url_or_path`` and bring its schema up to date.

    A plain path or ``sqlite:///relative`` / ``sqlite:////absolute`` opens
    SQLite; ``postgresql://...`` opens PostgreSQL; ``memory://`` an empty
    store in memory (:class:`~storage.memory.MemoryClaimStore`). Raises
    :class:`~bot.engine.errors.StoreUnavailable` with a sentence naming what
    to do. The store is an async context manager::

        async with await open_store(settings.db, settings) as store:
            ...

    ``postings_cap``, ``lead_depth`` and ``cache_size`` tune candidate retrieval (see
    :class:`~storage.store.SQLClaimStore`); they default to the settings
    ``store_postings_cap``, ``store_lead_depth`` and ``store_cache_size``, whose
    defaults suit a million claims.
    """
    if is_memory_url(url_or_path):
        return MemoryClaimStore(
            postings_cap=settings.store_postings_cap if postings_cap is None else postings_cap,
            lead_depth=settings.store_lead_depth if lead_depth is None else lead_depth,
        )
    return await open_sql_store(
        url_or_path, settings, postings_cap=postings_cap, cache_size=cache_size, lead_depth=lead_depth
    )


async def open_sql_store(
    url_or_path: str,
    settings: Settings,
    *,
    postings_cap: int | None = None,
    cache_size: int | None = None,
    lead_depth: int | None = None,
) -> SQLClaimStore:
    """:func:`open_store` for a store in a database (SQLite or PostgreSQL), whose driver the caller uses
    (``migrate-store`` copies tables); ``memory://`` is refused with a sentence."""
    if is_memory_url(url_or_path):
        raise InputError(
            "The in-memory store (memory://) has no tables to copy and keeps nothing after the command. "
            "Give a SQLite path or a postgresql:// URL."
        )
    driver = await open_driver(url_or_path, settings)
    try:
        await migrate(driver)
    except BaseException:
        await driver.close()
        raise
    if driver.backend == "sqlite":
        cls: type[SQLClaimStore] = SQLiteClaimStore
    else:  # postgres: one round trip for all of an article's claims
        cls = importlib.import_module("storage.postgres").PostgresClaimStore
    store = cls(
        driver,
        postings_cap=settings.store_postings_cap if postings_cap is None else postings_cap,
        cache_size=settings.store_cache_size if cache_size is None else cache_size,
        lead_depth=settings.store_lead_depth if lead_depth is None else lead_depth,
    )
    try:
        # articles stored before stories existed (schema 0005) are linked once, oldest first
        await store.backfill_stories()
    except BaseException:
        await driver.close()
        raise
    return store


async def open_driver(url_or_path: str, settings: Settings) -> Driver:
    """The driver for ``url_or_path``, connected but not migrated."""
    if url_or_path.startswith(_PG_SCHEMES):
        return await _open_postgres(url_or_path, settings)
    check_store_scheme(url_or_path)
    path = sqlite_path(url_or_path)
    return await SQLiteDriver.open(path, timeout=settings.db_timeout)


async def _open_postgres(url: str, settings: Settings) -> Driver:
    try:
        module = importlib.import_module("storage.postgres")
    except ModuleNotFoundError as exc:
        if exc.name != "storage.postgres":
            raise
        raise StoreUnavailable(
            f"Cannot open the claim store at {redact_url(url)}: this crosscheck has no PostgreSQL "
            "driver yet. Use a SQLite file path for CROSSCHECK_DB."
        ) from exc
    return await module.PostgresDriver.open(url, settings)


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def check_store_scheme(url_or_path: str) -> None:
    """Refuse a URL of a database crosscheck does not speak (``mysql://...``) instead of taking it
    for a file name."""
    m = _SCHEME.match(url_or_path)
    if m and m.group(1).lower() not in ("sqlite", "postgresql", "postgres", "memory"):
        raise InputError(
            f"The claim store {redact_url(url_or_path)} is a {m.group(1)} database; crosscheck stores claims in "
            "SQLite (a file path, or sqlite:///path), PostgreSQL (postgresql://...) or memory (memory://, "
            "kept until the process ends). Set CROSSCHECK_DB or --db to one of those."
        )


def redact_url(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, _, host = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"

"""The PostgreSQL driver: an asyncpg pool behind the :class:`~storage.driver.Driver` contract.

For a newsroom that outgrows one SQLite file: several bot processes
(shards), a database server with backups, many moderators at once. The store
code is the same (:class:`~storage.store.SQLClaimStore`); this module only
runs its SQL on PostgreSQL:

* **placeholders**: the store writes ``?``; each statement is rewritten once
  (cached) to ``$1, $2...``, skipping string literals, quoted identifiers,
  comments and dollar-quoted bodies (:func:`to_dollar`);
* **a pool** of ``settings.pg_pool_min`` to ``settings.pg_pool_max``
  connections; every read is one read-only REPEATABLE READ transaction (one
  snapshot, as the store's cache expects), every write one READ COMMITTED
  transaction; duplicates are refused by unique constraints
  (``INSERT ... ON CONFLICT DO NOTHING``), never by check-then-insert;
* **time limits**: ``settings.db_timeout`` both client-side and as the
  server's ``statement_timeout``, so a slow query is stopped on the server too;
* **lost connections** (a restarted server, a failover, a terminated
  backend) are retried with exponential backoff (tenacity,
  ``settings.db_retries``); a transaction is retried only when it certainly
  did not commit. What the user then sees is :data:`UNAVAILABLE`;
* **migrations**: ``storage/migrations/postgres/`` mirrors the SQLite files
  (same numbers and names) with native DATE/TIMESTAMPTZ and ``pg_trgm``.
  Every schema write (``write(..., unlimited=True)``, the migration path)
  first takes a transaction-level advisory lock, so two processes starting
  at once never both apply a migration: the second waits, then finds it
  recorded in ``schema_version``.

:func:`scratch_database` gives tests a throw-away schema.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg
import asyncpg.exceptions as pgerr
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from bot.engine.errors import StoreUnavailable

from . import redact_url
from .driver import DriverBase, Row, as_utc
from .rows import INSERT_CLAIM_WITH_ID as _INSERT_CLAIM_WITH_ID
from .store import SQLClaimStore

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a user sees when the database cannot be reached, even after retrying.
UNAVAILABLE = (
    "The claim store is unavailable right now. Try again in a minute; if it persists, "
    "tell the bot's operators."
)

#: pg_advisory_xact_lock key held by every schema write ("crosscheck" in ASCII, folded).
MIGRATION_LOCK = 0x63726F7373636B

#: Prepared statements kept per connection. The store's statements vary with
#: the number of terms, units and ids (IN lists), so asyncpg's default of 100
#: would keep re-preparing them; each costs a round trip and a plan.
STATEMENT_CACHE = 1024

#: First wait before a retry, in seconds; it doubles (with jitter) up to RETRY_MAX_WAIT.
RETRY_FIRST_WAIT = 0.2
RETRY_MAX_WAIT = 5.0

#: schema_version with a native timestamp (storage.migrate creates it only if absent).
SCHEMA_VERSION_DDL = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL)"
)


# -- placeholders ------------------------------------------------------------------

_SQL_TOKENS = re.compile(
    r"""
      (?P<skip>
          (?<![\w$])[eE]'(?:[^'\\]|\\.|'')*'  # E'...' escape string (E starting a token)
        | '(?:[^']|'')*'                    # '...' string literal
        | "(?:[^"]|"")*"                    # "quoted identifier"
        | --[^\n]*                          # -- comment
        | /\*[\s\S]*?\*/                    # /* comment */
        | \$(?P<tag>[A-Za-z_]\w*|)\$[\s\S]*?\$(?P=tag)\$   # $tag$ dollar-quoted $tag$
      )
    | (?P<mark>\?)
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=4096)
def to_dollar(sql: str) -> str:
    """``sql`` with each ``?`` placeholder outside literals, identifiers and comments as ``$1, $2...``.

    Cached: the store sends the same few hundred statements over and over.
    """
    counter = 0

    def replace(m: re.Match[str]) -> str:
        nonlocal counter
        if m.group("mark") is None:
            return m.group(0)
        counter += 1
        return f"${counter}"

    return _SQL_TOKENS.sub(replace, sql)


def _encode(params: Sequence[Any]) -> list[Any]:
    """Parameters as asyncpg wants them: aware datetimes (naive ones are UTC), enum values."""
    out = []
    for value in params:
        if isinstance(value, datetime):
            value = as_utc(value)
        elif isinstance(value, enum.Enum):
            value = value.value
        out.append(value)
    return out


# -- errors ---------------------------------------------------------------------------

#: Errors after which the connection (or the server) is gone, and the work can be retried.
_LOST = (
    pgerr.PostgresConnectionError,  # class 08, connection does not exist / failure
    pgerr.AdminShutdownError,  # pg_terminate_backend, server shutting down
    pgerr.CrashShutdownError,
    pgerr.CannotConnectNowError,  # server starting up or in recovery
    pgerr.TooManyConnectionsError,
    pgerr.TransactionRollbackError,  # serialization failure, deadlock: rolled back, safe to retry
    asyncpg.InterfaceError,  # "connection is closed" and the like
    ConnectionError,
    OSError,
)


def _is_lost(exc: BaseException) -> bool:
    if isinstance(exc, _NoRetry):
        return False
    if isinstance(exc, asyncpg.InterfaceError) and "another operation is in progress" in str(exc):
        return False  # a bug in the caller, not the network
    return isinstance(exc, _LOST)


class _NoRetry(Exception):
    """The connection was lost while COMMIT was in flight: the write may have happened."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _TooSlow(Exception):
    """The client-side time limit ran out (kept apart from the pool's own TimeoutErrors)."""


# -- the executor ----------------------------------------------------------------------


class PostgresExecutor:
    """One asyncpg connection, seen through the :class:`~storage.driver.Executor` protocol."""

    __slots__ = ("_conn",)

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return await self._conn.fetch(to_dollar(sql), *_encode(params))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return await self._conn.fetchrow(to_dollar(sql), *_encode(params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        await self._conn.execute(to_dollar(sql), *_encode(params))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._conn.executemany(to_dollar(sql), [_encode(r) for r in rows])

    async def executescript(self, sql: str) -> None:
        # No parameters: the simple query protocol runs every statement of the script.
        await self._conn.execute(sql)

    async def copy_records(self, table: str, columns: Sequence[str], records: Iterable[Sequence[Any]]) -> None:
        """Bulk-load rows with COPY (bench and migrate-store); no placeholders involved."""
        await self._conn.copy_records_to_table(table, columns=list(columns), records=records)

    @property
    def connection(self) -> asyncpg.Connection:
        """The raw asyncpg connection, for PostgreSQL-only work."""
        return self._conn


# -- the driver ------------------------------------------------------------------------------


class PostgresDriver(DriverBase):
    """An asyncpg pool. Build with :meth:`open`."""
    slow_hint = "ask the database's operators"

    backend = "postgres"

    def __init__(self, url: str, pool: asyncpg.Pool, *, timeout: float, retries: int) -> None:
        self.url = url
        self.location = redact_url(url)
        self._pool = pool
        self._timeout = timeout
        self._retries = retries
        self._closed = False

    # -- opening and closing ----------------------------------------------------

    @classmethod
    async def open(cls, url: str, settings: Settings) -> PostgresDriver:
        """Connect a pool to ``url`` (retrying a refused connection); raises StoreUnavailable."""
        timeout = settings.db_timeout
        size_max = settings.pg_pool_max
        size_min = min(settings.pg_pool_min, size_max)

        async def connect() -> asyncpg.Pool:
            return await asyncpg.create_pool(
                url,
                min_size=size_min,
                max_size=size_max,
                timeout=timeout,  # to establish a connection
                command_timeout=None,  # reads and writes carry their own limit
                statement_cache_size=STATEMENT_CACHE,
                server_settings={
                    "statement_timeout": str(int(timeout * 1000)),
                    "idle_in_transaction_session_timeout": str(int(max(timeout * 6, 60) * 1000)),
                    "application_name": "crosscheck",
                    "timezone": "UTC",
                },
            )

        location = redact_url(url)
        try:
            pool = await _retry(connect, settings.db_retries, what=f"connecting to {location}")
        except (pgerr.InvalidAuthorizationSpecificationError, pgerr.InvalidPasswordError) as exc:
            raise _cannot_open(location, f"the server refused the login ({exc})") from exc
        except pgerr.InvalidCatalogNameError as exc:
            raise _cannot_open(location, f"{exc}") from exc
        except (pgerr.PostgresError, ValueError) as exc:  # ValueError: a malformed URL
            if _is_lost(exc):
                log.warning("the claim store at %s is unreachable: %s", location, exc)
                raise _unreachable(url) from exc
            raise _cannot_open(location, str(exc)) from exc
        except (OSError, TimeoutError, asyncpg.InterfaceError) as exc:
            log.warning("the claim store at %s is unreachable: %s", location, exc)
            raise _unreachable(url) from exc
        driver = cls(url, pool, timeout=timeout, retries=settings.db_retries)
        try:
            await driver.write(lambda ex: ex.execute(SCHEMA_VERSION_DDL), unlimited=True)
        except BaseException:
            await driver.close()
            raise
        return driver

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await asyncio.wait_for(self._pool.close(), timeout=max(self._timeout, 5))
        except (TimeoutError, OSError, pgerr.PostgresError, asyncpg.InterfaceError) as exc:
            log.warning("closing the claim store pool gently failed (%s); terminating it", exc)
            self._pool.terminate()

    # -- running work -----------------------------------------------------------

    async def read(self, fn: Callable[[PostgresExecutor], Awaitable[T]]) -> T:
        """Run ``fn`` in one read-only REPEATABLE READ transaction (one snapshot)."""
        self._check_open()

        async def attempt() -> T:
            async with self._pool.acquire() as conn, conn.transaction(isolation="repeatable_read", readonly=True):
                return await fn(PostgresExecutor(conn))

        return await self._run(attempt, limited=True)

    async def write(self, fn: Callable[[PostgresExecutor], Awaitable[T]], *, unlimited: bool = False) -> T:
        """Run ``fn`` in one READ COMMITTED transaction; commit, or roll back on any error.

        ``unlimited`` is the schema path (migrations): no time limit, and the
        migration advisory lock is held for the transaction.
        """
        self._check_open()

        async def attempt() -> T:
            async with self._pool.acquire() as conn:
                tx = conn.transaction()
                await tx.start()
                try:
                    if unlimited:
                        await conn.execute("SET LOCAL statement_timeout = 0")
                        await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
                    result = await fn(PostgresExecutor(conn))
                except BaseException:
                    if not conn.is_closed():
                        await asyncio.shield(_rollback(tx))
                    raise
                try:
                    await tx.commit()
                except BaseException as exc:
                    if _is_lost(exc):
                        raise _NoRetry(exc) from exc
                    raise
                return result

        return await self._run(attempt, limited=not unlimited)

    async def _run(self, attempt: Callable[[], Awaitable[T]], *, limited: bool) -> T:
        """``attempt`` with the time limit, retried after a lost connection; errors as sentences."""

        async def timed() -> T:
            if not limited:
                return await attempt()
            try:
                async with asyncio.timeout(self._timeout):
                    return await attempt()
            except TimeoutError as exc:
                raise _TooSlow from exc

        try:
            return await _retry(timed, self._retries, what=f"a query on {self.location}")
        except _TooSlow:
            raise self._too_slow() from None
        except pgerr.QueryCanceledError as exc:  # statement_timeout on the server
            raise self._too_slow() from exc
        except _NoRetry as exc:
            log.warning("lost the claim store connection during COMMIT: %s", exc.cause)
            raise StoreUnavailable(UNAVAILABLE) from exc.cause
        except (pgerr.DiskFullError, pgerr.OutOfMemoryError, pgerr.InsufficientResourcesError) as exc:
            log.error("the claim store at %s is out of resources: %s", self.location, exc)
            raise StoreUnavailable(UNAVAILABLE) from exc
        except Exception as exc:
            if _is_lost(exc):
                log.warning("the claim store at %s is unavailable: %s", self.location, exc)
                raise StoreUnavailable(UNAVAILABLE) from exc
            raise

    # -- errors -------------------------------------------------------------------



async def _rollback(tx: asyncpg.connection.transaction.Transaction) -> None:
    try:
        await tx.rollback()
    except (OSError, pgerr.PostgresError, asyncpg.InterfaceError) as exc:
        # The pool discards a connection left in a transaction; nothing more to do here.
        log.warning("rollback failed (the connection will be discarded): %s", exc)


async def _retry(fn: Callable[[], Awaitable[T]], retries: int, *, what: str) -> T:
    """``fn()``, retried ``retries`` times with exponential backoff after a lost connection."""

    def before_sleep(state: Any) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        log.warning("retrying %s after %s (attempt %d of %d)", what, exc, state.attempt_number, retries + 1)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(retries + 1),
        wait=wait_exponential_jitter(multiplier=RETRY_FIRST_WAIT, max=RETRY_MAX_WAIT, jitter=RETRY_FIRST_WAIT),
        retry=retry_if_exception(_is_lost),
        before_sleep=before_sleep,
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            return await fn()
    raise AssertionError("tenacity ended without an outcome")  # pragma: no cover


def _unreachable(url: str) -> StoreUnavailable:
    """The claim store's server does not answer: name it (host and port), and what to do."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "localhost", parts.port or 5432
    except ValueError:
        host, port = "the configured host", 5432
    return StoreUnavailable(
        f"The claim store's PostgreSQL server at {host}:{port} is not answering. Check that it is running "
        "and that CROSSCHECK_DB (or --db) names it, then try again."
    )


def _cannot_open(location: str, reason: str) -> StoreUnavailable:
    return StoreUnavailable(
        f"Cannot open the claim store at {location}: {reason}. Check the URL in CROSSCHECK_DB "
        "(or --db) and the database's permissions."
    )


# -- the store on PostgreSQL -------------------------------------------------------------------


class PostgresClaimStore(SQLClaimStore):
    """The store on PostgreSQL: an article's claims in one round trip.

    Ids come from the claims' identity sequence (``nextval``, never reused,
    safe with concurrent writers) and the rows go in as one pipelined batch.
    """

    async def _insert_claim_rows(self, ex: Any, rows: list[tuple[Any, ...]]) -> list[int]:
        if not rows:
            return []
        id_rows = await ex.fetchall(
            "SELECT nextval(pg_get_serial_sequence('claims', 'id')) AS id FROM generate_series(1, ?)",
            (len(rows),),
        )
        ids = sorted(int(r[0]) for r in id_rows)
        await ex.executemany(
            _INSERT_CLAIM_WITH_ID, [(cid, *params) for cid, params in zip(ids, rows, strict=True)]
        )
        return ids


# -- scratch schemas for tests ------------------------------------------------------------------


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` first (then ``public``, where pg_trgm lives)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "search_path"]
    query.append(("search_path", f"{schema},public"))
    return urlunsplit(parts._replace(query=urlencode(query)))


async def ensure_trgm(conn: asyncpg.Connection) -> None:
    """Create pg_trgm in ``public`` unless the database has it (tolerating a concurrent creator)."""
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    except (pgerr.UniqueViolationError, pgerr.DuplicateObjectError) as exc:
        # Another process created it at the same moment: it exists, which is all we need.
        log.debug("pg_trgm was created concurrently: %s", exc)


@asynccontextmanager
async def scratch_database(url: str, *, prefix: str = "test") -> AsyncIterator[str]:
    """A URL for a fresh, empty schema in the database at ``url``, dropped (CASCADE) afterwards.

    Parallel or repeated runs get schemas of their own and never touch other
    data; pg_trgm is created in ``public`` first, so dropping a scratch
    schema never drops the database-wide extension.
    """
    schema = f"{prefix}_{secrets.token_hex(6)}"
    conn = await asyncpg.connect(url)
    try:
        await ensure_trgm(conn)
        await conn.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await conn.close()
    try:
        yield with_search_path(url, schema)
    finally:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        finally:
            await conn.close()

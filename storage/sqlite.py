"""The SQLite driver: WAL, one writer connection, a small pool of readers.

Arranged the way datasette runs SQLite under asyncio:

* WAL journal, so readers never block the writer nor each other;
* every write goes through one connection, serialised by an asyncio lock,
  each as ``BEGIN IMMEDIATE ... COMMIT`` (``ROLLBACK`` on any error or
  cancellation), so there is no "database is locked" surprise mid-transaction;
* reads run on separate read-only connections (``PRAGMA query_only``), each
  within ``settings.db_timeout``: a query still running then is stopped with
  ``sqlite3_interrupt`` and the caller gets a sentence, not a hang;
* ``foreign_keys`` on and a ``busy_timeout`` on every connection.

aiosqlite runs each connection on its own thread, so queries never block the
event loop.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

from bot.engine.errors import Busy, StoreUnavailable

from .driver import DriverBase, Row, encode_text_value

log = logging.getLogger(__name__)

T = TypeVar("T")

#: milliseconds a connection waits for another process's lock before failing
BUSY_TIMEOUT_MS = 5_000
#: page cache per connection, in KiB (negative cache_size means KiB)
CACHE_KIB = 32_768


def sqlite_path(url_or_path: str) -> Path:
    """The file path in ``url_or_path``: a plain path or ``sqlite:///relative``, ``sqlite:////absolute``.

    The URL form follows SQLAlchemy's convention: three slashes then a
    relative path, four slashes for an absolute one.
    """
    if url_or_path.startswith("sqlite://"):
        rest = url_or_path[len("sqlite://"):]
        if not rest.startswith("/"):
            raise StoreUnavailable(
                f"Cannot open the claim store at {url_or_path}: a SQLite URL is sqlite:///relative/path "
                "or sqlite:////absolute/path. Check the path and its permissions, or set CROSSCHECK_DB."
            )
        url_or_path = rest[1:]
    return Path(url_or_path).expanduser()


def cannot_open(path: Path | str, reason: str) -> StoreUnavailable:
    """The error for a claim store that cannot be opened, naming what to do."""
    return StoreUnavailable(
        f"Cannot open the claim store at {path}: {reason}. "
        "Check the path and its permissions, or set CROSSCHECK_DB."
    )


def _path_problem(path: Path) -> str | None:
    """Why ``path`` cannot hold a writable SQLite database, or None if it looks fine."""
    if str(path) in ("", ":memory:") or str(path).startswith("file:"):
        return "give a file path (an in-memory or URI database cannot be shared by the store's connections)"
    if path.is_dir():
        return "it is a directory"
    parent = path.parent
    if not parent.exists():
        return f"the directory {parent} does not exist"
    if not parent.is_dir():
        return f"{parent} is not a directory"
    # WAL mode creates -wal and -shm files beside the database.
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"the directory {parent} is not writable"
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "the file is not writable"
    return None


def _encode(params: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(encode_text_value(v) for v in params)


def _split_script(script: str) -> list[str]:
    """Split a SQL script into complete statements (triggers with BEGIN...END included)."""
    statements: list[str] = []
    buf: list[str] = []
    for line in script.splitlines(keepends=True):
        buf.append(line)
        chunk = "".join(buf)
        if sqlite3.complete_statement(chunk):
            stripped = chunk.strip()
            if stripped and not all(
                ln.strip().startswith("--") or not ln.strip() for ln in stripped.splitlines()
            ):
                statements.append(stripped)
            buf = []
    rest = "".join(buf).strip()
    if rest and not all(ln.strip().startswith("--") or not ln.strip() for ln in rest.splitlines()):
        raise ValueError(f"incomplete SQL statement at the end of a script: {rest[:80]!r}")
    return statements


class SQLiteExecutor:
    """One aiosqlite connection, seen through the :class:`~storage.driver.Executor` protocol."""

    __slots__ = ("_conn",)

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        # the connections' row factory is sqlite3.Row, which reads by column name as a Row does
        return cast(list[Row], list(await self._conn.execute_fetchall(sql, _encode(params))))

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        await self._conn.execute_fetchall(sql, _encode(params))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        cursor = await self._conn.executemany(sql, [_encode(r) for r in rows])
        await cursor.close()

    async def executescript(self, sql: str) -> None:
        for statement in _split_script(sql):
            await self._conn.execute_fetchall(statement)


class SQLiteDriver(DriverBase):
    """WAL-mode SQLite behind one writer and a pool of readers. Build with :meth:`open`."""
    slow_hint = 'check the disk'

    backend = "sqlite"

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        readers: list[aiosqlite.Connection],
        *,
        timeout: float,
    ) -> None:
        self.path = path
        self.location = str(path)
        self._writer = writer
        self._readers = readers
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        for conn in readers:
            self._idle.put_nowait(conn)
        self._write_lock = asyncio.Lock()
        self._timeout = timeout
        self._closed = False

    # -- opening and closing ----------------------------------------------------

    @classmethod
    async def open(cls, path: Path, *, timeout: float, readers: int = 3) -> SQLiteDriver:
        """Open (creating if needed) the database at ``path``; raises StoreUnavailable."""
        problem = _path_problem(path)
        if problem is not None:
            raise cannot_open(path, problem)
        opened: list[aiosqlite.Connection] = []
        try:
            writer = await _connect(path, opened)
            mode = list(await writer.execute_fetchall("PRAGMA journal_mode = WAL"))
            if not mode or str(mode[0][0]).lower() != "wal":
                raise cannot_open(path, "the database refused write-ahead logging (WAL)")
            await writer.execute_fetchall("PRAGMA synchronous = NORMAL")
            # An empty file is not a database until something is written: make
            # sure this one can be, before anyone relies on it.
            await writer.execute_fetchall("BEGIN IMMEDIATE")
            await writer.execute_fetchall("COMMIT")
            pool = []
            for _ in range(max(1, readers)):
                conn = await _connect(path, opened)
                await conn.execute_fetchall("PRAGMA query_only = ON")
                pool.append(conn)
        except sqlite3.Error as exc:
            await _close_all(opened)
            raise cannot_open(path, _reason(exc)) from exc
        except BaseException:
            await _close_all(opened)
            raise
        return cls(path, writer, pool, timeout=timeout)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        async with self._write_lock:
            try:
                await self._writer.execute_fetchall("PRAGMA optimize")
            except sqlite3.Error as exc:  # closing anyway: the planner hint is optional
                log.warning("PRAGMA optimize failed on %s: %s", self.path, exc)
        await _close_all([*self._readers, self._writer])

    # -- running work -----------------------------------------------------------

    async def read(self, fn: Callable[[SQLiteExecutor], Awaitable[T]]) -> T:
        self._check_open()
        conn: aiosqlite.Connection | None = None

        async def run() -> T:
            nonlocal conn
            conn = await self._idle.get()
            return await fn(SQLiteExecutor(conn))

        try:
            return await asyncio.wait_for(run(), self._timeout)
        except TimeoutError:
            if conn is not None:
                await conn.interrupt()
            raise self._too_slow() from None
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        finally:
            if conn is not None:
                self._idle.put_nowait(conn)

    async def write(self, fn: Callable[[SQLiteExecutor], Awaitable[T]], *, unlimited: bool = False) -> T:
        self._check_open()
        try:
            return await asyncio.wait_for(self._transaction(fn), None if unlimited else self._timeout)
        except TimeoutError:
            raise self._too_slow() from None
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc

    async def _transaction(self, fn: Callable[[SQLiteExecutor], Awaitable[T]]) -> T:
        async with self._write_lock:
            conn = self._writer
            try:
                await conn.execute_fetchall("BEGIN IMMEDIATE")
                result = await fn(SQLiteExecutor(conn))
                await conn.execute_fetchall("COMMIT")
                return result
            except BaseException as exc:
                if isinstance(exc, asyncio.CancelledError):
                    # A statement may still be running on the connection's thread.
                    await conn.interrupt()
                # rollback() is queued behind any running statement, and is a
                # no-op when COMMIT already went through.
                await asyncio.shield(conn.rollback())
                raise

    # -- errors -------------------------------------------------------------------


    def _translate(self, exc: sqlite3.Error) -> Exception:
        """Trouble with the database as a sentence for the user.

        Anything else (a constraint refused, SQL this code got wrong) stays
        as it is, for the central handler to log with an incident id.
        """
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            return Busy("The claim store is busy with another write. Try again in a few seconds.")
        if (isinstance(exc, sqlite3.OperationalError) and any(m in message for m in _TROUBLE)) or (
            type(exc) is sqlite3.DatabaseError
        ):
            return StoreUnavailable(
                f"The claim store at {self.path} failed: {exc}. Check the disk and the file's permissions."
            )
        return exc


#: OperationalError messages that mean the database, not the code, is in trouble.
_TROUBLE = ("disk", "full", "readonly", "read-only", "i/o", "corrupt", "not a database", "unable to open",
            "interrupted", "out of memory", "no such table", "permission")


async def _connect(path: Path, opened: list[aiosqlite.Connection]) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    opened.append(conn)
    conn.row_factory = sqlite3.Row
    await conn.execute_fetchall(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await conn.execute_fetchall("PRAGMA foreign_keys = ON")
    await conn.execute_fetchall(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


async def _close_all(conns: list[aiosqlite.Connection]) -> None:
    for conn in conns:
        try:
            await conn.close()
        except (sqlite3.Error, ValueError) as exc:
            log.warning("closing a claim store connection failed: %s", exc)


def _reason(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "not a database" in message:
        return "the file is not a SQLite database"
    if "readonly" in message or "read-only" in message:
        return "the database is read-only"
    if "unable to open" in message:
        return "SQLite cannot create or open the file"
    return message

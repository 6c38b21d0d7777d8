"""The thin driver interface between :class:`~storage.store.SQLClaimStore` and a database.

A driver knows how to run plain SQL on one backend; the store knows what SQL
to run. The contract, which a PostgreSQL driver follows too:

* SQL is written with ``?`` positional placeholders (the store never puts a
  ``?`` inside a string literal). A driver whose database wants ``$1, $2``
  rewrites them with :func:`qmark_to_dollar`.
* Parameters are plain Python values: ``str``, ``int``, ``float``, ``None``,
  ``bool``, :class:`datetime.date` and timezone-aware
  :class:`datetime.datetime`. The driver encodes them for its database
  (SQLite: ISO-8601 text and 0/1; PostgreSQL: native DATE/TIMESTAMPTZ).
* Rows come back addressable by column name and by position
  (``sqlite3.Row``, ``asyncpg.Record``); hot paths read by position. Values read back go through :func:`to_datetime` /
  :func:`to_date`, which accept either encoding.
* :meth:`Driver.read` runs a function on a read connection within the
  configured time limit; :meth:`Driver.write` runs it inside one transaction
  on the single writer, committing on success and rolling back on any error.
  Both raise :class:`~bot.engine.errors.StoreUnavailable` with a sentence for
  the user when the database is unreachable or too slow.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypeVar

from bot.engine.errors import StoreUnavailable

T = TypeVar("T")

#: A row read back from the database, addressed by column name or position.
Row = Mapping[str, Any]


class Executor(Protocol):
    """A connection as seen inside :meth:`Driver.read` or :meth:`Driver.write`."""

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement and return every row it yields."""

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        """Run one statement and return its first row, or None."""

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement for its effect."""

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""

    async def executescript(self, sql: str) -> None:
        """Run a script of several statements (a migration) in the current transaction."""


class Driver(Protocol):
    """One database backend: connections, transactions, time limits."""

    #: "sqlite" or "postgres"; lets the store pick a backend-specific query.
    backend: str
    #: where the database is, for messages (a path, or a URL without password)
    location: str

    async def read(self, fn: Callable[[Executor], Awaitable[T]]) -> T:
        """Run ``fn`` on a read connection, within the store's time limit."""

    async def write(self, fn: Callable[[Executor], Awaitable[T]], *, unlimited: bool = False) -> T:
        """Run ``fn`` in one write transaction; commit, or roll back on error.

        ``unlimited`` lifts the time limit (migrations on a big database).
        """

    async def close(self) -> None:
        """Close every connection. Idempotent."""


# -- values -------------------------------------------------------------------


def utc_now() -> datetime:
    """The current time as a timezone-aware UTC datetime, to the microsecond."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` in UTC. A naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def datetime_text(value: datetime) -> str:
    """ISO-8601 UTC text with microseconds: equal length, so text order is time order."""
    return as_utc(value).isoformat(timespec="microseconds")


def encode_text_value(value: Any) -> Any:
    """Encode one parameter for a database that stores dates and times as text."""
    if isinstance(value, datetime):  # before date: datetime is a date
        return datetime_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def to_datetime(value: Any) -> datetime | None:
    """A timezone-aware UTC datetime from ISO text or a driver's datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    return as_utc(datetime.fromisoformat(str(value)))


def to_date(value: Any) -> date | None:
    """A date from ISO text or a driver's date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


_QMARK = re.compile(r"\?")


def qmark_to_dollar(sql: str) -> str:
    """Rewrite ``?`` placeholders as ``$1, $2, ...`` (asyncpg's style)."""
    counter = iter(range(1, 1_000_000))
    return _QMARK.sub(lambda _m: f"${next(counter)}", sql)


def placeholders(n: int) -> str:
    """``?, ?, ?`` for an ``IN (...)`` list of ``n`` values (n >= 1)."""
    if n < 1:
        raise ValueError("an IN list needs at least one value")
    return ", ".join("?" * n)


class DriverBase:
    """What every driver shares: the closed state and the sentence for a query that took too long.

    A driver sets ``_closed``, ``_timeout`` and, in ``slow_hint``, what its
    operators can do about a slow store.
    """

    _closed: bool = False
    _timeout: float = 10.0
    slow_hint = "ask the database's operators"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("The claim store is closed. Restart crosscheck.")

    def _too_slow(self) -> StoreUnavailable:
        return StoreUnavailable(
            f"The claim store did not answer within {self._timeout:g} s. Try again shortly; "
            f"if it keeps happening, raise CROSSCHECK_DB_TIMEOUT or {self.slow_hint}."
        )


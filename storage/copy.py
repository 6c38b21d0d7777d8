"""Copy a whole claim store into another (``crosscheck migrate-store --from URL --to URL``).

Typically SQLite to PostgreSQL when a newsroom outgrows one file, but any
direction works (PostgreSQL to SQLite for a laptop copy, or one store merged
into another). Both stores are opened with :func:`storage.open_store`, so both
are migrated to the newest schema first; then every table is read through the
source's driver, in batches ordered by key (keyset pagination), and written
through the target's, one transaction per batch:

* every table is copied: sources, claims (statuses included), their retrieval
  terms and attribution chains, watched channels, settings, the audit log,
  outlet grades, and any table both schemas share that this module does not
  name (matched on its primary key);
* **running it twice copies nothing twice.** A row already in the target is
  recognised by what it is, not by its id: a source by (workspace, text
  hash), else (workspace, URL); a claim by (source, start, figure start and
  end, measure); an audit entry by (workspace, at, actor, action, claim);
  other rows by their primary key. Rows alike in their key (two claims of one
  article at the same place, as imports can make) are matched in id order.
  An interrupted copy is finished by running it again;
* ids are kept when the target has no row with that id (an empty target gets
  the very same claim ids, so ``#123`` in old Discord messages still means the
  same claim); otherwise the row gets a new id and references to it follow;
* values are converted to the target's column types (ISO text in SQLite,
  DATE/TIMESTAMPTZ/BOOLEAN in PostgreSQL);
* afterwards the rows of every table are counted on both sides and checked:
  every source row is in the target (copied now or found there), and the
  target grew by exactly what was copied. :class:`CopyReport` holds the counts.

Stop the bots writing to either store while it runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.engine.errors import CrosscheckError, InputError

from . import open_sql_store, redact_url
from .driver import Executor, encode_text_value, placeholders, to_date, to_datetime
from .sqlite import sqlite_path

if TYPE_CHECKING:
    from bot.settings import Settings

    from .store import SQLClaimStore

log = logging.getLogger(__name__)

#: Rows read and written per transaction.
DEFAULT_BATCH = 2_000

#: Values per IN (...) list when looking rows up in the target.
IN_CHUNK = 500

#: Rows per group assumed when paging by groups (claims per source), to size a page.
GROUP_ROWS = 20

#: A PostgreSQL target table is ANALYZEd once this many rows were copied into
#: it, then each time that doubles: the look-ups of the next pages are planned
#: from its statistics, and a table that grew from nothing would be scanned whole.
ANALYZE_AFTER = 10_000


class CopyMismatch(CrosscheckError):
    """After a copy, the counts do not add up: the user sees which table and what to do."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How one table is matched and copied."""

    name: str
    #: ways to recognise a row in the target, tried in order; a key applies to a
    #: row only when none of its values is NULL, except the last, which is the
    #: fallback for rows no other key applies to. The first column of a key is
    #: the one looked up in the target (``IN (...)``): the most selective.
    keys: tuple[tuple[str, ...], ...]
    #: the surrogate id, kept when free in the target (None: the table has none)
    id_column: str | None = None
    #: column -> table whose id map translates it
    refs: tuple[tuple[str, str], ...] = ()
    #: read whole groups of rows sharing this column per page (all claims of a source)
    group_by: str | None = None


#: Known tables, in the order they are copied (referenced tables first).
KNOWN_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "sources",
        keys=(("text_hash", "workspace"), ("url", "workspace"), ("created_at", "workspace", "path", "title")),
        id_column="id",
    ),
    TableSpec(
        "claims",
        keys=(("source_id", "start", "figure_start", "figure_end", "measure"),),
        id_column="id",
        refs=(("source_id", "sources"),),
        group_by="source_id",
    ),
    TableSpec("claim_terms", keys=(("claim_id", "kind", "position"),), refs=(("claim_id", "claims"),)),
    TableSpec("claimant_chain", keys=(("claim_id", "position"),), refs=(("claim_id", "claims"),)),
    TableSpec("watched_channels", keys=(("channel_id", "workspace"),)),
    TableSpec("guild_settings", keys=(("key", "workspace"),)),
    TableSpec("source_grades", keys=(("outlet_key", "workspace"),)),
    TableSpec(
        "audit_log",
        keys=(("at", "workspace", "actor", "action", "claim_id"),),
        id_column="id",
        refs=(("claim_id", "claims"),),
    ),
    # merged_into is copied as it is: ids are kept where the target has them free
    TableSpec("stories", keys=(("created_at", "workspace", "name"),), id_column="id"),
    TableSpec("story_articles", keys=(("story_id", "source_id"),),
              refs=(("story_id", "stories"), ("source_id", "sources"))),
    TableSpec("article_terms", keys=(("source_id", "term"),), refs=(("source_id", "sources"),)),
    TableSpec("story_terms", keys=(("story_id", "term"),), refs=(("story_id", "stories"),)),
    TableSpec("term_df", keys=(("term", "workspace"),)),
)

#: Each store keeps its own record of the migrations applied to it.
NOT_COPIED = frozenset({"schema_version"})


@dataclass(slots=True)
class TableCount:
    """One table's rows: in the source, copied now, found already there, in the target afterwards."""

    table: str
    source: int = 0
    copied: int = 0
    present: int = 0
    target_before: int = 0
    target: int = 0
    renumbered: int = 0

    @property
    def ok(self) -> bool:
        return self.copied + self.present == self.source and self.target == self.target_before + self.copied


@dataclass(slots=True)
class CopyReport:
    """What :func:`copy_store` did, table by table."""

    source: str
    target: str
    tables: list[TableCount] = field(default_factory=list)
    workspaces: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def copied(self) -> int:
        return sum(t.copied for t in self.tables)


Progress = Callable[[str, int], None]


# -- the schema as each backend describes it ------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # lower-case declared type (SQLite) or data_type (PostgreSQL)


async def _tables(ex: Executor, backend: str) -> list[str]:
    if backend == "sqlite":
        rows = await ex.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    else:
        rows = await ex.fetchall(
            "SELECT table_name AS name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    return [r["name"] for r in rows]


async def _columns(ex: Executor, backend: str, table: str) -> tuple[list[Column], list[str]]:
    """The table's columns in order, and its primary key's columns."""
    if backend == "sqlite":
        rows = await ex.fetchall(f'PRAGMA table_info("{table}")')
        cols = [Column(r["name"], (r["type"] or "").lower()) for r in rows]
        pk = [r["name"] for r in sorted((r for r in rows if r["pk"]), key=lambda r: r["pk"])]
        return cols, pk
    rows = await ex.fetchall(
        "SELECT column_name AS name, data_type AS type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
        (table,),
    )
    pk_rows = await ex.fetchall(
        "SELECT a.attname AS name FROM pg_index i"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
        " WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(?))"
        " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
        (table,),
    )
    return [Column(r["name"], r["type"].lower()) for r in rows], [r["name"] for r in pk_rows]


def _converter(backend: str, type_: str) -> Callable[[Any], Any]:
    """A function turning any backend's value into what the target column takes."""
    if backend == "sqlite":
        return encode_text_value
    if type_ == "date":
        return to_date
    if type_.startswith("timestamp"):
        return to_datetime
    if type_ == "boolean":
        return lambda v: None if v is None else bool(v)
    if type_ in ("bigint", "integer", "smallint"):
        return lambda v: None if v is None else int(v)
    if type_ in ("double precision", "real", "numeric"):
        return lambda v: None if v is None else float(v)
    return lambda v: v


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# -- copying one table -----------------------------------------------------------------------


class _TableCopy:
    """Copies one table in batches, recognising rows already in the target.

    Rows with the same key (two identical claims of one article, say) are
    told apart by their order: the k-th such row of the source is the k-th of
    the target. That is exact because every row sharing a key is on the same
    page: a page holds whole groups (all claims of a set of sources) or whole
    keys (primary keys are unique).
    """

    def __init__(
        self,
        spec: TableSpec,
        columns: list[str],
        converters: dict[str, Callable[[Any], Any]],
        id_maps: dict[str, dict[int, int]],
        src: SQLClaimStore,
        dst: SQLClaimStore,
        batch: int,
    ) -> None:
        self.spec = spec
        self.columns = columns
        self.convert = converters
        self.id_maps = id_maps
        self.src = src
        self.dst = dst
        self.batch = batch
        if spec.group_by:
            self.order = [spec.group_by, *([spec.id_column] if spec.id_column else [])]
        else:
            self.order = [spec.id_column] if spec.id_column else list(spec.keys[0])
        self.count = TableCount(spec.name)
        self.next_id = 0
        id_maps.setdefault(spec.name, {})

    async def run(self, progress: Progress | None) -> TableCount:
        table = _quote(self.spec.name)
        self.count.source = await _count(self.src, table)
        self.count.target_before = await _count(self.dst, table)
        if self.spec.id_column:
            col = _quote(self.spec.id_column)
            top_src = await _scalar(self.src, f"MAX({col})", table)
            top_dst = await _scalar(self.dst, f"MAX({col})", table)
            self.next_id = max(top_src or 0, top_dst or 0) + 1
        if self.count.target_before:
            await self._analyze()
        analyzed_at = 0
        after: Any = None
        while True:
            rows, after, last = await self.src.driver.read(partial(self._read_page, after=after))
            if rows:
                await self.dst.driver.write(partial(self._write_page, page=rows))
                if progress is not None:
                    progress(self.spec.name, len(rows))
            if self.count.copied >= max(ANALYZE_AFTER, 2 * analyzed_at):
                await self._analyze()
                analyzed_at = self.count.copied
            if last:
                break
        if self.count.copied > analyzed_at:
            await self._analyze()
        self.count.target = await _count(self.dst, table)
        return self.count

    async def _analyze(self) -> None:
        """Fresh planner statistics for the target table (PostgreSQL; SQLite plans these look-ups well)."""
        if self.dst.driver.backend != "postgres":
            return
        table = _quote(self.spec.name)
        await self.dst.driver.write(lambda ex: ex.execute(f"ANALYZE {table}"))

    async def _read_page(self, ex: Executor, after: Any) -> tuple[list[dict[str, Any]], Any, bool]:
        """The next page after ``after``: (rows, where the next page starts, whether it was the last)."""
        cols = ", ".join(_quote(c) for c in self.columns)
        order = ", ".join(_quote(c) for c in self.order)
        table = _quote(self.spec.name)
        group = self.spec.group_by
        if group is not None:
            # Whole groups per page: every claim of a source is on the same page.
            wanted = max(1, self.batch // GROUP_ROWS)
            sql = f"SELECT DISTINCT {_quote(group)} AS g FROM {table}"
            params: list[Any] = []
            if after is not None:
                sql += f" WHERE {_quote(group)} > ?"
                params.append(after)
            groups = [r["g"] for r in await ex.fetchall(sql + " ORDER BY g LIMIT ?", [*params, wanted])]
            if not groups:
                return [], after, True
            rows = await ex.fetchall(
                f"SELECT {cols} FROM {table} WHERE {_quote(group)} IN ({placeholders(len(groups))})"
                f" ORDER BY {order}",
                groups,
            )
            return [{c: r[c] for c in self.columns} for r in rows], groups[-1], len(groups) < wanted
        sql = f"SELECT {cols} FROM {table}"
        params = []
        if after is not None:
            sql += f" WHERE ({order}) > ({placeholders(len(after))})"
            params += after
        rows = await ex.fetchall(sql + f" ORDER BY {order} LIMIT ?", [*params, self.batch])
        page = [{c: r[c] for c in self.columns} for r in rows]
        nxt = tuple(page[-1][c] for c in self.order) if page else after
        return page, nxt, len(page) < self.batch

    def _target_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with references mapped to target ids and values in the target's types."""
        out = {c: self.convert[c](v) for c, v in row.items()}
        for col, ref in self.spec.refs:
            if out.get(col) is not None:
                out[col] = self.id_maps[ref].get(int(out[col]), int(out[col]))
        return out

    def _key_of(self, row: dict[str, Any], i: int) -> tuple[Any, ...] | None:
        key = self.spec.keys[i]
        values = tuple(row.get(c) for c in key)
        last = i == len(self.spec.keys) - 1
        if last and i > 0 and any(self._key_of(row, j) is not None for j in range(i)):
            return None  # the fallback only serves rows no other key applies to
        if not last and any(v is None for v in values):
            return None
        return values

    async def _existing(self, ex: Executor, rows: list[dict[str, Any]]) -> list[dict[tuple[Any, ...], list[Any]]]:
        """For each key, the target's rows with the key values of ``rows``: key -> their ids, in order."""
        id_col = self.spec.id_column
        found: list[dict[tuple[Any, ...], list[Any]]] = []
        for i, key in enumerate(self.spec.keys):
            wanted = {k for r in rows if (k := self._key_of(r, i)) is not None}
            hits_by_key: dict[tuple[Any, ...], list[Any]] = {}
            values = list(dict.fromkeys(k[0] for k in wanted))
            cols = ", ".join(_quote(c) for c in [*([id_col] if id_col else []), *key])
            for start in range(0, len(values), IN_CHUNK):
                chunk = values[start:start + IN_CHUNK]
                hits = await ex.fetchall(
                    f"SELECT {cols} FROM {_quote(self.spec.name)}"
                    f" WHERE {_quote(key[0])} IN ({placeholders(len(chunk))})",
                    chunk,
                )
                for h in hits:
                    k = tuple(self.convert[c](h[c]) for c in key)
                    if k in wanted:
                        hits_by_key.setdefault(k, []).append(int(h[id_col]) if id_col else True)
            if id_col:
                for ids in hits_by_key.values():
                    ids.sort()
            found.append(hits_by_key)
        return found

    async def _taken_ids(self, ex: Executor, ids: list[int]) -> set[int]:
        taken: set[int] = set()
        col = _quote(self.spec.id_column or "id")
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start:start + IN_CHUNK]
            rows = await ex.fetchall(
                f"SELECT {col} AS id FROM {_quote(self.spec.name)} WHERE {col} IN ({placeholders(len(chunk))})",
                chunk,
            )
            taken.update(int(r["id"]) for r in rows)
        return taken

    async def _write_page(self, ex: Executor, page: list[dict[str, Any]]) -> None:
        rows = [self._target_row(r) for r in page]
        existing = await self._existing(ex, rows)
        id_col = self.spec.id_column
        id_map = self.id_maps[self.spec.name]
        taken = await self._taken_ids(ex, [int(r[id_col]) for r in rows]) if id_col else set()
        seen: list[dict[tuple[Any, ...], int]] = [{} for _ in self.spec.keys]
        fresh: list[dict[str, Any]] = []
        for original, row in zip(page, rows, strict=True):
            keys = [self._key_of(row, i) for i in range(len(self.spec.keys))]
            match = None
            for i, key in enumerate(keys):
                if key is None:
                    continue
                nth, hits = seen[i].get(key, 0), existing[i].get(key, [])
                if nth < len(hits):  # the nth row with this key here is the nth one there
                    match = hits[nth]
                    break
            for i, key in enumerate(keys):
                if key is not None:
                    seen[i][key] = seen[i].get(key, 0) + 1
            if match is not None:
                self.count.present += 1
                if id_col:
                    _remember(id_map, int(original[id_col]), int(match))
                continue
            if id_col:
                old = int(original[id_col])
                new = old
                if old in taken:
                    new = self.next_id
                    self.next_id += 1
                    self.count.renumbered += 1
                row[id_col] = new
                taken.add(new)
                _remember(id_map, old, new)
            for i, key in enumerate(keys):  # it is there now, for the rows after it
                if key is not None:
                    existing[i].setdefault(key, []).append(row[id_col] if id_col else True)
            fresh.append(row)
        if fresh:
            await _insert(ex, self.spec.name, self.columns, fresh)
            self.count.copied += len(fresh)


def _remember(id_map: dict[int, int], old: int, new: int) -> None:
    """Only ids that change are kept: most are the same, and a million claims stay cheap."""
    if old != new:
        id_map[old] = new
    else:
        id_map.pop(old, None)


async def _insert(ex: Executor, table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    records = [tuple(r[c] for c in columns) for r in rows]
    copy = getattr(ex, "copy_records", None)
    if copy is not None:  # PostgreSQL: COPY, much faster than INSERTs for big stores
        await copy(table, columns, records)
        return
    cols = ", ".join(_quote(c) for c in columns)
    await ex.executemany(f"INSERT INTO {_quote(table)} ({cols}) VALUES ({placeholders(len(columns))})", records)


async def _count(store: SQLClaimStore, table: str) -> int:
    return int(await _scalar(store, "COUNT(*)", table) or 0)


async def _scalar(store: SQLClaimStore, expression: str, table: str) -> Any:
    """The value of one SQL expression over a (quoted) table."""
    row = await store.driver.read(lambda ex: ex.fetchone(f"SELECT {expression} AS result FROM {table}"))
    return None if row is None else row["result"]


# -- the whole store -----------------------------------------------------------------------------


async def copy_store(
    src: SQLClaimStore,
    dst: SQLClaimStore,
    *,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy every row of ``src`` into ``dst`` that ``dst`` does not hold yet; count and check.

    Raises :class:`CopyMismatch` when the counts do not add up afterwards.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    report = CopyReport(source=src.driver.location, target=dst.driver.location)
    src_backend, dst_backend = src.driver.backend, dst.driver.backend
    src_tables = set(await src.driver.read(lambda ex: _tables(ex, src_backend)))
    dst_tables = set(await dst.driver.read(lambda ex: _tables(ex, dst_backend)))
    missing = sorted(src_tables - dst_tables - NOT_COPIED)
    if missing:
        raise InputError(
            f"The target store has no table {', '.join(missing)}: it is older than the source. "
            "Upgrade crosscheck where the target is used, then run migrate-store again."
        )
    known = {spec.name for spec in KNOWN_TABLES}
    specs = [spec for spec in KNOWN_TABLES if spec.name in src_tables]
    for name in sorted(src_tables - known - NOT_COPIED):
        specs.append(await _spec_for_unknown(dst, name))

    id_maps: dict[str, dict[int, int]] = {}
    for spec in specs:
        src_cols, _ = await src.driver.read(partial(_columns, backend=src_backend, table=spec.name))
        dst_cols, _ = await dst.driver.read(partial(_columns, backend=dst_backend, table=spec.name))
        dst_types = {c.name: c.type for c in dst_cols}
        columns = [c.name for c in src_cols if c.name in dst_types]
        converters = {c: _converter(dst_backend, dst_types[c]) for c in columns}
        copier = _TableCopy(spec, columns, converters, id_maps, src, dst, batch)
        count = await copier.run(progress)
        report.tables.append(count)
        log.debug("migrate-store: %s: %d copied, %d already there", spec.name, count.copied, count.present)
        if spec.id_column and dst_backend == "postgres":
            await _advance_sequence(dst, spec.name, spec.id_column)
    report.workspaces = await dst.workspaces()
    if not report.ok:
        bad = next(t for t in report.tables if not t.ok)
        raise CopyMismatch(
            f"After copying, {bad.table} does not add up: {bad.source} rows in the source, {bad.copied} copied "
            f"and {bad.present} already there; the target went from {bad.target_before} to {bad.target}. "
            "Was a bot still writing to either store? Stop it and run migrate-store again."
        )
    return report


async def _spec_for_unknown(dst: SQLClaimStore, table: str) -> TableSpec:
    """A table this module does not name: matched on its primary key (or, for an id, on every column)."""
    backend = dst.driver.backend
    cols, pk = await dst.driver.read(lambda ex: _columns(ex, backend, table))
    names = [c.name for c in cols]
    refs = tuple((c, "claims" if c == "claim_id" else "sources") for c in names if c in ("claim_id", "source_id"))
    if pk == ["id"]:
        return TableSpec(table, keys=(tuple(n for n in names if n != "id"),), id_column="id", refs=refs)
    return TableSpec(table, keys=(tuple(pk or names),), refs=refs)


async def _advance_sequence(dst: SQLClaimStore, table: str, column: str) -> None:
    """After explicit ids, the identity sequence must continue above the highest one."""

    async def tx(ex: Executor) -> None:
        await ex.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT MAX({_quote(column)}) AS m"
            f" FROM {_quote(table)}) top WHERE m IS NOT NULL",
            (table, column),
        )

    await dst.driver.write(tx)


async def migrate_store(
    from_url: str,
    to_url: str,
    settings: Settings,
    *,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> CopyReport:
    """Open both stores (migrating their schemas) and copy ``from_url`` into ``to_url``."""
    if _same_store(from_url, to_url):
        raise InputError(f"--from and --to name the same store ({redact_url(from_url)}). Give two stores.")
    src = await open_sql_store(from_url, settings, cache_size=0)
    try:
        dst = await open_sql_store(to_url, settings, cache_size=0)
        try:
            return await copy_store(src, dst, batch=batch, progress=progress)
        finally:
            await dst.close()
    finally:
        await src.close()


def _same_store(a: str, b: str) -> bool:
    if a == b:
        return True
    pg = ("postgresql://", "postgres://")
    if a.startswith(pg) or b.startswith(pg):
        return False
    return Path(sqlite_path(a)).resolve() == Path(sqlite_path(b)).resolve()

"""The two backends' migrations mirror each other: the same versions, and after each one the same tables
with the same columns. Read from the SQL files, without a server.

SQLite's schema is the one SQLite itself builds (each migration applied to an
in-memory database); PostgreSQL's is read from its DDL by :func:`schema_of`,
which the SQLite files check too.
"""

from __future__ import annotations

import re
import sqlite3

from storage.migrate import Migration, load_migrations

Schema = dict[str, list[str]]

_COMMENT = re.compile(r"--[^\n]*")
_CONSTRAINT = ("primary", "unique", "foreign", "check", "constraint", "exclude")


def _statements(sql: str) -> list[str]:
    """The statements of a script, ``$$`` bodies (PL/pgSQL functions) kept whole."""
    sql = _COMMENT.sub("", sql)
    out, buf, in_body = [], [], False
    for part in re.split(r"(\$\$|;)", sql):
        if part == "$$":
            in_body = not in_body
            buf.append(part)
        elif part == ";" and not in_body:
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(part)
    out.append("".join(buf).strip())
    return [s for s in out if s]


def _split_top(body: str) -> list[str]:
    items, depth, buf = [], 0, []
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            items.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    items.append("".join(buf).strip())
    return [i for i in items if i]


def _name(word: str) -> str:
    return word.strip('"').lower()


def schema_of(migrations: list[Migration], upto: int | None = None) -> Schema:
    """Tables and their columns (in order) after the migrations up to version ``upto``, read from the DDL."""
    tables: Schema = {}
    for mig in migrations:
        if upto is not None and mig.version > upto:
            break
        for stmt in _statements(mig.sql):
            words = stmt.split()
            head = " ".join(words[:2]).lower()
            if head == "create table":
                m = re.match(r"create\s+table\s+(?:if\s+not\s+exists\s+)?(\S+)\s*\((.*)\)", stmt, re.I | re.S)
                assert m is not None, stmt[:80]
                cols = [_name(item.split()[0]) for item in _split_top(m.group(2))
                        if item.split()[0].lower() not in _CONSTRAINT]
                tables[_name(m.group(1))] = cols
            elif head == "drop table":
                tables.pop(_name(words[-1]), None)
            elif head == "alter table":
                table = _name(words[2])
                rest = [w.lower() for w in words[3:]]
                if rest[:2] == ["rename", "to"]:
                    tables[_name(words[5])] = tables.pop(table)
                elif rest[:2] == ["add", "column"]:
                    tables[table].append(_name(words[5]))
                elif rest[:1] == ["add"] and rest[1] not in _CONSTRAINT:
                    tables[table].append(_name(words[4]))
                elif rest[:2] == ["drop", "column"]:
                    tables[table].remove(_name(words[5]))
                elif rest[:2] == ["rename", "column"]:
                    cols = tables[table]
                    cols[cols.index(_name(words[5]))] = _name(words[7])
    return tables


def sqlite_schema(migrations: list[Migration], upto: int | None = None) -> Schema:
    """The schema SQLite builds from the migrations up to ``upto``, in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        for mig in migrations:
            if upto is not None and mig.version > upto:
                break
            conn.executescript(mig.sql)
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: [r[1].lower() for r in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
    finally:
        conn.close()


def mirror_problems(sqlite: list[Migration], postgres: list[Migration]) -> list[str]:
    """What differs between the backends' migrations: versions, then each version's tables and columns."""
    problems = []
    versions = [(m.version, m.name) for m in sqlite]
    pg_versions = [(m.version, m.name) for m in postgres]
    if versions != pg_versions:
        only_sqlite = sorted(set(versions) - set(pg_versions))
        only_pg = sorted(set(pg_versions) - set(versions))
        problems.append(f"versions differ: only SQLite {only_sqlite}, only PostgreSQL {only_pg}")
    for version, _ in sorted(set(versions) | set(pg_versions)):
        lite, pg = sqlite_schema(sqlite, version), schema_of(postgres, version)
        for table in sorted(set(lite) | set(pg)):
            if lite.get(table) is None or pg.get(table) is None:
                where = "SQLite" if table in lite else "PostgreSQL"
                problems.append(f"after {version:04d}: table {table} only in {where}")
            elif sorted(lite[table]) != sorted(pg[table]):
                problems.append(f"after {version:04d}: {table} columns differ: SQLite {sorted(lite[table])},"
                                f" PostgreSQL {sorted(pg[table])}")
    return problems


def test_the_shipped_migrations_mirror_each_other():
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgres")
    assert len(sqlite) >= 6
    assert mirror_problems(sqlite, postgres) == []


def test_the_ddl_reader_agrees_with_sqlite_on_the_sqlite_files():
    sqlite = load_migrations("sqlite")
    for mig in sqlite:
        assert schema_of(sqlite, mig.version) == sqlite_schema(sqlite, mig.version), mig.name


def test_a_sqlite_only_migration_is_caught():
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgres")
    extra = Migration(len(sqlite) + 1, "sqlite_only", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
    problems = mirror_problems([*sqlite, extra], postgres)
    assert problems[0] == f"versions differ: only SQLite [({extra.version}, 'sqlite_only')], only PostgreSQL []"
    assert any("table notes only in SQLite" in p for p in problems)


def test_a_column_added_on_one_side_only_is_caught():
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgres")
    last = postgres[-1]
    lite_extra = Migration(last.version + 1, "more", "ALTER TABLE claims ADD COLUMN note TEXT;")
    pg_extra = Migration(last.version + 1, "more", "ALTER TABLE claims ADD COLUMN remark TEXT;")
    [problem] = mirror_problems([*sqlite, lite_extra], [*postgres, pg_extra])
    assert "claims columns differ" in problem
    assert "'note'" in problem
    assert "'remark'" in problem

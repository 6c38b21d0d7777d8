"""Rows of the claim store's tables, read by column name, and the SQL that reads and writes them.

Every module of ``storage`` builds its queries from these column lists and turns
rows into the domain types of :mod:`bot.engine.types` here, by column name
(``sqlite3.Row`` and ``asyncpg.Record`` both index by name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.engine.errors import NotFound
from bot.engine.protocol import Actor, AuditEntry
from bot.engine.types import Claim, ClaimStatus, Figure, SourceInfo, StoredSource, Story

from .driver import Executor, Row, as_utc, placeholders, to_date, to_datetime, utc_now

SOURCE_COLUMNS = (
    "id", "workspace", "path", "url", "title", "outlet", "author", "published", "text_hash",
    "guild_id", "channel_id", "message_id", "message_link", "poster", "poster_id", "posted_at",
    "created_at",
)

CLAIM_COLUMNS = (
    "id", "source_id", "sentence", '"start"', '"end"', "figure_start", "figure_end", "figure_text",
    "low", "high", "qualifier", "approx", "unit", "measure", "subject", "claimant", "location",
    "ref_date", "period", "status", "created_at", "updated_at",
)

#: a claim joined with its source; the source's columns are named ``s_<column>``
SELECT_CLAIMS = (
    "SELECT "
    + ", ".join(f"c.{col}" for col in CLAIM_COLUMNS)
    + ", "
    + ", ".join(f"s.{col} AS s_{col}" for col in SOURCE_COLUMNS)
    + " FROM claims c JOIN sources s ON s.id = c.source_id"
)

SELECT_SOURCES = "SELECT " + ", ".join(f"{col} AS s_{col}" for col in SOURCE_COLUMNS) + " FROM sources"

INSERT_SOURCE = (
    "INSERT INTO sources (" + ", ".join(SOURCE_COLUMNS[1:]) + ") VALUES ("
    + placeholders(len(SOURCE_COLUMNS) - 1)
    + ") ON CONFLICT DO NOTHING RETURNING id"
)

INSERT_CLAIM = (
    'INSERT INTO claims (workspace, source_id, sentence, "start", "end", figure_start, figure_end, '
    "figure_text, low, high, qualifier, approx, unit, measure, subject, claimant, location, ref_date, "
    "period, status, created_at, updated_at) VALUES (" + placeholders(22) + ") RETURNING id"
)

INSERT_CLAIM_WITH_ID = (
    'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end, '
    "figure_text, low, high, qualifier, approx, unit, measure, subject, claimant, location, ref_date, "
    "period, status, created_at, updated_at) VALUES (" + placeholders(23) + ")"
)

INSERT_TERM = (
    "INSERT INTO claim_terms (claim_id, workspace, measure, unit, kind, position, term) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)

INSERT_CHAIN = "INSERT INTO claimant_chain (claim_id, position, name) VALUES (?, ?, ?)"

INSERT_AUDIT = (
    "INSERT INTO audit_log (workspace, claim_id, actor, actor_id, action, old_status, new_status, "
    "reason, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

SELECT_AUDIT = (
    "SELECT id, workspace, claim_id, actor, actor_id, action, old_status, new_status, reason, at, detail"
    " FROM audit_log"
)

STORY_COLUMNS = "id, workspace, name, first_day, last_day, n_articles, created_at, merged_into"


# -- rows to domain objects ---------------------------------------------------------


def source_from(r: Row) -> StoredSource:
    """A source from a row whose source columns are named ``s_<column>`` (SELECT_SOURCES, SELECT_CLAIMS)."""
    info = SourceInfo(
        workspace=r["s_workspace"],
        path=r["s_path"],
        url=r["s_url"],
        title=r["s_title"],
        outlet=r["s_outlet"],
        author=r["s_author"],
        published=to_date(r["s_published"]),
        text_hash=r["s_text_hash"] or "",
        guild_id=r["s_guild_id"],
        channel_id=r["s_channel_id"],
        message_id=r["s_message_id"],
        message_link=r["s_message_link"],
        poster=r["s_poster"],
        poster_id=r["s_poster_id"],
        posted_at=to_datetime(r["s_posted_at"]),
    )
    return StoredSource(id=int(r["s_id"]), info=info, created_at=required_datetime(r["s_created_at"]))


def claim_from(r: Row, subject_terms: Sequence[str], entities: Sequence[str], chain: Sequence[str]) -> Claim:
    """A claim from a row of SELECT_CLAIMS, with its terms and attribution chain."""
    figure = Figure(text=r["figure_text"], low=r["low"], high=r["high"], qualifier=r["qualifier"],
                    approx=bool(r["approx"]), unit=r["unit"])
    return Claim(
        sentence=r["sentence"],
        figure=figure,
        measure=r["measure"],
        subject=r["subject"],
        claimant=r["claimant"],
        claimant_chain=tuple(chain),
        location=r["location"],
        date=to_date(r["ref_date"]),
        period=r["period"],
        start=int(r["start"]),
        end=int(r["end"]),
        figure_start=int(r["figure_start"]),
        figure_end=int(r["figure_end"]),
        subject_terms=tuple(subject_terms),
        entities=tuple(entities),
    )


def story_from(r: Row) -> Story:
    return Story(
        id=int(r["id"]), workspace=r["workspace"], name=r["name"], first_day=to_date(r["first_day"]),
        last_day=to_date(r["last_day"]), n_articles=int(r["n_articles"]), created_at=to_datetime(r["created_at"]),
        merged_into=int(r["merged_into"]) if r["merged_into"] is not None else None,
    )


def audit_from(r: Row) -> AuditEntry:
    return AuditEntry(
        id=int(r["id"]),
        workspace=r["workspace"],
        claim_id=int(r["claim_id"]) if r["claim_id"] is not None else None,
        actor=r["actor"],
        actor_id=int(r["actor_id"]) if r["actor_id"] is not None else None,
        action=r["action"],
        old_status=ClaimStatus(r["old_status"]) if r["old_status"] else None,
        new_status=ClaimStatus(r["new_status"]) if r["new_status"] else None,
        reason=r["reason"],
        at=required_datetime(r["at"]),
        detail=r["detail"],
    )


def required_datetime(value: Any) -> datetime:
    dt = to_datetime(value)
    if dt is None:
        raise ValueError("a required timestamp is missing from the claim store")
    return dt


# -- domain objects to rows ---------------------------------------------------------


def normalised_info(info: SourceInfo) -> SourceInfo:
    """``info`` as it reads back from the store (``posted_at`` in UTC)."""
    if info.posted_at is None:
        return info
    return replace(info, posted_at=as_utc(info.posted_at))


def source_params(info: SourceInfo, now: datetime) -> tuple[Any, ...]:
    return (
        info.workspace, info.path, info.url, info.title, info.outlet, info.author, info.published,
        info.text_hash or None, info.guild_id, info.channel_id, info.message_id, info.message_link,
        info.poster, info.poster_id, info.posted_at, now,
    )


def claim_params(
    source: StoredSource, claim: Claim, now: datetime, status: ClaimStatus = ClaimStatus.UNREVIEWED
) -> tuple[Any, ...]:
    fig = claim.figure
    return (
        source.info.workspace, source.id, claim.sentence, claim.start, claim.end, claim.figure_start,
        claim.figure_end, fig.text, fig.low, fig.high, fig.qualifier, bool(fig.approx), fig.unit,
        claim.measure, claim.subject, claim.claimant, claim.location, claim.date, claim.period,
        status.value, now, now,
    )


def term_rows(claim_id: int, workspace: str, claim: Claim) -> list[tuple[Any, ...]]:
    """A claim's retrieval postings: its subject terms and entities, under its measure and unit."""
    return [
        (claim_id, workspace, claim.measure, claim.figure.unit, kind, pos, term)
        for kind, values in (("subject", claim.subject_terms), ("entity", claim.entities))
        for pos, term in enumerate(values)
    ]


# -- small shared statements ---------------------------------------------------------


def scope(workspace: str) -> str:
    return "this store" if workspace == "default" else "this server"


def no_claim(workspace: str, claim_id: int) -> NotFound:
    return NotFound(f"No claim #{claim_id} in {scope(workspace)}. Use /sources to find claim ids.")


def like_escape(text: str) -> str:
    """``text`` matched literally by ``LIKE ... ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def audit(
    ex: Executor,
    workspace: str,
    claim_id: int | None,
    actor: Actor,
    action: str,
    old_status: str | None,
    new_status: str | None,
    reason: str | None,
    at: datetime,
    *,
    detail: str | None = None,
) -> None:
    await ex.execute(
        INSERT_AUDIT,
        (workspace, claim_id, actor.name, actor.user_id, action, old_status, new_status, reason, at, detail),
    )


async def grades_of(ex: Executor, workspace: str) -> dict[str, str]:
    """Outlet key (trimmed, lower-cased) -> grade, for every graded outlet of the workspace."""
    rows = await ex.fetchall(
        "SELECT outlet_key, grade FROM source_grades WHERE workspace = ? ORDER BY outlet_key", (workspace,)
    )
    return {r["outlet_key"]: r["grade"] for r in rows}


async def advance_cursor(ex: Executor, *, workspace: str, channel_id: int, message_id: int) -> None:
    """Move a channel's catch-up cursor forward to ``message_id`` (never back)."""
    await ex.execute(
        "INSERT INTO channel_cursors (workspace, channel_id, last_message_id, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (workspace, channel_id) DO UPDATE SET"
        " last_message_id = CASE WHEN excluded.last_message_id > channel_cursors.last_message_id"
        " THEN excluded.last_message_id ELSE channel_cursors.last_message_id END,"
        " updated_at = excluded.updated_at",
        (workspace, channel_id, message_id, utc_now()),
    )

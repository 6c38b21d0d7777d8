"""The claim store in portable SQL, over any :class:`~storage.driver.Driver`.

Every query names its workspace; every write is one driver transaction; every
answer is a domain object of :mod:`bot.engine.types`. A backend may override a
query where it has something better (``_gather_candidates`` is the hot path).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from functools import partial
from datetime import datetime
from typing import Any

from bot.engine.errors import InputError, NotFound, PermissionDenied
from bot.engine.protocol import (
    GRADES, Actor, AuditEntry, CandidateQuery, ClaimEdit, IngestResult, StoryLink, WatchedChannel,
)
from bot.engine.protocol import HandledMessage
from bot.engine.subjects import subject_terms
from bot.engine.types import Claim, ClaimStatus, Figure, SourceInfo, StoredClaim, StoredSource

from .driver import Driver, Executor, Row, as_utc, placeholders, to_date, to_datetime, utc_now
from .stories import StoryStore

#: Newest postings read per (term, unit) by :meth:`SQLClaimStore.candidates`.
#: A very common term ("soldiers" in a million claims) then costs no more
#: than this; claims sharing only such terms, and older than its newest
#: postings, are not retrieved.
DEFAULT_POSTINGS_CAP = 200

#: Postings of the sparsest common term read when a claim has several terms,
#: so that claims sharing two common terms are found beyond the cap.
DEFAULT_LEAD_DEPTH = 1_000

#: SQLite allows 500 terms in a compound SELECT; keep well under it.
MAX_POSTING_QUERIES = 256

#: Ids per IN (...) list when loading claims.
ID_CHUNK = 500

#: Stored claims kept in memory by id. An entry is used only while the
#: claim's ``updated_at`` in the database is the one it was read with (every
#: change of a claim must set ``updated_at``), so another process's edit is
#: seen at once.
DEFAULT_CACHE_SIZE = 20_000

#: Read by position in ``_source_from``: keep the order.
SOURCE_COLUMNS = (
    "id", "workspace", "path", "url", "title", "outlet", "author", "published", "text_hash",
    "guild_id", "channel_id", "message_id", "message_link", "poster", "poster_id", "posted_at",
    "created_at",
)

#: Read by position in ``_claim_from``: keep the order.
CLAIM_COLUMNS = (
    "id", "source_id", "sentence", '"start"', '"end"', "figure_start", "figure_end", "figure_text",
    "low", "high", "qualifier", "approx", "unit", "measure", "subject", "claimant", "location",
    "ref_date", "period", "status", "created_at", "updated_at",
)

_SELECT_CLAIMS = (
    "SELECT "
    + ", ".join(f"c.{col}" for col in CLAIM_COLUMNS)
    + ", "
    + ", ".join(f"s.{col} AS s_{col}" for col in SOURCE_COLUMNS)
    + " FROM claims c JOIN sources s ON s.id = c.source_id"
)

_SELECT_SOURCES = "SELECT " + ", ".join(f"{col} AS s_{col}" for col in SOURCE_COLUMNS) + " FROM sources"

_INSERT_SOURCE = (
    "INSERT INTO sources (" + ", ".join(SOURCE_COLUMNS[1:]) + ") VALUES ("
    + placeholders(len(SOURCE_COLUMNS) - 1)
    + ") ON CONFLICT DO NOTHING RETURNING id"
)

_INSERT_CLAIM = (
    'INSERT INTO claims (workspace, source_id, sentence, "start", "end", figure_start, figure_end, '
    "figure_text, low, high, qualifier, approx, unit, measure, subject, claimant, location, ref_date, "
    "period, status, created_at, updated_at) VALUES (" + placeholders(22) + ") RETURNING id"
)

_INSERT_CLAIM_WITH_ID = (
    'INSERT INTO claims (id, workspace, source_id, sentence, "start", "end", figure_start, figure_end, '
    "figure_text, low, high, qualifier, approx, unit, measure, subject, claimant, location, ref_date, "
    "period, status, created_at, updated_at) VALUES (" + placeholders(23) + ")"
)

_INSERT_TERM = (
    "INSERT INTO claim_terms (claim_id, workspace, measure, unit, kind, position, term) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)

_INSERT_CHAIN = "INSERT INTO claimant_chain (claim_id, position, name) VALUES (?, ?, ?)"

_INSERT_AUDIT = (
    "INSERT INTO audit_log (workspace, claim_id, actor, actor_id, action, old_status, new_status, "
    "reason, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

_SELECT_AUDIT = (
    "SELECT id, workspace, claim_id, actor, actor_id, action, old_status, new_status, reason, at, detail"
    " FROM audit_log"
)

#: Claims read per query by :meth:`SQLClaimStore.iter_claims` unless told otherwise,
#: and at most (each page's ids go in IN lists).
ITER_BATCH = 500
MAX_ITER_BATCH = 5_000

#: Newest claims of a workspace whose subject and figure text
#: :meth:`SQLiteClaimStore.claim_choices` searches (ids are found in any
#: claim): autocomplete answers within Discord's three seconds on any store size.
CHOICE_SCAN = 50_000

#: Characters kept of a deleted claim's sentence in its audit snapshot.
SNAPSHOT_SENTENCE = 1_000


class SQLClaimStore(StoryStore):
    """:class:`bot.engine.protocol.ClaimStore` in plain SQL over a driver (stories: :class:`StoryStore`)."""

    #: Newest claims whose text :meth:`claim_choices` searches; None: all of them
    #: (PostgreSQL has trigram indexes on lower(subject) and lower(figure_text)).
    choice_scan: int | None = None

    def __init__(
        self,
        driver: Driver,
        *,
        postings_cap: int = DEFAULT_POSTINGS_CAP,
        cache_size: int = DEFAULT_CACHE_SIZE,
        lead_depth: int = DEFAULT_LEAD_DEPTH,
    ) -> None:
        if postings_cap < 1:
            raise ValueError("postings_cap must be at least 1")
        self.driver = driver
        self.postings_cap = postings_cap
        self.lead_depth = max(0, lead_depth)
        self._cache = _ContentCache(cache_size)

    async def __aenter__(self) -> SQLClaimStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self.driver.close()

    # -- articles and claims -------------------------------------------------

    async def add_article(
        self, info: SourceInfo, claims: Sequence[Claim], story: StoryLink | None = None
    ) -> IngestResult:
        """The source, its claims and its story links in one transaction (see the protocol)."""
        return await self.driver.write(lambda ex: self._ingest(ex, info, claims, story=story))

    async def add_reviewed(
        self, info: SourceInfo, claims: Sequence[tuple[Claim, ClaimStatus]], actor: Actor
    ) -> IngestResult:
        """Import reviewed claims: :meth:`add_article` with each claim's status, audited as 'import'.

        Moderators only. A source already stored (same text hash or URL) is
        not touched: the earlier source and its claims come back with
        ``created=False`` and nothing is audited.
        """
        _require_moderator(actor, "import reviewed claims")
        plain = [claim for claim, _ in claims]
        statuses = [ClaimStatus(status) for _, status in claims]

        async def tx(ex: Executor) -> IngestResult:
            result = await self._ingest(ex, info, plain, statuses)
            if result.created:
                detail = f"source #{result.source.id}" + (f" ({info.url})" if info.url else "")
                for sc in result.claims:
                    await _audit(ex, info.workspace, sc.id, actor, "import", None, sc.status.value, None,
                                 result.source.created_at, detail=detail)
            return result

        return await self.driver.write(tx)

    async def _ingest(
        self,
        ex: Executor,
        info: SourceInfo,
        claims: Sequence[Claim],
        statuses: Sequence[ClaimStatus] | None = None,
        *,
        story: StoryLink | None = None,
    ) -> IngestResult:
        """Store a source, its claims and its story links, or find the earlier copy of it (same hash or URL)."""
        now = utc_now()
        row = await ex.fetchone(_INSERT_SOURCE, _source_params(info, now))
        if row is None:
            earlier = await self._find_source(ex, info.workspace, info.text_hash or None, info.url)
            if earlier is None:  # a constraint we do not know of refused the row
                raise RuntimeError("the source was refused but no earlier copy was found")
            stored = await self._claims_where(ex, info.workspace, "c.source_id = ?", [earlier.id])
            return IngestResult(source=earlier, created=False, claims=tuple(stored),
                                stories=await self._stories_with_ids(ex, info.workspace, earlier.id))
        source = StoredSource(id=int(row["id"]), info=_normalised_info(info), created_at=now)
        stored_claims = await self._insert_claims(ex, source, claims, now, statuses)
        await self._link_new_article(ex, source, claims, story)
        return IngestResult(source=source, created=True, claims=tuple(stored_claims),
                            stories=await self._stories_with_ids(ex, info.workspace, source.id))

    async def _insert_claims(
        self,
        ex: Executor,
        source: StoredSource,
        claims: Sequence[Claim],
        now: datetime,
        statuses: Sequence[ClaimStatus] | None = None,
    ) -> list[StoredClaim]:
        """Insert an article's claims with their terms and attribution chains (unreviewed unless told)."""
        if statuses is None:
            statuses = [ClaimStatus.UNREVIEWED] * len(claims)
        ids = await self._insert_claim_rows(
            ex, [_claim_params(source, claim, now, status) for claim, status in zip(claims, statuses, strict=True)]
        )
        workspace = source.info.workspace
        terms = [
            (claim_id, workspace, claim.measure, claim.figure.unit, kind, pos, term)
            for claim_id, claim in zip(ids, claims, strict=True)
            for kind, values in (("subject", claim.subject_terms), ("entity", claim.entities))
            for pos, term in enumerate(values)
        ]
        if terms:
            await ex.executemany(_INSERT_TERM, terms)
        chains = [
            (claim_id, pos, name)
            for claim_id, claim in zip(ids, claims, strict=True)
            for pos, name in enumerate(claim.claimant_chain)
        ]
        if chains:
            await ex.executemany(_INSERT_CHAIN, chains)
        return [
            StoredClaim(id=claim_id, claim=claim, source=source, status=status, created_at=now)
            for claim_id, claim, status in zip(ids, claims, statuses, strict=True)
        ]

    async def _insert_claim_rows(self, ex: Executor, rows: list[tuple[Any, ...]]) -> list[int]:
        """Insert claim rows (``_INSERT_CLAIM`` parameters); their ids, in order.

        Portable: one statement per claim. A backend with a faster safe way
        (see :class:`SQLiteClaimStore`) overrides this.
        """
        ids = []
        for params in rows:
            row = await ex.fetchone(_INSERT_CLAIM, params)
            assert row is not None  # RETURNING always yields the new row
            ids.append(int(row["id"]))
        return ids

    async def find_source(
        self, workspace: str, *, text_hash: str | None = None, url: str | None = None
    ) -> StoredSource | None:
        if not text_hash and not url:
            return None
        return await self.driver.read(lambda ex: self._find_source(ex, workspace, text_hash or None, url))

    async def _find_source(
        self, ex: Executor, workspace: str, text_hash: str | None, url: str | None
    ) -> StoredSource | None:
        row = await ex.fetchone(
            f"{_SELECT_SOURCES} WHERE workspace = ? AND (text_hash = ? OR url = ?) ORDER BY id LIMIT 1",
            (workspace, text_hash, url),
        )
        return _source_from(row) if row is not None else None

    async def get_source(self, workspace: str, source_id: int) -> StoredSource:
        row = await self.driver.read(
            lambda ex: ex.fetchone(f"{_SELECT_SOURCES} WHERE workspace = ? AND id = ?", (workspace, source_id))
        )
        if row is None:
            raise NotFound(
                f"No source #{source_id} in {_scope(workspace)}. Use /sources to list the articles stored here."
            )
        return _source_from(row)

    async def get_claim(self, workspace: str, claim_id: int) -> StoredClaim:
        found = await self.driver.read(lambda ex: self._claims_by_ids(ex, workspace, [claim_id]))
        if not found:
            raise _no_claim(workspace, claim_id)
        return found[0]

    async def claims_of_source(self, workspace: str, source_id: int) -> list[StoredClaim]:
        return await self.driver.read(
            lambda ex: self._claims_where(ex, workspace, "c.source_id = ?", [source_id])
        )

    async def count_claims(self, workspace: str) -> int:
        row = await self.driver.read(
            lambda ex: ex.fetchone("SELECT COUNT(*) AS n FROM claims WHERE workspace = ?", (workspace,))
        )
        return int(row["n"]) if row is not None else 0

    # -- retrieval ---------------------------------------------------------------

    async def candidates(
        self,
        workspace: str,
        *,
        measure: str,
        units: Sequence[str],
        terms: Sequence[str],
        exclude_source_id: int | None = None,
        limit: int = 200,
    ) -> list[StoredClaim]:
        found = await self.candidates_many(
            workspace,
            [CandidateQuery(measure, tuple(units), tuple(terms))],
            exclude_source_id=exclude_source_id,
            limit=limit,
        )
        return found[0]

    async def candidates_many(
        self,
        workspace: str,
        queries: Sequence[CandidateQuery],
        *,
        exclude_source_id: int | None = None,
        limit: int = 200,
    ) -> list[list[StoredClaim]]:
        """:meth:`candidates` for each of an article's claims at once: one answer per query.

        One trip to a read connection for all of them, and each earlier claim
        is loaded once however many of the article's claims it is a
        candidate for.
        """

        async def run(ex: Executor) -> list[list[StoredClaim]]:
            ranked: list[list[tuple[int, Any]]] = []
            for q in queries:
                units = list(dict.fromkeys(u for u in q.units if u))
                terms = list(dict.fromkeys(t for t in q.terms if t))
                if not units or not terms or limit < 1:
                    ranked.append([])
                    continue
                terms = terms[: max(1, MAX_POSTING_QUERIES // len(units))]
                ranked.append(
                    await self._gather_candidates(ex, workspace, q.measure, units, terms, exclude_source_id, limit)
                )
            versions = {cid: version for one in ranked for cid, version in one}
            loaded = {sc.id: sc for sc in await self._claims_by_ids(ex, workspace, list(versions), versions)}
            return [[loaded[cid] for cid, _ in one if cid in loaded] for one in ranked]

        return await self.driver.read(run)

    async def _gather_candidates(
        self,
        ex: Executor,
        workspace: str,
        measure: str,
        units: list[str],
        terms: list[str],
        exclude_source_id: int | None,
        limit: int,
    ) -> list[tuple[int, Any]]:
        """(id, updated_at) of the best candidates, best first.

        1. Postings: the newest ``postings_cap`` claims of each (term, unit),
           read from the (workspace, measure, term, unit, claim_id) index.
        2. A term that filled its cap is *common*; the others are *rare* and
           were read whole. With two terms or more, the sparsest common term
           (whose capped postings reach furthest back) *leads*: its newest
           ``lead_depth`` postings are read too, so claims sharing it with
           other common terms are found beyond the cap ("ukrainian" and
           "soldier" together, in a store full of both).
        3. Claims reached through a rare or the leading term are scored
           exactly, counting their own terms from the claim_terms primary
           key; the rest by the postings read.
        4. Rank by shared terms, then newest (highest id); exclude the
           article's own source; keep ``limit``.

        The cost is bounded by terms x units x cap + lead_depth (+ the claims
        of rare terms, fewer than cap each), whatever the size of the store.
        """
        cap = self.postings_cap
        parts: list[str] = []
        params: list[Any] = []
        for i, (term, unit) in enumerate((t, u) for t in terms for u in units):
            parts.append(
                "SELECT claim_id, term FROM (SELECT claim_id, term FROM claim_terms"
                " WHERE workspace = ? AND measure = ? AND term = ? AND unit = ?"
                f" ORDER BY claim_id DESC LIMIT ?) AS p{i}"
            )
            params += [workspace, measure, term, unit, cap]
        depth = self.lead_depth if len(terms) > 1 else 0
        params += [cap, workspace, measure, *units, depth, cap, *terms]
        excluded = ""
        if exclude_source_id is not None:
            excluded = "WHERE claim_id NOT IN (SELECT id FROM claims WHERE source_id = ?)"
            params.append(exclude_source_id)
        params.append(limit)
        sql = f"""
WITH g (claim_id, term) AS ({" UNION ALL ".join(parts)}),
stats (term, n, oldest) AS (SELECT term, COUNT(*), MIN(claim_id) FROM g GROUP BY term),
lead (term) AS (SELECT term FROM stats WHERE n >= ? ORDER BY oldest, term LIMIT 1),
deep (claim_id) AS (
    SELECT claim_id FROM claim_terms
    WHERE workspace = ? AND measure = ? AND unit IN ({placeholders(len(units))})
      AND term = (SELECT term FROM lead)
    ORDER BY claim_id DESC LIMIT ?
),
rare (claim_id) AS (
    SELECT claim_id FROM g WHERE term IN (SELECT term FROM stats WHERE n < ?)
    UNION
    SELECT claim_id FROM deep
),
scored (claim_id, shared) AS (
    SELECT t.claim_id, COUNT(DISTINCT t.term) FROM claim_terms t
    WHERE t.claim_id IN (SELECT claim_id FROM rare) AND t.term IN ({placeholders(len(terms))})
    GROUP BY t.claim_id
    UNION ALL
    SELECT claim_id, COUNT(DISTINCT term) FROM g
    WHERE claim_id NOT IN (SELECT claim_id FROM rare)
    GROUP BY claim_id
),
ranked (claim_id, shared) AS (
    SELECT claim_id, shared FROM scored {excluded}
    ORDER BY shared DESC, claim_id DESC LIMIT ?
)
SELECT r.claim_id, c.updated_at FROM ranked r JOIN claims c ON c.id = r.claim_id
ORDER BY r.shared DESC, r.claim_id DESC"""
        return [(int(r[0]), r[1]) for r in await ex.fetchall(sql, params)]

    async def search_claims(
        self,
        workspace: str,
        *,
        terms: Sequence[str],
        measure: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredClaim]:
        terms = list(dict.fromkeys(t for t in terms if t))
        if not terms or limit < 1:
            return []
        if offset < 0:
            raise InputError("The page offset cannot be negative.")
        mark = placeholders(len(terms))
        sql = (
            "SELECT c.id, c.updated_at FROM claims c JOIN sources s ON s.id = c.source_id"
            " WHERE c.workspace = ? AND (c.id IN (SELECT claim_id FROM claim_terms"
            f" WHERE workspace = ? AND kind = 'subject' AND term IN ({mark})) OR c.measure IN ({mark}))"
        )
        params: list[Any] = [workspace, workspace, *terms, *terms]
        if measure is not None:
            sql += " AND c.measure = ?"
            params.append(measure)
        sql += (
            " ORDER BY s.published IS NULL, s.published DESC, c.created_at DESC, c.id DESC"
            " LIMIT ? OFFSET ?"
        )
        params += [limit, offset]

        async def run(ex: Executor) -> list[StoredClaim]:
            rows = await ex.fetchall(sql, params)
            versions = {int(r[0]): r[1] for r in rows}
            return await self._claims_by_ids(ex, workspace, list(versions), versions)

        return await self.driver.read(run)

    # -- watched channels ----------------------------------------------------------

    async def add_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        _require_moderator(actor, "choose the watched channels")

        async def tx(ex: Executor) -> bool:
            now = utc_now()
            row = await ex.fetchone(
                "INSERT INTO watched_channels (workspace, channel_id, added_by, added_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING channel_id",
                (workspace, channel_id, actor.name, now),
            )
            if row is not None:
                await _audit(ex, workspace, None, actor, "watch", None, None, f"channel {channel_id}", now)
            return row is not None

        return await self.driver.write(tx)

    async def remove_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        _require_moderator(actor, "choose the watched channels")

        async def tx(ex: Executor) -> bool:
            row = await ex.fetchone(
                "DELETE FROM watched_channels WHERE workspace = ? AND channel_id = ? RETURNING channel_id",
                (workspace, channel_id),
            )
            if row is not None:
                await _audit(ex, workspace, None, actor, "unwatch", None, None, f"channel {channel_id}", utc_now())
            return row is not None

        return await self.driver.write(tx)

    async def list_watches(self, workspace: str) -> list[WatchedChannel]:
        rows = await self.driver.read(
            lambda ex: ex.fetchall(
                "SELECT workspace, channel_id, added_by, added_at FROM watched_channels"
                " WHERE workspace = ? ORDER BY added_at, channel_id",
                (workspace,),
            )
        )
        return [
            WatchedChannel(
                workspace=r["workspace"],
                channel_id=int(r["channel_id"]),
                added_by=r["added_by"],
                added_at=_required_datetime(r["added_at"]),
            )
            for r in rows
        ]

    # -- catching up on watched channels ---------------------------------------------

    async def channel_cursor(self, workspace: str, channel_id: int) -> int | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT last_message_id FROM channel_cursors WHERE workspace = ? AND channel_id = ?",
                (workspace, channel_id),
            )
        )
        return None if row is None else int(row[0])

    async def advance_cursor(self, workspace: str, channel_id: int, message_id: int) -> None:
        await self.driver.write(partial(_advance_cursor, workspace=workspace, channel_id=channel_id,
                                        message_id=message_id))

    async def handled_message(self, workspace: str, message_id: int) -> HandledMessage | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT workspace, channel_id, message_id, edited_at, reply_id, handled_at"
                " FROM handled_messages WHERE workspace = ? AND message_id = ?",
                (workspace, message_id),
            )
        )
        if row is None:
            return None
        return HandledMessage(
            workspace=row[0],
            channel_id=int(row[1]),
            message_id=int(row[2]),
            edited_at=to_datetime(row[3]),
            reply_id=None if row[4] is None else int(row[4]),
            handled_at=_required_datetime(row[5]),
        )

    async def mark_handled(
        self, workspace: str, channel_id: int, message_id: int, *,
        edited_at: datetime | None, reply_id: int | None,
    ) -> None:
        async def tx(ex: Executor) -> None:
            await ex.execute(
                "INSERT INTO handled_messages (workspace, channel_id, message_id, edited_at, reply_id, handled_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace, message_id) DO UPDATE SET"
                " edited_at = excluded.edited_at,"
                " reply_id = COALESCE(excluded.reply_id, handled_messages.reply_id),"
                " handled_at = excluded.handled_at",
                (workspace, channel_id, message_id, as_utc(edited_at) if edited_at else None, reply_id, utc_now()),
            )
            await _advance_cursor(ex, workspace=workspace, channel_id=channel_id, message_id=message_id)

        await self.driver.write(tx)

    # -- curation -------------------------------------------------------------------

    async def set_status(
        self, workspace: str, claim_id: int, status: ClaimStatus, actor: Actor, reason: str
    ) -> StoredClaim:
        _require_moderator(actor, "change a claim's status")
        status = ClaimStatus(status)

        async def tx(ex: Executor) -> StoredClaim:
            row = await ex.fetchone(
                "SELECT status FROM claims WHERE workspace = ? AND id = ?", (workspace, claim_id)
            )
            if row is None:
                raise _no_claim(workspace, claim_id)
            now = utc_now()
            await ex.execute(
                "UPDATE claims SET status = ?, updated_at = ? WHERE workspace = ? AND id = ?",
                (status.value, now, workspace, claim_id),
            )
            await _audit(ex, workspace, claim_id, actor, "set_status", row["status"], status.value,
                         _reason(reason), now)
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            return found[0]

        return await self.driver.write(tx)

    async def edit_claim(
        self, workspace: str, claim_id: int, edit: ClaimEdit, actor: Actor, reason: str
    ) -> StoredClaim:
        """Correct an extraction error: the fields of ``edit`` that are not None.

        ``subject`` and ``measure`` must not be blank; a blank ``claimant``,
        ``location`` or ``period`` clears it. Retrieval terms are recomputed
        when the subject or measure changes (and follow a new unit). The
        audit entry's ``detail`` lists ``field: old -> new``; an edit that
        changes nothing is neither written nor audited.
        """
        _require_moderator(actor, "correct a claim")
        edit = _checked_edit(edit)

        async def tx(ex: Executor) -> StoredClaim:
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            if not found:
                raise _no_claim(workspace, claim_id)
            before = found[0].claim
            after, changes = _edited(before, edit)
            if not changes:
                return found[0]
            now = utc_now()
            fig = after.figure
            await ex.execute(
                "UPDATE claims SET figure_text = ?, low = ?, high = ?, qualifier = ?, approx = ?, unit = ?,"
                " measure = ?, subject = ?, claimant = ?, location = ?, period = ?, updated_at = ?"
                " WHERE workspace = ? AND id = ?",
                (fig.text, fig.low, fig.high, fig.qualifier, bool(fig.approx), fig.unit, after.measure,
                 after.subject, after.claimant, after.location, after.period, now, workspace, claim_id),
            )
            if (after.subject_terms, after.measure, fig.unit) != (
                before.subject_terms, before.measure, before.figure.unit
            ):
                await _rewrite_terms(ex, workspace, claim_id, after)
            await _audit(ex, workspace, claim_id, actor, "edit", None, None, _reason(reason), now,
                         detail="; ".join(changes))
            return (await self._claims_by_ids(ex, workspace, [claim_id]))[0]

        return await self.driver.write(tx)

    async def merge_claims(
        self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str
    ) -> StoredClaim:
        """``merge_id`` becomes superseded by ``keep_id``; both get a 'merge' audit entry. Returns the kept claim."""
        _require_moderator(actor, "merge claims")
        if keep_id == merge_id:
            raise InputError(f"Claim #{keep_id} cannot be merged into itself. Give two different claims.")

        async def tx(ex: Executor) -> StoredClaim:
            rows = await ex.fetchall(
                "SELECT id, status FROM claims WHERE workspace = ? AND id IN (?, ?)", (workspace, keep_id, merge_id)
            )
            statuses = {int(r["id"]): r["status"] for r in rows}
            for wanted in (keep_id, merge_id):
                if wanted not in statuses:
                    raise _no_claim(workspace, wanted)
            now = utc_now()
            why = _reason(reason)
            await ex.execute(
                "UPDATE claims SET status = ?, updated_at = ? WHERE workspace = ? AND id = ?",
                (ClaimStatus.SUPERSEDED.value, now, workspace, merge_id),
            )
            await _audit(ex, workspace, merge_id, actor, "merge", statuses[merge_id], ClaimStatus.SUPERSEDED.value,
                         why, now, detail=f"merged into #{keep_id}")
            await _audit(ex, workspace, keep_id, actor, "merge", None, None, why, now,
                         detail=f"#{merge_id} merged into this")
            return (await self._claims_by_ids(ex, workspace, [keep_id]))[0]

        return await self.driver.write(tx)

    async def delete_claim(self, workspace: str, claim_id: int, actor: Actor, reason: str) -> None:
        """Remove a claim with its terms and attribution chain; its audit entries stay.

        The 'delete' entry's ``detail`` is a snapshot of the claim, so the log
        still says what was removed.
        """
        _require_moderator(actor, "delete claims")

        async def tx(ex: Executor) -> None:
            found = await self._claims_by_ids(ex, workspace, [claim_id])
            if not found:
                raise _no_claim(workspace, claim_id)
            gone = found[0]
            await ex.execute("DELETE FROM claim_terms WHERE claim_id = ?", (claim_id,))
            await ex.execute("DELETE FROM claimant_chain WHERE claim_id = ?", (claim_id,))
            await ex.execute("DELETE FROM claims WHERE workspace = ? AND id = ?", (workspace, claim_id))
            await _audit(ex, workspace, claim_id, actor, "delete", gone.status.value, None, _reason(reason),
                         utc_now(), detail=_snapshot(gone))

        try:
            await self.driver.write(tx)
        finally:
            self._cache.discard(claim_id)

    async def audit_entries(
        self, workspace: str, *, claim_id: int | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        """The workspace's audit log (or one claim's, deleted or not), newest first."""
        if limit < 1:
            return []
        sql = f"{_SELECT_AUDIT} WHERE workspace = ?"
        params: list[Any] = [workspace]
        if claim_id is not None:
            sql += " AND claim_id = ?"
            params.append(claim_id)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        rows = await self.driver.read(lambda ex: ex.fetchall(sql, params))
        return [_audit_from(r) for r in rows]

    # -- outlet grades and settings -------------------------------------------------

    async def set_grade(self, workspace: str, outlet: str, grade: str, actor: Actor, reason: str) -> None:
        """Grade an outlet (one of :data:`~bot.engine.protocol.GRADES`), keyed case-insensitively; audited."""
        _require_moderator(actor, "grade outlets")
        name = outlet.strip()
        if not name:
            raise InputError("Name the outlet to grade, as it appears on its stories.")
        wanted = " ".join(grade.split()).lower()
        if wanted not in GRADES:
            raise InputError(f"“{grade}” is not a grade. Use one of: {', '.join(GRADES)}.")
        key = name.lower()

        async def tx(ex: Executor) -> None:
            row = await ex.fetchone(
                "SELECT grade FROM source_grades WHERE workspace = ? AND outlet_key = ?", (workspace, key)
            )
            now = utc_now()
            await ex.execute(
                "INSERT INTO source_grades (workspace, outlet_key, outlet, grade, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (workspace, outlet_key) DO UPDATE SET outlet = excluded.outlet,"
                " grade = excluded.grade, updated_at = excluded.updated_at",
                (workspace, key, name, wanted, now),
            )
            before = row["grade"] if row is not None else "unrated"
            await _audit(ex, workspace, None, actor, "grade", None, None, _reason(reason), now,
                         detail=f"{name}: {before} -> {wanted}")

        await self.driver.write(tx)

    async def grades(self, workspace: str) -> dict[str, str]:
        """Outlet key (trimmed, lower-cased) -> grade, for every graded outlet of the workspace."""
        from .stories import _grades

        return await self.driver.read(lambda ex: _grades(ex, workspace))

    async def get_setting(self, workspace: str, key: str) -> str | None:
        row = await self.driver.read(
            lambda ex: ex.fetchone(
                "SELECT value FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key)
            )
        )
        return row["value"] if row is not None else None

    async def set_setting(self, workspace: str, key: str, value: str | None, actor: Actor) -> None:
        """Set a workspace setting (None removes it); audited as 'setting' when it changes. Moderators only."""
        _require_moderator(actor, "change this server's settings")
        if not key.strip():
            raise InputError("A setting needs a name.")

        async def tx(ex: Executor) -> None:
            row = await ex.fetchone(
                "SELECT value FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key)
            )
            before = row["value"] if row is not None else None
            if before == value:
                return
            if value is None:
                await ex.execute("DELETE FROM guild_settings WHERE workspace = ? AND key = ?", (workspace, key))
            else:
                await ex.execute(
                    "INSERT INTO guild_settings (workspace, key, value) VALUES (?, ?, ?)"
                    " ON CONFLICT (workspace, key) DO UPDATE SET value = excluded.value",
                    (workspace, key, value),
                )
            await _audit(ex, workspace, None, actor, "setting", None, None, None, utc_now(),
                         detail=f"{key}: {_shown(before)} -> {_shown(value)}")

        await self.driver.write(tx)

    # -- autocomplete, export, import ---------------------------------------------------

    async def outlets(self, workspace: str, prefix: str = "", limit: int = 25) -> list[str]:
        """Distinct outlets of stored sources and grades starting with ``prefix``, case-insensitively.

        One name per outlet whatever its capitalisation, in alphabetical
        order. (SQLite folds the case of ASCII letters only.)
        """
        if limit < 1:
            return []
        pattern = _like_escape(prefix.strip().lower()) + "%"
        sql = (
            "SELECT MIN(outlet) AS outlet FROM ("
            " SELECT outlet FROM sources WHERE workspace = ? AND outlet IS NOT NULL"
            " AND lower(outlet) LIKE ? ESCAPE '\\'"
            " UNION ALL SELECT outlet FROM source_grades WHERE workspace = ? AND lower(outlet) LIKE ? ESCAPE '\\'"
            ") named WHERE trim(outlet) <> '' GROUP BY lower(outlet) ORDER BY lower(outlet) LIMIT ?"
        )
        rows = await self.driver.read(lambda ex: ex.fetchall(sql, (workspace, pattern, workspace, pattern, limit)))
        return [r["outlet"] for r in rows]

    async def outlet_claims(
        self, workspace: str, outlet: str, *, limit: int = 10
    ) -> tuple[list[StoredClaim], dict[ClaimStatus, int]]:
        """An outlet's newest claims (newest first) and how many it has of each status."""
        key = outlet.strip().lower()

        async def run(ex: Executor) -> tuple[list[StoredClaim], dict[ClaimStatus, int]]:
            counts = await ex.fetchall(
                "SELECT c.status, count(*) AS n FROM claims c JOIN sources s ON s.id = c.source_id"
                " WHERE c.workspace = ? AND s.workspace = ? AND lower(s.outlet) = ? GROUP BY c.status",
                (workspace, workspace, key),
            )
            rows = await ex.fetchall(
                "SELECT c.id FROM claims c JOIN sources s ON s.id = c.source_id"
                " WHERE c.workspace = ? AND s.workspace = ? AND lower(s.outlet) = ? ORDER BY c.id DESC LIMIT ?",
                (workspace, workspace, key, max(0, limit)),
            )
            ids = [int(r[0]) for r in rows]
            found = {sc.id: sc for sc in await self._claims_by_ids(ex, workspace, ids)} if ids else {}
            return [found[i] for i in ids if i in found], {ClaimStatus(r[0]): int(r[1]) for r in counts}

        return await self.driver.read(run)

    async def claim_choices(self, workspace: str, prefix: str = "", limit: int = 25) -> list[StoredClaim]:
        """Claims for autocomplete, best first.

        First the claim whose id is ``prefix``, then the other claims whose id
        starts with it, newest first, then claims whose subject or figure text
        contains it (case-insensitively; among the newest :attr:`choice_scan`
        claims when that is set), newest first. An empty prefix gives the
        newest claims.
        """
        text = prefix.strip().lstrip("#").strip()
        if limit < 1:
            return []

        async def run(ex: Executor) -> list[StoredClaim]:
            versions: dict[int, Any] = {}
            if text.isdigit() and not text.startswith("0"):
                for r in await self._claims_with_id_prefix(ex, workspace, text, limit):
                    versions[int(r[0])] = r[1]
            if len(versions) < limit:
                sql = "SELECT id, updated_at FROM claims WHERE workspace = ?"
                params: list[Any] = [workspace]
                if text:
                    pattern = "%" + _like_escape(text.lower()) + "%"
                    sql += " AND (lower(subject) LIKE ? ESCAPE '\\' OR lower(figure_text) LIKE ? ESCAPE '\\')"
                    params += [pattern, pattern]
                    if self.choice_scan is not None:
                        # Read backwards from the newest claim, stopping at the oldest of the window.
                        sql += (
                            " AND id >= COALESCE((SELECT id FROM claims WHERE workspace = ?"
                            " ORDER BY id DESC LIMIT 1 OFFSET ?), 0)"
                        )
                        params += [workspace, self.choice_scan - 1]
                rows = await ex.fetchall(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])
                for r in rows:
                    if len(versions) >= limit:
                        break
                    versions.setdefault(int(r[0]), r[1])
            return await self._claims_by_ids(ex, workspace, list(versions), versions)

        return await self.driver.read(run)

    async def _claims_with_id_prefix(self, ex: Executor, workspace: str, digits: str, limit: int) -> list[Row]:
        """(id, updated_at) of claims whose id starts with ``digits``: that id first, then newest first.

        Ids starting with 12 are 12, 120-129, 1200-1299...: one indexed range
        per length up to the largest id, instead of reading every id as text.
        """
        row = await ex.fetchone("SELECT MAX(id) AS top FROM claims WHERE workspace = ?", (workspace,))
        top = int(row["top"]) if row is not None and row["top"] is not None else 0
        start, ranges = int(digits), []
        scale = 1
        while start * scale <= top:
            ranges.append((start * scale, (start + 1) * scale - 1))
            scale *= 10
        if not ranges:
            return []
        where = " OR ".join("id BETWEEN ? AND ?" for _ in ranges)
        return await ex.fetchall(
            f"SELECT id, updated_at FROM claims WHERE workspace = ? AND ({where})"
            " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, id DESC LIMIT ?",
            [workspace, *(bound for pair in ranges for bound in pair), start, limit],
        )

    async def iter_claims(
        self, workspace: str, *, statuses: Sequence[ClaimStatus] | None = None, batch: int = ITER_BATCH
    ) -> AsyncIterator[StoredClaim]:
        """Every claim of the workspace (or those with one of ``statuses``), oldest first.

        Reads ``batch`` claims (at most :data:`MAX_ITER_BATCH`) per query,
        each page after the last id seen (keyset pagination): the cost of a
        page does not grow with its depth, claims stored meanwhile are not
        skipped nor repeated, and the claims read (an export) do not push the
        hot ones out of the cache.
        """
        if batch < 1:
            raise ValueError("batch must be at least 1")
        batch = min(batch, MAX_ITER_BATCH)
        wanted = None if statuses is None else list(dict.fromkeys(ClaimStatus(s).value for s in statuses))
        if wanted == []:
            return
        after = 0
        while True:
            page = await self.driver.read(partial(self._page_after, workspace, after, wanted, batch))
            for sc in page:
                yield sc
            if len(page) < batch:
                return
            after = page[-1].id

    async def _page_after(
        self, workspace: str, after: int, statuses: list[str] | None, batch: int, ex: Executor
    ) -> list[StoredClaim]:
        """The next ``batch`` claims after id ``after``, by id."""
        page = "SELECT id FROM claims WHERE workspace = ? AND id > ?"
        params: list[Any] = [workspace, after]
        if statuses is not None:
            page += f" AND status IN ({placeholders(len(statuses))})"
            params += statuses
        page += " ORDER BY id LIMIT ?"
        params.append(batch)
        return await self._claims_where(ex, workspace, f"c.id IN ({page})", params, cache=False)

    async def workspaces(self) -> list[str]:
        """Every workspace with sources, watched channels, settings, grades or audit entries, sorted."""
        rows = await self.driver.read(
            lambda ex: ex.fetchall(
                "SELECT workspace FROM sources UNION SELECT workspace FROM watched_channels"
                " UNION SELECT workspace FROM guild_settings UNION SELECT workspace FROM source_grades"
                " UNION SELECT workspace FROM audit_log ORDER BY workspace"
            )
        )
        return [r["workspace"] for r in rows]

    # -- loading claims ---------------------------------------------------------------

    async def _claims_by_ids(
        self,
        ex: Executor,
        workspace: str,
        ids: Sequence[int],
        versions: dict[int, Any] | None = None,
    ) -> list[StoredClaim]:
        """The claims with these ids in this workspace, in the order given.

        With ``versions`` (each claim's ``updated_at`` as the caller just read
        it), claims cached at that version are not read again.
        """
        found: dict[int, StoredClaim] = {}
        missing: list[int] = []
        for cid in ids:
            hit = self._cache.get(cid, versions[cid]) if versions is not None else None
            if hit is not None and hit.source.info.workspace == workspace:
                found[cid] = hit
            else:
                missing.append(cid)
        for start in range(0, len(missing), ID_CHUNK):
            chunk = missing[start:start + ID_CHUNK]
            for sc in await self._claims_where(ex, workspace, f"c.id IN ({placeholders(len(chunk))})", chunk):
                found[sc.id] = sc
        return [found[i] for i in ids if i in found]

    async def _claims_where(
        self, ex: Executor, workspace: str, where: str, params: Sequence[Any], *, cache: bool = True
    ) -> list[StoredClaim]:
        """The workspace's claims matching ``where``, by id; ``cache=False`` leaves the cache as it is."""
        rows = await ex.fetchall(
            f"{_SELECT_CLAIMS} WHERE c.workspace = ? AND {where} ORDER BY c.id", [workspace, *params]
        )
        if not rows:
            return []
        ids = [int(r[0]) for r in rows]
        mark = placeholders(len(ids))
        term_rows = await ex.fetchall(
            f"SELECT claim_id, kind, term FROM claim_terms WHERE claim_id IN ({mark})"
            " ORDER BY claim_id, kind, position",
            ids,
        )
        chain_rows = await ex.fetchall(
            f"SELECT claim_id, name FROM claimant_chain WHERE claim_id IN ({mark}) ORDER BY claim_id, position",
            ids,
        )
        subjects: dict[int, list[str]] = {}
        entities: dict[int, list[str]] = {}
        for r in term_rows:
            (subjects if r[1] == "subject" else entities).setdefault(int(r[0]), []).append(r[2])
        chains: dict[int, list[str]] = {}
        for r in chain_rows:
            chains.setdefault(int(r[0]), []).append(r[1])
        sources: dict[int, StoredSource] = {}
        out = []
        for r in rows:
            cid = int(r[0])
            sid = int(r[1])
            source = sources.get(sid)
            if source is None:
                source = sources[sid] = self._cache.source(sid) or _source_from(r, len(CLAIM_COLUMNS))
            claim = _claim_from(r, subjects.get(cid, ()), entities.get(cid, ()), chains.get(cid, ()))
            stored = StoredClaim(
                id=cid,
                claim=claim,
                source=source,
                status=ClaimStatus(r[19]),
                created_at=to_datetime(r[20]),
            )
            if cache:
                self._cache.put(stored, r[21])
            out.append(stored)
        return out


class SQLiteClaimStore(SQLClaimStore):
    """The store on SQLite: one statement for all of an article's claims.

    Inside a write transaction SQLite holds the database's only write lock
    (``BEGIN IMMEDIATE``), so the next ids are ``MAX(id) + 1, + 2...``: the
    very ids SQLite would pick for an ``INTEGER PRIMARY KEY`` itself, except
    that the id of a deleted claim is never given again (its audit entries
    still name it), so the largest id in the audit log counts too.

    Without trigram indexes, searching the text of every claim for
    autocomplete is a scan: :meth:`claim_choices` searches the newest
    :data:`CHOICE_SCAN` only.
    """

    choice_scan = CHOICE_SCAN

    async def _insert_claim_rows(self, ex: Executor, rows: list[tuple[Any, ...]]) -> list[int]:
        if not rows:
            return []
        row = await ex.fetchone(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM claims), 0),"
            " COALESCE((SELECT MAX(claim_id) FROM audit_log), 0)) AS top"
        )
        first = int(row["top"]) + 1 if row is not None else 1
        ids = list(range(first, first + len(rows)))
        await ex.executemany(
            _INSERT_CLAIM_WITH_ID, [(cid, *params) for cid, params in zip(ids, rows, strict=True)]
        )
        return ids


class _ContentCache:
    """A bounded LRU of stored claims by id, each with the ``updated_at`` it was read at."""

    def __init__(self, size: int) -> None:
        self._size = max(0, size)
        self._claims: OrderedDict[int, tuple[StoredClaim, Any]] = OrderedDict()
        self._sources: dict[int, StoredSource] = {}

    def get(self, claim_id: int, version: Any) -> StoredClaim | None:
        """The cached claim if it was read at ``version``; else None (and it is dropped)."""
        entry = self._claims.get(claim_id)
        if entry is None:
            return None
        if entry[1] != version:
            del self._claims[claim_id]
            return None
        self._claims.move_to_end(claim_id)
        return entry[0]

    def source(self, source_id: int) -> StoredSource | None:
        return self._sources.get(source_id)

    def discard(self, claim_id: int) -> None:
        """Forget a claim (deleted)."""
        self._claims.pop(claim_id, None)

    def put(self, stored: StoredClaim, version: Any) -> None:
        if self._size == 0:
            return
        self._claims[stored.id] = (stored, version)
        self._claims.move_to_end(stored.id)
        self._sources[stored.source.id] = stored.source
        while len(self._claims) > self._size:
            self._claims.popitem(last=False)
        if len(self._sources) > self._size:
            self._sources = {sc.source.id: sc.source for sc, _ in self._claims.values()}


# -- rows to domain objects ---------------------------------------------------------


def _scope(workspace: str) -> str:
    return "this store" if workspace == "default" else "this server"


def _require_moderator(actor: Actor, what: str) -> None:
    """PermissionDenied unless ``actor`` moderates: checked by the store, whatever the UI did."""
    if not actor.is_moderator:
        raise PermissionDenied(f"Only moderators can {what}. Ask someone with the moderator role.")


def _no_claim(workspace: str, claim_id: int) -> NotFound:
    return NotFound(f"No claim #{claim_id} in {_scope(workspace)}. Use /sources to find claim ids.")


def _reason(reason: str | None) -> str | None:
    return (reason or "").strip() or None


def _shown(value: Any) -> str:
    """A value in an audit detail: quoted text, or "none"."""
    return "none" if value is None or value == "" else repr(value)


def _like_escape(text: str) -> str:
    """``text`` matched literally by ``LIKE ... ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _checked_edit(edit: ClaimEdit) -> ClaimEdit:
    """``edit`` trimmed; InputError for a blank subject or measure or an impossible figure."""
    subject = edit.subject.strip() if edit.subject is not None else None
    measure = edit.measure.strip() if edit.measure is not None else None
    if subject == "":
        raise InputError("A claim's subject cannot be blank: say who or what was counted.")
    if measure == "":
        raise InputError("A claim's measure cannot be blank: say what was counted (killed, injured, cost...).")
    fig = edit.figure
    if fig is not None:
        if not fig.text.strip() or not fig.unit.strip():
            raise InputError("A figure needs its text as written and a unit.")
        if fig.low is not None and fig.high is not None and fig.low > fig.high:
            raise InputError(f"“{fig.text}” runs from {fig.low:g} down to {fig.high:g}: give its bounds in order.")
        fig = replace(fig, text=fig.text.strip(), unit=fig.unit.strip())
    return replace(edit, subject=subject, measure=measure, figure=fig)


def _figure_shown(fig: Figure) -> str:
    low = "open" if fig.low is None else f"{fig.low:g}"
    high = "open" if fig.high is None else f"{fig.high:g}"
    return f"{fig.text!r} ({low} to {high} {fig.unit})"


def _edited(claim: Claim, edit: ClaimEdit) -> tuple[Claim, list[str]]:
    """``claim`` with ``edit`` applied, and ``field: old -> new`` for each field that changed."""
    changes: list[str] = []
    updates: dict[str, Any] = {}
    if edit.figure is not None and edit.figure != claim.figure:
        old, new = claim.figure, edit.figure
        if old.text == new.text:
            changes.append(f"figure: {_figure_shown(old)} -> {_figure_shown(new)}")
        else:
            changes.append(f"figure: {old.text!r} -> {new.text!r}")
        updates["figure"] = new
    for name in ("measure", "subject", "claimant", "location", "period"):
        value = getattr(edit, name)
        if value is None:
            continue
        value = value.strip() or None  # blank clears the optional fields (subject, measure checked already)
        if value != getattr(claim, name):
            changes.append(f"{name}: {_shown(getattr(claim, name))} -> {_shown(value)}")
            updates[name] = value
    if "subject" in updates or "measure" in updates:
        updates["subject_terms"] = subject_terms(updates.get("subject", claim.subject), claim.entities)
    return replace(claim, **updates), changes


async def _rewrite_terms(ex: Executor, workspace: str, claim_id: int, claim: Claim) -> None:
    """Replace a claim's retrieval terms: its subject terms and entities, under its measure and unit."""
    await ex.execute("DELETE FROM claim_terms WHERE claim_id = ?", (claim_id,))
    rows = [
        (claim_id, workspace, claim.measure, claim.figure.unit, kind, pos, term)
        for kind, values in (("subject", claim.subject_terms), ("entity", claim.entities))
        for pos, term in enumerate(values)
    ]
    if rows:
        await ex.executemany(_INSERT_TERM, rows)


def _snapshot(sc: StoredClaim) -> str:
    """A deleted claim as its audit entry keeps it, readable without the claim."""
    c = sc.claim
    sentence = c.sentence if len(c.sentence) <= SNAPSHOT_SENTENCE else c.sentence[: SNAPSHOT_SENTENCE - 1] + "…"
    parts = [
        f"claim #{sc.id} of source #{sc.source.id}",
        f"figure: {_figure_shown(c.figure)}",
        f"measure: {c.measure!r}",
        f"subject: {c.subject!r}",
        f"claimant: {_shown(c.claimant)}",
    ]
    if sc.source.info.outlet:
        parts.append(f"outlet: {sc.source.info.outlet!r}")
    parts.append(f"sentence: {sentence!r}")
    return "; ".join(parts)


def _audit_from(r: Row) -> AuditEntry:
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
        at=_required_datetime(r["at"]),
        detail=r["detail"],
    )


def _normalised_info(info: SourceInfo) -> SourceInfo:
    """``info`` as it reads back from the store (``posted_at`` in UTC)."""
    if info.posted_at is None:
        return info
    return replace(info, posted_at=as_utc(info.posted_at))


def _source_params(info: SourceInfo, now: datetime) -> tuple[Any, ...]:
    return (
        info.workspace, info.path, info.url, info.title, info.outlet, info.author, info.published,
        info.text_hash or None, info.guild_id, info.channel_id, info.message_id, info.message_link,
        info.poster, info.poster_id, info.posted_at, now,
    )


def _claim_params(
    source: StoredSource, claim: Claim, now: datetime, status: ClaimStatus = ClaimStatus.UNREVIEWED
) -> tuple[Any, ...]:
    fig = claim.figure
    return (
        source.info.workspace, source.id, claim.sentence, claim.start, claim.end, claim.figure_start,
        claim.figure_end, fig.text, fig.low, fig.high, fig.qualifier, bool(fig.approx), fig.unit,
        claim.measure, claim.subject, claim.claimant, claim.location, claim.date, claim.period,
        status.value, now, now,
    )


def _source_from(r: Row, at: int = 0) -> StoredSource:
    """A source from SOURCE_COLUMNS starting at position ``at`` of the row.

    Rows are read by position on the hot paths: both sqlite3.Row and
    asyncpg.Record index by position in constant time.
    """
    info = SourceInfo(
        workspace=r[at + 1],
        path=r[at + 2],
        url=r[at + 3],
        title=r[at + 4],
        outlet=r[at + 5],
        author=r[at + 6],
        published=to_date(r[at + 7]),
        text_hash=r[at + 8] or "",
        guild_id=r[at + 9],
        channel_id=r[at + 10],
        message_id=r[at + 11],
        message_link=r[at + 12],
        poster=r[at + 13],
        poster_id=r[at + 14],
        posted_at=to_datetime(r[at + 15]),
    )
    return StoredSource(id=int(r[at]), info=info, created_at=_required_datetime(r[at + 16]))


def _claim_from(r: Row, subject_terms: Sequence[str], entities: Sequence[str], chain: Sequence[str]) -> Claim:
    """A claim from a row of ``_SELECT_CLAIMS`` (CLAIM_COLUMNS first, by position)."""
    figure = Figure(text=r[7], low=r[8], high=r[9], qualifier=r[10], approx=bool(r[11]), unit=r[12])
    return Claim(
        sentence=r[2],
        figure=figure,
        measure=r[13],
        subject=r[14],
        claimant=r[15],
        claimant_chain=tuple(chain),
        location=r[16],
        date=to_date(r[17]),
        period=r[18],
        start=int(r[3]),
        end=int(r[4]),
        figure_start=int(r[5]),
        figure_end=int(r[6]),
        subject_terms=tuple(subject_terms),
        entities=tuple(entities),
    )


async def _advance_cursor(ex: Executor, *, workspace: str, channel_id: int, message_id: int) -> None:
    """Move a channel's catch-up cursor forward to ``message_id`` (never back)."""
    await ex.execute(
        "INSERT INTO channel_cursors (workspace, channel_id, last_message_id, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (workspace, channel_id) DO UPDATE SET"
        " last_message_id = CASE WHEN excluded.last_message_id > channel_cursors.last_message_id"
        " THEN excluded.last_message_id ELSE channel_cursors.last_message_id END,"
        " updated_at = excluded.updated_at",
        (workspace, channel_id, message_id, utc_now()),
    )


def _required_datetime(value: Any) -> datetime:
    dt = to_datetime(value)
    if dt is None:
        raise ValueError("a required timestamp is missing from the claim store")
    return dt


async def _audit(
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
        _INSERT_AUDIT,
        (workspace, claim_id, actor.name, actor.user_id, action, old_status, new_status, reason, at, detail),
    )

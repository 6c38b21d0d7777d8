"""Reading claims: by id and source, candidates for a claim, search, autocomplete; and the claim cache.

:class:`RetrievalStore` is the base of :class:`~storage.store.SQLClaimStore`:
every other part of the store loads its claims through :meth:`_claims_by_ids`
and :meth:`_claims_where`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from bot.engine.errors import InputError, NotFound
from bot.engine.protocol import CandidateQuery
from bot.engine.types import ClaimStatus, StoredClaim, StoredSource

from .driver import Driver, Executor, Row, placeholders, to_datetime
from .rows import SELECT_CLAIMS, SELECT_SOURCES, claim_from, like_escape, no_claim, scope, source_from

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

#: Newest claims of a workspace whose subject and figure text
#: :meth:`SQLiteClaimStore.claim_choices` searches (ids are found in any
#: claim): autocomplete answers within Discord's three seconds on any store size.
CHOICE_SCAN = 50_000



class RetrievalStore:
    """The reading half of the store (see the module docstring)."""

    driver: Driver
    postings_cap: int
    lead_depth: int
    _cache: _ContentCache
    #: Newest claims whose text :meth:`claim_choices` searches; None: all of them
    #: (PostgreSQL has trigram indexes on lower(subject) and lower(figure_text)).
    choice_scan: int | None = None

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
            f"{SELECT_SOURCES} WHERE workspace = ? AND (text_hash = ? OR url = ?) ORDER BY id LIMIT 1",
            (workspace, text_hash, url),
        )
        return source_from(row) if row is not None else None

    async def get_source(self, workspace: str, source_id: int) -> StoredSource:
        row = await self.driver.read(
            lambda ex: ex.fetchone(f"{SELECT_SOURCES} WHERE workspace = ? AND id = ?", (workspace, source_id))
        )
        if row is None:
            raise NotFound(
                f"No source #{source_id} in {scope(workspace)}. Use /sources to list the articles stored here."
            )
        return source_from(row)

    async def get_claim(self, workspace: str, claim_id: int) -> StoredClaim:
        found = await self.driver.read(lambda ex: self._claims_by_ids(ex, workspace, [claim_id]))
        if not found:
            raise no_claim(workspace, claim_id)
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
        return [(int(r["claim_id"]), r["updated_at"]) for r in await ex.fetchall(sql, params)]

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
            versions = {int(r["id"]): r["updated_at"] for r in rows}
            return await self._claims_by_ids(ex, workspace, list(versions), versions)

        return await self.driver.read(run)

    async def outlets(self, workspace: str, prefix: str = "", limit: int = 25) -> list[str]:
        """Distinct outlets of stored sources and grades starting with ``prefix``, case-insensitively.

        One name per outlet whatever its capitalisation, in alphabetical
        order. (SQLite folds the case of ASCII letters only.)
        """
        if limit < 1:
            return []
        pattern = like_escape(prefix.strip().lower()) + "%"
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
            ids = [int(r["id"]) for r in rows]
            found = {sc.id: sc for sc in await self._claims_by_ids(ex, workspace, ids)} if ids else {}
            return [found[i] for i in ids if i in found], {ClaimStatus(r["status"]): int(r["n"]) for r in counts}

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
                    versions[int(r["id"])] = r["updated_at"]
            if len(versions) < limit:
                sql = "SELECT id, updated_at FROM claims WHERE workspace = ?"
                params: list[Any] = [workspace]
                if text:
                    pattern = "%" + like_escape(text.lower()) + "%"
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
                    versions.setdefault(int(r["id"]), r["updated_at"])
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
            f"{SELECT_CLAIMS} WHERE c.workspace = ? AND {where} ORDER BY c.id", [workspace, *params]
        )
        if not rows:
            return []
        ids = [int(r["id"]) for r in rows]
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
            (subjects if r["kind"] == "subject" else entities).setdefault(int(r["claim_id"]), []).append(r["term"])
        chains: dict[int, list[str]] = {}
        for r in chain_rows:
            chains.setdefault(int(r["claim_id"]), []).append(r["name"])
        sources: dict[int, StoredSource] = {}
        out = []
        for r in rows:
            cid = int(r["id"])
            sid = int(r["source_id"])
            source = sources.get(sid)
            if source is None:
                source = sources[sid] = self._cache.source(sid) or source_from(r)
            claim = claim_from(r, subjects.get(cid, ()), entities.get(cid, ()), chains.get(cid, ()))
            stored = StoredClaim(
                id=cid,
                claim=claim,
                source=source,
                status=ClaimStatus(r["status"]),
                created_at=to_datetime(r["created_at"]),
            )
            if cache:
                self._cache.put(stored, r["updated_at"])
            out.append(stored)
        return out



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



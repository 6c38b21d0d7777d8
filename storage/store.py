"""The claim store in portable SQL, over any :class:`~storage.driver.Driver`.

Every query names its workspace; every write is one driver transaction; every
answer is a domain object of :mod:`bot.engine.types`. The store is split by
concern, one mixin each, composed here:

* :mod:`storage.retrieval`: reading claims, candidates, search, autocomplete, the claim cache;
* :mod:`storage.ingest`: storing articles and imports;
* :mod:`storage.stories`: the story index, story links and story curation;
* :mod:`storage.curation`: statuses, edits, merges, deletions, grades and settings (audited);
* :mod:`storage.channels`: watched channels and catching up on them;
* :mod:`storage.exchange`: export pages and the workspaces with data;
* :mod:`storage.rows`: the SQL and the rows, read by column name.

The desk's rules are the engine's (:mod:`bot.engine.curation`). A backend may
override a query where it has something better (``_gather_candidates`` is the
hot path; :class:`SQLiteClaimStore` inserts an article's claims in one statement).
"""

from __future__ import annotations

from typing import Any

from bot.engine.protocol import AuditEntry, CandidateQuery

from .channels import ChannelStore
from .curation import CurationStore
from .driver import Driver, Executor
from .exchange import ExchangeStore
from .ingest import IngestStore
from .retrieval import (
    CHOICE_SCAN,
    DEFAULT_CACHE_SIZE,
    DEFAULT_LEAD_DEPTH,
    DEFAULT_POSTINGS_CAP,
    _ContentCache,
)
from .rows import INSERT_CLAIM_WITH_ID

__all__ = ["DEFAULT_CACHE_SIZE", "DEFAULT_LEAD_DEPTH", "DEFAULT_POSTINGS_CAP", "AuditEntry", "CandidateQuery",
           "SQLClaimStore", "SQLiteClaimStore"]


class SQLClaimStore(IngestStore, CurationStore, ChannelStore, ExchangeStore):
    """:class:`bot.engine.protocol.ClaimStore` in plain SQL over a driver (see the module docstring)."""

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
            INSERT_CLAIM_WITH_ID, [(cid, *params) for cid, params in zip(ids, rows, strict=True)]
        )
        return ids

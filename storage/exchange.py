"""Export and migration reads: every claim of a workspace in pages, and the workspaces with data."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from functools import partial
from typing import Any

from bot.engine.types import ClaimStatus, StoredClaim

from .driver import Executor, placeholders
from .retrieval import RetrievalStore

#: Claims read per query by :meth:`ExchangeStore.iter_claims` unless told otherwise,
#: and at most (each page's ids go in IN lists).
ITER_BATCH = 500
MAX_ITER_BATCH = 5_000


class ExchangeStore(RetrievalStore):
    """Reads for export (:meth:`iter_claims`) and migration (:meth:`workspaces`)."""

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

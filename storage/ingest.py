"""Storing articles: a source, its claims, their retrieval terms and story links, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.engine.curation import import_detail, require_moderator
from bot.engine.protocol import Actor, IngestResult, StoryLink
from bot.engine.types import Claim, ClaimStatus, SourceInfo, StoredClaim, StoredSource

from .driver import Executor, utc_now
from .rows import (
    INSERT_CHAIN,
    INSERT_CLAIM,
    INSERT_SOURCE,
    INSERT_TERM,
    audit,
    claim_params,
    normalised_info,
    source_params,
    term_rows,
)
from .stories import StoryStore


class IngestStore(StoryStore):
    """Articles in: :meth:`add_article` and :meth:`add_reviewed` (import)."""

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
        require_moderator(actor, "import reviewed claims")
        plain = [claim for claim, _ in claims]
        statuses = [ClaimStatus(status) for _, status in claims]

        async def tx(ex: Executor) -> IngestResult:
            result = await self._ingest(ex, info, plain, statuses)
            if result.created:
                detail = import_detail(result.source.id, info.url)
                for sc in result.claims:
                    await audit(ex, info.workspace, sc.id, actor, "import", None, sc.status.value, None,
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
        row = await ex.fetchone(INSERT_SOURCE, source_params(info, now))
        if row is None:
            earlier = await self._find_source(ex, info.workspace, info.text_hash or None, info.url)
            if earlier is None:  # a constraint we do not know of refused the row
                raise RuntimeError("the source was refused but no earlier copy was found")
            stored = await self._claims_where(ex, info.workspace, "c.source_id = ?", [earlier.id])
            return IngestResult(source=earlier, created=False, claims=tuple(stored),
                                stories=await self._stories_with_ids(ex, info.workspace, earlier.id))
        source = StoredSource(id=int(row["id"]), info=normalised_info(info), created_at=now)
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
            ex, [claim_params(source, claim, now, status) for claim, status in zip(claims, statuses, strict=True)]
        )
        workspace = source.info.workspace
        terms = [
            row for claim_id, claim in zip(ids, claims, strict=True) for row in term_rows(claim_id, workspace, claim)
        ]
        if terms:
            await ex.executemany(INSERT_TERM, terms)
        chains = [
            (claim_id, pos, name)
            for claim_id, claim in zip(ids, claims, strict=True)
            for pos, name in enumerate(claim.claimant_chain)
        ]
        if chains:
            await ex.executemany(INSERT_CHAIN, chains)
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
            row = await ex.fetchone(INSERT_CLAIM, params)
            if row is None:  # RETURNING always yields the new row
                raise RuntimeError("a claim insert returned no id")
            ids.append(int(row["id"]))
        return ids


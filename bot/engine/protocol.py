"""The claim store's protocol. ``storage/`` implements it; the engine uses it.

Every method is scoped to one workspace (a Discord guild id as a string, or
``"default"`` in the CLI); no query crosses workspaces. Implementations return
the domain types of :mod:`bot.engine.types`, never rows, and run every write in
a transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from .types import Claim, ClaimStatus, SourceInfo, StoredClaim, StoredSource


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks for a change. The store refuses curation when not a moderator."""

    name: str
    user_id: int | None = None
    is_moderator: bool = False


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: StoredSource
    #: False when the article (same text hash or same URL) was stored before;
    #: ``source`` is then the earlier one and ``claims`` its claims.
    created: bool
    claims: tuple[StoredClaim, ...]


@dataclass(frozen=True, slots=True)
class WatchedChannel:
    workspace: str
    channel_id: int
    added_by: str
    added_at: datetime


@runtime_checkable
class ClaimStore(Protocol):
    async def close(self) -> None: ...

    # -- articles and claims -------------------------------------------------
    async def add_article(self, info: SourceInfo, claims: Sequence[Claim]) -> IngestResult:
        """Store a source and its claims in one transaction, once per workspace.

        A second ingest of the same text hash or URL in the workspace stores
        nothing and returns ``created=False`` with the earlier source.
        """

    async def find_source(
        self, workspace: str, *, text_hash: str | None = None, url: str | None = None
    ) -> StoredSource | None: ...

    async def get_source(self, workspace: str, source_id: int) -> StoredSource:
        """Raises NotFound."""

    async def get_claim(self, workspace: str, claim_id: int) -> StoredClaim:
        """Raises NotFound."""

    async def claims_of_source(self, workspace: str, source_id: int) -> list[StoredClaim]: ...

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
        """Earlier claims with this measure, one of these units, sharing a subject term.

        Retrieval is indexed (workspace, measure, term): its cost does not grow
        linearly with the store. Ranked by how many terms they share.
        """

    async def search_claims(
        self,
        workspace: str,
        *,
        terms: Sequence[str],
        measure: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredClaim]:
        """Claims sharing any of ``terms`` (subject terms or measure), newest first."""

    async def count_claims(self, workspace: str) -> int: ...

    # -- watched channels (the bot) --------------------------------------------
    async def add_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        """True when added, False when it was already watched."""

    async def remove_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool: ...

    async def list_watches(self, workspace: str) -> list[WatchedChannel]: ...

    # -- curation (the verification desk) --------------------------------------
    async def set_status(
        self, workspace: str, claim_id: int, status: ClaimStatus, actor: Actor, reason: str
    ) -> StoredClaim:
        """Raises PermissionDenied unless actor.is_moderator; writes the audit log."""

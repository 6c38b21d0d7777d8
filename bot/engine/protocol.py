"""The claim store's protocol. ``storage/`` implements it; the engine uses it.

Every method is scoped to one workspace (a Discord guild id as a string, or
``"default"`` in the CLI); no query crosses workspaces. Implementations return
the domain types of :mod:`bot.engine.types`, never rows, and run every write in
a transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from .stories import ArticleFeatures, Assignment, StoryCandidate
from .types import Claim, ClaimStatus, Figure, SourceInfo, StoredClaim, StoredSource, Story


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
    #: the stories the source is in (best first), each with its stored articles' ids
    stories: tuple[Story, ...] = ()


@dataclass(frozen=True, slots=True)
class CandidateQuery:
    """What ``candidates`` takes for one claim, for ``candidates_many``."""

    measure: str
    units: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What the store knows that story assignment needs: document frequencies and candidate stories."""

    n_docs: int
    #: stored articles per term, for the article's terms
    df: dict[str, int]
    candidates: tuple[StoryCandidate, ...]


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a check reads from the store, in one read: :meth:`ClaimStore.check_context`."""

    #: the same article (text hash or URL) stored before, and its claims
    seen: StoredSource | None
    seen_claims: tuple[StoredClaim, ...]
    #: the stories the claims are checked against (best first), each with its stored articles' ids:
    #: those of the article stored before, else those ``choose`` picked
    stories: tuple[Story, ...]
    #: where ``choose`` put a new article (empty for an article stored before)
    assignment: Assignment
    #: the earlier claims of those stories with the article's measures (the article's own left out)
    earlier: tuple[StoredClaim, ...]
    #: the entity terms of the stories' titles and datelines (the places they are about)
    key_terms: frozenset[str]
    #: the workspace's outlet grades (outlet key -> grade)
    grades: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StoryLink:
    """How a new article joins the stories: its features and where the clustering put it."""

    features: ArticleFeatures
    assignment: Assignment


@dataclass(frozen=True, slots=True)
class WatchedChannel:
    workspace: str
    channel_id: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class HandledMessage:
    """A message of a watched channel the bot has checked (catch-up never answers it twice)."""

    workspace: str
    channel_id: int
    message_id: int
    #: the message's edit time when it was checked (None: not edited then); a later edit is checked again
    edited_at: datetime | None
    #: the bot's reply, when one was sent
    reply_id: int | None
    handled_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the append-only audit log: who changed what, when and why."""

    id: int
    workspace: str
    claim_id: int | None
    actor: str
    actor_id: int | None
    #: 'set_status', 'edit', 'merge', 'delete', 'grade', 'setting', 'watch', 'unwatch', 'import'
    action: str
    old_status: ClaimStatus | None
    new_status: ClaimStatus | None
    reason: str | None
    at: datetime
    #: what changed, human-readable ("figure: 'about 10,000' -> 'about 11,000'"; for a delete,
    #: a snapshot of the deleted claim), so the log stays meaningful after the claim is gone
    detail: str | None = None


#: Outlet reliability grades, best first (see docs: why this scale).
GRADES = ("reliable", "generally reliable", "mixed", "unreliable", "unrated")


@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """Fields a moderator may correct on an extracted claim; None leaves a field as it is."""

    figure: Figure | None = None
    measure: str | None = None
    subject: str | None = None
    claimant: str | None = None
    location: str | None = None
    period: str | None = None


@runtime_checkable
class ClaimStore(Protocol):
    async def close(self) -> None: ...

    # -- articles and claims -------------------------------------------------
    async def add_article(
        self, info: SourceInfo, claims: Sequence[Claim], story: StoryLink | None = None
    ) -> IngestResult:
        """Store a source, its claims and its story links in one transaction, once per workspace.

        A second ingest of the same text hash or URL in the workspace stores
        nothing and returns ``created=False`` with the earlier source. Without
        ``story`` the store links the article itself, from its title and claims.
        """

    async def check_context(
        self,
        workspace: str,
        features: ArticleFeatures,
        *,
        text_hash: str | None,
        url: str | None,
        measures: Sequence[str],
        choose: Callable[[StoryContext], Assignment],
        window_days: int = 30,
        limit: int = 1000,
        measure_words: Sequence[str] = (),
        subject_words: Sequence[str] = (),
        figures: Sequence[float] = (),
    ) -> CheckContext:
        """What checking one article needs, in one read transaction.

        The article stored before (same text hash or URL) and its stories; else
        the story context (as :meth:`story_context`), handed to ``choose`` (the
        engine's rule) for the stories it joins. Then the earlier claims of those
        stories with ``measures``, or whose measure holds one of ``measure_words``, or
        whose subject holds one of ``subject_words``, or whose figure has one of ``figures``
        as a bound (the engine decides which of those name the same thing), newest first, at
        most ``limit``; their key terms, their article ids, and the workspace's
        grades.
        """

    # -- stories ---------------------------------------------------------------
    async def story_context(self, workspace: str, features: ArticleFeatures, *, window_days: int = 30) -> StoryContext:
        """Document frequencies of the article's terms and the candidate stories for it.

        Candidates come from the inverted index of the article's rarest terms,
        within ``window_days`` of its day (stories reached through a rare term
        at any date): a bounded number, whatever the size of the store.
        """

    async def stories_of_source(self, workspace: str, source_id: int) -> list[Story]: ...

    async def get_story(self, workspace: str, story_id: int) -> Story:
        """The story (a merged story's id leads to the story it was merged into). Raises NotFound."""

    async def find_stories(self, workspace: str, query: str, *, limit: int = 10) -> list[Story]:
        """Stories whose name holds the query's words, newest first."""

    async def story_source_ids(self, workspace: str, story_id: int, *, limit: int = 1000) -> list[int]:
        """Ids of the story's articles, newest first, at most ``limit``."""

    async def story_sources(self, workspace: str, story_id: int) -> list[StoredSource]:
        """The story's articles, oldest first (by publication date, then storage)."""

    async def story_claims(
        self,
        workspace: str,
        story_ids: Sequence[int],
        *,
        measures: Sequence[str] | None = None,
        exclude_source_id: int | None = None,
        limit: int = 1000,
    ) -> list[StoredClaim]:
        """Claims of the stories' articles (of these measures), newest first, at most ``limit``."""

    async def move_article(
        self, workspace: str, source_id: int, story_id: int | None, actor: Actor, reason: str
    ) -> Story:
        """Moderators: the article leaves its stories for ``story_id`` (None: a new story of its own)."""

    async def merge_stories(self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str) -> Story:
        """Moderators: every article of ``merge_id`` joins ``keep_id``; ``merge_id`` then points to it."""

    async def split_story(
        self, workspace: str, story_id: int, source_ids: Sequence[int], actor: Actor, reason: str
    ) -> Story:
        """Moderators: these articles of the story leave it for a new story, which is returned."""

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

    async def candidates_many(
        self,
        workspace: str,
        queries: Sequence[CandidateQuery],
        *,
        exclude_source_id: int | None = None,
        limit: int = 200,
    ) -> list[list[StoredClaim]]:
        """``candidates`` for each of an article's claims in one trip: one answer per query."""

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

    # -- catching up on watched channels (the bot) ----------------------------
    async def channel_cursor(self, workspace: str, channel_id: int) -> int | None:
        """The newest message id read in the channel, or None before the first."""

    async def advance_cursor(self, workspace: str, channel_id: int, message_id: int) -> None:
        """Remember ``message_id`` as read; a cursor never moves back."""

    async def handled_message(self, workspace: str, message_id: int) -> HandledMessage | None: ...

    async def mark_handled(
        self, workspace: str, channel_id: int, message_id: int, *,
        edited_at: datetime | None, reply_id: int | None,
    ) -> None:
        """Record a checked message (a later check of an edit replaces the record; a known reply id is
        kept when none is given) and advance the channel's cursor, in one transaction."""

    # -- curation (the verification desk) --------------------------------------
    # Every curation method raises PermissionDenied unless ``actor.is_moderator`` (in the
    # store itself, not only in the UI), NotFound for unknown ids, and writes the audit
    # log in the same transaction as the change.
    async def set_status(
        self, workspace: str, claim_id: int, status: ClaimStatus, actor: Actor, reason: str
    ) -> StoredClaim: ...

    async def edit_claim(
        self, workspace: str, claim_id: int, edit: ClaimEdit, actor: Actor, reason: str
    ) -> StoredClaim:
        """Correct an extraction error; retrieval terms follow a new subject or measure."""

    async def merge_claims(
        self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str
    ) -> StoredClaim:
        """Two claims that are one: ``merge_id`` becomes superseded by ``keep_id`` (kept, audited)."""

    async def delete_claim(self, workspace: str, claim_id: int, actor: Actor, reason: str) -> None:
        """Remove a claim; its audit entries (and a snapshot in ``detail``) stay forever."""

    async def audit_entries(
        self, workspace: str, *, claim_id: int | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        """Newest first."""

    async def set_grade(self, workspace: str, outlet: str, grade: str, actor: Actor, reason: str) -> None:
        """Grade an outlet (one of GRADES); audited."""

    async def grades(self, workspace: str) -> dict[str, str]:
        """Outlet (as stored, case-insensitive key lower-cased) -> grade."""

    async def get_setting(self, workspace: str, key: str) -> str | None: ...

    async def set_setting(self, workspace: str, key: str, value: str | None, actor: Actor) -> None:
        """Workspace settings such as 'moderator_role'; audited; moderators only."""

    async def outlets(self, workspace: str, prefix: str = "", limit: int = 25) -> list[str]:
        """Distinct outlets starting with ``prefix`` (case-insensitive), for autocomplete."""

    async def outlet_claims(
        self, workspace: str, outlet: str, *, limit: int = 10
    ) -> tuple[list[StoredClaim], dict[ClaimStatus, int]]:
        """An outlet's newest claims (newest first, case-insensitive name) and its counts by status."""

    async def claim_choices(self, workspace: str, prefix: str = "", limit: int = 25) -> list[StoredClaim]:
        """Claims whose id starts with ``prefix`` or whose subject/figure contains it, newest first."""

    def iter_claims(
        self, workspace: str, *, statuses: Sequence[ClaimStatus] | None = None, batch: int = 500
    ) -> AsyncIterator[StoredClaim]:
        """Every claim of the workspace (for export), oldest first, in batches."""

    async def add_reviewed(
        self, info: SourceInfo, claims: Sequence[tuple[Claim, ClaimStatus]], actor: Actor
    ) -> IngestResult:
        """Import: like add_article, with each claim's status (audited as 'import')."""

    async def workspaces(self) -> list[str]:
        """Every workspace with data (for migrate-store and exports)."""

"""Domain types of the claim engine.

Data flows one way through these types:

    Article (text + SourceInfo) -> Claim (with Figure) -> StoredClaim candidates
    -> Evidence -> ClaimCheck (verdict) -> ArticleReport

They are plain frozen dataclasses: no I/O, no discord, no SQL. ``storage/``
builds them from rows; the renderers turn them into tables, JSON and embeds.
The JSON field names produced by ``to_json`` are a public contract: add fields,
rename none.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class Verdict(enum.StrEnum):
    MATCHING = "matching"
    CONFLICTING = "conflicting"
    UNVERIFIED = "unverified"

    @property
    def severity(self) -> int:
        """Higher is worse; an article is coloured by its worst verdict."""
        return {"matching": 0, "unverified": 1, "conflicting": 2}[self.value]


class ClaimStatus(enum.StrEnum):
    """Moderation status of a stored claim (the verification desk)."""

    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    RETRACTED = "retracted"
    SUPERSEDED = "superseded"
    NOT_A_CLAIM = "not_a_claim"

    @property
    def can_be_evidence(self) -> bool:
        return self not in (ClaimStatus.RETRACTED, ClaimStatus.NOT_A_CLAIM)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as an interval with its hedge.

    ``low``/``high`` are in ``unit`` as written (no currency or unit
    conversion); ``None`` means open on that side ("at least 30": 30/None).
    ``unit`` is canonical: "people", "count", "percent", "pp" (percentage
    points), an ISO currency code ("USD", "EUR", ...), "km2", "acre", "km",
    "kg", ... or a lower-cased free unit ("mph", "points").
    """

    text: str
    low: float | None
    high: float | None
    qualifier: str | None = None
    approx: bool = False
    unit: str = "people"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "low": _num(self.low),
            "high": _num(self.high),
            "qualifier": self.qualifier,
            "approx": self.approx,
            "unit": self.unit,
        }


def _num(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure plus what makes it checkable."""

    sentence: str
    figure: Figure
    measure: str
    subject: str
    claimant: str | None = None
    #: the chain of attribution, outermost first: ("the BBC", "anonymous Western officials")
    claimant_chain: tuple[str, ...] = ()
    location: str | None = None
    #: the date the claim refers to, where the text gives one
    date: date | None = None
    #: "24 hours", "3 days"...; None for a running total
    period: str | None = None
    #: character offsets of the sentence and of the figure in the article text
    start: int = 0
    end: int = 0
    figure_start: int = 0
    figure_end: int = 0
    #: normalised subject terms (lower-case lemmas, entities kept whole), for retrieval
    subject_terms: tuple[str, ...] = ()
    #: normalised named entities of the sentence (places, groups, organisations)
    entities: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "subject": self.subject,
            "measure": self.measure,
            "figure": self.figure.to_json(),
            "claimant": self.claimant,
            "claimant_chain": list(self.claimant_chain),
            "location": self.location,
            "date": self.date.isoformat() if self.date else None,
            "period": self.period,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where an article came from, before it is stored."""

    workspace: str = "default"
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    text_hash: str = ""
    # where it was posted in Discord
    guild_id: int | None = None
    channel_id: int | None = None
    message_id: int | None = None
    message_link: str | None = None
    poster: str | None = None
    poster_id: int | None = None
    posted_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "message_link": self.message_link,
        }


@dataclass(frozen=True, slots=True)
class StoredSource:
    id: int
    info: SourceInfo
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        out = self.info.to_json()
        out["id"] = self.id
        out["stored_at"] = self.created_at.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    claim: Claim
    source: StoredSource
    status: ClaimStatus = ClaimStatus.UNREVIEWED
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """Text to check, with what is known of its source."""

    text: str
    source: SourceInfo = field(default_factory=SourceInfo)
    #: the text validated and split into lines (``bot.engine.text.PreparedText``), kept by ``Engine.read``
    #: so that extraction does not prepare it again; not part of what an article is
    prepared: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """An earlier claim that matches or conflicts with a new one."""

    stored: StoredClaim
    relation: Verdict  # MATCHING or CONFLICTING
    score: float = 0.0  # subject similarity, 0..100
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        c = self.stored.claim
        return {
            "claim_id": self.stored.id,
            "relation": self.relation.value,
            "figure": c.figure.to_json(),
            "measure": c.measure,
            "subject": c.subject,
            "claimant": c.claimant,
            "sentence": c.sentence,
            "status": self.stored.status.value,
            "score": round(self.score, 1),
            "note": self.note,
            "source": self.stored.source.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ConflictSummary:
    """Every conflicting earlier claim, summarised when the evidence shown is capped."""

    count: int
    lowest: Figure
    highest: Figure
    #: conflicting evidence left out of ``ClaimCheck.evidence`` by the cap
    not_shown: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "not_shown": self.not_shown,
            "lowest": self.lowest.to_json(),
            "highest": self.highest.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim: Claim
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    #: update-or-contradiction note, e.g. "higher than reports from 5 days earlier"
    note: str | None = None
    #: all conflicting earlier claims (count, lowest and highest figure), None without conflicts
    conflicts: ConflictSummary | None = None

    def to_json(self) -> dict[str, Any]:
        out = self.claim.to_json()
        out["verdict"] = self.verdict.value
        out["note"] = self.note
        out["evidence"] = [e.to_json() for e in self.evidence]
        out["conflicts"] = self.conflicts.to_json() if self.conflicts is not None else None
        return out


@dataclass(frozen=True, slots=True)
class Story:
    """A news event: the articles that report it. ``id`` 0: a story an unstored article would start."""

    id: int
    workspace: str
    name: str
    first_day: date | None = None
    last_day: date | None = None
    n_articles: int = 0
    created_at: datetime | None = None
    #: set on a story merged into another (its articles now belong there)
    merged_into: int | None = None
    #: the stored articles of the story, when the report asked for them
    source_ids: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id or None,
            "name": self.name,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "articles": self.n_articles,
        }


@dataclass(frozen=True, slots=True)
class ArticleReport:
    source: SourceInfo
    checks: tuple[ClaimCheck, ...]
    #: set when the same article (hash or URL) was stored before
    seen_before: StoredSource | None = None
    #: set when this report's article was stored now
    stored: StoredSource | None = None
    #: the stories the claims were checked against (best first); a new story has n_articles 0
    stories: tuple[Story, ...] = ()

    @property
    def story(self) -> Story | None:
        """The story the claims were checked against first (the best), if any."""
        return self.stories[0] if self.stories else None

    @property
    def worst(self) -> Verdict | None:
        if not self.checks:
            return None
        return max((c.verdict for c in self.checks), key=lambda v: v.severity)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source.to_json(),
            "claims": [c.to_json() for c in self.checks],
        }
        if self.seen_before is not None:
            out["seen_before"] = self.seen_before.to_json()
        if self.stored is not None:
            out["stored"] = self.stored.to_json()
        if self.stories:
            # "new": the article starts the story (no other stored article reports it)
            stories = [
                {**s.to_json(), "new": s.id == 0 or (self.stored is not None and s.n_articles <= 1)}
                for s in self.stories
            ]
            out["story"] = stories[0]
            out["stories"] = stories
        return out



@dataclass(frozen=True, slots=True)
class DossierRow:
    """One measure of a story: every source's figure for it, newest report first."""

    measure: str
    unit: str
    claims: tuple[StoredClaim, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "unit": self.unit,
            "reports": [
                {
                    "claim_id": sc.id,
                    "figure": sc.claim.figure.to_json(),
                    "subject": sc.claim.subject,
                    "claimant": sc.claim.claimant,
                    "status": sc.status.value,
                    "source": sc.source.to_json(),
                }
                for sc in self.claims
            ],
        }


@dataclass(frozen=True, slots=True)
class StoryDossier:
    """What an editor reads before publishing a figure: a story's articles and its figures side by side."""

    story: Story
    sources: tuple[StoredSource, ...]
    rows: tuple[DossierRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "story": self.story.to_json(),
            "articles": [s.to_json() for s in self.sources],
            "measures": [r.to_json() for r in self.rows],
        }

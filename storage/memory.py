"""The claim store in memory: :class:`bot.engine.protocol.ClaimStore` without a database.

Open it with ``CROSSCHECK_DB=memory://`` (or ``--db memory://``): for tests and
one-off runs; nothing outlives the process. It answers as the SQL stores do
(:mod:`storage.store`): the same ids (global, increasing, a deleted claim's
never given again), the same orderings, limits and sentences, the same capped
candidate retrieval (``postings_cap``, ``lead_depth``). It decides nothing
itself either: the desk's rules are :mod:`bot.engine.curation`'s, and the
story index is the engine's :class:`~bot.engine.stories.MemoryStories`, one
per workspace.

**All or nothing.** Every write works on a copy of its workspace's state (and
of the id counters) and swaps the copy in only when the whole call succeeded;
a failure midway (a claim the schema would refuse, a failing audit entry)
leaves the store as it was. A write never awaits, so no other call sees a
half-made state. The copy costs time linear in the workspace's size: this
store suits tests and small runs, not a newsroom's archive.

Differences that do not change answers on small stores: the story index reads
every story of a term (the SQL stores read the newest
:data:`~storage.stories.POSTINGS_PER_TERM`), and the claim text searched for
autocomplete is every claim's (as on PostgreSQL).
"""

from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any, TypeVar

from bot.engine.curation import (
    check_merge,
    check_setting_key,
    check_split,
    check_story_merge,
    checked_edit,
    checked_grade,
    edited,
    grade_detail,
    import_detail,
    merge_details,
    moved_story_name,
    no_article,
    no_story,
    reason_text,
    require_moderator,
    retrieval_changed,
    setting_detail,
    snapshot,
    split_ids,
    split_story_name,
    story_merge_detail,
    story_move_detail,
    story_split_detail,
)
from bot.engine.errors import InputError, NotFound, StoreUnavailable
from bot.engine.protocol import (
    Actor,
    AuditEntry,
    CandidateQuery,
    CheckContext,
    ClaimEdit,
    HandledMessage,
    IngestResult,
    StoryContext,
    StoryLink,
    WatchedChannel,
)
from bot.engine.stories import (
    ArticleFeatures,
    Assignment,
    MemoryStories,
    StoryPolicy,
    assign,
    idf,
    query_terms,
)
from bot.engine.types import Claim, ClaimStatus, SourceInfo, StoredClaim, StoredSource, Story

from .driver import as_utc, utc_now
from .exchange import ITER_BATCH, MAX_ITER_BATCH
from .retrieval import DEFAULT_LEAD_DEPTH, DEFAULT_POSTINGS_CAP, MAX_POSTING_QUERIES
from .rows import no_claim, normalised_info, scope
from .stories import MAX_CANDIDATES, source_day, stored_features

__all__ = ["MEMORY_URL", "MemoryClaimStore", "is_memory_url"]

T = TypeVar("T")

#: The store URL that opens this store.
MEMORY_URL = "memory://"

#: (measure, term, unit): a claim's retrieval postings, as the SQL stores' claim_terms index
_PostingKey = tuple[str, str, str]


def is_memory_url(url_or_path: str) -> bool:
    """Whether ``url_or_path`` names the in-memory store (``memory://``, any case)."""
    return url_or_path.strip().lower().startswith(MEMORY_URL)


# -- state ----------------------------------------------------------------------------------------


@dataclass
class _Ids:
    """The last id given per kind; ids are global across workspaces, as in the SQL stores."""

    source: int = 0
    claim: int = 0
    story: int = 0
    audit: int = 0

    def next(self, kind: str) -> int:
        value = getattr(self, kind) + 1
        setattr(self, kind, value)
        return value


@dataclass
class _Workspace:
    """One workspace's state. Values held in the containers are immutable (frozen dataclasses,
    tuples); only the containers change, and a write changes them on its own copy."""

    name: str
    sources: dict[int, StoredSource] = field(default_factory=dict)
    by_hash: dict[str, int] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)
    #: by id, oldest first (ids only grow and a claim keeps its place when changed)
    claims: dict[int, StoredClaim] = field(default_factory=dict)
    of_source: dict[int, tuple[int, ...]] = field(default_factory=dict)
    #: claim ids by (measure, term, unit), ascending, a claim once per term it holds
    postings: dict[_PostingKey, tuple[int, ...]] = field(default_factory=dict)
    watches: dict[int, WatchedChannel] = field(default_factory=dict)
    cursors: dict[int, int] = field(default_factory=dict)
    handled: dict[int, HandledMessage] = field(default_factory=dict)
    #: outlet key (lower-cased) -> (outlet as named, grade)
    grades: dict[str, tuple[str, str]] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    stories: dict[int, Story] = field(default_factory=dict)
    #: (story id, source id) -> the link's score (None: linked by a moderator)
    links: dict[tuple[int, int], float | None] = field(default_factory=dict)
    #: source id -> (its story terms with their weights, its key terms)
    article_terms: dict[int, tuple[dict[str, float], frozenset[str]]] = field(default_factory=dict)
    index: MemoryStories = field(default_factory=MemoryStories)

    def copy(self) -> _Workspace:
        """A copy whose containers can change without touching this one."""
        return _Workspace(**{f.name: _copied(getattr(self, f.name)) for f in fields(self)})

    def has_data(self) -> bool:
        return bool(self.sources or self.watches or self.settings or self.grades or self.audit)


def _copied(value: Any) -> Any:
    """``value`` with its mutable containers copied, down to the immutable values they hold."""
    if isinstance(value, MemoryStories):
        return MemoryStories(**{f.name: _copied(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, Counter):
        return Counter(value)
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()} if _nested(value) else dict(value)
    if isinstance(value, (list, set)):
        return type(value)(value)
    return value


def _nested(value: dict[Any, Any]) -> bool:
    first = next(iter(value.values()), None)
    return isinstance(first, (dict, set, list, Counter))


# -- the store --------------------------------------------------------------------------------------


class MemoryClaimStore:
    """:class:`bot.engine.protocol.ClaimStore` in memory (see the module docstring)."""

    location = MEMORY_URL
    #: Newest claims whose text :meth:`claim_choices` searches; None: all of them.
    choice_scan: int | None = None

    def __init__(
        self,
        *,
        postings_cap: int = DEFAULT_POSTINGS_CAP,
        lead_depth: int = DEFAULT_LEAD_DEPTH,
        story_policy: StoryPolicy | None = None,
    ) -> None:
        if postings_cap < 1:
            raise ValueError("postings_cap must be at least 1")
        self.postings_cap = postings_cap
        self.lead_depth = max(0, lead_depth)
        self.story_policy = story_policy or StoryPolicy()
        self._spaces: dict[str, _Workspace] = {}
        self._ids = _Ids()
        self._closed = False

    async def __aenter__(self) -> MemoryClaimStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        self._closed = True

    # -- reading and writing state -----------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable("The claim store is closed. Restart crosscheck.")

    def _read(self, workspace: str) -> _Workspace:
        self._check_open()
        return self._spaces.get(workspace) or _Workspace(name=workspace, index=MemoryStories(policy=self.story_policy))

    def _write(self, workspace: str, fn: Callable[[_Workspace, _Ids], T]) -> T:
        """Run ``fn`` on copies of the workspace and the id counters; keep them only if it succeeds."""
        ws = self._read(workspace).copy()
        ids = replace(self._ids)
        result = fn(ws, ids)
        self._spaces[workspace] = ws
        self._ids = ids
        return result

    # -- articles and claims ----------------------------------------------------------------------

    async def add_article(
        self, info: SourceInfo, claims: Sequence[Claim], story: StoryLink | None = None
    ) -> IngestResult:
        return self._write(info.workspace, lambda ws, ids: self._ingest(ws, ids, info, claims, story=story))

    async def add_reviewed(
        self, info: SourceInfo, claims: Sequence[tuple[Claim, ClaimStatus]], actor: Actor
    ) -> IngestResult:
        require_moderator(actor, "import reviewed claims")
        plain = [claim for claim, _ in claims]
        statuses = [ClaimStatus(status) for _, status in claims]

        def tx(ws: _Workspace, ids: _Ids) -> IngestResult:
            result = self._ingest(ws, ids, info, plain, statuses)
            if result.created:
                detail = import_detail(result.source.id, info.url)
                for sc in result.claims:
                    audit(ws, ids, sc.id, actor, "import", None, sc.status, None, result.source.created_at,
                          detail=detail)
            return result

        return self._write(info.workspace, tx)

    def _ingest(
        self,
        ws: _Workspace,
        ids: _Ids,
        info: SourceInfo,
        claims: Sequence[Claim],
        statuses: Sequence[ClaimStatus] | None = None,
        *,
        story: StoryLink | None = None,
    ) -> IngestResult:
        earlier = _find_source(ws, info.text_hash or None, info.url)
        if earlier is not None:
            return IngestResult(source=earlier, created=False, claims=tuple(_claims_of(ws, earlier.id)),
                                stories=_stories_with_ids(ws, earlier.id))
        statuses = [ClaimStatus.UNREVIEWED] * len(claims) if statuses is None else statuses
        now = utc_now()
        source = StoredSource(id=ids.next("source"), info=normalised_info(info), created_at=now)
        ws.sources[source.id] = source
        if info.text_hash:
            ws.by_hash[info.text_hash] = source.id
        if info.url is not None:
            ws.by_url[info.url] = source.id
        stored = []
        for claim, status in zip(claims, statuses, strict=True):
            _check_row(claim)
            sc = StoredClaim(id=ids.next("claim"), claim=claim, source=source, status=status, created_at=now)
            ws.claims[sc.id] = sc
            _post(ws, sc.id, claim)
            stored.append(sc)
        ws.of_source[source.id] = tuple(sc.id for sc in stored)
        self._link_new_article(ws, ids, source, claims, story)
        return IngestResult(source=source, created=True, claims=tuple(stored),
                            stories=_stories_with_ids(ws, source.id))

    async def find_source(
        self, workspace: str, *, text_hash: str | None = None, url: str | None = None
    ) -> StoredSource | None:
        if not text_hash and not url:
            return None
        return _find_source(self._read(workspace), text_hash or None, url)

    async def get_source(self, workspace: str, source_id: int) -> StoredSource:
        found = self._read(workspace).sources.get(source_id)
        if found is None:
            raise NotFound(
                f"No source #{source_id} in {scope(workspace)}. Use /sources to list the articles stored here."
            )
        return found

    async def get_claim(self, workspace: str, claim_id: int) -> StoredClaim:
        found = self._read(workspace).claims.get(claim_id)
        if found is None:
            raise no_claim(workspace, claim_id)
        return found

    async def claims_of_source(self, workspace: str, source_id: int) -> list[StoredClaim]:
        return _claims_of(self._read(workspace), source_id)

    async def count_claims(self, workspace: str) -> int:
        return len(self._read(workspace).claims)

    # -- retrieval -------------------------------------------------------------------------------

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
            workspace, [CandidateQuery(measure, tuple(units), tuple(terms))],
            exclude_source_id=exclude_source_id, limit=limit,
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
        ws = self._read(workspace)
        out: list[list[StoredClaim]] = []
        for q in queries:
            units = list(dict.fromkeys(u for u in q.units if u))
            terms = list(dict.fromkeys(t for t in q.terms if t))
            if not units or not terms or limit < 1:
                out.append([])
                continue
            terms = terms[: max(1, MAX_POSTING_QUERIES // len(units))]
            ranked = self._gather_candidates(ws, q.measure, units, terms, exclude_source_id, limit)
            out.append([ws.claims[cid] for cid in ranked])
        return out

    def _gather_candidates(
        self, ws: _Workspace, measure: str, units: list[str], terms: list[str], exclude_source_id: int | None,
        limit: int,
    ) -> list[int]:
        """The best candidates' ids, best first: the algorithm of
        :meth:`storage.retrieval.RetrievalStore._gather_candidates` (capped postings, a leading
        common term read deeper, exact scores for claims reached through rare terms)."""
        cap = self.postings_cap
        g: list[tuple[int, str]] = []
        for term in terms:
            for unit in units:
                newest = ws.postings.get((measure, term, unit), ())[-cap:]
                g += [(cid, term) for cid in reversed(newest)]
        count: Counter[str] = Counter(term for _, term in g)
        oldest: dict[str, int] = {}
        for cid, term in g:
            oldest[term] = min(cid, oldest.get(term, cid))
        common = sorted((t for t in count if count[t] >= cap), key=lambda t: (oldest[t], t))
        depth = self.lead_depth if len(terms) > 1 else 0
        deep: set[int] = set()
        if common and depth:
            lead = sorted(
                (cid for unit in units for cid in ws.postings.get((measure, common[0], unit), ())), reverse=True
            )
            deep = set(lead[:depth])
        rare = {cid for cid, term in g if count[term] < cap} | deep
        wanted = set(terms)
        shared: dict[int, int] = {
            cid: len(wanted & {*ws.claims[cid].claim.subject_terms, *ws.claims[cid].claim.entities}) for cid in rare
        }
        reached: dict[int, set[str]] = {}
        for cid, term in g:
            if cid not in rare:
                reached.setdefault(cid, set()).add(term)
        shared.update((cid, len(found)) for cid, found in reached.items())
        if exclude_source_id is not None:
            shared = {cid: n for cid, n in shared.items() if ws.claims[cid].source.id != exclude_source_id}
        return sorted(shared, key=lambda cid: (-shared[cid], -cid))[:limit]

    async def search_claims(
        self,
        workspace: str,
        *,
        terms: Sequence[str],
        measure: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredClaim]:
        wanted = set(dict.fromkeys(t for t in terms if t))
        if not wanted or limit < 1:
            return []
        if offset < 0:
            raise InputError("The page offset cannot be negative.")
        found = [
            sc for sc in self._read(workspace).claims.values()
            if (wanted.intersection(sc.claim.subject_terms) or sc.claim.measure in wanted)
            and (measure is None or sc.claim.measure == measure)
        ]
        found.sort(key=_newest_report, reverse=True)
        return found[offset:offset + limit]

    async def outlets(self, workspace: str, prefix: str = "", limit: int = 25) -> list[str]:
        if limit < 1:
            return []
        ws = self._read(workspace)
        start = prefix.strip().lower()
        named = [s.info.outlet for s in ws.sources.values() if s.info.outlet is not None]
        named += [outlet for outlet, _ in ws.grades.values()]
        first: dict[str, str] = {}
        for outlet in named:
            key = outlet.lower()
            if key.startswith(start) and outlet.strip():
                first[key] = min(first.get(key, outlet), outlet)
        return [first[key] for key in sorted(first)][:limit]

    async def outlet_claims(
        self, workspace: str, outlet: str, *, limit: int = 10
    ) -> tuple[list[StoredClaim], dict[ClaimStatus, int]]:
        key = outlet.strip().lower()
        mine = [
            sc for sc in self._read(workspace).claims.values()
            if sc.source.info.outlet is not None and sc.source.info.outlet.lower() == key
        ]
        counts = Counter(sc.status for sc in mine)
        return list(reversed(mine))[: max(0, limit)], dict(counts)

    async def claim_choices(self, workspace: str, prefix: str = "", limit: int = 25) -> list[StoredClaim]:
        text = prefix.strip().lstrip("#").strip()
        if limit < 1:
            return []
        ws = self._read(workspace)
        chosen: dict[int, None] = {}
        if text.isdigit() and not text.startswith("0"):
            start = int(text)
            by_id = sorted((cid for cid in ws.claims if str(cid).startswith(text)), key=lambda c: (c != start, -c))
            chosen.update((cid, None) for cid in by_id[:limit])
        if len(chosen) < limit:
            newest = list(reversed(ws.claims.values()))
            if self.choice_scan is not None:
                newest = newest[: self.choice_scan]
            low = text.lower()
            rows = [
                sc.id for sc in newest
                if not text or low in sc.claim.subject.lower() or low in sc.claim.figure.text.lower()
            ][:limit]
            for cid in rows:
                if len(chosen) >= limit:
                    break
                chosen.setdefault(cid, None)
        return [ws.claims[cid] for cid in chosen]

    # -- stories -----------------------------------------------------------------------------------

    async def story_context(self, workspace: str, features: ArticleFeatures, *, window_days: int = 30) -> StoryContext:
        return _story_context(self._read(workspace), features, window_days)

    async def stories_of_source(self, workspace: str, source_id: int) -> list[Story]:
        return _stories_of_source(self._read(workspace), source_id)

    async def get_story(self, workspace: str, story_id: int) -> Story:
        return _get_story(self._read(workspace), story_id)

    async def find_stories(self, workspace: str, query: str, *, limit: int = 10) -> list[Story]:
        words = [w for w in re.findall(r"[\w'’-]+", query.lower()) if len(w) > 1][:8]
        if not words or limit < 1:
            return []
        found = [
            st for st in self._read(workspace).stories.values()
            if st.merged_into is None and st.n_articles > 0 and all(w in st.name.lower() for w in words)
        ]
        found.sort(key=lambda st: (st.last_day is not None, st.last_day or date.min, st.id), reverse=True)
        return found[:limit]

    async def story_source_ids(self, workspace: str, story_id: int, *, limit: int = 1000) -> list[int]:
        return _story_source_ids(self._read(workspace), story_id, limit)

    async def story_sources(self, workspace: str, story_id: int) -> list[StoredSource]:
        ws = self._read(workspace)
        return sorted((ws.sources[src] for sid, src in ws.links if sid == story_id), key=_publication_order)

    async def story_claims(
        self,
        workspace: str,
        story_ids: Sequence[int],
        *,
        measures: Sequence[str] | None = None,
        exclude_source_id: int | None = None,
        limit: int = 1000,
    ) -> list[StoredClaim]:
        return _story_claims(self._read(workspace), story_ids, measures=measures,
                             exclude_source_id=exclude_source_id, limit=limit)

    async def story_key_terms(self, workspace: str, story_ids: Sequence[int]) -> frozenset[str]:
        """The entity terms of the stories' titles and datelines (the places they are about)."""
        return _story_key_terms(self._read(workspace), story_ids)

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
        ws = self._read(workspace)
        seen = _find_source(ws, text_hash or None, url) if (text_hash or url) else None
        if seen is not None:
            assignment = Assignment((), new_name=features.name)
            stories = _stories_of_source(ws, seen.id)
            seen_claims = _claims_of(ws, seen.id)
        else:
            ctx = _story_context(ws, features, window_days)
            assignment = choose(ctx)
            by_id = {c.id: c for c in ctx.candidates}
            stories = [
                Story(id=sid, workspace=workspace, name=by_id[sid].name, first_day=by_id[sid].first_day,
                      last_day=by_id[sid].last_day, n_articles=by_id[sid].n_articles)
                for sid in assignment.story_ids if sid in by_id
            ]
            seen_claims = []
        story_ids = [st.id for st in stories]
        earlier = _story_claims(
            ws, story_ids, measures=list(measures), exclude_source_id=seen.id if seen else None, limit=limit,
            measure_words=measure_words,
            subject_words=subject_words,
            figures=figures,
        ) if measures and story_ids else []
        return CheckContext(
            seen=seen, seen_claims=tuple(seen_claims),
            stories=tuple(replace(st, source_ids=tuple(_story_source_ids(ws, st.id))) for st in stories),
            assignment=assignment, earlier=tuple(earlier), key_terms=_story_key_terms(ws, story_ids),
            grades=_grades(ws),
        )

    def _link_new_article(
        self, ws: _Workspace, ids: _Ids, source: StoredSource, claims: Sequence[Claim], link: StoryLink | None
    ) -> None:
        """Link a just-stored source to its stories (the engine's assignment when none is given)."""
        if link is None:
            feats = stored_features(source.info, claims, source_day(source.info, source.created_at))
            ctx = _story_context(ws, feats, self.story_policy.window_days)
            assignment = assign(feats, ctx.candidates, ctx.df, ctx.n_docs, self.story_policy)
        else:
            feats, assignment = link.features, link.assignment
        day = feats.day or source_day(source.info, source.created_at)
        now = utc_now()
        chosen: dict[int, float | None] = {}
        scores: Iterable[float | None] = assignment.scores or [None] * len(assignment.story_ids)
        for sid, score in zip(assignment.story_ids, scores, strict=False):
            st = ws.stories.get(sid)
            while st is not None and st.merged_into is not None:  # merged since it was chosen
                st = ws.stories.get(st.merged_into)
            if st is not None:
                chosen.setdefault(st.id, score)
        if not chosen:
            chosen[_new_story(ws, ids, assignment.new_name or feats.name, now)] = None
        ws.article_terms[source.id] = (dict(feats.terms), frozenset(feats.key_terms))
        for sid, score in chosen.items():
            ws.links.setdefault((sid, source.id), score)
        ws.index.add(replace(feats, day=day), Assignment(tuple(chosen)))
        for sid in chosen:
            first, last = ws.index.spans[sid]
            st = ws.stories[sid]
            ws.stories[sid] = replace(st, first_day=first, last_day=last, n_articles=st.n_articles + 1)

    async def move_article(
        self, workspace: str, source_id: int, story_id: int | None, actor: Actor, reason: str
    ) -> Story:
        require_moderator(actor, "move articles between stories")

        def tx(ws: _Workspace, ids: _Ids) -> Story:
            src = ws.sources.get(source_id)
            if src is None:
                raise no_article(source_id)
            before = sorted(sid for sid, s in ws.links if s == source_id)
            now = utc_now()
            if story_id is None:
                target = _new_story(ws, ids, moved_story_name(src.info.title, source_id), now)
            else:
                target = _get_story(ws, story_id).id
            if before == [target]:
                return _get_story(ws, target)
            for sid in before:
                del ws.links[(sid, source_id)]
            ws.links[(target, source_id)] = None
            for sid in sorted({*before, target}):
                _rebuild_story(ws, sid)
            audit(ws, ids, None, actor, "story_move", None, None, reason_text(reason), now,
                  detail=story_move_detail(source_id, before, target))
            return _get_story(ws, target)

        return self._write(workspace, tx)

    async def merge_stories(self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str) -> Story:
        require_moderator(actor, "merge stories")

        def tx(ws: _Workspace, ids: _Ids) -> Story:
            keep = _get_story(ws, keep_id)
            gone = _get_story(ws, merge_id)
            check_story_merge(keep_id, merge_id, keep.id, gone.id)
            moved = [src for sid, src in ws.links if sid == gone.id]
            for src in moved:
                ws.links.setdefault((keep.id, src), None)
                del ws.links[(gone.id, src)]
            _drop_from_index(ws.index, gone.id)
            now = utc_now()
            ws.stories[gone.id] = replace(gone, merged_into=keep.id, n_articles=0)
            _rebuild_story(ws, keep.id)
            audit(ws, ids, None, actor, "story_merge", None, None, reason_text(reason), now,
                  detail=story_merge_detail(gone, keep, len(moved)))
            return _get_story(ws, keep.id)

        return self._write(workspace, tx)

    async def split_story(
        self, workspace: str, story_id: int, source_ids: Sequence[int], actor: Actor, reason: str
    ) -> Story:
        require_moderator(actor, "split stories")
        wanted = split_ids(source_ids)

        def tx(ws: _Workspace, ids: _Ids) -> Story:
            story = _get_story(ws, story_id)
            check_split(story.id, wanted, {src for sid, src in ws.links if sid == story.id})
            now = utc_now()
            first = ws.sources.get(wanted[0])
            new_id = _new_story(ws, ids, split_story_name(first.info.title if first else None, story.id), now)
            for src in wanted:
                del ws.links[(story.id, src)]
                ws.links[(new_id, src)] = None
            _rebuild_story(ws, story.id)
            _rebuild_story(ws, new_id)
            audit(ws, ids, None, actor, "story_split", None, None, reason_text(reason), now,
                  detail=story_split_detail(story.id, wanted, new_id))
            return _get_story(ws, new_id)

        return self._write(workspace, tx)

    async def backfill_stories(self) -> int:
        """Nothing to link: every article of this store was linked when it was stored."""
        self._check_open()
        return 0

    # -- watched channels and catching up -------------------------------------------------------------

    async def add_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        require_moderator(actor, "choose the watched channels")

        def tx(ws: _Workspace, ids: _Ids) -> bool:
            if channel_id in ws.watches:
                return False
            now = utc_now()
            ws.watches[channel_id] = WatchedChannel(workspace, channel_id, actor.name, now)
            audit(ws, ids, None, actor, "watch", None, None, f"channel {channel_id}", now)
            return True

        return self._write(workspace, tx)

    async def remove_watch(self, workspace: str, channel_id: int, actor: Actor) -> bool:
        require_moderator(actor, "choose the watched channels")

        def tx(ws: _Workspace, ids: _Ids) -> bool:
            if ws.watches.pop(channel_id, None) is None:
                return False
            audit(ws, ids, None, actor, "unwatch", None, None, f"channel {channel_id}", utc_now())
            return True

        return self._write(workspace, tx)

    async def list_watches(self, workspace: str) -> list[WatchedChannel]:
        return sorted(self._read(workspace).watches.values(), key=lambda w: (w.added_at, w.channel_id))

    async def channel_cursor(self, workspace: str, channel_id: int) -> int | None:
        return self._read(workspace).cursors.get(channel_id)

    async def advance_cursor(self, workspace: str, channel_id: int, message_id: int) -> None:
        self._write(workspace, lambda ws, ids: _advance(ws, channel_id, message_id))

    async def handled_message(self, workspace: str, message_id: int) -> HandledMessage | None:
        return self._read(workspace).handled.get(message_id)

    async def mark_handled(
        self, workspace: str, channel_id: int, message_id: int, *,
        edited_at: datetime | None, reply_id: int | None,
    ) -> None:
        def tx(ws: _Workspace, ids: _Ids) -> None:
            old = ws.handled.get(message_id)
            ws.handled[message_id] = HandledMessage(
                workspace=workspace,
                channel_id=old.channel_id if old is not None else channel_id,
                message_id=message_id,
                edited_at=as_utc(edited_at) if edited_at else None,
                reply_id=reply_id if reply_id is not None else (old.reply_id if old is not None else None),
                handled_at=utc_now(),
            )
            _advance(ws, channel_id, message_id)

        self._write(workspace, tx)

    # -- curation ----------------------------------------------------------------------------------

    async def set_status(
        self, workspace: str, claim_id: int, status: ClaimStatus, actor: Actor, reason: str
    ) -> StoredClaim:
        require_moderator(actor, "change a claim's status")
        status = ClaimStatus(status)

        def tx(ws: _Workspace, ids: _Ids) -> StoredClaim:
            sc = _claim(ws, workspace, claim_id)
            ws.claims[claim_id] = after = replace(sc, status=status)
            audit(ws, ids, claim_id, actor, "set_status", sc.status, status, reason_text(reason), utc_now())
            return after

        return self._write(workspace, tx)

    async def edit_claim(
        self, workspace: str, claim_id: int, edit: ClaimEdit, actor: Actor, reason: str
    ) -> StoredClaim:
        require_moderator(actor, "correct a claim")
        edit = checked_edit(edit)

        def tx(ws: _Workspace, ids: _Ids) -> StoredClaim:
            sc = _claim(ws, workspace, claim_id)
            after, changes = edited(sc.claim, edit)
            if not changes:
                return sc
            _check_row(after)
            if retrieval_changed(sc.claim, after):
                _unpost(ws, claim_id, sc.claim)
                _post(ws, claim_id, after)
            ws.claims[claim_id] = changed = replace(sc, claim=after)
            audit(ws, ids, claim_id, actor, "edit", None, None, reason_text(reason), utc_now(),
                  detail="; ".join(changes))
            return changed

        return self._write(workspace, tx)

    async def merge_claims(
        self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str
    ) -> StoredClaim:
        require_moderator(actor, "merge claims")
        check_merge(keep_id, merge_id)
        merged_detail, kept_detail = merge_details(keep_id, merge_id)

        def tx(ws: _Workspace, ids: _Ids) -> StoredClaim:
            keep = _claim(ws, workspace, keep_id)
            dup = _claim(ws, workspace, merge_id)
            now = utc_now()
            why = reason_text(reason)
            ws.claims[merge_id] = replace(dup, status=ClaimStatus.SUPERSEDED)
            audit(ws, ids, merge_id, actor, "merge", dup.status, ClaimStatus.SUPERSEDED, why, now,
                  detail=merged_detail)
            audit(ws, ids, keep_id, actor, "merge", None, None, why, now, detail=kept_detail)
            return keep

        return self._write(workspace, tx)

    async def delete_claim(self, workspace: str, claim_id: int, actor: Actor, reason: str) -> None:
        require_moderator(actor, "delete claims")

        def tx(ws: _Workspace, ids: _Ids) -> None:
            gone = _claim(ws, workspace, claim_id)
            del ws.claims[claim_id]
            _unpost(ws, claim_id, gone.claim)
            ws.of_source[gone.source.id] = tuple(c for c in ws.of_source[gone.source.id] if c != claim_id)
            audit(ws, ids, claim_id, actor, "delete", gone.status, None, reason_text(reason), utc_now(),
                  detail=snapshot(gone))

        self._write(workspace, tx)

    async def audit_entries(
        self, workspace: str, *, claim_id: int | None = None, limit: int = 50
    ) -> list[AuditEntry]:
        if limit < 1:
            return []
        entries = self._read(workspace).audit
        return [e for e in reversed(entries) if claim_id is None or e.claim_id == claim_id][:limit]

    async def set_grade(self, workspace: str, outlet: str, grade: str, actor: Actor, reason: str) -> None:
        require_moderator(actor, "grade outlets")
        name, key, wanted = checked_grade(outlet, grade)

        def tx(ws: _Workspace, ids: _Ids) -> None:
            before = ws.grades.get(key)
            ws.grades[key] = (name, wanted)
            audit(ws, ids, None, actor, "grade", None, None, reason_text(reason), utc_now(),
                  detail=grade_detail(name, before[1] if before is not None else None, wanted))

        self._write(workspace, tx)

    async def grades(self, workspace: str) -> dict[str, str]:
        return _grades(self._read(workspace))

    async def get_setting(self, workspace: str, key: str) -> str | None:
        return self._read(workspace).settings.get(key)

    async def set_setting(self, workspace: str, key: str, value: str | None, actor: Actor) -> None:
        require_moderator(actor, "change this server's settings")
        check_setting_key(key)

        def tx(ws: _Workspace, ids: _Ids) -> None:
            before = ws.settings.get(key)
            if before == value:
                return
            if value is None:
                del ws.settings[key]
            else:
                ws.settings[key] = value
            audit(ws, ids, None, actor, "setting", None, None, None, utc_now(),
                  detail=setting_detail(key, before, value))

        self._write(workspace, tx)

    # -- export and migration ----------------------------------------------------------------------

    async def iter_claims(
        self, workspace: str, *, statuses: Sequence[ClaimStatus] | None = None, batch: int = ITER_BATCH
    ) -> AsyncIterator[StoredClaim]:
        """Every claim of the workspace (or those with one of ``statuses``), oldest first, ``batch`` at a
        time, each page after the last id seen: claims stored meanwhile are seen, deleted ones not."""
        if batch < 1:
            raise ValueError("batch must be at least 1")
        batch = min(batch, MAX_ITER_BATCH)
        wanted = None if statuses is None else {ClaimStatus(s) for s in statuses}
        if wanted is not None and not wanted:
            return
        after = 0
        while True:
            page: list[StoredClaim] = []
            for cid, sc in self._read(workspace).claims.items():
                if cid > after and (wanted is None or sc.status in wanted):
                    page.append(sc)
                    if len(page) == batch:
                        break
            for sc in page:
                yield sc
            if len(page) < batch:
                return
            after = page[-1].id

    async def workspaces(self) -> list[str]:
        self._check_open()
        return sorted(name for name, ws in self._spaces.items() if ws.has_data())


# -- the audit log ----------------------------------------------------------------------------------


def audit(
    ws: _Workspace,
    ids: _Ids,
    claim_id: int | None,
    actor: Actor,
    action: str,
    old_status: ClaimStatus | None,
    new_status: ClaimStatus | None,
    reason: str | None,
    at: datetime,
    *,
    detail: str | None = None,
) -> None:
    """Append one entry to the workspace's audit log (the change it records is in the same write)."""
    ws.audit.append(AuditEntry(
        id=ids.next("audit"), workspace=ws.name,
        claim_id=claim_id, actor=actor.name, actor_id=actor.user_id, action=action, old_status=old_status,
        new_status=new_status, reason=reason, at=at, detail=detail,
    ))


# -- rows: what the SQL stores' constraints refuse ----------------------------------------------------


def _check_row(claim: Claim) -> None:
    """ValueError for a claim the SQL schema's CHECK and NOT NULL constraints refuse (as an IntegrityError)."""
    fig = claim.figure
    problems = [
        (claim.start < 0 or claim.figure_start < 0, "offsets are negative"),
        (claim.end < claim.start, "the sentence ends before it starts"),
        (claim.figure_end < claim.figure_start, "the figure ends before it starts"),
        (fig.low is not None and fig.high is not None and fig.low > fig.high, "the figure's low is above its high"),
        (not fig.unit or not claim.measure, "the unit or the measure is empty"),
        (claim.sentence is None or claim.subject is None or fig.text is None, "a required text is missing"),
    ]
    for broken, why in problems:
        if broken:
            raise ValueError(f"the claim store refused a claim: {why} ({claim.sentence[:60]!r})")


# -- reading state ---------------------------------------------------------------------------------------


def _find_source(ws: _Workspace, text_hash: str | None, url: str | None) -> StoredSource | None:
    """The first stored source with this text hash or this URL (the SQL stores' ``ORDER BY id LIMIT 1``)."""
    found = [i for i in (ws.by_hash.get(text_hash) if text_hash else None,
                         ws.by_url.get(url) if url is not None else None) if i is not None]
    return ws.sources[min(found)] if found else None


def _claim(ws: _Workspace, workspace: str, claim_id: int) -> StoredClaim:
    found = ws.claims.get(claim_id)
    if found is None:
        raise no_claim(workspace, claim_id)
    return found


def _claims_of(ws: _Workspace, source_id: int) -> list[StoredClaim]:
    return [ws.claims[cid] for cid in ws.of_source.get(source_id, ())]


def _grades(ws: _Workspace) -> dict[str, str]:
    return {key: ws.grades[key][1] for key in sorted(ws.grades)}


def _newest_report(sc: StoredClaim) -> tuple[bool, date, datetime, int]:
    """Sorted in reverse: dated reports newest first, then undated; then newest stored, highest id."""
    published = sc.source.info.published
    created = sc.created_at or sc.source.created_at
    return (published is not None, published or date.min, created, sc.id)


def _publication_order(src: StoredSource) -> tuple[bool, date, datetime, int]:
    """Oldest first by publication date (undated last), then storage."""
    return (src.info.published is None, src.info.published or date.min, src.created_at, src.id)


# -- retrieval postings -------------------------------------------------------------------------------------


def _posting_keys(claim: Claim) -> list[_PostingKey]:
    """One key per subject term and entity, as :func:`storage.rows.term_rows` writes claim_terms."""
    return [(claim.measure, term, claim.figure.unit) for term in (*claim.subject_terms, *claim.entities)]


def _post(ws: _Workspace, claim_id: int, claim: Claim) -> None:
    for key in _posting_keys(claim):
        ids = list(ws.postings.get(key, ()))
        insort(ids, claim_id)
        ws.postings[key] = tuple(ids)


def _unpost(ws: _Workspace, claim_id: int, claim: Claim) -> None:
    for key in dict.fromkeys(_posting_keys(claim)):
        left = tuple(cid for cid in ws.postings.get(key, ()) if cid != claim_id)
        if left:
            ws.postings[key] = left
        else:
            ws.postings.pop(key, None)


def _advance(ws: _Workspace, channel_id: int, message_id: int) -> None:
    ws.cursors[channel_id] = max(message_id, ws.cursors.get(channel_id, message_id))


# -- stories -----------------------------------------------------------------------------------------------


def _story_context(ws: _Workspace, feats: ArticleFeatures, window_days: int) -> StoryContext:
    """The engine's story index answers (:meth:`MemoryStories.candidates`, within ``window_days``);
    the store ranks its candidates by the IDF of the terms that reached them and keeps
    :data:`~storage.stories.MAX_CANDIDATES`, as the SQL stores do."""
    index = ws.index
    df = {t: index.df[t] for t in feats.terms if index.df.get(t, 0) > 0}
    n_docs = index.n_docs
    wanted = query_terms(feats, df)
    if not wanted:
        return StoryContext(n_docs, df, ())
    found = replace(index, policy=replace(index.policy, window_days=window_days)).candidates(feats)
    hits = {c.id: sum(idf(df[t], n_docs) for t in wanted if c.id in index.index.get(t, ())) for c in found}
    ranked = sorted(found, key=lambda c: (-hits[c.id], -c.id))[:MAX_CANDIDATES]
    return StoryContext(n_docs, df, tuple(replace(c, n_articles=ws.stories[c.id].n_articles) for c in ranked))


def _get_story(ws: _Workspace, story_id: int) -> Story:
    """The story, or the one it was merged into. Raises NotFound."""
    seen: set[int] = set()
    while True:
        st = ws.stories.get(story_id)
        if st is None:
            raise no_story(story_id)
        if st.merged_into is None or st.merged_into in seen:
            return st
        seen.add(st.id)
        story_id = st.merged_into


def _stories_of_source(ws: _Workspace, source_id: int) -> list[Story]:
    """The source's stories, best link first (a moderator's links last), then by id."""
    linked = [(score, sid) for (sid, src), score in ws.links.items() if src == source_id]
    linked.sort(key=lambda pair: (pair[0] is None, -(pair[0] or 0.0), pair[1]))
    return [ws.stories[sid] for _, sid in linked]


def _stories_with_ids(ws: _Workspace, source_id: int) -> tuple[Story, ...]:
    return tuple(replace(st, source_ids=tuple(_story_source_ids(ws, st.id)))
                 for st in _stories_of_source(ws, source_id))


def _story_source_ids(ws: _Workspace, story_id: int, limit: int = 1000) -> list[int]:
    return sorted((src for sid, src in ws.links if sid == story_id), reverse=True)[:limit]


def _story_claims(
    ws: _Workspace,
    story_ids: Sequence[int],
    *,
    measures: Sequence[str] | None,
    exclude_source_id: int | None,
    limit: int,
    measure_words: Sequence[str] = (),
    subject_words: Sequence[str] = (),
    figures: Sequence[float] = (),
) -> list[StoredClaim]:
    wanted_stories = set(story_ids)
    if not wanted_stories or limit < 1 or (measures is not None and not measures):
        return []
    sources = {src for sid, src in ws.links if sid in wanted_stories}
    if exclude_source_id is not None:
        sources.discard(exclude_source_id)
    wanted = None if measures is None else set(measures)
    words = [w.lower() for w in measure_words]
    things = [w.lower() for w in subject_words]
    out: list[StoredClaim] = []
    others: list[StoredClaim] = []  # other names of the same things: their own limit, as in SQL
    alike: list[StoredClaim] = []  # the same things named by another event: their own limit too
    values = {float(v) for v in figures}
    echoes: list[StoredClaim] = []  # the same number in other words: their own limit too
    for sc in reversed(ws.claims.values()):
        if sc.source.id not in sources:
            continue
        if wanted is None or sc.claim.measure in wanted:
            if len(out) < limit:
                out.append(sc)
            continue
        if words and len(others) < limit and any(w in sc.claim.measure.lower() for w in words):
            others.append(sc)
        if things and len(alike) < limit and any(w in sc.claim.subject.lower() for w in things):
            alike.append(sc)
        if values and len(echoes) < limit and {sc.claim.figure.low, sc.claim.figure.high} & values:
            echoes.append(sc)
    return sorted({sc.id: sc for sc in (*out, *others, *alike, *echoes)}.values(), key=lambda sc: sc.id,
                  reverse=True)


def _story_key_terms(ws: _Workspace, story_ids: Sequence[int]) -> frozenset[str]:
    wanted = set(story_ids)
    return frozenset(
        term for sid, src in ws.links if sid in wanted for term in ws.article_terms.get(src, ({}, frozenset()))[1]
    )


def _new_story(ws: _Workspace, ids: _Ids, name: str, now: datetime) -> int:
    """A story with no article yet, in the store and in the story index."""
    sid = ids.next("story")
    ws.stories[sid] = Story(id=sid, workspace=ws.name, name=name, n_articles=0, created_at=now)
    index = ws.index
    index.weights[sid] = Counter()
    index.spans[sid] = (None, None)
    index.names[sid] = name
    index.keys[sid] = set()
    return sid


def _drop_from_index(index: MemoryStories, sid: int) -> None:
    """The story leaves the index (its terms lead to it no more)."""
    for term in index.weights.get(sid, ()):
        holders = index.index.get(term)
        if holders is not None:
            holders.discard(sid)
            if not holders:
                del index.index[term]
    index.weights[sid] = Counter()
    index.keys[sid] = set()


def _rebuild_story(ws: _Workspace, sid: int) -> None:
    """Recompute a story's terms, places, span and count from its articles' own terms (after curation)."""
    index = ws.index
    _drop_from_index(index, sid)
    sources = [ws.sources[src] for story, src in ws.links if story == sid]
    weights: Counter[str] = Counter()
    keys: set[str] = set()
    for src in sources:
        terms, key_terms = ws.article_terms.get(src.id, ({}, frozenset()))
        weights.update(terms)
        keys |= key_terms
    index.weights[sid] = weights
    index.keys[sid] = keys
    for term in weights:
        index.index.setdefault(term, set()).add(sid)
    days = [d for d in (source_day(s.info, s.created_at) for s in sources) if d is not None]
    first, last = (min(days), max(days)) if days else (None, None)
    index.spans[sid] = (first, last)
    ws.stories[sid] = replace(ws.stories[sid], n_articles=len(sources), first_day=first, last_day=last)

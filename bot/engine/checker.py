"""Claims -> candidates from the store -> verdicts: the engine's async half.

``Checker`` is what the CLI, the bot and the tests drive: it reads an article
(in the NLP worker), asks the store for candidate earlier claims, judges each
claim, and stores the article when asked to. It knows the store only through
``ClaimStore``; it imports neither ``storage`` nor discord.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from collections import OrderedDict
from datetime import date, datetime, timezone

from .measures import MeasureVocab
from .protocol import ClaimStore, StoryLink
from .stories import Assignment, StoryPolicy, assign, features
from .subjects import subject_terms
from .errors import InputError, NotFound
from .types import (
    Article, ArticleReport, Claim, ClaimCheck, DossierRow, SourceInfo, Story, StoryDossier, StoredClaim,
)
from .units import unit_info
from .verdicts import VerdictPolicy, _measure_key, judge
from .worker import NlpWorker


#: claims read for one dossier
DOSSIER_CLAIMS = 2_000


class Checker:
    def __init__(self, worker: NlpWorker, store: ClaimStore, policy: VerdictPolicy, *,
                 candidate_limit: int = 200, story_policy: StoryPolicy | None = None) -> None:
        self.worker = worker
        self.store = store
        self.policy = policy
        self.candidate_limit = candidate_limit
        self.story_policy = story_policy or StoryPolicy()

    @classmethod
    def from_settings(cls, worker: NlpWorker, store: ClaimStore, settings) -> "Checker":  # noqa: ANN001
        """The checker a running crosscheck uses: policy and candidate limit from the settings."""
        return cls(worker, store, cls.policy_from(settings, worker.engine.vocab),
                   candidate_limit=settings.candidate_limit)

    @classmethod
    def policy_from(cls, settings, vocab: MeasureVocab) -> VerdictPolicy:  # noqa: ANN001
        return VerdictPolicy(
            threshold=settings.subject_threshold,
            tolerance=settings.approx_tolerance,
            rising_measures=vocab.rising,
        )

    async def read(self, text: str, source: SourceInfo | None = None) -> Article:
        return await self.worker.read(text, source)

    async def check(self, article: Article, *, save: bool = False, store_empty: bool = True) -> ArticleReport:
        """Verdicts for every claim of the article; stores it too when ``save`` (and when it holds
        claims, unless ``store_empty``)."""
        claims = await self.worker.extract(article)
        return await self.check_claims(article, claims, save=save, store_empty=store_empty)

    async def check_claims(self, article: Article, claims: list[Claim], *, save: bool = False,
                           store_empty: bool = True) -> ArticleReport:
        """Verdicts for claims already extracted from ``article``, against the claims of its story.

        1. The article's story: features (pure, off the event loop), candidate
           stories and document frequencies from the store's inverted index,
           then :func:`bot.engine.stories.assign`. An article stored before
           keeps the stories it is in.
        2. The earlier claims of those stories with the article's measures,
           and a verdict for each claim (off the event loop).
        3. With ``save``, only then the article, its claims and its story
           links in one transaction: an article is stored with its report or
           not at all, and a rerun after a failure checks it again or says it
           was seen before.
        """
        info = article.source
        workspace = info.workspace
        seen = await self.store.find_source(workspace, text_hash=info.text_hash or None, url=info.url)
        published = info.published or (info.posted_at.date() if info.posted_at else None) or _today()
        feats = await asyncio.to_thread(
            features, article.text, title=info.title, published=published, claims=claims
        )
        assignment = Assignment((), new_name=feats.name)
        if seen is not None:
            stories = await self.store.stories_of_source(workspace, seen.id)
        else:
            ctx = await self.store.story_context(workspace, feats, window_days=self.story_policy.window_days)
            assignment = assign(feats, ctx.candidates, ctx.df, ctx.n_docs, self.story_policy)
            by_id = {c.id: c for c in ctx.candidates}
            stories = [
                Story(id=sid, workspace=workspace, name=by_id[sid].name, first_day=by_id[sid].first_day,
                      last_day=by_id[sid].last_day, n_articles=by_id[sid].n_articles)
                for sid in assignment.story_ids
            ]
        story_ids = [st.id for st in stories]
        own_id = seen.id if seen else None
        measures = list(dict.fromkeys(c.measure for c in claims))
        earlier = await self.store.story_claims(
            workspace, story_ids, measures=measures, exclude_source_id=own_id, limit=self.candidate_limit * 5
        ) if claims and story_ids else []
        keys = await self.store.story_key_terms(workspace, story_ids) if story_ids else frozenset()
        places = frozenset(t[2:] for t in (*keys, *feats.key_terms))
        spans = [(st.last_day - st.first_day).days for st in stories if st.first_day and st.last_day]
        story_days = max(spans) if spans else 0  # how long the event has run, by its stored reports
        checks = await asyncio.to_thread(
            self._judge_all, claims, earlier, published, own_id, info.text_hash or None, places, story_days
        )
        stored = None
        if save and seen is None and (claims or store_empty):
            result = await self.store.add_article(info, claims, StoryLink(feats, assignment))
            if result.created:
                stored = result.source
                stories = await self.store.stories_of_source(workspace, stored.id)
            else:  # stored meanwhile by another process: report it as seen before
                seen = result.source
        if not stories:
            stories = [Story(id=0, workspace=workspace, name=feats.name, first_day=published, last_day=published)]
        else:
            stories = [replace(st, source_ids=tuple(await self.store.story_source_ids(workspace, st.id)))
                       for st in stories]
        return ArticleReport(source=info, checks=tuple(checks), seen_before=seen, stored=stored,
                             stories=tuple(stories))

    def _judge_all(self, claims, earlier, published, own_id, own_hash, places,  # noqa: ANN001
                   story_days: int | None = None) -> list[ClaimCheck]:
        by_measure: dict[str, list[StoredClaim]] = {}
        for sc in earlier:
            by_measure.setdefault(_measure_key(sc.claim.measure), []).append(sc)
        return [
            judge(claim, by_measure.get(_measure_key(claim.measure), []), policy=self.policy, published=published,
                  own_source_id=own_id, own_text_hash=own_hash, story_places=places, story_days=story_days)
            for claim in claims
        ]

    async def find_story(self, workspace: str, query: str) -> Story:
        """A story by id ("12", "#12") or by words of its name (the newest that has them all)."""
        text = query.strip()
        if not text:
            raise InputError("Name a story: its id (as in `story 12`) or words from its name.")
        if text.lstrip("#").isdigit():
            return await self.store.get_story(workspace, int(text.lstrip("#")))
        found = await self.store.find_stories(workspace, text, limit=1)
        if not found:
            raise NotFound(f"No story named with “{text}” here. Try fewer words, or a story id from a check's reply.")
        return found[0]

    async def dossier(self, workspace: str, query: str, *, limit: int = DOSSIER_CLAIMS) -> StoryDossier:
        """The story dossier: its articles (oldest first) and one row per measure, newest report first.

        Rows are ordered by their newest report; retracted and not-a-claim
        claims are left out.
        """
        story = await self.find_story(workspace, query)
        sources = await self.store.story_sources(workspace, story.id)
        claims = await self.store.story_claims(workspace, [story.id], limit=limit)
        return build_dossier(story, sources, claims)

    async def sources(self, workspace: str, query: str, *, limit: int = 50, offset: int = 0,
                      vocab: MeasureVocab | None = None) -> "OrderedDict[str, list[StoredClaim]]":
        """Stored claims about a topic, grouped by measure (groups and claims newest first)."""
        terms = list(subject_terms(query))
        words = re.findall(r"[a-z]+", query.lower())
        if vocab is not None:
            for w in words:
                lemma = w[:-1] if w.endswith("s") and w[:-1] in vocab.by_noun else w
                name = vocab.by_noun.get(lemma) or vocab.by_verb.get(lemma) or vocab.by_adjective.get(w)
                if name and name not in terms:
                    terms.append(name)
                if w in vocab.measures and w not in terms:
                    terms.append(w)
        found = await self.store.search_claims(workspace, terms=terms, limit=limit, offset=offset)
        groups: OrderedDict[str, list[StoredClaim]] = OrderedDict()
        for sc in found:
            groups.setdefault(sc.claim.measure, []).append(sc)
        return groups


def build_dossier(story: Story, sources, claims) -> StoryDossier:  # noqa: ANN001
    """Group a story's claims by measure and unit family, newest report first (pure)."""
    rows: dict[tuple[str, str], list[StoredClaim]] = {}
    for sc in claims:
        if not sc.status.can_be_evidence:
            continue
        key = (_measure_key(sc.claim.measure), unit_info(sc.claim.figure.unit).family)
        rows.setdefault(key, []).append(sc)

    def newest(sc: StoredClaim) -> tuple:
        info = sc.source.info
        day = info.published or (info.posted_at.date() if info.posted_at else None) or sc.source.created_at.date()
        return (day, sc.id)

    out = []
    for group in rows.values():
        group.sort(key=newest, reverse=True)
        out.append(DossierRow(measure=group[0].claim.measure, unit=group[0].claim.figure.unit, claims=tuple(group)))
    out.sort(key=lambda r: (newest(r.claims[0]), len(r.claims)), reverse=True)
    return StoryDossier(story=story, sources=tuple(sources), rows=tuple(out))


def _today() -> date:
    return datetime.now(timezone.utc).date()

"""Claims -> candidates from the store -> verdicts: the engine's async half.

``Checker`` is what the CLI, the bot and the tests drive: it reads an article
(in the NLP worker), asks the store for candidate earlier claims, judges each
claim, and stores the article when asked to. It knows the store only through
``ClaimStore``; it imports neither ``storage`` nor discord.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict
from datetime import date, datetime, timezone

from .measures import MeasureVocab
from .protocol import CandidateQuery, ClaimStore
from .subjects import subject_terms
from .types import Article, ArticleReport, Claim, ClaimCheck, SourceInfo, StoredClaim
from .units import compatible_units
from .verdicts import VerdictPolicy, judge
from .worker import NlpWorker


class Checker:
    def __init__(self, worker: NlpWorker, store: ClaimStore, policy: VerdictPolicy, *,
                 candidate_limit: int = 200) -> None:
        self.worker = worker
        self.store = store
        self.policy = policy
        self.candidate_limit = candidate_limit

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

    async def check(self, article: Article, *, save: bool = False) -> ArticleReport:
        """Verdicts for every claim of the article; stores it too when ``save``."""
        claims = await self.worker.extract(article)
        return await self.check_claims(article, claims, save=save)

    async def check_claims(self, article: Article, claims: list[Claim], *, save: bool = False) -> ArticleReport:
        """Candidates from the store and verdicts for claims already extracted from ``article``."""
        info = article.source
        seen = await self.store.find_source(info.workspace, text_hash=info.text_hash or None, url=info.url)
        stored = None
        if save:
            result = await self.store.add_article(info, claims)
            if result.created:
                stored = result.source
            else:
                seen = result.source
        own_id = stored.id if stored else (seen.id if seen else None)
        published = info.published or (info.posted_at.date() if info.posted_at else None) or _today()
        queries = [
            CandidateQuery(claim.measure, tuple(compatible_units(claim.figure.unit)), tuple(claim.subject_terms))
            for claim in claims
        ]
        found = await self.store.candidates_many(
            info.workspace, queries, exclude_source_id=own_id, limit=self.candidate_limit
        ) if claims else []
        pairs = list(zip(claims, found, strict=True))
        # judging is pure CPU work (fuzzy matching over every candidate): off the event loop
        checks = await asyncio.to_thread(self._judge_all, pairs, published, own_id, info.text_hash or None)
        return ArticleReport(source=info, checks=tuple(checks), seen_before=seen, stored=stored)

    def _judge_all(self, pairs, published, own_id, own_hash) -> list[ClaimCheck]:  # noqa: ANN001
        return [
            judge(claim, candidates, policy=self.policy, published=published, own_source_id=own_id,
                  own_text_hash=own_hash)
            for claim, candidates in pairs
        ]

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


def _today() -> date:
    return datetime.now(timezone.utc).date()

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
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from .errors import InputError, NotFound
from .measures import MeasureVocab
from .protocol import ClaimStore, StoryLink
from .stories import StoryPolicy, assign, features
from .subjects import subject_terms
from .types import (
    Article,
    ArticleReport,
    Claim,
    ClaimCheck,
    DossierRow,
    SourceInfo,
    StoredClaim,
    Story,
    StoryDossier,
)
from .units import unit_info
from .verdicts import (
    VerdictPolicy,
    _measure_key,
    distinctive,
    explained_rise,
    is_increment,
    judge,
    less_specific,
    measure_stem,
    thing_stem,
)
from .worker import NlpWorker

#: claims read for one dossier
DOSSIER_CLAIMS = 2_000


def worth_storing(claims: Sequence[Claim]) -> bool:
    """The one rule for what is stored, the same for the bot and the command line: an article is
    stored when it holds at least one claim. An article without figures adds nothing a later check
    could be compared with, and long chat in a watched channel does not fill the newsroom's store."""
    return bool(claims)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """A check's report, the stored claims behind it and the outlet grades its reply shows."""

    report: ArticleReport
    #: the article's stored claims (their ids draw the verdict controls): stored now, or by the copy
    #: stored before when storing was asked for; empty otherwise
    claims: tuple[StoredClaim, ...] = ()
    #: the workspace's outlet grades (outlet key -> grade)
    grades: Mapping[str, str] = field(default_factory=dict)



class Checker:
    def __init__(self, worker: NlpWorker, store: ClaimStore, policy: VerdictPolicy, *,
                 candidate_limit: int = 200, story_policy: StoryPolicy | None = None,
                 named_measures: Collection[str] = ()) -> None:
        self.worker = worker
        self.store = store
        self.policy = policy
        #: the vocabulary's measure names: a name it gives is never read as another name of a thing
        self.named_measures = frozenset(_measure_key(n) for n in named_measures)
        self.candidate_limit = candidate_limit
        self.story_policy = story_policy or StoryPolicy()

    @classmethod
    def from_settings(cls, worker: NlpWorker, store: ClaimStore, settings) -> Checker:  # noqa: ANN001
        """The checker a running crosscheck uses: policy and candidate limit from the settings."""
        return cls(worker, store, cls.policy_from(settings, worker.engine.vocab),
                   candidate_limit=settings.candidate_limit, named_measures=worker.engine.vocab.measures)

    @classmethod
    def policy_from(cls, settings, vocab: MeasureVocab) -> VerdictPolicy:  # noqa: ANN001
        """The verdict policy of the settings, with the measures the vocabulary says usually rise."""
        return VerdictPolicy.from_settings(settings, rising_measures=vocab.rising)

    async def read(self, text: str, source: SourceInfo | None = None) -> Article:
        """The article of ``text``: validated, hashed, its title and outlet found.

        Pure string work (no spaCy), so it runs on a plain thread and leaves the
        NLP worker to the parse: a check costs one trip to the NLP worker.
        """
        return await asyncio.to_thread(self.worker.engine.read, text, source)

    async def check(self, article: Article, *, save: bool = False) -> ArticleReport:
        """Verdicts for every claim of the article; stored too when ``save`` and :func:`worth_storing`."""
        claims = await self.worker.extract(article)
        return (await self.run(article, claims, save=save)).report

    async def check_claims(self, article: Article, claims: list[Claim], *, save: bool = False) -> ArticleReport:
        """Verdicts for claims already extracted from ``article`` (see :meth:`run`)."""
        return (await self.run(article, claims, save=save)).report

    async def run(self, article: Article, claims: Sequence[Claim], *, save: bool = False) -> CheckOutcome:
        """Verdicts for claims already extracted from ``article``, against the claims of its story.

        1. Features of the article (pure, off the event loop).
        2. One read (:meth:`ClaimStore.check_context`): the copy stored
           before, or the candidate stories and document frequencies, which
           :func:`bot.engine.stories.assign` turns into the article's stories;
           their earlier claims with the article's measures; the outlet grades.
        3. A verdict for each claim (off the event loop).
        4. With ``save`` and when :func:`worth_storing`, one write: the
           article, its claims and its story links in one transaction. An
           article is stored with its report or not at all, and a rerun after a
           failure checks it again or says it was seen before.
        """
        claims = list(claims)
        info = article.source
        workspace = info.workspace
        published = info.published or (info.posted_at.date() if info.posted_at else None) or _today()
        feats = await asyncio.to_thread(
            features, article.text, title=info.title, published=published, claims=claims
        )
        policy = self.story_policy
        canonical = self.named_measures
        ctx = await self.store.check_context(
            workspace, feats, text_hash=info.text_hash or None, url=info.url,
            measures=list(dict.fromkeys(c.measure for c in claims)),
            measure_words=list(dict.fromkeys(
                w for c in claims if _measure_key(c.measure) not in canonical and (w := measure_stem(c.measure)))),
            subject_words=list(dict.fromkeys(w for c in claims if (w := thing_stem(c)))),
            figures=list(dict.fromkeys(v for c in claims for v in (c.figure.low, c.figure.high)
                                       if v is not None and distinctive(v))),
            choose=lambda c: assign(feats, c.candidates, c.df, c.n_docs, policy),
            window_days=policy.window_days, limit=self.candidate_limit * 5,
        )
        seen = ctx.seen
        own_id = seen.id if seen else None
        stories = list(ctx.stories)
        places = frozenset(t[2:] for t in (*ctx.key_terms, *feats.key_terms))
        spans = [(st.last_day - st.first_day).days for st in stories if st.first_day and st.last_day]
        story_days = max(spans) if spans else 0  # how long the event has run, by its stored reports
        checks = await asyncio.to_thread(
            self._judge_all, claims, ctx.earlier, published, own_id, info.text_hash or None, places, story_days,
            canonical,
        )
        stored = None
        stored_claims: tuple[StoredClaim, ...] = ctx.seen_claims
        if save and seen is None and worth_storing(claims):
            result = await self.store.add_article(info, claims, StoryLink(feats, ctx.assignment))
            stored_claims = result.claims
            if result.created:
                stored = result.source
                stories = list(result.stories)
            else:  # stored meanwhile by another process: report it as seen before
                seen = result.source
        if not stories:
            stories = [Story(id=0, workspace=workspace, name=feats.name, first_day=published, last_day=published)]
        report = ArticleReport(source=info, checks=tuple(checks), seen_before=seen, stored=stored,
                               stories=tuple(stories))
        return CheckOutcome(report=report, claims=stored_claims if (stored or save) else (), grades=ctx.grades)

    def _judge_all(self, claims, earlier, published, own_id, own_hash, places,  # noqa: ANN001
                   story_days: int | None = None, canonical: Collection[str] | None = None) -> list[ClaimCheck]:
        """Each claim judged against its story's claims of the same measure. A claim none of those
        speaks to, whose measure the vocabulary does not name, is judged against the story's claims of
        one other name of the same things, one saying less of which things than the other ("3,500
        workers on site" and "4,500 construction workers on site"; see :func:`less_specific`); not when
        the story names the thing several ways: which one is meant is then unknown. A claim still
        without evidence matches the same figure of the same things reported under another event's name
        ("48 cells destroyed", "48 cells wrecked"; see :func:`bot.engine.verdicts.same_figure_of_same_things`)."""
        by_measure: dict[str, list[StoredClaim]] = {}
        by_thing: dict[str, list[StoredClaim]] = {}  # the same things, whatever their measure
        for sc in earlier:
            by_measure.setdefault(_measure_key(sc.claim.measure), []).append(sc)
            if (thing := thing_stem(sc.claim)) is not None:
                by_thing.setdefault(thing, []).append(sc)
        added = [c for c in claims if is_increment(c)]  # "two more", to explain a total's rise
        out = []
        for claim in claims:
            def judged(candidates: list[StoredClaim], claim: Claim = claim, other_name: bool = False,
                       alias: bool = False, echo: bool = False) -> ClaimCheck:
                return judge(claim, candidates, policy=self.policy, published=published, own_source_id=own_id,
                             own_text_hash=own_hash, story_places=places, story_days=story_days,
                             other_name=other_name, alias=alias, echo=echo)

            check = judged(by_measure.get(_measure_key(claim.measure), []))
            if not check.evidence and canonical is not None and _measure_key(claim.measure) not in canonical:
                names = [key for key in by_measure if key not in canonical and less_specific(claim.measure, key)]
                if len(names) == 1:
                    other = judged(by_measure[names[0]], other_name=True)
                    check = other if other.evidence else check
            if not check.evidence and (stem := thing_stem(claim)) is not None:
                key = _measure_key(claim.measure)
                alike = [sc for sc in by_thing.get(stem, []) if _measure_key(sc.claim.measure) != key
                         and not (canonical is not None and key in canonical
                                  and _measure_key(sc.claim.measure) in canonical)]
                # (two names of the vocabulary are two facts: "48 homes damaged" is not "48 homes destroyed")
                if alike:
                    other = judged(alike, alias=True)
                    check = other if other.evidence else check
            if not check.evidence:
                # the same distinctive number in other words ("£6.8m spent on consultants", "paid £6.8m"); never
                # two of the vocabulary's names, which are two facts ("12 killed", "12 injured")
                key = _measure_key(claim.measure)
                worded = [sc for sc in earlier if _measure_key(sc.claim.measure) != key
                          and not (canonical is not None and key in canonical
                                   and _measure_key(sc.claim.measure) in canonical)]
                if worded:
                    other = judged(worded, echo=True)
                    check = other if other.evidence else check
            out.append(explained_rise(check, added) if added and not is_increment(claim) else check)
        return out

    async def find_story(self, workspace: str, query: str) -> Story:
        """A story by id ("12", "#12") or by words of its name (the newest that has them all)."""
        return await find_story(self.store, workspace, query)

    async def dossier(self, workspace: str, query: str, *, limit: int = DOSSIER_CLAIMS) -> StoryDossier:
        """The story dossier (see :func:`story_dossier`)."""
        return await story_dossier(self.store, workspace, query, limit=limit)

    async def sources(self, workspace: str, query: str, *, limit: int = 50, offset: int = 0,
                      vocab: MeasureVocab | None = None) -> OrderedDict[str, list[StoredClaim]]:
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


async def find_story(store: ClaimStore, workspace: str, query: str) -> Story:
    """A story by id ("12", "#12") or by words of its name (the newest that has them all)."""
    text = query.strip()
    if not text:
        raise InputError("Name a story: its id (as in `story 12`) or words from its name.")
    if text.lstrip("#").isdigit():
        return await store.get_story(workspace, int(text.lstrip("#")))
    found = await store.find_stories(workspace, text, limit=1)
    if not found:
        raise NotFound(f"No story named with “{text}” here. Try fewer words, or a story id from a check's reply.")
    return found[0]


async def story_dossier(store: ClaimStore, workspace: str, query: str, *, limit: int = DOSSIER_CLAIMS) -> StoryDossier:
    """The story dossier: its articles (oldest first) and one row per measure, newest report first.

    Rows are ordered by their newest report; retracted and not-a-claim
    claims are left out. Reading it needs the store only, no NLP.
    """
    story = await find_story(store, workspace, query)
    sources = await store.story_sources(workspace, story.id)
    claims = await store.story_claims(workspace, [story.id], limit=limit)
    return build_dossier(story, sources, claims)


def _today() -> date:
    return datetime.now(UTC).date()

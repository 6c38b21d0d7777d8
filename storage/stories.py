"""Stories in the store: the inverted index, story links, curation and the backfill.

:class:`StoryStore` is mixed into :class:`~storage.store.SQLClaimStore`. The
clustering itself is engine code (:mod:`bot.engine.stories`); here it is
stored and looked up:

* ``term_df`` keeps document frequencies per workspace (``''`` counts the
  articles) and is updated in the article's own transaction;
* ``story_terms`` holds each story's summed term weights and is the inverted
  index: candidate stories for an article are the newest
  :data:`POSTINGS_PER_TERM` stories of each of its rarest terms
  (:func:`bot.engine.stories.query_terms`), kept when within the time window
  or reached through a rare term, the best :data:`MAX_CANDIDATES` of them by
  the IDF of the terms they share. Nothing is scanned;
* ``article_terms`` keeps each article's own terms, so that a story's vector
  is rebuilt exactly when a moderator moves, merges or splits.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from bot.engine.curation import (
    check_split,
    check_story_merge,
    moved_story_name,
    no_article,
    no_story,
    reason_text,
    require_moderator,
    split_ids,
    split_story_name,
    story_merge_detail,
    story_move_detail,
    story_split_detail,
)
from bot.engine.protocol import Actor, CheckContext, StoryContext, StoryLink
from bot.engine.stories import (
    BODY_AGE,
    ENTITY,
    RARE_DF,
    TITLE,
    TITLE_AGE,
    TOKEN,
    ArticleFeatures,
    Assignment,
    StoryCandidate,
    StoryPolicy,
    _in_window,
    assign,
    features,
    idf,
    norms_sq,
    query_terms,
)
from bot.engine.types import Claim, SourceInfo, StoredClaim, StoredSource, Story

from .driver import Executor, placeholders, to_date, utc_now
from .retrieval import RetrievalStore
from .rows import SELECT_SOURCES, STORY_COLUMNS, audit, grades_of, like_escape, source_from, story_from

#: newest stories read per query term
POSTINGS_PER_TERM = 50
#: stories scored per article (the best by the IDF of the terms they share)
MAX_CANDIDATES = 40
#: articles linked per transaction by the backfill
BACKFILL_BATCH = 50

_NORM_COLUMN = {ENTITY: "norm_e", TOKEN: "norm_t", TITLE: "norm_h"}


def source_day(info: SourceInfo, created_at: datetime | None = None) -> date | None:
    """The day an article counts from: published, else posted, else stored."""
    if info.published is not None:
        return info.published
    if info.posted_at is not None:
        return info.posted_at.date()
    return created_at.date() if created_at is not None else None


def stored_features(info: SourceInfo, claims: Sequence[Claim], day: date | None) -> ArticleFeatures:
    """Features of an article known only by its title and claims (import, backfill)."""
    text = "\n".join([info.title or "", *dict.fromkeys(c.sentence for c in claims)])
    return features(text, title=info.title or None, published=day, claims=claims)


class StoryStore(RetrievalStore):
    """The story half of :class:`~storage.store.SQLClaimStore` (see the module docstring)."""

    story_policy: StoryPolicy = StoryPolicy()

    # -- look-ups --------------------------------------------------------------------

    async def story_context(self, workspace: str, features: ArticleFeatures, *, window_days: int = 30) -> StoryContext:
        return await self.driver.read(lambda ex: self._story_context(ex, workspace, features, window_days))

    async def _story_context(
        self, ex: Executor, workspace: str, feats: ArticleFeatures, window_days: int
    ) -> StoryContext:
        terms = list(feats.terms)
        df = await _df(ex, workspace, terms)
        n_docs = df.pop("", 0)
        wanted = query_terms(feats, df)
        if not wanted:
            return StoryContext(n_docs, df, ())
        parts, params = [], []
        for i, term in enumerate(wanted):
            parts.append(
                f"SELECT story_id, term FROM (SELECT story_id, term FROM story_terms WHERE workspace = ? AND term = ?"
                f" ORDER BY story_id DESC LIMIT ?) AS p{i}"
            )
            params += [workspace, term, POSTINGS_PER_TERM]
        hits: dict[int, float] = defaultdict(float)
        postings: dict[str, list[int]] = defaultdict(list)
        for r in await ex.fetchall(" UNION ALL ".join(parts), params):
            sid, term = int(r["story_id"]), r["term"]
            hits[sid] += idf(df.get(term, 0), n_docs)
            postings[term].append(sid)
        # a term few stories share leads to them at any date (a follow-up months later)
        rare = {sid for ids in postings.values() if len(ids) <= RARE_DF for sid in ids}
        if not hits:
            return StoryContext(n_docs, df, ())
        ranked = sorted(hits, key=lambda s: (-hits[s], -s))[: MAX_CANDIDATES * 2]
        rows = await ex.fetchall(
            f"SELECT {STORY_COLUMNS}, norm_e, norm_t, norm_h FROM stories"
            f" WHERE workspace = ? AND merged_into IS NULL AND id IN ({placeholders(len(ranked))})",
            [workspace, *ranked],
        )
        stories = {}
        for r in rows:
            st = story_from(r)
            if st.id not in rare and not _in_window(feats.day, st.first_day, st.last_day, window_days):
                continue
            stories[st.id] = (st, {ENTITY: float(r["norm_e"]), TOKEN: float(r["norm_t"]), TITLE: float(r["norm_h"])})
        keep = [s for s in ranked if s in stories][:MAX_CANDIDATES]
        if not keep:
            return StoryContext(n_docs, df, ())
        weights: dict[int, dict[str, float]] = defaultdict(dict)
        keys: dict[int, set[str]] = defaultdict(set)
        wrows = await ex.fetchall(
            f"SELECT story_id, term, weight, is_key FROM story_terms WHERE story_id IN ({placeholders(len(keep))})"
            f" AND term IN ({placeholders(len(terms))})",
            [*keep, *terms],
        )
        for r in wrows:
            weights[int(r["story_id"])][r["term"]] = float(r["weight"])
            if r["is_key"]:
                keys[int(r["story_id"])].add(r["term"])
        # each candidate's norms under today's IDF: norms kept from when a story was last written drift as
        # the store grows (a story begun in a small store would look closer than it is)
        vectors: dict[int, dict[str, float]] = defaultdict(dict)
        for r in await ex.fetchall(
            "SELECT s.story_id, s.term, s.weight, COALESCE(d.df, 0) AS df FROM story_terms s"
            " LEFT JOIN term_df d ON d.workspace = s.workspace AND d.term = s.term"
            f" WHERE s.story_id IN ({placeholders(len(keep))})",
            keep,
        ):
            vectors[int(r["story_id"])][r["term"]] = float(r["weight"])
            df.setdefault(r["term"], int(r["df"]))
        cands = tuple(
            StoryCandidate(
                id=sid, name=stories[sid][0].name, first_day=stories[sid][0].first_day,
                last_day=stories[sid][0].last_day, n_articles=stories[sid][0].n_articles,
                weights=weights.get(sid, {}), norms=norms_sq(vectors[sid], df, n_docs) if vectors.get(sid)
                else stories[sid][1], key_terms=frozenset(keys.get(sid, ())),
                title_ages=frozenset(t for t in vectors.get(sid, ()) if t.startswith(TITLE_AGE)),
                ages=frozenset(t for t in vectors.get(sid, ()) if t.startswith(BODY_AGE)),
            )
            for sid in keep
        )
        return StoryContext(n_docs, df, cands)

    async def stories_of_source(self, workspace: str, source_id: int) -> list[Story]:
        return await self.driver.read(lambda ex: _stories_of_source(ex, workspace, source_id))

    async def _stories_with_ids(self, ex: Executor, workspace: str, source_id: int) -> tuple[Story, ...]:
        """The source's stories, each with the ids of its stored articles."""
        return tuple([replace(st, source_ids=tuple(await _story_source_ids(ex, workspace, st.id)))
                      for st in await _stories_of_source(ex, workspace, source_id)])

    async def get_story(self, workspace: str, story_id: int) -> Story:
        return await self.driver.read(lambda ex: self._get_story(ex, workspace, story_id))

    async def _get_story(self, ex: Executor, workspace: str, story_id: int) -> Story:
        seen = set()
        while True:
            r = await ex.fetchone(f"SELECT {STORY_COLUMNS} FROM stories WHERE workspace = ? AND id = ?",
                                  (workspace, story_id))
            if r is None:
                raise no_story(story_id)
            st = story_from(r)
            if st.merged_into is None or st.merged_into in seen:
                return st
            seen.add(st.id)
            story_id = st.merged_into

    async def find_stories(self, workspace: str, query: str, *, limit: int = 10) -> list[Story]:
        words = [w for w in re.findall(r"[\w'’-]+", query.lower()) if len(w) > 1][:8]
        if not words or limit < 1:
            return []
        where = " AND ".join("lower(name) LIKE ? ESCAPE '\\'" for _ in words)
        params: list[Any] = [workspace, *(f"%{_like(w)}%" for w in words), limit]
        rows = await self.driver.read(lambda ex: ex.fetchall(
            f"SELECT {STORY_COLUMNS} FROM stories WHERE workspace = ? AND merged_into IS NULL AND n_articles > 0"
            f" AND {where} ORDER BY last_day IS NULL, last_day DESC, id DESC LIMIT ?",
            params,
        ))
        return [story_from(r) for r in rows]

    async def story_source_ids(self, workspace: str, story_id: int, *, limit: int = 1000) -> list[int]:
        return await self.driver.read(lambda ex: _story_source_ids(ex, workspace, story_id, limit))

    async def story_sources(self, workspace: str, story_id: int) -> list[StoredSource]:
        rows = await self.driver.read(lambda ex: ex.fetchall(
            f"{SELECT_SOURCES} WHERE workspace = ? AND id IN"
            " (SELECT source_id FROM story_articles WHERE story_id = ?)"
            " ORDER BY published IS NULL, published, created_at, id",
            (workspace, story_id),
        ))
        return [source_from(r) for r in rows]

    async def story_claims(
        self,
        workspace: str,
        story_ids: Sequence[int],
        *,
        measures: Sequence[str] | None = None,
        exclude_source_id: int | None = None,
        limit: int = 1000,
    ) -> list[StoredClaim]:
        return await self.driver.read(lambda ex: self._story_claims(
            ex, workspace, story_ids, measures=measures, exclude_source_id=exclude_source_id, limit=limit))

    async def _story_claims(
        self,
        ex: Executor,
        workspace: str,
        story_ids: Sequence[int],
        *,
        measures: Sequence[str] | None = None,
        exclude_source_id: int | None = None,
        limit: int = 1000,
        measure_words: Sequence[str] = (),
        subject_words: Sequence[str] = (),
        figures: Sequence[float] = (),
    ) -> list[StoredClaim]:
        ids = list(dict.fromkeys(story_ids))
        if not ids or limit < 1 or (measures is not None and not measures):
            return []
        sql = (
            "SELECT c.id, c.updated_at FROM claims c WHERE c.workspace = ? AND c.source_id IN"
            f" (SELECT source_id FROM story_articles WHERE story_id IN ({placeholders(len(ids))}))"
        )
        base, base_params = sql, [workspace, *ids]
        if exclude_source_id is not None:
            base += " AND c.source_id <> ?"
            base_params.append(exclude_source_id)
        queries: list[tuple[str, list[Any]]] = []
        if measures is None:
            queries.append((base, base_params))
        else:
            wanted = list(dict.fromkeys(measures))
            queries.append((base + f" AND c.measure IN ({placeholders(len(wanted))})", [*base_params, *wanted]))
            words = list(dict.fromkeys(measure_words))
            if words:  # other names of the same things: their own limit, never crowding out the measure's claims
                likes = " OR ".join("lower(c.measure) LIKE ? ESCAPE '\\'" for _ in words)
                queries.append((base + f" AND c.measure NOT IN ({placeholders(len(wanted))}) AND ({likes})",
                                [*base_params, *wanted, *(f"%{like_escape(w.lower())}%" for w in words)]))
            things = list(dict.fromkeys(subject_words))
            if things:  # the same things named by another event: their own limit too
                likes = " OR ".join("lower(c.subject) LIKE ? ESCAPE '\\'" for _ in things)
                queries.append((base + f" AND c.measure NOT IN ({placeholders(len(wanted))}) AND ({likes})",
                                [*base_params, *wanted, *(f"%{like_escape(w.lower())}%" for w in things)]))
            values = list(dict.fromkeys(float(v) for v in figures))
            if values:  # the same number in other words: its own limit too
                marks = placeholders(len(values))
                queries.append((base + f" AND c.measure NOT IN ({placeholders(len(wanted))})"
                                       f" AND (c.low IN ({marks}) OR c.high IN ({marks}))",
                                [*base_params, *wanted, *values, *values]))
        versions: dict[int, Any] = {}
        for query, query_params in queries:
            rows = await ex.fetchall(query + " ORDER BY c.id DESC LIMIT ?", [*query_params, limit])
            versions.update((int(r["id"]), r["updated_at"]) for r in rows)
        return await self._claims_by_ids(ex, workspace, list(versions), versions)

    async def story_key_terms(self, workspace: str, story_ids: Sequence[int]) -> frozenset[str]:
        """The entity terms of the stories' titles and datelines (the places they are about)."""
        return await self.driver.read(lambda ex: _story_key_terms(ex, story_ids))

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
        """Everything one check reads, in one read transaction (see the protocol)."""

        async def run(ex: Executor) -> CheckContext:
            seen = await self._find_source(ex, workspace, text_hash or None, url) if (text_hash or url) else None
            if seen is not None:
                assignment = Assignment((), new_name=features.name)
                stories = await _stories_of_source(ex, workspace, seen.id)
                seen_claims = await self._claims_where(ex, workspace, "c.source_id = ?", [seen.id])
            else:
                ctx = await self._story_context(ex, workspace, features, window_days)
                assignment = choose(ctx)
                by_id = {c.id: c for c in ctx.candidates}
                stories = [
                    Story(id=sid, workspace=workspace, name=by_id[sid].name, first_day=by_id[sid].first_day,
                          last_day=by_id[sid].last_day, n_articles=by_id[sid].n_articles)
                    for sid in assignment.story_ids if sid in by_id
                ]
                seen_claims = []
            ids = [st.id for st in stories]
            earlier = await self._story_claims(
                ex, workspace, ids, measures=list(measures), exclude_source_id=seen.id if seen else None,
                limit=limit, measure_words=measure_words, subject_words=subject_words,
                figures=figures) if measures and ids else []
            keys = await _story_key_terms(ex, ids)
            with_ids = [replace(st, source_ids=tuple(await _story_source_ids(ex, workspace, st.id)))
                        for st in stories]
            grades = await grades_of(ex, workspace)
            return CheckContext(seen=seen, seen_claims=tuple(seen_claims), stories=tuple(with_ids),
                                assignment=assignment, earlier=tuple(earlier), key_terms=keys, grades=grades)

        return await self.driver.read(run)

    # -- linking on insert ----------------------------------------------------------------

    async def _link_new_article(
        self, ex: Executor, source: StoredSource, claims: Sequence[Claim], link: StoryLink | None,
        linked_by: str = "auto",
    ) -> tuple[int, ...]:
        """Link a just-inserted source to its stories (computing the assignment when not given)."""
        workspace = source.info.workspace
        if link is None:
            feats = stored_features(source.info, claims, source_day(source.info, source.created_at))
            ctx = await self._story_context(ex, workspace, feats, self.story_policy.window_days)
            assignment = assign(feats, ctx.candidates, ctx.df, ctx.n_docs, self.story_policy)
        else:
            feats, assignment = link.features, link.assignment
        return await self._link(ex, source, feats, assignment, linked_by)

    async def _link(
        self, ex: Executor, source: StoredSource, feats: ArticleFeatures, assignment: Assignment, linked_by: str
    ) -> tuple[int, ...]:
        workspace = source.info.workspace
        day = feats.day or source_day(source.info, source.created_at)
        now = utc_now()
        ids: list[int] = []
        scores: list[float | None] = []
        for sid, score in zip(
            assignment.story_ids, assignment.scores or [None] * len(assignment.story_ids), strict=True
        ):
            row = await ex.fetchone(
                "SELECT id, merged_into FROM stories WHERE workspace = ? AND id = ?", (workspace, sid)
            )
            while row is not None and row["merged_into"] is not None:  # merged since it was chosen
                row = await ex.fetchone("SELECT id, merged_into FROM stories WHERE id = ?", (row["merged_into"],))
            if row is not None and int(row["id"]) not in ids:
                ids.append(int(row["id"]))
                scores.append(score)
        if not ids:
            ids = [await self._new_story(ex, workspace, assignment.new_name or feats.name, now)]
            scores = [None]
        terms = list(feats.terms)
        df = await _df(ex, workspace, terms)
        n_docs = df.pop("", 0)
        keys = set(feats.key_terms)
        after = {t: df.get(t, 0) + 1 for t in terms}
        if terms:
            await ex.executemany(
                "INSERT INTO article_terms (source_id, term, weight, is_key) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (source_id, term) DO NOTHING",
                [(source.id, t, w, t in keys) for t, w in feats.terms.items()],
            )
        for sid, score in zip(ids, scores, strict=True):
            await ex.execute(
                "INSERT INTO story_articles (story_id, source_id, workspace, score, linked_by) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (story_id, source_id) DO NOTHING",
                (sid, source.id, workspace, score, linked_by),
            )
            # the IDF as the store will hold it once this article is in: its own terms counted too
            await self._add_to_story(ex, sid, workspace, feats, keys, after, n_docs + 1, day, now)
        await _bump_df(ex, workspace, [*terms, ""], +1)
        return tuple(ids)

    async def _new_story(self, ex: Executor, workspace: str, name: str, now: datetime) -> int:
        row = await ex.fetchone(
            "INSERT INTO stories (workspace, name, n_articles, created_at, updated_at) VALUES (?, ?, 0, ?, ?)"
            " RETURNING id",
            (workspace, name, now, now),
        )
        if row is None:  # RETURNING always yields the new row
            raise RuntimeError("a story insert returned no id")
        return int(row["id"])

    async def _add_to_story(
        self, ex: Executor, sid: int, workspace: str, feats: ArticleFeatures, keys: set[str],
        df: dict[str, int], n_docs: int, day: date | None, now: datetime,
    ) -> None:
        terms = list(feats.terms)
        old: dict[str, float] = {}
        if terms:
            for r in await ex.fetchall(
                f"SELECT term, weight FROM story_terms WHERE story_id = ? AND term IN ({placeholders(len(terms))})",
                [sid, *terms],
            ):
                old[r["term"]] = float(r["weight"])
        st = await ex.fetchone(
            "SELECT first_day, last_day, norm_e, norm_t, norm_h FROM stories WHERE id = ?", (sid,)
        )
        if st is None:  # chosen (or made) inside this same write
            raise RuntimeError(f"story {sid} vanished inside the write that links to it")
        norms = {ENTITY: float(st["norm_e"]), TOKEN: float(st["norm_t"]), TITLE: float(st["norm_h"])}
        for t, w in feats.terms.items():
            i2 = idf(df.get(t, 0), n_docs) ** 2
            before = old.get(t, 0.0)
            norms[t[0]] = norms.get(t[0], 0.0) + ((before + w) ** 2 - before**2) * i2
        if terms:
            await ex.executemany(
                "INSERT INTO story_terms (story_id, workspace, term, weight, is_key) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (story_id, term) DO UPDATE SET weight = story_terms.weight + excluded.weight,"
                " is_key = CASE WHEN excluded.is_key THEN excluded.is_key ELSE story_terms.is_key END",
                [(sid, workspace, t, w, t in keys) for t, w in feats.terms.items()],
            )
        first, last = to_date(st["first_day"]), to_date(st["last_day"])
        if day is not None:
            first = min(first, day) if first else day
            last = max(last, day) if last else day
        await ex.execute(
            "UPDATE stories SET n_articles = n_articles + 1, first_day = ?, last_day = ?, norm_e = ?, norm_t = ?,"
            " norm_h = ?, updated_at = ? WHERE id = ?",
            (first, last, norms[ENTITY], norms[TOKEN], norms[TITLE], now, sid),
        )

    async def _rebuild_story(self, ex: Executor, workspace: str, sid: int) -> None:
        """Recompute a story's vector, norms, span and count from its articles' own terms."""
        await ex.execute("DELETE FROM story_terms WHERE story_id = ?", (sid,))
        rows = await ex.fetchall(
            "SELECT at.term, at.weight, at.is_key FROM article_terms at"
            " JOIN story_articles sa ON sa.source_id = at.source_id WHERE sa.story_id = ?",
            (sid,),
        )
        weights: dict[str, float] = defaultdict(float)
        keys: set[str] = set()
        for r in rows:
            weights[r["term"]] += float(r["weight"])
            if r["is_key"]:
                keys.add(r["term"])
        if weights:
            await ex.executemany(
                "INSERT INTO story_terms (story_id, workspace, term, weight, is_key) VALUES (?, ?, ?, ?, ?)",
                [(sid, workspace, t, w, t in keys) for t, w in weights.items()],
            )
        df = await _df(ex, workspace, list(weights))
        n_docs = df.pop("", 0)
        norms = {ENTITY: 0.0, TOKEN: 0.0, TITLE: 0.0}
        for t, w in weights.items():
            norms[t[0]] = norms.get(t[0], 0.0) + (w * idf(df.get(t, 0), n_docs)) ** 2
        srcs = [source_from(r) for r in await ex.fetchall(
            f"{SELECT_SOURCES} WHERE id IN (SELECT source_id FROM story_articles WHERE story_id = ?)", (sid,)
        )]
        days = [d for d in (source_day(s.info, s.created_at) for s in srcs) if d is not None]
        await ex.execute(
            "UPDATE stories SET n_articles = ?, first_day = ?, last_day = ?, norm_e = ?, norm_t = ?, norm_h = ?,"
            " updated_at = ? WHERE id = ?",
            (len(srcs), min(days) if days else None, max(days) if days else None, norms[ENTITY], norms[TOKEN],
             norms[TITLE], utc_now(), sid),
        )

    # -- curation -------------------------------------------------------------------------

    async def move_article(
        self, workspace: str, source_id: int, story_id: int | None, actor: Actor, reason: str
    ) -> Story:
        require_moderator(actor, "move articles between stories")

        async def tx(ex: Executor) -> Story:
            src = await ex.fetchone("SELECT id, title FROM sources WHERE workspace = ? AND id = ?",
                                    (workspace, source_id))
            if src is None:
                raise no_article(source_id)
            before = [int(r["story_id"]) for r in await ex.fetchall(
                "SELECT story_id FROM story_articles WHERE source_id = ? ORDER BY story_id", (source_id,))]
            now = utc_now()
            if story_id is None:
                target = await self._new_story(ex, workspace, moved_story_name(src["title"], source_id), now)
            else:
                target = (await self._get_story(ex, workspace, story_id)).id
            if before == [target]:
                return await self._get_story(ex, workspace, target)
            await ex.execute("DELETE FROM story_articles WHERE source_id = ?", (source_id,))
            await ex.execute(
                "INSERT INTO story_articles (story_id, source_id, workspace, score, linked_by)"
                " VALUES (?, ?, ?, NULL, 'moderator')",
                (target, source_id, workspace),
            )
            for sid in {*before, target}:
                await self._rebuild_story(ex, workspace, sid)
            await audit(ex, workspace, None, actor, "story_move", None, None, reason_text(reason), now,
                        detail=story_move_detail(source_id, before, target))
            return await self._get_story(ex, workspace, target)

        return await self.driver.write(tx)

    async def merge_stories(self, workspace: str, keep_id: int, merge_id: int, actor: Actor, reason: str) -> Story:
        require_moderator(actor, "merge stories")

        async def tx(ex: Executor) -> Story:
            keep = await self._get_story(ex, workspace, keep_id)
            gone = await self._get_story(ex, workspace, merge_id)
            check_story_merge(keep_id, merge_id, keep.id, gone.id)
            moved = [int(r["source_id"]) for r in await ex.fetchall(
                "SELECT source_id FROM story_articles WHERE story_id = ?", (gone.id,))]
            if moved:
                await ex.executemany(
                    "INSERT INTO story_articles (story_id, source_id, workspace, score, linked_by)"
                    " VALUES (?, ?, ?, NULL, 'moderator') ON CONFLICT (story_id, source_id) DO NOTHING",
                    [(keep.id, s, workspace) for s in moved],
                )
            await ex.execute("DELETE FROM story_articles WHERE story_id = ?", (gone.id,))
            await ex.execute("DELETE FROM story_terms WHERE story_id = ?", (gone.id,))
            now = utc_now()
            await ex.execute(
                "UPDATE stories SET merged_into = ?, n_articles = 0, updated_at = ? WHERE id = ?",
                (keep.id, now, gone.id),
            )
            await self._rebuild_story(ex, workspace, keep.id)
            await audit(ex, workspace, None, actor, "story_merge", None, None, reason_text(reason), now,
                        detail=story_merge_detail(gone, keep, len(moved)))
            return await self._get_story(ex, workspace, keep.id)

        return await self.driver.write(tx)

    async def split_story(
        self, workspace: str, story_id: int, source_ids: Sequence[int], actor: Actor, reason: str
    ) -> Story:
        require_moderator(actor, "split stories")
        wanted = split_ids(source_ids)

        async def tx(ex: Executor) -> Story:
            story = await self._get_story(ex, workspace, story_id)
            held = {int(r["source_id"]) for r in await ex.fetchall(
                "SELECT source_id FROM story_articles WHERE story_id = ?", (story.id,))}
            check_split(story.id, wanted, held)
            first = await ex.fetchone("SELECT title FROM sources WHERE id = ?", (wanted[0],))
            now = utc_now()
            new_id = await self._new_story(ex, workspace, split_story_name(first["title"] if first else None, story.id),
                                           now)
            await ex.executemany(
                "DELETE FROM story_articles WHERE story_id = ? AND source_id = ?", [(story.id, s) for s in wanted]
            )
            await ex.executemany(
                "INSERT INTO story_articles (story_id, source_id, workspace, score, linked_by)"
                " VALUES (?, ?, ?, NULL, 'moderator')",
                [(new_id, s, workspace) for s in wanted],
            )
            await self._rebuild_story(ex, workspace, story.id)
            await self._rebuild_story(ex, workspace, new_id)
            await audit(ex, workspace, None, actor, "story_split", None, None, reason_text(reason), now,
                        detail=story_split_detail(story.id, wanted, new_id))
            return await self._get_story(ex, workspace, new_id)

        return await self.driver.write(tx)

    # -- backfill -------------------------------------------------------------------------

    async def backfill_stories(self) -> int:
        """Link every article stored without a story (a database from before stories), oldest first.

        Articles are taken in publication order and linked from their titles
        and claims (their text was never stored), BACKFILL_BATCH per
        transaction; each is looked for again inside the transaction, so
        processes opening the store at once link each article once. Returns
        how many were linked.
        """
        total = 0
        while True:
            done = await self.driver.write(self._backfill_batch, unlimited=True)
            total += done
            if done < BACKFILL_BATCH:
                return total

    async def _backfill_batch(self, ex: Executor) -> int:
        rows = await ex.fetchall(
            f"{SELECT_SOURCES} WHERE NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.source_id = sources.id)"
            " ORDER BY published IS NULL, published, created_at, id LIMIT ?",
            (BACKFILL_BATCH,),
        )
        for r in rows:
            src = source_from(r)
            claims = [sc.claim for sc in await self._claims_where(ex, src.info.workspace, "c.source_id = ?",
                                                                   [src.id], cache=False)]
            await self._link_new_article(ex, src, claims, None, linked_by="backfill")
        return len(rows)


async def _stories_of_source(ex: Executor, workspace: str, source_id: int) -> list[Story]:
    rows = await ex.fetchall(
        f"SELECT {', '.join('s.' + c.strip() for c in STORY_COLUMNS.split(','))} FROM stories s"
        " JOIN story_articles sa ON sa.story_id = s.id WHERE sa.workspace = ? AND sa.source_id = ?"
        " ORDER BY sa.score IS NULL, sa.score DESC, s.id",
        (workspace, source_id),
    )
    return [story_from(r) for r in rows]


async def _story_source_ids(ex: Executor, workspace: str, story_id: int, limit: int = 1000) -> list[int]:
    rows = await ex.fetchall(
        "SELECT source_id FROM story_articles WHERE workspace = ? AND story_id = ?"
        " ORDER BY source_id DESC LIMIT ?",
        (workspace, story_id, limit),
    )
    return [int(r["source_id"]) for r in rows]


async def _story_key_terms(ex: Executor, story_ids: Sequence[int]) -> frozenset[str]:
    ids = list(dict.fromkeys(story_ids))
    if not ids:
        return frozenset()
    rows = await ex.fetchall(
        "SELECT DISTINCT at.term FROM article_terms at JOIN story_articles sa ON sa.source_id = at.source_id"
        f" WHERE sa.story_id IN ({placeholders(len(ids))}) AND at.is_key = ?",
        [*ids, True],
    )
    return frozenset(r["term"] for r in rows)


async def _df(ex: Executor, workspace: str, terms: Sequence[str]) -> dict[str, int]:
    """Document frequencies of ``terms`` (and ``''``: the number of articles)."""
    wanted = list(dict.fromkeys([*terms, ""]))
    out: dict[str, int] = {}
    for start in range(0, len(wanted), 400):
        chunk = wanted[start:start + 400]
        for r in await ex.fetchall(
            f"SELECT term, df FROM term_df WHERE workspace = ? AND term IN ({placeholders(len(chunk))})",
            [workspace, *chunk],
        ):
            out[r["term"]] = int(r["df"])
    return out


async def _bump_df(ex: Executor, workspace: str, terms: Sequence[str], by: int) -> None:
    await ex.executemany(
        "INSERT INTO term_df (workspace, term, df) VALUES (?, ?, ?)"
        " ON CONFLICT (workspace, term) DO UPDATE SET df = term_df.df + excluded.df",
        [(workspace, t, by) for t in dict.fromkeys(terms)],
    )


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

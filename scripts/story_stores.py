"""Synthetic stores with stories, for ``scripts/bench_check.py --stories``.

A store of N claims holds N/10 articles of 10 claims each, in stories of 1 to
4 articles (2 on average: a million claims are about 50,000 stories), over
two years. Each story has its own names (from a Zipf-like pool of 30,000
names and 400 cities) and words (from a Zipf-like pool of 20,000 words, the
checked article's own words among them, so its common words have long
postings); each article takes most of its story's terms and some of its own.
Every row the store keeps for stories (stories, story_articles,
article_terms, story_terms with summed weights, term_df, the norms) is
computed here as the store computes it, and written in bulk after the store
itself created the schema.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bot.engine.stories import GROUPS, idf

WORKSPACE = "bench"
CLAIMS_PER_ARTICLE = 10
MEASURES = ("killed", "injured", "missing", "evacuated", "arrested", "cost", "displaced", "votes", "jobs",
            "wounded", "captured", "deployed", "damage", "rescued", "detained")
START = date(2023, 1, 1)
DAYS = 730


@dataclass
class Synthetic:
    sources: list[tuple] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)
    claim_terms: list[tuple] = field(default_factory=list)
    stories: list[tuple] = field(default_factory=list)
    story_articles: list[tuple] = field(default_factory=list)
    article_terms: list[tuple] = field(default_factory=list)
    story_terms: list[tuple] = field(default_factory=list)
    term_df: list[tuple] = field(default_factory=list)


def _zipf(rng: random.Random, pool: list[str], k: int) -> list[str]:
    n = len(pool)
    out = []
    for _ in range(k):
        i = min(n - 1, int(n ** rng.random()) - 1)  # log-uniform rank: a few terms very common
        out.append(pool[i])
    return out


#: articles in the checked article's own running story (the hard case: its claims are all compared)
OWN_STORY_ARTICLES = 60


def build(n_claims: int, article_terms: list[str], *, measures: tuple[str, ...] = (), day: date | None = None,
          seed: int = 7) -> Synthetic:
    """The store's rows. Story 1 is the checked article's running story: OWN_STORY_ARTICLES reports
    around ``day`` sharing most of its terms, whose claims use its ``measures``."""
    rng = random.Random(seed)
    own = list(article_terms)
    rng.shuffle(own)
    ents = [f"e:{t[2:]}" for t in own if t.startswith("e:")] + [f"e:name{i}" for i in range(30_000)]
    rng.shuffle(ents)
    cities = [f"e:city{i}" for i in range(400)]
    toks = [t for t in own if t.startswith("t:")] + [f"t:word{i}" for i in range(20_000)]
    rng.shuffle(toks)
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    now = datetime(2025, 6, 1, tzinfo=UTC)
    out = Synthetic()
    df: Counter[str] = Counter()
    story_weights: list[Counter[str]] = []
    story_keys: list[set[str]] = []
    story_days: list[list[date]] = []
    article_no = claim_no = 0
    while article_no < n_articles:
        sid = len(story_weights) + 1
        own_story = sid == 1 and day is not None
        size = min(n_articles - article_no, OWN_STORY_ARTICLES if own_story else rng.choice((1, 1, 2, 2, 3, 4)))
        city = rng.choice(cities)
        s_ents = [city, *_zipf(rng, ents, 5)]
        s_toks = _zipf(rng, toks, 24)
        start = START + timedelta(days=rng.randrange(DAYS))
        if own_story:
            s_ents = [t for t in article_terms if t.startswith("e:")] or s_ents
            s_toks = [t for t in article_terms if t.startswith("t:")] or s_toks
            start = day - timedelta(days=20)
        weights: Counter[str] = Counter()
        keys = {city}
        days = []
        for _ in range(size):
            article_no += 1
            when = start + timedelta(days=rng.randrange(20 if own_story else 8))
            days.append(when)
            terms: dict[str, float] = {}
            n_ents = int(len(s_ents) * 0.7) if own_story else 5
            n_toks = int(len(s_toks) * 0.7) if own_story else 18
            for t in [*rng.sample(s_ents, k=min(len(s_ents), n_ents)), *_zipf(rng, ents, 3)]:
                terms[t] = 1.0 + math.log(rng.choice((1, 1, 2, 3)))
            for t in [*rng.sample(s_toks, k=min(len(s_toks), n_toks)), *_zipf(rng, toks, 20)]:
                terms[t] = 1.0 + math.log(rng.choice((1, 1, 2, 3, 4)))
            for t in s_toks[:6]:
                terms["h:" + t[2:]] = 1.0
            title = f"Story {sid} report {article_no}"
            out.sources.append((article_no, WORKSPACE, title, when, f"hash-{article_no}", now))
            for t, w in terms.items():
                out.article_terms.append((article_no, t, w, t in keys))
                df[t] += 1
                weights[t] += w
            out.story_articles.append((sid, article_no, WORKSPACE, None, "auto"))
            for _ in range(CLAIMS_PER_ARTICLE):
                claim_no += 1
                if own_story and measures:
                    measure = rng.choice(measures)
                else:
                    measure = MEASURES[min(len(MEASURES) - 1, int(len(MEASURES) ** rng.random()) - 1)]
                value = float(rng.randrange(1, 500))
                sentence = f"At least {value:g} people were {measure}, officials said."
                out.claims.append((claim_no, WORKSPACE, article_no, sentence, 0, len(sentence),
                                   9, 9 + len(f"{value:g}"), f"{value:g}", value, value, None, False, "people",
                                   measure, "people", None, None, None, None, "unreviewed", now, now))
                out.claim_terms.append((claim_no, WORKSPACE, measure, "people", "subject", 0, "person"))
        story_weights.append(weights)
        story_keys.append(keys)
        story_days.append(days)
    n_docs = article_no
    for i, (weights, keys, days) in enumerate(zip(story_weights, story_keys, story_days, strict=True), start=1):
        norms = dict.fromkeys(GROUPS, 0.0)
        for t, w in weights.items():
            norms[t[0]] += (w * idf(df[t], n_docs)) ** 2
            out.story_terms.append((i, WORKSPACE, t, w, t in keys))
        out.stories.append((i, WORKSPACE, f"Story {i}", min(days), max(days), len(days), norms["e"], norms["t"],
                            norms["h"], None, now, now))
    out.term_df = [(WORKSPACE, t, n) for t, n in df.items()] + [(WORKSPACE, "", n_docs)]
    return out


COLUMNS = {
    "sources": ("id", "workspace", "title", "published", "text_hash", "created_at"),
    "claims": ("id", "workspace", "source_id", "sentence", "start", "end", "figure_start", "figure_end",
               "figure_text", "low", "high", "qualifier", "approx", "unit", "measure", "subject", "claimant",
               "location", "ref_date", "period", "status", "created_at", "updated_at"),
    "claim_terms": ("claim_id", "workspace", "measure", "unit", "kind", "position", "term"),
    "stories": ("id", "workspace", "name", "first_day", "last_day", "n_articles", "norm_e", "norm_t", "norm_h",
                "merged_into", "created_at", "updated_at"),
    "story_articles": ("story_id", "source_id", "workspace", "score", "linked_by"),
    "article_terms": ("source_id", "term", "weight", "is_key"),
    "story_terms": ("story_id", "workspace", "term", "weight", "is_key"),
    "term_df": ("workspace", "term", "df"),
}


def tables(data: Synthetic) -> Iterator[tuple[str, tuple[str, ...], list[tuple]]]:
    for name, cols in COLUMNS.items():
        yield name, cols, getattr(data, name)

-- 0005: stories. Every article belongs to a story (the news event it reports);
-- a roundup may belong to several. See bot/engine/stories.py for the clustering.
--
-- * stories: one row per story; a merged story keeps its row with merged_into
--   set, so its old id still leads somewhere. norm_e/norm_t/norm_h are the
--   squared norms of its TF-IDF vector per feature group (entities, tokens,
--   title words), kept up to date as articles join.
-- * story_articles: which articles a story holds (linked_by: 'auto',
--   'backfill' or 'moderator').
-- * article_terms: each article's clustering terms and weights, so that a
--   story's vector can be rebuilt when a moderator moves, merges or splits.
-- * story_terms: a story's summed term weights, and the inverted index
--   (workspace, term, story_id) candidate stories are looked up in.
-- * term_df: document frequencies per workspace (the term '' counts articles).
--
-- Articles stored before this version are linked to stories in publication
-- order by Python when the store opens (storage.store.SQLClaimStore.backfill_stories):
-- the clustering is engine code, not SQL.

CREATE TABLE stories (
    id           INTEGER PRIMARY KEY,
    workspace    TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    first_day    TEXT,
    last_day     TEXT,
    n_articles   INTEGER NOT NULL DEFAULT 0,
    norm_e       REAL    NOT NULL DEFAULT 0,
    norm_t       REAL    NOT NULL DEFAULT 0,
    norm_h       REAL    NOT NULL DEFAULT 0,
    merged_into  INTEGER REFERENCES stories (id),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE INDEX stories_workspace ON stories (workspace, id);

CREATE TABLE story_articles (
    story_id   INTEGER NOT NULL REFERENCES stories (id),
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    workspace  TEXT    NOT NULL,
    score      REAL,
    linked_by  TEXT    NOT NULL DEFAULT 'auto' CHECK (linked_by IN ('auto', 'backfill', 'moderator')),
    PRIMARY KEY (story_id, source_id)
) WITHOUT ROWID;

CREATE INDEX story_articles_source ON story_articles (source_id, story_id);

CREATE TABLE article_terms (
    source_id  INTEGER NOT NULL REFERENCES sources (id),
    term       TEXT    NOT NULL,
    weight     REAL    NOT NULL,
    is_key     INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    PRIMARY KEY (source_id, term)
) WITHOUT ROWID;

CREATE TABLE story_terms (
    story_id   INTEGER NOT NULL REFERENCES stories (id),
    workspace  TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    weight     REAL    NOT NULL,
    is_key     INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
    PRIMARY KEY (story_id, term)
) WITHOUT ROWID;

CREATE INDEX story_terms_lookup ON story_terms (workspace, term, story_id);

CREATE TABLE term_df (
    workspace  TEXT    NOT NULL,
    term       TEXT    NOT NULL,
    df         INTEGER NOT NULL,
    PRIMARY KEY (workspace, term)
) WITHOUT ROWID;

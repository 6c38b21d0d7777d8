-- 0001: sources, claims, retrieval terms, attribution chains, watched channels.
--
-- Portable types on purpose (TEXT, INTEGER, REAL): the PostgreSQL migration
-- mirrors this file with BIGINT identities and its own index types.
-- Dates are ISO-8601 text ('2024-03-01'); timestamps are ISO-8601 UTC text
-- with microseconds ('2024-03-01T12:00:00.000000+00:00'), so text order is
-- time order.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    workspace     TEXT    NOT NULL,
    path          TEXT,
    url           TEXT,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    published     TEXT,               -- ISO date the article was published
    text_hash     TEXT,               -- NULL when unknown; unique per workspace otherwise
    guild_id      INTEGER,
    channel_id    INTEGER,
    message_id    INTEGER,
    message_link  TEXT,
    poster        TEXT,
    poster_id     INTEGER,
    posted_at     TEXT,
    created_at    TEXT    NOT NULL,
    UNIQUE (workspace, text_hash)
);

-- The same link is one article per workspace; articles without a link are not.
CREATE UNIQUE INDEX sources_workspace_url ON sources (workspace, url) WHERE url IS NOT NULL;
CREATE INDEX sources_workspace_published ON sources (workspace, published);

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    workspace     TEXT    NOT NULL,
    source_id     INTEGER NOT NULL REFERENCES sources (id),
    sentence      TEXT    NOT NULL,
    "start"       INTEGER NOT NULL CHECK ("start" >= 0),
    "end"         INTEGER NOT NULL,
    figure_start  INTEGER NOT NULL CHECK (figure_start >= 0),
    figure_end    INTEGER NOT NULL,
    figure_text   TEXT    NOT NULL,
    low           REAL,               -- NULL: open below ("at most 30")
    high          REAL,               -- NULL: open above ("at least 30")
    qualifier     TEXT,
    approx        INTEGER NOT NULL DEFAULT 0 CHECK (approx IN (0, 1)),
    unit          TEXT    NOT NULL CHECK (length(unit) > 0),
    measure       TEXT    NOT NULL CHECK (length(measure) > 0),
    subject       TEXT    NOT NULL,
    claimant      TEXT,
    location      TEXT,
    ref_date      TEXT,               -- ISO date the claim refers to
    period        TEXT,               -- '24 hours'...; NULL for a running total
    created_at    TEXT    NOT NULL,
    CHECK ("end" >= "start"),
    CHECK (figure_end >= figure_start),
    CHECK (low IS NULL OR high IS NULL OR low <= high)
);

CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_workspace ON claims (workspace, id);

-- Retrieval: one row per subject term or named entity of a claim. measure and
-- unit are copied from the claim (they never change) so that candidate
-- lookups read this index alone, newest claim first.
CREATE TABLE claim_terms (
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    workspace  TEXT    NOT NULL,
    measure    TEXT    NOT NULL,
    unit       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('subject', 'entity')),
    position   INTEGER NOT NULL,      -- order within Claim.subject_terms / Claim.entities
    term       TEXT    NOT NULL,
    PRIMARY KEY (claim_id, kind, position)
) WITHOUT ROWID;

CREATE INDEX claim_terms_lookup ON claim_terms (workspace, measure, term, unit, claim_id);

-- Who said it, outermost first: ("the BBC", "anonymous Western officials").
CREATE TABLE claimant_chain (
    claim_id  INTEGER NOT NULL REFERENCES claims (id),
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;

CREATE TABLE watched_channels (
    workspace   TEXT    NOT NULL,
    channel_id  INTEGER NOT NULL,
    added_by    TEXT    NOT NULL,
    added_at    TEXT    NOT NULL,
    PRIMARY KEY (workspace, channel_id)
);

-- 0002: the verification desk. Claims get a moderation status, every change
-- of status is written to an append-only audit log, and each workspace gets a
-- key/value table for its settings.

ALTER TABLE claims ADD COLUMN status TEXT NOT NULL DEFAULT 'unreviewed'
    CHECK (status IN ('unreviewed', 'confirmed', 'disputed', 'retracted', 'superseded', 'not_a_claim'));
ALTER TABLE claims ADD COLUMN updated_at TEXT;
UPDATE claims SET updated_at = created_at WHERE updated_at IS NULL;

CREATE INDEX claims_workspace_status ON claims (workspace, status);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    workspace   TEXT    NOT NULL,
    claim_id    INTEGER REFERENCES claims (id),   -- NULL for actions on no claim (watches)
    actor       TEXT    NOT NULL,
    actor_id    INTEGER,
    action      TEXT    NOT NULL,                 -- 'set_status', 'watch', 'unwatch'
    old_status  TEXT,
    new_status  TEXT,
    reason      TEXT,
    at          TEXT    NOT NULL
);

CREATE INDEX audit_log_workspace ON audit_log (workspace, id);
CREATE INDEX audit_log_claim ON audit_log (claim_id);

-- The audit log is append-only: crosscheck has no code path that deletes or
-- rewrites it, and the database refuses to as well.
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never deleted');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never changed');
END;

CREATE TABLE guild_settings (
    workspace  TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT,
    PRIMARY KEY (workspace, key)
);

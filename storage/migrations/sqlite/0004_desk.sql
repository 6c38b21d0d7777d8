-- 0004: the verification desk, second part.
--
-- * audit_log gets a "detail" column (what changed, old -> new; for a deleted
--   claim, a snapshot of it) and loses its foreign key to claims, so that a
--   claim can be deleted while its audit entries stay. SQLite cannot drop a
--   constraint, so the table is rebuilt in place: every row is copied with its
--   id, then the indexes and the append-only triggers are made again. The
--   triggers go first: nothing may fire while the old table is dropped.
-- * source_grades: the newsroom's reliability grade of each outlet.

DROP TRIGGER IF EXISTS audit_log_no_delete;
DROP TRIGGER IF EXISTS audit_log_no_update;

CREATE TABLE audit_log_new (
    id          INTEGER PRIMARY KEY,
    workspace   TEXT    NOT NULL,
    claim_id    INTEGER,                          -- no foreign key: entries outlive a deleted claim
    actor       TEXT    NOT NULL,
    actor_id    INTEGER,
    action      TEXT    NOT NULL,                 -- 'set_status', 'edit', 'merge', 'delete', 'grade',
                                                  -- 'setting', 'watch', 'unwatch', 'import'
    old_status  TEXT,
    new_status  TEXT,
    reason      TEXT,
    at          TEXT    NOT NULL,
    detail      TEXT                              -- old -> new per field; a deleted claim's snapshot
);

INSERT INTO audit_log_new (id, workspace, claim_id, actor, actor_id, action, old_status, new_status, reason, at)
    SELECT id, workspace, claim_id, actor, actor_id, action, old_status, new_status, reason, at
    FROM audit_log ORDER BY id;

DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;

CREATE INDEX audit_log_workspace ON audit_log (workspace, id);
CREATE INDEX audit_log_claim ON audit_log (claim_id, id);

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never deleted');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows are never changed');
END;

CREATE TABLE source_grades (
    workspace   TEXT NOT NULL,
    outlet_key  TEXT NOT NULL,                    -- the outlet lower-cased, trimmed
    outlet      TEXT NOT NULL,                    -- as the moderator wrote it
    grade       TEXT NOT NULL
        CHECK (grade IN ('reliable', 'generally reliable', 'mixed', 'unreliable', 'unrated')),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (workspace, outlet_key)
);

-- /source autocomplete: distinct outlets of a workspace.
CREATE INDEX sources_workspace_outlet ON sources (workspace, outlet);

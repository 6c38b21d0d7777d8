-- 0004: the verification desk, second part. Mirrors sqlite/0004_desk.sql.
--
-- * audit_log gets a "detail" column (what changed, old -> new; for a deleted
--   claim, a snapshot of it) and loses its foreign key to claims, so that a
--   claim can be deleted while its audit entries stay. PostgreSQL drops a
--   constraint in place: no row is copied or touched, and the append-only
--   triggers (row and TRUNCATE) stay as they are.
-- * source_grades: the newsroom's reliability grade of each outlet.

-- Whatever the foreign key was named, drop every one on audit_log (claim_id's is the only one).
DO $$
DECLARE
    fk record;
BEGIN
    FOR fk IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = 'audit_log'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE audit_log DROP CONSTRAINT %I', fk.conname);
    END LOOP;
END;
$$;

ALTER TABLE audit_log ADD COLUMN detail TEXT;   -- old -> new per field; a deleted claim's snapshot

DROP INDEX audit_log_claim;
CREATE INDEX audit_log_claim ON audit_log (claim_id, id);

CREATE TABLE source_grades (
    workspace   TEXT        NOT NULL,
    outlet_key  TEXT        NOT NULL,             -- the outlet lower-cased, trimmed
    outlet      TEXT        NOT NULL,             -- as the moderator wrote it
    grade       TEXT        NOT NULL
        CHECK (grade IN ('reliable', 'generally reliable', 'mixed', 'unreliable', 'unrated')),
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace, outlet_key)
);

-- /source autocomplete: distinct outlets of a workspace.
CREATE INDEX sources_workspace_outlet ON sources (workspace, outlet);

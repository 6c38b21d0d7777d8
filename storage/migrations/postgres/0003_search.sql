-- 0003: indexes for /search. Candidate retrieval knows the measure and uses
-- claim_terms_lookup; a search by words does not, so it needs the term first.
-- Mirrors sqlite/0003_search.sql, plus trigram indexes for matching text
-- inside subjects and figures (lower(subject) LIKE '%word%'), as the claim
-- picker of the desk commands does: without them that is a scan of every claim.

CREATE INDEX claim_terms_search ON claim_terms (workspace, term, kind, claim_id);
CREATE INDEX claims_workspace_measure ON claims (workspace, measure, id);

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, or
-- any role with CREATE on the database, may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX claims_subject_trgm ON claims USING gin (lower(subject) gin_trgm_ops);
CREATE INDEX claims_figure_text_trgm ON claims USING gin (lower(figure_text) gin_trgm_ops);

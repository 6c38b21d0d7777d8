-- 0003: indexes for /search. Candidate retrieval knows the measure and uses
-- claim_terms_lookup; a search by words does not, so it needs the term first.

CREATE INDEX claim_terms_search ON claim_terms (workspace, term, kind, claim_id);
CREATE INDEX claims_workspace_measure ON claims (workspace, measure, id);

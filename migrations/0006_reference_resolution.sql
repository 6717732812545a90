-- Reference resolution beyond identifiers (src/ingest/write.ts, src/ingest/references.ts). An entry
-- is resolved by the first of these rules that matches exactly one paper (a rule that could match two
-- papers matches none), whenever either side arrives, and records which rule matched:
--   'doi'                      its DOI is a paper's DOI
--   'identifier'               another identifier of it (WoS UT, ACL id, OpenAlex id ...) is a paper's
--   'title_year'               same folded title and year (title_key)
--   'author_year_volume_page'  same first-author surname, year, volume and first page (locator_key)
-- The keys are computed by the writer in JS (case, diacritics and punctuation folded, CJK kept), so
-- rows written before this migration get theirs when their record is imported again.
CREATE TABLE paper_match (
  paper_id INTEGER PRIMARY KEY REFERENCES paper (id) ON DELETE CASCADE,
  volume TEXT,
  first_page TEXT,
  title_key TEXT,
  locator_key TEXT
);
CREATE INDEX paper_match_title_key ON paper_match (title_key) WHERE title_key IS NOT NULL;
CREATE INDEX paper_match_locator_key ON paper_match (locator_key) WHERE locator_key IS NOT NULL;

ALTER TABLE reference ADD COLUMN volume TEXT;
ALTER TABLE reference ADD COLUMN first_page TEXT;
ALTER TABLE reference ADD COLUMN title_key TEXT;
ALTER TABLE reference ADD COLUMN locator_key TEXT;
ALTER TABLE reference ADD COLUMN resolved_by TEXT
  CHECK (resolved_by IN ('doi', 'identifier', 'title_year', 'author_year_volume_page'));
UPDATE reference SET resolved_by = CASE WHEN cited_key LIKE 'doi:%' THEN 'doi' ELSE 'identifier' END
WHERE cited_paper_id IS NOT NULL;
-- Entries waiting for (or re-checked against) a paper arriving with the same key.
CREATE INDEX reference_title_key ON reference (title_key) WHERE title_key IS NOT NULL;
CREATE INDEX reference_locator_key ON reference (locator_key) WHERE locator_key IS NOT NULL;
-- Entries resolved by a key rule that an identifier may take over when its paper arrives.
CREATE INDEX reference_key_matched ON reference (cited_key)
WHERE resolved_by IN ('title_year', 'author_year_volume_page');

-- Papers whose citation count a write batch must recompute because entries of OTHER papers changed
-- their target (a key rule became ambiguous, or an identifier took over). Filled and emptied inside
-- one atomic batch, so it is always empty between batches.
CREATE TABLE citation_count_stale (
  paper_id INTEGER PRIMARY KEY
);

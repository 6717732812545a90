-- Papers written before migration 0006 have no paper_match row, and their reference entries no
-- title or locator key: the keys are computed in JS (src/ingest/references.ts), so no migration can
-- fill them. They are listed here; the writer's backfill pass (src/ingest/write.ts,
-- backfillMatchKeys) computes their keys from the stored rows before the next import writes, and
-- takes them off the list, so later imports resolve against them. A paper imported again gets
-- its keys from its record, as any other.
CREATE TABLE match_key_backfill (
  paper_id INTEGER PRIMARY KEY REFERENCES paper (id) ON DELETE CASCADE
);
INSERT INTO match_key_backfill (paper_id)
SELECT id FROM paper WHERE id NOT IN (SELECT paper_id FROM paper_match);

-- A paper's citation count, kept by the writer (src/ingest/write.ts) in the same atomic batch as
-- every change to reference: the number of DISTINCT papers with an entry resolved to it, the same
-- definition as Paper.citedBy.totalCount. Read as a column, and ordered by through an index, so
-- neither a paper's count nor "most cited first" counts edges at request time.
ALTER TABLE paper ADD COLUMN citation_count INTEGER NOT NULL DEFAULT 0;

UPDATE paper SET citation_count = (
  SELECT count(DISTINCT r.citing_paper_id) FROM reference r WHERE r.cited_paper_id = paper.id
)
WHERE id IN (SELECT cited_paper_id FROM reference WHERE cited_paper_id IS NOT NULL);

-- Both directions of papers(orderBy: CITATION_COUNT): the id tie-break follows the direction, so
-- one index serves ASC (walked forward) and DESC (walked backward).
CREATE INDEX paper_citation_count ON paper (citation_count, id);

-- Paper search (papers(search:)): one FTS5 row per paper over its title, abstract, keywords, venue
-- name and author names, ranked by bm25 with the title weighted above the abstract
-- (src/db/search.repository.ts). The rows are written by the writer (src/ingest/write.ts) in the same
-- atomic batch as the paper, from the record: keywords, venue and authors live in other tables, and
-- CJK runs are indexed as character bigrams plus their last character (src/search/text.ts), which
-- SQL cannot compute. unicode61 folds case and diacritics on both the indexed text and the query.
CREATE VIRTUAL TABLE paper_search USING fts5 (
  title, abstract, keywords, venue, authors, tokenize = 'unicode61 remove_diacritics 2'
);

-- The rows of papers already imported, as SQL can write them: Latin-script text is searchable as it
-- will be after a re-import; a CJK run is one token until its paper is imported again.
INSERT INTO paper_search (rowid, title, abstract, keywords, venue, authors)
SELECT
  p.id,
  p.title,
  coalesce(p.abstract, ''),
  coalesce((SELECT group_concat(k.term, ' ; ') FROM paper_keyword pk JOIN keyword k ON k.id = pk.keyword_id
    WHERE pk.paper_id = p.id), ''),
  coalesce((SELECT v.name FROM venue v WHERE v.id = p.venue_id), ''),
  coalesce((SELECT group_concat(au.name, ' ; ') FROM authorship a JOIN author au ON au.id = a.author_id
    WHERE a.paper_id = p.id), '')
FROM paper p;

-- The trigram index of 0001 is replaced: it needs three characters (a two-character Chinese word
-- is not found), its bm25 counts trigrams rather than words, and its triggers cost every write.
DROP TRIGGER paper_fts_insert;
DROP TRIGGER paper_fts_delete;
DROP TRIGGER paper_fts_update;
DROP TABLE paper_fts;

-- A deleted paper leaves no search row behind (the writer never deletes papers; this keeps it so).
CREATE TRIGGER paper_search_delete AFTER DELETE ON paper BEGIN
  DELETE FROM paper_search WHERE rowid = old.id;
END;

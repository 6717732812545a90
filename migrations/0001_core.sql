-- CiteQL core schema: the scholarly graph. Forward-only; never edit once landed.
-- D1 enforces foreign keys (PRAGMA foreign_keys is on for every D1 connection).
--
-- Entity ids are integers assigned by the writer (src/ingest/write.ts). Every entity that has a
-- natural identity carries it in `key` (UNIQUE), so re-importing finds the same row.

CREATE TABLE venue (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  issn TEXT,
  type TEXT
);

CREATE TABLE paper (
  id INTEGER PRIMARY KEY,
  -- The work's primary identifier key at first import (e.g. 'acl:P08-1001'); all of its
  -- identifiers live in external_id.
  key TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT,
  year INTEGER,
  publication_date TEXT,
  doi TEXT,
  type TEXT,
  language TEXT,
  venue_id INTEGER REFERENCES venue (id)
);
CREATE INDEX paper_year ON paper (year, id);
CREATE INDEX paper_venue ON paper (venue_id, id);
CREATE INDEX paper_title ON paper (title COLLATE NOCASE, id);

CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  -- 'orcid:...', 'openalex:A...', or 'name:<normalized name>' when the source has no id.
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- Not UNIQUE: sources disagree, and a conflicting ORCID must not fail a whole import batch.
  -- Lookups by ORCID go through external_id.
  orcid TEXT
);
CREATE INDEX author_name ON author (name COLLATE NOCASE);

CREATE TABLE institution (
  id INTEGER PRIMARY KEY,
  -- 'ror:...', 'openalex:I...', or 'name:<normalized name>'.
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  ror TEXT,
  country TEXT,
  type TEXT
);

CREATE TABLE keyword (
  id INTEGER PRIMARY KEY,
  -- lower-cased, whitespace-collapsed term: 'Machine Translation' and 'machine translation' are one.
  key TEXT NOT NULL UNIQUE,
  term TEXT NOT NULL
);

-- An author's place in a paper's byline. The affiliation belongs to the authorship (the author's
-- institution on that paper), not to the author.
CREATE TABLE authorship (
  paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES author (id),
  raw_name TEXT NOT NULL,
  PRIMARY KEY (paper_id, position)
) WITHOUT ROWID;
CREATE INDEX authorship_author ON authorship (author_id, paper_id);

CREATE TABLE authorship_institution (
  paper_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  institution_id INTEGER NOT NULL REFERENCES institution (id),
  PRIMARY KEY (paper_id, position, institution_id),
  FOREIGN KEY (paper_id, position) REFERENCES authorship (paper_id, position) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX authorship_institution_institution ON authorship_institution (institution_id, paper_id);

CREATE TABLE paper_keyword (
  paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
  keyword_id INTEGER NOT NULL REFERENCES keyword (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (paper_id, keyword_id)
) WITHOUT ROWID;
CREATE INDEX paper_keyword_keyword ON paper_keyword (keyword_id, paper_id);

-- Every entry of a reference list, in order, resolved or not. `cited_key` is the normalized
-- identifier of the cited work when the source gave one; `cited_paper_id` is set as soon as a paper
-- with that identifier exists (on insert, or when that paper is imported later).
CREATE TABLE reference (
  citing_paper_id INTEGER NOT NULL REFERENCES paper (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  raw_text TEXT,
  source_database TEXT,
  cited_paper_id INTEGER REFERENCES paper (id) ON DELETE SET NULL,
  cited_key TEXT,
  cited_external_id TEXT,
  title TEXT,
  authors TEXT,
  year INTEGER,
  venue TEXT,
  doi TEXT,
  PRIMARY KEY (citing_paper_id, position)
) WITHOUT ROWID;
-- Both directions of the citation edge, covering, resolved edges only.
CREATE INDEX reference_cited ON reference (cited_paper_id, citing_paper_id) WHERE cited_paper_id IS NOT NULL;
CREATE INDEX reference_citing ON reference (citing_paper_id, cited_paper_id) WHERE cited_paper_id IS NOT NULL;
-- Unresolved entries, found by key when their work arrives.
CREATE INDEX reference_unresolved ON reference (cited_key) WHERE cited_paper_id IS NULL AND cited_key IS NOT NULL;

-- One lookup path for every identifier of every entity: DOI, OpenAlex, ACL, ORCID, ROR ...
-- `key` is 'namespace:normalized value' (src/ids.ts); `value` is as the source wrote it.
CREATE TABLE external_id (
  key TEXT PRIMARY KEY,
  namespace TEXT NOT NULL,
  value TEXT NOT NULL,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('paper', 'author', 'institution', 'venue')),
  entity_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX external_id_entity ON external_id (entity_type, entity_id);

-- Full-text search over titles and abstracts (the search issue builds on it). Trigram tokenizer so
-- CJK titles, which have no spaces, are searchable too. External content: the text lives in paper.
CREATE VIRTUAL TABLE paper_fts USING fts5 (
  title, abstract, content = 'paper', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER paper_fts_insert AFTER INSERT ON paper BEGIN
  INSERT INTO paper_fts (rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
END;
CREATE TRIGGER paper_fts_delete AFTER DELETE ON paper BEGIN
  INSERT INTO paper_fts (paper_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
END;
CREATE TRIGGER paper_fts_update AFTER UPDATE OF title, abstract ON paper
WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract BEGIN
  INSERT INTO paper_fts (paper_fts, rowid, title, abstract) VALUES ('delete', old.id, old.title, old.abstract);
  INSERT INTO paper_fts (rowid, title, abstract) VALUES (new.id, new.title, new.abstract);
END;

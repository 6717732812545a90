-- Names in the order autocomplete and `institutions`/`venues(orderBy: NAME)` read them: a prefix
-- is a range of these indexes (COLLATE NOCASE: ASCII case folded, as author_name and paper_title
-- already are). Keywords use their UNIQUE folded key, papers paper_title, authors author_name.
CREATE INDEX institution_name ON institution (name COLLATE NOCASE);
CREATE INDEX venue_name ON venue (name COLLATE NOCASE);

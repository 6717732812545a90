-- The data version: a counter every write batch increments (src/ingest/write.ts) in the same atomic
-- batch as its rows. It is part of every edge-cache key, so an answer cached before a write is never
-- served after it, and nothing has to be purged. One row (id = 1), created by the first write.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);

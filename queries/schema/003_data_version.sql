-- Schema v3: one counter bumped in the same transaction as every write to the data, so caches
-- of computed metrics can be keyed by it and never serve numbers from before an import.
CREATE TABLE data_version (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  version    BIGINT NOT NULL,
  changed_at TIMESTAMPTZ
);
INSERT INTO data_version VALUES (1, 0, NULL);

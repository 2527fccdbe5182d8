-- Schema v2: the rest of the canonical model's ingest tables (DESIGN.md "Canonical model").

-- The timeline of each incident. `ordinal` tells apart events of the same kind at the same
-- instant (exports round to the minute), so re-importing a timeline never doubles it.
CREATE TABLE incident_events (
  source      VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL,
  kind        VARCHAR NOT NULL,   -- status, acknowledged, escalated, reassigned, reopened, resolved, stakeholder_update, on_hold, resumed
  ordinal     INTEGER NOT NULL DEFAULT 0,
  from_value  VARCHAR,
  to_value    VARCHAR,
  level       INTEGER,            -- escalation level, when the source has one
  actor       VARCHAR,
  body        VARCHAR,
  PRIMARY KEY (source, external_id, occurred_at, kind, ordinal)
);

-- Follow-ups from post-incident reviews.
CREATE TABLE action_items (
  source       VARCHAR NOT NULL,
  item_id      VARCHAR NOT NULL,
  external_id  VARCHAR,           -- the incident it follows up, when known
  title        VARCHAR,
  owner        VARCHAR,
  status       VARCHAR,
  created_at   TIMESTAMPTZ,
  due_at       TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  raw          JSON NOT NULL,
  imported_at  TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  quality_flags VARCHAR[] NOT NULL DEFAULT [],
  PRIMARY KEY (source, item_id)
);

CREATE SEQUENCE import_run_ids START 1;

-- One row per import or sync run: what ran and what it did, failures included.
CREATE TABLE import_runs (
  run_id      INTEGER PRIMARY KEY DEFAULT nextval('import_run_ids'),
  kind        VARCHAR NOT NULL,   -- import | sync
  source      VARCHAR NOT NULL,
  profile     VARCHAR,
  target      VARCHAR NOT NULL DEFAULT 'incidents',  -- incidents | action_items
  files       VARCHAR[] NOT NULL DEFAULT [],
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  status      VARCHAR NOT NULL,   -- ok | failed
  rows_read   INTEGER NOT NULL DEFAULT 0,
  inserted    INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  unchanged   INTEGER NOT NULL DEFAULT 0,
  flagged     INTEGER NOT NULL DEFAULT 0,
  duplicates  INTEGER NOT NULL DEFAULT 0,
  error       VARCHAR
);

-- Configured API sources and their sync cursors; a cursor is committed only with its data.
CREATE TABLE sources (
  name       VARCHAR PRIMARY KEY,
  type       VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE sync_state (
  source     VARCHAR PRIMARY KEY,
  cursor     VARCHAR,
  updated_at TIMESTAMPTZ NOT NULL
);

-- Schema v1: the canonical incidents table (DESIGN.md "Canonical model").
-- Every timestamp is TIMESTAMPTZ stored in UTC; durations are computed in queries, never stored.
-- (source, external_id) identifies an incident across re-imports and syncs, so importing the
-- same record twice updates one row instead of counting the incident twice.
CREATE TABLE incidents (
  source                  VARCHAR NOT NULL,
  external_id             VARCHAR NOT NULL,
  title                   VARCHAR,
  service                 VARCHAR,
  team                    VARCHAR,
  severity                VARCHAR,
  severity_rank           INTEGER,
  priority                VARCHAR,
  status                  VARCHAR,
  opened_at               TIMESTAMPTZ,
  detected_at             TIMESTAMPTZ,
  acknowledged_at         TIMESTAMPTZ,
  mitigated_at            TIMESTAMPTZ,
  resolved_at             TIMESTAMPTZ,
  closed_at               TIMESTAMPTZ,
  reopen_count            INTEGER NOT NULL DEFAULT 0,
  escalation_count        INTEGER NOT NULL DEFAULT 0,
  reassignment_count      INTEGER NOT NULL DEFAULT 0,
  assignee                VARCHAR,
  root_cause              VARCHAR,
  is_drill                BOOLEAN NOT NULL DEFAULT false,
  customer_impact_minutes DOUBLE,
  postmortem_url          VARCHAR,
  postmortem_done_at      TIMESTAMPTZ,
  url                     VARCHAR,
  custom                  JSON,
  raw                     JSON NOT NULL,
  imported_at             TIMESTAMPTZ NOT NULL,
  updated_at              TIMESTAMPTZ NOT NULL,
  quality_flags           VARCHAR[] NOT NULL DEFAULT [],
  PRIMARY KEY (source, external_id)
);

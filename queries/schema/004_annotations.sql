-- Schema v4: process-change annotations (DESIGN.md "regular updates"): a dated change, with an
-- optional scope (filters like {"severity":["SEV1"]}) saying which incidents it was meant to affect,
-- so its before/after comparison looks at those incidents only.
CREATE SEQUENCE annotation_ids START 1;
CREATE TABLE annotations (
  id          INTEGER PRIMARY KEY DEFAULT nextval('annotation_ids'),
  date        DATE NOT NULL,
  label       VARCHAR NOT NULL,
  description VARCHAR,
  scope       JSON,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

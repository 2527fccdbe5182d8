-- Schema v5: summary-email deliveries. One row per (schedule, period) is the claim that makes a
-- delivery exactly-once: it is inserted before anything is sent, so a second run of the same
-- schedule or a restarted server sees it; it carries the outcome per recipient. Every attempt
-- (and its failure) is kept in delivery_attempts.
CREATE TABLE deliveries (
  schedule     VARCHAR NOT NULL,
  period       VARCHAR NOT NULL,            -- '2026-10', '2026-Q3', '2026-W43'
  status       VARCHAR NOT NULL,            -- sending | sent | partial | failed | skipped | interrupted
  late         BOOLEAN NOT NULL DEFAULT false,
  due_at       TIMESTAMPTZ NOT NULL,        -- the scheduled run the delivery belongs to
  claimed_at   TIMESTAMPTZ NOT NULL,
  finished_at  TIMESTAMPTZ,
  attempts     INTEGER NOT NULL DEFAULT 0,
  subject      VARCHAR,
  message_id   VARCHAR,
  recipients   JSON NOT NULL DEFAULT '{}',  -- address -> pending | sent | failed
  error        VARCHAR,
  PRIMARY KEY (schedule, period)
);

CREATE SEQUENCE delivery_attempt_ids START 1;
CREATE TABLE delivery_attempts (
  id        INTEGER PRIMARY KEY DEFAULT nextval('delivery_attempt_ids'),
  schedule  VARCHAR NOT NULL,
  period    VARCHAR NOT NULL,
  attempt   INTEGER NOT NULL,
  attempted_at TIMESTAMPTZ NOT NULL,
  outcome   VARCHAR NOT NULL,               -- sent | rejected | failed | interrupted
  accepted  JSON NOT NULL DEFAULT '[]',
  rejected  JSON NOT NULL DEFAULT '[]',
  error     VARCHAR
);

-- Schema v6: reopen, escalation and reassignment counts may be unknown. A source that doesn't
-- record them (a CSV without the column, ServiceNow's one-row-per-incident list for
-- escalations, an API read without its timeline) stored 0, which the rates then counted as
-- "never reopened / never escalated": an escalation rate of 0% that was really "not recorded".
-- NULL now means unknown, and the rates leave those incidents out of n. Rows stored before this
-- version keep their 0 (what was unknown can't be told apart here) until their source is read
-- again in full — `hindsight import` of its file, or `hindsight sync --full` (an incremental
-- sync re-reads only recent changes) — which rewrites them, since an upsert compares the typed
-- values (ingest/load.ts).
ALTER TABLE incidents ALTER COLUMN reopen_count DROP NOT NULL;
ALTER TABLE incidents ALTER COLUMN reopen_count DROP DEFAULT;
ALTER TABLE incidents ALTER COLUMN escalation_count DROP NOT NULL;
ALTER TABLE incidents ALTER COLUMN escalation_count DROP DEFAULT;
ALTER TABLE incidents ALTER COLUMN reassignment_count DROP NOT NULL;
ALTER TABLE incidents ALTER COLUMN reassignment_count DROP DEFAULT;

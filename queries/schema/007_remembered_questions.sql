-- Schema v7: the dashboard questions the server answered most recently (server/warm-answers.ts),
-- kept across restarts: a restarted server asks them again into its answer cache before the next
-- visitor does, instead of making that visitor wait for DuckDB. Paths only (no host).
CREATE TABLE remembered_questions (
  position INTEGER PRIMARY KEY,  -- 0 = the most recent
  path     VARCHAR NOT NULL      -- path and query string, e.g. /api/metrics?metric=mtta,mttr,count
);

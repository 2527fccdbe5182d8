/**
 * GET /api/sources: each data source (incidents, action items, time span, last run, last
 * success, last error, lag — queries/sources.ts) with its schedule when hindsight.yaml gives it
 * one (next run, a run in progress, ticks skipped because a run was still going), and the latest
 * import runs. Nothing about credentials is ever part of the answer.
 */
import { Hono } from 'hono';
import { sourcesReport } from '../../queries/sources.ts';
import type { AppDeps } from '../deps.ts';
import { SYNC_JOB_PREFIX } from '../scheduler/sync-jobs.ts';

export interface SourceSchedule {
  cron: string;
  timezone: string;
  next_run_at: string | null;
  running_since: string | null;
  /** Ticks skipped since the server started because the previous sync was still going. */
  skipped: number;
}

export function sourcesRoutes(deps: AppDeps) {
  return new Hono().get('/sources', async (c) => {
    const configured = (deps.config?.sources ?? []).map((source) => source.name);
    const report = await sourcesReport(deps.db.connection, { now: deps.now?.() ?? new Date(), configured });
    const jobs = new Map((deps.jobs?.() ?? []).map((job) => [job.name, job]));
    const sources = report.sources.map((source) => {
      const job = jobs.get(`${SYNC_JOB_PREFIX}${source.source}`);
      const schedule: SourceSchedule | null = job
        ? { cron: job.cron, timezone: job.timezone, next_run_at: job.next_run_at, running_since: job.running_since, skipped: job.skipped }
        : null;
      return { ...source, schedule };
    });
    return c.json({ sources, runs: report.runs }, 200);
  });
}

/**
 * GET /api/schedules — each summary-email schedule of hindsight.yaml: its cron and zone, the
 *   period it reports on, recipients, scope, its next run (from the running scheduler, or computed
 *   when none runs) and its latest delivery.
 * GET /api/deliveries — the latest deliveries (status, late, per-recipient outcome, attempts,
 *   error), newest first, and `warnings`: those that failed, reached only some recipients, or
 *   were interrupted — what the dashboard shows as a warning.
 */
import { Hono } from 'hono';
import { listAttempts, listDeliveries, type Delivery } from '../../queries/deliveries.ts';
import type { AppDeps } from '../deps.ts';
import { nextRun } from '../email/periods.ts';
import { EMAIL_JOB_PREFIX } from '../scheduler/email-jobs.ts';
import { configOf } from './context.ts';

export const WARNING_STATUSES: ReadonlyArray<Delivery['status']> = ['failed', 'partial', 'interrupted'];

export function deliveriesRoutes(deps: AppDeps) {
  return new Hono()
    .get('/schedules', async (c) => {
      const config = configOf(deps);
      const jobs = new Map((deps.jobs?.() ?? []).map((job) => [job.name, job]));
      const deliveries = await listDeliveries(deps.db.connection, 1000);
      const now = deps.now ? deps.now() : new Date();
      return c.json({
        schedules: config.schedules.map((schedule) => {
          const job = jobs.get(`${EMAIL_JOB_PREFIX}${schedule.name}`);
          const latest = deliveries.find((d) => d.schedule === schedule.name) ?? null;
          return {
            name: schedule.name, cron: schedule.cron, tz: schedule.tz, period: schedule.period, to: schedule.to, cc: schedule.cc,
            filter: schedule.filter, skip_when_empty: schedule.skip_when_empty, attach: schedule.attach,
            next_run_at: job ? job.next_run_at : (nextRun(schedule.cron, schedule.tz, now)?.toISOString() ?? null),
            running: job ? job.running_since !== null : false,
            last_delivery: latest,
          };
        }),
      }, 200);
    })
    .get('/deliveries', async (c) => {
      const deliveries = await listDeliveries(deps.db.connection, 100);
      const withAttempts = [];
      for (const delivery of deliveries) withAttempts.push({ ...delivery, attempt_log: await listAttempts(deps.db.connection, delivery.schedule, delivery.period) });
      return c.json({ deliveries: withAttempts, warnings: withAttempts.filter((d) => WARNING_STATUSES.includes(d.status)) }, 200);
    });
}

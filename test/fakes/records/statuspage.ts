/**
 * The fake status page (githubstatus.com's page object):
 * - bhbcjn4n3jzp, gx7js8bd0jpz, bmpybhnrky3x: the three REAL incidents of
 *   fixtures/samples/statuspage/githubstatus-incidents.json (critical / major / minor);
 * - lc8s9rtyjmgq: the REAL single incident of githubstatus-incident-by-id.json
 *   (investigating → identified → monitoring → resolved);
 * - gen…: generated resolved incidents in July 2026 (investigating, then resolved 30 min later).
 */
import { readFileSync } from 'node:fs';
import type { SpIncident } from '../statuspage.ts';

const LIST = new URL('../../../fixtures/samples/statuspage/githubstatus-incidents.json', import.meta.url);
const ONE = new URL('../../../fixtures/samples/statuspage/githubstatus-incident-by-id.json', import.meta.url);

export function statuspageData(generated = 4): { page: Record<string, unknown>; incidents: SpIncident[] } {
  const list = JSON.parse(readFileSync(LIST, 'utf8')) as { page: Record<string, unknown>; incidents: SpIncident[] };
  const one = JSON.parse(readFileSync(ONE, 'utf8')) as { incident: SpIncident };
  return { page: list.page, incidents: [...list.incidents, one.incident, ...Array.from({ length: generated }, (_, index) => madeIncident(`gen${String(index + 1).padStart(4, '0')}`, `2026-07-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`))] };
}

/** An incident opened at `created`, resolved 30 minutes later (or still investigating). */
export function madeIncident(id: string, created: string, resolved = true): SpIncident {
  const at = (minutes: number) => new Date(Date.parse(created) + minutes * 60_000).toISOString();
  const update = (n: number, status: string, minutes: number, body: string) => ({
    id: `${id}u${n}`, status, body, incident_id: id, created_at: at(minutes), updated_at: at(minutes), display_at: at(minutes),
    affected_components: null, deliver_notifications: true, custom_tweet: null, tweet_id: null,
  });
  const updates = [update(1, 'investigating', 0, 'We are investigating reports of degraded performance.')];
  if (resolved) updates.unshift(update(2, 'resolved', 30, 'This incident has been resolved.'));
  return {
    id, name: `Degraded performance ${id}`, status: resolved ? 'resolved' : 'investigating', impact: 'minor',
    created_at: created, updated_at: at(resolved ? 30 : 0), monitoring_at: null, resolved_at: resolved ? at(30) : null, started_at: created,
    shortlink: `https://stspg.io/${id}`, page_id: 'kctbh9vrtdwd', incident_updates: updates, components: [], reminder_intervals: null,
  };
}

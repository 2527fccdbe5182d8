/**
 * The fake GitHub repository (fixtures/samples/github/README.md says where each file comes from):
 * - issues #1–#13: the REAL recorded issues of octokit/fixtures' paginate-issues scenario,
 *   unlabelled, so the `labels=incident` filter must leave them out;
 * - #14–#19 with their timelines: fixtures/samples/github/incident-issues.json (#18 is a pull
 *   request carrying the label: listed by the API, dropped by the connector);
 * - #20…: generated sev4 incidents in #14's shape, one a day from 2022-08-01, assigned after
 *   15 min, closed after 1 h.
 */
import { readFileSync } from 'node:fs';
import type { GhIssue } from '../github.ts';

const RECORDED = new URL('../../../fixtures/samples/github/issues-list-paginated-recorded.json', import.meta.url);
const INCIDENTS = new URL('../../../fixtures/samples/github/incident-issues.json', import.meta.url);
export const GH_REPO = 'octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe';
export const GH_REPOSITORY_ID = 515435940;

export function githubData(generated = 6): { issues: GhIssue[]; timelines: Map<number, unknown[]> } {
  const recorded = (JSON.parse(readFileSync(RECORDED, 'utf8')) as Array<{ body: GhIssue[] }>).flatMap((exchange) => exchange.body);
  const incidents = (JSON.parse(readFileSync(INCIDENTS, 'utf8')) as { issues: Array<GhIssue & { timeline?: unknown[] }> }).issues;
  const timelines = new Map<number, unknown[]>();
  const issues: GhIssue[] = [...recorded];
  for (const { timeline, ...issue } of [...incidents, ...Array.from({ length: generated }, (_, index) => made(incidents[0]!, 20 + index))]) {
    issues.push(issue as GhIssue);
    timelines.set(issue.number, timeline ?? []);
  }
  for (const issue of recorded) timelines.set(issue.number, []);
  return { issues, timelines };
}

function made(template: GhIssue & { timeline?: unknown[] }, number: number): GhIssue & { timeline: unknown[] } {
  const day = String(number - 19).padStart(2, '0');
  const at = (time: string) => `2022-08-${day}T${time}Z`;
  const [labelIncident] = template.labels as Array<Record<string, unknown>>;
  const actor = template.user as Record<string, unknown>;
  const event = (id: number, kind: string, time: string, extra: Record<string, unknown>) => ({
    id: 7100000000 + number * 10 + id, node_id: `LE_gen${number}${id}`, url: `https://api.github.com/repos/${GH_REPO}/issues/events/${7100000000 + number * 10 + id}`,
    actor, event: kind, commit_id: null, commit_url: null, created_at: at(time), performed_via_github_app: null, ...extra,
  });
  const base = JSON.parse(JSON.stringify(template).replaceAll('/issues/14', `/issues/${number}`)) as GhIssue;
  delete (base as { timeline?: unknown }).timeline;
  return {
    ...base, id: 1309000000 + number, node_id: `I_kwDOHrjtpM5OBUx${number}`, number, title: `Queue backlog on worker pool ${number}`,
    labels: [labelIncident, { ...labelIncident, id: 4405000009, name: 'sev4', color: 'c2e0c6' }], state: 'closed', state_reason: 'completed',
    created_at: at('10:00:00'), updated_at: at('11:00:05'), closed_at: at('11:00:00'), comments: 0, body: null,
    timeline: [
      event(1, 'labeled', '10:00:00', { label: { name: 'incident', color: 'd73a4a' } }),
      event(2, 'assigned', '10:15:00', { assignee: actor }),
      event(3, 'closed', '11:00:00', { state_reason: 'completed' }),
    ],
  };
}

/**
 * Pure: one GitHub issue (REST `GET /repos/{o}/{r}/issues` item, with its timeline embedded as
 * `timeline` by `hindsight sync` or a saver) → an incident with canonical fields as text and its
 * timeline. Field by field (README.md has the reasons):
 *
 *   external_id      `owner/repo#number` (readable, and unique across repositories)
 *   title            title                          url        html_url
 *   severity / service / team / is_drill           from labels (labels.ts)
 *   status           open | closed | not_planned (state, and state_reason for a dropped issue)
 *   opened_at        when the incident label was added (timeline), else created_at
 *   detected_at      created_at, when the label came later (the issue existed before it was
 *                    declared an incident)
 *   acknowledged_at  first assignment or comment by someone else (timeline.ts)
 *   resolved_at      closed only: the last `closed` event, else closed_at (none when not_planned)
 *   closed_at        closed_at
 *   reopen_count, reassignment_count   from the timeline; empty without one
 *   assignee         assignee.login, else the first of assignees
 */
import type { TextIncident } from '../../canonical.ts';
import { compact, isObject, textOf, type JsonObject } from '../pagerduty/json.ts';
import { labelFacts, labelNames } from './labels.ts';
import { login, timelineOf, type GitHubTimeline } from './timeline.ts';

export interface NormalisedIssue {
  record: TextIncident;
  /** Null when the issue came without a timeline (the stored one is left alone). */
  events: GitHubTimeline['events'] | null;
}

export function issueToIncident(issue: JsonObject, repository: string | null, incidentLabels: readonly string[]): NormalisedIssue {
  const number = textOf(issue.number);
  const repo = repository ?? repositoryOf(issue);
  const labels = labelNames(issue.labels);
  const facts = labelFacts(labels);
  const createdAt = textOf(issue.created_at);
  const author = login(issue.user);
  const timeline = Array.isArray(issue.timeline) ? timelineOf(issue.timeline, incidentLabels, author, createdAt) : null;
  const state = textOf(issue.state)?.toLowerCase() ?? null;
  const reason = textOf(issue.state_reason);
  const closed = state === 'closed';
  const openedAt = timeline?.labeledAt ?? createdAt;
  const assignees = Array.isArray(issue.assignees) ? issue.assignees.map(login).filter((name) => name !== null) : [];
  const fields = {
    external_id: number === null ? null : `${repo ?? ''}#${number}`,
    title: textOf(issue.title),
    service: facts.service,
    team: facts.team,
    severity: facts.severity,
    status: closed && reason === 'not_planned' ? 'not_planned' : state,
    opened_at: openedAt,
    detected_at: timeline?.labeledAt && createdAt && Date.parse(timeline.labeledAt) > Date.parse(createdAt) ? createdAt : null,
    acknowledged_at: timeline?.acknowledgedAt ?? null,
    resolved_at: closed && reason !== 'not_planned' ? timeline?.lastClosedAt ?? textOf(issue.closed_at) : null,
    closed_at: closed ? textOf(issue.closed_at) : null,
    reopen_count: timeline ? String(timeline.reopens) : null,
    reassignment_count: timeline ? String(timeline.reassignments) : null,
    assignee: login(issue.assignee) ?? assignees[0] ?? null,
    is_drill: facts.isDrill ? 'true' : null,
    url: textOf(issue.html_url),
  };
  const custom = compact({
    repository: repo,
    number: typeof issue.number === 'number' ? issue.number : number,
    labels,
    state_reason: reason,
    author,
    comments: typeof issue.comments === 'number' ? issue.comments : null,
    milestone: isObject(issue.milestone) ? textOf(issue.milestone.title) : null,
  });
  return { record: { fields, custom, raw: issue, flags: [] }, events: timeline?.events ?? null };
}

/** `owner/repo` from repository_url (`…/repos/owner/repo`), else from html_url. */
export function repositoryOf(issue: JsonObject): string | null {
  const api = /\/repos\/([^/]+\/[^/]+)$/.exec(textOf(issue.repository_url) ?? '');
  if (api) return api[1] ?? null;
  const web = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/issues\/\d+/.exec(textOf(issue.html_url) ?? '');
  return web?.[1] ?? null;
}

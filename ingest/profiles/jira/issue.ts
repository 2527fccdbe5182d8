/**
 * Pure: one Jira REST issue (`{id, key, self, fields, changelog?}`) → an incident with canonical
 * fields as text, `custom`, and its timeline.
 *
 * - acknowledged_at: the changelog's first move out of the `new` category; without a changelog,
 *   the stop time of a completed first-response SLA cycle (JSM); else none.
 * - resolved_at: the changelog's last move into `done` when the issue is done now (the final
 *   resolution; a reopened issue that is not done has none, whatever stale `resolutiondate`
 *   Jira kept); `resolutiondate` when there is no usable changelog.
 * - url: `<site>/browse/<key>`, the site taken from the issue's REST `self` link.
 * - A changelog shorter than its `total` (expand=changelog stops at 100) is flagged
 *   `changelog_truncated`: the counts may be low and resolved_at comes from resolutiondate.
 */
import type { TextEvent, TextIncident } from '../../canonical.ts';
import { asText, getPath } from '../../read-json.ts';
import type { StatusAliases } from '../../scheme.ts';
import { buildTimeline, type Timeline } from './changelog.ts';
import { jiraTimeText } from './dates.ts';
import { TIMESTAMP_FIELDS } from './options.ts';
import { isObject } from './pages.ts';
import { categoryFromScheme, parseCategory, statusWithCategory, type StatusCategory } from './scheme.ts';
import { firstResponseAt, isSlaValue, summariseSla, type SlaSummary } from './sla.ts';

export interface IssueContext {
  /** field id → display name (expand=names). */
  names: Record<string, string>;
  bulkChangelogs: Map<string, unknown[]>;
  /** lower-cased status name → category, from the statuses the file's issues are in now. */
  categories: Map<string, StatusCategory>;
  /** dotted path → canonical field (--map). */
  map: Record<string, string>;
  /** The status words in force (ImportContext.scheme.status): defaults, Jira's, hindsight.yaml's. */
  statuses: StatusAliases;
}

export interface IssueRecord {
  incident: TextIncident;
  events: TextEvent[];
}

export function issueToRecord(issue: Record<string, unknown>, context: IssueContext): IssueRecord {
  const fields = isObject(issue.fields) ? issue.fields : {};
  const key = str(issue.key);
  const status = isObject(fields.status) ? fields.status : {};
  const statusName = str(status.name);
  const categoryKey = isObject(status.statusCategory) ? str(status.statusCategory.key) : null;
  const categoryOf = (name: string | null) => (name ? context.categories.get(name.toLowerCase()) ?? categoryFromScheme(name, context.statuses) : null);
  const current = parseCategory(categoryKey) ?? categoryOf(statusName);

  const histories = historiesOf(issue, context.bulkChangelogs);
  const truncated = histories !== null && isTruncated(issue, histories.length);
  const timeline = histories && key ? buildTimeline(key, histories, categoryOf) : null;
  const slas = slaFields(fields, context.names);

  const text: Record<string, string | null> = {
    external_id: key,
    title: str(fields.summary),
    service: Array.isArray(fields.components) ? nameOf(fields.components[0]) : null,
    severity: severityOf(fields, context.names),
    priority: nameOf(fields.priority),
    status: statusWithCategory(statusName, categoryKey, context.statuses),
    opened_at: jiraTimeText(fields.created),
    acknowledged_at: timeline?.acknowledgedAt ?? firstResponseAt(Object.values(slas)),
    resolved_at: resolvedAt(timeline, truncated, current, jiraTimeText(fields.resolutiondate)),
    reopen_count: timeline ? String(timeline.reopenCount) : null,
    reassignment_count: timeline ? String(timeline.reassignmentCount) : null,
    assignee: isObject(fields.assignee) ? str(fields.assignee.displayName) : null,
    url: browseUrl(issue.self, key),
  };
  for (const [path, field] of Object.entries(context.map)) {
    const value = getPath(issue, path);
    if (value !== undefined) text[field] = TIMESTAMP_FIELDS.includes(field) ? jiraTimeText(value) : asText(value);
  }

  const record: TextIncident = { fields: text, custom: customOf(issue, fields, slas, context.names), raw: rawOf(issue, histories), flags: truncated ? ['changelog_truncated'] : [] };
  return { incident: record, events: timeline?.events ?? [] };
}

function resolvedAt(timeline: Timeline | null, truncated: boolean, current: StatusCategory | null, resolutionDate: string | null): string | null {
  if (!timeline || truncated || timeline.statusChanges === 0 || current === null) return resolutionDate;
  if (current !== 'done') return null;
  return timeline.lastResolvedAt ?? resolutionDate;
}

/** `changelog.histories` (expand=changelog), `changelog.values` (GET …/changelog), or bulk fetch. */
function historiesOf(issue: Record<string, unknown>, bulk: Map<string, unknown[]>): unknown[] | null {
  const changelog = issue.changelog;
  if (isObject(changelog)) {
    if (Array.isArray(changelog.histories)) return changelog.histories;
    if (Array.isArray(changelog.values)) return changelog.values;
  }
  return issue.id !== undefined ? bulk.get(String(issue.id)) ?? null : null;
}

function isTruncated(issue: Record<string, unknown>, length: number): boolean {
  const changelog = issue.changelog;
  if (!isObject(changelog)) return false;
  return (typeof changelog.total === 'number' && changelog.total > length) || changelog.isLast === false;
}

/** A field named "Severity" (expand=names); without names, only --map can point at it. */
function severityOf(fields: Record<string, unknown>, names: Record<string, string>): string | null {
  const id = severityFieldId(names);
  return id ? optionText(fields[id]) : null;
}

function severityFieldId(names: Record<string, string>): string | undefined {
  return Object.keys(names).find((fieldId) => names[fieldId]?.trim().toLowerCase() === 'severity');
}

function slaFields(fields: Record<string, unknown>, names: Record<string, string>): Record<string, SlaSummary> {
  const slas: Record<string, SlaSummary> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (!isSlaValue(value)) continue;
    const summary = summariseSla(value);
    slas[names[id] ?? summary.name ?? id] = { ...summary, name: names[id] ?? summary.name };
  }
  return slas;
}

function customOf(issue: Record<string, unknown>, fields: Record<string, unknown>, slas: Record<string, SlaSummary>, names: Record<string, string>): Record<string, unknown> {
  const custom: Record<string, unknown> = {
    issue_id: str(issue.id),
    issue_type: nameOf(fields.issuetype),
    project: isObject(fields.project) ? str(fields.project.key) : null,
    reporter: isObject(fields.reporter) ? str(fields.reporter.displayName) : null,
    resolution: nameOf(fields.resolution),
    status_category: isObject(fields.status) && isObject(fields.status.statusCategory) ? str(fields.status.statusCategory.key) : null,
    labels: Array.isArray(fields.labels) ? fields.labels.filter((label) => typeof label === 'string') : [],
    components: Array.isArray(fields.components) ? fields.components.map(nameOf).filter((name) => name !== null) : [],
    updated: jiraTimeText(fields.updated),
  };
  if (Object.keys(slas).length > 0) custom.sla = slas;
  // Other custom fields, by display name when the file has them; option objects by their value.
  const others: Record<string, unknown> = {};
  const severityId = severityFieldId(names);
  for (const [id, value] of Object.entries(fields)) {
    if (!id.startsWith('customfield_') || id === severityId || value === null || value === undefined || isSlaValue(value)) continue;
    others[names[id] ?? id] = Array.isArray(value) ? value.map(optionValue) : optionValue(value);
  }
  if (Object.keys(others).length > 0) custom.custom_fields = others;
  return Object.fromEntries(Object.entries(custom).filter(([, value]) => value !== null));
}

/** The issue as the file has it; a bulk-fetched changelog is attached so a change to it updates the row. */
function rawOf(issue: Record<string, unknown>, histories: unknown[] | null): unknown {
  return histories && !isObject(issue.changelog) ? { ...issue, changeHistories: histories } : issue;
}

function browseUrl(self: unknown, key: string | null): string | null {
  if (typeof self !== 'string' || !key) return null;
  const match = /^(https?:\/\/[^/]+(?:\/[^/]+)*?)\/rest\/api\//.exec(self);
  return match ? `${match[1]}/browse/${key}` : null;
}

function optionText(value: unknown): string | null {
  const option = optionValue(value);
  return typeof option === 'string' ? option : option === null || option === undefined ? null : asText(option);
}

/** `{value}` options, `{name}` objects and `{displayName}` users → their text; anything else as is. */
function optionValue(value: unknown): unknown {
  if (!isObject(value)) return value;
  return str(value.value) ?? str(value.name) ?? str(value.displayName) ?? value;
}

function nameOf(value: unknown): string | null {
  return isObject(value) ? str(value.name) : null;
}

function str(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Collects issues from saved Jira REST responses: a search page (`/rest/api/3/search/jql`:
 * `{issues, nextPageToken?, isLast}`; deprecated `/search`: `{startAt, total, issues}`), a
 * single issue (`GET /issue/{key}`), a bulk changelog page (`/changelog/bulkfetch`:
 * `{issueChangeLogs: [{issueId, changeHistories}]}`), or a JSON array / NDJSON of any of these
 * (pages saved one after another). Bulk changelogs are matched to issues by issue id; field
 * names from `expand=names` (page or issue level) are merged.
 */
import { InputError } from '../../../queries/errors.ts';

export interface JiraPages {
  issues: Record<string, unknown>[];
  /** Values that were not objects where an issue was expected (kept and flagged). */
  strays: unknown[];
  /** issue id → change histories from bulk-fetch pages, in file order. */
  bulkChangelogs: Map<string, unknown[]>;
  /** field id (`customfield_10030`) → display name. */
  names: Record<string, string>;
}

export function collectPages(file: string, parsed: unknown): JiraPages {
  const pages: JiraPages = { issues: [], strays: [], bulkChangelogs: new Map(), names: {} };
  const values = Array.isArray(parsed) ? parsed : [parsed];
  for (const value of values) addValue(pages, value);
  if (pages.issues.length === 0) {
    throw new InputError(
      `${file}: no Jira issues found; expected a saved REST search response ({"issues": [...]}), an issue, or an array of them.`,
    );
  }
  return pages;
}

function addValue(pages: JiraPages, value: unknown): void {
  if (!isObject(value)) {
    pages.strays.push(value);
    return;
  }
  addNames(pages, value.names);
  if (Array.isArray(value.issueChangeLogs)) {
    for (const log of value.issueChangeLogs) {
      if (!isObject(log) || log.issueId === undefined || !Array.isArray(log.changeHistories)) continue;
      const id = String(log.issueId);
      pages.bulkChangelogs.set(id, [...(pages.bulkChangelogs.get(id) ?? []), ...log.changeHistories]);
    }
  }
  if (Array.isArray(value.issues)) {
    for (const issue of value.issues) {
      if (isObject(issue)) {
        addNames(pages, issue.names);
        pages.issues.push(issue);
      } else pages.strays.push(issue);
    }
  } else if ('fields' in value || 'key' in value) {
    pages.issues.push(value);
  } else if (!Array.isArray(value.issueChangeLogs)) {
    pages.strays.push(value);
  }
}

function addNames(pages: JiraPages, names: unknown): void {
  if (!isObject(names)) return;
  for (const [id, name] of Object.entries(names)) if (typeof name === 'string') pages.names[id] = name;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

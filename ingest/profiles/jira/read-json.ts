/**
 * Stages saved Jira REST JSON (see pages.ts for the shapes) through JavaScript: nested fields,
 * changelogs and SLA objects need code, and such files are small next to CSV exports. Issues
 * become incident records, changelogs become the timeline table.
 */
import type { TextEvent, TextIncident } from '../../canonical.ts';
import { readJsonFile, readNdjsonFile } from '../../read-json.ts';
import { quoteIdent } from '../../sql.ts';
import { stageEventRecords, stageIncidentRecords } from '../../stage-records.ts';
import { formatOf } from '../generic/options.ts';
import type { ImportContext, StagedImport } from '../types.ts';
import { issueToRecord } from './issue.ts';
import { collectPages, isObject, type JiraPages } from './pages.ts';
import { parseCategory, type StatusCategory } from './scheme.ts';

export async function stageJiraJson(context: ImportContext): Promise<StagedImport> {
  const parsed = formatOf(context.file) === 'ndjson' ? readNdjsonFile(context.file) : readJsonFile(context.file);
  const pages = collectPages(context.file, parsed);
  const issueContext = { names: pages.names, bulkChangelogs: pages.bulkChangelogs, categories: currentCategories(pages), map: context.map, statuses: context.scheme.status };
  const incidents: TextIncident[] = [];
  const events: TextEvent[] = [];
  let withChangelog = false;
  for (const issue of pages.issues) {
    const record = issueToRecord(issue, issueContext);
    incidents.push(record.incident);
    events.push(...record.events);
    withChangelog ||= hasChangelog(issue, pages);
  }
  for (const stray of pages.strays) incidents.push({ fields: {}, raw: stray, flags: ['not_an_issue'] });

  await stageIncidentRecords(context.connection, context.stageTable, incidents);
  // Without any changelog the file says nothing about timelines: leave stored ones alone.
  if (withChangelog) await stageEventRecords(context.connection, context.eventsTable, events);
  const fields = Object.fromEntries([...new Set(incidents.flatMap((i) => Object.keys(i.fields)))].map((field) => [field, quoteIdent(field)]));
  return {
    table: context.stageTable, records: incidents.length, fields, custom: '__custom', profileFlags: '__flags',
    events: withChangelog ? context.eventsTable : null,
  };
}

/** Status name → category, from where each issue stands now (changelogs name statuses only). */
function currentCategories(pages: JiraPages): Map<string, StatusCategory> {
  const categories = new Map<string, StatusCategory>();
  for (const issue of pages.issues) {
    const status = isObject(issue.fields) && isObject(issue.fields.status) ? issue.fields.status : null;
    const category = status && isObject(status.statusCategory) ? parseCategory(String(status.statusCategory.key ?? '')) : null;
    if (status && typeof status.name === 'string' && category) categories.set(status.name.toLowerCase(), category);
  }
  return categories;
}

function hasChangelog(issue: Record<string, unknown>, pages: JiraPages): boolean {
  return isObject(issue.changelog) || (issue.id !== undefined && pages.bulkChangelogs.has(String(issue.id)));
}

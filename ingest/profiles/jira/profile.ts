/**
 * `--profile jira`: Jira's "Export → CSV (all fields)" through DuckDB's read_csv, or saved REST
 * JSON (search pages, issues, changelogs; `.json`, `.ndjson`) through JavaScript. See the
 * folder's files for the mapping: options.ts (CSV columns), issue.ts (REST fields),
 * changelog.ts (timeline), dates.ts (Jira's date formats), scheme.ts (status words).
 */
import { formatOf } from '../generic/options.ts';
import type { Profile } from '../types.ts';
import { stageJiraCsv } from './read-csv.ts';
import { stageJiraJson } from './read-json.ts';
import { JIRA_SCHEME } from './scheme.ts';

export const jiraProfile: Profile = {
  name: 'jira',
  description: 'Jira "Export → CSV (all fields)" or saved REST search JSON (with changelogs)',
  scheme: JIRA_SCHEME,
  async stage(context) {
    return formatOf(context.file) === 'csv' ? stageJiraCsv(context) : stageJiraJson(context);
  },
};

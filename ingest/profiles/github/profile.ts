/**
 * `--profile github`: GitHub issues as incidents — what `hindsight sync` fetches for a `type:
 * github` source, or a saved GET /repos/{o}/{r}/issues response (shapes.ts). Each issue becomes
 * an incident (issue.ts); its embedded timeline becomes the incident's events (timeline.ts).
 * Every issue in the file is imported: choosing which issues are incidents (labels) is the
 * query's job (the sync asks GitHub for the configured labels), so none is dropped here.
 *
 * Hazards handled here: a file that repeats an issue (pages saved from overlapping runs) keeps
 * its newest copy by updated_at, so its timeline is not doubled; an issue without a timeline
 * leaves the stored timeline as it was.
 */
import { InputError } from '../../../queries/errors.ts';
import { CANONICAL_FIELD_NAMES, type TextEvent } from '../../canonical.ts';
import { quoteIdent } from '../../sql.ts';
import { stageIncidentRecords } from '../../stage-records.ts';
import { textOf } from '../pagerduty/json.ts';
import { latestCopies } from '../pagerduty/latest-copies.ts';
import { readJsonValues } from '../pagerduty/read-values.ts';
import { stageEvents } from '../pagerduty/stage-events.ts';
import type { Profile } from '../types.ts';
import { issueToIncident } from './issue.ts';
import { GITHUB_SCHEME } from './scheme.ts';
import { findIssues } from './shapes.ts';

export const githubProfile: Profile = {
  name: 'github',
  description: 'GitHub issues as incidents (saved GET /repos/{owner}/{repo}/issues JSON, optionally with timelines)',
  scheme: GITHUB_SCHEME,
  async stage(context) {
    if (Object.keys(context.map).length > 0) {
      throw new InputError('--map is not used by the github profile (its fields are fixed); use --profile generic to map a custom layout.');
    }
    const found = findIssues(context.file, readJsonValues(context.file));
    const latest = latestCopies(found, ({ issue }) => textOf(issue.id) ?? textOf(issue.html_url), ({ issue }) => textOf(issue.updated_at));
    const records = [];
    const events: TextEvent[] = [];
    for (const { issue, repository, incidentLabels } of latest) {
      const normalised = issueToIncident(issue, repository, incidentLabels);
      records.push(normalised.record);
      const id = normalised.record.fields.external_id;
      if (id && normalised.events) events.push(...normalised.events.map((event) => ({ external_id: id, ...event })));
    }
    await stageIncidentRecords(context.connection, context.stageTable, records);
    await stageEvents(context.connection, context.eventsTable, events, []);
    const fields = Object.fromEntries(CANONICAL_FIELD_NAMES.map((name) => [name, quoteIdent(name)]));
    return { table: context.stageTable, records: found.length, fields, custom: '__custom', profileFlags: '__flags', events: context.eventsTable };
  },
};

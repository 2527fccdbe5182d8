/**
 * The statuspage profile's stage step: a saved Statuspage API v2 response (shapes.ts) → staged
 * incidents (incident.ts) and their public updates as the timeline.
 *
 * Hazards handled here:
 * - A poller that appends a snapshot of incidents.json every few minutes repeats every incident:
 *   only its newest copy (by updated_at) is staged, so its timeline is not doubled.
 * - Updates of an incident without an id can't be attached to it; they are counted as rejected
 *   events (../pagerduty/stage-events.ts).
 * - The page name is not a source name: several pages imported under the default source
 *   "statuspage" share one id space, which holds only because Statuspage ids are global.
 *   `--source <page name>` keeps pages apart (README.md).
 */
import { InputError } from '../../../queries/errors.ts';
import { CANONICAL_FIELD_NAMES, type TextEvent } from '../../canonical.ts';
import { quoteIdent } from '../../sql.ts';
import { stageIncidentRecords } from '../../stage-records.ts';
import { textOf } from '../pagerduty/json.ts';
import { latestCopies } from '../pagerduty/latest-copies.ts';
import { readJsonValues } from '../pagerduty/read-values.ts';
import { stageEvents, type UnkeyedEvent } from '../pagerduty/stage-events.ts';
import type { Profile } from '../types.ts';
import { statuspageIncident } from './incident.ts';
import { STATUSPAGE_SCHEME } from './scheme.ts';
import { findIncidents } from './shapes.ts';

export const statuspageProfile: Profile = {
  name: 'statuspage',
  description: 'Saved Atlassian Statuspage API v2 incidents (incidents.json, a single incident, or NDJSON of either)',
  scheme: STATUSPAGE_SCHEME,
  async stage(context) {
    if (Object.keys(context.map).length > 0) {
      throw new InputError('--map is not used by the statuspage profile (its fields are fixed); use --profile generic to map a custom layout.');
    }
    const found = findIncidents(context.file, readJsonValues(context.file));
    const latest = latestCopies(found, ({ incident }) => textOf(incident.id), ({ incident }) => textOf(incident.updated_at));
    const records = [];
    const events: TextEvent[] = [];
    const orphans: UnkeyedEvent[] = [];
    for (const item of latest) {
      const id = textOf(item.incident.id);
      const normalised = statuspageIncident(item);
      records.push(normalised.record);
      if (id === null) orphans.push(...normalised.events);
      else events.push(...normalised.events.map((event) => ({ external_id: id, ...event })));
    }
    await stageIncidentRecords(context.connection, context.stageTable, records);
    await stageEvents(context.connection, context.eventsTable, events, orphans);
    const fields = Object.fromEntries(CANONICAL_FIELD_NAMES.map((name) => [name, quoteIdent(name)]));
    return { table: context.stageTable, records: found.length, fields, custom: '__custom', profileFlags: '__flags', events: context.eventsTable };
  },
};

/**
 * A public Statuspage (API v2, no auth): GET /api/v2/incidents.json lists the 50 most recent
 * incidents with all their updates; there is no paging and no updated-since filter, so a sync
 * reads the list and keeps the incidents updated since the cursor (minus the overlap).
 *
 * Hazard: an incident that drops off the 50 while still open would never be refreshed. So each
 * stored incident of this source that is not resolved and not on the list is read again from
 * GET /api/v2/incidents/{id}.json; one the page no longer has (404) is kept as stored, with a note.
 */
import { MalformedPageError } from '../errors.ts';
import { isObject, isoMillis, laterIso, minus } from '../instants.ts';
import { mapLimit } from '../limit.ts';
import type { Page, ReaderContext } from '../types.ts';
import type { StatuspageSource } from './options.ts';

export async function* readStatuspage(context: ReaderContext<StatuspageSource>): AsyncGenerator<Page> {
  const { source, http } = context;
  const url = `${source.base_url}/api/v2/incidents.json`;
  const { body } = await http.getJson(url);
  if (!isObject(body) || !Array.isArray(body.incidents)) throw new MalformedPageError(source.name, 'Statuspage', url, '"incidents" is missing or not a list.');
  const listed = body.incidents.map((incident, index) => checkIncident(source.name, url, incident, index));
  const from = context.cursor ? minus(source.name, context.cursor, source.overlap).getTime() : source.start ? Date.parse(source.start) : Number.NEGATIVE_INFINITY;
  const changed = listed.filter((incident) => isoMillis(incident.updated_at) >= from);
  const onList = new Set(listed.map((incident) => String(incident.id)));
  const stale = (await context.openIncidentIds()).filter((id) => !onList.has(id));
  const refreshed = await mapLimit(stale, source.concurrency, (id) => fetchIncident(context, id));
  const records = [...changed, ...refreshed.filter((incident) => incident !== null)];
  const cursor = laterIso(context.cursor, records.map((incident) => isoMillis(incident.updated_at)));
  yield { records, cursor, meta: isObject(body.page) ? { page: body.page } : {} };
}

async function fetchIncident(context: ReaderContext<StatuspageSource>, id: string): Promise<Record<string, unknown> | null> {
  const url = `${context.source.base_url}/api/v2/incidents/${encodeURIComponent(id)}.json`;
  const response = await context.http.getJson(url, { accept: [404] });
  if (response.status === 404) {
    context.note(`The status page no longer has incident ${id}; the stored copy is kept as it was.`);
    return null;
  }
  const body = response.body;
  if (!isObject(body)) throw new MalformedPageError(context.source.name, 'Statuspage', url, 'expected {"page", "incident"}.');
  return checkIncident(context.source.name, url, body.incident, 0);
}

function checkIncident(source: string, url: string, incident: unknown, index: number): Record<string, unknown> {
  const bad = (reason: string) => new MalformedPageError(source, 'Statuspage', url, reason);
  if (!isObject(incident) || typeof incident.id !== 'string') throw bad(`incident ${index} has no "id".`);
  if (Number.isNaN(isoMillis(incident.updated_at))) throw bad(`incident ${incident.id} has no readable updated_at.`);
  if (!Array.isArray(incident.incident_updates)) throw bad(`incident ${incident.id} has no "incident_updates" list.`);
  return incident;
}

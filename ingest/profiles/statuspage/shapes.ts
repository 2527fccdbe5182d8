/**
 * Finds the incidents in a saved Statuspage file (public API v2). Accepted, alone, in a JSON
 * array, or one per NDJSON line (a poller appending a snapshot now and then):
 *
 *   {page, incidents: [...]}                 /api/v2/incidents.json (also unresolved.json, summary.json)
 *   {page, scheduled_maintenances: [...]}    /api/v2/scheduled-maintenances.json
 *   {page, incident: {...}}                  /api/v2/incidents/{id}.json
 *   a bare incident                          (has incident_updates, or name + impact)
 *
 * Each incident keeps the `page` it came with (its name goes to custom). Anything else is
 * refused with one sentence naming the file.
 */
import { InputError } from '../../../queries/errors.ts';
import { isObject, type JsonObject } from '../pagerduty/json.ts';

export interface PageIncident {
  incident: JsonObject;
  page: JsonObject | null;
  /** Listed as a scheduled maintenance (the list it came from says so, whatever its impact). */
  maintenance: boolean;
}

export function findIncidents(file: string, values: readonly unknown[]): PageIncident[] {
  const found: PageIncident[] = [];
  values.forEach((value, index) => collect(file, value, null, found, values.length > 1 ? ` (value ${index + 1})` : ''));
  if (found.length === 0) {
    throw new InputError(`${file}: no Statuspage incidents found (expected /api/v2/incidents.json, {"page", "incident"}, or incident objects).`);
  }
  return found;
}

function collect(file: string, value: unknown, page: JsonObject | null, found: PageIncident[], where: string): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(file, item, page, found, where);
    return;
  }
  if (!isObject(value)) throw new InputError(`${file}${where}: expected Statuspage JSON objects, found ${JSON.stringify(value)?.slice(0, 40)}.`);
  const ownPage = isObject(value.page) ? value.page : page;
  let known = false;
  const add = (list: unknown, maintenance: boolean) => {
    for (const incident of Array.isArray(list) ? list : [list]) {
      if (!isObject(incident)) throw new InputError(`${file}${where}: an incident in the list is not an object.`);
      found.push({ incident, page: ownPage, maintenance });
    }
    known = true;
  };
  if (Array.isArray(value.incidents)) add(value.incidents, false);
  if (Array.isArray(value.scheduled_maintenances)) add(value.scheduled_maintenances, true);
  if (isObject(value.incident)) add(value.incident, false);
  if (isObject(value.scheduled_maintenance)) add(value.scheduled_maintenance, true);
  if (known) return;
  if (isIncident(value)) found.push({ incident: value, page: ownPage, maintenance: false });
  else if (!(isObject(value.page) && Object.keys(value).length === 1)) {
    throw new InputError(`${file}${where}: not a Statuspage incident or incidents list (keys: ${Object.keys(value).slice(0, 8).join(', ')}).`);
  }
}

function isIncident(value: JsonObject): boolean {
  return Array.isArray(value.incident_updates) || ('name' in value && 'impact' in value);
}

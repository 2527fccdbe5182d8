/**
 * Finds the issues in a saved GitHub file. Accepted, alone, in a JSON array, or one per NDJSON
 * line:
 *
 *   {repository, incident_labels, issues: [...]}   what `hindsight sync` writes (a batch)
 *   [issue, …]                                      a saved GET /repos/{o}/{r}/issues page
 *   an issue                                        (has `number` and `title`)
 *
 * Issues may carry their timeline as `timeline: [...]`. `incident_labels` (default `incident`)
 * says which labels made an issue an incident, for when-it-was-declared (opened_at). Pull
 * requests (items with a `pull_request` key: the issues API lists them too) are not incidents
 * and are skipped; anything else is refused with one sentence naming the file.
 */
import { InputError } from '../../../queries/errors.ts';
import { isObject, textOf, type JsonObject } from '../pagerduty/json.ts';

export const DEFAULT_INCIDENT_LABELS = ['incident'];

export interface FoundIssue {
  issue: JsonObject;
  repository: string | null;
  incidentLabels: string[];
}

export function findIssues(file: string, values: readonly unknown[]): FoundIssue[] {
  const found: FoundIssue[] = [];
  let pulls = 0;
  const visit = (value: unknown, repository: string | null, labels: string[], where: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, repository, labels, where);
      return;
    }
    if (!isObject(value)) throw new InputError(`${file}${where}: expected GitHub issue objects, found ${JSON.stringify(value)?.slice(0, 40)}.`);
    if (Array.isArray(value.issues)) {
      const own = Array.isArray(value.incident_labels) ? value.incident_labels.filter((label): label is string => typeof label === 'string') : labels;
      visit(value.issues, textOf(value.repository) ?? repository, own, where);
      return;
    }
    if ('pull_request' in value) {
      pulls += 1;
      return;
    }
    if ('number' in value && 'title' in value) found.push({ issue: value, repository, incidentLabels: labels });
    else if (typeof value.message === 'string') throw new InputError(`${file}${where}: holds a GitHub error response ("${value.message}"), not issues.`);
    else throw new InputError(`${file}${where}: not a GitHub issue (keys: ${Object.keys(value).slice(0, 8).join(', ')}).`);
  };
  values.forEach((value, index) => visit(value, null, DEFAULT_INCIDENT_LABELS, values.length > 1 ? ` (value ${index + 1})` : ''));
  if (found.length === 0) {
    throw new InputError(`${file}: no GitHub issues found${pulls > 0 ? ` (only ${pulls} pull requests)` : ''}; expected a saved GET /repos/{owner}/{repo}/issues page or issue objects.`);
  }
  return found;
}

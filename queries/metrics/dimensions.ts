/** Breakdown dimensions. `custom.<key>` reads a key of the incident's custom fields (bound). */
import type { DimensionDef } from './types.ts';

export const DIMENSIONS: readonly DimensionDef[] = [
  { id: 'severity', label: 'Severity', expr: 'severity' },
  { id: 'service', label: 'Service', expr: 'service' },
  { id: 'team', label: 'Team', expr: 'team' },
  { id: 'root_cause', label: 'Root cause', expr: 'root_cause' },
  { id: 'source', label: 'Source', expr: 'source' },
  { id: 'assignee', label: 'Assignee', expr: 'assignee', entities: ['incidents'] },
  { id: 'drill', label: 'Drill or real', expr: "CASE WHEN is_drill THEN 'drill' ELSE 'real' END" },
  { id: 'owner', label: 'Owner', expr: 'owner', entities: ['action_items'] },
];

/** `custom.<key>`: the key is checked against this pattern and then bound, never spliced. */
export const CUSTOM_DIMENSION = /^custom\.([A-Za-z0-9_ ./-]{1,64})$/;

export function findDimension(id: string): DimensionDef | undefined {
  const custom = CUSTOM_DIMENSION.exec(id);
  if (custom) return { id, label: `Custom: ${custom[1]}`, expr: `json_extract_string(custom, :custom_${hash(id)})`, entities: ['incidents'] };
  return DIMENSIONS.find((dimension) => dimension.id === id);
}

/** The JSON path parameter a custom dimension binds. */
export function customDimensionPath(id: string): string | null {
  const custom = CUSTOM_DIMENSION.exec(id);
  return custom ? `$."${custom[1]!.replaceAll('"', '')}"` : null;
}

export function customParamName(id: string): string {
  return `custom_${hash(id)}`;
}

function hash(text: string): string {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

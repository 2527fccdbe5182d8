// The incident list's columns: which Arrow field each shows and how a cell reads. Timestamps
// arrive from Arrow as epoch milliseconds (declared Timestamp(µs, UTC) on the wire) and are shown
// in the dashboard's time zone, never the machine's.
import { MISSING, formatDateTime, formatValue, type ValueFormat } from '../../lib/format.ts';

export interface Column {
  key: string;
  label: string;
  /** CSS grid track, e.g. '9rem' or 'minmax(12rem, 1fr)'. */
  width: string;
  format: (value: unknown) => string;
  numeric?: boolean;
  sortable?: boolean;
}

const text = (value: unknown) => (value === null || value === undefined || value === '' ? MISSING : String(value));

export function incidentColumns(tz: string, value: { label: string; format: ValueFormat } | null, hit: string | null): Column[] {
  const time = (v: unknown) => formatDateTime(typeof v === 'number' ? v : null, tz);
  const columns: Column[] = [
    { key: 'external_id', label: 'Id', width: '8rem', format: text },
    { key: 'title', label: 'Title', width: 'minmax(12rem, 2fr)', format: text },
    { key: 'severity', label: 'Sev', width: '3.5rem', format: text },
    { key: 'service', label: 'Service', width: 'minmax(7rem, 1fr)', format: text },
    { key: 'team', label: 'Team', width: '6.5rem', format: text },
    { key: 'status', label: 'Status', width: '6.5rem', format: text },
    { key: 'opened_at', label: `Opened (${tz})`, width: '9.5rem', format: time },
  ];
  if (value) columns.push({ key: 'value', label: value.label, width: '6rem', numeric: true, format: (v) => (typeof v === 'number' ? formatValue(v, value.format) : MISSING) });
  if (hit) columns.push({ key: 'hit', label: hit, width: '5rem', format: (v) => (v === true ? 'yes' : v === false ? 'no' : MISSING) });
  columns.push({ key: 'resolved_at', label: 'Resolved', width: '9.5rem', format: time });
  return columns;
}

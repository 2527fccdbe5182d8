/** `hindsight metrics --metric ID[,ID] [--by DIM[,DIM]] [--grain G] [--from] [--to] [--tz] ...` */
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { runMetrics, type MetricsResult } from '../../queries/run.ts';
import { dbOption } from './options.ts';

interface MetricsFlags {
  metric: string; by?: string; grain?: string; from?: string; to?: string; tz?: string;
  cohort?: string; filter: string[]; includeDrills?: boolean; format: 'table' | 'json' | 'csv'; db?: string;
}

export function metricsCommand(): Command {
  return new Command('metrics')
    .description('compute catalog metrics, optionally by dimension and time grain')
    .requiredOption('--metric <ids>', 'comma-separated metric ids (e.g. mtta,mttr,count)')
    .option('--by <dims>', 'up to two comma-separated dimensions')
    .option('--grain <grain>', 'time bucket: day, week, month, quarter or year (default: none)')
    .option('--from <date>', 'first local date, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'last local date, exclusive (YYYY-MM-DD)')
    .option('--tz <zone>', 'IANA time zone for periods and dates (default UTC)')
    .option('--cohort <cohort>', 'opened (default) or resolved')
    .option('--filter <dim=value>', 'keep only incidents with this value (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--include-drills', 'count drills too (default: excluded)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .addOption(dbOption())
    .action(async (opts: MetricsFlags) => {
      const { request, errors } = parseMetricRequest({ ...opts, include_drills: opts.includeDrills ?? false });
      if (errors.length > 0) throw new InputError(errors.join(' '));
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const result = await runMetrics(db.connection, request);
        console.log(render(result, opts.format));
      } finally {
        db.close();
      }
    });
}

function render(result: MetricsResult, format: MetricsFlags['format']): string {
  // JSON is the rows only, for scripts: dimension values by name, `period`, `<id>_<aggregate>`.
  if (format === 'json') return JSON.stringify(result.rows, null, 2);
  const names = result.columns.map((column) => column.name);
  const cell = (value: string | number | null | undefined) =>
    value === null || value === undefined ? '' : typeof value === 'number' ? String(Math.round(value * 100) / 100) : value;
  const rows = result.rows.map((row) => names.map((name) => cell(row[name])));
  if (format === 'csv') {
    const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    return [names, ...rows].map((row) => row.map(quote).join(',')).join('\n');
  }
  const widths = names.map((name, i) => Math.max(name.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => row.map((value, i) => value.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const units = result.metrics.filter((m) => m.unit === 'seconds').map((m) => m.id).join(', ');
  const note = units ? `\n(durations of ${units} in seconds)` : '';
  return [line(names), ...rows.map(line)].join('\n') + note;
}

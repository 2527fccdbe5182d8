/**
 * `hindsight metrics --metric ID[,ID] [--by DIM[,DIM]] [--grain G] [--from] [--to] [--tz] [--cohort]
 *  [--filter dim=value ...] [--include-drills] [--clock wall|business] [--exclude-on-hold]
 *  [--format table|json|csv] [--config FILE] [--db PATH]`
 */
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { runMetrics, type MetricsResult } from '../../queries/run.ts';
import { contextAt, loadConfig } from '../config.ts';
import { addRequestFlags, rawFromFlags, type RequestFlags } from './request-flags.ts';

type MetricsFlags = RequestFlags & { metric: string; format: 'table' | 'json' | 'csv' };

export function metricsCommand(): Command {
  const command = new Command('metrics')
    .description('compute catalog metrics, optionally by dimension and time grain')
    .requiredOption('--metric <ids>', 'comma-separated metric ids (e.g. mtta,mttr,count)')
    .option('--by <dims>', 'up to two comma-separated dimensions');
  return addRequestFlags(command)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .action(async (opts: MetricsFlags) => {
      const { request, errors } = parseMetricRequest(rawFromFlags(opts));
      if (errors.length > 0) throw new InputError(errors.join(' '));
      const config = loadConfig(opts.config);
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const result = await runMetrics(db.connection, request, contextAt(config, new Date()));
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
  // Group the seconds-valued metrics by clock, so a business-hours number is never read as wall time.
  const byClock = new Map<string, string[]>();
  for (const m of result.metrics.filter((m) => m.unit === 'seconds')) byClock.set(m.clock_label ?? 'wall clock', [...(byClock.get(m.clock_label ?? 'wall clock') ?? []), m.id]);
  const units = [...byClock].map(([clock, ids]) => `${ids.join(', ')} in seconds, ${clock}`).join('; ');
  const note = units ? `\n(durations of ${units})` : '';
  return [line(names), ...rows.map(line)].join('\n') + note;
}

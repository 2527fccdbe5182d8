/**
 * `hindsight compare --metric mttr[,count,reopen] (--period 2026-10 | --from D --to D | --around D [--days 90])
 *  [--by DIM] [--tz] [--filter dim=value ...] [--clock] [--format table|json] [--config FILE] [--db PATH]`
 * Durations, counts and rates. Prints each comparison's sentence (and, for --around, each
 * severity's and the stratified test's), or the full JSON.
 */
import { Command, Option } from 'commander';
import { parseCompareRequest } from '../../queries/compare/request.ts';
import { runCompare, type CompareResult } from '../../queries/compare/run.ts';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { contextAt, loadConfig } from '../config.ts';
import { addRequestFlags, rawFromFlags, type RequestFlags } from './request-flags.ts';

type CompareFlags = RequestFlags & { metric: string; period?: string; around?: string; days?: string; format: 'table' | 'json' };

export function compareCommand(): Command {
  const command = new Command('compare')
    .description('period over period (or before/after a change) with an honest verdict')
    .requiredOption('--metric <ids>', 'comma-separated duration, count or rate metric ids (e.g. mttr,count,reopen)')
    .option('--by <dim>', 'one dimension to compare within')
    .option('--period <period>', '2026-10, 2026-Q4, 2026 or 2026-10-05: compared with the previous one')
    .option('--around <date>', 'a process-change date: compare the days before it with the days from it')
    .option('--days <n>', 'window length for --around (default 90)');
  return addRequestFlags(command, { grain: false })
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: CompareFlags) => {
      const { compare, errors } = parseCompareRequest({ ...rawFromFlags(opts), period: opts.period, around: opts.around, days: opts.days });
      if (!compare) throw new InputError(errors.join(' '));
      const config = loadConfig(opts.config);
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const result = await runCompare(db.connection, compare, contextAt(config, new Date()));
        console.log(opts.format === 'json' ? JSON.stringify(result, null, 2) : renderCompare(result));
      } finally {
        db.close();
      }
    });
}

export function renderCompare(result: CompareResult): string {
  const { current, previous } = result.windows;
  const lines = [`${current.from} to ${current.to} (exclusive) vs ${previous.from} to ${previous.to}:`];
  const label = (key: Record<string, string | null>) => Object.entries(key).map(([dim, value]) => `${dim}=${value ?? '(none)'}`).join(', ');
  for (const comparison of result.comparisons) {
    for (const row of comparison.rows) lines.push(`${Object.keys(row.key).length ? `[${label(row.key)}] ` : ''}${row.sentence}`);
    const mix = comparison.mix;
    if (mix && mix.mixEffect !== null && mix.withinEffect !== null) {
      const pct = (x: number) => `${x >= 0 ? '+' : '\u2212'}${Math.abs(Math.round(x * 100))}%`;
      lines.push(`  of which severity mix ${pct(mix.mixEffect)}, within severity ${pct(mix.withinEffect)}.`);
    }
    for (const row of comparison.strata ?? []) lines.push(`  [${label(row.key)}] ${row.sentence}`);
    const test = comparison.kind === 'rate' ? 'Cochran–Mantel–Haenszel' : 'van Elteren';
    if (comparison.stratified) lines.push(`  Stratified by severity (${test}): ${comparison.stratified.verdict}${comparison.stratified.pValue === null ? '' : ` (p = ${Number(comparison.stratified.pValue.toPrecision(2))})`}.`);
  }
  return lines.join('\n');
}

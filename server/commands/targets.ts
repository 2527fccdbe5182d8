/**
 * `hindsight targets [--grain month] [--from] [--to] [--tz] [--filter dim=value ...] [--clock]
 *  [--format table|json] [--config FILE] [--db PATH]`: attainment of hindsight.yaml's targets.
 */
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { formatDuration } from '../../queries/duration.ts';
import { parseMetricRequest } from '../../queries/request.ts';
import { targetAttainment, type TargetsResult } from '../../queries/targets/attainment.ts';
import { contextAt, loadConfig } from '../config.ts';
import { addRequestFlags, rawFromFlags, type RequestFlags } from './request-flags.ts';

export function targetsCommand(): Command {
  const command = new Command('targets').description("attainment of hindsight.yaml's targets per period, with an honest status");
  return addRequestFlags(command)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: RequestFlags & { format: 'table' | 'json' }) => {
      const { request, errors } = parseMetricRequest({ ...rawFromFlags(opts), metric: 'count' });
      if (errors.length > 0) throw new InputError(errors.join(' '));
      const config = loadConfig(opts.config);
      if (config.targets.length === 0) {
        throw new InputError(`${config.path ?? 'hindsight.yaml'}: no targets are configured; add a targets: list (docs/configuration.md).`);
      }
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const result = await targetAttainment(db.connection, request, config.targets, contextAt(config, new Date()));
        console.log(opts.format === 'json' ? JSON.stringify(result, null, 2) : renderTargets(result));
      } finally {
        db.close();
      }
    });
}

export function renderTargets(result: TargetsResult): string {
  const lines: string[] = [];
  for (const target of result.targets) {
    lines.push(target.text);
    for (const p of target.periods) {
      const show = (value: number | null) => value === null ? '–' : target.kind === 'share' ? `${Math.round(value * 1000) / 10}%` : formatDuration(value);
      const counts = target.kind === 'share' ? `${p.hits}/${p.n}` : `n=${p.n}`;
      lines.push(`  ${(p.period ?? 'all').padEnd(10)}  ${p.status.padEnd(15)}  ${show(p.value).padStart(9)}  [${show(p.lower)}, ${show(p.upper)}]  ${counts}${p.pending ? `  (${p.pending} pending)` : ''}`);
    }
  }
  return lines.join('\n');
}

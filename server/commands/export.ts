/**
 * `hindsight export [--metric ID] [--from] [--to] [--tz] [--cohort] [--filter dim=value ...]
 *  [--include-drills] [--clock] [--exclude-on-hold] --format csv|xlsx|parquet|arrow [--bom]
 *  [--out FILE] [--config FILE] [--db PATH]`: the incidents behind a metric's number, as a file.
 * Without --out the file is named for its scope and period in the current folder.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { contextAt, loadConfig } from '../config.ts';
import { EXPORT_FORMATS, planExport } from '../export/request.ts';
import { exportToFile } from '../export/run.ts';
import { addRequestFlags, rawFromFlags, type RequestFlags } from './request-flags.ts';

type ExportFlags = RequestFlags & { format: string; out?: string; bom?: boolean; sort?: string; dir?: string };

export function exportCommand(): Command {
  const command = new Command('export')
    .description('export the incidents behind a metric (its population) as CSV, XLSX, Parquet or Arrow')
    .option('--metric <id>', 'the metric whose population to export (default: every incident in the cohort)');
  return addRequestFlags(command, { grain: false })
    .addOption(new Option('--format <format>', 'file format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('--out <file>', 'where to write (default: a name stating scope and period, in the current folder)')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark, for Excel')
    .option('--sort <column>', 'list column to order by (default opened_at)')
    .option('--dir <dir>', 'asc (default) or desc')
    .action(async (opts: ExportFlags) => {
      const config = loadConfig(opts.config);
      const raw = { ...rawFromFlags(opts), format: opts.format, bom: opts.bom ?? false, sort: opts.sort, dir: opts.dir };
      const { plan, errors } = planExport(raw, contextAt(config, new Date()));
      if (!plan) throw new InputError(errors.join(' '));
      const out = resolve(opts.out ?? plan.filename);
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const rows = await exportToFile(db, plan, out);
        console.error(`Wrote ${rows} incident${rows === 1 ? '' : 's'} to ${out}.`);
      } finally {
        db.close();
      }
    });
}

/**
 * `hindsight report (--period 2026-10 | --from D --to D) [--filter dim=value ...] [--tz]
 *  [--include-drills] [--clock] [--exclude-on-hold] --format html|pdf|md|xlsx|json [--out FILE|-]
 *  [--chromium PATH] [--config FILE] [--db PATH]`: the continuous-improvement report as a file.
 * Without --out the file is named for its scope and period in the current folder; `--out -`
 * writes to standard output (for md, html and json).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { parseReportRequest } from '../../queries/report.ts';
import { contextAt, loadConfig } from '../config.ts';
import { chromiumPath } from '../report/pdf.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/render.ts';
import { addRequestFlags, rawFromFlags, type RequestFlags } from './request-flags.ts';

type ReportFlags = RequestFlags & { period?: string; format: ReportFormat; out?: string; chromium?: string };

export function reportCommand(): Command {
  const command = new Command('report')
    .description('the incident review for a month, quarter, year or range: HTML, PDF, Markdown, XLSX or JSON')
    .option('--period <period>', '2026-10 (a month), 2026-Q4 (a quarter) or 2026 (a year); or give --from and --to');
  return addRequestFlags(command, { grain: false })
    .addOption(new Option('--format <format>', 'file format').choices([...REPORT_FORMATS]).makeOptionMandatory())
    .option('--out <file>', 'where to write; "-" for standard output (default: a name stating scope and period, in the current folder)')
    .option('--chromium <path>', 'Chromium executable for --format pdf (default: "chromium:" in hindsight.yaml, $HINDSIGHT_CHROMIUM, /usr/bin/chromium)')
    .action(async (opts: ReportFlags) => {
      const config = loadConfig(opts.config);
      const { report, errors } = parseReportRequest({ ...rawFromFlags(opts), period: opts.period });
      if (!report) throw new InputError(errors.join(' '));
      if (opts.out === '-' && (opts.format === 'pdf' || opts.format === 'xlsx')) throw new InputError(`--out - writes text to standard output; a ${opts.format} file needs --out FILE.`);
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const rendered = await renderReport(db.connection, report, opts.format, config.targets, contextAt(config, new Date()), { chromium: opts.chromium ?? chromiumPath(config.chromium) });
        if (opts.out === '-') {
          process.stdout.write(rendered.body);
          return;
        }
        const out = resolve(opts.out ?? rendered.filename);
        writeFileSync(out, rendered.body);
        console.error(`Wrote ${rendered.report.title} (${rendered.report.quality.data.incidents} incidents in scope) to ${out}.`);
      } finally {
        db.close();
      }
    });
}

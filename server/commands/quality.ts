/** `hindsight quality [--format table|json] [--db PATH]`: flagged records and why. */
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { qualityReport, type QualityReport } from '../../queries/quality.ts';
import { dbOption } from './options.ts';

export function qualityCommand(): Command {
  return new Command('quality')
    .description('records an import could not fully use, per reason, with examples')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(dbOption())
    .action(async (opts: { format: 'table' | 'json'; db?: string }) => {
      const db = await openDatabase(resolveDbPath(opts.db));
      try {
        const report = await qualityReport(db.connection);
        console.log(opts.format === 'json' ? JSON.stringify(report, null, 2) : renderQuality(report));
      } finally {
        db.close();
      }
    });
}

export function renderQuality(report: QualityReport): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `${n(report.flaggedIncidents)} of ${n(report.incidents)} incidents and ${n(report.flaggedActionItems)} of ${n(report.actionItems)} action items carry a quality flag.`,
  ];
  for (const reason of report.reasons) {
    const examples = reason.examples.map((e) => `${e.source}:${e.id}`).join(', ');
    lines.push(`${n(reason.count).padStart(8)}  ${reason.table}  ${reason.reason} — ${reason.description} (e.g. ${examples})`);
  }
  return lines.join('\n');
}

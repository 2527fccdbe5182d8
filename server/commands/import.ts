/** `hindsight import FILE... --profile generic [--source NAME] [--quiet] [--db PATH]` */
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { importFile, type ImportSummary } from '../../ingest/import-file.ts';
import { PROFILE_NAMES } from '../../ingest/profiles/index.ts';
import { existsSync } from 'node:fs';
import { dbOption } from './options.ts';

export function importCommand(): Command {
  return new Command('import')
    .description('import incident files into the database (re-importing the same records changes nothing)')
    .argument('<files...>', 'files to import')
    .addOption(new Option('--profile <name>', 'the export format').choices(PROFILE_NAMES).makeOptionMandatory())
    .option('--source <name>', 'source name stored on every incident (default: the profile name)')
    .option('--quiet', 'print nothing on success')
    .addOption(dbOption())
    .action(async (files: string[], opts: { profile: string; source?: string; quiet?: boolean; db?: string }) => {
      // Check every file before opening the database, so a typo never creates or touches it.
      for (const file of files) if (!existsSync(file)) throw new InputError(`${file}: no such file.`);
      const dbPath = resolveDbPath(opts.db);
      const db = await openDatabase(dbPath);
      try {
        for (const file of files) {
          const summary = await importFile(db.connection, { file, profile: opts.profile, source: opts.source });
          if (!opts.quiet) console.log(describeImport(summary, dbPath));
        }
      } finally {
        db.close();
      }
    });
}

export function describeImport(s: ImportSummary, dbPath: string): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const parts = [`${n(s.records)} records`, `${n(s.inserted)} new`, `${n(s.updated)} updated`, `${n(s.unchanged)} unchanged`];
  if (s.duplicates > 0) parts.push(`${n(s.duplicates)} repeated an earlier id in the file (the last one was kept)`);
  const flags = Object.entries(s.flags).map(([flag, count]) => `${flag}: ${n(count)}`).join(', ');
  if (s.flagged > 0) parts.push(`${n(s.flagged)} flagged (${flags})`);
  return `Imported ${s.file} as source "${s.source}" into ${dbPath}: ${parts.join(', ')}.`;
}

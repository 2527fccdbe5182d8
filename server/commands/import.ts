/**
 * `hindsight import FILE... --profile P [--source NAME] [--map column=field ...] [--map-file F]
 *  [--tz ZONE] [--date-format FMT] [--into incidents|action_items|events] [--quiet] [--db PATH]`
 */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { importFile, type ImportSummary } from '../../ingest/import-file.ts';
import { parseMapFlags, readMapFile } from '../../ingest/mapping.ts';
import { PROFILE_NAMES } from '../../ingest/profiles/index.ts';
import { TARGET_NAMES, type Target } from '../../ingest/targets.ts';
import { startProgress } from './import-progress.ts';
import { loadConfig } from '../config.ts';
import type { Scheme } from '../../ingest/scheme.ts';
import { configOption, dbOption } from './options.ts';

interface ImportFlags {
  profile: string; source?: string; map: string[]; mapFile?: string; tz?: string; dateFormat?: string;
  into: Target; quiet?: boolean; db?: string; config?: string;
}

export function importCommand(): Command {
  return new Command('import')
    .description('import incident files into the database (re-importing the same records changes nothing)')
    .argument('<files...>', 'files to import')
    .addOption(new Option('--profile <name>', 'the export format').choices(PROFILE_NAMES).makeOptionMandatory())
    .option('--source <name>', 'source name stored on every record (default: the profile name)')
    .option('--map <column=field>', 'read a field from this column or dotted JSON path (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--map-file <file>', 'YAML file of "column: field" mappings')
    .option('--tz <zone>', 'IANA zone that times without an offset are in (default UTC)')
    .option('--date-format <fmt>', 'strptime format of the dates, when they are ambiguous (e.g. "%d/%m/%Y %H:%M")')
    .addOption(new Option('--into <target>', 'what the files hold').choices(TARGET_NAMES).default('incidents'))
    .option('--quiet', 'print nothing on success')
    .addOption(configOption())
    .addOption(dbOption())
    .action(async (files: string[], opts: ImportFlags) => {
      // Everything is checked before the database is opened, so a typo never creates or touches it.
      for (const file of files) if (!existsSync(file)) throw new InputError(`${file}: no such file.`);
      const map = { ...(opts.mapFile ? readMapFile(opts.mapFile, opts.into) : {}), ...parseMapFlags(opts.map, opts.into) };
      // hindsight.yaml's `severity:` / `status:` words win over the defaults and the profile's.
      const scheme = loadConfig(opts.config).scheme as Partial<Scheme>;
      const dbPath = resolveDbPath(opts.db);
      const db = await openDatabase(dbPath);
      try {
        for (const file of files) {
          const stop = opts.quiet ? () => {} : startProgress(db.connection, file);
          let summary: ImportSummary;
          try {
            summary = await importFile(db.connection, {
              file, profile: opts.profile, source: opts.source, map, tz: opts.tz, dateFormat: opts.dateFormat ?? null, into: opts.into, scheme,
            });
          } finally {
            stop();
          }
          if (!opts.quiet) console.log(describeImport(summary, dbPath));
        }
      } finally {
        db.close();
      }
    });
}

export function describeImport(s: ImportSummary, dbPath: string): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const parts = [`${n(s.records)} records`];
  if (s.into !== 'events') parts.push(`${n(s.inserted)} new`, `${n(s.updated)} updated`, `${n(s.unchanged)} unchanged`);
  if (s.into !== 'events' && s.duplicates > 0) parts.push(`${n(s.duplicates)} repeated an earlier id in the file (the last one was kept)`);
  const flags = Object.entries(s.flags).map(([flag, count]) => `${flag}: ${n(count)}`).join(', ');
  if (s.flagged > 0) parts.push(`${n(s.flagged)} flagged (${flags})`);
  if (s.events > 0 || s.into === 'events') parts.push(`${n(s.events)} timeline events`);
  if (s.eventsRejected > 0) {
    const why = Object.entries(s.rejected).map(([problem, r]) => `${problem}: ${n(r.count)}, e.g. record ${r.examples.join(', ')}`).join('; ');
    parts.push(`${n(s.eventsRejected)} events not stored (${why})`);
  }
  const what = s.into === 'incidents' ? '' : ` (${s.into.replace('_', ' ')})`;
  return `Imported ${s.file}${what} as source "${s.source}" into ${dbPath}: ${parts.join(', ')}.`;
}

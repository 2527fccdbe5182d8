/** `hindsight demo [--incidents N] [--seed S] [--end DATE] [--months M] [--out FILE | --db PATH]` */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_GENERATE_OPTIONS, actionItemsToCsv, eventsToCsv, generateDemo, toCsv } from '../../fixtures/generate.ts';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { importDemoSet } from '../../ingest/demo-set.ts';
import { DEMO_SOURCE } from '../serve.ts';
import { describeImport } from './import.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1.`);
  return n;
};
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('must be a whole number.');
  return n;
};
const utcDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('must be a date like 2026-12-01.');
  }
  return date;
};

interface DemoFlags { incidents: number; seed: number; end: Date; months: number; out?: string; db?: string }

export function demoCommand(): Command {
  const d = DEFAULT_GENERATE_OPTIONS;
  return new Command('demo')
    .description('generate seeded synthetic incidents (the same seed gives byte-identical output)')
    .option('--incidents <n>', 'number of incidents', positiveInt('--incidents'), d.incidents)
    .option('--seed <s>', 'random seed', integer, d.seed)
    .option('--end <date>', 'exclusive UTC end date of the generated window', utcDate, d.end)
    .option('--months <m>', 'length of the window in months', positiveInt('--months'), d.months)
    .option('--out <file>', 'write the incidents CSV to this file, with FILE-events.csv and FILE-action_items.csv beside it (default: incidents to standard output)')
    .option('--db <path>', 'import the generated incidents into this DuckDB file as source "demo"')
    .action(async (opts: DemoFlags) => {
      if (opts.out && opts.db) throw new InputError('Give either --out or --db, not both.');
      const demo = generateDemo({ incidents: opts.incidents, seed: opts.seed, end: opts.end, months: opts.months });
      const files = { incidents: toCsv(demo.incidents), events: eventsToCsv(demo.events), action_items: actionItemsToCsv(demo.actionItems) };
      if (opts.db) {
        await importCsvSet(files, resolveDbPath(opts.db));
      } else if (opts.out) {
        const base = opts.out.replace(/\.csv$/i, '');
        writeFileSync(opts.out, files.incidents);
        writeFileSync(`${base}-events.csv`, files.events);
        writeFileSync(`${base}-action_items.csv`, files.action_items);
        console.error(`Wrote ${opts.incidents.toLocaleString('en-US')} incidents to ${opts.out}, their timelines to ${base}-events.csv and action items to ${base}-action_items.csv.`);
      } else {
        process.stdout.write(files.incidents);
      }
    });
}

async function importCsvSet(files: Record<'incidents' | 'events' | 'action_items', string>, dbPath: string): Promise<void> {
  // The importer reads files with DuckDB's read_csv, so the generated CSVs go through a
  // private temporary folder that is removed whatever happens.
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-demo-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), text);
    const db = await openDatabase(dbPath);
    try {
      for (const summary of await importDemoSet(db.connection, dir, DEMO_SOURCE)) console.log(describeImport(summary, dbPath));
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

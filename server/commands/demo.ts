/** `hindsight demo [--incidents N] [--seed S] [--end DATE] [--months M] [--out FILE | --db PATH]` */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_GENERATE_OPTIONS, generateIncidents, toCsv } from '../../fixtures/generate.ts';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { importFile } from '../../ingest/import-file.ts';
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
    .option('--out <file>', 'write the CSV to this file (default: standard output)')
    .option('--db <path>', 'import the generated incidents into this DuckDB file as source "demo"')
    .action(async (opts: DemoFlags) => {
      if (opts.out && opts.db) throw new InputError('Give either --out or --db, not both.');
      const csv = toCsv(generateIncidents({ incidents: opts.incidents, seed: opts.seed, end: opts.end, months: opts.months }));
      if (opts.db) {
        await importCsvText(csv, resolveDbPath(opts.db));
      } else if (opts.out) {
        writeFileSync(opts.out, csv);
        console.error(`Wrote ${opts.incidents.toLocaleString('en-US')} incidents to ${opts.out}.`);
      } else {
        process.stdout.write(csv);
      }
    });
}

async function importCsvText(csv: string, dbPath: string): Promise<void> {
  // The importer reads files with DuckDB's read_csv, so the generated CSV goes through a
  // private temporary file that is removed whatever happens.
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-demo-'));
  try {
    const file = join(dir, 'demo-incidents.csv');
    writeFileSync(file, csv);
    const db = await openDatabase(dbPath);
    try {
      const summary = await importFile(db.connection, { file, profile: 'generic', source: DEMO_SOURCE });
      console.log(describeImport(summary, dbPath));
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

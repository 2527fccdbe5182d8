/**
 * `hindsight annotate add --date 2026-03-02 --label "…" [--description …] [--filter dim=value ...]`
 * `hindsight annotate remove ID`
 * `hindsight annotate list [--format table|json] [--with-results [--days 90]]`
 * Process-change annotations; --with-results adds each one's MTTA/MTTR before/after verdict
 * (the compare command's `--around DATE` over its scope).
 */
import { Command, Option } from 'commander';
import { addAnnotation, annotationResults, listAnnotations, removeAnnotation, type Annotation, type AnnotationResult } from '../../queries/annotations.ts';
import { openDatabase, resolveDbPath } from '../../queries/db.ts';
import { InputError } from '../../queries/errors.ts';
import { contextAt, loadConfig } from '../config.ts';
import { configOption, dbOption } from './options.ts';

const collect = (v: string, acc: string[]) => [...acc, v];

async function withDb<T>(path: string | undefined, work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(resolveDbPath(path));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export function annotateCommand(): Command {
  const command = new Command('annotate').description('process-change annotations and their before/after result');
  command.command('add')
    .description('record a process change')
    .requiredOption('--date <date>', 'the day the change took effect (YYYY-MM-DD)')
    .requiredOption('--label <text>', 'a short name for the change')
    .option('--description <text>', 'what changed and why')
    .option('--filter <dim=value>', 'the incidents the change was meant to affect (repeatable)', collect, [])
    .addOption(dbOption())
    .action(async (opts: { date: string; label: string; description?: string; filter: string[]; db?: string }) => {
      const id = await withDb(opts.db, (db) => addAnnotation(db.connection, { date: opts.date, label: opts.label, description: opts.description ?? null, filters: opts.filter }));
      console.log(String(id));
    });
  command.command('remove')
    .description('remove an annotation by id')
    .argument('<id>', 'the id that `annotate list` shows')
    .addOption(dbOption())
    .action(async (raw: string, opts: { db?: string }) => {
      const id = Number(raw);
      if (!Number.isInteger(id) || id < 1) throw new InputError(`id must be a positive whole number, got "${raw}".`);
      const removed = await withDb(opts.db, (db) => removeAnnotation(db.connection, id));
      if (!removed) throw new InputError(`No annotation with id ${id}.`);
    });
  command.command('list')
    .description('list annotations, optionally with their before/after verdicts')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--with-results', 'add the MTTA/MTTR verdict for the days before vs from each date')
    .option('--days <n>', 'window length for --with-results (default 90)', '90')
    .addOption(dbOption())
    .addOption(configOption())
    .action(async (opts: { format: 'table' | 'json'; withResults?: boolean; days: string; db?: string; config?: string }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1) throw new InputError(`days must be a positive whole number, got "${opts.days}".`);
      const config = loadConfig(opts.config);
      const rows = await withDb(opts.db, async (db) => {
        const list = await listAnnotations(db.connection);
        if (!opts.withResults) return list.map((a) => ({ ...a }));
        const context = contextAt(config, new Date());
        const out: Array<Annotation & { results?: AnnotationResult[] }> = [];
        for (const a of list) out.push({ ...a, results: await annotationResults(db.connection, a, context, days) });
        return out;
      });
      console.log(opts.format === 'json' ? JSON.stringify(rows, null, 2) : renderAnnotations(rows));
    });
  // Nested verbs end through the program's exit-code mapping (usage errors → 2), like top-level ones.
  for (const verb of command.commands) verb.exitOverride();
  return command;
}

export function renderAnnotations(rows: Array<Annotation & { results?: AnnotationResult[] }>): string {
  if (rows.length === 0) return 'No annotations.';
  const lines: string[] = [];
  for (const a of rows) {
    const scope = a.scope ? ` [${Object.entries(a.scope).map(([d, v]) => `${d}=${v.join('|')}`).join(', ')}]` : '';
    lines.push(`${a.id}  ${a.date}  ${a.label}${scope}${a.description ? ` — ${a.description}` : ''}`);
    for (const r of a.results ?? []) lines.push(`    ${r.metric}: ${r.verdict}. ${r.sentence}`);
  }
  return lines.join('\n');
}

/**
 * The review's context: process-change annotations in the period or the look-back before it,
 * each with its before/after result from the comparison engine (annotations.ts), and the
 * data-quality footnote — how many incidents the numbers leave out, and why.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { annotationResults, listAnnotations } from '../annotations.ts';
import { addDays, type Window } from '../compare/periods.ts';
import type { CompileContext } from '../compile/context.ts';
import { compilePopulation } from '../population.ts';
import { describeFlag } from '../quality.ts';
import type { MetricRequest } from '../request.ts';
import { windowRows } from './changes.ts';
import type { ReportReader } from './reader.ts';
import type { AnnotationNote, QualityNote } from './types.ts';

/** Annotations this many days before the period are still "near" it: their after-window reaches into it. */
export const ANNOTATION_LOOKBACK_DAYS = 90;

export async function annotationNotes(connection: DuckDBConnection, window: Window, context: CompileContext): Promise<AnnotationNote[]> {
  const since = addDays(window.from, -ANNOTATION_LOOKBACK_DAYS);
  const notes: AnnotationNote[] = [];
  for (const annotation of await listAnnotations(connection)) {
    if (annotation.date < since || annotation.date >= window.to) continue;
    // An annotation scoped to another slice (e.g. team=payments) than the report's filters still
    // shows: its result is computed in its own scope and says so through the sentence.
    notes.push({
      date: annotation.date, label: annotation.label, description: annotation.description,
      placement: annotation.date >= window.from ? 'in period' : 'before period',
      results: await annotationResults(connection, annotation, { ...context }, ANNOTATION_LOOKBACK_DAYS),
    });
  }
  return notes;
}

export async function qualityNote(reader: ReportReader, scope: MetricRequest, window: Window): Promise<QualityNote> {
  const { connection, context } = reader;
  const [[inScope], [withDrills]] = await Promise.all([
    windowRows(reader, scope, window, ['count', 'mttr']),
    scope.include_drills ? Promise.resolve([] as Awaited<ReturnType<typeof windowRows>>) : windowRows(reader, { ...scope, include_drills: true }, window, ['count']),
  ]);
  const incidents = Number(inScope?.count ?? 0);
  // Flags carried by the period's incidents (the cohort the numbers read), per flag.
  const population = compilePopulation({ ...scope, from: window.from, to: window.to }, null, context);
  if (population.errors.length || !population.params) throw new Error(`Report quality population: ${population.errors.join(' ')}`);
  const flagged = await connection.runAndReadAll(
    `${population.ctes}\nSELECT flag, count(*)::INTEGER AS n FROM population, unnest(quality_flags) AS t(flag) GROUP BY flag ORDER BY n DESC, flag`,
    population.params.values,
  );
  return {
    incidents,
    drills_excluded: scope.include_drills ? 0 : Number(withDrills?.count ?? 0) - incidents,
    outside_mttr: incidents - Number(inScope?.mttr_n ?? 0),
    flags: flagged.getRowObjectsJson().map((row) => ({ flag: String(row.flag), description: describeFlag(String(row.flag)), count: Number(row.n) })),
  };
}

/**
 * A large file's first import reads the file once instead of twice. Its dates are planned, and
 * its ids counted, from the first records only (a sampled scan); the typed rows go straight into
 * the store; and the stored rows then show whether the sample told the truth about the rest:
 *
 * - a repeated id anywhere fails the insert on the primary key (the sample saw none, so the
 *   "last one wins" window was left out);
 * - a date value the sample's plans cannot read is stored NULL with `invalid_<field>`, the flag
 *   every unreadable value gets anyway. Only then is the whole file scanned, and the rows stay if
 *   its plans type every value as the sample's did (planCovers: the flagged values are junk).
 *
 * Otherwise the sample is refuted: the transaction rolls back and the import starts again the
 * way it always worked (a scan of the whole file, then the insert), so a day/month order that
 * stays ambiguous still stops it before anything is written. The cost of a refuted sample is the
 * rows written before the rollback; a file whose sample already shows a repeated id, a missing
 * id or an unsettled day/month order skips the attempt.
 *
 * Hazard: the scan and the insert read the file separately (as they always did); a file
 * rewritten between them is read as two different files.
 */
import { DATE_FAMILIES, planCovers, type DateColumnPlan, type DateFamily } from './dates/index.ts';
import type { SourceScan } from './date-plans.ts';

/** Records a first import plans from before writing. Big enough to see a file's date shapes, small enough to cost little of its scan. */
export const PLAN_SAMPLE_RECORDS = 10_000;

/** Thrown inside the import's transaction when the stored rows refute the sample: roll back, scan everything, write again. */
export class SampleRefuted extends Error {
  constructor(reason: string) {
    super(`The first records did not tell the whole file (${reason}); reading it whole.`);
    this.name = 'SampleRefuted';
  }
}

/** Whether a sampled scan may be written from: its ids all present and distinct, and every day/month order settled. */
export function sampleIsUsable(scan: SourceScan): boolean {
  const ids = scan.ids;
  if (ids !== null && (ids.present !== scan.records || ids.distinct !== scan.records)) return false;
  return [...scan.plans.values()].every((plan) => plan.problem === null);
}

/** Every shape whose reading needs no column-wide decision (all but numeric day/month dates). */
const SELF_EVIDENT: readonly DateFamily[] = DATE_FAMILIES.filter((family) => family !== 'numeric');

/**
 * The plans to write with: the sample's, except that a column empty in the sample reads every
 * self-evident shape. Hazard: planned from its first records alone, a column that fills in later
 * (a field the ticket system gained) would flag every later value and refute the sample, paying
 * for the import twice; listing shapes costs nothing for a column that stays empty.
 */
export function proposedPlans(sample: SourceScan): SourceScan {
  const plans = new Map([...sample.plans].map(([field, plan]) => [field, plan.counts.values > 0 ? plan : { ...plan, families: [...SELF_EVIDENT] }]));
  return { ...sample, plans };
}

/** DuckDB's primary-key violation, which is how a repeated id beyond the sample shows. */
export function isDuplicateKey(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /^Constraint Error: PRIMARY KEY or UNIQUE constraint violation: duplicate key/.test(message);
}

/**
 * Throws SampleRefuted unless the rows typed with the sample's plans are what the whole file's
 * plans would give. `flags` are the stored rows' flag counts; `scanWhole` scans the whole file
 * (and throws, as the scan always did, when a day/month order stays ambiguous to the end).
 */
export async function confirmSample(
  sampled: ReadonlyMap<string, DateColumnPlan>, flags: Record<string, number>, scanWhole: () => Promise<SourceScan>,
): Promise<void> {
  const suspect = [...sampled.keys()].filter((field) => (flags[`invalid_${field}`] ?? 0) > 0);
  if (suspect.length === 0) return;
  const whole = await scanWhole();
  for (const field of suspect) {
    const plan = whole.plans.get(field);
    if (!plan || !planCovers(sampled.get(field)!, plan)) throw new SampleRefuted(`"${field}" holds values its first records did not show`);
  }
}

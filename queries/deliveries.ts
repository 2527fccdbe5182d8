/**
 * Summary-email deliveries (schema v5): the claim that makes each (schedule, period) delivered
 * at most once, the outcome per recipient, and every attempt. Statements are here because
 * queries/ owns the SQL; the sending lives in server/email/.
 *
 * States: sending (claimed, in progress) → sent | partial (some recipients failed for good) |
 * failed (none accepted) | skipped (empty period, skip_when_empty) | interrupted (the server
 * stopped or died mid-send; resumed at the next start for the recipients not yet accepted).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export type DeliveryStatus = 'sending' | 'sent' | 'partial' | 'failed' | 'skipped' | 'interrupted';
export type RecipientState = 'pending' | 'sent' | 'failed';

export interface Delivery {
  schedule: string;
  period: string;
  status: DeliveryStatus;
  late: boolean;
  due_at: string;
  claimed_at: string;
  finished_at: string | null;
  attempts: number;
  subject: string | null;
  message_id: string | null;
  recipients: Record<string, RecipientState>;
  error: string | null;
}

export interface DeliveryAttempt {
  schedule: string;
  period: string;
  attempt: number;
  at: string;
  outcome: 'sent' | 'rejected' | 'failed' | 'interrupted';
  accepted: string[];
  rejected: string[];
  error: string | null;
}

const ISO = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${column}`;
const SELECT = `SELECT schedule, period, status, late, ${ISO('due_at')}, ${ISO('claimed_at')}, ${ISO('finished_at')}, attempts, subject, message_id, CAST(recipients AS VARCHAR) AS recipients, error FROM deliveries`;

function toDelivery(row: Record<string, unknown>): Delivery {
  return {
    schedule: String(row.schedule), period: String(row.period), status: String(row.status) as DeliveryStatus, late: Boolean(row.late),
    due_at: String(row.due_at), claimed_at: String(row.claimed_at), finished_at: row.finished_at === null ? null : String(row.finished_at),
    attempts: Number(row.attempts), subject: row.subject === null ? null : String(row.subject), message_id: row.message_id === null ? null : String(row.message_id),
    recipients: JSON.parse(String(row.recipients)) as Record<string, RecipientState>, error: row.error === null ? null : String(row.error),
  };
}

export async function findDelivery(connection: DuckDBConnection, schedule: string, period: string): Promise<Delivery | null> {
  const rows = (await connection.runAndReadAll(`${SELECT} WHERE schedule = $1 AND period = $2`, [schedule, period])).getRowObjectsJson();
  return rows[0] ? toDelivery(rows[0]) : null;
}

/**
 * Claims (schedule, period) for sending. A new claim, or taking over an `interrupted` one, returns
 * the delivery (its recipients say who still needs the email); any other existing row — sent,
 * partial, failed, skipped, or sending by another run — returns null: nothing is sent twice.
 * One statement per branch, so two claims of the same period cannot both win (the primary key
 * refuses the second insert; the takeover is a conditional update checked by its row count).
 */
export async function claimDelivery(connection: DuckDBConnection, input: { schedule: string; period: string; dueAt: Date; late: boolean; recipients: string[]; now: Date }): Promise<Delivery | null> {
  const recipients = JSON.stringify(Object.fromEntries(input.recipients.map((address) => [address, 'pending'])));
  const inserted = await connection.runAndReadAll(
    `INSERT INTO deliveries (schedule, period, status, late, due_at, claimed_at, recipients) VALUES ($1, $2, 'sending', $3, $4::TIMESTAMPTZ, $5::TIMESTAMPTZ, $6::JSON)
     ON CONFLICT DO NOTHING RETURNING schedule`,
    [input.schedule, input.period, input.late, input.dueAt.toISOString(), input.now.toISOString(), recipients],
  );
  if (inserted.getRows().length === 0) {
    const resumed = await connection.runAndReadAll(
      `UPDATE deliveries SET status = 'sending', claimed_at = $3::TIMESTAMPTZ WHERE schedule = $1 AND period = $2 AND status = 'interrupted' RETURNING schedule`,
      [input.schedule, input.period, input.now.toISOString()],
    );
    if (resumed.getRows().length === 0) return null;
  }
  return findDelivery(connection, input.schedule, input.period);
}

/** Records one attempt and the recipients' states after it. */
export async function recordAttempt(connection: DuckDBConnection, delivery: Pick<Delivery, 'schedule' | 'period'>, attempt: Omit<DeliveryAttempt, 'schedule' | 'period'>, recipients: Record<string, RecipientState>, extra: { subject?: string; message_id?: string } = {}): Promise<void> {
  await connection.run(
    `INSERT INTO delivery_attempts (schedule, period, attempt, attempted_at, outcome, accepted, rejected, error) VALUES ($1, $2, $3, $4::TIMESTAMPTZ, $5, $6::JSON, $7::JSON, $8)`,
    [delivery.schedule, delivery.period, attempt.attempt, attempt.at, attempt.outcome, JSON.stringify(attempt.accepted), JSON.stringify(attempt.rejected), attempt.error],
  );
  await connection.run(
    `UPDATE deliveries SET attempts = attempts + 1, recipients = $3::JSON, subject = coalesce($4, subject), message_id = coalesce($5, message_id), error = $6 WHERE schedule = $1 AND period = $2`,
    [delivery.schedule, delivery.period, JSON.stringify(recipients), extra.subject ?? null, extra.message_id ?? null, attempt.error],
  );
}

/** The recipients' states without counting an attempt (pending → failed once attempts run out). */
export async function setRecipients(connection: DuckDBConnection, delivery: Pick<Delivery, 'schedule' | 'period'>, recipients: Record<string, RecipientState>): Promise<void> {
  await connection.run('UPDATE deliveries SET recipients = $3::JSON WHERE schedule = $1 AND period = $2', [delivery.schedule, delivery.period, JSON.stringify(recipients)]);
}

/** The final (or interrupted) state of a delivery. */
export async function finishDelivery(connection: DuckDBConnection, delivery: Pick<Delivery, 'schedule' | 'period'>, status: Exclude<DeliveryStatus, 'sending'>, now: Date, error: string | null = null, subject: string | null = null): Promise<void> {
  await connection.run(
    `UPDATE deliveries SET status = $3, finished_at = CASE WHEN $3 = 'interrupted' THEN NULL ELSE $4::TIMESTAMPTZ END, error = coalesce($5, error), subject = coalesce($6, subject) WHERE schedule = $1 AND period = $2`,
    [delivery.schedule, delivery.period, status, now.toISOString(), error, subject],
  );
}

/**
 * At start: a delivery still `sending` belongs to a process that died mid-send (DuckDB lets one
 * process hold the file, so it is not another live server). Marked interrupted so it is resumed
 * for the recipients not yet accepted. Returns how many.
 */
export async function markInterrupted(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(`UPDATE deliveries SET status = 'interrupted' WHERE status = 'sending' RETURNING schedule`);
  return reader.getRows().length;
}

export async function listDeliveries(connection: DuckDBConnection, limit = 100): Promise<Delivery[]> {
  const rows = (await connection.runAndReadAll(`${SELECT} ORDER BY due_at DESC, schedule LIMIT $1`, [limit])).getRowObjectsJson();
  return rows.map(toDelivery);
}

export async function listAttempts(connection: DuckDBConnection, schedule: string, period: string): Promise<DeliveryAttempt[]> {
  const rows = (await connection.runAndReadAll(
    `SELECT schedule, period, attempt, strftime(attempted_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, outcome, CAST(accepted AS VARCHAR) AS accepted, CAST(rejected AS VARCHAR) AS rejected, error FROM delivery_attempts WHERE schedule = $1 AND period = $2 ORDER BY id`,
    [schedule, period],
  )).getRowObjectsJson();
  return rows.map((row) => ({
    schedule: String(row.schedule), period: String(row.period), attempt: Number(row.attempt), at: String(row.at), outcome: String(row.outcome) as DeliveryAttempt['outcome'],
    accepted: JSON.parse(String(row.accepted)) as string[], rejected: JSON.parse(String(row.rejected)) as string[], error: row.error === null ? null : String(row.error),
  }));
}

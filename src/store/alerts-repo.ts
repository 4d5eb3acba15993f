import type { AlertLevel } from '../policy/index.js';
import { toDate, toNumber, toNumberOrNull, type Queryable } from './db.js';
import { levelRank } from './decisions-repo.js';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export interface Alert {
  id: number;
  eventId: string;
  seq: number;
  subject: string;
  level: AlertLevel;
  action: string;
  score: number;
  stage: string | null;
  family: string | null;
  /** Event time of the decision that raised it (epoch ms). */
  t: number;
  status: AlertStatus;
  caseId: number | null;
  createdAt: Date;
  acknowledgedBy: number | null;
  acknowledgedAt: Date | null;
}

const COLUMNS = `id, event_id, seq, subject, level, action, score, stage, family, t, status, case_id, created_at, acknowledged_by, acknowledged_at`;

function rowToAlert(row: Record<string, unknown>): Alert {
  return {
    id: toNumber(row.id),
    eventId: row.event_id as string,
    seq: toNumber(row.seq),
    subject: row.subject as string,
    level: row.level as AlertLevel,
    action: row.action as string,
    score: toNumber(row.score),
    stage: (row.stage as string | null) ?? null,
    family: (row.family as string | null) ?? null,
    t: toNumber(row.t),
    status: row.status as AlertStatus,
    caseId: toNumberOrNull(row.case_id),
    createdAt: toDate(row.created_at),
    acknowledgedBy: toNumberOrNull(row.acknowledged_by),
    acknowledgedAt: row.acknowledged_at ? toDate(row.acknowledged_at) : null,
  };
}

/** The work queue: most severe first, then oldest first (the one waiting longest). */
export async function alertQueue(
  db: Queryable,
  options: { status?: AlertStatus; minLevel?: AlertLevel; limit?: number; offset?: number } = {},
): Promise<Alert[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM alerts WHERE status = $1::text AND level_rank >= $2::smallint
     ORDER BY level_rank DESC, created_at, id LIMIT $3::integer OFFSET $4::integer`,
    [options.status ?? 'open', levelRank(options.minLevel ?? 'none'), options.limit ?? 100, options.offset ?? 0],
  );
  return rows.map(rowToAlert);
}

/** Alerts with id > afterId, oldest first: a live stream (SSE) polls or is woken by appendEvents. */
export async function alertsAfter(db: Queryable, afterId: number, limit = 500): Promise<Alert[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts WHERE id > $1::bigint ORDER BY id LIMIT $2::integer`, [afterId, limit]);
  return rows.map(rowToAlert);
}

export async function alertsForSubject(db: Queryable, subject: string, limit = 100): Promise<Alert[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts WHERE subject = $1::text ORDER BY seq DESC LIMIT $2::integer`, [
    subject,
    limit,
  ]);
  return rows.map(rowToAlert);
}

export async function getAlert(db: Queryable, id: number): Promise<Alert | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts WHERE id = $1::bigint`, [id]);
  return rows.length ? rowToAlert(rows[0]!) : null;
}

/** Marks an alert seen by a user; false if it was not open. */
export async function acknowledgeAlert(db: Queryable, id: number, userId: number | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2::bigint, acknowledged_at = now()
     WHERE id = $1::bigint AND status = 'open'`,
    [id, userId],
  );
  return rowCount === 1;
}

export async function closeAlert(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE alerts SET status = 'closed' WHERE id = $1::bigint AND status <> 'closed'`, [id]);
  return rowCount === 1;
}

export async function setAlertCase(db: Queryable, alertId: number, caseId: number): Promise<void> {
  await db.query('UPDATE alerts SET case_id = $2::bigint WHERE id = $1::bigint', [alertId, caseId]);
}

/** Statistics: alerts per level and UTC day of their creation, from `since`. */
export async function alertCountsByLevelDay(db: Queryable, since: Date): Promise<{ day: string; level: AlertLevel; count: number }[]> {
  const { rows } = await db.query<{ day: string; level: AlertLevel; n: unknown }>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, level, count(*) AS n
     FROM alerts WHERE created_at >= $1::timestamptz GROUP BY 1, 2 ORDER BY 1, 2`,
    [since],
  );
  return rows.map((row) => ({ day: row.day, level: row.level, count: toNumber(row.n) }));
}

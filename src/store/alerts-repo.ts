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

/** An alert as the console shows it: the alert and the reasons of the decision that raised it. */
export interface AlertView extends Alert {
  reasons: { code: string; text: string; en: string }[];
}

const VIEW_COLUMNS = `a.id, a.event_id, a.seq, a.subject, a.level, a.action, a.score, a.stage, a.family, a.t, a.status, a.case_id,
  a.created_at, a.acknowledged_by, a.acknowledged_at, d.reasons`;

function rowToView(row: Record<string, unknown>): AlertView {
  const reasons = Array.isArray(row.reasons) ? (row.reasons as { code: string; text: string; en: string }[]) : [];
  return { ...rowToAlert(row), reasons: reasons.map((r) => ({ code: r.code, text: r.text, en: r.en })) };
}

/** Where a page of the queue ends: the next page starts after this alert in queue order. */
export interface AlertCursor {
  rank: number;
  /** created_at in microseconds since the epoch (exact: a Date would lose the microseconds). */
  createdUs: string;
  id: number;
}

export interface AlertPageOptions {
  status?: AlertStatus;
  level?: AlertLevel;
  minLevel?: AlertLevel;
  family?: string;
  /** Alerts raised (created) at or after this time. */
  since?: Date;
  after?: AlertCursor;
  limit?: number;
}

/**
 * A page of the queue: most severe first, then oldest first, with a keyset cursor so pages stay
 * stable while new alerts arrive.
 */
export async function alertPage(db: Queryable, options: AlertPageOptions = {}): Promise<{ items: AlertView[]; next: AlertCursor | null }> {
  const limit = options.limit ?? 50;
  const after = options.after;
  const { rows } = await db.query(
    `SELECT ${VIEW_COLUMNS}, a.level_rank, (extract(epoch FROM a.created_at) * 1000000)::bigint AS created_us
     FROM alerts a LEFT JOIN decisions d ON d.event_id = a.event_id
     WHERE a.status = $1::text AND a.level_rank >= $2::smallint
       AND ($3::text IS NULL OR a.level = $3::text)
       AND ($4::text IS NULL OR a.family = $4::text)
       AND ($5::timestamptz IS NULL OR a.created_at >= $5::timestamptz)
       AND ($6::smallint IS NULL OR a.level_rank < $6::smallint OR (a.level_rank = $6::smallint AND
            (a.created_at, a.id) > (timestamptz 'epoch' + $7::bigint * interval '1 microsecond', $8::bigint)))
     ORDER BY a.level_rank DESC, a.created_at, a.id LIMIT $9::integer`,
    [
      options.status ?? 'open',
      levelRank(options.minLevel ?? 'none'),
      options.level ?? null,
      options.family ?? null,
      options.since ?? null,
      after ? after.rank : null,
      after ? after.createdUs : null,
      after ? after.id : null,
      limit + 1,
    ],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map(rowToView),
    next: more && last ? { rank: toNumber(last.level_rank), createdUs: String(last.created_us), id: toNumber(last.id) } : null,
  };
}

/** Alerts after `afterId` at or above a level, oldest first, as the live stream sends them. */
export async function alertViewsAfter(
  db: Queryable,
  afterId: number,
  options: { minLevel?: AlertLevel; limit?: number } = {},
): Promise<AlertView[]> {
  const { rows } = await db.query(
    `SELECT ${VIEW_COLUMNS} FROM alerts a LEFT JOIN decisions d ON d.event_id = a.event_id
     WHERE a.id > $1::bigint AND a.level_rank >= $2::smallint ORDER BY a.id LIMIT $3::integer`,
    [afterId, levelRank(options.minLevel ?? 'none'), options.limit ?? 500],
  );
  return rows.map(rowToView);
}

/** The newest alert id (0 when there is none): a stream with no cursor starts after it. */
export async function lastAlertId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: unknown }>('SELECT coalesce(max(id), 0) AS id FROM alerts');
  return toNumber(rows[0]!.id);
}

export async function alertsForCase(db: Queryable, caseId: number, limit = 200): Promise<Alert[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts WHERE case_id = $1::bigint ORDER BY id LIMIT $2::integer`, [
    caseId,
    limit,
  ]);
  return rows.map(rowToAlert);
}

/** An officer started working the case: its open alerts are acknowledged by them. Returns how many. */
export async function acknowledgeCaseAlerts(db: Queryable, caseId: number, userId: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE alerts SET status = 'acknowledged', acknowledged_by = $2::bigint, acknowledged_at = now()
     WHERE case_id = $1::bigint AND status = 'open'`,
    [caseId, userId],
  );
  return rowCount;
}

/** The case reached an outcome: its alerts leave the queue. Returns how many. */
export async function closeCaseAlerts(db: Queryable, caseId: number): Promise<number> {
  const { rowCount } = await db.query(`UPDATE alerts SET status = 'closed' WHERE case_id = $1::bigint AND status <> 'closed'`, [caseId]);
  return rowCount;
}

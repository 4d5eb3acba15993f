import type { AlertLevel } from '../policy/index.js';
import { toNumber, toNumberOrNull, type Queryable } from './db.js';

/**
 * The statistics' SQL. Every window is in event time (`t`, epoch ms, `since` inclusive, `until`
 * exclusive), the engine's clock, so a replayed or back-filled log gives the figures of when things
 * happened. Days are counted at a fixed UTC offset (China: +8 h, no daylight saving).
 */

export interface StatsWindow {
  since: number;
  until: number;
  /** Milliseconds added to event time before cutting days (8 h for China Standard Time). */
  dayOffsetMs: number;
}

/** Alerts by local day (days since the epoch), level and family. */
export async function alertCountsByDayLevelFamily(
  db: Queryable,
  w: StatsWindow,
): Promise<{ day: number; level: AlertLevel; family: string | null; count: number }[]> {
  const { rows } = await db.query<{ day: unknown; level: AlertLevel; family: string | null; n: unknown }>(
    `SELECT floor((t + $3::bigint) / 86400000.0)::bigint AS day, level, family, count(*) AS n
     FROM alerts WHERE t >= $1::bigint AND t < $2::bigint GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [w.since, w.until, w.dayOffsetMs],
  );
  return rows.map((row) => ({ day: toNumber(row.day), level: row.level, family: row.family ?? null, count: toNumber(row.n) }));
}

/**
 * Where people were stopped: for each subject, the first decision in the window that held or
 * blocked something (arrival order), counted by its stage and family.
 */
export async function firstStopsByStageFamily(
  db: Queryable,
  w: StatsWindow,
): Promise<{ stage: string | null; family: string | null; count: number }[]> {
  const { rows } = await db.query<{ stage: string | null; family: string | null; n: unknown }>(
    `SELECT stage, family, count(*) AS n FROM (
       SELECT DISTINCT ON (subject) subject, stage, family FROM decisions
       WHERE action IN ('hold', 'block') AND NOT late AND t >= $1::bigint AND t < $2::bigint
       ORDER BY subject, seq
     ) AS first_stop GROUP BY 1, 2 ORDER BY 1, 2`,
    [w.since, w.until],
  );
  return rows.map((row) => ({ stage: row.stage ?? null, family: row.family ?? null, count: toNumber(row.n) }));
}

/**
 * Money held or blocked: every hold/block decision in the window by action, family and event type,
 * with the sum of the events' `amount` in CNY (`currency` absent or CNY) and how many carried one.
 */
export async function stoppedMoney(
  db: Queryable,
  w: StatsWindow,
): Promise<{ action: 'hold' | 'block'; family: string | null; type: string; events: number; withAmount: number; amount: number }[]> {
  const { rows } = await db.query<{
    action: 'hold' | 'block';
    family: string | null;
    type: string;
    n: unknown;
    m: unknown;
    amount: unknown;
  }>(
    `SELECT d.action, d.family, e.type, count(*) AS n, count(x.amount) AS m, coalesce(sum(x.amount), 0) AS amount
     FROM decisions d JOIN events e ON e.id = d.event_id
     CROSS JOIN LATERAL (
       SELECT CASE WHEN jsonb_typeof(e.raw->'amount') = 'number' AND coalesce(e.raw->>'currency', 'CNY') = 'CNY'
                   THEN (e.raw->>'amount')::double precision END AS amount
     ) AS x
     WHERE d.action IN ('hold', 'block') AND NOT d.late AND d.t >= $1::bigint AND d.t < $2::bigint
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [w.since, w.until],
  );
  return rows.map((row) => ({
    action: row.action,
    family: row.family ?? null,
    type: row.type,
    events: toNumber(row.n),
    withAmount: toNumber(row.m),
    amount: toNumber(row.amount),
  }));
}

/**
 * Cases whose episode began in the window (first event time), by family: how many, how many were
 * resolved (reached an outcome), each outcome, the false alarms by label, and the money a confirmed
 * loss label recorded.
 */
export async function caseOutcomesByFamily(
  db: Queryable,
  w: StatsWindow,
): Promise<
  {
    family: string | null;
    cases: number;
    resolved: number;
    dissuaded: number;
    lossConfirmed: number;
    falseAlarmOutcomes: number;
    falseAlarmLabels: number;
    lossAmount: number | null;
  }[]
> {
  const { rows } = await db.query(
    `SELECT c.family, count(*) AS cases,
            count(*) FILTER (WHERE c.outcome IS NOT NULL) AS resolved,
            count(*) FILTER (WHERE c.outcome = 'dissuaded') AS dissuaded,
            count(*) FILTER (WHERE c.outcome = 'loss_confirmed') AS loss_confirmed,
            count(*) FILTER (WHERE c.outcome = 'false_alarm') AS false_alarm_outcomes,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM labels l WHERE l.case_id = c.id AND l.label = 'false_alarm')) AS false_alarm_labels,
            sum((SELECT sum(l.amount) FROM labels l WHERE l.case_id = c.id AND l.label = 'confirmed_loss')) AS loss_amount
     FROM cases c WHERE c.first_event_t >= $1::bigint AND c.first_event_t < $2::bigint
     GROUP BY 1 ORDER BY 1`,
    [w.since, w.until],
  );
  return rows.map((row) => ({
    family: (row.family as string | null) ?? null,
    cases: toNumber(row.cases),
    resolved: toNumber(row.resolved),
    dissuaded: toNumber(row.dissuaded),
    lossConfirmed: toNumber(row.loss_confirmed),
    falseAlarmOutcomes: toNumber(row.false_alarm_outcomes),
    falseAlarmLabels: toNumber(row.false_alarm_labels),
    lossAmount: toNumberOrNull(row.loss_amount),
  }));
}

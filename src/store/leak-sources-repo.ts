import { toNumber, type Queryable } from './db.js';

export type LeakKind = 'merchant' | 'courier';

export interface LeakCountRow {
  kind: LeakKind;
  /** Platforms the orders came through (a merchant's shops on several platforms count as one source). */
  platforms: string[];
  name: string;
  /** Distinct victims with an order there in the window. */
  victims: number;
  /** Distinct ordinary customers with an order there in the window. */
  ordinary: number;
}

export interface LeakCounts {
  /** Victims with at least one order in the window. */
  victimsWithOrders: number;
  /** Ordinary customers with at least one order in the window. */
  ordinaryWithOrders: number;
  rows: LeakCountRow[];
}

/**
 * Who counts as a victim for the leak-source ranking: a subject with a case that reached high or
 * urgent and was not found to be a false alarm, or with a confirmed-loss label. Everyone else who
 * ordered is an ordinary customer.
 */
const VICTIMS_SQL = `
  SELECT subject FROM cases WHERE level_rank >= 3 AND status <> 'false_alarm' AND outcome IS DISTINCT FROM 'false_alarm'
  UNION
  SELECT subject FROM labels WHERE label = 'confirmed_loss'`;

/**
 * From the `order` events in an event-time window: for each merchant and courier (by name), how
 * many distinct victims and ordinary customers ordered there, and how many of each ordered at all.
 * One statement; the window uses the partial index on order events.
 */
export async function leakCounts(
  db: Queryable,
  options: { sinceT?: number | null; untilT?: number | null; kind?: LeakKind | null },
): Promise<LeakCounts> {
  const { rows } = await db.query(
    `WITH victims AS (${VICTIMS_SQL}),
     orders AS (
       SELECT subject, raw->>'platform' AS platform, raw->>'merchant' AS merchant, raw->>'courier' AS courier
       FROM events WHERE type = 'order' AND ($1::bigint IS NULL OR t >= $1::bigint) AND ($2::bigint IS NULL OR t < $2::bigint)),
     tagged AS (
       SELECT o.*, v.subject IS NOT NULL AS victim FROM orders o LEFT JOIN victims v ON v.subject = o.subject),
     named AS (
       SELECT 'merchant' AS kind, platform, merchant AS name, subject, victim FROM tagged WHERE merchant IS NOT NULL AND $3::text IS DISTINCT FROM 'courier'
       UNION ALL
       SELECT 'courier', platform, courier, subject, victim FROM tagged WHERE courier IS NOT NULL AND $3::text IS DISTINCT FROM 'merchant'),
     totals AS (
       SELECT count(DISTINCT subject) FILTER (WHERE victim) AS v_total, count(DISTINCT subject) FILTER (WHERE NOT victim) AS o_total FROM tagged)
     SELECT NULL AS kind, NULL::jsonb AS platforms, NULL AS name, v_total AS victims, o_total AS ordinary FROM totals
     UNION ALL
     SELECT kind, coalesce(jsonb_agg(DISTINCT platform) FILTER (WHERE platform IS NOT NULL), '[]'::jsonb),
            name, count(DISTINCT subject) FILTER (WHERE victim), count(DISTINCT subject) FILTER (WHERE NOT victim)
     FROM named GROUP BY kind, name`,
    [options.sinceT ?? null, options.untilT ?? null, options.kind ?? null],
  );
  let victimsWithOrders = 0;
  let ordinaryWithOrders = 0;
  const out: LeakCountRow[] = [];
  for (const r of rows) {
    if (r.kind === null) {
      victimsWithOrders = toNumber(r.victims);
      ordinaryWithOrders = toNumber(r.ordinary);
      continue;
    }
    out.push({
      kind: r.kind as LeakKind,
      platforms: (typeof r.platforms === 'string' ? JSON.parse(r.platforms) : r.platforms) as string[],
      name: r.name as string,
      victims: toNumber(r.victims),
      ordinary: toNumber(r.ordinary),
    });
  }
  return { victimsWithOrders, ordinaryWithOrders, rows: out };
}

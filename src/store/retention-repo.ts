import { toNumber, type Queryable } from './db.js';

/** What one retention run removed (or, dry, would remove). */
export interface PruneReport {
  /** Events received before this were considered. */
  receivedBefore: Date;
  /** The latest engine snapshot's seq: nothing after it is removed (a restart replays from there). */
  snapshotSeq: number | null;
  events: number;
  decisions: number;
  alerts: number;
  eventLinks: number;
  /** Entities left with no link, not known bad, not seen since the horizon. */
  entities: number;
  /** Old events kept because a case, a report or a label points at them. */
  keptForCases: number;
  dryRun: boolean;
}

export interface PruneOptions {
  receivedBefore: Date;
  dryRun?: boolean;
  /** Events per transaction (default 5,000): a long run never holds one huge transaction. */
  batchSize?: number;
}

/*
 * An old event may go when it is covered by the latest engine snapshot (the restart replays only
 * what follows it), and nothing that must stay points at it: a case's timeline, a report, a label,
 * or an alert that joined a case. Its decision, its alert (one that never joined a case) and its
 * entity links go with it, in the same transaction.
 */
const PRUNABLE = `
  FROM events e
  WHERE e.received_at < $1::timestamptz AND e.seq <= $2::bigint AND e.seq > $3::bigint
    AND NOT EXISTS (SELECT 1 FROM case_events ce WHERE ce.event_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.event_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.event_id = e.id AND a.case_id IS NOT NULL)`;

/**
 * Removes the event log's personal data older than a horizon (received time), for data retention.
 * Cases, their timelines and evidence, reports, labels, the audit log and engine snapshots stay.
 * Safe while the service runs on PostgreSQL: only rows the running service no longer reads are
 * removed, in batches of their own transactions.
 */
export async function pruneEventLog(db: Queryable, options: PruneOptions): Promise<PruneReport> {
  const before = options.receivedBefore.toISOString();
  const batchSize = options.batchSize ?? 5000;
  const { rows: snap } = await db.query<{ seq: unknown }>("SELECT max(seq) AS seq FROM engine_snapshots WHERE partition_key = 'all'");
  const snapshotSeq = snap[0]?.seq === null || snap[0]?.seq === undefined ? null : toNumber(snap[0].seq);
  const report: PruneReport = {
    receivedBefore: options.receivedBefore,
    snapshotSeq,
    events: 0,
    decisions: 0,
    alerts: 0,
    eventLinks: 0,
    entities: 0,
    keptForCases: 0,
    dryRun: options.dryRun === true,
  };
  if (snapshotSeq !== null) {
    const { rows: kept } = await db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM events e WHERE e.received_at < $1::timestamptz AND e.seq <= $2::bigint
         AND (EXISTS (SELECT 1 FROM case_events ce WHERE ce.event_id = e.id) OR EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id)
              OR EXISTS (SELECT 1 FROM labels l WHERE l.event_id = e.id))`,
      [before, snapshotSeq],
    );
    report.keptForCases = toNumber(kept[0]!.n);
    if (options.dryRun) {
      const { rows } = await db.query<{ events: unknown; decisions: unknown; alerts: unknown; links: unknown }>(
        `WITH doomed AS (SELECT e.id ${PRUNABLE})
         SELECT (SELECT count(*) FROM doomed) AS events,
                (SELECT count(*) FROM decisions d JOIN doomed ON doomed.id = d.event_id) AS decisions,
                (SELECT count(*) FROM alerts a JOIN doomed ON doomed.id = a.event_id) AS alerts,
                (SELECT count(*) FROM entity_links l JOIN doomed ON l.target_type = 'event' AND l.target_id = doomed.id) AS links`,
        [before, snapshotSeq, 0],
      );
      const r = rows[0]!;
      Object.assign(report, {
        events: toNumber(r.events),
        decisions: toNumber(r.decisions),
        alerts: toNumber(r.alerts),
        eventLinks: toNumber(r.links),
      });
    } else {
      let after = 0;
      for (;;) {
        const done = await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ id: string; seq: unknown }>(
            `SELECT e.id, e.seq ${PRUNABLE} ORDER BY e.seq LIMIT $4::integer FOR UPDATE OF e SKIP LOCKED`,
            [before, snapshotSeq, after, batchSize],
          );
          if (rows.length === 0) return null;
          const ids = JSON.stringify(rows.map((r) => r.id));
          const count = async (sql: string) => toNumber((await tx.query<{ n: unknown }>(sql, [ids])).rows[0]!.n);
          const doomed = 'SELECT jsonb_array_elements_text($1::text::jsonb)';
          report.alerts += await count(
            `WITH x AS (DELETE FROM alerts WHERE event_id IN (${doomed}) RETURNING 1) SELECT count(*) AS n FROM x`,
          );
          report.decisions += await count(
            `WITH x AS (DELETE FROM decisions WHERE event_id IN (${doomed}) RETURNING 1) SELECT count(*) AS n FROM x`,
          );
          report.eventLinks += await count(
            `WITH x AS (DELETE FROM entity_links WHERE target_type = 'event' AND target_id IN (${doomed}) RETURNING 1) SELECT count(*) AS n FROM x`,
          );
          report.events += await count(`WITH x AS (DELETE FROM events WHERE id IN (${doomed}) RETURNING 1) SELECT count(*) AS n FROM x`);
          return { last: toNumber(rows[rows.length - 1]!.seq), full: rows.length === batchSize };
        });
        if (!done) break;
        after = done.last;
        if (!done.full) break;
      }
    }
  }
  // Entities nobody points at any more (a re-used number is simply created again). A dry run counts
  // those that only the doomed events' links keep. The seen-time test is re-checked on the row
  // itself, so an entity touched by a write in flight stays.
  const entitySql = `FROM entities en WHERE en.last_seen_at < $1::timestamptz AND NOT en.known_bad AND en.report_count = 0
      AND NOT EXISTS (SELECT 1 FROM entity_links l WHERE l.entity_id = en.id`;
  const { rows: ent } = await db.query<{ n: unknown }>(
    options.dryRun
      ? `WITH doomed AS (SELECT e.id ${PRUNABLE})
         SELECT count(*) AS n ${entitySql} AND NOT (l.target_type = 'event' AND l.target_id IN (SELECT id FROM doomed)))`
      : `WITH x AS (DELETE ${entitySql}) RETURNING 1) SELECT count(*) AS n FROM x`,
    options.dryRun ? [before, snapshotSeq ?? -1, 0] : [before],
  );
  report.entities = toNumber(ent[0]!.n);
  return report;
}

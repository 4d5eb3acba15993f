import { toDate, toNumber, type Queryable } from './db.js';
import { findEntity, linkEntities, markKnownBad, type EntityRef, type EntityType } from './entities-repo.js';

export type ReportKind = 'victim-report' | 'complaint' | 'public';
export type ReportStatus = 'received' | 'verified' | 'rejected';

export interface ReportInput {
  kind: ReportKind;
  subject?: string | null;
  eventId?: string | null;
  text?: string | null;
  /** Who reported: a user id, an API key name, or a contact given by the public. */
  reporter?: string | null;
  entities?: readonly EntityRef[];
  /** A verified report makes its entities known bad at once (e.g. from an anti-fraud centre). */
  verified?: boolean;
}

export interface StoredReport {
  id: number;
  kind: ReportKind;
  subject: string | null;
  eventId: string | null;
  text: string | null;
  reporter: string | null;
  status: ReportStatus;
  createdAt: Date;
}

function rowToReport(row: Record<string, unknown>): StoredReport {
  return {
    id: toNumber(row.id),
    kind: row.kind as ReportKind,
    subject: (row.subject as string | null) ?? null,
    eventId: (row.event_id as string | null) ?? null,
    text: (row.text as string | null) ?? null,
    reporter: (row.reporter as string | null) ?? null,
    status: row.status as ReportStatus,
    createdAt: toDate(row.created_at),
  };
}

/** Stores a report, links its entities, counts it on them, and (verified) marks them known bad. */
export async function createReport(db: Queryable, input: ReportInput): Promise<StoredReport> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO reports (kind, subject, event_id, text, reporter, status) VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text)
       RETURNING id, kind, subject, event_id, text, reporter, status, created_at`,
      [
        input.kind,
        input.subject ?? null,
        input.eventId ?? null,
        input.text ?? null,
        input.reporter ?? null,
        input.verified ? 'verified' : 'received',
      ],
    );
    const report = rowToReport(rows[0]!);
    const refs = (input.entities ?? []).map((e) => ({ ...e, role: e.role ?? 'reported' }));
    const entities = await linkEntities(tx, refs, 'report', report.id);
    if (entities.length > 0) {
      await tx.query(
        'UPDATE entities SET report_count = report_count + 1 WHERE id IN (SELECT DISTINCT jsonb_array_elements_text($1::text::jsonb)::bigint)',
        [JSON.stringify(entities.map((e) => e.id))],
      );
      if (input.verified) await markKnownBad(tx, refs);
    }
    return report;
  });
}

/** Lookup (风险查询): the reports that name an entity, newest first. */
export async function reportsForEntity(db: Queryable, type: EntityType, value: string, limit = 50): Promise<StoredReport[]> {
  const entity = await findEntity(db, type, value);
  if (!entity) return [];
  const { rows } = await db.query(
    `SELECT r.id, r.kind, r.subject, r.event_id, r.text, r.reporter, r.status, r.created_at
     FROM entity_links l JOIN reports r ON r.id = l.target_id::bigint
     WHERE l.entity_id = $1::bigint AND l.target_type = 'report' ORDER BY r.id DESC LIMIT $2::integer`,
    [entity.id, limit],
  );
  return rows.map(rowToReport);
}

export async function setReportStatus(db: Queryable, id: number, status: ReportStatus): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rowCount } = await tx.query('UPDATE reports SET status = $2::text WHERE id = $1::bigint', [id, status]);
    if (rowCount === 1 && status === 'verified') {
      await tx.query(
        `UPDATE entities SET known_bad = true WHERE id IN (SELECT entity_id FROM entity_links WHERE target_type = 'report' AND target_id = $1::text)`,
        [String(id)],
      );
    }
    return rowCount === 1;
  });
}

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

/** What the analyzer read in a report's text: kept with the report and suggested to the reporter. */
export interface ReportAnalysis {
  verdict: string;
  score: number;
  family: string | null;
  stage: string | null;
  /** Entities found in the text that could be reported too (type as the entities table knows it). */
  suggested: { type: EntityType; value: string }[];
}

export interface FiledReport extends StoredReport {
  family: string | null;
  analysis: ReportAnalysis | null;
  /** Event time the report entered the engine at (epoch ms). */
  t: number | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
}

const FILED_COLUMNS = 'id, kind, subject, event_id, text, reporter, status, created_at, family, analysis, t, reviewed_by, reviewed_at';

function rowToFiled(row: Record<string, unknown>): FiledReport {
  const analysis = row.analysis;
  return {
    ...rowToReport(row),
    family: (row.family as string | null) ?? null,
    analysis: (typeof analysis === 'string' ? JSON.parse(analysis) : (analysis ?? null)) as ReportAnalysis | null,
    t: row.t === null || row.t === undefined ? null : toNumber(row.t),
    reviewedBy: row.reviewed_by === null || row.reviewed_by === undefined ? null : toNumber(row.reviewed_by),
    reviewedAt: row.reviewed_at ? toDate(row.reviewed_at) : null,
  };
}

/**
 * A report id before the report is written: the service first puts the `report-<id>` event through
 * the engine and the event log (which must hold everything the engine knows), then writes the report
 * that points at it.
 */
export async function reserveReportId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: unknown }>(`SELECT nextval(pg_get_serial_sequence('reports', 'id')) AS id`);
  return toNumber(rows[0]!.id);
}

export interface FileReportInput extends Omit<ReportInput, 'verified'> {
  id: number;
  family?: string | null;
  analysis?: ReportAnalysis | null;
  t?: number | null;
}

/**
 * Writes a report under a reserved id, links its entities, counts it on them and marks them known
 * bad, in one transaction: what the engine learnt from the report event, lookups now show too.
 */
export async function fileReport(db: Queryable, input: FileReportInput): Promise<FiledReport> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO reports (id, kind, subject, event_id, text, reporter, family, analysis, t)
       VALUES ($1::bigint, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text::jsonb, $9::bigint)
       RETURNING ${FILED_COLUMNS}`,
      [
        input.id,
        input.kind,
        input.subject ?? null,
        input.eventId ?? null,
        input.text ?? null,
        input.reporter ?? null,
        input.family ?? null,
        input.analysis ? JSON.stringify(input.analysis) : null,
        input.t ?? null,
      ],
    );
    const refs = (input.entities ?? []).map((e) => ({ ...e, role: e.role ?? 'reported' }));
    const entities = await linkEntities(tx, refs, 'report', input.id);
    if (entities.length > 0) {
      await tx.query(
        `UPDATE entities SET report_count = report_count + 1, known_bad = true
         WHERE id IN (SELECT DISTINCT jsonb_array_elements_text($1::text::jsonb)::bigint)`,
        [JSON.stringify(entities.map((e) => e.id))],
      );
    }
    return rowToFiled(rows[0]!);
  });
}

export async function getFiledReport(db: Queryable, id: number): Promise<FiledReport | null> {
  const { rows } = await db.query(`SELECT ${FILED_COLUMNS} FROM reports WHERE id = $1::bigint`, [id]);
  return rows.length ? rowToFiled(rows[0]!) : null;
}

export interface ReportFilter {
  status?: ReportStatus;
  kind?: ReportKind;
  family?: string;
  /** Reports naming this entity. */
  entityId?: number;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

/** Reports, newest first, with the total that matches the filter. */
export async function listFiledReports(db: Queryable, f: ReportFilter): Promise<{ total: number; reports: FiledReport[] }> {
  const { rows } = await db.query(
    `SELECT ${FILED_COLUMNS}, count(*) OVER () AS total FROM reports
     WHERE ($1::text IS NULL OR status = $1::text) AND ($2::text IS NULL OR kind = $2::text) AND ($3::text IS NULL OR family = $3::text)
       AND ($4::bigint IS NULL OR id IN (SELECT target_id::bigint FROM entity_links WHERE entity_id = $4::bigint AND target_type = 'report'))
       AND ($5::timestamptz IS NULL OR created_at >= $5::timestamptz) AND ($6::timestamptz IS NULL OR created_at < $6::timestamptz)
     ORDER BY id DESC LIMIT $7::integer OFFSET $8::integer`,
    [f.status ?? null, f.kind ?? null, f.family ?? null, f.entityId ?? null, f.since ?? null, f.until ?? null, f.limit, f.offset],
  );
  return { total: rows.length ? toNumber(rows[0]!.total) : 0, reports: rows.map(rowToFiled) };
}

/**
 * An officer's verdict on a report. Each entity it names then counts only its reports that are not
 * rejected, and stays known bad while one remains (so a rejected false report stops marking a
 * number in lookups; the engine's memory keeps the mark, see docs/intelligence.md).
 */
export async function reviewReport(
  db: Queryable,
  id: number,
  status: 'verified' | 'rejected',
  reviewerId: number | null,
): Promise<FiledReport | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `UPDATE reports SET status = $2::text, reviewed_by = $3::bigint, reviewed_at = now() WHERE id = $1::bigint RETURNING ${FILED_COLUMNS}`,
      [id, status, reviewerId],
    );
    if (rows.length === 0) return null;
    await tx.query(
      `WITH mine AS (SELECT entity_id FROM entity_links WHERE target_type = 'report' AND target_id = $1::text),
       live AS (
         SELECT l.entity_id, count(*) AS n FROM entity_links l JOIN reports r ON r.id = l.target_id::bigint
         WHERE l.target_type = 'report' AND l.entity_id IN (SELECT entity_id FROM mine) AND r.status <> 'rejected'
         GROUP BY l.entity_id)
       UPDATE entities en SET report_count = coalesce(live.n, 0), known_bad = coalesce(live.n, 0) > 0
       FROM mine LEFT JOIN live ON live.entity_id = mine.entity_id
       WHERE en.id = mine.entity_id`,
      [String(id)],
    );
    return rowToFiled(rows[0]!);
  });
}

/** What lookup shows of the reports naming some entities: counts by status and the latest few (no reporter, no text). */
export async function reportSummary(
  db: Queryable,
  entityIds: readonly number[],
  latest: number,
): Promise<{
  byStatus: Record<ReportStatus, number>;
  latest: { id: number; kind: ReportKind; status: ReportStatus; family: string | null; createdAt: Date }[];
}> {
  const byStatus: Record<ReportStatus, number> = { received: 0, verified: 0, rejected: 0 };
  if (entityIds.length === 0) return { byStatus, latest: [] };
  const ids = JSON.stringify(entityIds);
  const counts = await db.query<{ status: ReportStatus; n: unknown }>(
    `SELECT r.status, count(DISTINCT r.id) AS n FROM entity_links l JOIN reports r ON r.id = l.target_id::bigint
     WHERE l.target_type = 'report' AND l.entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint) GROUP BY r.status`,
    [ids],
  );
  for (const row of counts.rows) byStatus[row.status] = toNumber(row.n);
  const { rows } = await db.query(
    `SELECT DISTINCT r.id, r.kind, r.status, r.family, r.created_at FROM entity_links l JOIN reports r ON r.id = l.target_id::bigint
     WHERE l.target_type = 'report' AND l.entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint)
     ORDER BY r.id DESC LIMIT $2::integer`,
    [ids, latest],
  );
  return {
    byStatus,
    latest: rows.map((r) => ({
      id: toNumber(r.id),
      kind: r.kind as ReportKind,
      status: r.status as ReportStatus,
      family: (r.family as string | null) ?? null,
      createdAt: toDate(r.created_at),
    })),
  };
}

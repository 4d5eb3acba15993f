import type { AlertLevel } from '../policy/index.js';
import { toDate, toNumber, toNumberOrNull, type Queryable } from './db.js';
import { levelRank } from './decisions-repo.js';

export type CaseStatus = 'new' | 'contacting' | 'dissuaded' | 'loss_confirmed' | 'false_alarm' | 'closed';
export type CaseOutcome = 'dissuaded' | 'loss_confirmed' | 'false_alarm';

/** The workflow: new → contacting → dissuaded / loss_confirmed / false_alarm → closed. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['contacting'],
  contacting: ['dissuaded', 'loss_confirmed', 'false_alarm'],
  dissuaded: ['closed'],
  loss_confirmed: ['closed'],
  false_alarm: ['closed'],
  closed: [],
};

export interface Case {
  id: number;
  subject: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  level: AlertLevel;
  score: number;
  stage: string | null;
  family: string | null;
  ownerId: number | null;
  firstEventT: number | null;
  lastEventT: number | null;
  openedAt: Date;
  updatedAt: Date;
  contactedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export class CaseTransitionError extends Error {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super(`a case cannot go from ${from} to ${to}; allowed: ${CASE_TRANSITIONS[from].join(', ') || 'none'}`);
    this.name = 'CaseTransitionError';
  }
}

const COLUMNS = `id, subject, status, outcome, level, score, stage, family, owner_id, first_event_t, last_event_t,
  opened_at, updated_at, contacted_at, resolved_at, closed_at`;

export function rowToCase(row: Record<string, unknown>): Case {
  const date = (v: unknown) => (v ? toDate(v) : null);
  return {
    id: toNumber(row.id),
    subject: row.subject as string,
    status: row.status as CaseStatus,
    outcome: (row.outcome as CaseOutcome | null) ?? null,
    level: row.level as AlertLevel,
    score: toNumber(row.score),
    stage: (row.stage as string | null) ?? null,
    family: (row.family as string | null) ?? null,
    ownerId: toNumberOrNull(row.owner_id),
    firstEventT: toNumberOrNull(row.first_event_t),
    lastEventT: toNumberOrNull(row.last_event_t),
    openedAt: toDate(row.opened_at),
    updatedAt: toDate(row.updated_at),
    contactedAt: date(row.contacted_at),
    resolvedAt: date(row.resolved_at),
    closedAt: date(row.closed_at),
  };
}

export interface CaseTrigger {
  subject: string;
  eventId: string;
  seq: number;
  t: number;
  level: AlertLevel;
  score: number;
  stage: string | null;
  family: string | null;
}

/**
 * A high or urgent alert opens the subject's case, or joins the one not yet closed: the level,
 * score, stage and family only ever rise to the latest, the trigger event joins the timeline.
 * Safe under concurrency: the partial unique index allows one active case per subject.
 */
export async function openOrJoinCase(db: Queryable, trigger: CaseTrigger): Promise<{ case: Case; created: boolean }> {
  return db.transaction(async (tx) => {
    const [upserted] = await upsertTriggeredCases(tx, [{ ...trigger, firstT: trigger.t, lastT: trigger.t }]);
    await linkCaseEvents(tx, upserted!.id, [{ eventId: trigger.eventId, seq: trigger.seq }], 'trigger');
    await tx.query('UPDATE alerts SET case_id = $2::bigint WHERE event_id = $1::text', [trigger.eventId, upserted!.id]);
    return { case: (await getCase(tx, upserted!.id))!, created: upserted!.created };
  });
}

/** One subject's high/urgent decisions of a batch, folded into what its case should become. */
export interface CaseTriggerGroup {
  subject: string;
  level: AlertLevel;
  score: number;
  /** The latest non-null stage and family among the triggers. */
  stage: string | null;
  family: string | null;
  firstT: number;
  lastT: number;
  /** The latest trigger event: named in the audit entry of a case it opens. */
  eventId: string;
}

/**
 * Opens or joins the active case of each subject (one per subject: the caller folds a batch's
 * triggers per subject, since one statement cannot update a row twice). Level, score only rise;
 * stage and family follow the latest trigger. A case opened here gets a `case.open` audit entry by
 * the system, in the same statement.
 */
export async function upsertTriggeredCases(
  db: Queryable,
  groups: readonly CaseTriggerGroup[],
): Promise<{ id: number; subject: string; created: boolean }[]> {
  if (groups.length === 0) return [];
  const input = groups.map((g) => ({ ...g, rank: levelRank(g.level) }));
  const { rows } = await db.query<{ id: unknown; subject: string; created: boolean }>(
    `WITH input AS (SELECT x FROM jsonb_array_elements($1::text::jsonb) AS b(x)),
     up AS (
       INSERT INTO cases (subject, level, level_rank, score, stage, family, first_event_t, last_event_t)
       SELECT x->>'subject', x->>'level', (x->>'rank')::smallint, (x->>'score')::double precision, x->>'stage', x->>'family',
              (x->>'firstT')::bigint, (x->>'lastT')::bigint
       FROM input
       ON CONFLICT (subject) WHERE status <> 'closed' DO UPDATE SET
         level = CASE WHEN EXCLUDED.level_rank > cases.level_rank THEN EXCLUDED.level ELSE cases.level END,
         level_rank = GREATEST(cases.level_rank, EXCLUDED.level_rank),
         score = GREATEST(cases.score, EXCLUDED.score),
         stage = coalesce(EXCLUDED.stage, cases.stage),
         family = coalesce(EXCLUDED.family, cases.family),
         first_event_t = LEAST(cases.first_event_t, EXCLUDED.first_event_t),
         last_event_t = GREATEST(cases.last_event_t, EXCLUDED.last_event_t),
         updated_at = now()
       RETURNING id, subject, level, stage, family, (xmax = 0) AS created
     ),
     opened AS (
       INSERT INTO audit_log (actor_type, action, target_type, target_id, detail)
       SELECT 'system', 'case.open', 'case', up.id::text,
              jsonb_build_object('eventId', input.x->>'eventId', 'level', up.level, 'stage', up.stage, 'family', up.family)
       FROM up JOIN input ON input.x->>'subject' = up.subject
       WHERE up.created
     )
     SELECT id, subject, created FROM up`,
    [JSON.stringify(input)],
    { name: 'kg_case_upsert_v1' },
  );
  return rows.map((row) => ({ id: toNumber(row.id), subject: row.subject, created: row.created === true }));
}

/** Adds events to a case's timeline (already linked ones are kept as they are). */
export async function linkCaseEvents(
  db: Queryable,
  caseId: number,
  events: readonly { eventId: string; seq: number }[],
  kind: 'event' | 'trigger' | 'evidence' = 'event',
): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO case_events (case_id, event_id, seq, kind)
     SELECT $1::bigint, e->>'eventId', (e->>'seq')::bigint, $3::text FROM jsonb_array_elements($2::text::jsonb) AS b(e)
     ON CONFLICT (case_id, event_id) DO NOTHING`,
    [caseId, JSON.stringify(events), kind],
  );
}

export async function getCase(db: Queryable, id: number): Promise<Case | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM cases WHERE id = $1::bigint`, [id]);
  return rows.length ? rowToCase(rows[0]!) : null;
}

export async function activeCaseFor(db: Queryable, subject: string): Promise<Case | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM cases WHERE subject = $1::text AND status <> 'closed'`, [subject]);
  return rows.length ? rowToCase(rows[0]!) : null;
}

export async function listCases(
  db: Queryable,
  options: { status?: CaseStatus; ownerId?: number; limit?: number; offset?: number } = {},
): Promise<Case[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM cases
     WHERE ($1::text IS NULL OR status = $1::text) AND ($2::bigint IS NULL OR owner_id = $2::bigint)
     ORDER BY level_rank DESC, updated_at DESC, id DESC LIMIT $3::integer OFFSET $4::integer`,
    [options.status ?? null, options.ownerId ?? null, options.limit ?? 100, options.offset ?? 0],
  );
  return rows.map(rowToCase);
}

/**
 * Moves a case along the workflow; throws CaseTransitionError for a move it does not allow.
 * Reaching an outcome stamps it, and `closed` keeps the outcome. Row-locked against a race.
 */
export async function setCaseStatus(db: Queryable, id: number, to: CaseStatus): Promise<Case> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: CaseStatus }>('SELECT status FROM cases WHERE id = $1::bigint FOR UPDATE', [id]);
    if (rows.length === 0) throw new Error(`no case ${id}`);
    const from = rows[0]!.status;
    if (!CASE_TRANSITIONS[from].includes(to)) throw new CaseTransitionError(from, to);
    const outcome = to === 'dissuaded' || to === 'loss_confirmed' || to === 'false_alarm' ? to : null;
    const { rows: updated } = await tx.query(
      `UPDATE cases SET status = $2::text, updated_at = now(),
         outcome = coalesce($3::text, outcome),
         contacted_at = CASE WHEN $2::text = 'contacting' THEN now() ELSE contacted_at END,
         resolved_at = CASE WHEN $3::text IS NOT NULL THEN now() ELSE resolved_at END,
         closed_at = CASE WHEN $2::text = 'closed' THEN now() ELSE closed_at END
       WHERE id = $1::bigint RETURNING ${COLUMNS}`,
      [id, to, outcome],
    );
    return rowToCase(updated[0]!);
  });
}

export async function assignCase(db: Queryable, id: number, ownerId: number | null): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE cases SET owner_id = $2::bigint, updated_at = now() WHERE id = $1::bigint', [id, ownerId]);
  return rowCount === 1;
}

export interface CaseNote {
  id: number;
  caseId: number;
  authorId: number | null;
  body: string;
  createdAt: Date;
}

export async function addCaseNote(db: Queryable, caseId: number, authorId: number | null, body: string): Promise<CaseNote> {
  const { rows } = await db.query(
    `WITH note AS (INSERT INTO case_notes (case_id, author_id, body) VALUES ($1::bigint, $2::bigint, $3::text)
                   RETURNING id, case_id, author_id, body, created_at),
          touch AS (UPDATE cases SET updated_at = now() WHERE id = $1::bigint)
     SELECT * FROM note`,
    [caseId, authorId, body],
  );
  const row = rows[0]!;
  return {
    id: toNumber(row.id),
    caseId: toNumber(row.case_id),
    authorId: toNumberOrNull(row.author_id),
    body: row.body as string,
    createdAt: toDate(row.created_at),
  };
}

export async function caseNotes(db: Queryable, caseId: number): Promise<CaseNote[]> {
  const { rows } = await db.query(
    'SELECT id, case_id, author_id, body, created_at FROM case_notes WHERE case_id = $1::bigint ORDER BY id',
    [caseId],
  );
  return rows.map((row) => ({
    id: toNumber(row.id),
    caseId: toNumber(row.case_id),
    authorId: toNumberOrNull(row.author_id),
    body: row.body as string,
    createdAt: toDate(row.created_at),
  }));
}

export interface TimelineEntry {
  seq: number;
  t: number;
  kind: string;
  event: Record<string, unknown>;
  /** The decision's summary and reasons (null for an event stored without one). */
  decision: { action: string; level: AlertLevel; score: number; stage: string | null; family: string | null; reasons: unknown } | null;
}

/** The case's events with their decisions, in arrival order. */
export async function caseTimeline(db: Queryable, caseId: number, limit = 1000): Promise<TimelineEntry[]> {
  const { rows } = await db.query(
    // A plain allow's decision is on its event row (migration 005): allow, none, no reasons.
    `SELECT ce.seq, ce.kind, e.t, e.raw,
            coalesce(d.action, CASE WHEN e.allow_band IS NOT NULL THEN 'allow' END) AS action,
            coalesce(d.level, CASE WHEN e.allow_band IS NOT NULL THEN 'none' END) AS level,
            coalesce(d.score, e.allow_score) AS score,
            CASE WHEN d.event_id IS NULL THEN e.allow_stage ELSE d.stage END AS stage,
            CASE WHEN d.event_id IS NULL THEN e.allow_family ELSE d.family END AS family,
            coalesce(d.reasons, CASE WHEN e.allow_band IS NOT NULL THEN '[]'::jsonb END) AS reasons
     FROM case_events ce JOIN events e ON e.id = ce.event_id LEFT JOIN decisions d ON d.event_id = ce.event_id
     WHERE ce.case_id = $1::bigint ORDER BY ce.seq LIMIT $2::integer`,
    [caseId, limit],
  );
  return rows.map((row) => ({
    seq: toNumber(row.seq),
    t: toNumber(row.t),
    kind: row.kind as string,
    event: row.raw as Record<string, unknown>,
    decision:
      row.action === null || row.action === undefined
        ? null
        : {
            action: row.action as string,
            level: row.level as AlertLevel,
            score: toNumber(row.score),
            stage: (row.stage as string | null) ?? null,
            family: (row.family as string | null) ?? null,
            reasons: row.reasons,
          },
  }));
}

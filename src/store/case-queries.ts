import type { AlertLevel } from '../policy/index.js';
import { CASE_TRANSITIONS, rowToCase, type Case, type CaseStatus } from './cases-repo.js';
import { toDate, toNumber, toNumberOrNull, type Queryable } from './db.js';

/**
 * SQL for the case intake (run inside the event-log commit, so each function is ONE statement over a
 * JSON batch, whatever the batch size) and for the case console (lists, notes, the decision that a
 * label records).
 */

/** The cases not yet closed among these subjects: subject → case id. */
export async function activeCaseIds(db: Queryable, subjects: readonly string[]): Promise<Map<string, number>> {
  if (subjects.length === 0) return new Map();
  const { rows } = await db.query<{ id: unknown; subject: string }>(
    `SELECT id, subject FROM cases
     WHERE status <> 'closed' AND subject IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(subjects)],
    { name: 'kg_active_cases_v1' },
  );
  return new Map(rows.map((row) => [row.subject, toNumber(row.id)]));
}

export type CaseEventKind = 'trigger' | 'evidence' | 'event';

/** A batch event that joins a case as it arrives. */
export interface CaseLink {
  caseId: number;
  eventId: string;
  seq: number;
  t: number;
  kind: CaseEventKind;
}

/** A case opened by this batch: the subject's events from `fromT` (event time) join its timeline. */
export interface CaseEpisode {
  caseId: number;
  subject: string;
  fromT: number;
}

/** At most this many earlier events join a case when it opens (the newest of the episode). */
export const EPISODE_EVENT_CAP = 500;

/**
 * Puts events on case timelines, in ONE statement: the batch's events of subjects with a case
 * (`links`, with their kind), and for each case opened by the batch the subject's earlier events of
 * the episode (a message whose decision carries the analyzer's signals for it is `evidence`). Where
 * both name an event, the batch's kind wins (a trigger stays a trigger). The entities linked to the
 * newly linked events are linked to the case; the alerts of those events get the case; the cases'
 * event-time span and update time follow. Returns how many timeline rows were added.
 */
export async function linkEventsToCases(db: Queryable, links: readonly CaseLink[], episodes: readonly CaseEpisode[]): Promise<number> {
  if (links.length === 0 && episodes.length === 0) return 0;
  const { rows } = await db.query<{ n: unknown }>(
    `WITH direct AS (
       SELECT (x->>'caseId')::bigint AS case_id, x->>'eventId' AS event_id, (x->>'seq')::bigint AS seq, (x->>'t')::bigint AS t,
              x->>'kind' AS kind, CASE x->>'kind' WHEN 'trigger' THEN 0 WHEN 'evidence' THEN 1 ELSE 2 END AS pri
       FROM jsonb_array_elements($1::text::jsonb) AS b(x)
     ),
     episode AS (
       SELECT p.case_id, e.id AS event_id, e.seq, e.t,
              CASE WHEN e.type = 'message' AND EXISTS (
                     SELECT 1 FROM decisions d, jsonb_array_elements(d.reasons) AS r(reason)
                     WHERE d.event_id = e.id AND r.reason->>'code' IN ('TEXT_SCAM', 'TEXT_SUSPICIOUS') AND r.reason->'events' ? e.id)
                   THEN 'evidence' ELSE 'event' END AS kind,
              3 AS pri
       FROM (SELECT (x->>'caseId')::bigint AS case_id, x->>'subject' AS subject, (x->>'fromT')::bigint AS from_t
             FROM jsonb_array_elements($2::text::jsonb) AS b(x)) AS p
       CROSS JOIN LATERAL (
         SELECT id, seq, t, type FROM events WHERE subject = p.subject AND t >= p.from_t ORDER BY seq DESC LIMIT $3::integer
       ) AS e
     ),
     linked AS (
       SELECT DISTINCT ON (case_id, event_id) case_id, event_id, seq, t, kind
       FROM (SELECT case_id, event_id, seq, t, kind, pri FROM direct UNION ALL SELECT case_id, event_id, seq, t, kind, pri FROM episode) AS u
       ORDER BY case_id, event_id, pri
     ),
     ins AS (
       INSERT INTO case_events (case_id, event_id, seq, kind)
       SELECT case_id, event_id, seq, kind FROM linked
       ON CONFLICT (case_id, event_id) DO NOTHING
       RETURNING case_id, event_id
     ),
     entity AS (
       INSERT INTO entity_links (entity_id, target_type, target_id, role)
       -- One index probe per event (OFFSET 0 keeps the planner from hashing every event link instead).
       SELECT DISTINCT el.entity_id, 'case', ins.case_id::text, el.role
       FROM ins CROSS JOIN LATERAL (
         SELECT entity_id, role FROM entity_links WHERE target_type = 'event' AND target_id = ins.event_id OFFSET 0
       ) AS el
       ON CONFLICT DO NOTHING
     ),
     alerted AS (
       UPDATE alerts SET case_id = linked.case_id FROM linked WHERE alerts.event_id = linked.event_id AND alerts.case_id IS NULL
     ),
     touched AS (
       UPDATE cases SET first_event_t = LEAST(cases.first_event_t, span.min_t), last_event_t = GREATEST(cases.last_event_t, span.max_t),
                        updated_at = now()
       FROM (SELECT case_id, min(t) AS min_t, max(t) AS max_t FROM linked GROUP BY case_id) AS span
       WHERE cases.id = span.case_id
     )
     SELECT count(*) AS n FROM ins`,
    [JSON.stringify(links), JSON.stringify(episodes), EPISODE_EVENT_CAP],
    { name: 'kg_case_link_v2' },
  );
  return toNumber(rows[0]!.n);
}

export interface CaseOwner {
  id: number;
  username: string;
  displayName: string | null;
}

export interface CaseListItem extends Case {
  owner: CaseOwner | null;
  /** Events on its timeline and open alerts. */
  events: number;
  openAlerts: number;
}

export interface CaseFilter {
  status?: CaseStatus;
  /** A user id, or null for cases nobody owns. */
  ownerId?: number | null;
  level?: AlertLevel;
  family?: string;
  limit?: number;
  offset?: number;
}

const CASE_COLUMNS = `c.id, c.subject, c.status, c.outcome, c.level, c.score, c.stage, c.family, c.owner_id, c.first_event_t,
  c.last_event_t, c.opened_at, c.updated_at, c.contacted_at, c.resolved_at, c.closed_at`;

function ownerOf(row: Record<string, unknown>): CaseOwner | null {
  return row.owner_id === null || row.owner_id === undefined
    ? null
    : { id: toNumber(row.owner_id), username: row.owner_username as string, displayName: (row.owner_display as string | null) ?? null };
}

/** The case console's list: most severe first, then most recently updated. */
export async function listCaseItems(db: Queryable, filter: CaseFilter = {}): Promise<CaseListItem[]> {
  const { rows } = await db.query(
    `SELECT ${CASE_COLUMNS}, u.username AS owner_username, u.display_name AS owner_display,
            (SELECT count(*) FROM case_events ce WHERE ce.case_id = c.id) AS n_events,
            (SELECT count(*) FROM alerts a WHERE a.case_id = c.id AND a.status = 'open') AS n_open
     FROM cases c LEFT JOIN users u ON u.id = c.owner_id
     WHERE ($1::text IS NULL OR c.status = $1::text)
       AND (NOT $2::boolean OR c.owner_id IS NOT DISTINCT FROM $3::bigint)
       AND ($4::text IS NULL OR c.level = $4::text)
       AND ($5::text IS NULL OR c.family = $5::text)
     ORDER BY c.level_rank DESC, c.updated_at DESC, c.id DESC
     LIMIT $6::integer OFFSET $7::integer`,
    [
      filter.status ?? null,
      filter.ownerId !== undefined,
      filter.ownerId ?? null,
      filter.level ?? null,
      filter.family ?? null,
      filter.limit ?? 50,
      filter.offset ?? 0,
    ],
  );
  return rows.map((row) => ({ ...rowToCase(row), owner: ownerOf(row), events: toNumber(row.n_events), openAlerts: toNumber(row.n_open) }));
}

/** One case with its owner, locked for the rest of the transaction when `forUpdate`. */
export async function caseWithOwner(db: Queryable, id: number, forUpdate = false): Promise<(Case & { owner: CaseOwner | null }) | null> {
  const { rows } = await db.query(
    `SELECT ${CASE_COLUMNS}, u.username AS owner_username, u.display_name AS owner_display
     FROM cases c LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = $1::bigint ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows.length ? { ...rowToCase(rows[0]!), owner: ownerOf(rows[0]!) } : null;
}

export interface CaseNoteView {
  id: number;
  body: string;
  createdAt: Date;
  author: { id: number; username: string } | null;
}

export async function caseNotesWithAuthors(db: Queryable, caseId: number): Promise<CaseNoteView[]> {
  const { rows } = await db.query(
    `SELECT n.id, n.body, n.created_at, n.author_id, u.username
     FROM case_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.case_id = $1::bigint ORDER BY n.id`,
    [caseId],
  );
  return rows.map((row) => ({
    id: toNumber(row.id),
    body: row.body as string,
    createdAt: toDate(row.created_at),
    author:
      row.author_id === null || row.author_id === undefined ? null : { id: toNumber(row.author_id), username: row.username as string },
  }));
}

/** The decision a label is about: the case's latest trigger, with the versions that made it. */
export async function latestTriggerDecision(
  db: Queryable,
  caseId: number,
): Promise<{ eventId: string; policyVersion: string; typologyVersion: string } | null> {
  const { rows } = await db.query<{ event_id: string; policy_version: string; typology_version: string }>(
    `SELECT d.event_id, d.policy_version, d.typology_version
     FROM case_events ce JOIN decisions d ON d.event_id = ce.event_id
     WHERE ce.case_id = $1::bigint AND ce.kind = 'trigger' ORDER BY ce.seq DESC LIMIT 1`,
    [caseId],
  );
  const row = rows[0];
  return row ? { eventId: row.event_id, policyVersion: row.policy_version, typologyVersion: row.typology_version } : null;
}

/**
 * Money that left in a case's timeline: transfers and gift-card purchases in CNY that were allowed
 * or only warned (held and blocked ones did not leave). Null when there were none.
 */
export async function moneyOutOfCase(db: Queryable, caseId: number): Promise<number | null> {
  const { rows } = await db.query<{ amount: unknown }>(
    `SELECT sum((e.raw->>'amount')::double precision) AS amount
     FROM case_events ce JOIN events e ON e.id = ce.event_id LEFT JOIN decisions d ON d.event_id = ce.event_id
     WHERE ce.case_id = $1::bigint AND e.type IN ('transfer', 'giftcard.purchase')
       AND (d.action IN ('allow', 'warn') OR (d.event_id IS NULL AND e.allow_band IS NOT NULL))
       AND jsonb_typeof(e.raw->'amount') = 'number' AND coalesce(e.raw->>'currency', 'CNY') = 'CNY'`,
    [caseId],
  );
  return toNumberOrNull(rows[0]?.amount);
}

/** Where a case may go next. */
export function nextStatuses(status: CaseStatus): readonly CaseStatus[] {
  return CASE_TRANSITIONS[status];
}

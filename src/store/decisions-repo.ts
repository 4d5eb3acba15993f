import type { Decision, DecisionReason } from '../engine/decision.js';
import { LEVELS } from '../engine/decision.js';
import type { AlertLevel } from '../policy/index.js';
import { toNumber, type Queryable } from './db.js';

/** A decision as stored, with the event's arrival order and event time. */
export interface StoredDecision {
  seq: number;
  t: number;
  decision: Decision;
}

export function levelRank(level: AlertLevel): number {
  const rank = LEVELS.indexOf(level);
  if (rank < 0) throw new Error(`unknown alert level ${String(level)}`);
  return rank;
}

/** The decision's part of one appended row (the event supplies event_id, subject, seq and t). */
export function decisionRow(d: Decision): Record<string, unknown> {
  return {
    action: d.action,
    level: d.level,
    rank: levelRank(d.level),
    score: d.score,
    stage: d.stage,
    family: d.family,
    reasons: d.reasons,
    advice: d.advice,
    band: d.band,
    late: d.late === true,
    policyVersion: d.policyVersion,
    typologyVersion: d.typologyVersion,
  };
}

/**
 * Every stored decision, in either form: a `decisions` row, or a plain allow kept on its event's row
 * (migration 005: `allow_*` columns and the band in `decision_bands`). Drive from `events e` and filter
 * with HAS_DECISION: an event has exactly one of the two (none only if stored by an older program
 * without a decision, which never happened).
 */
const FROM = `events e LEFT JOIN decisions d ON d.event_id = e.id LEFT JOIN decision_bands b ON b.key = e.allow_band`;
const HAS_DECISION = `(d.event_id IS NOT NULL OR b.key IS NOT NULL)`;
const COLUMNS = `e.id AS event_id, e.seq, e.t, e.subject, coalesce(d.action, 'allow') AS action, coalesce(d.level, 'none') AS level,
  coalesce(d.score, e.allow_score) AS score, CASE WHEN d.event_id IS NULL THEN e.allow_stage ELSE d.stage END AS stage,
  CASE WHEN d.event_id IS NULL THEN e.allow_family ELSE d.family END AS family, coalesce(d.reasons, '[]'::jsonb) AS reasons, d.advice,
  d.band, b.band_id, b.band_zh, b.band_en, coalesce(d.late, false) AS late, coalesce(d.policy_version, b.policy_version) AS policy_version,
  coalesce(d.typology_version, b.typology_version) AS typology_version`;

interface DecisionDbRow {
  event_id: string;
  seq: unknown;
  t: unknown;
  subject: string;
  action: Decision['action'];
  level: Decision['level'];
  score: unknown;
  stage: Decision['stage'];
  family: Decision['family'];
  reasons: DecisionReason[];
  advice: Decision['advice'];
  band: Decision['band'] | null;
  /** A plain allow's band (from decision_bands), when `band` is null. */
  band_id?: string | null;
  band_zh?: string | null;
  band_en?: string | null;
  late: boolean;
  policy_version: string;
  typology_version: string;
}

/**
 * Rebuilds the Decision with the engine's field order (jsonb sorts object keys, and decisions are
 * compared byte for byte), so a stored decision serializes exactly like the one first returned.
 */
export function rowToDecision(row: DecisionDbRow): StoredDecision {
  const decision: Decision = {
    eventId: row.event_id,
    subject: row.subject,
    action: row.action,
    level: row.level,
    score: toNumber(row.score),
    stage: row.stage,
    family: row.family,
    reasons: row.reasons.map(reorderReason),
    advice: row.advice ? { zh: row.advice.zh, en: row.advice.en } : null,
    band: row.band
      ? { id: row.band.id, zh: row.band.zh, en: row.band.en }
      : typeof row.band_id === 'string'
        ? { id: row.band_id, zh: row.band_zh ?? '', en: row.band_en ?? '' }
        : { id: '', zh: '', en: '' },
    typologyVersion: row.typology_version,
    policyVersion: row.policy_version,
  };
  if (row.late) {
    // `late` sits before the versions in the engine's objects.
    const { typologyVersion, policyVersion, ...rest } = decision;
    return { seq: toNumber(row.seq), t: toNumber(row.t), decision: { ...rest, late: true, typologyVersion, policyVersion } };
  }
  return { seq: toNumber(row.seq), t: toNumber(row.t), decision };
}

function reorderReason(reason: DecisionReason): DecisionReason {
  const { code, text, en, events, weight, ...rest } = reason;
  return { code, text, en, events, ...(weight === undefined ? {} : { weight }), ...rest };
}

/** The stored decisions of these events (a repeated id gets its first decision back). */
export async function decisionsFor(db: Queryable, eventIds: readonly string[]): Promise<Map<string, StoredDecision>> {
  if (eventIds.length === 0) return new Map();
  const { rows } = await db.query<DecisionDbRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id IN (SELECT jsonb_array_elements_text($1::text::jsonb)) AND ${HAS_DECISION}`,
    [JSON.stringify(eventIds)],
  );
  return new Map(rows.map((row) => [row.event_id, rowToDecision(row)]));
}

export async function getDecision(db: Queryable, eventId: string): Promise<StoredDecision | null> {
  return (await decisionsFor(db, [eventId])).get(eventId) ?? null;
}

/** A subject's decisions in arrival order, from `afterSeq` (exclusive). */
export async function decisionsForSubject(
  db: Queryable,
  subject: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<StoredDecision[]> {
  const { rows } = await db.query<DecisionDbRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE e.subject = $1::text AND e.seq > $2::bigint AND ${HAS_DECISION} ORDER BY e.seq LIMIT $3::integer`,
    [subject, options.afterSeq ?? 0, options.limit ?? 1000],
  );
  return rows.map(rowToDecision);
}

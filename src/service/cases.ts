import type { DecisionReason } from '../engine/index.js';
import type { AlertLevel } from '../policy/index.js';
import {
  acknowledgeCaseAlerts,
  addCaseNote,
  addLabel,
  alertsForCase,
  assignCase,
  audit,
  caseTimeline,
  CASE_TRANSITIONS,
  closeCaseAlerts,
  getUser,
  setCaseStatus,
  type ActorType,
  type Alert,
  type Case,
  type CaseNote,
  type CaseStatus,
  type LabelKind,
  type Queryable,
} from '../store/index.js';
import {
  caseNotesWithAuthors,
  caseWithOwner,
  latestTriggerDecision,
  listCaseItems,
  moneyOutOfCase,
  type CaseFilter,
  type CaseListItem,
  type CaseNoteView,
  type CaseOwner,
} from '../store/case-queries.js';
import type { TextAnalyzer } from '../text/index.js';
import { withTs } from './alerts.js';
import { dissuasionScript, type DissuasionScript } from './dissuasion.js';

/** Who makes a change: written to the audit log with it. */
export interface Actor {
  actorType: ActorType;
  actorId: number | null;
  /** The console user, when the actor is one (notes and labels name their author). */
  userId: number | null;
  ip?: string | null;
}

/** A problem with a case request that the caller can fix; routes turn `kind` into a status. */
export class CaseError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(en);
    this.name = 'CaseError';
  }
}

const notFound = (id: number) => new CaseError('not_found', 'CASE_NOT_FOUND', `没有编号为 ${id} 的案件`, `no case with id ${id}`);

const OUTCOME_LABEL: Partial<Record<CaseStatus, LabelKind>> = {
  dissuaded: 'dissuaded',
  loss_confirmed: 'confirmed_loss',
  false_alarm: 'false_alarm',
};

export const CASE_STATUS_ZH: Readonly<Record<CaseStatus, string>> = {
  new: '新案件',
  contacting: '联系中',
  dissuaded: '已劝阻',
  loss_confirmed: '确认损失',
  false_alarm: '误报',
  closed: '已结案',
};

export function listCases(db: Queryable, filter: CaseFilter): Promise<CaseListItem[]> {
  return listCaseItems(db, filter);
}

/** What the analyzer found in a message on the timeline: its signals with the exact spans of the text. */
export interface TextEvidence {
  verdict: string;
  score: number;
  stage: string | null;
  family: string | null;
  signals: {
    code: string;
    stage: string;
    description: { zh: string; en: string };
    spans: { start: number; end: number; text: string }[];
  }[];
}

export interface CaseTimelineEntry {
  eventId: string;
  seq: number;
  t: number;
  ts: string;
  type: string;
  kind: string;
  event: Record<string, unknown>;
  decision: {
    action: string;
    level: AlertLevel;
    score: number;
    stage: string | null;
    family: string | null;
    reasons: { code: string; text: string; en: string; events: string[] }[];
  } | null;
  evidence: TextEvidence | null;
}

export interface CaseDetail {
  case: Case & { owner: CaseOwner | null; statusZh: string };
  allowedNext: CaseStatus[];
  timeline: CaseTimelineEntry[];
  notes: CaseNoteView[];
  alerts: (Alert & { ts: string })[];
  script: DissuasionScript;
}

/** At most this many events are shown on a timeline (oldest first). */
export const TIMELINE_LIMIT = 1000;

/**
 * A message from the other side, read as the engine read it (engine/journey.ts applyMessage:
 * the text as the caller's turn); the person's own messages carry no scam mechanics.
 */
export function textEvidence(analyzer: TextAnalyzer, event: Record<string, unknown>): TextEvidence | null {
  if (event.type !== 'message' || event.direction === 'out' || typeof event.text !== 'string') return null;
  const a = analyzer.assess({ turns: [{ speaker: 'caller', text: event.text }] });
  if (a.signals.length === 0) return null;
  return {
    verdict: a.verdict,
    score: a.score,
    stage: a.stage,
    family: a.family,
    signals: a.signals.map((s) => ({
      code: s.code,
      stage: s.stage,
      description: s.description,
      spans: s.spans.map((span) => ({ start: span.start, end: span.end, text: span.text })),
    })),
  };
}

export async function getCaseDetail(db: Queryable, analyzer: TextAnalyzer, id: number): Promise<CaseDetail> {
  const found = await caseWithOwner(db, id);
  if (!found) throw notFound(id);
  const [entries, notes, alerts] = await Promise.all([
    caseTimeline(db, id, TIMELINE_LIMIT),
    caseNotesWithAuthors(db, id),
    alertsForCase(db, id),
  ]);
  const timeline = entries.map((entry): CaseTimelineEntry => {
    const event = entry.event;
    return {
      eventId: String(event.id),
      seq: entry.seq,
      t: entry.t,
      ts: new Date(entry.t).toISOString(),
      type: String(event.type),
      kind: entry.kind,
      event,
      decision: entry.decision
        ? {
            ...entry.decision,
            reasons: ((entry.decision.reasons as DecisionReason[] | null) ?? []).map((r) => ({
              code: r.code,
              text: r.text,
              en: r.en,
              events: r.events,
            })),
          }
        : null,
      evidence: textEvidence(analyzer, event),
    };
  });
  return {
    case: { ...found, statusZh: CASE_STATUS_ZH[found.status] },
    allowedNext: [...CASE_TRANSITIONS[found.status]],
    timeline,
    notes,
    alerts: alerts.map(withTs),
    script: dissuasionScript(found.stage, found.family),
  };
}

export async function caseScript(db: Queryable, id: number): Promise<DissuasionScript & { caseId: number }> {
  const found = await caseWithOwner(db, id);
  if (!found) throw notFound(id);
  return { caseId: id, ...dissuasionScript(found.stage, found.family) };
}

/** Gives a case to an officer (or admin), or to nobody with null. Audited in the same transaction. */
export async function assignCaseTo(db: Queryable, id: number, ownerId: number | null, actor: Actor) {
  return db.transaction(async (tx) => {
    const before = await caseWithOwner(tx, id, true);
    if (!before) throw notFound(id);
    if (ownerId !== null) {
      const user = await getUser(tx, ownerId);
      if (!user || user.disabled) {
        throw new CaseError('invalid', 'UNKNOWN_USER', `没有编号为 ${ownerId} 的有效用户`, `no active user with id ${ownerId}`, '/ownerId');
      }
      if (user.role === 'analyst') {
        throw new CaseError(
          'invalid',
          'OWNER_NOT_OFFICER',
          '案件只能分配给民警（officer）或管理员',
          'a case can only be given to an officer or an admin',
          '/ownerId',
        );
      }
    }
    await assignCase(tx, id, ownerId);
    await audit(tx, {
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: 'case.assign',
      targetType: 'case',
      targetId: id,
      detail: { from: before.ownerId, to: ownerId },
      ip: actor.ip ?? null,
    });
    return (await caseWithOwner(tx, id))!;
  });
}

export interface StatusChange {
  to: CaseStatus;
  note?: string;
  /** Yuan: lost (loss_confirmed) or kept from the scammer (dissuaded). */
  amount?: number;
}

/**
 * Moves a case along the workflow (CASE_TRANSITIONS). Reaching an outcome records a label for
 * tuning (with the versions of the decision that raised the case) and takes the case's alerts out
 * of the queue; starting to contact acknowledges them. Status, note, label, alerts and the audit
 * entry commit together.
 */
export async function changeCaseStatus(db: Queryable, id: number, change: StatusChange, actor: Actor) {
  const labelKind = OUTCOME_LABEL[change.to];
  if (change.amount !== undefined && change.to !== 'loss_confirmed' && change.to !== 'dissuaded') {
    throw new CaseError(
      'invalid',
      'AMOUNT_NOT_ALLOWED',
      '只有“确认损失”或“已劝阻”可以填写金额',
      'an amount goes only with loss_confirmed or dissuaded',
      '/amount',
    );
  }
  return db.transaction(async (tx) => {
    const before = await caseWithOwner(tx, id, true);
    if (!before) throw notFound(id);
    const allowed = CASE_TRANSITIONS[before.status];
    if (!allowed.includes(change.to)) {
      const list = allowed.length ? allowed.join(', ') : 'none';
      throw new CaseError(
        'conflict',
        'CASE_TRANSITION_FORBIDDEN',
        `案件状态不能从“${CASE_STATUS_ZH[before.status]}”改为“${CASE_STATUS_ZH[change.to]}”；可改为：${allowed.map((s) => CASE_STATUS_ZH[s]).join('、') || '无'}`,
        `a case cannot go from ${before.status} to ${change.to}; allowed: ${list}`,
        '/to',
      );
    }
    const updated = await setCaseStatus(tx, id, change.to);
    let note: CaseNote | null = null;
    if (change.note !== undefined) note = await addCaseNote(tx, id, actor.userId, change.note);

    let labelId: number | null = null;
    let amount: number | null = null;
    if (labelKind) {
      const trigger = await latestTriggerDecision(tx, id);
      amount = change.amount ?? (change.to === 'loss_confirmed' ? await moneyOutOfCase(tx, id) : null);
      const label = await addLabel(tx, {
        subject: before.subject,
        label: labelKind,
        caseId: id,
        eventId: trigger?.eventId ?? null,
        family: before.family,
        stage: before.stage,
        amount,
        policyVersion: trigger?.policyVersion ?? null,
        typologyVersion: trigger?.typologyVersion ?? null,
        note: change.note ?? null,
        createdBy: actor.userId,
      });
      labelId = label.id;
    }
    const alerts =
      change.to === 'contacting' ? await acknowledgeCaseAlerts(tx, id, actor.userId) : labelKind ? await closeCaseAlerts(tx, id) : 0;

    await audit(tx, {
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: 'case.status',
      targetType: 'case',
      targetId: id,
      // Ids and figures only: a note's text may hold personal numbers, the audit log must not.
      detail: { from: before.status, to: change.to, noteId: note?.id ?? null, labelId, label: labelKind ?? null, amount, alerts },
      ip: actor.ip ?? null,
    });
    return { case: { ...updated, owner: before.owner }, allowedNext: [...CASE_TRANSITIONS[updated.status]], labelId, note };
  });
}

export async function addNoteToCase(db: Queryable, id: number, body: string, actor: Actor): Promise<CaseNote> {
  return db.transaction(async (tx) => {
    const found = await caseWithOwner(tx, id, true);
    if (!found) throw notFound(id);
    const note = await addCaseNote(tx, id, actor.userId, body);
    await audit(tx, {
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: 'case.note',
      targetType: 'case',
      targetId: id,
      detail: { noteId: note.id, length: body.length },
      ip: actor.ip ?? null,
    });
    return note;
  });
}

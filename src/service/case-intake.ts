import type { Decision } from '../engine/index.js';
import { DEFAULT_POLICY } from '../policy/index.js';
import { activeCaseIds, linkEventsToCases, type CaseEpisode, type CaseLink } from '../store/case-queries.js';
import { levelRank, upsertTriggeredCases, type CaseTriggerGroup, type Queryable, type StoredItem } from '../store/index.js';

/** A case opens on a high or urgent decision (DESIGN.md §3.2 levels). */
const CASE_MIN_RANK = levelRank('high');

/**
 * When a case opens, the subject's events this far back in event time join its timeline: the
 * engine's episode window, so the officer sees what the engine weighed.
 */
export const CASE_LOOKBACK_MS = DEFAULT_POLICY.windows.episodeMin * 60_000;

export function opensCase(decision: Decision): boolean {
  return !decision.duplicate && !decision.late && levelRank(decision.level) >= CASE_MIN_RANK;
}

/** A message whose own text the engine took signals from (the analyzer's spans are its evidence). */
function isTextEvidence(item: StoredItem): boolean {
  const id = item.event.event.id;
  return (
    item.event.event.type === 'message' &&
    item.decision.reasons.some((r) => (r.code === 'TEXT_SCAM' || r.code === 'TEXT_SUSPICIOUS') && r.events.includes(id))
  );
}

/**
 * Runs inside the event log's commit (service/intake.ts), after entity linking. Every high or
 * urgent decision opens or joins its subject's case; a new case takes in the subject's recent
 * events; later events of a subject with an active case join it as they arrive. At most three
 * statements per batch whatever its size, and one when nothing in it concerns a case.
 */
export async function openCases(tx: Queryable, stored: readonly StoredItem[]): Promise<void> {
  if (stored.length === 0) return;
  const subjects = new Set<string>();
  const triggers = new Map<string, CaseTriggerGroup>();
  const triggerIds = new Set<string>();
  for (const item of stored) {
    const subject = item.event.event.subject;
    subjects.add(subject);
    if (!opensCase(item.decision)) continue;
    triggerIds.add(item.event.event.id);
    foldTrigger(triggers, item);
  }

  const cases = await activeCaseIds(tx, [...subjects]);
  if (triggers.size === 0 && cases.size === 0) return;

  const episodes: CaseEpisode[] = [];
  if (triggers.size > 0) {
    for (const row of await upsertTriggeredCases(tx, [...triggers.values()])) {
      cases.set(row.subject, row.id);
      if (row.created) episodes.push({ caseId: row.id, subject: row.subject, fromT: triggers.get(row.subject)!.firstT - CASE_LOOKBACK_MS });
    }
  }

  const links: CaseLink[] = [];
  for (const item of stored) {
    const e = item.event.event;
    const caseId = cases.get(e.subject);
    if (caseId === undefined) continue;
    const kind = triggerIds.has(e.id) ? 'trigger' : isTextEvidence(item) ? 'evidence' : 'event';
    links.push({ caseId, eventId: e.id, seq: item.seq, t: item.event.t, kind });
  }
  await linkEventsToCases(tx, links, episodes);
}

/** One statement cannot update a case twice, so a batch's triggers are folded per subject first. */
function foldTrigger(triggers: Map<string, CaseTriggerGroup>, item: StoredItem): void {
  const d = item.decision;
  const t = item.event.t;
  const group = triggers.get(d.subject);
  if (!group) {
    triggers.set(d.subject, {
      subject: d.subject,
      level: d.level,
      score: d.score,
      stage: d.stage,
      family: d.family,
      firstT: t,
      lastT: t,
      eventId: d.eventId,
    });
    return;
  }
  if (levelRank(d.level) > levelRank(group.level)) group.level = d.level;
  group.score = Math.max(group.score, d.score);
  group.stage = d.stage ?? group.stage;
  group.family = d.family ?? group.family;
  group.firstT = Math.min(group.firstT, t);
  group.lastT = Math.max(group.lastT, t);
  group.eventId = d.eventId;
}

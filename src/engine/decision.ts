import type { Action, AlertLevel } from '../policy/index.js';
import type { Bilingual, FamilyId, ReasonCode, StageId } from '../typology/index.js';

export interface DecisionReason {
  code: ReasonCode | 'DUPLICATE' | 'LATE_EVENT';
  /** Chinese first: what an analyst or the person reads. */
  text: string;
  en: string;
  /** The events that raised it, oldest first; this event's id is among them when it took part. */
  events: string[];
  /** Share of the log-odds. */
  weight?: number;
}

/** DESIGN.md §3.2. Field order is fixed: replay output is compared byte for byte. */
export interface Decision {
  eventId: string;
  subject: string;
  action: Action;
  level: AlertLevel;
  score: number;
  stage: StageId | null;
  family: FamilyId | null;
  reasons: DecisionReason[];
  advice: Bilingual | null;
  /** The policy band that chose the action, with its human reason. */
  band: { id: string; zh: string; en: string };
  /** Set when the event repeats an id already decided: the original outcome is repeated, nothing is counted again. */
  duplicate?: true;
  /** Set when the event arrived later than the allowed lateness: recorded, not applied to the journey. */
  late?: true;
  typologyVersion: string;
  policyVersion: string;
}

export const ACTIONS: readonly Action[] = ['allow', 'warn', 'hold', 'block'];
export const LEVELS: readonly AlertLevel[] = ['none', 'low', 'medium', 'high', 'urgent'];

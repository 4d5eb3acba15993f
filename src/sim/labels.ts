import type { FamilyId, StageId } from '../typology/types.js';
import type { MoneyPath } from './profiles.js';
import type { ExitKind } from './victim.js';

/** A loss: an event by which money reached the scammer, and how much. */
export interface Loss {
  eventId: string;
  amount: number;
}

/**
 * The truth about one subject, one JSON object per line of the labels file. Losses are transfers or
 * QR payments to the scammer, gift-card purchases whose cards the scammer redeems, and transfers made
 * with a stolen code. Loans drawn are not losses: the money is still the victim's until it is sent.
 */
export interface SubjectLabel {
  subject: string;
  role: 'victim' | 'ordinary';
  family?: FamilyId;
  /** Money paths along which money actually reached the scammer (empty if none did). */
  moneyPaths?: MoneyPath[];
  /** Money paths the scam would have used had the victim gone on to the end. */
  plannedPaths?: MoneyPath[];
  /** False for victims who stopped half-way (a relative, the police, their own doubt). */
  completed?: boolean;
  exit?: ExitKind;
  /** For victims who stopped half-way: the stage they did not enter. */
  stoppedAt?: StageId;
  /** The gang (shared pools of numbers and accounts) behind this victim's scam. */
  gang?: number;
  /** How many of the victim's message events carry the scam (its words or the victim's replies). */
  scamMessages?: number;
  losses: Loss[];
  /** Hard negatives and situations in this subject's events (ordinary customers and victims alike). */
  confusers?: string[];
}

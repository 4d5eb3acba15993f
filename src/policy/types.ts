import type { ReasonCode } from '../typology/reasons.js';
import type { EventType } from '../events/index.js';
import type { Bilingual, StageId } from '../typology/index.js';

export type Action = 'allow' | 'warn' | 'hold' | 'block';
export type AlertLevel = 'none' | 'low' | 'medium' | 'high' | 'urgent';

/** A reason's weight in log-odds, alone and when it follows contact with a likely scammer. */
export interface ReasonWeight {
  base: number;
  anchored: number;
}

/** One outcome band: the first band whose every condition holds decides the event. */
export interface Band {
  id: string;
  when: {
    minScore?: number;
    /** The event is one of these types (money leaving, credit drawn …). */
    eventTypes?: readonly EventType[];
    /** The journey has reached at least this stage. */
    minStage?: StageId;
    /** This event raised at least one reason itself (a payment with its own suspicious pattern). */
    ownReason?: boolean;
    /** At least one of these reasons is active. */
    anyReason?: readonly ReasonCode[];
  };
  action: Action;
  level: AlertLevel;
  /** Why this band exists, in the words shown to the analyst. */
  text: Bilingual;
}

export interface Windows {
  /** How long facts stay part of one journey. */
  episodeMin: number;
  /** How long contact with a likely scammer colours what follows. */
  anchorMin: number;
  /** A call.start without call.end counts as ongoing for at most this long. */
  callOngoingMaxMin: number;
  longCallSec: number;
  /** A call shorter than this was hung up; its claims stop counting `hungUpMin` after it ended. */
  shortCallSec: number;
  hungUpMin: number;
  /** Control, then credit, then a payment within this long is the scam's sequence. */
  sequenceMin: number;
  shareMaxMin: number;
  loanToPaymentMin: number;
  activationMin: number;
  fastRedeemMin: number;
  multiProviderMin: number;
  muleMin: number;
}

export interface Thresholds {
  codeAmountMin: number;
  /** Payments below this are pocket money: they never count as new-payee, loan-then-pay or repeated payments. */
  materialAmount: number;
  /** After contact with a likely scammer, payments from this amount count ("return the excess" is often a few hundred). */
  anchoredAmount: number;
  activationMax: number;
  activationFollowMin: number;
  loanShareOfDraw: number;
  repeatedPayees: number;
  multiProviders: number;
  mulePayeeSubjects: number;
  mulePhoneSubjects: number;
  muleRedeemerSubjects: number;
  textSuspiciousScore: number;
  /** A money-out at or above this score is the journey's cash-out: later money is the retention loop. */
  suspiciousScore: number;
}

export interface Policy {
  /** `id@version`; every decision reports it. */
  id: string;
  description: string;
  bias: number;
  weights: Readonly<Record<ReasonCode, ReasonWeight>>;
  windows: Windows;
  thresholds: Thresholds;
  bands: readonly Band[];
}

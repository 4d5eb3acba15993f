import { SEC } from './clock.js';

/**
 * An event without its envelope (id, ts, subject): what a generator decides. Spelled out here (the
 * DESIGN.md §3.1 contract) rather than derived from the schema types, so the simulator's types do
 * not depend on how the schema library infers unions; tests check every event with validateEvent.
 */
type Dir = 'in' | 'out';
type AppCategory = 'meeting' | 'screen-share' | 'remote-control' | 'loan' | 'bank' | 'payment' | 'shopping' | 'im' | 'other';
export type EventBody =
  | { type: 'call.start'; source?: string; peer: string; direction: Dir; inContacts?: boolean; peerTag?: string; claimedIdentity?: string }
  | { type: 'call.end'; source?: string; peer: string; durationSec: number }
  | {
      type: 'message';
      source?: string;
      channel: 'sms' | 'qq' | 'wechat' | 'im' | 'email' | 'call-transcript';
      direction: Dir;
      peer?: string;
      text: string;
    }
  | { type: 'app.install' | 'app.open'; source?: string; app: string; category?: AppCategory }
  | { type: 'screen.share'; source?: string; state: 'start' | 'stop'; app?: string }
  | { type: 'credit.open'; source?: string; provider: string; product?: string; limit?: number }
  | { type: 'credit.draw'; source?: string; provider: string; product?: string; amount: number }
  | {
      type: 'transfer';
      source?: string;
      amount: number;
      currency?: string;
      payee: string;
      payeeName?: string;
      payeeType?: 'personal' | 'business' | 'platform';
      channel?: 'bank-app' | 'alipay' | 'wechat' | 'qr' | 'atm' | 'counter';
      memo?: string;
    }
  | { type: 'giftcard.purchase'; source?: string; merchant: string; amount: number; quantity?: number; account?: string }
  | { type: 'giftcard.redeem'; source?: string; merchant: string; amount: number; redeemer: string; cardId?: string; goods?: string }
  | { type: 'otp.issued' | 'otp.used'; source?: string; purpose?: string; host?: string }
  | { type: 'link.open'; source?: string; url: string }
  | {
      type: 'report';
      source?: string;
      kind: 'victim-report' | 'complaint';
      text?: string;
      entities?: { type: 'phone' | 'account' | 'qq' | 'wechat' | 'url'; value: string }[];
    }
  | {
      type: 'order';
      source?: string;
      platform: string;
      merchant: string;
      item?: string;
      amount?: number;
      courier?: string;
      trackingNo?: string;
    };

/** One event as drafted for a subject; ids and ts are given once the whole population is ordered. */
export interface Draft {
  /** Given once the population is ordered. */
  id?: string;
  t: number;
  /** Order of drafting within the subject, the last tie-breaker. */
  seq: number;
  body: EventBody;
  /** Money that reached the scammer through this event, if any. */
  loss?: number;
  /** Hard-negative or scenario tags attached to this event (kept only if the event is kept). */
  tags?: string[];
}

export interface CallSpec {
  peer: string;
  direction: 'in' | 'out';
  inContacts?: boolean;
  peerTag?: string;
  claimedIdentity?: string;
}

const SOURCE: Record<string, string> = {
  'call.start': 'telco',
  'call.end': 'telco',
  message: 'device',
  'app.install': 'device',
  'app.open': 'device',
  'screen.share': 'device',
  'link.open': 'device',
  'otp.used': 'device',
  'otp.issued': 'auth',
  'credit.open': 'lender',
  'credit.draw': 'lender',
  transfer: 'payments',
  'giftcard.purchase': 'merchant',
  'giftcard.redeem': 'merchant',
  order: 'platform',
  report: 'fraud-centre',
};

/** The events of one subject, drafted in any order, plus what the generators know about them. */
export class Journal {
  readonly drafts: Draft[] = [];
  /** Payees this subject has paid in the window, so "a payee never paid before" can be told. */
  readonly paid = new Set<string>();

  constructor(
    readonly subject: string,
    readonly index: number,
  ) {}

  add(t: number, body: EventBody, loss?: number): Draft {
    if (body.source === undefined) body.source = SOURCE[body.type];
    const d: Draft = { t: Math.round(t), seq: this.drafts.length, body };
    if (loss !== undefined) d.loss = loss;
    if (body.type === 'transfer') this.paid.add(body.payee);
    this.drafts.push(d);
    return d;
  }

  /** A phone call: `call.start` at `t`, `call.end` after `durationSec`. Returns the end time. */
  call(t: number, spec: CallSpec, durationSec: number): number {
    const start: EventBody & { type: 'call.start' } = { type: 'call.start', peer: spec.peer, direction: spec.direction };
    if (spec.inContacts !== undefined) start.inContacts = spec.inContacts;
    if (spec.peerTag !== undefined) start.peerTag = spec.peerTag;
    if (spec.claimedIdentity !== undefined) start.claimedIdentity = spec.claimedIdentity;
    this.add(t, start);
    const dur = Math.max(1, Math.round(durationSec));
    this.add(t + dur * SEC, { type: 'call.end', peer: spec.peer, durationSec: dur });
    return t + dur * SEC;
  }

  /** Tags the last drafted event with a hard negative or situation (for labels and stats). */
  tag(name: string): void {
    const d = this.drafts[this.drafts.length - 1];
    if (d) (d.tags ??= []).push(name);
  }

  /** The tags of the events still in the journal, sorted. */
  tags(): string[] {
    const out = new Set<string>();
    for (const d of this.drafts) for (const t of d.tags ?? []) out.add(t);
    return [...out].sort();
  }

  hasPaid(payee: string): boolean {
    return this.paid.has(payee);
  }
}

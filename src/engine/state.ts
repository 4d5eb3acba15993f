import type { FamilyId } from '../typology/index.js';

/** Something that happened at event time `t`, raised by event `id`. */
export interface Fact {
  t: number;
  id: string;
}

export interface CallFact extends Fact {
  peer: string;
  /** Not in contacts and not an official number. (What the caller claimed and how the number was tagged act at once,
   * through contact facts and the family; the call itself does not keep them.) */
  unknown: boolean;
  endT: number;
  endId: string | null;
  durationSec: number;
}

export interface ContactFact extends Fact {
  code: 'SERVICE_IMPERSONATION' | 'LONG_UNKNOWN_CALL' | 'REPORTED_CONTACT' | 'KNOWN_BAD_ENTITY' | 'MULE_PHONE';
  ids: string[];
  params: Record<string, string | number>;
  /** Set when the person hung up quickly: the contact stops counting after this time. */
  until?: number;
}

export interface TextFact extends Fact {
  ids: string[];
  score: number;
  scam: boolean;
  stageRank: number;
  signals: string[];
}

export interface AppFact extends Fact {
  app: string;
}

export interface CreditFact extends Fact {
  provider: string;
  amount: number;
  draw: boolean;
}

export interface PaymentFact extends Fact {
  amount: number;
  payee: number;
}

export interface CardFact extends Fact {
  amount: number;
  account: number;
}

/**
 * What the engine remembers about one person. Bounded: every list has a cap and facts older than
 * the policy's episode window are dropped, so a subject costs the same after a year as after a day.
 */
export interface SubjectState {
  subject: string;
  lastT: number;
  call: CallFact | null;
  contacts: ContactFact[];
  text: TextFact | null;
  share: Fact | null;
  shareStopT: number;
  meetingApp: AppFact | null;
  remoteApp: AppFact | null;
  loanApp: AppFact | null;
  link: (Fact & { host: string }) | null;
  credit: CreditFact[];
  payments: PaymentFact[];
  /** FNV hashes of payees this person has paid before (most recent last). */
  knownPayees: number[];
  cards: CardFact[];
  knownAccounts: number[];
  redeem: (Fact & { minutes: number; redeemer: string; mule: number }) | null;
  otp: (Fact & { host: string }) | null;
  /** The first suspicious money-out of this journey: later credit or payments are the retention loop. */
  cashout: Fact | null;
  family: FamilyId | null;
  /** Highest stage rank reached in this journey (typology order). */
  stageRank: number;
}

export const CAPS = {
  contacts: 4,
  credit: 8,
  payments: 8,
  knownPayees: 24,
  cards: 6,
  knownAccounts: 4,
  textIds: 4,
  textSignals: 6,
} as const;

/**
 * The one empty list every state's empty lists share. The journey never changes a state's list in
 * place (it replaces it: appendCapped, keepFrom), so sharing is safe, and most people have no
 * contacts, credit, payments or cards: six arrays of their own each (16 B apiece, read cold at
 * every first touch of the state) become one read that stays in cache.
 */
export const EMPTY_LIST: never[] = [];

export function newSubjectState(subject: string): SubjectState {
  return {
    subject,
    lastT: -Infinity,
    call: null,
    contacts: EMPTY_LIST,
    text: null,
    share: null,
    shareStopT: -Infinity,
    meetingApp: null,
    remoteApp: null,
    loanApp: null,
    link: null,
    credit: EMPTY_LIST,
    payments: EMPTY_LIST,
    knownPayees: EMPTY_LIST,
    cards: EMPTY_LIST,
    knownAccounts: EMPTY_LIST,
    redeem: null,
    otp: null,
    cashout: null,
    family: null,
    stageRank: 0,
  };
}

/** Appends and keeps the newest `cap` entries. */
export function pushCapped<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  if (list.length > cap) list.splice(0, list.length - cap);
}

/**
 * A new array: `list` with `item` appended, the newest `cap` entries. The state's lists are replaced
 * rather than grown: `push` gives an array room for 16 more entries (V8 grows by half plus 16),
 * which for lists of a few facts per person is most of what a journey costs in memory; `concat`
 * allocates exactly what it holds.
 */
export function appendCapped<T>(list: readonly T[], item: T, cap: number): T[] {
  const from = list.length + 1 > cap ? list.length + 1 - cap : 0;
  return (from === 0 ? list : list.slice(from)).concat([item]);
}

/**
 * FNV-1a folded to 30 bits: payees and accounts are remembered as numbers, not strings, and 30
 * bits keep them small integers that V8 stores inline instead of boxing (collisions among a
 * person's couple of dozen payees are negligible).
 */
export function hash32(s: string): number {
  const h = fnv1a(s);
  return (h ^ (h >>> 30)) & 0x3fffffff;
}

/** FNV-1a of a string's UTF-16 units, as a signed 32-bit integer. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

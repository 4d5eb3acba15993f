/**
 * The peer a TypeScript team would otherwise pick: the engine's core rules written for
 * json-rules-engine. json-rules-engine has no memory between runs, so the per-subject facts it
 * needs (last impersonating call, screen share, last loan, payees paid before, first cash-out)
 * are kept by a small tracker here and passed in as facts; the rules themselves, their
 * conditions and weights, live in json-rules-engine. Used only by bench:engine.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { KgEvent, TimedEvent } from '../../src/events/index.js';
import { hostOf, Knowledge } from '../../src/engine/index.js';
import { DEFAULT_POLICY } from '../../src/policy/index.js';
import { TYPOLOGY } from '../../src/typology/index.js';

interface Tracked {
  callT: number;
  impersonation: boolean;
  shareT: number;
  shareStopT: number;
  drawT: number;
  drawAmount: number;
  providers: string[];
  payees: Set<string>;
  cashoutT: number;
}

const W = DEFAULT_POLICY.weights;
const MONEY = ['transfer', 'giftcard.purchase', 'otp.used', 'credit.draw', 'credit.open'];

const rule = (code: string, weight: number, all: { fact: string; operator: string; value: unknown }[]): RuleProperties => ({
  conditions: { all } as RuleProperties['conditions'],
  event: { type: 'reason', params: { code, weight } },
});

/** The core rules: the same conditions and anchored weights as the journey's. */
export const PEER_RULES: RuleProperties[] = [
  rule('SERVICE_IMPERSONATION', W.SERVICE_IMPERSONATION.anchored, [{ fact: 'impersonation', operator: 'equal', value: true }]),
  rule('SCREEN_SHARE', W.SCREEN_SHARE.anchored, [
    { fact: 'impersonation', operator: 'equal', value: true },
    { fact: 'minutesSinceShare', operator: 'lessThanInclusive', value: DEFAULT_POLICY.windows.episodeMin },
  ]),
  rule('MONEY_UNDER_SHARE', W.MONEY_UNDER_SHARE.anchored, [
    { fact: 'type', operator: 'in', value: MONEY },
    { fact: 'shareActive', operator: 'equal', value: true },
  ]),
  rule('CREDIT_DRAWN', W.CREDIT_DRAWN.anchored, [
    { fact: 'impersonation', operator: 'equal', value: true },
    { fact: 'minutesSinceDraw', operator: 'lessThanInclusive', value: DEFAULT_POLICY.windows.episodeMin },
  ]),
  rule('MULTI_PROVIDER_CREDIT', W.MULTI_PROVIDER_CREDIT.anchored, [{ fact: 'providers', operator: 'greaterThanInclusive', value: 2 }]),
  rule('LOAN_THEN_TRANSFER', W.LOAN_THEN_TRANSFER.anchored, [
    { fact: 'type', operator: 'equal', value: 'transfer' },
    { fact: 'freshPayee', operator: 'equal', value: true },
    { fact: 'minutesSinceDraw', operator: 'lessThanInclusive', value: DEFAULT_POLICY.windows.loanToPaymentMin },
  ]),
  rule('NEW_PERSONAL_PAYEE', W.NEW_PERSONAL_PAYEE.anchored, [
    { fact: 'type', operator: 'equal', value: 'transfer' },
    { fact: 'freshPayee', operator: 'equal', value: true },
    { fact: 'personal', operator: 'equal', value: true },
  ]),
  rule('CODE_AMOUNT', W.CODE_AMOUNT.anchored, [
    { fact: 'type', operator: 'equal', value: 'transfer' },
    { fact: 'amount', operator: 'greaterThanInclusive', value: DEFAULT_POLICY.thresholds.codeAmountMin },
    { fact: 'oddCents', operator: 'equal', value: true },
  ]),
  rule('GIFTCARD_WITH_CREDIT', W.GIFTCARD_WITH_CREDIT.anchored, [
    { fact: 'type', operator: 'equal', value: 'giftcard.purchase' },
    { fact: 'minutesSinceDraw', operator: 'lessThanInclusive', value: DEFAULT_POLICY.windows.loanToPaymentMin },
  ]),
  rule('OTP_FOREIGN_HOST', W.OTP_FOREIGN_HOST.anchored, [
    { fact: 'type', operator: 'equal', value: 'otp.used' },
    { fact: 'officialHost', operator: 'equal', value: false },
  ]),
  rule('REPEAT_AFTER_CASHOUT', W.REPEAT_AFTER_CASHOUT.anchored, [
    { fact: 'type', operator: 'in', value: MONEY },
    { fact: 'minutesSinceCashout', operator: 'lessThanInclusive', value: DEFAULT_POLICY.windows.episodeMin },
  ]),
];

// The same knowledge of official hosts and impersonation claims the engine uses, so only the rule mechanics differ.
const KNOWLEDGE = new Knowledge(TYPOLOGY);

export class RulesEnginePeer {
  private readonly engine = new Engine(PEER_RULES, { allowUndefinedFacts: true });
  private readonly subjects = new Map<string, Tracked>();

  async decide({ t, event }: TimedEvent): Promise<string> {
    let s = this.subjects.get(event.subject);
    if (!s) {
      s = {
        callT: -Infinity,
        impersonation: false,
        shareT: -Infinity,
        shareStopT: -Infinity,
        drawT: -Infinity,
        drawAmount: 0,
        providers: [],
        payees: new Set(),
        cashoutT: -Infinity,
      };
      this.subjects.set(event.subject, s);
    }
    track(s, t, event);
    const min = (since: number) => (t - since) / 60_000;
    const facts: Record<string, unknown> = {
      type: event.type,
      impersonation: s.impersonation && min(s.callT) <= DEFAULT_POLICY.windows.anchorMin,
      minutesSinceShare: min(s.shareT),
      shareActive: s.shareT > s.shareStopT && min(s.shareT) <= DEFAULT_POLICY.windows.shareMaxMin,
      minutesSinceDraw: min(s.drawT),
      providers: s.providers.length,
      minutesSinceCashout: min(s.cashoutT),
    };
    if (event.type === 'transfer') {
      facts.freshPayee = !s.payees.has(event.payee);
      facts.personal = event.payeeType !== 'business' && event.payeeType !== 'platform';
      facts.amount = event.amount;
      facts.oddCents = Math.round(event.amount * 100) % 100 !== 0;
    }
    if (event.type === 'otp.used') facts.officialHost = event.host === undefined || KNOWLEDGE.isOfficialHost(hostOf(event.host));
    const { events } = await this.engine.run(facts);
    let logit = DEFAULT_POLICY.bias;
    const reasons = events.map((e) => {
      logit += e.params!.weight as number;
      return { code: e.params!.code as string, events: [event.id] };
    });
    const score = events.length ? 1 / (1 + Math.exp(-logit)) : 0;
    const band = DEFAULT_POLICY.bands.find(
      (b) => (b.when.minScore ?? 0) <= score && (!b.when.eventTypes || b.when.eventTypes.includes(event.type)),
    )!;
    if (event.type === 'transfer') {
      if (score >= DEFAULT_POLICY.thresholds.suspiciousScore && s.cashoutT === -Infinity) s.cashoutT = t;
      else s.payees.add(event.payee);
    }
    return JSON.stringify({ eventId: event.id, subject: event.subject, action: band.action, level: band.level, score, reasons });
  }
}

function track(s: Tracked, t: number, event: KgEvent): void {
  switch (event.type) {
    case 'call.start':
      if (event.direction === 'in' && event.inContacts !== true) {
        s.callT = t;
        s.impersonation =
          event.claimedIdentity !== undefined && !KNOWLEDGE.isOfficialNumber(event.peer) && KNOWLEDGE.isServiceClaim(event.claimedIdentity);
      }
      break;
    case 'screen.share':
      if (event.state === 'start') s.shareT = t;
      else s.shareStopT = t;
      break;
    case 'credit.draw':
      s.drawT = t;
      s.drawAmount = event.amount;
      if (!s.providers.includes(event.provider)) s.providers.push(event.provider);
      break;
    default:
      break;
  }
}

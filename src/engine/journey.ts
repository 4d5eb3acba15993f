import type { KgEvent, TimedEvent } from '../events/index.js';
import type { Policy } from '../policy/index.js';
import { fillTemplate, REASONS, type FamilyId, type ReasonCode } from '../typology/index.js';
import { hostOf, phoneKey, type Knowledge } from './knowledge.js';
import { entityKey, type NetworkIndex } from './network.js';
import { appendCapped, CAPS, EMPTY_LIST, hash32, type ContactFact, type Fact, type SubjectState } from './state.js';
import type { TextMemo } from './text-memo.js';

/** Everything the journey reads besides the subject's own state; none of it is I/O. */
export interface JourneyContext {
  readonly policy: Policy;
  readonly knowledge: Knowledge;
  readonly network: NetworkIndex;
  /** The analyzer's verdicts on message texts (each text analyzed once while it is remembered). */
  readonly texts: TextMemo;
  readonly stageRank: (stage: string) => number;
  /** reasonCodeTable(policy, stageRank): each code's anchor flag, weights and stage rank. */
  readonly codes: ReadonlyMap<ReasonCode, CodeInfo>;
}

/** A reason active at this event, with the events that raised it and its share of the log-odds. */
export interface ActiveReason {
  code: ReasonCode;
  weight: number;
  anchored: boolean;
  events: string[];
  params: Record<string, string | number>;
  /**
   * Minutes since the suspicious contact that anchored it, or null. The sentence says so ("… 12
   * minutes after the suspicious contact"); it is only written when a decision shows its reasons.
   */
  afterMin: number | null;
}

export interface JourneyStep {
  reasons: ActiveReason[];
  /** How many of the reasons this event raised itself (the pattern of this very payment). */
  own: number;
  score: number;
  stageRank: number;
  family: FamilyId | null;
}

const MIN = 60_000;
/** Events a few minutes apart may be delivered in either order; an anchor may follow a step by this much. */
const ANCHOR_SLACK_MS = 30 * MIN;

/**
 * One step of a person's journey: folds `event` into `state` (in place: the caller owns the
 * state and the step is deterministic in its inputs) and returns the reasons active now, the
 * score and the stage. Event time is the only clock.
 */
export function advance(state: SubjectState, { t, event }: TimedEvent, ctx: JourneyContext): JourneyStep {
  const { windows } = ctx.policy;
  if (t > state.lastT) {
    expire(state, t - windows.episodeMin * MIN);
    state.lastT = t;
  }
  const reasons = COLLECTOR.start(state, ctx);
  applyEvent(state, t, event, ctx, reasons);
  const own = reasons.ownReasons();
  addEpisodeReasons(state, t, ctx, reasons);
  for (let i = 0; i < own.length; i++) reasons.set(own[i]!);

  const current = reasons.list;
  let logit = ctx.policy.bias;
  const textRank = state.text && state.text.t >= t - windows.episodeMin * MIN ? state.text.stageRank : 0;
  // Every code raised in this step is in the list (a code raised again replaces its entry), so
  // the highest stage among the codes raised is the highest among the reasons listed.
  let stageRank = Math.max(textRank, reasons.maxStageRank);
  for (let i = 0; i < current.length; i++) logit += current[i]!.weight;
  const score = current.length === 0 ? 0 : 1 / (1 + Math.exp(-logit));
  if (isMoneyOut(event) && own.length > 0 && score >= ctx.policy.thresholds.suspiciousScore && !state.cashout) {
    state.cashout = { t, id: event.id };
  }
  if (event.type === 'transfer') learnPayee(state, event.payee, score < ctx.policy.thresholds.suspiciousScore);
  if (event.type === 'giftcard.purchase' && event.account && score < ctx.policy.thresholds.suspiciousScore) {
    const h = hash32(event.account);
    if (!state.knownAccounts.includes(h)) state.knownAccounts = appendCapped(state.knownAccounts, h, CAPS.knownAccounts);
  }
  // The person is as far along as the journey has ever got in this episode, not only this event.
  if (current.length > 0) state.stageRank = stageRank = Math.max(state.stageRank, stageRank);
  return { reasons: reasons.finish(), own: own.length, score, stageRank, family: state.family };
}

/**
 * The reasons of one step, keyed by code in first-raised order (the order the score sums them in;
 * a code raised again replaces its entry in place, as a Map would). A class rather than closures:
 * this runs for every event, and a closure per call costs an allocation (and, under tsx, a naming
 * wrapper) each time. One instance serves every step: a step runs to completion before the next
 * starts, and `finish` drops what it held.
 */
class ReasonCollector {
  /** The active reasons, in the order their codes were first raised; a handful per step, so arrays beat a Map. */
  list: ActiveReason[] = [];
  /** The highest typology stage rank among the codes raised in this step (0: none). */
  maxStageRank = 0;
  /** Codes raised by the event itself; they win over the episode's standing reasons. */
  private own: ReasonCode[] = [];
  private state: SubjectState | null = null;
  private ctx: JourneyContext | null = null;

  start(state: SubjectState, ctx: JourneyContext): this {
    this.state = state;
    this.ctx = ctx;
    this.maxStageRank = 0;
    // Fresh arrays rather than `length = 0` (a runtime call in V8); most steps leave them empty.
    if (this.list.length !== 0) this.list = [];
    if (this.own.length !== 0) this.own = [];
    return this;
  }

  /** Hands the list over to the step and lets go of the subject. */
  finish(): ActiveReason[] {
    const list = this.list;
    this.list = [];
    if (this.own.length !== 0) this.own = [];
    this.state = null;
    this.ctx = null;
    return list;
  }

  /** Adds or replaces (in place) the reason with this code. */
  set(reason: ActiveReason): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      if (list[i]!.code === reason.code) {
        list[i] = reason;
        return;
      }
    }
    list.push(reason);
  }

  get(code: ReasonCode): ActiveReason | undefined {
    const list = this.list;
    for (let i = 0; i < list.length; i++) if (list[i]!.code === code) return list[i];
    return undefined;
  }

  /** The reasons the event raised itself, as they stand now (before the episode's are added). */
  ownReasons(): readonly ActiveReason[] {
    if (this.own.length === 0) return NO_REASONS;
    const out: ActiveReason[] = [];
    for (let i = 0; i < this.own.length; i++) out.push(this.get(this.own[i]!)!);
    return out;
  }

  add(code: ReasonCode, events: string[], params: Record<string, string | number>, atT: number): void {
    const state = this.state!;
    const ctx = this.ctx!;
    const anchor = anchorBefore(state, atT, ctx);
    const info = ctx.codes.get(code);
    // reasonCodeTable holds every code the policy weighs; a policy without this one cannot decide it.
    if (info === undefined) throw new Error(`policy ${ctx.policy.id} has no weights for reason ${code}`);
    const anchored = info.anchor || anchor !== undefined;
    const weight = anchored ? info.anchored : info.base;
    const afterMin = anchor === undefined ? null : Math.max(0, Math.round((atT - anchor) / MIN));
    if (info.stageRank > this.maxStageRank) this.maxStageRank = info.stageRank;
    this.set({ code, weight, anchored, events, params, afterMin });
  }

  raise(code: ReasonCode, events: string[], params: Record<string, string | number>, atT: number): void {
    this.add(code, events, params, atT);
    this.own.push(code);
  }
}

/** A reason code's anchor flag and weights under a policy, and its stage's rank in the typology. */
export interface CodeInfo {
  readonly anchor: boolean;
  readonly base: number;
  readonly anchored: number;
  readonly stageRank: number;
}

function codeInfo(policy: Policy, stageRank: (stage: string) => number, code: ReasonCode): CodeInfo {
  const w = policy.weights[code];
  return { anchor: REASONS[code].anchor === true, base: w.base, anchored: w.anchored, stageRank: stageRank(REASONS[code].stage) };
}

/**
 * Every reason code's CodeInfo under a policy and a stage ranking, made once (the engine's, for
 * its life): each standing reason of each event otherwise read the code's definition, its weights
 * and its stage's rank by key.
 */
export function reasonCodeTable(policy: Policy, stageRank: (stage: string) => number): ReadonlyMap<ReasonCode, CodeInfo> {
  const table = new Map<ReasonCode, CodeInfo>();
  for (const code of Object.keys(REASONS) as ReasonCode[]) if (policy.weights[code]) table.set(code, codeInfo(policy, stageRank, code));
  return table;
}

const COLLECTOR = new ReasonCollector();
const NO_REASONS: readonly ActiveReason[] = Object.freeze([]);

function isMoneyOut(event: KgEvent): boolean {
  return event.type === 'transfer' || event.type === 'giftcard.purchase' || event.type === 'otp.used';
}

/**
 * Updates the facts for this event. Reasons that belong to this event alone (the pattern of this
 * payment) are raised through `reasons.raise`, so they win over the episode's standing ones.
 */
function applyEvent(state: SubjectState, t: number, event: KgEvent, ctx: JourneyContext, reasons: ReasonCollector): void {
  const { knowledge, network, policy } = ctx;
  const { windows, thresholds } = policy;
  switch (event.type) {
    case 'call.start': {
      if (event.direction !== 'in') break;
      const peer = phoneKey(event.peer);
      const official = knowledge.isOfficialNumber(peer) || event.peerTag === 'official';
      const identity = event.claimedIdentity ?? null;
      const serviceClaim = identity !== null && !official && knowledge.isServiceClaim(identity);
      state.call = {
        t,
        id: event.id,
        peer,
        unknown: !official && event.inContacts !== true,
        endT: Infinity,
        endId: null,
        durationSec: 0,
      };
      if (identity && !official && !state.family) state.family = knowledge.familyOfIdentity(identity);
      knownBadContact(state, ctx, 'phone', event.peer, t, event.id, '号码');
      if (event.peerTag && /fraud|诈骗|骗/i.test(event.peerTag)) {
        addContact(state, { t, id: event.id, code: 'REPORTED_CONTACT', ids: [event.id], params: { peer: event.peer, tag: event.peerTag } });
      }
      if (serviceClaim) {
        addContact(state, {
          t,
          id: event.id,
          code: 'SERVICE_IMPERSONATION',
          ids: [event.id],
          params: { peer: event.peer, identity: identity! },
        });
        const touches = network.touch(entityKey('phone', peer), state.subject, t, event.id, windows.muleMin * MIN);
        if (touches.length >= thresholds.mulePhoneSubjects) {
          const ids = touches.slice(0, 4).map((x) => x.id);
          addContact(state, { t, id: event.id, code: 'MULE_PHONE', ids, params: { peer: event.peer, count: touches.length } });
        }
      }
      break;
    }
    case 'call.end': {
      const call = state.call;
      if (!call || call.peer !== phoneKey(event.peer) || call.endId) break;
      call.endT = t;
      call.endId = event.id;
      call.durationSec = event.durationSec;
      // Hung up quickly: what the caller claimed stops colouring the day an hour later.
      if (event.durationSec < windows.shortCallSec) {
        for (const c of state.contacts) if (c.id === call.id) c.until = t + windows.hungUpMin * MIN;
      }
      if (call.unknown && event.durationSec >= windows.longCallSec) {
        const minutes = Math.round(event.durationSec / 60);
        addContact(state, { t: call.t, id: call.id, code: 'LONG_UNKNOWN_CALL', ids: [call.id, event.id], params: { minutes } });
      }
      break;
    }
    case 'message': {
      applyMessage(state, t, event, ctx);
      break;
    }
    case 'app.install':
    case 'app.open': {
      const category = event.category ?? knowledge.appCategory(event.app);
      const fact = { t, id: event.id, app: event.app };
      // People open their work meeting app every day; installing one on a stranger's request is the step.
      if ((category === 'meeting' || category === 'screen-share') && event.type === 'app.install') state.meetingApp = fact;
      else if (category === 'remote-control') state.remoteApp = fact;
      else if (category === 'loan' && event.type === 'app.install') state.loanApp = fact;
      break;
    }
    case 'screen.share': {
      if (event.state === 'start') {
        if (!shareActive(state, t, ctx)) state.share = { t, id: event.id };
      } else state.shareStopT = t;
      break;
    }
    case 'credit.open':
    case 'credit.draw': {
      const draw = event.type === 'credit.draw';
      const amount = draw ? event.amount : (event.limit ?? 0);
      state.credit = appendCapped(state.credit, { t, id: event.id, provider: event.provider, amount, draw }, CAPS.credit);
      moneyContext(state, t, event.id, ctx, reasons);
      break;
    }
    case 'transfer': {
      applyTransfer(state, t, event, ctx, reasons);
      break;
    }
    case 'giftcard.purchase': {
      const draw = latestDraw(state, t, windows.loanToPaymentMin * MIN);
      if (draw) {
        const minutes = Math.round((t - draw.t) / MIN);
        reasons.raise('GIFTCARD_WITH_CREDIT', [draw.id, event.id], { minutes, amount: event.amount }, t);
      }
      if (event.account) {
        const h = hash32(event.account);
        if (state.knownAccounts.length > 0 && !state.knownAccounts.includes(h)) {
          reasons.raise('GIFTCARD_FOREIGN_ACCOUNT', [event.id], { account: event.account }, t);
        }
        const bad = network.badMark(entityKey('account', event.account));
        if (bad) reasons.raise('KNOWN_BAD_PAYEE', [bad.id, event.id], { what: '购物账号', value: event.account }, t);
      }
      if (event.amount >= thresholds.materialAmount) reasons.raise('GIFTCARD_PURCHASE', [event.id], { amount: event.amount }, t);
      const card = { t, id: event.id, amount: event.amount, account: event.account ? hash32(event.account) : 0 };
      state.cards = appendCapped(state.cards, card, CAPS.cards);
      moneyContext(state, t, event.id, ctx, reasons);
      break;
    }
    case 'giftcard.redeem': {
      const card = [...state.cards].reverse().find((c) => c.t <= t + ANCHOR_SLACK_MS);
      const own = state.knownAccounts.includes(hash32(event.redeemer));
      if (!card || own) break;
      const minutes = Math.max(0, Math.round((t - card.t) / MIN));
      const touches = network.touch(entityKey('redeemer', event.redeemer), state.subject, t, event.id, windows.muleMin * MIN);
      const mule = touches.length >= thresholds.muleRedeemerSubjects ? touches.length : 0;
      if (minutes <= windows.fastRedeemMin || mule > 0) {
        state.redeem = { t, id: event.id, minutes, redeemer: event.redeemer, mule };
        if (!state.cashout) state.cashout = { t: card.t, id: card.id };
      }
      knownBadContact(state, ctx, 'account', event.redeemer, t, event.id, '兑换账号');
      break;
    }
    case 'otp.used': {
      if (event.host && !knowledge.isOfficialHost(hostOf(event.host))) {
        state.otp = { t, id: event.id, host: hostOf(event.host) };
        moneyContext(state, t, event.id, ctx, reasons);
      }
      break;
    }
    case 'link.open': {
      const host = hostOf(event.url);
      if (!knowledge.isOfficialHost(host)) state.link = { t, id: event.id, host };
      // reportedKey('url', event.url), with the host already in hand
      if (network.badCount > 0) knownBadKey(state, ctx, entityKey('url', host), event.url, t, event.id, '网址');
      break;
    }
    case 'report': {
      for (const entity of event.entities ?? []) network.markBad(reportedKey(entity.type, entity.value), t, event.id);
      break;
    }
    case 'report.review': {
      // The marks are keyed by the reviewed report's event id: only that report's marks change.
      for (const entity of event.entities) {
        const key = reportedKey(entity.type, entity.value);
        if (event.status === 'rejected') network.withdrawBad(key, event.report);
        else network.markBad(key, t, event.report);
      }
      break;
    }
    default:
      break;
  }
}

/** The network key of a reported or contacted entity: phones by their digits, URLs by their host. */
function reportedKey(type: string, value: string): string {
  if (type === 'phone') return entityKey('phone', phoneKey(value));
  if (type === 'url') return entityKey('url', hostOf(value));
  return entityKey(type, value);
}

/** Contact with an entity a victim has reported (a number, a QQ id, a site, a redeemer) anchors the journey. */
function knownBadContact(state: SubjectState, ctx: JourneyContext, type: string, value: string, t: number, id: string, what: string): void {
  if (ctx.network.badCount === 0) return; // nothing reported yet: no key to build
  knownBadKey(state, ctx, reportedKey(type, value), value, t, id, what);
}

function knownBadKey(state: SubjectState, ctx: JourneyContext, key: string, value: string, t: number, id: string, what: string): void {
  const bad = ctx.network.badMark(key);
  if (bad) addContact(state, { t, id, code: 'KNOWN_BAD_ENTITY', ids: [bad.id, id], params: { what, value } });
}

function applyMessage(state: SubjectState, t: number, event: Extract<KgEvent, { type: 'message' }>, ctx: JourneyContext): void {
  // The person's own words cannot carry the scammer's mechanics (the analyzer needs the other
  // party to ask for them), and SMS from an official short number is the platform itself.
  if (event.direction === 'out' || (event.channel === 'sms' && event.peer && ctx.knowledge.isOfficialNumber(event.peer))) return;
  const a = ctx.texts.digest(event.text);
  if (event.peer) {
    const type = event.channel === 'qq' ? 'qq' : event.channel === 'wechat' ? 'wechat' : 'phone';
    knownBadContact(state, ctx, type, event.peer, t, event.id, type);
  }
  for (const entity of a.contacts) knownBadContact(state, ctx, entity.type, entity.value, t, event.id, entity.type);
  if (a.score < ctx.policy.thresholds.textSuspiciousScore && !a.scam) return;
  const text = state.text;
  const codes = a.codes;
  if (!text) {
    state.text = {
      t,
      id: event.id,
      ids: [event.id],
      score: a.score,
      scam: a.scam && a.story,
      stageRank: a.stageRank,
      signals: codes.slice(0, CAPS.textSignals),
    };
  } else {
    text.ids = appendCapped(text.ids, event.id, CAPS.textIds);
    text.score = Math.max(text.score, a.score);
    text.scam ||= a.scam && a.story;
    text.stageRank = Math.max(text.stageRank, a.stageRank);
    for (const c of codes) if (!text.signals.includes(c)) text.signals = appendCapped(text.signals, c, CAPS.textSignals);
  }
  if (a.family && (a.scam || !state.family)) state.family = a.family;
}

function applyTransfer(
  state: SubjectState,
  t: number,
  event: Extract<KgEvent, { type: 'transfer' }>,
  ctx: JourneyContext,
  reasons: ReasonCollector,
): void {
  const { network, policy, knowledge } = ctx;
  const { windows, thresholds } = policy;
  const payee = hash32(event.payee);
  const fresh = !state.knownPayees.includes(payee);
  const personal = event.payeeType !== 'business' && event.payeeType !== 'platform';
  // Pocket money to a street vendor's personal QR code is everyday life; the scam moves hundreds and more.
  const material = event.amount >= thresholds.materialAmount;
  const payeeKey = entityKey('account', event.payee);
  const bad = network.badCount > 0 ? network.badMark(payeeKey) : undefined;
  if (bad) reasons.raise('KNOWN_BAD_PAYEE', [bad.id, event.id], { what: '收款账户', value: event.payee }, t);
  if (personal) {
    const touches = network.touch(payeeKey, state.subject, t, event.id, windows.muleMin * MIN);
    if (touches.length >= thresholds.mulePayeeSubjects) {
      reasons.raise(
        'MULE_PAYEE',
        touches.slice(0, 4).map((x) => x.id),
        { payee: event.payee, count: touches.length },
        t,
      );
    }
  }
  // After contact with a likely scammer even a small "return the excess" or ¥1 "activation" counts.
  const anchored = isAnchored(state, t, ctx);
  const notable = material || (event.amount >= thresholds.anchoredAmount && anchored);
  if (fresh && personal && notable) reasons.raise('NEW_PERSONAL_PAYEE', [event.id], { amount: event.amount }, t);
  if (fresh && !personal && material && anchored) reasons.raise('NEW_MERCHANT_AFTER_CONTACT', [event.id], { amount: event.amount }, t);
  if (fresh && material) {
    const draw = latestDraw(state, t, windows.loanToPaymentMin * MIN);
    if (draw && event.amount >= thresholds.loanShareOfDraw * draw.amount) {
      reasons.raise('LOAN_THEN_TRANSFER', [draw.id, event.id], { minutes: Math.round((t - draw.t) / MIN) }, t);
    }
  }
  if (fresh && personal && event.amount >= thresholds.codeAmountMin && Math.round(event.amount * 100) % 100 !== 0) {
    reasons.raise('CODE_AMOUNT', [event.id], { amount: event.amount }, t);
  }
  if (event.amount >= thresholds.activationFollowMin) {
    const small = state.payments.find((p) => p.amount <= thresholds.activationMax && t - p.t <= windows.activationMin * MIN && p.t <= t);
    if (small) {
      reasons.raise(
        'ACTIVATION_PATTERN',
        [small.id, event.id],
        { small: small.amount, amount: event.amount, minutes: Math.round((t - small.t) / MIN) },
        t,
      );
    }
  }
  if (fresh && personal && material) {
    let count = 1;
    const ids = [event.id];
    for (const p of state.payments) {
      if (p.amount >= thresholds.materialAmount && t - p.t <= windows.multiProviderMin * MIN && p.payee !== payee) {
        count++;
        ids.unshift(p.id);
      }
    }
    if (count >= thresholds.repeatedPayees) reasons.raise('REPEATED_NEW_PAYEES', ids.slice(-4), { count }, t);
  }
  if (event.memo && knowledge.isScamMemo(event.memo)) reasons.raise('SCAM_MEMO', [event.id], { memo: event.memo.slice(0, 40) }, t);
  // Payments to people paid before never feed a reason; remembering only new payees keeps state small.
  if (fresh) state.payments = appendCapped(state.payments, { t, id: event.id, amount: event.amount, payee }, CAPS.payments);
  if ((fresh || bad) && notable) moneyContext(state, t, event.id, ctx, reasons);
  else if (shareActive(state, t, ctx) && material) reasons.raise('MONEY_UNDER_SHARE', [state.share!.id, event.id], {}, t);
}

/** Reasons every money or credit movement shares: the screen is being watched; the loop is repeating. */
function moneyContext(state: SubjectState, t: number, id: string, ctx: JourneyContext, reasons: ReasonCollector): void {
  if (shareActive(state, t, ctx)) reasons.raise('MONEY_UNDER_SHARE', [state.share!.id, id], {}, t);
  const sequence = controlCreditSequence(state, t, id, ctx);
  if (sequence) reasons.raise('SCAM_SEQUENCE', sequence.ids, sequence.params, t);
  if (state.cashout && state.cashout.id !== id && state.cashout.t <= t)
    reasons.raise('REPEAT_AFTER_CASHOUT', [state.cashout.id, id], {}, t);
}

/** Screen share or remote control, then credit, then this payment, in that order and within the window. */
function controlCreditSequence(state: SubjectState, t: number, id: string, ctx: JourneyContext) {
  const windowMs = ctx.policy.windows.sequenceMin * MIN;
  const control = [state.share, state.remoteApp]
    .filter((f): f is Fact => f !== null && f.t <= t && t - f.t <= windowMs)
    .sort((a, b) => a.t - b.t)[0];
  if (!control || state.credit.length === 0) return undefined;
  const credit = state.credit.find((c) => c.t >= control.t - ANCHOR_SLACK_MS / 6 && c.t <= t && c.id !== id);
  if (!credit) return undefined;
  const viaShare = control === state.share;
  return {
    ids: [control.id, credit.id, id],
    params: {
      minutes: Math.round((t - control.t) / MIN),
      control: viaShare ? '屏幕共享' : '远程控制',
      controlEn: viaShare ? 'screen sharing' : 'remote control',
    },
  };
}

function learnPayee(state: SubjectState, payee: string, legit: boolean): void {
  if (!legit) return;
  const h = hash32(payee);
  if (!state.knownPayees.includes(h)) state.knownPayees = appendCapped(state.knownPayees, h, CAPS.knownPayees);
}

function latestDraw(state: SubjectState, t: number, windowMs: number) {
  for (let i = state.credit.length - 1; i >= 0; i--) {
    const c = state.credit[i]!;
    if (c.draw && c.t <= t && t - c.t <= windowMs) return c;
  }
  return undefined;
}

function shareActive(state: SubjectState, t: number, ctx: JourneyContext): boolean {
  const s = state.share;
  if (!s || s.t > t) return false;
  if (state.shareStopT >= s.t && state.shareStopT <= t) return false;
  return t - s.t <= ctx.policy.windows.shareMaxMin * MIN;
}

function addContact(state: SubjectState, fact: ContactFact): void {
  let list = state.contacts;
  const i = list.findIndex((c) => c.code === fact.code);
  if (i >= 0) list = list.slice(0, i).concat(list.slice(i + 1));
  state.contacts = appendCapped(list, fact, CAPS.contacts);
}

/** The time of the earliest contact with a likely scammer that precedes `atT`, or undefined. */
function anchorBefore(state: SubjectState, atT: number, ctx: JourneyContext): number | undefined {
  const limit = ctx.policy.windows.anchorMin * MIN;
  let best = Infinity;
  for (const c of state.contacts) if (c.until === undefined || atT <= c.until) best = earliestAnchor(best, c.t, atT, limit);
  if (state.text?.scam) best = earliestAnchor(best, state.text.t, atT, limit);
  // A code typed into a fake site or a remote-control app is the scammer's hand on the phone, call or no call.
  if (state.otp) best = earliestAnchor(best, state.otp.t, atT, limit);
  if (state.remoteApp) best = earliestAnchor(best, state.remoteApp.t, atT, limit);
  const call = state.call;
  if (call && call.unknown && call.t <= atT && atT <= Math.min(call.endT, call.t + ctx.policy.windows.callOngoingMaxMin * MIN)) {
    best = earliestAnchor(best, call.t, atT, limit);
  }
  return best === Infinity ? undefined : best;
}

function earliestAnchor(best: number, t: number, atT: number, limit: number): number {
  return t <= atT + ANCHOR_SLACK_MS && atT - t <= limit && t < best ? t : best;
}

function isAnchored(state: SubjectState, atT: number, ctx: JourneyContext): boolean {
  return anchorBefore(state, atT, ctx) !== undefined;
}

/**
 * A reason's sentence in one language: its parameters, plus `{after}`/`{afterEn}`, the time since
 * the suspicious contact that anchors it (when one does).
 */
export function reasonSentence(template: string, reason: ActiveReason): string {
  const minutes = reason.afterMin;
  if (minutes === null) return fillTemplate(template, reason.params);
  return fillTemplate(template, (name) =>
    name === 'after'
      ? `（可疑联系后 ${minutes} 分钟）`
      : name === 'afterEn'
        ? ` (${minutes} min after the suspicious contact)`
        : reason.params[name],
  );
}

/** The journey's standing reasons: facts from earlier events that still colour this one. */
function addEpisodeReasons(state: SubjectState, t: number, ctx: JourneyContext, reasons: ReasonCollector): void {
  const { windows, thresholds } = ctx.policy;
  const episodeMs = windows.episodeMin * MIN;
  const contactMs = windows.anchorMin * MIN;
  const call = state.call;
  const callUntil = call && call.durationSec < windows.shortCallSec && call.endId ? call.endT + windows.hungUpMin * MIN : Infinity;
  if (call && call.unknown && inWindow(call.t, t, contactMs) && t <= callUntil) {
    reasons.add('UNKNOWN_CALL', call.endId ? [call.id, call.endId] : [call.id], { peer: call.peer }, call.t);
    const ongoingMs = Math.min(t, call.t + windows.callOngoingMaxMin * MIN) - call.t;
    if (!call.endId && ongoingMs >= windows.longCallSec * 1000) {
      reasons.add('LONG_UNKNOWN_CALL', [call.id], { minutes: Math.round(ongoingMs / MIN) }, call.t);
    }
  }
  for (const c of state.contacts)
    if (inWindow(c.t, t, contactMs) && (c.until === undefined || t <= c.until)) reasons.add(c.code, c.ids, c.params, c.t);
  const text = state.text;
  if (text !== null && inWindow(text.t, t, contactMs)) {
    const signals = text.signals.join('、');
    if (text.scam) reasons.add('TEXT_SCAM', [...text.ids], { signals }, text.t);
    else reasons.add('TEXT_SUSPICIOUS', [...text.ids], { signals }, text.t);
  }
  if (state.link !== null && inWindow(state.link.t, t, episodeMs))
    reasons.add('UNFAMILIAR_LINK', [state.link.id], { host: state.link.host }, state.link.t);
  if (state.meetingApp !== null && inWindow(state.meetingApp.t, t, episodeMs))
    reasons.add('MEETING_APP_INSTALL', [state.meetingApp.id], { app: state.meetingApp.app }, state.meetingApp.t);
  if (state.remoteApp !== null && inWindow(state.remoteApp.t, t, episodeMs))
    reasons.add('REMOTE_CONTROL_APP', [state.remoteApp.id], { app: state.remoteApp.app }, state.remoteApp.t);
  if (state.loanApp !== null && inWindow(state.loanApp.t, t, episodeMs))
    reasons.add('LOAN_APP_INSTALL', [state.loanApp.id], { app: state.loanApp.app }, state.loanApp.t);
  if (state.share !== null && inWindow(state.share.t, t, episodeMs)) reasons.add('SCREEN_SHARE', [state.share.id], {}, state.share.t);
  let lastOpen: (typeof state.credit)[number] | undefined;
  let lastDraw: (typeof state.credit)[number] | undefined;
  // Most people have no credit facts: the lists are made when the first provider is.
  let providers: string[] | null = null;
  let providerIds: string[] | null = null;
  for (const c of state.credit) {
    if (!inWindow(c.t, t, episodeMs)) continue;
    if (c.draw) lastDraw = c;
    else lastOpen = c;
    if (t - c.t <= windows.multiProviderMin * MIN && !(providers ??= []).includes(c.provider)) {
      providers.push(c.provider);
      (providerIds ??= []).push(c.id);
    }
  }
  if (lastOpen) reasons.add('CREDIT_OPENED', [lastOpen.id], { provider: lastOpen.provider }, lastOpen.t);
  if (lastDraw) reasons.add('CREDIT_DRAWN', [lastDraw.id], { provider: lastDraw.provider, amount: lastDraw.amount }, lastDraw.t);
  const providerCount = providers === null ? 0 : providers.length;
  if (providerCount >= thresholds.multiProviders)
    reasons.add('MULTI_PROVIDER_CREDIT', providerIds === null ? [] : providerIds.slice(-4), { count: providerCount }, t);
  const redeem = state.redeem;
  if (redeem !== null && inWindow(redeem.t, t, episodeMs)) {
    if (redeem.minutes <= windows.fastRedeemMin)
      reasons.add('GIFTCARD_FAST_REDEEM', [redeem.id], { minutes: redeem.minutes, redeemer: redeem.redeemer }, redeem.t);
    if (redeem.mule > 0) reasons.add('MULE_REDEEMER', [redeem.id], { redeemer: redeem.redeemer, count: redeem.mule }, redeem.t);
  }
  if (state.otp !== null && inWindow(state.otp.t, t, episodeMs))
    reasons.add('OTP_FOREIGN_HOST', [state.otp.id], { host: state.otp.host }, state.otp.t);
}

/**
 * Whether a fact at `ft` still colours an event at `t`. It takes the time, not the fact: facts
 * come in a dozen shapes, and one function reading `.t` from all of them would make that read
 * megamorphic (slow) everywhere; each caller's read stays monomorphic. (Contact facts also end
 * early when the person hung up quickly: the callers check `until`.)
 */
function inWindow(ft: number, t: number, windowMs: number): boolean {
  return ft <= t + ANCHOR_SLACK_MS && t - ft <= windowMs;
}

/** The facts at or after `horizon`, in order, in an array of exactly their number (see appendCapped). */
function keepFrom<T extends Fact>(list: T[], horizon: number): T[] {
  const kept: T[] = [];
  for (let i = 0; i < list.length; i++) if (list[i]!.t >= horizon) kept.push(list[i]!);
  return kept.length === 0 ? EMPTY_LIST : kept.slice();
}

/** Drops facts that left the episode window, so state stays bounded. */
function expire(state: SubjectState, horizon: number): void {
  if (state.call !== null && state.call.t < horizon) state.call = null;
  if (state.contacts.length && state.contacts[0]!.t < horizon) state.contacts = keepFrom(state.contacts, horizon);
  if (state.text !== null && state.text.t < horizon) state.text = null;
  if (state.share !== null && state.share.t < horizon) state.share = null;
  if (state.meetingApp !== null && state.meetingApp.t < horizon) state.meetingApp = null;
  if (state.remoteApp !== null && state.remoteApp.t < horizon) state.remoteApp = null;
  if (state.loanApp !== null && state.loanApp.t < horizon) state.loanApp = null;
  if (state.link !== null && state.link.t < horizon) state.link = null;
  if (state.credit.length && state.credit[0]!.t < horizon) state.credit = keepFrom(state.credit, horizon);
  if (state.payments.length && state.payments[0]!.t < horizon) state.payments = keepFrom(state.payments, horizon);
  if (state.cards.length && state.cards[0]!.t < horizon) state.cards = keepFrom(state.cards, horizon);
  if (state.redeem !== null && state.redeem.t < horizon) state.redeem = null;
  if (state.otp !== null && state.otp.t < horizon) state.otp = null;
  if (state.cashout !== null && state.cashout.t < horizon) state.cashout = null;
  if (!state.call && state.contacts.length === 0 && !state.text && !state.cashout) {
    state.family = null;
    state.stageRank = 0;
  }
}

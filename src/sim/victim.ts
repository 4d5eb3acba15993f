import type { FamilyId, StageId } from '../typology/types.js';
import { fill, type Slots } from './chatter.js';
import { COURIERS, PLATFORMS, RESALE_GOODS, SCAM_CONTROL_APPS, lender } from './catalog.js';
import { DAY, HOUR, MIN, SEC, localMidnight, zhDate } from './clock.js';
import { fen, maskName, meetingNo, roundTo, token } from './entities.js';
import { Journal, type Draft } from './journal.js';
import { emitFlight, emitOrder, makeFlight, makeOrder, type FlightInfo, type OrderInfo } from './life.js';
import type { Persona } from './persona.js';
import { PROFILES, type Contact, type MoneyPath } from './profiles.js';
import { Rng } from './prng.js';
import { draw, gangFor, type Gang, type Mule } from './ring.js';
import { DEFECTS, REPORTERS, REPORT_PRETEXT, SCRIPTS, STAGE_LINES, VICTIM_LINES } from './scripts.js';
import type { World } from './world.js';

/**
 * One victim's scam, from the first contact to the exit, drawn from the family profile: steps are
 * skipped, reordered and repeated; timing runs from minutes to the next morning; some victims stop
 * half-way (a relative, a police early-warning call, their own doubt), before or after a first loss.
 */

export type ExitKind = 'ran-out' | 'realised' | 'relative' | 'police' | 'self';

export interface ScamOutcome {
  family: FamilyId;
  gang: number;
  moneyPaths: MoneyPath[];
  plannedPaths: MoneyPath[];
  completed: boolean;
  exit: ExitKind;
  /** The stage the victim was about to enter when stopped (victims who stopped half-way). */
  stoppedAt?: StageId;
  /** Drafts through which money reached the scammer. */
  losses: Draft[];
  /** Message events of the scam (the scammer's words, the victim's replies), 0 for about half the victims. */
  scamMessages: number;
  reported: boolean;
}

class Halt {
  constructor(readonly stage: StageId) {}
}

interface Step {
  stage: StageId;
  lossIn: boolean;
}

/** The mutable state of one run of a victim's script. */
class Run {
  t: number;
  readonly steps: Step[] = [];
  readonly losses: Draft[] = [];
  readonly used = new Set<string>();
  readonly paths: MoneyPath[] = [];
  readonly seen = {
    phone: new Set<string>(),
    account: new Set<string>(),
    qq: new Set<string>(),
    wechat: new Set<string>(),
    url: new Set<string>(),
  };
  sharing?: string;
  /** What the victim was made to do, for the report text. */
  readonly did = new Set<'share' | 'loan' | 'giftcard' | 'otp' | 'qr'>();
  medium = '电话';
  /** Borrowed money not yet sent on. */
  cash = 0;
  savings: number;
  /** Loan products left to push. */
  products: string[];
  voice: { peer: string; channel: 'qq' | 'wechat' | 'call-transcript' };
  phone: string;
  readonly began: number;

  constructor(
    readonly j: Journal,
    readonly rng: Rng,
    readonly gang: Gang,
    readonly family: FamilyId,
    readonly slots: Slots,
    readonly words: boolean,
    readonly stopAt: number,
    start: number,
    savings: number,
    products: string[],
  ) {
    this.t = start;
    this.began = start;
    this.savings = savings;
    this.products = products;
    this.phone = draw(rng, gang.phones).number;
    this.voice = { peer: this.phone, channel: 'call-transcript' };
  }

  step(stage: StageId): void {
    if (this.steps.length === this.stopAt) throw new Halt(stage);
    this.steps.push({ stage, lossIn: false });
  }

  /** Advances the clock by a log-uniform number of minutes in [lo, hi]. */
  wait(lo: number, hi: number): number {
    this.t += Math.exp(this.rng.float(Math.log(lo), Math.log(hi))) * MIN;
    return this.t;
  }

  /** The scammer's words as a message event (only for victims whose messages the sender sees). */
  say(lines: readonly string[], extra: Slots = {}): void {
    if (!this.words) return;
    this.j.add(this.t, {
      type: 'message',
      channel: this.voice.channel,
      direction: 'in',
      peer: this.voice.peer,
      text: fill(this.rng.pick(lines), { ...this.slots, ...extra }),
    });
    this.t += this.rng.float(20, 240) * SEC;
  }

  reply(lines: readonly string[]): void {
    if (!this.words || this.voice.channel === 'call-transcript' || !this.rng.chance(0.5)) return;
    this.j.add(this.t, {
      type: 'message',
      channel: this.voice.channel,
      direction: 'out',
      peer: this.voice.peer,
      text: this.rng.pick(lines),
    });
    this.t += this.rng.float(10, 120) * SEC;
  }

  pay(amount: number, payee: Mule, channel: 'bank-app' | 'alipay' | 'wechat' | 'qr', memo?: string): Draft {
    const d = this.j.add(
      this.t,
      {
        type: 'transfer',
        amount: fen(amount),
        payee: payee.account,
        payeeName: payee.type === 'personal' && this.rng.chance(0.5) ? maskName(payee.name) : payee.name,
        payeeType: payee.type,
        channel,
        ...(memo ? { memo } : {}),
      },
      fen(amount),
    );
    this.lost(d);
    this.seen.account.add(payee.account);
    this.t += this.rng.float(30, 200) * SEC;
    return d;
  }

  lost(d: Draft): void {
    this.losses.push(d);
    this.steps[this.steps.length - 1].lossIn = true;
  }

  /** Money the victim can still send: borrowed cash first, then savings. */
  funds(): number {
    return this.cash + this.savings;
  }

  spend(amount: number): void {
    const fromCash = Math.min(this.cash, amount);
    this.cash -= fromCash;
    this.savings = Math.max(0, this.savings - (amount - fromCash));
  }
}

function pickPath(rng: Rng, family: FamilyId): MoneyPath {
  return rng.weighted(PROFILES[family].paths);
}

interface Plan {
  contact: Contact;
  order?: OrderInfo;
  flight?: FlightInfo;
  channel: boolean;
  control: boolean;
  controlFirst: boolean;
  credit: boolean;
  paths: MoneyPath[];
  loops: number;
  nextDay: boolean;
}

function plan(rng: Rng, family: FamilyId): Omit<Plan, 'order' | 'flight'> {
  const p = PROFILES[family];
  const first = pickPath(rng, family);
  const paths = [first];
  if (rng.chance(0.3)) {
    const second = pickPath(rng, family);
    if (second !== first && second !== 'return-excess') paths.push(second);
  }
  return {
    contact: rng.weighted(p.contact),
    channel: rng.chance(p.channelMove),
    control: rng.chance(p.control),
    controlFirst: rng.chance(0.25),
    credit: first === 'return-excess' || rng.chance(p.credit),
    paths,
    loops: rng.weighted<number>([
      [0, 25],
      [1, 30],
      [2, 22],
      [3, 13],
      [4, 7],
      [5, 3],
    ]),
    nextDay: rng.chance(0.15),
  };
}

/** The leaked order the scammer recites: from a leaky shop or courier, mostly. */
function leakedOrder(rng: Rng, w: World, family: FamilyId, t: number): OrderInfo {
  if (rng.chance(0.15)) return makeOrder(rng, t); // leaked somewhere nobody will trace
  const courierLeak = family === 'parcel-claim' ? rng.chance(0.8) : rng.chance(0.3);
  const shopLeak = !courierLeak || rng.chance(0.35);
  const shop = shopLeak ? rng.pick(w.leakyShops) : undefined;
  const courier = courierLeak ? rng.pick(w.leakyCouriers) : undefined;
  return makeOrder(rng, t, { shop, courier, platform: courier === 5 ? 'jd' : undefined });
}

function borrow(r: Run, force500 = false): boolean {
  const { rng, j } = r;
  const product = force500 ? '备用金' : r.products.find((p) => !r.used.has(p) && p !== '备用金');
  if (!product) return false;
  r.used.add(product);
  r.did.add('loan');
  const l = lender(product);
  r.slots.product = product;
  if (force500) r.say(STAGE_LINES.reserve);
  else {
    const lines = SCRIPTS[r.family].pivot.filter((x) => !x.includes('备用金'));
    r.say(lines.length ? lines : SCRIPTS[r.family].pivot);
  }
  if (l.app !== '支付宝' && l.app !== '微信' && rng.chance(0.6)) {
    j.add(r.t, { type: 'app.install', app: l.app, category: 'loan' });
    r.wait(1, 6);
  }
  const limit = force500 ? 500 : roundTo(rng.float(l.lo, l.hi), 100);
  j.add(r.t, { type: 'credit.open', provider: l.provider, product, limit });
  r.wait(0.5, 4);
  const amount = force500 ? 500 : roundTo(limit * rng.pick([1, 1, 1, 0.8, 0.5]), 100);
  j.add(r.t, { type: 'credit.draw', provider: l.provider, product, amount });
  r.cash += amount;
  r.reply(VICTIM_LINES.borrowed);
  r.wait(1, 8);
  return true;
}

function mule(r: Run, business = false): Mule {
  const m = business ? draw(r.rng, r.gang.merchants) : draw(r.rng, r.gang.mules);
  r.slots.bank = m.bank;
  r.slots.payee = maskName(m.name);
  r.slots.tail = m.account.slice(-4);
  return m;
}

/** A believable odd amount: what the victim has, shaved by fees or scammer "instructions". */
function oddAmount(rng: Rng, x: number): number {
  if (rng.chance(0.4)) return roundTo(x, 100);
  if (rng.chance(0.5)) return fen(x - rng.float(0.5, 30));
  return Math.round(x);
}

/** One cash-out along a money path; returns false when there is no money left for it. */
function cashOut(r: Run, path: MoneyPath): boolean {
  const before = r.losses.length;
  const ok = cashOutAlong(r, path);
  if (r.losses.length > before) {
    if (!r.paths.includes(path)) r.paths.push(path);
    r.reply(VICTIM_LINES.paid);
  }
  return ok;
}

function cashOutAlong(r: Run, path: MoneyPath): boolean {
  const { rng, j } = r;
  const funds = r.funds();
  if (funds < 50) return false;
  switch (path) {
    case 'return-excess': {
      const price = typeof r.slots.price === 'number' && r.slots.price < 480 ? r.slots.price : roundTo(rng.float(100, 350), 1);
      const amount = Math.min(funds, 500 - price);
      const m = mule(r);
      r.say(STAGE_LINES.returnExcess, { amount });
      r.pay(amount, m, rng.chance(0.6) ? 'alipay' : 'bank-app', rng.chance(0.3) ? '退回多领理赔金' : undefined);
      r.spend(amount);
      return true;
    }
    case 'bank-transfer': {
      const m = mule(r);
      const total = oddAmount(
        rng,
        r.cash > 0
          ? r.cash + (rng.chance(0.3) ? Math.min(r.savings, roundTo(r.savings * 0.5, 100)) : 0)
          : Math.min(r.savings, rng.logNormal(8000, 0.9, 200, 60000)),
      );
      if (total < 50) return false;
      r.say(STAGE_LINES.transfer, { amount: total });
      const channel = rng.weighted<'bank-app' | 'alipay' | 'wechat'>([
        ['bank-app', 7],
        ['alipay', 2],
        ['wechat', 1],
      ]);
      const memo = rng.chance(0.2) ? rng.pick(['理赔回收', '关闭通道', '资金验证', '退款', '安全账户']) : undefined;
      if (total > 20000 && rng.chance(0.3)) {
        // Two cards, one after the other (seed 002).
        const first = roundTo(total * rng.float(0.4, 0.6), 100);
        r.pay(first, m, channel, memo);
        r.pay(fen(total - first), rng.chance(0.5) ? m : mule(r), channel, memo);
      } else r.pay(total, m, channel, memo);
      r.spend(total);
      return true;
    }
    case 'code-amount': {
      const base = [9999, 19999, 29999, 49999].filter((b) => b <= funds).pop() ?? Math.floor(funds / 1000) * 1000 - 1;
      if (base < 500) return false;
      const code = fen(base + rng.int(10, 99) / 100);
      r.say(STAGE_LINES.code, { code });
      r.pay(code, mule(r), 'bank-app');
      r.spend(code);
      return true;
    }
    case 'activation': {
      const m = mule(r);
      r.say(STAGE_LINES.activation.slice(0, 1));
      r.pay(1, m, rng.chance(0.5) ? 'bank-app' : 'wechat');
      r.wait(1, 6);
      const big = (rng.chance(0.25) ? [19999, 9999, 4999, 2999] : [9999, 4999, 2999]).find((b) => b <= funds - 1) ?? 0;
      if (big === 0) return true;
      r.say(STAGE_LINES.activation.slice(1), { amount: big });
      r.pay(big, m, 'bank-app');
      r.spend(big + 1);
      return true;
    }
    case 'deposit': {
      const amount = Math.min(funds, rng.pick([2000, 3000, 3000, 5000, 1888, 6000]));
      r.say(STAGE_LINES.deposit, { amount });
      r.pay(amount, mule(r), 'bank-app', rng.chance(0.5) ? '保证金' : undefined);
      r.spend(amount);
      return true;
    }
    case 'qr-payment': {
      const amount = oddAmount(rng, Math.min(funds, rng.logNormal(5000, 0.7, 300, 50000)));
      const m = mule(r, rng.chance(0.6));
      r.say(STAGE_LINES.qr, { amount });
      r.pay(amount, m, 'qr');
      r.did.add('qr');
      r.spend(amount);
      return true;
    }
    case 'otp-theft': {
      const host = draw(rng, r.gang.hosts);
      const url = `https://${host}/${rng.pick(['lp', 'refund', 'tk', 'verify', 'claim'])}?id=${token(rng, 6)}`;
      r.slots.url = url;
      r.seen.url.add(url);
      r.say(STAGE_LINES.link);
      j.add(r.t, { type: 'link.open', url });
      r.wait(1, 6);
      const purpose = rng.pick(['payment', 'bind-card', 'payment']);
      j.add(r.t, { type: 'otp.issued', purpose });
      r.say(STAGE_LINES.otp);
      r.t += rng.float(15, 90) * SEC;
      j.add(r.t, { type: 'otp.used', purpose, host });
      r.did.add('otp');
      r.t += rng.float(20, 180) * SEC;
      const amount = oddAmount(rng, Math.min(funds, rng.chance(0.5) ? funds : rng.logNormal(6000, 0.8, 300, 50000)));
      const m = mule(r, rng.chance(0.4));
      r.pay(amount, m, 'bank-app');
      r.spend(amount);
      return true;
    }
    case 'giftcard': {
      const merchant = r.family === 'jd-credit' && rng.chance(0.6) ? '京东E卡' : '当当';
      const account = draw(rng, r.gang.giftAccounts);
      r.slots.account = account;
      if (!r.used.has(merchant)) {
        j.add(r.t, {
          type: merchant === '当当' ? 'app.install' : 'app.open',
          app: merchant === '当当' ? '当当' : '京东',
          category: 'shopping',
        });
        r.used.add(merchant);
        r.wait(1, 5);
      }
      let left = Math.min(funds, r.cash > 0 ? r.cash : funds);
      r.say(STAGE_LINES.giftcard, { amount: roundTo(left, 1000) });
      let n = 0;
      while (left >= 500 && n < 6) {
        const face = left >= 5000 ? rng.pick([1000, 2000, 5000]) : left >= 1000 ? 1000 : 500;
        const quantity = Math.max(1, Math.min(Math.floor(left / face), rng.int(1, 10)));
        const amount = face * quantity;
        const d = j.add(r.t, { type: 'giftcard.purchase', merchant, amount, quantity, account }, amount);
        r.did.add('giftcard');
        r.lost(d);
        // Spent on resaleable goods by another account within minutes (seed 003).
        let when = r.t + rng.float(1, 12) * MIN;
        const redeemer = draw(rng, r.gang.redeemers);
        for (let k = 0; k < Math.min(quantity, 3); k++) {
          const part = k === Math.min(quantity, 3) - 1 ? amount - face * k : face;
          j.add(when, {
            type: 'giftcard.redeem',
            merchant,
            amount: part,
            redeemer,
            cardId: `gc-${rng.digits(12)}`,
            goods: rng.pick(RESALE_GOODS),
          });
          when += rng.float(0.3, 3) * MIN;
        }
        r.spend(amount);
        left -= amount;
        n++;
        r.wait(2, 12);
      }
      return n > 0;
    }
  }
}

function contactStep(r: Run, p: Plan): void {
  const { rng, j, gang } = r;
  const script = SCRIPTS[r.family];
  const phone = gang.phones.find((x) => x.number === r.phone);
  const tag = phone?.tag ? { peerTag: phone.tag } : {};
  r.seen.phone.add(r.phone);
  const transcript = (): void => {
    if (r.words)
      j.add(r.t, {
        type: 'message',
        channel: 'call-transcript',
        direction: 'in',
        peer: r.phone,
        text: fill(rng.pick(script.hook), r.slots),
      });
  };
  if (p.contact === 'call') {
    const start = r.t;
    r.t = j.call(
      r.t,
      { peer: r.phone, direction: 'in', inContacts: false, ...tag, claimedIdentity: String(r.slots.agent) },
      rng.logNormal(600, 0.6, 120, 3600),
    );
    const end = r.t;
    r.t = start + 20 * SEC;
    transcript();
    r.t = end;
    return;
  }
  if (p.contact === 'sms') {
    r.medium = '短信';
    const peer = rng.chance(0.6) ? rng.pick(gang.smsSenders) : r.phone;
    j.add(r.t, { type: 'message', channel: 'sms', direction: 'in', peer, text: fill(rng.pick(script.text), r.slots) });
    if (r.family === 'account-security' && rng.chance(0.5)) {
      const url = `https://${draw(rng, gang.hosts)}/${token(rng, 5)}`;
      r.seen.url.add(url);
      r.wait(1, 20);
      j.add(r.t, { type: 'link.open', url });
    }
    r.wait(2, 90);
    // The victim calls the number in the SMS, or the "agent" calls.
    const out = r.family === 'flight-compensation' || rng.chance(0.5);
    r.t = j.call(
      r.t,
      {
        peer: r.phone,
        direction: out ? 'out' : 'in',
        inContacts: false,
        ...(out ? {} : { ...tag, claimedIdentity: String(r.slots.agent) }),
      },
      rng.logNormal(500, 0.6, 90, 3000),
    );
    return;
  }
  const im =
    p.contact === 'qq'
      ? { channel: 'qq' as const, peer: draw(rng, gang.qq) }
      : { channel: 'wechat' as const, peer: draw(rng, gang.wechat) };
  r.voice = im;
  r.medium = im.channel === 'qq' ? 'QQ消息' : '微信消息';
  (im.channel === 'qq' ? r.seen.qq : r.seen.wechat).add(im.peer);
  r.slots.qq = im.channel === 'qq' ? im.peer : r.slots.qq;
  r.slots.wx = im.channel === 'wechat' ? im.peer : r.slots.wx;
  // SMS-style 【sender】 prefixes do not appear in QQ/WeChat chats.
  j.add(r.t, {
    type: 'message',
    channel: im.channel,
    direction: 'in',
    peer: im.peer,
    text: fill(rng.pick(script.text), r.slots).replace(/^【[^】]*】/, ''),
  });
  r.wait(1, 20);
  j.add(r.t, { type: 'app.open', app: im.channel === 'qq' ? 'QQ' : '微信', category: 'im' });
  r.wait(1, 5);
}

function channelStep(r: Run): void {
  const { rng, j, gang } = r;
  const how = rng.weighted<'qq' | 'wechat' | 'group' | 'link'>([
    ['qq', r.voice.channel === 'qq' ? 0 : 45],
    ['wechat', r.voice.channel === 'wechat' ? 0 : 30],
    ['group', 12],
    ['link', 13],
  ]);
  if (how === 'link') {
    const url = `https://${draw(rng, gang.hosts)}/${rng.pick(['kf', 'lp', 'help', 'chat'])}/${token(rng, 6)}`;
    r.slots.url = url;
    r.seen.url.add(url);
    r.say(STAGE_LINES.link);
    j.add(r.t, { type: 'link.open', url });
    r.wait(2, 10);
    return;
  }
  if (how === 'group') {
    r.say(STAGE_LINES.channelQq.slice(2));
    j.add(r.t, { type: 'link.open', url: `https://qm.qq.com/q/${token(rng, 10)}` });
    r.seen.qq.add(String(r.slots.group));
    r.wait(1, 5);
    j.add(r.t, { type: 'app.open', app: 'QQ', category: 'im' });
    r.voice = { channel: 'qq', peer: String(r.slots.group) };
    r.wait(2, 15);
    return;
  }
  const peer = how === 'qq' ? String(r.slots.qq) : String(r.slots.wx);
  r.say(how === 'qq' ? STAGE_LINES.channelQq.slice(0, 2) : STAGE_LINES.channelWechat);
  (how === 'qq' ? r.seen.qq : r.seen.wechat).add(peer);
  j.add(r.t, { type: 'app.open', app: how === 'qq' ? 'QQ' : '微信', category: 'im' });
  r.voice = { channel: how, peer };
  r.wait(1, 8);
  r.reply(VICTIM_LINES.added);
}

function controlStep(r: Run, p: Persona): void {
  const { rng, j } = r;
  const { app, category } = rng.weighted(SCAM_CONTROL_APPS);
  r.slots.app = app;
  r.slots.meeting = meetingNo(rng);
  r.say(STAGE_LINES.control);
  if (p.meetingApps.includes(app)) j.add(r.t, { type: 'app.open', app, category });
  else {
    j.add(r.t, { type: 'app.install', app, category });
    r.wait(1, 5);
    if (rng.chance(0.5)) j.add(r.t, { type: 'app.open', app, category });
  }
  r.wait(1, 6);
  j.add(r.t, { type: 'screen.share', state: 'start', app });
  r.sharing = app;
  r.did.add('share');
  r.reply(VICTIM_LINES.shared);
  if (rng.chance(0.2)) {
    // "Download your mobile bank to receive the claim" (seed 004).
    r.wait(2, 8);
    j.add(r.t, { type: 'app.install', app: rng.pick(['云闪付', '手机银行', '农业银行']), category: rng.chance(0.5) ? 'bank' : 'payment' });
  }
  r.wait(2, 10);
}

function report(r: Run, lossTotal: number, when: number, kind: 'victim-report' | 'complaint'): void {
  const { rng, j } = r;
  const entities: { type: 'phone' | 'account' | 'qq' | 'wechat' | 'url'; value: string }[] = [];
  const take = (type: (typeof entities)[number]['type'], values: Set<string>): void => {
    for (const value of values) if (rng.chance(0.85)) entities.push({ type, value });
  };
  take('phone', r.seen.phone);
  take('account', r.seen.account);
  take('qq', r.seen.qq);
  take('wechat', r.seen.wechat);
  take('url', r.seen.url);
  const who = rng.pick(REPORTERS);
  const me = who === '本人' ? '我' : who.slice(1);
  const actions: string[] = [];
  if (r.seen.qq.size) actions.push('加了QQ');
  if (r.seen.wechat.size) actions.push('加了微信');
  if (r.did.has('share')) actions.push('下载会议软件共享屏幕');
  const loans = [...r.used].filter((x) => x !== '当当' && x !== '京东E卡');
  if (loans.length) actions.push(`在${loans.join('、')}借款`);
  if (r.did.has('giftcard')) actions.push('用对方给的账号买礼品卡');
  if (r.did.has('otp')) actions.push('在对方发的链接里输入验证码');
  if (r.did.has('qr')) actions.push('扫码付款');
  const outcome =
    lossTotal > 0
      ? rng.pick([`先后被转走${fen(lossTotal)}元，后来发现被骗。`, `共损失${fen(lossTotal)}元，对方还要继续转才发现被骗。`])
      : rng.pick(['家人及时制止，没有转账，举报对方。', `${me}觉得不对没有转账，提供对方号码和账号。`]);
  const text =
    `${who}${zhDate(r.began)}接到自称${String(r.slots.agent)}的${r.medium}，说${REPORT_PRETEXT[r.family]}。` +
    (actions.length ? `对方让${me}${actions.join('、')}，` : '') +
    outcome;
  j.add(when, { type: 'report', kind, text, ...(entities.length ? { entities: entities.slice(0, 100) } : {}) });
}

export interface VictimSetup {
  j: Journal;
  persona: Persona;
  family: FamilyId;
  world: World;
  seed: number;
  /** Orders the victim placed in the window (one may be the leaked one, if the family recites one). */
  orders: OrderInfo[];
}

function runScript(s: VictimSetup, rng: Rng, j: Journal, stopAt: number): { r: Run; halted?: StageId; exit: ExitKind } {
  const { family, world: w, persona } = s;
  const gang = gangFor(rng, w.gangs, family);
  const pl: Plan = plan(rng, family);
  const prof = PROFILES[family];
  const script = SCRIPTS[family];
  // When it starts: some day of the window, mostly office hours and evenings.
  const needsOrder = rng.chance(prof.recitesOrder);
  const firstDay = needsOrder && w.days > 1 ? 1 : 0;
  const day = rng.int(firstDay, w.days - 1);
  const hour = rng.weighted<number>([
    [9, 10],
    [10, 14],
    [11, 14],
    [13, 12],
    [14, 12],
    [15, 10],
    [16, 8],
    [18, 6],
    [19, 6],
    [20, 5],
  ]);
  const start = Math.max(w.start + 10 * MIN, localMidnight(w.start) + day * DAY + hour * HOUR + rng.float(0, 59) * MIN);
  if (needsOrder) {
    let t = start - rng.float(6 * HOUR, Math.max(7 * HOUR, Math.min(6 * DAY, start - w.start)));
    if ((t - localMidnight(t)) / HOUR < 7.5) t += 9 * HOUR; // people shop in the day and evening
    if (family === 'flight-compensation') {
      pl.flight = makeFlight(rng, t, rng.chance(0.8) ? w.leakyAgency : undefined);
      if (t >= w.start) emitFlight(j, pl.flight);
    } else {
      pl.order = leakedOrder(rng, w, family, t);
      if (t >= w.start) emitOrder(j, pl.order);
    }
  }
  const o = pl.order ?? s.orders[0] ?? makeOrder(rng, start - DAY);
  const platformZh = PLATFORMS.find((x) => x.id === o.platform)?.zh ?? '淘宝';
  const airline = pl.flight?.airline ?? rng.pick(['东方航空', '南方航空', '中国国航']);
  const slots: Slots = {
    platform: platformZh,
    shop: o.shop,
    item: o.item.name,
    price: o.amount,
    double: fen(o.amount * 2),
    triple: fen(o.amount * 3),
    defect: rng.pick(DEFECTS[o.item.kind] ?? DEFECTS.other),
    date: zhDate(pl.flight?.t ?? o.t),
    tracking: o.trackingNo,
    trackTail: o.trackingNo.slice(-4),
    courier: COURIERS[o.courier].zh.slice(0, 2),
    city: rng.pick(['临沂', '金华', '廊坊', '东莞', '郑州', '武汉']),
    name: persona.name.slice(0, 1),
    agentNo: rng.digits(5),
    qq: draw(rng, gang.qq),
    wx: draw(rng, gang.wechat),
    group: draw(rng, gang.qqGroups),
    fee: rng.pick([500, 680, 800, 1200, 1580, 3000]),
    airline,
    flight: pl.flight?.flight ?? `MU${rng.int(1000, 9899)}`,
    route: pl.flight?.route ?? '上海-成都',
    bank: persona.bank,
    phone: '',
    product: prof.products[0],
    amount: rng.pick([3000, 5000, 8600]),
    url: `https://${draw(rng, gang.hosts)}/`,
    account: '',
  };
  const agent = fill(rng.pick(script.identities), { ...slots, courier: COURIERS[o.courier].zh.slice(0, 2) });
  slots.agent = agent;
  const words = rng.chance(0.33);
  const savings = Math.min(persona.savings, rng.logNormal(6000, 1, 300, 150000));
  const r = new Run(j, rng, gang, family, slots, words, stopAt, start, savings, [...prof.products]);
  slots.phone = r.phone;
  try {
    r.step('hook');
    contactStep(r, pl);
    r.say(STAGE_LINES.deadline);
    if (pl.control && pl.controlFirst) {
      r.step('control');
      controlStep(r, persona);
    }
    if (pl.channel) {
      r.step('channel-move');
      channelStep(r);
    }
    if (pl.control && !pl.controlFirst) {
      r.step('control');
      controlStep(r, persona);
    }
    for (const path of pl.paths) {
      if (path === 'return-excess') {
        r.step('credit-pivot');
        borrow(r, true);
      } else if (pl.credit && (r.cash < 500 || rng.chance(0.3))) {
        r.step('credit-pivot');
        borrow(r);
        if (rng.chance(0.35)) borrow(r);
      }
      r.step('cash-out');
      if (!cashOut(r, path)) break;
      r.wait(5, 30);
    }
    let exit: ExitKind = 'realised';
    for (let i = 0; i < pl.loops; i++) {
      r.step('retention');
      if (pl.nextDay && i === 0) r.t = localMidnight(r.t) + DAY + rng.float(8.5, 11) * HOUR;
      if (rng.chance(0.3)) {
        const again = draw(rng, gang.phones);
        r.seen.phone.add(again.number);
        r.t = j.call(
          r.t,
          { peer: again.number, direction: 'in', inContacts: false, ...(again.tag ? { peerTag: again.tag } : {}), claimedIdentity: agent },
          rng.logNormal(400, 0.7, 60, 3000),
        );
      }
      r.say(STAGE_LINES.retention);
      r.reply(VICTIM_LINES.stuck);
      if (pl.credit || rng.chance(0.3)) borrow(r);
      const path = rng.weighted<MoneyPath>([
        ['bank-transfer', 60],
        ['deposit', 14],
        ['code-amount', 8],
        ['giftcard', r.paths.includes('giftcard') ? 30 : 3],
        ['qr-payment', 5],
        ['otp-theft', r.paths.includes('otp-theft') ? 20 : 0],
      ]);
      if (!cashOut(r, path)) {
        exit = 'ran-out';
        break;
      }
      r.wait(8, 60);
    }
    r.step('exit');
    r.say(STAGE_LINES.retention);
    r.reply(VICTIM_LINES.stuck);
    if (r.sharing) j.add(r.wait(1, 20), { type: 'screen.share', state: 'stop', app: r.sharing });
    return { r, exit };
  } catch (e) {
    if (!(e instanceof Halt)) throw e;
    // Stopped half-way: by a relative, by the police after a high-risk early warning, or by doubt.
    const exit = rng.weighted<ExitKind>([
      ['relative', 40],
      ['police', 30],
      ['self', 30],
    ]);
    if (exit === 'police') {
      r.t = j.call(
        r.wait(0.5, 5),
        { peer: '96110', direction: 'in', inContacts: false, peerTag: 'official', claimedIdentity: '反诈中心' },
        rng.float(90, 600),
      );
    } else if (exit === 'relative' && rng.chance(0.6)) {
      const rel = rng.pick(persona.relatives);
      r.t = j.call(r.wait(0.5, 10), { peer: rel.phone, direction: rng.chance(0.5) ? 'in' : 'out', inContacts: true }, rng.float(60, 900));
    } else if (exit === 'self' && rng.chance(0.4)) {
      r.t = j.call(
        r.wait(1, 15),
        { peer: rng.pick(['95188', '95118', '9510211']), direction: 'out', inContacts: false, peerTag: 'official' },
        rng.float(120, 600),
      );
    }
    if (r.words && r.voice.channel !== 'call-transcript' && rng.chance(0.5))
      j.add(r.wait(0.5, 3), {
        type: 'message',
        channel: r.voice.channel,
        direction: 'out',
        peer: r.voice.peer,
        text: rng.pick(VICTIM_LINES.stop),
      });
    if (r.sharing) j.add(r.wait(0.2, 3), { type: 'screen.share', state: 'stop', app: r.sharing });
    return { r, halted: e.stage, exit };
  }
}

/**
 * Runs the victim's script twice from the same stream: once to see its steps, once for real with a
 * stop point drawn from them (so a victim who stops before the first loss really has none).
 */
export function scam(s: VictimSetup, rngSeed: number): ScamOutcome {
  const dry = runScript(s, new Rng(rngSeed), new Journal(s.j.subject, s.j.index), Number.POSITIVE_INFINITY).r;
  const choose = new Rng(rngSeed ^ 0x5bd1e995);
  const firstLoss = dry.steps.findIndex((x) => x.lossIn);
  const last = dry.steps.length - 1; // the exit step
  const kind = choose.weighted<'complete' | 'before' | 'after'>([
    ['complete', 68],
    ['before', 15],
    ['after', 17],
  ]);
  let stopAt = Number.POSITIVE_INFINITY;
  if (kind === 'before' && firstLoss >= 1) stopAt = choose.int(1, firstLoss);
  else if (kind === 'after' && firstLoss >= 0 && firstLoss + 1 <= last - 1) stopAt = choose.int(firstLoss + 1, last - 1);
  const mark = s.j.drafts.length;
  const { r, halted, exit } = runScript(s, new Rng(rngSeed), s.j, stopAt);
  const scamMessages = s.j.drafts.slice(mark).filter((d) => d.body.type === 'message').length;
  const lossTotal = r.losses.reduce((a, d) => a + (d.loss ?? 0), 0);
  const reportRng = new Rng(rngSeed ^ 0x27d4eb2d);
  const reported = lossTotal > 0 ? reportRng.chance(0.55) : reportRng.chance(0.12);
  if (reported) report(r, lossTotal, r.t + reportRng.logNormal(180, 1.3, 10, 2880) * MIN, lossTotal > 0 ? 'victim-report' : 'complaint');
  return {
    family: s.family,
    gang: r.gang.id,
    moneyPaths: [...r.paths],
    plannedPaths: [...dry.paths],
    completed: halted === undefined,
    exit,
    ...(halted ? { stoppedAt: halted } : {}),
    losses: r.losses,
    scamMessages,
    reported,
  };
}

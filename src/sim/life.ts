import {
  BANK_SMS,
  COURIER_CALL_TOPICS,
  FAMILY_MSG_IN,
  FAMILY_MSG_OUT,
  LOST_PARCEL_IN,
  MARKETING_IDENTITIES,
  OTP_SMS,
  PENSION_SMS,
  PICKUP_SMS,
  PROMO_SMS,
  REFUND_SMS,
  SALARY_SMS,
  WORK_MSG,
  AFTER_SALES_IN,
  AFTER_SALES_OUT,
  say,
} from './chatter.js';
import {
  BENIGN_URLS,
  COURIERS,
  EVERYDAY_GOODS,
  ITEMS,
  OFFICIAL_HOSTS,
  OFFICIAL_NUMBERS,
  ORDINARY_LOANS,
  PLATFORMS,
  PLATFORM_WEIGHTS,
  SHOPS,
  courierWeights,
  lender,
  type Item,
} from './catalog.js';
import { DAY, HOUR, MIN, SEC, localMidnight, localWeekday, zhClock, zhDate } from './clock.js';
import {
  alipayAccount,
  bankCard,
  fen,
  landline,
  maskName,
  meetingNo,
  mobile,
  personName,
  price,
  roundTo,
  token,
  wechatAccount,
} from './entities.js';
import type { Journal } from './journal.js';
import type { Persona } from './persona.js';
import type { Rng } from './prng.js';
import { FLIGHT } from './profiles.js';
import { draw } from './ring.js';
import type { World } from './world.js';

/**
 * Ordinary days: what every subject does, victims included. Each habit is one small function;
 * the hard negatives (things that look like a step of the scam and are not) are here on purpose,
 * at rates meant to be plausible, and tagged on the journal so the labels can name them.
 */

export interface OrderInfo {
  t: number;
  platform: string;
  shop: string;
  item: Item;
  amount: number;
  courier: number;
  trackingNo: string;
}

interface Ctx {
  j: Journal;
  p: Persona;
  rng: Rng;
  w: World;
  /** Local midnight of the day. */
  t0: number;
  day: number;
  workday: boolean;
  orders: OrderInfo[];
}

const at = (c: Ctx, hLo: number, hHi: number): number => c.t0 + c.rng.float(hLo, hHi) * HOUR;
/** Moves a time that fell in the small hours to the next morning. */
const daytime = (rng: Rng, t: number): number => ((t - localMidnight(t)) / HOUR < 7 ? localMidnight(t) + rng.float(7.5, 10) * HOUR : t);
const mins = (rng: Rng, lo: number, hi: number): number => rng.float(lo, hi) * MIN;
const tail = (rng: Rng): string => rng.digits(4);
const domOf = (t: number): number => new Date(t + 8 * HOUR).getUTCDate();

function poisson(rng: Rng, mean: number): number {
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

function fillUrl(rng: Rng, template: string): string {
  return template.replace('{r}', token(rng, 8)).replace('{n}', rng.digits(10));
}

/** A real order, from the shops of the catalog. `shop`/`courier` can be forced (victims' leaked orders). */
export function makeOrder(rng: Rng, t: number, force?: { shop?: string; courier?: number; platform?: string }): OrderInfo {
  let item = rng.pick(ITEMS);
  let shop = force?.shop;
  if (shop) {
    const kind = (Object.keys(SHOPS) as Item['kind'][]).find((k) => SHOPS[k].includes(shop as string)) ?? 'other';
    item = rng.pick(ITEMS.filter((i) => i.kind === kind));
  } else shop = rng.pick(SHOPS[item.kind]);
  const platform = force?.platform ?? rng.weighted(PLATFORM_WEIGHTS);
  const courier = force?.courier ?? rng.weighted(courierWeights(platform));
  return {
    t,
    platform,
    shop,
    item,
    amount: price(rng, item.lo, item.hi),
    courier,
    trackingNo: COURIERS[courier].tracking((n) => rng.digits(n)),
  };
}

export function emitOrder(j: Journal, o: OrderInfo): void {
  j.add(o.t, {
    type: 'order',
    platform: o.platform,
    merchant: o.shop,
    item: o.item.name,
    amount: o.amount,
    courier: COURIERS[o.courier].zh,
    trackingNo: o.trackingNo,
  });
}

function shopping(c: Ctx): void {
  const { rng } = c;
  const n = poisson(rng, c.p.orderRate);
  for (let i = 0; i < n; i++) {
    const t =
      c.t0 +
      rng.weighted<number>([
        [9, 2],
        [12, 3],
        [15, 2],
        [20, 5],
        [22, 3],
      ]) *
        HOUR +
      mins(rng, 0, 110);
    const o = makeOrder(rng, t);
    emitOrder(c.j, o);
    c.orders.push(o);
    const arrive = localMidnight(t) + rng.int(1, 3) * DAY + rng.float(9, 19) * HOUR;
    const courier = COURIERS[o.courier];
    if (rng.chance(0.65)) {
      c.j.add(arrive, {
        type: 'message',
        channel: 'sms',
        direction: 'in',
        peer: `1069${rng.digits(8)}`,
        text: say(rng, PICKUP_SMS, {
          courier: courier.zh,
          station: rng.pick(['小区东门菜鸟驿站', '幸福里快递柜', '学校南门驿站', '兔喜生活超市', '丰巢柜3号']),
          code: `${rng.int(1, 9)}-${rng.int(1, 6)}-${rng.digits(4)}`,
          tracking: o.trackingNo,
          courier_name: personName(rng).slice(0, 1) + '师傅',
          courier_phone: mobile(rng),
          hotline: courier.hotline,
        }),
      });
    }
    if (rng.chance(0.22)) {
      c.j.call(
        arrive - mins(rng, 2, 40),
        { peer: mobile(rng), direction: 'in', inContacts: false, ...(rng.chance(0.6) ? { claimedIdentity: '快递员' } : {}) },
        rng.float(12, 90),
      );
    }
  }
}

function smallPayments(c: Ctx): void {
  const { rng } = c;
  const n = rng.weighted<number>([
    [0, 3],
    [1, 4],
    [2, 3],
    [3, 1],
  ]);
  for (let i = 0; i < n; i++) {
    const t = at(c, 7, 22);
    const personal = rng.chance(0.25);
    const channel = rng.weighted<'qr' | 'wechat' | 'alipay'>([
      ['qr', 6],
      ['wechat', 2],
      ['alipay', 2],
    ]);
    if (personal) {
      c.j.add(t, {
        type: 'transfer',
        amount: fen(rng.logNormal(15, 0.6, 2, 200)),
        payee: rng.chance(0.5) ? wechatAccount(rng) : alipayAccount(rng),
        payeeName: maskName(personName(rng)),
        payeeType: 'personal',
        channel,
      });
    } else {
      c.j.add(t, {
        type: 'transfer',
        amount: fen(rng.logNormal(32, 0.7, 3, 900)),
        payee: `mch-${rng.digits(15)}`,
        payeeName: rng.pick([
          '沙县小吃',
          '全家便利店',
          '永辉超市',
          '瑞幸咖啡',
          '华莱士',
          '兰州牛肉拉面',
          '罗森',
          '麦当劳',
          '水果店',
          '洗车店',
          '加油站',
          '药房',
        ]),
        payeeType: 'business',
        channel,
      });
    }
  }
}

function bills(c: Ctx): void {
  const { rng } = c;
  if (!rng.chance(0.12)) return;
  const [name, lo, hi] = rng.pick<readonly [string, number, number]>([
    ['国网电费', 50, 500],
    ['自来水公司', 20, 150],
    ['燃气费', 30, 300],
    ['中国移动话费充值', 30, 200],
    ['中国联通宽带', 50, 200],
    ['物业管理费', 150, 900],
  ]);
  c.j.add(at(c, 8, 23), {
    type: 'transfer',
    amount: rng.chance(0.5) ? roundTo(rng.float(lo, hi), 10) : fen(rng.float(lo, hi)),
    payee: `biz-${name}`,
    payeeName: name,
    payeeType: 'business',
    channel: 'alipay',
  });
}

function rentAndSalary(c: Ctx): void {
  const { rng, p } = c;
  const dom = domOf(c.t0 + HOUR);
  const tailNo = tail(rng);
  if (p.landlord && p.landlord.day === dom) {
    c.j.add(at(c, 8, 22), {
      type: 'transfer',
      amount: p.landlord.rent,
      payee: p.landlord.account,
      payeeName: maskName(p.landlord.name),
      payeeType: 'personal',
      channel: p.landlord.channel,
      ...(rng.chance(0.4) ? { memo: `${rng.int(5, 6)}月房租` } : {}),
    });
  }
  if (p.salaryDay === dom && p.salary) {
    const t = at(c, 8, 12);
    c.j.add(t, {
      type: 'message',
      channel: 'sms',
      direction: 'in',
      peer: rng.pick(['95588', '95533', '95599', '95555', '95566']),
      text: say(rng, p.kind === 'retired' ? PENSION_SMS : SALARY_SMS, {
        bank: p.bank,
        tail: tailNo,
        date: zhDate(t),
        clock: zhClock(t),
        amount: p.salary.toFixed(2),
        balance: fen(p.salary + p.savings).toFixed(2),
      }),
    });
  }
}

function familyLife(c: Ctx): void {
  const { rng, p } = c;
  if (rng.chance(0.45)) {
    const r = rng.pick(p.relatives);
    c.j.call(
      at(c, 8, 22),
      { peer: r.phone, direction: rng.chance(0.5) ? 'in' : 'out', inContacts: true },
      rng.logNormal(180, 0.9, 10, 3600),
    );
  }
  if (rng.chance(0.12)) {
    const r = rng.pick(p.relatives);
    const t = at(c, 8, 22);
    const amount = rng.chance(0.4) ? rng.pick([66, 88, 100, 188, 200, 520, 666]) : roundTo(rng.logNormal(1500, 0.8, 200, 50000), 100);
    c.j.add(t, { type: 'transfer', amount, payee: r.account, payeeName: r.name, payeeType: 'personal', channel: r.channel });
    if (rng.chance(0.35)) {
      c.j.add(t + mins(rng, 0.2, 3), {
        type: 'message',
        channel: 'wechat',
        direction: 'out',
        peer: r.phone,
        text: say(rng, FAMILY_MSG_OUT, { rel: r.relation, amount }),
      });
    }
  }
  if (rng.chance(0.08)) {
    const r = rng.pick(p.relatives);
    c.j.add(at(c, 7, 22), { type: 'message', channel: 'wechat', direction: 'in', peer: r.phone, text: rng.pick(FAMILY_MSG_IN) });
  }
}

const MEETING_URL: Record<string, string> = {
  腾讯会议: 'https://meeting.tencent.com/dm/{r}',
  钉钉: 'https://meeting.dingtalk.com/j/{r}',
  飞书: 'https://vc.feishu.cn/j/{n}',
  ZOOM: 'https://zoom.us/j/{n}',
  企业微信: 'https://work.weixin.qq.com/meeting/{r}',
};

/** A work meeting, with or without sharing the screen. */
function meeting(c: Ctx, t: number, app: string, share: number): number {
  const { rng } = c;
  if (rng.chance(0.35))
    c.j.add(t - mins(rng, 0.5, 3), { type: 'link.open', url: fillUrl(rng, MEETING_URL[app] ?? MEETING_URL['腾讯会议']) });
  c.j.add(t, { type: 'app.open', app, category: 'meeting' });
  let end = t + rng.float(15, 90) * MIN;
  if (rng.chance(share)) {
    const s = t + mins(rng, 1, 20);
    const e = Math.min(end - MIN, s + mins(rng, 3, 40));
    c.j.add(s, { type: 'screen.share', state: 'start', app });
    c.j.add(Math.max(s + MIN, e), { type: 'screen.share', state: 'stop', app });
    end = Math.max(end, s + 2 * MIN);
  }
  return end;
}

function work(c: Ctx): void {
  const { rng, p } = c;
  const rate = p.kind === 'office' ? (c.workday ? 0.6 : 0.08) : p.kind === 'student' || p.kind === 'freelance' ? 0.15 : 0;
  if (!p.meetingApps.length || !rng.chance(rate)) return;
  const n = rng.chance(0.3) ? 2 : 1;
  for (let i = 0; i < n; i++) {
    const app = rng.pick(p.meetingApps);
    const t = at(c, 9, 18);
    if (rng.chance(0.25)) {
      c.j.add(t - mins(rng, 10, 120), {
        type: 'message',
        channel: 'im',
        direction: 'in',
        peer: `work-${token(rng, 6)}`,
        text: say(rng, WORK_MSG, { hour: rng.int(2, 5), app, meeting: meetingNo(rng) }),
      });
    }
    meeting(c, t, app, 0.5);
  }
}

function calls(c: Ctx): void {
  const { rng } = c;
  if (rng.chance(0.13)) {
    const tag = rng.chance(0.55) ? { peerTag: 'marketing' } : {};
    const who = rng.chance(0.4) ? { claimedIdentity: rng.pick(MARKETING_IDENTITIES) } : {};
    c.j.call(
      at(c, 9, 20),
      { peer: rng.chance(0.5) ? mobile(rng) : landline(rng), direction: 'in', inContacts: false, ...tag, ...who },
      rng.logNormal(25, 0.9, 3, 600),
    );
  }
  if (rng.chance(0.1)) {
    const who = rng.chance(0.3) ? { claimedIdentity: rng.pick(COURIER_CALL_TOPICS) } : {};
    c.j.call(at(c, 8, 22), { peer: mobile(rng), direction: 'in', inContacts: false, ...who }, rng.logNormal(50, 0.8, 5, 900));
  }
  if (rng.chance(0.02)) {
    // An official service number calls: after-sales follow-up, account notice, card offer.
    const o = rng.pick(OFFICIAL_NUMBERS.filter((x) => x.number !== '96110'));
    c.j.call(
      at(c, 9, 19),
      {
        peer: o.number,
        direction: 'in',
        inContacts: false,
        ...(rng.chance(0.5) ? { peerTag: 'official' } : {}),
        ...(rng.chance(0.6) ? { claimedIdentity: o.identity } : {}),
      },
      rng.logNormal(120, 0.6, 20, 900),
    );
  }
  if (rng.chance(0.03)) {
    const o = rng.pick(OFFICIAL_NUMBERS.filter((x) => x.number !== '96110'));
    c.j.call(
      at(c, 9, 21),
      { peer: o.number, direction: 'out', inContacts: false, ...(rng.chance(0.5) ? { peerTag: 'official' } : {}) },
      rng.logNormal(300, 0.6, 30, 2400),
    );
  }
}

function codesAndLinks(c: Ctx): void {
  const { rng, p } = c;
  const n = rng.weighted<number>([
    [0, 5],
    [1, 4],
    [2, 1],
  ]);
  for (let i = 0; i < n; i++) {
    const [purpose, host] = rng.pick(OFFICIAL_HOSTS);
    const t = at(c, 7, 23);
    c.j.add(t, { type: 'otp.issued', purpose });
    if (rng.chance(0.3)) {
      c.j.add(t + 2 * SEC, {
        type: 'message',
        channel: 'sms',
        direction: 'in',
        peer: rng.pick(['95188', '95118', '1069' + rng.digits(8)]),
        text: say(rng, OTP_SMS, { code: rng.digits(6), bank: p.bank, amount: fen(rng.float(10, 800)) }),
      });
    }
    if (rng.chance(0.9)) c.j.add(t + rng.float(8, 90) * SEC, { type: 'otp.used', purpose, host });
  }
  const links = rng.weighted<number>([
    [0, 3],
    [1, 4],
    [2, 2],
    [3, 1],
  ]);
  for (let i = 0; i < links; i++) c.j.add(at(c, 7, 24), { type: 'link.open', url: fillUrl(rng, rng.pick(BENIGN_URLS)) });
  if (rng.chance(0.2)) {
    const t = at(c, 8, 21);
    c.j.add(t, {
      type: 'message',
      channel: 'sms',
      direction: 'in',
      peer: rng.chance(0.5) ? rng.pick(['95588', '95533', '95599', '95555']) : `1069${rng.digits(8)}`,
      text: rng.chance(0.6)
        ? say(rng, BANK_SMS, {
            bank: p.bank,
            tail: tail(rng),
            date: zhDate(t),
            clock: zhClock(t),
            amount: fen(rng.logNormal(200, 1, 5, 20000)),
            balance: fen(p.savings),
          })
        : say(rng, PROMO_SMS, {
            platform: rng.pick(PLATFORMS).zh,
            item: rng.pick(ITEMS).name,
            url: `https://t.cn/${token(rng, 7)}`,
            amount: rng.int(59, 999),
            bank: p.bank,
            limit: rng.pick([20000, 50000, 200000]),
          }),
    });
  }
  if (rng.chance(0.04)) {
    const app = rng.pick<readonly [string, 'shopping' | 'other' | 'loan' | 'bank' | 'payment']>([
      ['闲鱼', 'shopping'],
      ['美团', 'other'],
      ['小红书', 'other'],
      ['12306', 'other'],
      ['高德地图', 'other'],
      ['京东金融', 'loan'],
      ['度小满', 'loan'],
      ['云闪付', 'payment'],
      ['招商银行', 'bank'],
    ]);
    c.j.add(at(c, 8, 23), { type: 'app.install', app: app[0], category: app[1] });
  }
}

/** Loans drawn for real reasons, then spent — sometimes on a personal payee never paid before. */
function borrowing(c: Ctx): void {
  const { rng, p, j } = c;
  if (!rng.chance(p.borrower ? 0.05 : 0.004)) return;
  const product = rng.weighted(ORDINARY_LOANS);
  const l = lender(product);
  const t = at(c, 8, 22);
  const amount = roundTo(rng.logNormal(Math.min(l.hi, 8000), 0.7, Math.min(1000, l.lo), l.hi), 100);
  j.add(t, { type: 'credit.draw', provider: l.provider, product, amount });
  if (product === '花呗' || product === '京东白条') {
    emitOrder(j, { ...makeOrder(rng, t + mins(rng, 1, 30)), amount });
    return;
  }
  const ts = daytime(rng, t + rng.logNormal(40, 1.2, 2, 600) * MIN);
  const use = rng.weighted<string>([
    ['supplier', p.kind === 'shop' ? 40 : 5],
    ['rent', p.landlord ? 15 : 0],
    ['tuition', 10],
    ['family', 20],
    ['new-person', 25],
    ['none', 15],
  ]);
  const spend = roundTo(amount * rng.float(0.6, 1), rng.chance(0.5) ? 100 : 1);
  if (use === 'supplier') {
    j.add(ts, {
      type: 'transfer',
      amount: spend,
      payee: `corp-${rng.digits(14)}`,
      payeeName: `${personName(rng).slice(1)}${rng.pick(['食品批发', '服装厂', '建材商行', '五金店'])}`,
      payeeType: 'business',
      channel: 'bank-app',
    });
  } else if (use === 'rent' && p.landlord) {
    j.add(ts, {
      type: 'transfer',
      amount: p.landlord.rent * rng.pick([1, 3]),
      payee: p.landlord.account,
      payeeName: maskName(p.landlord.name),
      payeeType: 'personal',
      channel: p.landlord.channel,
      memo: '房租',
    });
  } else if (use === 'tuition') {
    j.add(ts, {
      type: 'transfer',
      amount: spend,
      payee: `corp-${rng.digits(14)}`,
      payeeName: rng.pick(['新东方培训学校', '某某职业技术学院', '驾校报名处', '少儿编程中心', '成人教育学院']),
      payeeType: 'business',
      channel: 'bank-app',
      memo: '学费',
    });
  } else if (use === 'family') {
    const r = rng.pick(p.relatives);
    j.add(ts, { type: 'transfer', amount: spend, payee: r.account, payeeName: r.name, payeeType: 'personal', channel: r.channel });
  } else if (use === 'new-person') {
    newPersonPayment(c, ts, spend);
    j.tag('loan-then-new-personal-payee');
  }
}

/** Paying a person never paid before: second-hand goods, a new landlord, a decorator, a helper. */
function newPersonPayment(c: Ctx, t: number, amount?: number): void {
  const { rng, j } = c;
  const [why, lo, hi, odd] = rng.pick<readonly [string, number, number, boolean]>([
    ['二手', 80, 4000, false],
    ['押一付三', 4000, 20000, false],
    ['装修', 3000, 40000, true],
    ['家政', 150, 800, false],
    ['修车', 300, 3000, true],
    ['搬家', 300, 1200, false],
    ['定金', 500, 10000, false],
  ]);
  const value = amount ?? (odd ? fen(rng.float(lo, hi)) : roundTo(rng.float(lo, hi), why === '二手' ? 10 : 100));
  const card = bankCard(rng);
  const channel = rng.weighted<'bank-app' | 'wechat' | 'alipay'>([
    ['bank-app', 4],
    ['wechat', 4],
    ['alipay', 2],
  ]);
  const payee = channel === 'bank-app' ? card.account : channel === 'wechat' ? wechatAccount(rng) : alipayAccount(rng);
  if (rng.chance(0.4)) {
    c.j.call(
      t - mins(rng, 5, 120),
      { peer: mobile(rng), direction: rng.chance(0.6) ? 'in' : 'out', inContacts: false },
      rng.logNormal(150, 0.8, 20, 1800),
    );
    j.tag('unknown-call-then-new-payee');
  }
  j.add(t, {
    type: 'transfer',
    amount: value,
    payee,
    payeeName: personName(rng),
    payeeType: 'personal',
    channel,
    ...(rng.chance(0.4) ? { memo: why } : {}),
  });
  j.tag(value >= 5000 ? 'new-personal-payee-large' : 'new-personal-payee');
}

function newPeople(c: Ctx): void {
  if (c.rng.chance(0.012)) newPersonPayment(c, at(c, 9, 21));
}

/** A new job or an interview: an unknown number calls, a meeting app is installed, the screen is shared. */
function newJob(c: Ctx): void {
  const { rng, p, j } = c;
  if (!(p.kind === 'office' || p.kind === 'freelance' || p.kind === 'student') || !rng.chance(0.003)) return;
  const t = at(c, 9, 16);
  const end = j.call(
    t,
    {
      peer: rng.chance(0.6) ? mobile(rng) : landline(rng),
      direction: 'in',
      inContacts: false,
      ...(rng.chance(0.5) ? { claimedIdentity: rng.pick(['HR', '人事部', '招聘专员']) } : {}),
    },
    rng.float(120, 600),
  );
  const app = rng.pick(['飞书', '钉钉', '腾讯会议', '企业微信', 'ZOOM']);
  const ti = end + mins(rng, 3, 60);
  if (!p.meetingApps.includes(app)) {
    j.add(ti, { type: 'app.install', app, category: 'meeting' });
    p.meetingApps.push(app);
  }
  meeting(c, ti + mins(rng, 5, 90), app, 0.85);
  j.tag('unknown-call-then-meeting');
}

/** A real courier calls about a lost parcel; the platform refunds it the normal way. */
function lostParcel(c: Ctx): void {
  const { rng, j } = c;
  const o = c.orders.find((x) => x.t < c.t0);
  if (!o || !rng.chance(0.004)) return;
  const courier = COURIERS[o.courier];
  const t = at(c, 9, 18);
  const end = j.call(
    t,
    {
      peer: mobile(rng),
      direction: 'in',
      inContacts: false,
      claimedIdentity: rng.pick(['快递员', '快递员', `${courier.zh.slice(0, 2)}快递网点`]),
    },
    rng.float(40, 240),
  );
  if (rng.chance(0.4))
    j.call(
      end + mins(rng, 2, 30),
      { peer: courier.hotline, direction: 'out', inContacts: false, peerTag: 'official' },
      rng.float(120, 600),
    );
  const tr = end + mins(rng, 20, 300);
  const platform = PLATFORMS.find((p) => p.id === o.platform)?.zh ?? '淘宝';
  j.add(tr, {
    type: 'message',
    channel: 'im',
    direction: 'in',
    peer: `${o.platform}:${o.shop}`,
    text: say(rng, LOST_PARCEL_IN, { tracking: o.trackingNo, courier: courier.zh, amount: o.amount }),
  });
  j.add(tr + mins(rng, 1, 120), {
    type: 'message',
    channel: 'sms',
    direction: 'in',
    peer: '95188',
    text: say(rng, REFUND_SMS, { platform, amount: o.amount, shop: o.shop }),
  });
  j.tag('courier-lost-parcel-refund');
}

function afterSales(c: Ctx): void {
  const { rng, j } = c;
  const o = c.orders.find((x) => x.t < c.t0);
  if (!o || !rng.chance(0.02)) return;
  const t = at(c, 9, 22);
  const peer = `${o.platform}:${o.shop}`;
  j.add(t, { type: 'message', channel: 'im', direction: 'out', peer, text: say(rng, AFTER_SALES_OUT, { item: o.item.name }) });
  j.add(t + mins(rng, 1, 40), {
    type: 'message',
    channel: 'im',
    direction: 'in',
    peer,
    text: say(rng, AFTER_SALES_IN, { item: o.item.name, amount: o.amount }),
  });
  j.tag('real-after-sales');
}

/** Someone in the family installs a remote-control app to help an older relative with the phone. */
function remoteHelp(c: Ctx): void {
  const { rng, p, j } = c;
  if (!(p.kind === 'retired' || p.kind === 'homemaker') || !rng.chance(0.004)) return;
  const r = rng.pick(p.relatives);
  const end = j.call(at(c, 9, 20), { peer: r.phone, direction: 'in', inContacts: true }, rng.float(120, 900));
  const app = rng.pick(['向日葵', 'ToDesk']);
  const t = end + mins(rng, 1, 20);
  j.add(t, { type: 'app.install', app, category: 'remote-control' });
  j.add(t + mins(rng, 1, 5), { type: 'screen.share', state: 'start', app });
  j.add(t + mins(rng, 8, 40), { type: 'screen.share', state: 'stop', app });
  j.tag('remote-help-from-family');
}

const GIFT_MERCHANTS = ['京东E卡', '当当', '沃尔玛购物卡', '盒马礼品卡', '星巴克'];

/** Cards bought for the company, spent slowly by many different employees. */
function giftBatch(c: Ctx, t: number, amount: number, merchant: string): void {
  const { rng, p, j } = c;
  const face = rng.pick([100, 200, 500, 1000]);
  const quantity = Math.max(1, Math.round(amount / face));
  j.add(t, { type: 'giftcard.purchase', merchant, amount: face * quantity, quantity, account: p.shopAccount });
  const redeems = Math.min(quantity, rng.int(1, 6));
  for (let i = 0; i < redeems; i++) {
    j.add(t + rng.float(3, 120) * HOUR, {
      type: 'giftcard.redeem',
      merchant,
      amount: face,
      redeemer: `user-${token(rng, 10)}`,
      cardId: `gc-${rng.digits(12)}`,
      goods: rng.pick(EVERYDAY_GOODS),
    });
  }
}

function giftCards(c: Ctx): void {
  const { rng, p, j } = c;
  if (p.giftBuyer && c.workday && rng.chance(0.08)) {
    giftBatch(c, at(c, 9.5, 17.5), roundTo(rng.logNormal(15000, 0.8, 2000, 200000), 1000), rng.pick(GIFT_MERCHANTS));
    j.tag('company-giftcards');
  }
  if (rng.chance(0.004)) {
    const merchant = rng.pick(['京东E卡', '星巴克', '盒马礼品卡']);
    const amount = rng.pick([100, 200, 300, 500, 1000]);
    const t = at(c, 9, 23);
    j.add(t, { type: 'giftcard.purchase', merchant, amount, quantity: 1, account: p.shopAccount });
    if (rng.chance(0.5))
      j.add(t + rng.float(2, 72) * HOUR, {
        type: 'giftcard.redeem',
        merchant,
        amount,
        redeemer: `user-${token(rng, 10)}`,
        cardId: `gc-${rng.digits(12)}`,
      });
  }
  if ((p.kind === 'shop' || p.giftBuyer) && rng.chance(0.006)) {
    // A company event: draw credit, buy the cards the same afternoon.
    const product = rng.pick(['京东金条', '借呗', '微粒贷']);
    const l = lender(product);
    const amount = roundTo(rng.float(Math.max(l.lo, 10000), l.hi), 1000);
    const t = at(c, 9.5, 15);
    j.add(t, { type: 'credit.draw', provider: l.provider, product, amount });
    giftBatch(c, t + mins(rng, 15, 180), Math.round(amount * rng.float(0.5, 1)), rng.pick(['京东E卡', '沃尔玛购物卡', '盒马礼品卡']));
    j.tag('credit-then-giftcards');
  }
}

/** A fake "customer service" call the person hangs up on: the scam that did not take. */
function scamHangUp(c: Ctx): void {
  const { rng, j, w } = c;
  if (!rng.chance(0.003)) return;
  const gang = rng.pick(w.gangs);
  const phone = draw(rng, gang.phones);
  const end = j.call(
    at(c, 9, 20),
    {
      peer: phone.number,
      direction: 'in',
      inContacts: false,
      ...(phone.tag ? { peerTag: phone.tag } : {}),
      claimedIdentity: rng.pick(['淘宝客服', '京东客服', '快递理赔专员', '支付宝客服', '抖音客服']),
    },
    rng.logNormal(30, 0.7, 4, 180),
  );
  if (rng.chance(0.3))
    j.call(
      end + mins(rng, 2, 60),
      { peer: rng.pick(['95188', '95118', '9510211']), direction: 'out', inContacts: false, peerTag: 'official' },
      rng.float(60, 400),
    );
  j.tag('fake-cs-call-hung-up');
}

export interface FlightInfo {
  t: number;
  platform: string;
  agency: string;
  airline: string;
  flight: string;
  route: string;
  amount: number;
}

export function makeFlight(rng: Rng, t: number, agency?: string): FlightInfo {
  const airline = rng.pick(FLIGHT.airlines);
  return {
    t,
    platform: rng.pick(FLIGHT.platforms),
    agency: agency ?? rng.pick(FLIGHT.agencies),
    airline: airline.zh,
    flight: `${airline.code}${rng.int(1000, 9899)}`,
    route: rng.pick(FLIGHT.routes),
    amount: roundTo(rng.logNormal(900, 0.4, 300, 4000), 10),
  };
}

export function emitFlight(j: Journal, f: FlightInfo): void {
  j.add(f.t, { type: 'order', platform: f.platform, merchant: f.agency, item: `机票 ${f.route} ${f.flight}`, amount: f.amount });
}

function travel(c: Ctx): void {
  if (c.rng.chance(0.012)) emitFlight(c.j, makeFlight(c.rng, at(c, 8, 23)));
}

/** Fills the window with this persona's ordinary days; returns the orders placed (victims' scams may cite one). */
export function live(j: Journal, p: Persona, rng: Rng, w: World): OrderInfo[] {
  const orders: OrderInfo[] = [];
  const first = localMidnight(w.start);
  for (let day = 0; first + day * DAY < w.end; day++) {
    const t0 = first + day * DAY;
    const wd = localWeekday(t0 + HOUR);
    const c: Ctx = { j, p, rng, w, t0, day, workday: wd >= 1 && wd <= 5, orders };
    shopping(c);
    smallPayments(c);
    bills(c);
    rentAndSalary(c);
    familyLife(c);
    work(c);
    calls(c);
    codesAndLinks(c);
    borrowing(c);
    newPeople(c);
    newJob(c);
    lostParcel(c);
    afterSales(c);
    remoteHelp(c);
    giftCards(c);
    scamHangUp(c);
    travel(c);
  }
  // Ordinary life is only observed inside the window.
  for (let i = j.drafts.length - 1; i >= 0; i--) {
    const t = j.drafts[i].t;
    if (t < w.start || t >= w.end) j.drafts.splice(i, 1);
  }
  return orders.filter((o) => o.t >= w.start && o.t < w.end);
}

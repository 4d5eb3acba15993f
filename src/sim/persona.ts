import { BANKS } from './catalog.js';
import { alipayAccount, bankCard, mobile, personName, roundTo, wechatAccount } from './entities.js';
import type { Rng } from './prng.js';

/** Who a subject is: what fills their ordinary days. Victims have one too: scams happen to people with lives. */

export type PersonaKind = 'office' | 'student' | 'retired' | 'shop' | 'freelance' | 'homemaker';

export interface Contact {
  name: string;
  relation: string;
  phone: string;
  /** The account they are paid on, and how. */
  account: string;
  channel: 'wechat' | 'alipay' | 'bank-app';
}

export interface Persona {
  kind: PersonaKind;
  name: string;
  bank: string;
  relatives: Contact[];
  /** Monthly rent and the landlord's account, for renters. */
  landlord?: Contact & { rent: number; day: number };
  /** Day of month salary arrives (SMS from the bank), for earners. */
  salaryDay?: number;
  salary?: number;
  /** Expected online orders per day. */
  orderRate: number;
  /** Meeting apps already installed. */
  meetingApps: string[];
  /** Uses consumer credit regularly. */
  borrower: boolean;
  /** Buys gift cards for an employer (admin / HR / a small-business owner). */
  giftBuyer: boolean;
  /** Own shopping account ids, used for gift-card purchases. */
  shopAccount: string;
  /** Savings readily available (yuan). */
  savings: number;
}

const RELATIONS = ['妈妈', '爸爸', '老公', '老婆', '儿子', '女儿', '姐姐', '弟弟', '哥哥', '妹妹'];

function contact(rng: Rng, relation: string): Contact {
  const channel = rng.weighted<Contact['channel']>([
    ['wechat', 50],
    ['alipay', 25],
    ['bank-app', 25],
  ]);
  const account = channel === 'wechat' ? wechatAccount(rng) : channel === 'alipay' ? alipayAccount(rng) : bankCard(rng).account;
  return { name: personName(rng), relation, phone: mobile(rng), account, channel };
}

export function makePersona(rng: Rng, index: number): Persona {
  const kind = rng.weighted<PersonaKind>([
    ['office', 42],
    ['student', 10],
    ['retired', 14],
    ['shop', 10],
    ['freelance', 12],
    ['homemaker', 12],
  ]);
  const relatives = rng
    .shuffle(RELATIONS)
    .slice(0, rng.int(2, 4))
    .map((r) => contact(rng, r));
  const renter = kind === 'student' ? rng.chance(0.3) : kind === 'retired' ? rng.chance(0.1) : rng.chance(0.45);
  const rent = roundTo(rng.logNormal(2600, 0.45, 800, 12000), 100);
  const landlord = renter ? { ...contact(rng, '房东'), rent, day: rng.int(1, 28) } : undefined;
  const earner = kind === 'office' || kind === 'freelance';
  const meetingApps: string[] = [];
  if (kind === 'office') {
    meetingApps.push(rng.pick(['腾讯会议', '钉钉', '飞书', '企业微信']));
    if (rng.chance(0.5)) meetingApps.push(rng.pick(['腾讯会议', 'ZOOM', '钉钉']));
  } else if (kind === 'student' || kind === 'freelance') {
    if (rng.chance(0.6)) meetingApps.push('腾讯会议');
  } else if (rng.chance(0.15)) meetingApps.push('腾讯会议');
  return {
    kind,
    name: personName(rng),
    bank: rng.pick(BANKS).zh,
    relatives,
    landlord,
    salaryDay: earner ? rng.pick([1, 5, 8, 10, 10, 15, 15, 20, 25]) : kind === 'retired' ? rng.pick([5, 10, 15]) : undefined,
    salary: earner
      ? roundTo(rng.logNormal(8500, 0.45, 3000, 60000), 0.01)
      : kind === 'retired'
        ? roundTo(rng.logNormal(3800, 0.4, 1500, 12000), 0.01)
        : undefined,
    orderRate: rng.logNormal(kind === 'retired' ? 0.15 : 0.4, 0.6, 0.03, 2.5),
    meetingApps: [...new Set(meetingApps)],
    borrower: rng.chance(kind === 'shop' ? 0.4 : kind === 'student' ? 0.25 : 0.2),
    giftBuyer: (kind === 'office' && rng.chance(0.04)) || (kind === 'shop' && rng.chance(0.08)),
    shopAccount: `acct-${String(index).padStart(6, '0')}`,
    savings: roundTo(rng.logNormal(kind === 'retired' ? 30000 : kind === 'student' ? 2500 : 12000, 1, 200, 800000), 0.01),
  };
}

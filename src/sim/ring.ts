import { FAMILY_IDS, type FamilyId } from '../typology/types.js';
import { bankCard, landline, mobile, personName, qqId, token, virtualMobile, wxid } from './entities.js';
import type { Rng } from './prng.js';

/**
 * Scam gangs and the limited pools of numbers and accounts each one burns through. Victims of the
 * same gang meet the same phone numbers, QQ ids, mule accounts and gift-card redeemers, so
 * cross-victim link analysis has real structure to find (and real noise: pools are Zipf-skewed).
 */

export interface Phone {
  number: string;
  /** What the phone's caller-id app shows, if anything. */
  tag?: 'reported-fraud' | 'marketing';
}

export interface Mule {
  account: string;
  name: string;
  bank: string;
  type: 'personal' | 'business';
}

export interface Gang {
  id: number;
  families: FamilyId[];
  phones: Phone[];
  smsSenders: string[];
  qq: string[];
  qqGroups: string[];
  wechat: string[];
  mules: Mule[];
  merchants: Mule[];
  giftAccounts: string[];
  redeemers: string[];
  hosts: string[];
}

const HOST_WORDS = [
  'tb-lipei',
  'tuikuan',
  'refund-tb',
  'jd-kefu',
  'jdjr-help',
  'alipay-lp',
  'kf95188',
  'lipei-center',
  'sh-tk',
  'pcfw',
  'hkzx',
  'lpzx',
  'cnzx-kf',
  'hb-close',
  'bzj-back',
];
const TLDS = ['.cn', '.top', '.vip', '.xyz', '.cc', '.com', '.icu', '.shop'];
const BIZ_WORDS = ['商贸', '网络科技', '信息技术', '电子商务', '贸易', '文化传媒', '供应链管理'];
const CITY = ['深圳', '广州', '义乌', '合肥', '长沙', '南宁', '昆明', '厦门', '东莞', '郑州'];

function merchant(rng: Rng): Mule {
  const name = `${rng.pick(CITY)}${personName(rng).slice(1)}${rng.pick(BIZ_WORDS)}有限公司`;
  return { account: `mch-${rng.digits(15)}`, name, bank: '对公账户', type: 'business' };
}

function phone(rng: Rng): Phone {
  const r = rng.next();
  const number = r < 0.55 ? virtualMobile(rng) : r < 0.85 ? mobile(rng) : landline(rng);
  const t = rng.next();
  return t < 0.14 ? { number, tag: 'reported-fraud' } : t < 0.24 ? { number, tag: 'marketing' } : { number };
}

export function makeGangs(rng: Rng, victims: number): Gang[] {
  const n = Math.min(12, Math.max(2, Math.round(victims / 35)));
  const per = Math.max(1, victims / n);
  const size = (div: number, min: number): number => Math.max(min, Math.ceil(per / div));
  const gangs: Gang[] = [];
  for (let id = 1; id <= n; id++) {
    const families = rng.shuffle(FAMILY_IDS).slice(0, rng.int(3, 6));
    gangs.push({
      id,
      families,
      phones: Array.from({ length: size(3, 3) }, () => phone(rng)),
      smsSenders: Array.from({ length: 2 }, () => `1069${rng.digits(rng.int(8, 10))}`),
      qq: Array.from({ length: size(4, 2) }, () => qqId(rng)),
      qqGroups: Array.from({ length: size(10, 1) }, () => qqId(rng)),
      wechat: Array.from({ length: size(4, 2) }, () => wxid(rng)),
      mules: Array.from({ length: size(5, 2) }, () => {
        const c = bankCard(rng);
        return { account: c.account, name: personName(rng), bank: c.bank, type: 'personal' as const };
      }),
      merchants: Array.from({ length: size(15, 1) }, () => merchant(rng)),
      giftAccounts: Array.from({ length: size(12, 1) }, () => `dd-${rng.pick(['13', '15', '17', '18', '19'])}${rng.digits(9)}`),
      redeemers: Array.from({ length: size(20, 2) }, () => `rdm-${token(rng, 10)}`),
      hosts: Array.from(
        { length: size(12, 2) },
        () => `${rng.pick(HOST_WORDS)}${rng.chance(0.5) ? rng.digits(rng.int(2, 4)) : ''}${rng.pick(TLDS)}`,
      ),
    });
  }
  // Every family is worked by at least one gang.
  for (const f of FAMILY_IDS) if (!gangs.some((g) => g.families.includes(f))) rng.pick(gangs).families.push(f);
  return gangs;
}

/** A gang working this family, the bigger (earlier) gangs more often. */
export function gangFor(rng: Rng, gangs: readonly Gang[], family: FamilyId): Gang {
  const working = gangs.filter((g) => g.families.includes(family));
  return working[rng.zipf(working.length, 0.3)];
}

/** Draws from a gang pool with the usual skew: a few numbers and accounts do most of the work. */
export function draw<T>(rng: Rng, pool: readonly T[]): T {
  return pool[rng.zipf(pool.length, 0.7)];
}

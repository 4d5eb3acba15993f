import { BANKS, GIVEN_CHARS, SURNAMES } from './catalog.js';
import type { Rng } from './prng.js';

/** Generators for the identifiers that appear in events: phones, accounts, QQ ids, names. */

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];
/** Virtual-operator and IoT segments, over-represented among scam callers. */
const VIRTUAL_PREFIXES = ['170', '171', '162', '165', '167'];
const AREA_CODES = ['010', '020', '021', '023', '025', '027', '028', '029', '0371', '0531', '0571', '0591', '0755', '0769', '0898'];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

export function virtualMobile(rng: Rng): string {
  return rng.pick(VIRTUAL_PREFIXES) + rng.digits(8);
}

export function landline(rng: Rng): string {
  const area = rng.pick(AREA_CODES);
  return area + rng.digits(area.length === 3 ? 8 : 7);
}

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

/** A bank card number (the account id of a bank-app transfer) and the bank it belongs to. */
export function bankCard(rng: Rng): { account: string; bank: string } {
  const b = rng.pick(BANKS);
  return { account: b.bin + rng.digits(13), bank: b.zh };
}

export function alipayAccount(rng: Rng): string {
  return `alipay:2088${rng.digits(12)}`;
}

export function wechatAccount(rng: Rng): string {
  return `wxpay:${rng.digits(10)}`;
}

export function qqId(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(rng.int(8, 9));
}

export function wxid(rng: Rng): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = 'wxid_';
  for (let i = 0; i < 10; i++) s += rng.chance(0.6) ? letters[rng.int(0, 25)] : String(rng.int(0, 9));
  return s;
}

/** Short random token for URLs and meeting ids. */
export function token(rng: Rng, n = 8): string {
  const chars = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
}

/** Masks a name the way wallets show a payee: `**明`. */
export function maskName(name: string): string {
  const chars = [...name];
  return '*'.repeat(chars.length - 1) + chars[chars.length - 1];
}

/** A 9-digit meeting number, shown as `xxx xxx xxx`. */
export function meetingNo(rng: Rng): string {
  const d = rng.digits(9);
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** Rounds to the nearest `step` (at least `step`). */
export function roundTo(x: number, step: number): number {
  return Math.max(step, Math.round(x / step) * step);
}

/** Rounds to fen (two decimals). */
export function fen(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A shop price: ends in 9, 9.9 or .00 like real listings. */
export function price(rng: Rng, lo: number, hi: number): number {
  const x = rng.float(lo, hi);
  const r = rng.next();
  if (r < 0.4) return Math.max(lo, Math.floor(x / 10) * 10 + 9);
  if (r < 0.7) return Math.max(lo, Math.floor(x) + 0.9);
  return Math.max(lo, Math.round(x));
}

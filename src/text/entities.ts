import type { NormalizedText } from './normalize.js';

export type EntityType = 'phone' | 'service-number' | 'qq' | 'wechat' | 'bank-card' | 'url' | 'amount' | 'app';

/** Something a centre can look up or link across cases, with where it was written. */
export interface Entity {
  type: EntityType;
  /** Canonical value: digits only for numbers, lower-case URL, amount in yuan as a string. */
  value: string;
  turn: number;
  start: number;
  end: number;
  text: string;
}

interface Rule {
  type: EntityType;
  /** What a text must contain for the rule to have a chance: most chat lines have no digit at all. */
  needs: 'digit' | 'link' | 'wechat';
  re: RegExp;
  /** Which capture group holds the value; 0 for the whole match. */
  group: number;
  accept?: (value: string) => boolean;
  canonical?: (value: string, match: RegExpExecArray) => string;
}

/** Luhn, to tell card numbers from order numbers and tracking numbers of the same length. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Order matters: longer number kinds claim their digits first.
const RULES: Rule[] = [
  {
    type: 'url',
    needs: 'link',
    re: /(?:https?:\/\/|www\.)[a-z0-9\-._~:/?#@$&=%+]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|cc|top|vip|xyz|app|org|info|shop|site|link|ltd)\b(?:\/[a-z0-9\-._~:/?#@$&=%+]*)?/g,
    group: 0,
  },
  {
    type: 'bank-card',
    needs: 'digit',
    re: /(?<!\d)(62\d{14,17}|[3-6]\d{15,18})(?!\d)/g,
    group: 1,
    accept: (v) => v.startsWith('62') || luhn(v),
  },
  { type: 'qq', needs: 'digit', re: /qq(?:号码|号|群号|群)?(?:是|为|:)?\s*(\d{5,11})(?!\d)/g, group: 1 },
  { type: 'wechat', needs: 'wechat', re: /微信(?:号)?(?:是|为|:)\s*([a-z][-_a-z0-9]{5,19})/g, group: 1 },
  { type: 'phone', needs: 'digit', re: /(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)/g, group: 1 },
  { type: 'service-number', needs: 'digit', re: /(?<![\d.])(95\d{3}|96110|400\d{7}|800\d{7}|1[0-2]\d{3})(?![\d.])/g, group: 1 },
  { type: 'phone', needs: 'digit', re: /(?<!\d)(0\d{2,3}\d{7,8})(?!\d)/g, group: 1 },
  {
    type: 'amount',
    needs: 'digit',
    re: /(?:[¥$]\s*(\d+(?:,\d{3})*(?:\.\d{1,2})?)|(\d+(?:,\d{3})*(?:\.\d{1,2})?)\s*(万元|万|元|块|rmb|人民币))/g,
    group: 0,
    canonical: (_v, m) => {
      const raw = (m[1] ?? m[2]).replace(/,/g, '');
      const scale = m[3]?.startsWith('万') ? 10000 : 1;
      return String(Math.round(Number(raw) * scale * 100) / 100);
    },
  },
];

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function overlaps(taken: readonly number[], s: number, e: number): boolean {
  for (let k = 0; k < taken.length; k += 2) if (s < taken[k + 1]! && taken[k]! < e) return true;
  return false;
}

const byStart = (a: Entity, b: Entity): number => a.start - b.start;

export function extractEntities(norm: NormalizedText, turn: number, original: string): Entity[] {
  const text = norm.text;
  const digit = hasDigit(text);
  const link = text.includes('.') || text.includes('http');
  const wechat = text.includes('微信');
  if (!digit && !link && !wechat) return [];
  const found: Entity[] = [];
  const taken: number[] = [];
  for (const rule of RULES) {
    if (rule.needs === 'digit' ? !digit : rule.needs === 'link' ? !link : !wechat) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      const value = rule.group === 0 ? m[0] : m[rule.group];
      const startN = rule.group === 0 ? m.index : m.index + m[0].indexOf(value);
      const endN = startN + value.length;
      if (overlaps(taken, startN, endN)) continue;
      if (rule.accept && !rule.accept(value)) continue;
      taken.push(startN, endN);
      const start = norm.start[startN];
      const end = norm.end[endN - 1];
      found.push({
        type: rule.type,
        value: rule.canonical ? rule.canonical(value, m) : value,
        turn,
        start,
        end,
        text: original.slice(start, end),
      });
    }
  }
  return found.sort(byStart);
}

/** Chinese numerals as people write amounts: 一千二百, 两万五, 一万九千九百九十九点五八, 2.5万. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

// Normalization asks this of every character, so it is a table lookup: 1 numeral, 2 magnitude.
const KIND = new Uint8Array(65536);
for (const ch of [...Object.keys(DIGITS), '点']) KIND[ch.charCodeAt(0)] = 1;
for (const ch of [...Object.keys(SMALL_UNITS), ...Object.keys(BIG_UNITS)]) KIND[ch.charCodeAt(0)] = 2;

/** 0: not a numeral; 1: a digit word or 点; 2: a magnitude (十百千万亿). */
export function numeralKind(code: number): number {
  return KIND[code]!;
}

/**
 * Parses a run of Chinese numerals, optionally mixed with Arabic digits ("2.5万", "3千").
 * Returns null when the run is not a number.
 */
export function parseChineseNumber(run: string): number | null {
  const point = run.indexOf('点');
  const intPart = point === -1 ? run : run.slice(0, point);
  let fraction = 0;
  if (point !== -1) {
    const frac = run.slice(point + 1);
    if (frac.length === 0) return null;
    let digits = '';
    for (const ch of frac) {
      if (ch in DIGITS) digits += String(DIGITS[ch]);
      else if (ch >= '0' && ch <= '9') digits += ch;
      else return null;
    }
    fraction = Number(`0.${digits}`);
  }
  const whole = parseInteger(intPart);
  if (whole === null) return null;
  return whole + fraction;
}

function parseInteger(s: string): number | null {
  if (s.length === 0) return 0;
  const hasUnit = [...s].some((ch) => ch in SMALL_UNITS || ch in BIG_UNITS);
  if (!hasUnit) {
    // 一九九九九 is read digit by digit.
    let digits = '';
    for (const ch of s) {
      if (ch in DIGITS) digits += String(DIGITS[ch]);
      else if ((ch >= '0' && ch <= '9') || ch === '.') digits += ch;
      else return null;
    }
    const n = Number(digits);
    return Number.isFinite(n) ? n : null;
  }
  let total = 0;
  let section = 0;
  let pending: number | null = null;
  let lastUnit = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if ((ch >= '0' && ch <= '9') || ch === '.') {
      let j = i;
      while (j < s.length && ((s[j] >= '0' && s[j] <= '9') || s[j] === '.')) j++;
      const n = Number(s.slice(i, j));
      if (!Number.isFinite(n)) return null;
      pending = n;
      i = j;
      continue;
    }
    if (ch in DIGITS) {
      pending = DIGITS[ch];
      if (ch === '零' || ch === '〇') lastUnit = 0;
    } else if (ch in SMALL_UNITS) {
      section += (pending ?? 1) * SMALL_UNITS[ch];
      pending = null;
      lastUnit = SMALL_UNITS[ch];
    } else if (ch in BIG_UNITS) {
      section += pending ?? 0;
      total += (section === 0 ? 1 : section) * BIG_UNITS[ch];
      section = 0;
      pending = null;
      lastUnit = BIG_UNITS[ch];
    } else {
      return null;
    }
    i++;
  }
  // 三千五 means 3500 and 两万五 25000: a trailing digit counts in the next lower unit.
  if (pending !== null) section += lastUnit >= 100 ? (pending * lastUnit) / 10 : pending;
  return Math.round((total + section) * 100) / 100;
}

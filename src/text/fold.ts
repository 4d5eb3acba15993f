import * as OpenCC from 'opencc-js/t2cn';

/**
 * One table lookup per UTF-16 code unit folds width, case, traditional characters and pinyin
 * tone marks, so normalization stays a single pass. 0 in the table means "drop this unit".
 */
export const DROP = 0;

let table: Uint16Array | null = null;

export function foldTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  // Full-width ASCII and the ideographic space.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0x3000] = 0x20;
  t[0xffe5] = 0xa5; // ￥ → ¥
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  // Zero-width characters and soft hyphens hide nothing from us.
  for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x00ad]) t[c] = DROP;
  const tones: Record<string, string> = {
    a: 'āáǎàĀÁǍÀ',
    e: 'ēéěèĒÉĚÈ',
    i: 'īíǐìĪÍǏÌ',
    o: 'ōóǒòŌÓǑÒ',
    u: 'ūúǔùŪÚǓÙ',
    v: 'ǖǘǚǜüÜ',
  };
  for (const [base, marked] of Object.entries(tones)) for (const ch of marked) t[ch.charCodeAt(0)] = base.charCodeAt(0);
  // Traditional → simplified, character by character, so offsets never shift.
  const sources: string[] = [];
  for (let c = 0x3400; c <= 0x9fff; c++) sources.push(String.fromCharCode(c));
  for (let c = 0xf900; c <= 0xfaff; c++) sources.push(String.fromCharCode(c));
  // Standard traditional only: the Hong Kong table also rewrites simplified characters (么 → 幺).
  for (const from of ['t'] as const) {
    const convert = OpenCC.Converter({ from, to: 'cn' });
    const converted = convert(sources.join('\n')).split('\n');
    if (converted.length !== sources.length) continue;
    for (let i = 0; i < sources.length; i++) {
      const out = converted[i];
      const src = sources[i].charCodeAt(0);
      if (out.length === 1 && out.charCodeAt(0) !== src && t[src] === src) t[src] = out.charCodeAt(0);
    }
  }
  table = t;
  return t;
}

export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff);
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Where the run of ASCII digits starting at `i` ends, decimal points between digits included
 * (3.5, 19999.58): one amount, one unit of a pattern's `<num>` and of the n-grams.
 */
export function digitRunEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (isAsciiDigit(d) || (d === 0x2e && j + 1 < text.length && isAsciiDigit(text.charCodeAt(j + 1)))) j++;
    else break;
  }
  return j;
}

/**
 * Whether the digit run `text[start, end)` is a mobile (1…, 11 digits) or a landline with its area
 * code (0…, 10–12 digits): a number anyone can hold. The platforms' and banks' service lines are
 * short (95188, 950618, 10086) or 400/800 numbers, so a "hotline" of this shape is someone's own.
 */
export function isPersonalPhone(text: string, start: number, end: number): boolean {
  const n = end - start;
  const first = text.charCodeAt(start);
  if (first === 0x31 ? n !== 11 : first !== 0x30 || n < 10 || n > 12) return false;
  for (let i = start; i < end; i++) if (!isAsciiDigit(text.charCodeAt(i))) return false;
  return true;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Spaces and decorations people put between characters to dodge keyword filters; a table, as
 * normalization asks about every unit.
 */
const SEPARATOR = new Uint8Array(65536);
for (const c of [
  0x20, // space
  0x09,
  0xa0,
  0x2a, // *
  0x23, // #
  0x5f, // _
  0x2d, // -
  0x7e, // ~
  0xb7, // ·
  0x2022, // •
  0x2f, // /
  0x5c, // \
  0x7c, // |
  0x5e, // ^
  0x60, // `
  0x27, // '
  0x22, // "
  0x2b, // +
  0x3d, // =
  0x2e, // .
  0x2605, // ★
  0x2606, // ☆
  0x2665, // ♥
  0x2661, // ♡
  0x2764, // ❤
  0x3001, // 、 between single characters
  0x30fb, // ・
])
  SEPARATOR[c] = 1;

export function isSeparator(c: number): boolean {
  return SEPARATOR[c] === 1;
}

/** Between two ASCII letters or digits only these separators are noise; '.', '/', ':' build URLs and decimals. */
export function isAsciiNoise(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2a || c === 0x2d;
}

/**
 * Clause boundaries for negation and pattern gaps, as a table: the matcher asks about every unit of
 * every text.
 */
const CLAUSE_BOUNDARY = new Uint8Array(65536);
for (const c of [
  0x0a, // \n
  0x0d,
  0x3002, // 。
  0xff0c, // ，(kept only if unfolded; folded to ',')
  0x21, // !
  0x3f, // ?
  0x3b, // ;
  0x3a, // :
  0xff1a, // ：
  0xff01, // ！
  0xff1f, // ？
  0xff1b, // ；
  0x2c, // ,
  0x2026, // …
])
  CLAUSE_BOUNDARY[c] = 1;

export function isClauseBoundary(c: number): boolean {
  return CLAUSE_BOUNDARY[c] === 1;
}

import { AhoCorasick } from './aho-corasick.js';
import { DROP, foldTable, isAsciiAlnum, isAsciiNoise, isCjk, isSeparator } from './fold.js';
import { isMagnitudeChar, isNumeralChar, parseChineseNumber } from './numerals.js';

/**
 * Text in the analyzer's canonical form, with each code unit's source range in the original, so
 * that a span found in `text` maps back to the exact characters the person wrote.
 */
export interface NormalizedText {
  text: string;
  /** start[i] / end[i]: the original range that produced text[i]. */
  start: Int32Array;
  end: Int32Array;
}

class Builder {
  chars: number[] = [];
  start: number[] = [];
  end: number[] = [];
  push(c: number, s: number, e: number): void {
    this.chars.push(c);
    this.start.push(s);
    this.end.push(e);
  }
  pushString(str: string, s: number, e: number): void {
    for (let i = 0; i < str.length; i++) this.push(str.charCodeAt(i), s, e);
  }
  build(): NormalizedText {
    let text = '';
    const CHUNK = 8192;
    for (let i = 0; i < this.chars.length; i += CHUNK) text += String.fromCharCode(...this.chars.slice(i, i + CHUNK));
    return { text, start: Int32Array.from(this.start), end: Int32Array.from(this.end) };
  }
}

const CURRENCY_AFTER = ['元', '块', '圆', '人民币', 'rmb', '毛'];
const NOT_NUMBERS = new Set(['千万', '万一', '一一', '万万']);

/** Disguised spellings (扣扣 → qq), compiled once per alias table. */
export class AliasTable {
  private readonly matcher: AhoCorasick;
  private readonly from: string[];
  private readonly to: string[];
  constructor(aliases: Readonly<Record<string, string>>) {
    const table = foldTable();
    this.from = Object.keys(aliases).map((k) => foldString(k, table));
    this.to = Object.values(aliases);
    this.matcher = new AhoCorasick(this.from);
  }

  apply(input: NormalizedText): NormalizedText {
    const { text } = input;
    const found: { id: number; start: number; end: number }[] = [];
    this.matcher.scan(text, (id, start, end) => {
      // Latin aliases (vx, zfb) only as whole tokens, never inside a word or URL; only a Latin end
      // needs a boundary on its side (v信：abc is 微信：abc).
      const from = this.from[id];
      const latinStart = isAsciiAlnum(from.charCodeAt(0));
      const latinEnd = isAsciiAlnum(from.charCodeAt(from.length - 1));
      if (latinStart && start > 0 && isUrlChar(text.charCodeAt(start - 1))) return;
      if (latinEnd && end < text.length && isUrlChar(text.charCodeAt(end))) return;
      found.push({ id, start, end });
    });
    if (found.length === 0) return input;
    // Leftmost-longest, non-overlapping.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out = new Builder();
    let pos = 0;
    for (const f of found) {
      if (f.start < pos) continue;
      for (; pos < f.start; pos++) out.push(text.charCodeAt(pos), input.start[pos], input.end[pos]);
      out.pushString(this.to[f.id], input.start[f.start], input.end[f.end - 1]);
      pos = f.end;
    }
    for (; pos < text.length; pos++) out.push(text.charCodeAt(pos), input.start[pos], input.end[pos]);
    return out.build();
  }
}

/** Letters and the punctuation of web addresses: an alias touching one is part of a word or URL. */
function isUrlChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x5f || c === 0x3a;
}

export function foldString(s: string, table = foldTable()): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = table[s.charCodeAt(i)];
    if (c !== DROP) out += String.fromCharCode(c);
  }
  return out;
}

/**
 * Step 1 and 2: fold every unit and drop the separators people insert between characters
 * (验 证 码, 加*微*信, 138-1234-5678), keeping those that build URLs and decimals.
 */
function foldAndJoin(src: string): NormalizedText {
  const table = foldTable();
  const n = src.length;
  const chars = new Uint16Array(n);
  const pos = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const c = table[src.charCodeAt(i)];
    if (c === DROP) continue;
    chars[m] = c;
    pos[m] = i;
    m++;
  }
  const out = new Builder();
  let i = 0;
  while (i < m) {
    const c = chars[i];
    if (!isSeparator(c) || out.chars.length === 0) {
      out.push(c, pos[i], pos[i] + 1);
      i++;
      continue;
    }
    let j = i;
    while (j < m && isSeparator(chars[j])) j++;
    const left = out.chars[out.chars.length - 1];
    const right = j < m ? chars[j] : -1;
    const runLength = j - i;
    let drop = false;
    if (right !== -1 && runLength <= 3) {
      if (isCjk(left) || isCjk(right)) drop = !(isAsciiDigit(left) && isAsciiDigit(right));
      else if (isAsciiDigit(left) && isAsciiDigit(right)) {
        // 138-1234-5678, 6222 0212 3456: one number written in groups.
        drop = true;
        for (let k = i; k < j; k++) if (!isAsciiNoise(chars[k])) drop = false;
      } else if (isAsciiAlnum(left) && isAsciiAlnum(right)) {
        // v x → vx, but my-site.com keeps its hyphen.
        drop = true;
        for (let k = i; k < j; k++) if (chars[k] !== 0x20 && chars[k] !== 0x09) drop = false;
      }
    }
    if (!drop) for (let k = i; k < j; k++) out.push(chars[k], pos[k], pos[k] + 1);
    i = j;
  }
  return out.build();
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Step 3: amounts written in Chinese numerals become digits (一千二百元 → 1200元, 借了两万 → 20000). */
function numeralsToDigits(input: NormalizedText): NormalizedText {
  const { text } = input;
  const out = new Builder();
  let i = 0;
  let changed = false;
  while (i < text.length) {
    const ch = text[i];
    if (!isNumeralChar(ch) && !(ch >= '0' && ch <= '9')) {
      out.push(text.charCodeAt(i), input.start[i], input.end[i]);
      i++;
      continue;
    }
    let j = i;
    let hasChinese = false;
    let hasMagnitude = false;
    let hasDigit = false;
    while (j < text.length && (isNumeralChar(text[j]) || (text[j] >= '0' && text[j] <= '9') || (text[j] === '.' && j > i))) {
      if (isNumeralChar(text[j])) hasChinese = true;
      if (isMagnitudeChar(text[j])) hasMagnitude = true;
      else if (text[j] !== '点' && text[j] !== '.') hasDigit = true;
      j++;
    }
    const run = text.slice(i, j);
    const rest = text.slice(j, j + 3);
    const currency = CURRENCY_AFTER.some((u) => rest.startsWith(u));
    // 百万保障 and 千万别 are words, not amounts: a magnitude alone needs a digit or a currency.
    const amountLike = currency || (hasMagnitude && hasDigit && run.length >= 2 && !NOT_NUMBERS.has(run));
    const value = hasChinese && amountLike && !run.startsWith('点') && !run.endsWith('点') ? parseChineseNumber(run) : null;
    if (value === null) {
      for (let k = i; k < j; k++) out.push(text.charCodeAt(k), input.start[k], input.end[k]);
    } else {
      out.pushString(formatNumber(value), input.start[i], input.end[j - 1]);
      changed = true;
    }
    i = j;
  }
  return changed ? out.build() : input;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** The whole pipeline: fold → join → numerals → aliases. */
export function normalize(src: string, aliases: AliasTable): NormalizedText {
  return aliases.apply(numeralsToDigits(foldAndJoin(src)));
}

import { Buffer } from 'node:buffer';
import { AhoCorasick } from './aho-corasick.js';
import { DROP, foldTable, isAsciiAlnum, isAsciiDigit, isAsciiNoise, isCjk, isSeparator } from './fold.js';
import { IntBuffer } from './int-buffer.js';
import { pooledInt32s } from './int32-pool.js';
import { numeralKind, parseChineseNumber } from './numerals.js';

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

/**
 * The output of one normalization step, written into typed arrays that are reused from text to
 * text: every message is normalized in several steps (fold, numerals, aliases), and allocating
 * per-character arrays for each step was most of what a short text cost. `build` copies out
 * exactly what the step produced; normalization is synchronous, so a scratch builder is never
 * shared by two texts at once.
 */
class Builder {
  chars = new Uint16Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  length = 0;
  /** The same memory as `chars`, for decoding (see unitsToString). */
  private bytes = bytesOf(this.chars);

  /** Starts a new output (the previous one must have been built). */
  reset(): this {
    this.length = 0;
    return this;
  }

  push(c: number, s: number, e: number): void {
    if (this.length === this.chars.length) this.grow();
    const i = this.length++;
    this.chars[i] = c;
    this.start[i] = s;
    this.end[i] = e;
  }

  pushString(str: string, s: number, e: number): void {
    for (let i = 0; i < str.length; i++) this.push(str.charCodeAt(i), s, e);
  }

  /** Copies units [from, to) of a normalized text with their ranges. */
  copy(input: NormalizedText, from: number, to: number): void {
    for (let k = from; k < to; k++) this.push(input.text.charCodeAt(k), input.start[k]!, input.end[k]!);
  }

  /** Makes room for `n` units in all, so a caller may write the arrays directly. */
  reserve(n: number): void {
    while (this.chars.length < n) this.grow();
  }

  last(): number {
    return this.chars[this.length - 1]!;
  }

  build(): NormalizedText {
    const n = this.length;
    const start = pooledInt32s(n);
    const end = pooledInt32s(n);
    for (let i = 0; i < n; i++) {
      start[i] = this.start[i]!;
      end[i] = this.end[i]!;
    }
    return { text: this.text(), start, end };
  }

  /** What has been written, as a string. */
  text(): string {
    return unitsToString(this.chars, this.bytes, this.length);
  }

  private grow(): void {
    const n = this.chars.length * 2;
    const chars = new Uint16Array(n);
    chars.set(this.chars);
    const start = new Int32Array(n);
    start.set(this.start);
    const end = new Int32Array(n);
    end.set(this.end);
    this.chars = chars;
    this.bytes = bytesOf(chars);
    this.start = start;
    this.end = end;
  }
}

/** Scratch outputs: the folded text, and the output of whichever step runs next. */
const FOLDED = new Builder();
const OUTPUT = new Builder();

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bytesOf(units: Uint16Array): Buffer {
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength);
}

/**
 * The first `n` UTF-16 units as a string. Node decodes UTF-16LE bytes into a string in one native
 * copy (every unit as it is, lone surrogates included, unlike TextDecoder), several times faster than
 * String.fromCharCode.apply over a typed array; the typed array is in the platform's byte order, so
 * a big-endian machine takes the second way, in chunks small enough for an argument list.
 */
function unitsToString(units: Uint16Array, bytes: Buffer, n: number): string {
  if (LITTLE_ENDIAN) return bytes.toString('utf16le', 0, 2 * n);
  const CHUNK = 8192;
  if (n <= CHUNK) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  let text = '';
  for (let i = 0; i < n; i += CHUNK)
    text += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  return text;
}

const CURRENCY_AFTER = ['元', '块', '圆', '人民币', 'rmb', '毛'];
const NOT_NUMBERS = new Set(['千万', '万一', '一一', '万万']);

/** Disguised spellings (扣扣 → qq), compiled once per alias table. */
export class AliasTable {
  private readonly matcher: AhoCorasick;
  private readonly from: string[];
  private readonly to: string[];
  /** Scratch for match triples (normalization runs to completion before the next one starts). */
  private readonly hits = new IntBuffer(64);
  constructor(aliases: Readonly<Record<string, string>>) {
    const table = foldTable();
    this.from = Object.keys(aliases).map((k) => foldString(k, table));
    this.to = Object.values(aliases);
    this.matcher = new AhoCorasick(this.from);
  }

  apply(input: NormalizedText): NormalizedText {
    const { text } = input;
    const hits = this.hits;
    hits.clear();
    this.matcher.collect(text, hits);
    if (hits.length === 0) return input;
    const found: { id: number; start: number; end: number }[] = [];
    for (let k = 0; k < hits.length; k += 3) {
      const id = hits.data[k]!;
      const start = hits.data[k + 1]!;
      const end = hits.data[k + 2]!;
      // Latin aliases (vx, zfb) only as whole tokens, never inside a word or URL; only a Latin end
      // needs a boundary on its side (v信：abc is 微信：abc). A colon after it is a label's colon
      // (vx：abc is 微信:abc), unless it opens a scheme (vx://…).
      const from = this.from[id]!;
      const latinStart = isAsciiAlnum(from.charCodeAt(0));
      const latinEnd = isAsciiAlnum(from.charCodeAt(from.length - 1));
      if (latinStart && start > 0 && isUrlChar(text.charCodeAt(start - 1))) continue;
      if (latinEnd && end < text.length && isUrlChar(text.charCodeAt(end)) && !isLabelColon(text, end)) continue;
      found.push({ id, start, end });
    }
    if (found.length === 0) return input;
    // Leftmost-longest, non-overlapping.
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out = OUTPUT.reset();
    let pos = 0;
    for (const f of found) {
      if (f.start < pos) continue;
      out.copy(input, pos, f.start);
      out.pushString(this.to[f.id]!, input.start[f.start]!, input.end[f.end - 1]!);
      pos = f.end;
    }
    out.copy(input, pos, text.length);
    return out.build();
  }
}

/** A colon at `i` that ends a label (vx:abc), not a URL scheme's (vx://). */
function isLabelColon(text: string, i: number): boolean {
  return text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) !== 0x2f;
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
  const folded = FOLDED.reset();
  // Every folded unit comes from one source unit: its position is all the range needs (end = position + 1),
  // written straight into the arrays, which `reserve` made large enough.
  folded.reserve(n);
  const chars = folded.chars;
  const pos = folded.start;
  let m = 0;
  let separators = false;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const unit = src.charCodeAt(i);
    const c = table[unit]!;
    if (c === DROP) {
      changed = true;
      continue;
    }
    if (c !== unit) changed = true;
    if (isSeparator(c)) separators = true;
    chars[m] = c;
    pos[m++] = i;
  }
  folded.length = m;
  if (!separators) {
    const start = pooledInt32s(m);
    const end = pooledInt32s(m);
    for (let k = 0; k < m; k++) {
      start[k] = pos[k]!;
      end[k] = pos[k]! + 1;
    }
    // Nothing folded, nothing dropped: the text is the source itself.
    return { text: changed ? folded.text() : src, start, end };
  }
  const out = OUTPUT.reset();
  let i = 0;
  while (i < m) {
    const c = chars[i]!;
    if (!isSeparator(c) || out.length === 0) {
      out.push(c, pos[i]!, pos[i]! + 1);
      i++;
      continue;
    }
    let j = i;
    while (j < m && isSeparator(chars[j]!)) j++;
    const left = out.last();
    const right = j < m ? chars[j]! : -1;
    const runLength = j - i;
    let drop = false;
    if (right !== -1 && runLength <= 3) {
      if (isCjk(left) || isCjk(right)) drop = !(isAsciiDigit(left) && isAsciiDigit(right));
      else if (isAsciiDigit(left) && isAsciiDigit(right)) {
        // 138-1234-5678, 6222 0212 3456: one number written in groups.
        drop = true;
        for (let k = i; k < j; k++) if (!isAsciiNoise(chars[k]!)) drop = false;
      } else if (isAsciiAlnum(left) && isAsciiAlnum(right)) {
        // v x → vx, but my-site.com keeps its hyphen.
        drop = true;
        for (let k = i; k < j; k++) if (chars[k] !== 0x20 && chars[k] !== 0x09) drop = false;
      }
    }
    if (!drop) for (let k = i; k < j; k++) out.push(chars[k]!, pos[k]!, pos[k]! + 1);
    i = j;
  }
  return out.build();
}

const DIAN = 0x70b9; // 点
const DOT = 0x2e;

/**
 * Step 3: amounts written in Chinese numerals become digits (一千二百元 → 1200元, 借了两万 → 20000).
 * Only a run with a Chinese numeral can change, and most texts have none: the output is built only
 * from the first run that does.
 */
function numeralsToDigits(input: NormalizedText): NormalizedText {
  const { text } = input;
  const n = text.length;
  let out: Builder | null = null;
  let copied = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (numeralKind(c) === 0 && !isAsciiDigit(c)) {
      i++;
      continue;
    }
    let j = i;
    let hasChinese = false;
    let hasMagnitude = false;
    let hasDigit = false;
    while (j < n) {
      const d = text.charCodeAt(j);
      const kind = numeralKind(d);
      if (kind === 0 && !isAsciiDigit(d) && !(d === DOT && j > i)) break;
      if (kind !== 0) hasChinese = true;
      if (kind === 2) hasMagnitude = true;
      else if (d !== DIAN && d !== DOT) hasDigit = true;
      j++;
    }
    if (hasChinese) {
      const run = text.slice(i, j);
      // 百万保障 and 千万别 are words, not amounts: a magnitude alone needs a digit or a currency.
      const amountLike = currencyAt(text, j) || (hasMagnitude && hasDigit && run.length >= 2 && !NOT_NUMBERS.has(run));
      const value = amountLike && !run.startsWith('点') && !run.endsWith('点') ? parseChineseNumber(run) : null;
      if (value !== null) {
        out ??= OUTPUT.reset();
        out.copy(input, copied, i);
        out.pushString(formatNumber(value), input.start[i]!, input.end[j - 1]!);
        copied = j;
      }
    }
    i = j;
  }
  if (out === null) return input;
  out.copy(input, copied, n);
  return out.build();
}

function currencyAt(text: string, at: number): boolean {
  for (let k = 0; k < CURRENCY_AFTER.length; k++) if (text.startsWith(CURRENCY_AFTER[k]!, at)) return true;
  return false;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** The whole pipeline: fold → join → numerals → aliases. */
export function normalize(src: string, aliases: AliasTable): NormalizedText {
  return aliases.apply(numeralsToDigits(foldAndJoin(src)));
}

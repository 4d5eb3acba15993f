import { digitRunEnd, isAsciiDigit, isCjk } from './fold.js';
import type { NormalizedText } from './normalize.js';

/**
 * Character n-grams of the normalized text, by whose words they are (typology 1.7.0). The lexicon
 * only knows the paraphrases someone wrote down; the n-gram weights, learned from every development
 * author by `npm run train`, give a score to the ones nobody did (您这边先把余额挪一下 as well as
 * 转到安全账户). Explanations stay exact: every n-gram found keeps the original range it came from.
 *
 * Units: a CJK character or an ASCII letter is itself; a run of digits (with decimal points) is one
 * unit `#`, so 19999.58 and 9999 read the same; anything else (spaces, punctuation, symbols) breaks
 * n-grams, and so does a change of side.
 */

/**
 * Whose words: the other party's live turns; the protected person's; a narrative's or an unlabelled
 * text's (and the person's retelling of a caller); a notice's (温馨提示…, 诈骗分子会…); words a negator or a
 * warning covers (我们不会【索取验证码】, 【让你加QQ的】都是骗子), with models that read negation (`negation`).
 */
export const SIDE_OTHER = 0;
export const SIDE_SELF = 1;
export const SIDE_NARRATIVE = 2;
export const SIDE_NOTICE = 3;
export const SIDE_NEGATED = 4;
/** Each side's letter, the first character of a key in the model (`o加微信`). */
export const SIDE_LETTERS = 'osnwx';
export const SIDE_NAMES = ['other', 'self', 'narrative', 'notice', 'negated'] as const;
export type GramSide = (typeof SIDE_NAMES)[number];

/** How many n-grams an assessment lists (the largest contributions either way); all of them count in the score. */
export const LISTED_NGRAMS = 8;

/** The digit-run unit. */
export const NUMBER_UNIT = 0x23; // '#'
const BREAK = 0;

/** The n-gram part of a trained model: `<side letter><gram>` → log-odds. */
export interface NgramModelData {
  /** Shortest and longest n-gram, in units. */
  min: number;
  max: number;
  /** Words under a negator or warning are their own side (`x`). */
  negation?: boolean;
  weights: Record<string, number>;
}

/**
 * One normalized text as n-gram units, with each unit's side and the normalized range it covers.
 * A scratch object reused from turn to turn (analysis is synchronous, one text at a time).
 */
export class GramUnits {
  code = new Uint16Array(256);
  side = new Uint8Array(256);
  from = new Int32Array(256);
  to = new Int32Array(256);
  length = 0;

  /** Reads a normalized text, every unit on one side. */
  fill(norm: NormalizedText, side: number): void {
    const { text } = norm;
    this.length = 0;
    if (this.code.length < text.length + 1) this.grow(text.length + 1);
    let last = BREAK;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isAsciiDigit(c)) {
        const j = digitRunEnd(text, i);
        this.push(NUMBER_UNIT, side, i, j);
        last = NUMBER_UNIT;
        i = j - 1;
      } else if ((c >= 0x61 && c <= 0x7a) || isCjk(c)) {
        this.push(c, side, i, i + 1);
        last = c;
      } else if (last !== BREAK) {
        this.push(BREAK, side, i, i + 1);
        last = BREAK;
      }
    }
  }

  /** Moves the units that start in the normalized range [start, end) to another side. */
  setSide(start: number, end: number, side: number): void {
    for (let u = 0; u < this.length; u++) if (this.from[u] >= start && this.from[u] < end) this.side[u] = side;
  }

  private push(c: number, side: number, from: number, to: number): void {
    const u = this.length++;
    this.code[u] = c;
    this.side[u] = side;
    this.from[u] = from;
    this.to[u] = to;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.code.length * 2);
    this.code = new Uint16Array(size);
    this.side = new Uint8Array(size);
    this.from = new Int32Array(size);
    this.to = new Int32Array(size);
  }
}

/** Whether units [u, u + n) make an n-gram: no break inside, all on one side. */
function gramAt(units: GramUnits, u: number, n: number): boolean {
  if (u + n > units.length) return false;
  const side = units.side[u];
  for (let k = u; k < u + n; k++) if (units.code[k] === BREAK || units.side[k] !== side) return false;
  return true;
}

/** Every n-gram key (`<side letter><gram>`) of a text, for training: the vocabulary is not known yet. */
export function gramKeys(units: GramUnits, min: number, max: number, out: string[]): void {
  for (let u = 0; u < units.length; u++) {
    for (let n = min; n <= max; n++) {
      if (!gramAt(units, u, n)) break;
      out.push(SIDE_LETTERS[units.side[u]] + String.fromCharCode(...units.code.subarray(u, u + n)));
    }
  }
}

/** Entry flags: a model n-gram; the start of a longer model n-gram. */
const REAL = 1;
const EXTENDS = 2;

const ENTRY = (1 << 20) - 1;
/** Length and side bits of a slot's meta word. */
const SHAPE = 0x3f << 20;

/** A slot's tag: the hash's top 8 bits, never 0 (0 marks an empty slot). */
const tagOf = (hash: number): number => (hash >>> 24) | 1;

/** Where an n-gram's probe starts (its low bits) and its tag (its top bits): a mix of its packed units, length and side. */
function slotOf(lo: number, hi: number, n: number, side: number): number {
  let x = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ ((n << 3) | side), 0x85ebca6b);
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  return x ^ (x >>> 12);
}

/**
 * A trained n-gram vocabulary compiled for lookup: an open-addressed hash table whose 16-byte slots hold
 * the n-gram itself (up to four 16-bit units packed in two words), its length, side and entry, so a
 * probe reads one cache line and never a second array; a hit is an exact match, never a hash collision.
 * Entries are in key order, so an entry's index is stable for a given model.
 */
export class NgramTable {
  readonly min: number;
  readonly max: number;
  readonly negation: boolean;
  /** Entry → weight, |weight|, side, key (`<side letter><gram>`). */
  readonly weights: Float64Array;
  readonly magnitudes: Float64Array;
  readonly sides: Uint8Array;
  readonly keys: readonly string[];
  private readonly grams: readonly string[];
  /** How many of the entries are the model's n-grams (the rest only say "read on", see the constructor). */
  readonly size: number;
  /** Slot i: [units 0–1, units 2–3, meta, unused] at 4i; meta = entry + 1 | length << 20 | side << 23 | flags << 26, 0 when empty. */
  private readonly slots: Int32Array;
  /**
   * One byte per slot, 0 when empty, else 8 bits of the n-gram's hash (never 0): a probe reads this small
   * array first and the slot itself only when the tag matches, so a miss rarely leaves the first-level cache.
   */
  private readonly tags: Uint8Array;
  private readonly mask: number;
  /**
   * Which entries the current owner (a GramTally) has seen: `stamps[entry] === its stamp`. One array
   * per table, not per conversation, so counting each n-gram once costs one read; a tally that finds
   * another one has used the array since re-stamps its own entries first (GramTally.own).
   */
  readonly stamps: Uint32Array;
  private owner: GramTally | null = null;
  private lastStamp = 0;

  constructor(data: NgramModelData) {
    if (data.min < 1 || data.max > 4 || data.min > data.max)
      throw new Error(`n-gram model: lengths ${data.min}–${data.max} (1–4 supported)`);
    this.min = data.min;
    this.max = data.max;
    this.negation = data.negation === true;
    // Besides the model's n-grams, every shorter start of one (at least `min` long) is an entry that only
    // says "read on": where a text's n-gram is neither, no longer n-gram from that unit can be in the
    // model, and the scan moves to the next unit.
    const real = Object.keys(data.weights);
    const extendable = new Set<string>();
    for (const key of real) for (let len = data.min + 1; len < key.length; len++) extendable.add(key.slice(0, len));
    const keys = [...new Set([...real, ...extendable])].sort();
    this.keys = keys;
    this.grams = keys.map((k) => k.slice(1));
    this.size = real.length;
    const n = keys.length;
    if (n >= 1 << 20) throw new Error('n-gram model: too many n-grams');
    this.weights = new Float64Array(n);
    this.magnitudes = new Float64Array(n);
    this.sides = new Uint8Array(n);
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    this.slots = new Int32Array(4 * capacity);
    this.tags = new Uint8Array(capacity);
    this.mask = capacity - 1;
    for (let e = 0; e < n; e++) {
      const key = keys[e];
      const side = SIDE_LETTERS.indexOf(key[0]);
      const len = key.length - 1;
      if (side < 0 || len < data.min || len > data.max) throw new Error(`n-gram model: bad key ${JSON.stringify(key)}`);
      this.weights[e] = data.weights[key] ?? 0;
      this.magnitudes[e] = Math.abs(this.weights[e]);
      this.sides[e] = side;
      const flags = (key in data.weights ? REAL : 0) | (extendable.has(key) ? EXTENDS : 0);
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < len; k++) {
        const c = key.charCodeAt(k + 1);
        if (c === BREAK) throw new Error(`n-gram model: bad key ${JSON.stringify(key)}`);
        if (k < 2) lo |= c << (16 * k);
        else hi |= c << (16 * (k - 2));
      }
      const hash = slotOf(lo, hi, len, side);
      let slot = hash & this.mask;
      while (this.tags[slot] !== 0) slot = (slot + 1) & this.mask;
      this.tags[slot] = tagOf(hash);
      this.slots[4 * slot] = lo;
      this.slots[4 * slot + 1] = hi;
      this.slots[4 * slot + 2] = (e + 1) | (len << 20) | (side << 23) | (flags << 26);
    }
    this.stamps = new Uint32Array(n);
  }

  /** @internal Makes `tally` the owner of the stamps and returns its new stamp. */
  claim(tally: GramTally): number {
    if (this.lastStamp === 0xffffffff) {
      this.stamps.fill(0);
      this.lastStamp = 0;
    }
    this.owner = tally;
    return ++this.lastStamp;
  }

  /** @internal */
  ownedBy(tally: GramTally): boolean {
    return this.owner === tally;
  }

  /** The n-gram of an entry without its side letter. */
  gram(entry: number): string {
    return this.grams[entry];
  }

  /** Counts every n-gram of the text in the vocabulary into `tally` (each entry once per conversation). */
  scan(units: GramUnits, tally: GramTally, norm: NormalizedText, turn: number): void {
    const { code, side } = units;
    const len = units.length;
    const { stamps, slots, tags, mask, min, max } = this;
    const stamp = tally.own();
    for (let u = 0; u < len; u++) {
      const s = side[u];
      let lo = 0;
      let hi = 0;
      for (let n = 1; n <= max && u + n <= len; n++) {
        const c = code[u + n - 1];
        if (c === BREAK || side[u + n - 1] !== s) break;
        if (n <= 2) lo |= c << (16 * (n - 1));
        else hi |= c << (16 * (n - 3));
        if (n < min) continue;
        const want = (n << 20) | (s << 23);
        const hash = slotOf(lo, hi, n, s);
        const tag = tagOf(hash);
        let meta = 0;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
          const t = tags[slot];
          if (t === 0) break;
          if (t !== tag) continue;
          const m = slots[4 * slot + 2];
          if (slots[4 * slot] === lo && slots[4 * slot + 1] === hi && (m & SHAPE) === want) {
            meta = m;
            break;
          }
        }
        if (meta === 0) break;
        const e = (meta & ENTRY) - 1;
        if ((meta & (REAL << 26)) !== 0 && stamps[e] !== stamp) {
          stamps[e] = stamp;
          tally.record(e, turn, norm.start[units.from[u]], norm.end[units.to[u + n - 1] - 1]);
        }
        if ((meta & (EXTENDS << 26)) === 0) break;
      }
    }
  }
}

/**
 * The model's n-grams found in one conversation: each entry once, where it was first said (turn and
 * original offsets), and the log-odds they add up to by side.
 */
export class GramTally {
  /** entry, turn, start, end: four numbers per distinct n-gram found, in the order found. */
  hits = new Int32Array(64);
  count = 0;
  readonly bySide = new Float64Array(SIDE_NAMES.length);
  /** The hits (numbers into `hits`) with the largest |weight|, largest first, the first found on ties; kept as they are recorded. */
  readonly top = new Int32Array(LISTED_NGRAMS);
  private readonly topSize = new Float64Array(LISTED_NGRAMS);
  topCount = 0;
  private stamp = 0;

  constructor(readonly table: NgramTable) {}

  /** Empties the tally for another conversation (a scratch tally reused by batch assessment). */
  reset(): void {
    this.count = 0;
    this.topCount = 0;
    this.bySide.fill(0);
    this.stamp = 0;
  }

  /** @internal The stamp to mark entries with; re-stamps this tally's entries if another tally used the table since. */
  own(): number {
    const t = this.table;
    if (this.stamp === 0 || !t.ownedBy(this)) {
      this.stamp = t.claim(this);
      for (let k = 0; k < this.count; k++) t.stamps[this.hits[4 * k]] = this.stamp;
    }
    return this.stamp;
  }

  /** @internal */
  record(entry: number, turn: number, start: number, end: number): void {
    if (4 * this.count + 4 > this.hits.length) {
      const grown = new Int32Array(this.hits.length * 2);
      grown.set(this.hits);
      this.hits = grown;
    }
    const k = this.count++;
    const at = 4 * k;
    this.hits[at] = entry;
    this.hits[at + 1] = turn;
    this.hits[at + 2] = start;
    this.hits[at + 3] = end;
    this.bySide[this.table.sides[entry]] += this.table.weights[entry];
    const v = this.table.magnitudes[entry];
    const { top, topSize } = this;
    const full = this.topCount === LISTED_NGRAMS;
    if (v === 0 || (full && v <= topSize[LISTED_NGRAMS - 1])) return;
    let i = full ? LISTED_NGRAMS - 1 : this.topCount++;
    for (; i > 0 && topSize[i - 1] < v; i--) {
      top[i] = top[i - 1];
      topSize[i] = topSize[i - 1];
    }
    top[i] = k;
    topSize[i] = v;
  }
}

import type { Decision } from './decision.js';
import { fnv1a } from './state.js';

/**
 * What the duplicate window keeps for one id: for a plain allow at level none, the single number
 * `t × 1000 + score in thousandths` (exact below 2^53); for anything else, the reasonless decision.
 */
export type Remembered = number | Decided;

/** An id whose decision was more than a plain allow: its event time and its reasonless decision. */
export interface Decided {
  t: number;
  decision: Decision;
}

const MIN_CAPACITY = 1024;
/** The index is rebuilt once this share of its cells is taken (live ids and ones already dropped). */
const INDEX_LOAD = 0.5;

/**
 * The event ids of the duplicate window, oldest first, with what a repeat of each gets. Ids arrive
 * in roughly event-time order and leave from the front, so they are a queue (a ring that doubles
 * when full); a table of 32-bit hashes finds an id in it. Every event asks this before anything
 * else, and the window holds tens of thousands of ids: a Map of them costs several cache misses
 * and a boxed number per event, this a probe of one flat array. A hash only narrows the search:
 * an id is found when the very same string is in the window, so a collision cannot mistake one
 * event for another.
 */
export class DuplicateWindow {
  /** The ring: slot `i & mask` holds the id of arrival `i`, for arrivals `head` … `tail − 1`. */
  private ids: (string | undefined)[] = new Array<string | undefined>(MIN_CAPACITY).fill(undefined);
  /** Each id's hash, kept for rebuilding the index. */
  private hashes = new Int32Array(MIN_CAPACITY);
  /** The plain allows' numbers (NaN where the entry is a decision). */
  private plain = new Float64Array(MIN_CAPACITY);
  /** The entries that are decisions (undefined where the entry is a plain allow's number). */
  private decided: (Decided | undefined)[] = new Array<Decided | undefined>(MIN_CAPACITY).fill(undefined);
  private mask = MIN_CAPACITY - 1;
  private head = 0;
  private tail = 0;
  /** Open addressing, linear probing: cell k is (hash, ring slot + 1) at 2k, 2k + 1; 0 marks an empty cell. */
  private index = new Int32Array(4 * MIN_CAPACITY);
  private indexMask = 2 * MIN_CAPACITY - 1;
  /** Cells taken in the index, including those of ids that have left the window since it was built. */
  private indexTaken = 0;
  /** The last id hashed and its hash: `remember` follows `get` for the same event. */
  private lastId: string | undefined = undefined;
  private lastHash = 0;

  get size(): number {
    return this.tail - this.head;
  }

  /** What a repeat of `id` gets, or undefined when the id is not in the window. */
  get(id: string): Remembered | undefined {
    const slot = this.find(id, this.hashOf(id));
    if (slot < 0) return undefined;
    return this.decided[slot] ?? this.plain[slot]!;
  }

  /**
   * Adds `id` at the back of the window (the newest), or replaces its entry in place when it is
   * already there (as Map.set does: it keeps its place in the order).
   */
  set(id: string, entry: Remembered): void {
    const h = this.hashOf(id);
    let slot = this.find(id, h);
    if (slot < 0) {
      if (this.tail - this.head === this.ids.length) this.grow();
      slot = this.tail & this.mask;
      this.tail++;
      this.ids[slot] = id;
      this.hashes[slot] = h;
      if (this.indexTaken + 1 > INDEX_LOAD * (this.indexMask + 1)) this.rebuildIndex();
      this.insert(h, slot);
    }
    if (typeof entry === 'number') {
      this.plain[slot] = entry;
      this.decided[slot] = undefined;
    } else {
      this.plain[slot] = NaN;
      this.decided[slot] = entry;
    }
  }

  /**
   * Drops the ids more than `windowMs` older than `now` from the front, and stops at the first that
   * is not: ids arrive in roughly event-time order, so one that arrived out of order may stay until
   * those before it go (as the engine has always swept).
   */
  dropOlderThan(now: number, windowMs: number): void {
    while (this.head < this.tail) {
      const slot = this.head & this.mask;
      const entry = this.decided[slot];
      const t = entry === undefined ? Math.floor(this.plain[slot]! / 1000) : entry.t;
      if (now - t <= windowMs) break;
      this.ids[slot] = undefined;
      this.decided[slot] = undefined;
      this.head++;
    }
  }

  /** Every id and its entry, oldest first (snapshots). */
  entries(): [string, Remembered][] {
    const out: [string, Remembered][] = [];
    for (let i = this.head; i < this.tail; i++) {
      const slot = i & this.mask;
      out.push([this.ids[slot]!, this.decided[slot] ?? this.plain[slot]!]);
    }
    return out;
  }

  clear(): void {
    this.ids.fill(undefined);
    this.decided.fill(undefined);
    this.head = this.tail = 0;
    this.index.fill(0);
    this.indexTaken = 0;
  }

  /** FNV-1a of the id (the last one is remembered: the engine asks twice per event). */
  private hashOf(id: string): number {
    if (id === this.lastId) return this.lastHash;
    let h = fnv1a(id);
    // Mix the high bits down: the index takes its cell from the low ones.
    h ^= h >>> 16;
    this.lastId = id;
    this.lastHash = h;
    return h;
  }

  /** The ring slot holding exactly `id`, or -1. */
  private find(id: string, h: number): number {
    const index = this.index;
    const mask = this.indexMask;
    for (let cell = h & mask; ; cell = (cell + 1) & mask) {
      const ref = index[2 * cell + 1]!;
      if (ref === 0) return -1;
      if (index[2 * cell] === h) {
        const slot = ref - 1;
        // The cell may be left from an id that has gone (its slot since reused): the id decides.
        if (((slot - this.head) & this.mask) < this.tail - this.head && this.ids[slot] === id) return slot;
      }
    }
  }

  private insert(h: number, slot: number): void {
    const index = this.index;
    const mask = this.indexMask;
    let cell = h & mask;
    while (index[2 * cell + 1] !== 0) cell = (cell + 1) & mask;
    index[2 * cell] = h;
    index[2 * cell + 1] = slot + 1;
    this.indexTaken++;
  }

  /** A fresh index of the live ids only, a quarter full at most: as many again fit before the next rebuild. */
  private rebuildIndex(): void {
    let cells = 2 * MIN_CAPACITY;
    while (cells * INDEX_LOAD < 2 * (this.size + 1)) cells *= 2;
    this.index = new Int32Array(2 * cells);
    this.indexMask = cells - 1;
    this.indexTaken = 0;
    for (let i = this.head; i < this.tail; i++) this.insert(this.hashes[i & this.mask]!, i & this.mask);
  }

  /** Twice the room, the window laid out from slot 0 again. */
  private grow(): void {
    const n = this.size;
    const capacity = 2 * this.ids.length;
    const ids = new Array<string | undefined>(capacity).fill(undefined);
    const hashes = new Int32Array(capacity);
    const plain = new Float64Array(capacity);
    const decided = new Array<Decided | undefined>(capacity).fill(undefined);
    for (let k = 0; k < n; k++) {
      const slot = (this.head + k) & this.mask;
      ids[k] = this.ids[slot];
      hashes[k] = this.hashes[slot]!;
      plain[k] = this.plain[slot]!;
      decided[k] = this.decided[slot];
    }
    this.ids = ids;
    this.hashes = hashes;
    this.plain = plain;
    this.decided = decided;
    this.mask = capacity - 1;
    this.head = 0;
    this.tail = n;
    this.rebuildIndex();
  }
}

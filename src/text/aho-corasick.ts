import type { IntBuffer } from './int-buffer.js';

/**
 * Aho–Corasick automaton over UTF-16 code units: every literal of the lexicon found in one pass,
 * whatever their number. Built once per lexicon; `collect` allocates nothing but its output.
 */
export class AhoCorasick {
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Literal ids ending at each node, own and inherited through failure links (while building). */
  private readonly outputs: number[][] = [[]];
  private readonly lengths: number[] = [];
  /**
   * The outputs flattened for scanning: node n's literals are outIds[outFrom[n]] … outIds[outFrom[n + 1] - 1],
   * with their lengths beside them, so the scan reads two typed arrays instead of an array per node.
   */
  private readonly outFrom: Int32Array;
  private readonly outIds: Int32Array;
  private readonly outLengths: Int32Array;
  private readonly rootNext = new Int32Array(65536).fill(-1);
  /**
   * The non-root transitions as one open-addressing hash table (key node × 65536 + unit, value the
   * next node): scanning does a few integer operations per character instead of a Map lookup.
   */
  private readonly gotoKeys: Int32Array;
  private readonly gotoNext: Int32Array;
  private readonly gotoMask: number;
  private readonly gotoShift: number;

  constructor(literals: readonly string[]) {
    literals.forEach((literal, id) => this.add(literal, id));
    this.link();
    const nodes = this.outputs.length;
    this.outFrom = new Int32Array(nodes + 1);
    for (let node = 0; node < nodes; node++) this.outFrom[node + 1] = this.outFrom[node] + this.outputs[node]!.length;
    this.outIds = new Int32Array(this.outFrom[nodes]);
    this.outLengths = new Int32Array(this.outFrom[nodes]);
    for (let node = 0; node < nodes; node++) {
      this.outputs[node]!.forEach((id, k) => {
        this.outIds[this.outFrom[node] + k] = id;
        this.outLengths[this.outFrom[node] + k] = this.lengths[id]!;
      });
    }
    let edges = 0;
    for (let node = 1; node < this.children.length; node++) edges += this.children[node]!.size;
    let size = 16;
    while (size < edges * 2) size *= 2;
    if (this.children.length * 65536 > 0x7fffffff) throw new Error('lexicon too large for the automaton');
    this.gotoKeys = new Int32Array(size).fill(-1);
    this.gotoNext = new Int32Array(size);
    this.gotoMask = size - 1;
    this.gotoShift = 32 - Math.log2(size);
    for (let node = 1; node < this.children.length; node++) {
      for (const [c, next] of this.children[node]!) {
        const key = node * 65536 + c;
        let slot = Math.imul(key, 0x9e3779b1) >>> this.gotoShift;
        while (this.gotoKeys[slot] !== -1) slot = (slot + 1) & this.gotoMask;
        this.gotoKeys[slot] = key;
        this.gotoNext[slot] = next;
      }
    }
  }

  /** The child of a non-root node on unit `c`, or -1 (Fibonacci hashing: the top bits of key × 2^32/φ pick the slot). */
  private step(node: number, c: number): number {
    const key = node * 65536 + c;
    const keys = this.gotoKeys;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.gotoShift; ; slot = (slot + 1) & this.gotoMask) {
      const k = keys[slot]!;
      if (k === key) return this.gotoNext[slot]!;
      if (k === -1) return -1;
    }
  }

  private add(literal: string, id: number): void {
    if (literal.length === 0) throw new Error(`empty literal #${id}`);
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      let next = this.children[node].get(c);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.fail.push(0);
        this.outputs.push([]);
        this.children[node].set(c, next);
      }
      node = next;
    }
    this.outputs[node].push(id);
    this.lengths[id] = literal.length;
  }

  private link(): void {
    const queue: number[] = [];
    for (const [c, child] of this.children[0]) {
      this.rootNext[c] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      for (const [c, child] of this.children[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.children[f].has(c)) f = this.fail[f];
        const target = this.children[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        // The node's own literal first, then its failure node's (proper suffixes, so shorter): longest
        // first, which is the order of start for one end (collect relies on it).
        const inherited = this.outputs[this.fail[child]];
        if (inherited.length > 0) this.outputs[child] = this.outputs[child].concat(inherited);
        queue.push(child);
      }
    }
  }

  /**
   * Every occurrence as `id, start, end` triples appended to `out`, in order of `end`, and for one end
   * in order of `start` (longest first; a literal added twice under two ids: in order of id). Triples in
   * a caller's scratch array rather than a callback: the callers run for every message, and a callback
   * would be a closure per text.
   */
  collect(text: string, out: IntBuffer): void {
    const { rootNext, fail, outFrom, outIds, outLengths } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let next: number;
      for (;;) {
        next = node === 0 ? rootNext[c]! : this.step(node, c);
        if (next !== -1) break;
        if (node === 0) {
          next = 0;
          break;
        }
        node = fail[node]!;
      }
      node = next;
      for (let k = outFrom[node]!, to = outFrom[node + 1]!; k < to; k++) out.push3(outIds[k]!, i + 1 - outLengths[k]!, i + 1);
    }
  }
}

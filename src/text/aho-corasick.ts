/**
 * Aho–Corasick automaton over UTF-16 code units: every literal of the lexicon found in one pass,
 * whatever their number. Built once per lexicon; `scan` allocates nothing but the callback's work.
 */
export class AhoCorasick {
  private readonly children: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Literal ids ending at each node, own and inherited through failure links. */
  private readonly outputs: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly rootNext = new Int32Array(65536).fill(-1);

  constructor(literals: readonly string[]) {
    literals.forEach((literal, id) => this.add(literal, id));
    this.link();
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
        const inherited = this.outputs[this.fail[child]];
        if (inherited.length > 0) this.outputs[child] = this.outputs[child].concat(inherited);
        queue.push(child);
      }
    }
  }

  /** Calls `onMatch(id, start, end)` for every occurrence, in order of `end`. */
  scan(text: string, onMatch: (id: number, start: number, end: number) => void, from = 0, to = text.length): void {
    let node = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      let next: number | undefined;
      for (;;) {
        next = node === 0 ? this.rootNext[c] : this.children[node].get(c);
        if (next !== undefined && next !== -1) break;
        if (node === 0) {
          next = 0;
          break;
        }
        node = this.fail[node];
      }
      node = next;
      const out = this.outputs[node];
      for (let k = 0; k < out.length; k++) {
        const id = out[k];
        onMatch(id, i + 1 - this.lengths[id], i + 1);
      }
    }
  }
}

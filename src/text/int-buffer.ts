/**
 * A growable list of 32-bit integers on one Int32Array, for scratch space reused from text to text
 * (match triples, digit runs). A `number[]` emptied with `length = 0` gives its storage back in V8,
 * so as scratch it was regrown, step by step, for every message; this keeps its capacity.
 */
export class IntBuffer {
  data: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  clear(): void {
    this.length = 0;
  }

  push2(a: number, b: number): void {
    if (this.length + 2 > this.data.length) this.grow();
    const d = this.data;
    const n = this.length;
    d[n] = a;
    d[n + 1] = b;
    this.length = n + 2;
  }

  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow();
    const d = this.data;
    const n = this.length;
    d[n] = a;
    d[n + 1] = b;
    d[n + 2] = c;
    this.length = n + 3;
  }

  /** The values as a plain array (for tests and debugging). */
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }

  private grow(): void {
    const data = new Int32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }
}

/**
 * Small Int32Arrays carved out of a shared ArrayBuffer, as Node's Buffer pool does for small buffers.
 * Every normalized text owns two offset arrays; as typed arrays of their own (an ArrayBuffer each,
 * allocated outside the JavaScript heap) they cost several times more than the characters they map.
 * A slice of the pool is the caller's alone, like a fresh array; the pool's memory is freed once no
 * array carved from it is reachable.
 */
const POOL_BYTES = 64 * 1024;
/** Larger arrays get a buffer of their own, so one long text never pins a pool. */
const MAX_POOLED_BYTES = 4 * 1024;

let pool = new ArrayBuffer(POOL_BYTES);
let used = 0;

/** A zero-filled Int32Array of `n` elements. */
export function pooledInt32s(n: number): Int32Array {
  const bytes = n * 4;
  if (bytes > MAX_POOLED_BYTES) return new Int32Array(n);
  if (used + bytes > POOL_BYTES) {
    pool = new ArrayBuffer(POOL_BYTES);
    used = 0;
  }
  const out = new Int32Array(pool, used, n);
  used += bytes;
  return out;
}

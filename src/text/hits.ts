import { digitRunEnd, isAsciiDigit } from './fold.js';
import type { IntBuffer } from './int-buffer.js';

/**
 * A turn's hits as the matcher reads them: `id, start, end` triples (normalized offsets) in order of
 * end, then of start. The automaton reports its literals in that order already (AhoCorasick.collect);
 * digit runs, which feed `<num>` parts, are found in a pass of their own and merged in, so the order
 * costs one pass rather than a sort with a comparator for every message.
 */

/** The id of a digit run among the hits (literal ids are ≥ 0). */
export const NUMBER = -1;

/** Every digit run (decimal points between digits included) as `start, end` pairs appended to `out`, in order. */
export function collectNumbers(text: string, out: IntBuffer): void {
  for (let i = 0; i < text.length; i++) {
    if (!isAsciiDigit(text.charCodeAt(i))) continue;
    const end = digitRunEnd(text, i);
    out.push2(i, end);
    i = end - 1;
  }
}

/**
 * Appends to `out` the literal triples (in order of end, then start) and the digit runs (`start, end`
 * pairs in order, id NUMBER) as one list in order of end, then start; where a literal and a digit
 * run have the same range, the literal first. That is the order a stable sort of the literals followed
 * by the digit runs gives.
 */
export function mergeHits(literals: IntBuffer, numbers: IntBuffer, out: IntBuffer): void {
  const lit = literals.data;
  const num = numbers.data;
  let k = 0;
  let m = 0;
  while (k < literals.length && m < numbers.length) {
    const end = lit[k + 2]!;
    const numEnd = num[m + 1]!;
    if (end < numEnd || (end === numEnd && lit[k + 1]! <= num[m]!)) {
      out.push3(lit[k]!, lit[k + 1]!, end);
      k += 3;
    } else {
      out.push3(NUMBER, num[m]!, numEnd);
      m += 2;
    }
  }
  for (; k < literals.length; k += 3) out.push3(lit[k]!, lit[k + 1]!, lit[k + 2]!);
  for (; m < numbers.length; m += 2) out.push3(NUMBER, num[m]!, num[m + 1]!);
}

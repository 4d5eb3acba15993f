import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../src/text/aho-corasick.js';
import { isPersonalPhone } from '../src/text/fold.js';
import { collectNumbers, mergeHits, NUMBER } from '../src/text/hits.js';
import { IntBuffer } from '../src/text/int-buffer.js';

/** The order the matcher used to get by sorting: literals then digit runs, stably by end, then start. */
function sorted(literals: number[], numbers: number[]): number[] {
  const hits: number[][] = [];
  for (let k = 0; k < literals.length; k += 3) hits.push(literals.slice(k, k + 3));
  for (let k = 0; k < numbers.length; k += 2) hits.push([NUMBER, numbers[k]!, numbers[k + 1]!]);
  return hits.sort((a, b) => a[2]! - b[2]! || a[1]! - b[1]!).flat();
}

function hitsOf(ac: AhoCorasick, text: string): { literals: IntBuffer; numbers: IntBuffer; merged: IntBuffer } {
  const literals = new IntBuffer(4);
  const numbers = new IntBuffer(4);
  const merged = new IntBuffer(4);
  ac.collect(text, literals);
  collectNumbers(text, numbers);
  mergeHits(literals, numbers, merged);
  return { literals, numbers, merged };
}

describe('turn hits', () => {
  it('finds digit runs, decimals included', () => {
    const numbers = new IntBuffer();
    collectNumbers('退1200.5元，尾号3.，共2笔', numbers);
    expect(numbers.toArray()).toEqual([1, 7, 11, 12, 15, 16]);
  });

  it('merges the digit runs into the literals in order of end, then start; a literal first on the same range', () => {
    const ac = new AhoCorasick(['12', '2元', '退款', '元']);
    const { literals, numbers, merged } = hitsOf(ac, '退款12元，共12');
    expect(merged.toArray()).toEqual(sorted(literals.toArray(), numbers.toArray()));
    // 12 at 2–4 is both a literal and a digit run: the literal comes first.
    expect(merged.toArray().slice(3, 9)).toEqual([0, 2, 4, NUMBER, 2, 4]);
  });

  it('gives the order a stable sort gives, on random texts', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = '退款元12.3验证码，';
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    const ac = new AhoCorasick([...new Set(Array.from({ length: 200 }, () => word(1 + rand(4))))]);
    for (let t = 0; t < 50; t++) {
      const { literals, numbers, merged } = hitsOf(ac, word(120));
      expect(merged.toArray()).toEqual(sorted(literals.toArray(), numbers.toArray()));
    }
  });
});

describe('personal phone numbers (a `<phone>` part)', () => {
  const phone = (digits: string): boolean => isPersonalPhone(digits, 0, digits.length);
  it('takes a mobile and a landline with its area code', () => {
    expect(phone('13812345678')).toBe(true);
    expect(phone('075526618830')).toBe(true);
    expect(phone('02160583319')).toBe(true);
  });
  it('leaves service lines, amounts and ids alone', () => {
    for (const n of ['95188', '950618', '10086', '4008201234', '8008201234', '1381234567', '19999.58', '1234567890123'])
      expect(phone(n)).toBe(false);
  });
});

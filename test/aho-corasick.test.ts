import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../src/text/aho-corasick.js';
import { IntBuffer } from '../src/text/int-buffer.js';

/** Every occurrence of every literal, the slow way: [id, start, end], ordered by end then id order of discovery. */
function bruteForce(literals: string[], text: string): number[][] {
  const out: number[][] = [];
  for (let end = 1; end <= text.length; end++) {
    for (let id = 0; id < literals.length; id++) {
      const start = end - literals[id]!.length;
      if (start >= 0 && text.startsWith(literals[id]!, start)) out.push([id, start, end]);
    }
  }
  return out;
}

const sortTriples = (x: number[][]) => x.sort((a, b) => a[2]! - b[2]! || a[1]! - b[1]! || a[0]! - b[0]!);

describe('AhoCorasick', () => {
  it('finds every occurrence, overlapping and nested, with exact offsets', () => {
    const literals = ['验证码', '证码', '码', '加qq', 'qq', '备用金', '用金额', 'aaa', 'aa'];
    const text = '请把验证码告诉我，加qq群，打开备用金额度。aaaa';
    const ac = new AhoCorasick(literals);
    const buffer = new IntBuffer(4);
    ac.collect(text, buffer);
    const viaCollect = buffer.toArray();
    const triples: number[][] = [];
    for (let k = 0; k < viaCollect.length; k += 3) triples.push(viaCollect.slice(k, k + 3));
    expect(sortTriples(triples)).toEqual(sortTriples(bruteForce(literals, text)));
    expect(triples.some(([id, s, e]) => literals[id!] === '验证码' && text.slice(s, e) === '验证码')).toBe(true);
  });

  it('agrees with a brute-force search on a large random lexicon (hashed transitions, collisions, deep failure links)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = '退款快递验证码客服备用金转账微信qq1234abc，。';
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    const literals = [...new Set(Array.from({ length: 3000 }, () => word(1 + rand(6))))];
    const ac = new AhoCorasick(literals);
    for (let t = 0; t < 20; t++) {
      const text = word(200);
      const buffer = new IntBuffer();
      ac.collect(text, buffer);
      const found = buffer.toArray();
      const triples: number[][] = [];
      for (let k = 0; k < found.length; k += 3) triples.push(found.slice(k, k + 3));
      expect(sortTriples(triples)).toEqual(sortTriples(bruteForce(literals, text)));
    }
  });

  it('reports occurrences in order of end, then of start (longest first), as the matcher reads them', () => {
    const literals = ['验证码', '证码', '码', '短信验证码', '信验', 'aaa', 'aa', 'a'];
    const ac = new AhoCorasick(literals);
    const buffer = new IntBuffer();
    ac.collect('把短信验证码发我aaaa码', buffer);
    const found = buffer.toArray();
    const triples: number[][] = [];
    for (let k = 0; k < found.length; k += 3) triples.push(found.slice(k, k + 3));
    expect(triples.length).toBeGreaterThan(10);
    expect(triples).toEqual([...triples].sort((a, b) => a[2]! - b[2]! || a[1]! - b[1]!));
  });

  it('refuses an empty literal', () => {
    expect(() => new AhoCorasick(['ok', ''])).toThrow(/empty literal #1/);
  });
});

import { describe, expect, it } from 'vitest';
import { FAMILY_IDS, STAGE_IDS, TYPOLOGY } from '../src/typology/index.js';
import { normalize } from '../src/text/index.js';
import { parsePattern } from '../src/text/lexicon.js';
import { analyzer, codesOf } from './analyzer-fixture.js';

describe('typology', () => {
  it('carries an id@version', () => {
    expect(TYPOLOGY.version).toMatch(/^[a-z-]+@\d+\.\d+\.\d+$/);
  });

  it('has at least 40 signals with unique codes, covering every stage', () => {
    const codes = TYPOLOGY.signals.map((s) => s.code);
    expect(codes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(codes).size).toBe(codes.length);
    for (const stage of STAGE_IDS) expect(TYPOLOGY.signals.some((s) => s.stage === stage)).toBe(true);
  });

  it('names every family with a pretext signal and advice, and every stage with advice', () => {
    for (const family of FAMILY_IDS) {
      expect(TYPOLOGY.signals.some((s) => s.stage === 'pretext' && s.family === family)).toBe(true);
      expect(TYPOLOGY.advice.families.find((a) => a.family === family)?.fact.zh).toBeTruthy();
    }
    for (const stage of STAGE_IDS) expect(TYPOLOGY.advice.stages.find((a) => a.stage === stage)?.now.zh).toBeTruthy();
  });

  it('writes every lexicon literal in normalized form, so it can match at all', () => {
    const notNormal: string[] = [];
    for (const s of TYPOLOGY.signals) {
      for (const source of s.lexicon) {
        for (const part of parsePattern(source, s.code).parts) {
          for (const lit of part)
            if (lit !== '<num>' && normalize(lit, analyzer.lexicon.aliases).text !== lit) notNormal.push(`${s.code}: ${lit}`);
        }
      }
    }
    expect(notNormal).toEqual([]);
  });

  it('rejects malformed patterns with the signal code in the message', () => {
    expect(() => parsePattern('a ~3', 'X_CODE')).toThrow(/X_CODE/);
    const seventeen = Array.from({ length: 17 }, (_, i) => `p${i}`).join(' ~2 ');
    expect(() => parsePattern(seventeen, 'X_CODE')).toThrow(/17 parts \(at most 16\)/);
    expect(parsePattern(seventeen.split(' ~2 ').slice(0, 16).join(' ~2 '), 'X_CODE').parts).toHaveLength(16);
    expect(() => parsePattern('a b', 'X_CODE')).toThrow(/needs "~N"/);
    expect(() => parsePattern('a||b', 'X_CODE')).toThrow(/empty alternative/);
  });

  it('reads `~N,` as a gap that may cross a clause (a comma) but not a sentence', () => {
    expect(parsePattern('a ~3 b ~12, c', 'X_CODE')).toEqual({ parts: [['a'], ['b'], ['c']], gaps: [3, 12], spans: [false, true] });
  });
});

describe('each signal fires on its example and stays silent on its nearest benign twin', () => {
  for (const signal of TYPOLOGY.signals) {
    describe(signal.code, () => {
      for (const text of signal.examples.hit) it(`raises on 「${text}」`, () => expect(codesOf(text)).toContain(signal.code));
      for (const text of signal.examples.miss) it(`is silent on 「${text}」`, () => expect(codesOf(text)).not.toContain(signal.code));
    });
  }
});

import { describe, expect, it } from 'vitest';
import { RiskEngine, serializeDecision, type Decision } from '../src/engine/index.js';
import { reasonSentence, type ActiveReason } from '../src/engine/journey.js';
import { parseEventTime, validateEvent } from '../src/events/index.js';
import { DecisionMaker } from '../src/engine/decide.js';
import { DuplicateWindow, type Remembered } from '../src/engine/duplicates.js';
import { hostOf, phoneKey } from '../src/engine/knowledge.js';
import { DEFAULT_POLICY, type Policy } from '../src/policy/index.js';
import { fillTemplate, REASONS, TYPOLOGY, type ReasonCode } from '../src/typology/index.js';
import { simulate } from '../src/sim/index.js';

/*
 * The fast paths of issue 3 (speed) must never change a byte: each is checked here against the
 * general code it shortcuts.
 */

/** What parseEventTime did before its canonical-form fast path: the contract's pattern, then Date.parse. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
function referenceTime(ts: string | number): number | undefined {
  if (typeof ts === 'number') return Number.isFinite(ts) && ts >= 0 ? ts : undefined;
  if (!ISO_WITH_OFFSET.test(ts)) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** A small deterministic generator, so a failure names a reproducible case. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('event time fast path', () => {
  it('agrees with the pattern and Date.parse on canonical, odd and malformed times, in any order', () => {
    const rnd = lcg(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const two = (n: number) => String(n).padStart(2, '0');
    const cases: string[] = [
      '2026-05-01T10:00:00+08:00',
      '2026-05-01T10:00:00Z',
      '2026-05-01T23:59:59+08:00',
      '2026-05-01T24:00:00+08:00',
      '2026-05-01T10:60:00+08:00',
      '2026-05-01T10:00:60+08:00',
      '2026-02-29T10:00:00+08:00',
      '2024-02-29T10:00:00+08:00',
      '2026-04-31T10:00:00+08:00',
      '2026-13-01T10:00:00+08:00',
      '2026-00-10T10:00:00+08:00',
      '2026-05-00T10:00:00+08:00',
      '2026-05-01T10:00:00+24:00',
      '2026-05-01T10:00:00+08:60',
      '2026-05-01T10:00:00-00:00',
      '2026-05-01T10:00:00+0800',
      '2026-05-01T10:00+08:00',
      '2026-05-01T10:00:00.123+08:00',
      '2026-05-01 10:00:00+08:00',
      '2026-05-01T10:00:00',
      '2026-05-01T1a:00:00+08:00',
      '2026-05-01T10:00:00*08:00',
      '2026-05-01T10:00:00z',
      '2026-05-01t10:00:00Z',
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59-23:59',
      '+02026-05-01T10:00:00Z',
      '２０２６-05-01T10:00:00+08:00',
    ];
    for (let i = 0; i < 4000; i++) {
      const y = pick([1970, 2000, 2024, 2026, 2100, 1899]);
      const mo = pick([1, 2, 3, 4, 5, 6, 9, 11, 12, 0, 13]);
      const d = pick([1, 2, 15, 28, 29, 30, 31, 0, 32]);
      const h = pick([0, 1, 9, 12, 23, 24, 25]);
      const mi = pick([0, 1, 30, 59, 60]);
      const s = pick([0, 1, 30, 59, 60]);
      const off = pick(['Z', '+08:00', '-05:00', '+00:00', '+14:00', '-12:30', '+23:59', '+24:00', '+05:60']);
      cases.push(`${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${off}`);
    }
    // Twice, in a shuffled order: the fast path caches the last day and must not leak it.
    const order = [...cases, ...cases].sort(() => rnd() - 0.5);
    for (const ts of order) expect([ts, parseEventTime(ts)]).toEqual([ts, referenceTime(ts)]);
    for (const n of [0, 1, 1.5, -1, 8.64e15, Number.NaN, Infinity]) expect(parseEventTime(n)).toBe(referenceTime(n));
  });
});

function replayAll(options: ConstructorParameters<typeof RiskEngine>[0], raw: readonly Record<string, unknown>[]): Decision[] {
  const engine = new RiskEngine(options);
  const out: Decision[] = [];
  for (const e of raw) {
    const v = validateEvent(e);
    if (v.ok) out.push(engine.process(v.value));
  }
  return out;
}

describe('serializeDecision', () => {
  const { events } = simulate({ seed: 11, customers: 150, victims: 40, days: 3, outOfOrderShare: 0.03, duplicateShare: 0.02 });

  it('writes exactly what JSON.stringify writes, for every decision of a noisy population', () => {
    let alerts = 0;
    let flagged = 0;
    for (const options of [{ explain: 'all' as const }, { explain: 'alerts' as const, latenessMs: 0 }]) {
      for (const d of replayAll(options, events)) {
        expect(serializeDecision(d)).toBe(JSON.stringify(d));
        if (d.level !== 'none') alerts++;
        if (d.late || d.duplicate) flagged++;
      }
    }
    // The population must exercise the interesting shapes, or the check above proves little.
    expect(alerts).toBeGreaterThan(50);
    expect(flagged).toBeGreaterThan(20);
  });

  it('escapes free text as JSON.stringify does, and falls back for shapes it does not know', () => {
    const [base] = replayAll({ explain: 'all' }, events.slice(0, 1));
    const odd: Decision[] = [
      { ...base!, eventId: 'e-"quoted"\\\n\u0001', subject: 'u-😀', score: Number.NaN },
      { ...base!, eventId: 'x'.repeat(600), subject: '\ud800lone', score: -0 },
      {
        ...base!,
        action: 'warn',
        level: 'high',
        stage: 'cash-out',
        family: 'quality-refund',
        advice: { zh: '停止操作！"引号"', en: 'Stop\t' },
        reasons: [
          { code: 'UNKNOWN_CALL', text: '接到陌生号码来电 "1"', en: 'Call \u2028 from', events: ['e-1', 'e-"2"'], weight: 0.5 },
          { code: 'SCREEN_SHARE', text: '开始共享屏幕', en: 'Started', events: [] },
        ],
      },
      { ...base!, band: { id: 'allow', zh: '别的"文字"', en: 'Other' } },
      { ...base!, typologyVersion: 'other@9' },
      { ...base!, late: true },
      { ...base!, duplicate: true },
      { ...base!, reasons: [{ code: 'UNKNOWN_CALL', text: 't', en: 'e', events: [7 as never], weight: 1 }] },
      { ...base!, reasons: [{ code: 'UNKNOWN_CALL', text: 't', en: 'e', events: ['a'], weight: '1' as never }] },
    ];
    for (const d of odd) expect(serializeDecision(d)).toBe(JSON.stringify(d));
    // After a decision with another band text, the usual one is written right again.
    expect(serializeDecision(base!)).toBe(JSON.stringify(base));
  });

  it('writes plain decisions (no reasons, no advice) exactly, whatever their score, stage, family and band', () => {
    const [base] = replayAll({ explain: 'alerts' }, events.slice(0, 1));
    const scores = [0, -0, 1, 0.5, 0.001, 0.999, 0.1234, 1e-7, 2, -1, 0.30000000000000004, Number.NaN, Infinity];
    for (let k = 0; k <= 1000; k++) scores.push(Math.round(k) / 1000);
    const variants: Decision[] = [
      base!,
      { ...base!, stage: 'cash-out', family: 'quality-refund' },
      { ...base!, family: 'quality-refund' },
      { ...base!, action: 'warn', level: 'low' },
      { ...base!, band: { ...base!.band } },
      { ...base!, band: { ...base!.band, id: 'other' } },
      { ...base!, policyVersion: 'p@2' },
      { ...base!, eventId: 'é-中文', subject: '\u007f' },
    ];
    for (const v of variants) for (const score of scores) expect(serializeDecision({ ...v, score })).toBe(JSON.stringify({ ...v, score }));
  });
});

describe('reasonSentence', () => {
  it('fills every reason sentence from its parameters, adding the time since the anchoring contact when there is one', () => {
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    let filled = 0;
    for (const code of Object.keys(REASONS) as ReasonCode[]) {
      const { zh, en } = REASONS[code].text;
      const names = [...new Set([...placeholders(zh), ...placeholders(en)])];
      const paramSets: Record<string, string | number>[] = [
        {},
        Object.fromEntries(names.map((n, i) => [n, i % 2 ? `v-${n}-"引"` : i * 1.5])),
        Object.fromEntries(names.map((n) => [n, 0])),
        { ...Object.fromEntries(names.map((n) => [n, n])), after: 'own after', afterEn: 'own afterEn' },
      ];
      for (const params of paramSets) {
        for (const afterMin of [null, 0, 12, 600]) {
          const reason: ActiveReason = { code, weight: 1, anchored: afterMin !== null, events: ['e-1'], params, afterMin };
          // The anchoring time replaces any `after` parameter; without an anchor the reason's own stands.
          const expected =
            afterMin === null
              ? params
              : { ...params, after: `（可疑联系后 ${afterMin} 分钟）`, afterEn: ` (${afterMin} min after the suspicious contact)` };
          for (const template of [zh, en, '{after}{missing}x{afterEn}']) {
            const want = template.replace(/\{(\w+)\}/g, (_, n: string) => String(expected[n] ?? ''));
            expect(reasonSentence(template, reason)).toBe(want);
            filled++;
          }
        }
      }
    }
    expect(filled).toBeGreaterThan(300);
    expect(fillTemplate('{a}-{b}', (n) => (n === 'a' ? 1 : undefined))).toBe('1-');
  });
});

describe('band choice', () => {
  it('skips the band conditions only below every earlier band’s minimum score', () => {
    const event = { id: 'e-1', ts: 0, subject: 'u-1', type: 'transfer', amount: 5, payee: 'p' } as never;
    const step = (score: number) => ({ reasons: [], own: 1, score, stageRank: 0, family: null });
    /** The first band whose conditions hold, checked one by one (what the shortcut must agree with). */
    const reference = (policy: Policy, score: number) =>
      (
        policy.bands.find(
          ({ when }) =>
            !(when.minScore !== undefined && score < when.minScore) &&
            !(when.eventTypes && !when.eventTypes.includes('transfer')) &&
            !when.minStage &&
            !when.anyReason,
        ) ?? policy.bands[policy.bands.length - 1]!
      ).id;
    const bands = DEFAULT_POLICY.bands;
    const policies: Policy[] = [
      DEFAULT_POLICY,
      // An earlier band without a minimum score can match at any score: no shortcut.
      { ...DEFAULT_POLICY, bands: [{ ...bands[3]!, id: 'money', when: { eventTypes: ['transfer'] } }, ...bands] },
      { ...DEFAULT_POLICY, bands: [bands[bands.length - 1]!] },
    ];
    const scores = [0, 0.1, 0.2499, 0.25, 0.3, 0.5, 0.7, 0.75, 0.8, 0.95, 1, -1, Number.NaN];
    for (const policy of policies) {
      const maker = new DecisionMaker(TYPOLOGY, policy);
      for (const score of scores) expect([score, maker.decide(event, step(score)).band.id]).toEqual([score, reference(policy, score)]);
    }
    expect(new DecisionMaker(TYPOLOGY, policies[1]!).decide(event, step(0)).band.id).toBe('money');
  });
});

describe('duplicate window', () => {
  /** What the engine kept before: a Map in arrival order, swept from the front. */
  class Reference {
    readonly map = new Map<string, Remembered>();
    dropOlderThan(now: number, windowMs: number): void {
      for (const [id, entry] of this.map) {
        const t = typeof entry === 'number' ? Math.floor(entry / 1000) : entry.t;
        if (now - t <= windowMs) break;
        this.map.delete(id);
      }
    }
  }

  it('finds, keeps in order and forgets ids exactly as a Map swept from the front did, through growth and rebuilds', () => {
    const rnd = lcg(3);
    const window = new DuplicateWindow();
    const reference = new Reference();
    const decision = { t: 5, decision: { eventId: 'x' } as unknown as Decision };
    let now = 0;
    let next = 0;
    for (let step = 0; step < 60_000; step++) {
      now += Math.floor(rnd() * 1000);
      const r = rnd();
      // Mostly new ids, some repeats of recent and old ones, a few that collide in length and prefix.
      const id =
        r < 0.7 ? `e-${next++}` : r < 0.9 ? `e-${Math.max(0, next - 1 - Math.floor(rnd() * 50))}` : `e-${Math.floor(rnd() * next)}`;
      expect(window.get(id)).toEqual(reference.map.get(id));
      if (reference.map.get(id) === undefined) {
        const entry: Remembered = rnd() < 0.05 ? { ...decision, t: now - Math.floor(rnd() * 5000) } : now * 1000 + Math.floor(rnd() * 1000);
        window.set(id, entry);
        reference.map.set(id, entry);
      }
      if (step % 997 === 0) {
        window.dropOlderThan(now, 2_000_000);
        reference.dropOlderThan(now, 2_000_000);
        expect(window.size).toBe(reference.map.size);
      }
      if (step % 20_011 === 0) {
        window.dropOlderThan(now + 1e9, 0);
        reference.dropOlderThan(now + 1e9, 0);
      }
    }
    expect(window.entries()).toEqual([...reference.map]);
    expect(reference.map.size).toBeGreaterThan(2048); // the ring has grown and the index been rebuilt
    // Setting a remembered id again replaces its entry in place, as Map.set does.
    const [first] = window.entries();
    window.set(first![0], 42);
    reference.map.set(first![0], 42);
    expect(window.entries()).toEqual([...reference.map]);
  });
});

describe('host and phone scanners', () => {
  const referenceHost = (url: string) =>
    (/^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url.trim())?.[1] ?? url).toLowerCase();
  const referencePhone = (peer: string) => {
    const digits = peer.replace(/\D/g, '');
    if (digits.startsWith('0086')) return digits.slice(4);
    if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
    return digits;
  };

  it('find the host the URL pattern found, and the digits the replace kept, on odd and random input', () => {
    const rnd = lcg(11);
    const atoms = [
      'a',
      'Z',
      '0',
      '+',
      '.',
      '-',
      ':',
      '/',
      '@',
      '?',
      '#',
      ' ',
      '\u00a0',
      '\ufeff',
      '中',
      'ſ',
      '\ud83d',
      'http',
      'HTTPS://',
      '://',
    ];
    const pieces = ['user:pw@', 'jd.com', 'WWW.TaoBao.com', '/path?q=1#f', ':8080', '//', '1a:', 'a+b.c-d://', '+86 138', '0086', '-'];
    const cases = [
      '',
      ' ',
      'https://jd.com/x',
      'http://',
      'http:///x',
      'a@/x',
      'ftp://u@h:1/p',
      ' Jd.COM/refund ',
      '@@',
      'h://@x',
      '95188',
      '+86 95188',
    ];
    for (let i = 0; i < 50_000; i++) {
      let s = '';
      for (let k = Math.floor(rnd() * 8); k > 0; k--)
        s += rnd() < 0.6 ? atoms[Math.floor(rnd() * atoms.length)] : pieces[Math.floor(rnd() * pieces.length)];
      cases.push(s);
    }
    for (const c of cases) {
      expect([c, hostOf(c)]).toEqual([c, referenceHost(c)]);
      expect([c, phoneKey(c)]).toEqual([c, referencePhone(c)]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { RiskEngine } from '../src/engine/index.js';
import { TextMemo } from '../src/engine/text-memo.js';
import { validateEvent } from '../src/events/index.js';
import { simulate } from '../src/sim/index.js';
import { TextAnalyzer } from '../src/text/index.js';
import { TYPOLOGY } from '../src/typology/index.js';

const analyzer = new TextAnalyzer();
const order = new Map(TYPOLOGY.stages.map((s) => [s.id as string, s.order]));
const stageRank = (stage: string) => order.get(stage) ?? 0;

/** What the journey read from a fresh assessment before the memo. */
function fresh(text: string) {
  const a = analyzer.assess({ turns: [{ speaker: 'caller', text }] });
  return {
    score: a.score,
    scam: a.scam,
    story: a.signals.some((x) => x.stage === 'hook' || x.stage === 'pretext'),
    stageRank: a.stage ? stageRank(a.stage) : 0,
    family: a.family,
    codes: a.signals.map((s) => s.code),
    contacts: a.entities
      .filter((e) => e.type === 'qq' || e.type === 'wechat' || e.type === 'phone' || e.type === 'url')
      .map((e) => ({ type: e.type, value: e.value })),
  };
}

describe('TextMemo', () => {
  const texts = simulate({ seed: 31, customers: 150, victims: 40, days: 3 })
    .events.filter((e) => e.type === 'message')
    .map((e) => (e as { text: string }).text);

  it('gives what a fresh analysis gives, the first time and every time after, across rollovers', () => {
    const memo = new TextMemo(analyzer, stageRank, 64);
    expect(texts.length).toBeGreaterThan(400);
    for (const round of [0, 1]) {
      for (const text of texts.slice(0, 400)) expect([round, text, memo.digest(text)]).toEqual([round, text, fresh(text)]);
      expect(memo.size).toBeLessThanOrEqual(64);
    }
    const scams = texts.filter((t) => fresh(t).scam);
    const withContacts = texts.filter((t) => fresh(t).contacts.length > 0);
    expect(scams.length).toBeGreaterThan(0);
    expect(withContacts.length).toBeGreaterThan(0);
    for (const t of [...scams, ...withContacts]) expect(memo.digest(t)).toEqual(fresh(t));
  });

  it('is emptied when the engine forgets someone, and decisions do not depend on it', () => {
    const { events } = simulate({ seed: 32, customers: 80, victims: 20, days: 2 });
    const run = (clearEvery: number) => {
      const engine = new RiskEngine({ analyzer });
      const out: string[] = [];
      events.forEach((e, i) => {
        const v = validateEvent(e);
        if (!v.ok) return;
        out.push(JSON.stringify(engine.process(v.value)));
        if (clearEvery > 0 && i % clearEvery === 0) engine.clearCaches();
      });
      return { out, engine };
    };
    const a = run(0);
    expect(run(7).out).toEqual(a.out);
    expect(run(1).out).toEqual(a.out);
    const memo = (a.engine as unknown as { ctx: { texts: TextMemo } }).ctx.texts;
    expect(memo.size).toBeGreaterThan(0);
    a.engine.forget(events[0]!.subject);
    expect(memo.size).toBe(0);
  });
});

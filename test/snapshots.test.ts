import { describe, expect, it } from 'vitest';
import { RiskEngine, type Decision } from '../src/engine/index.js';
import { validateEvent, type TimedEvent } from '../src/events/index.js';
import { DEFAULT_POLICY } from '../src/policy/index.js';
import { decodeSnapshot, encodeSnapshot, rebuildEngine, Snapshotter } from '../src/service/engine-snapshots.js';
import { simulate } from '../src/sim/index.js';
import { appendEvents, latestSnapshot, openStore } from '../src/store/index.js';
import { TextAnalyzer } from '../src/text/index.js';

const analyzer = new TextAnalyzer();
const { events } = simulate({ seed: 31, customers: 60, victims: 15, days: 3, duplicateShare: 0.02, outOfOrderShare: 0.02 });
const timed: TimedEvent[] = events.map((raw) => {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error('simulator produced an invalid event');
  return v.value;
});
const json = (decisions: Decision[]) => decisions.map((d) => JSON.stringify(d));

describe('engine snapshots', () => {
  it('an engine restored from a snapshot mid-stream decides the rest exactly as the original', () => {
    const original = new RiskEngine({ analyzer });
    const cut = Math.floor(timed.length * 0.6);
    for (const e of timed.slice(0, cut)) original.process(e);
    const bytes = encodeSnapshot(original.snapshot());
    const restored = new RiskEngine({ analyzer });
    restored.restore(decodeSnapshot(bytes));
    const rest = timed.slice(cut);
    expect(json(rest.map((e) => restored.process(e)))).toEqual(json(rest.map((e) => original.process(e))));
    expect(restored.stats()).toEqual(original.stats());
  });

  it('keeps infinities (a subject whose screen share never stopped) through the codec', () => {
    const engine = new RiskEngine({ analyzer });
    engine.process(timed[0]!);
    const back = decodeSnapshot(encodeSnapshot(engine.snapshot()));
    expect(back.subjects[0]![1].shareStopT).toBe(-Infinity);
  });

  it('refuses a snapshot from another policy or window setting, changing nothing', () => {
    const engine = new RiskEngine({ analyzer });
    for (const e of timed.slice(0, 200)) engine.process(e);
    const other = new RiskEngine({ analyzer, policy: { ...DEFAULT_POLICY, id: 'kefuguard-policy@9.9.9' } });
    const before = engine.stats();
    expect(() => engine.restore(other.snapshot())).toThrow(/policyVersion/);
    expect(() => engine.restore(new RiskEngine({ analyzer, latenessMs: 60_000 }).snapshot())).toThrow(/latenessMs/);
    expect(engine.stats()).toEqual(before);
  });
});

describe('rebuilding from the event log', () => {
  async function storeWith(engine: RiskEngine, items: TimedEvent[]) {
    const store = await openStore();
    const batch = items.map((event) => ({ event, decision: engine.process(event) }));
    for (let i = 0; i < batch.length; i += 500) await appendEvents(store.db, batch.slice(i, i + 500));
    return store;
  }

  it('snapshot + replay of the later events ends where an uninterrupted run is', async () => {
    const live = new RiskEngine({ analyzer });
    const cut = Math.floor(timed.length / 2);
    const store = await storeWith(live, timed.slice(0, cut));
    // The snapshot is taken when everything the engine saw is committed: here, now.
    const { rows } = await store.db.query<{ max: unknown }>('SELECT max(seq) AS max FROM events');
    const log = { flush: async () => {}, idle: true, lastSeq: Number(rows[0]!.max) };
    expect(await new Snapshotter(store, live, log).take()).toBe(true);
    const more = timed.slice(cut, cut + 300).map((event) => ({ event, decision: live.process(event) }));
    await appendEvents(store.db, more);

    const rebuilt = new RiskEngine({ analyzer });
    const report = await rebuildEngine(store, rebuilt);
    expect(report.snapshotSeq).toBe(log.lastSeq);
    expect(report.replayed).toBeGreaterThan(250); // the tail only (a few ids in it are duplicates, not stored)
    expect(report.replayed).toBeLessThanOrEqual(300);
    const tail = timed.slice(cut + 300);
    expect(json(tail.map((e) => rebuilt.process(e)))).toEqual(json(tail.map((e) => live.process(e))));
    await store.close();
  });

  it('replays the whole log when the snapshot was taken under another policy', async () => {
    const live = new RiskEngine({ analyzer });
    const store = await storeWith(live, timed.slice(0, 400));
    const other = new RiskEngine({ analyzer, policy: { ...DEFAULT_POLICY, id: 'kefuguard-policy@0.0.1' } });
    await new Snapshotter(store, other, { flush: async () => {}, idle: true, lastSeq: 10 }).take();
    expect((await latestSnapshot(store.db))?.policyVersion).toBe('kefuguard-policy@0.0.1');
    const rebuilt = new RiskEngine({ analyzer });
    const report = await rebuildEngine(store, rebuilt);
    expect(report.snapshotSeq).toBeNull();
    expect(report.snapshotSkipped).toMatch(/policyVersion/);
    expect(rebuilt.stats().events).toBe(live.stats().events);
    await store.close();
  });

  it('does not snapshot while the log writer is busy: state and seq would disagree', async () => {
    const store = await openStore();
    const busy = { flush: async () => {}, idle: false, lastSeq: 5 };
    expect(await new Snapshotter(store, new RiskEngine({ analyzer }), busy).take(3)).toBe(false);
    expect(await latestSnapshot(store.db)).toBeNull();
    await store.close();
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../src/cli/simulate.js';
import { InputError } from '../src/cli/input-error.js';
import type { KgEvent } from '../src/events/schema.js';
import { parseEventTime } from '../src/events/time.js';
import { validateEvent } from '../src/events/validate.js';
import { MONEY_PATHS, SIM_VERSION, simulate, type Population, type SubjectLabel } from '../src/sim/index.js';
import { FAMILY_IDS } from '../src/typology/index.js';

/** Loose views of events, so tests can read any field without the schema's narrowed types. */
type Ev = KgEvent & Record<string, unknown>;
const SMALL = { seed: 7, customers: 300, victims: 60, days: 7 } as const;

function bySubject(events: readonly KgEvent[]): Map<string, Ev[]> {
  const m = new Map<string, Ev[]>();
  for (const e of events) {
    let list = m.get(e.subject);
    if (!list) m.set(e.subject, (list = []));
    list.push(e as Ev);
  }
  return m;
}

const time = (e: KgEvent): number => parseEventTime(e.ts) as number;
const ordinary = (labels: readonly SubjectLabel[]): Set<string> =>
  new Set(labels.filter((l) => l.role === 'ordinary').map((l) => l.subject));

/** Subjects with a credit draw followed within `withinMs` by a transfer to a personal payee they had not paid before. */
function loanThenNewPersonalPayee(events: Ev[], withinMs: number): boolean {
  const paid = new Set<string>();
  let lastDraw = -Infinity;
  for (const e of events) {
    if (e.type === 'credit.draw') lastDraw = time(e);
    if (e.type === 'transfer') {
      const fresh = !paid.has(e.payee as string);
      if (fresh && e.payeeType === 'personal' && time(e) - lastDraw <= withinMs && (e.amount as number) >= 1000) return true;
      paid.add(e.payee as string);
    }
  }
  return false;
}

describe('simulate: contract and determinism', () => {
  let a: Population;
  beforeAll(() => {
    a = simulate(SMALL);
  });

  it('carries a version', () => {
    expect(SIM_VERSION).toMatch(/^kefuguard-sim@\d+\.\d+\.\d+$/);
  });

  it('gives byte-identical output for the same seed and options', () => {
    const b = simulate(SMALL);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives different output for different seeds', () => {
    const b = simulate({ ...SMALL, seed: 8 });
    expect(JSON.stringify(b.events)).not.toBe(JSON.stringify(a.events));
  });

  it('produces only events that pass validateEvent', () => {
    const bad = a.events.map((e) => ({ e, v: validateEvent(JSON.parse(JSON.stringify(e)) as unknown) })).filter((x) => !x.v.ok);
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('orders events by event time, with unique ids, +08:00 times and u-NNNNNN subjects', () => {
    const backwards = a.events.filter((e, i) => i > 0 && time(e) < time(a.events[i - 1]));
    expect(backwards).toEqual([]);
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
    const malformed = a.events.filter(
      (e) => !/^e-\d{7,}$/.test(e.id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(String(e.ts)) || !/^u-\d{6}$/.test(e.subject),
    );
    expect(malformed).toEqual([]);
  });

  it('labels every subject once, with the requested numbers of each role', () => {
    expect(a.labels).toHaveLength(SMALL.customers + SMALL.victims);
    expect(new Set(a.labels.map((l) => l.subject)).size).toBe(a.labels.length);
    expect(a.labels.filter((l) => l.role === 'victim')).toHaveLength(SMALL.victims);
    const withEvents = new Set(a.events.map((e) => e.subject));
    for (const l of a.labels) expect(withEvents.has(l.subject)).toBe(true);
  });

  it('has victims of every family', () => {
    const families = new Set(a.labels.filter((l) => l.role === 'victim').map((l) => l.family));
    for (const f of FAMILY_IDS) expect(families.has(f)).toBe(true);
  });

  it('points every loss at a money-out event of that victim, for the amount of that event', () => {
    const byId = new Map(a.events.map((e) => [e.id, e as Ev]));
    let losses = 0;
    for (const l of a.labels) {
      for (const loss of l.losses) {
        const e = byId.get(loss.eventId);
        expect(e, loss.eventId).toBeDefined();
        expect(e?.subject).toBe(l.subject);
        expect(['transfer', 'giftcard.purchase']).toContain(e?.type);
        expect(e?.amount).toBe(loss.amount);
        losses++;
      }
    }
    expect(losses).toBeGreaterThan(SMALL.victims);
  });

  it('never counts a loan as a loss, and ordinary customers lose nothing', () => {
    const byId = new Map(a.events.map((e) => [e.id, e]));
    for (const l of a.labels) {
      if (l.role === 'ordinary') expect(l.losses).toEqual([]);
      for (const loss of l.losses) expect(byId.get(loss.eventId)?.type).not.toBe('credit.draw');
    }
  });

  it('has gift cards bought by victims redeemed by another account within minutes', () => {
    const events = bySubject(a.events);
    const byId = new Map(a.events.map((e) => [e.id, e as Ev]));
    const purchases = a.labels.flatMap((l) => l.losses.map((x) => byId.get(x.eventId) as Ev)).filter((e) => e.type === 'giftcard.purchase');
    for (const p of purchases) {
      const redeemed = (events.get(p.subject) ?? []).some(
        (e) => e.type === 'giftcard.redeem' && time(e) > time(p) && time(e) - time(p) <= 30 * 60_000,
      );
      expect(redeemed, p.id).toBe(true);
    }
  });
});

describe('simulate: the default population (seed 1)', () => {
  let pop: Population;
  let events: Map<string, Ev[]>;
  let ord: Set<string>;
  let victims: SubjectLabel[];
  beforeAll(() => {
    pop = simulate({ seed: 1 });
    events = bySubject(pop.events);
    ord = ordinary(pop.labels);
    victims = pop.labels.filter((l) => l.role === 'victim');
  });

  it('has 2000 ordinary customers and 200 victims over 7 days', () => {
    expect(ord.size).toBe(2000);
    expect(victims).toHaveLength(200);
    const span = time(pop.events[pop.events.length - 1]) - time(pop.events[0]);
    expect(span).toBeGreaterThan(6 * 86_400_000);
  });

  it('uses every money path', () => {
    const used = new Set(victims.flatMap((v) => v.moneyPaths ?? []));
    for (const p of MONEY_PATHS) expect(used.has(p), p).toBe(true);
  });

  it('has victims who stop half-way, before and after a first loss', () => {
    const stopped = victims.filter((v) => v.completed === false);
    expect(stopped.filter((v) => v.losses.length === 0).length).toBeGreaterThan(5);
    expect(stopped.filter((v) => v.losses.length > 0).length).toBeGreaterThan(5);
    expect(victims.filter((v) => v.completed).length).toBeGreaterThan(100);
  });

  it('gives about half of the victims message events with the scammer’s words', () => {
    const share = victims.filter((v) => (v.scamMessages ?? 0) > 0).length / victims.length;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.75);
  });

  it('includes hard negatives among ordinary customers', () => {
    const ordinaryEvents = [...ord].map((s) => events.get(s) ?? []);
    const withShare = ordinaryEvents.filter((es) => es.some((e) => e.type === 'screen.share' && e.state === 'start'));
    expect(withShare.length).toBeGreaterThan(100);
    const loanThenNew = ordinaryEvents.filter((es) => loanThenNewPersonalPayee(es, 12 * 3_600_000));
    expect(loanThenNew.length).toBeGreaterThan(5);
    const unknownCallThenShare = ordinaryEvents.filter((es) =>
      es.some(
        (c) =>
          c.type === 'call.start' &&
          c.inContacts === false &&
          c.direction === 'in' &&
          es.some((s) => s.type === 'screen.share' && s.state === 'start' && time(s) > time(c) && time(s) - time(c) < 4 * 3_600_000),
      ),
    );
    expect(unknownCallThenShare.length).toBeGreaterThan(5);
    const creditThenGiftcards = ordinaryEvents.filter((es) =>
      es.some(
        (d) =>
          d.type === 'credit.draw' &&
          es.some((g) => g.type === 'giftcard.purchase' && time(g) > time(d) && time(g) - time(d) < 4 * 3_600_000),
      ),
    );
    expect(creditThenGiftcards.length).toBeGreaterThan(0);
    const courierCalls = ordinaryEvents.filter((es) => es.some((e) => e.type === 'call.start' && e.claimedIdentity === '快递员'));
    expect(courierCalls.length).toBeGreaterThan(50);
    const officialCalls = ordinaryEvents.filter((es) => es.some((e) => e.type === 'call.start' && e.peerTag === 'official'));
    expect(officialCalls.length).toBeGreaterThan(20);
    const officialCodes = ordinaryEvents.filter((es) => es.some((e) => e.type === 'otp.used'));
    expect(officialCodes.length).toBeGreaterThan(1000);
    const companyCards = ordinaryEvents.filter((es) => es.some((e) => e.type === 'giftcard.purchase' && (e.amount as number) >= 5000));
    expect(companyCards.length).toBeGreaterThan(3);
    const tagged = pop.labels.filter((l) => l.role === 'ordinary' && l.confusers?.includes('courier-lost-parcel-refund'));
    expect(tagged.length).toBeGreaterThan(3);
  });

  it('reuses scammer phones, payee accounts and redeemers across victims', () => {
    const victimSet = new Set(victims.map((v) => v.subject));
    const count = (pick: (e: Ev) => string | undefined): number => {
      const seen = new Map<string, Set<string>>();
      for (const e of pop.events as Ev[]) {
        if (!victimSet.has(e.subject)) continue;
        const k = pick(e);
        if (k === undefined) continue;
        let s = seen.get(k);
        if (!s) seen.set(k, (s = new Set()));
        s.add(e.subject);
      }
      return [...seen.values()].filter((s) => s.size >= 3).length;
    };
    const lossIds = new Set(victims.flatMap((v) => v.losses.map((l) => l.eventId)));
    expect(count((e) => (e.type === 'transfer' && lossIds.has(e.id) ? (e.payee as string) : undefined))).toBeGreaterThan(3);
    expect(
      count((e) => (e.type === 'call.start' && e.claimedIdentity && e.inContacts === false ? (e.peer as string) : undefined)),
    ).toBeGreaterThan(3);
    expect(count((e) => (e.type === 'giftcard.redeem' && lossIds.size ? (e.redeemer as string) : undefined))).toBeGreaterThan(0);
  });

  it('never has an ordinary customer pay a scammer account', () => {
    const byId = new Map(pop.events.map((e) => [e.id, e as Ev]));
    const mules = new Set(victims.flatMap((v) => v.losses.map((l) => byId.get(l.eventId)?.payee)).filter(Boolean));
    const paid = (pop.events as Ev[]).filter((e) => e.type === 'transfer' && ord.has(e.subject) && mules.has(e.payee));
    expect(paid).toEqual([]);
  });

  it('files reports with entities for some victims', () => {
    const reports = pop.events.filter((e) => e.type === 'report') as Ev[];
    expect(reports.length).toBeGreaterThan(20);
    expect(reports.some((r) => Array.isArray(r.entities) && (r.entities as unknown[]).length > 0)).toBe(true);
  });

  it('cites leaked orders: a few merchants or couriers are over-represented among victims', () => {
    const victimSet = new Set(victims.map((v) => v.subject));
    const share = (key: (e: Ev) => string | undefined): number => {
      const inV = new Map<string, number>();
      const inAll = new Map<string, number>();
      for (const e of pop.events as Ev[]) {
        const k = e.type === 'order' ? key(e) : undefined;
        if (!k) continue;
        inAll.set(k, (inAll.get(k) ?? 0) + 1);
        if (victimSet.has(e.subject)) inV.set(k, (inV.get(k) ?? 0) + 1);
      }
      // The highest lift of a merchant among victims' orders over its share of all orders.
      const vTotal = [...inV.values()].reduce((x, y) => x + y, 0);
      const aTotal = [...inAll.values()].reduce((x, y) => x + y, 0);
      return Math.max(...[...inV].filter(([, n]) => n >= 5).map(([k, n]) => n / vTotal / ((inAll.get(k) as number) / aTotal)));
    };
    expect(share((e) => e.merchant as string)).toBeGreaterThan(2);
  });
});

describe('simulate: realism knobs and options', () => {
  it('re-sends duplicates with the same id and content and delays some events, without changing labels', () => {
    const clean = simulate({ ...SMALL, victims: 20, customers: 100 });
    const noisy = simulate({ ...SMALL, victims: 20, customers: 100, duplicateShare: 0.05, outOfOrderShare: 0.05, outOfOrderMaxSec: 120 });
    expect(JSON.stringify(noisy.labels)).toBe(JSON.stringify(clean.labels));
    const firstById = new Map<string, string>();
    let dups = 0;
    for (const e of noisy.events) {
      const json = JSON.stringify(e);
      const before = firstById.get(e.id);
      if (before !== undefined) {
        dups++;
        expect(json).toBe(before);
      } else firstById.set(e.id, json);
    }
    expect(dups).toBeGreaterThan(0);
    expect(firstById.size).toBe(clean.events.length);
    let inversions = 0;
    let maxBack = 0;
    let latest = -Infinity;
    for (const e of noisy.events) {
      const t = time(e);
      if (t < latest) {
        inversions++;
        maxBack = Math.max(maxBack, latest - t);
      }
      latest = Math.max(latest, t);
    }
    expect(inversions).toBeGreaterThan(0);
    expect(maxBack).toBeLessThanOrEqual(180_000);
  });

  it('rejects bad options with a RangeError naming the option', () => {
    expect(() => simulate({ seed: -1 })).toThrow(/seed/);
    expect(() => simulate({ seed: 1, days: 0 })).toThrow(/days/);
    expect(() => simulate({ seed: 1, duplicateShare: 2 })).toThrow(/duplicateShare/);
    expect(() => simulate({ seed: 1, start: '2026-05-01 00:00' })).toThrow(/start/);
  });

  it('starts at another date when asked', () => {
    const p = simulate({ seed: 3, customers: 20, victims: 3, days: 2, start: '2026-06-10T00:00:00+08:00' });
    expect(String(p.events[0].ts).startsWith('2026-06-1')).toBe(true);
  });
});

describe('runSimulate (kefuguard simulate)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefuguard-sim-'));
  const io = () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    return { io: { stdout, stderr }, out: () => out, err: () => err };
  };

  it('writes events and labels JSONL files, labels next to the events by default', async () => {
    const out = join(dir, 'events.jsonl');
    const t = io();
    const code = await runSimulate({ seed: 5, out, customers: 40, victims: 10, days: 3 }, t.io);
    expect(code).toBe(0);
    const events = readFileSync(out, 'utf8').trimEnd().split('\n');
    const labels = readFileSync(`${out}.labels.jsonl`, 'utf8').trimEnd().split('\n');
    expect(labels).toHaveLength(50);
    const again = simulate({ seed: 5, customers: 40, victims: 10, days: 3 });
    expect(events).toEqual(again.events.map((e) => JSON.stringify(e)));
    expect(t.err()).toContain('10 victims');
  });

  it('writes events to stdout when asked, with --labels required', async () => {
    const t = io();
    await expect(runSimulate({ seed: 5, customers: 5, victims: 1, days: 1 }, t.io)).rejects.toBeInstanceOf(InputError);
    const labels = join(dir, 'l.jsonl');
    const code = await runSimulate({ seed: 5, out: '-', labels, customers: 5, victims: 1, days: 1 }, t.io);
    expect(code).toBe(0);
    const lines = t.out().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(validateEvent(JSON.parse(line)).ok).toBe(true);
  });
});

import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '../src/engine/index.js';
import { RiskEngine } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';
import { CommitSignal } from '../src/service/commit-signal.js';
import { openJournal, Projector } from '../src/service/projector.js';
import { Journal, openStore } from '../src/store/index.js';
import { refundScam, ordinaryDay, post } from './cases-journeys.js';
import { makeService, type TestService } from './service-fixture.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kg-journal-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const bodies = (from: number, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ n: from + i }));
const all = (journal: Journal, after = 0) => [...journal.entries(after)].map((e) => [e.seq, JSON.parse(e.body).n as number]);

describe('the journal', () => {
  it('numbers appends in call order, is durable when the promise resolves, and continues after a reopen', async () => {
    const journal = await Journal.open(dir);
    const a = journal.append(bodies(0, 3));
    const b = journal.append(bodies(3, 2));
    expect([a.firstSeq, a.lastSeq, b.firstSeq, b.lastSeq]).toEqual([1, 3, 4, 5]);
    expect(journal.syncedSeq).toBe(0);
    await Promise.all([a.durable, b.durable]);
    expect(journal.syncedSeq).toBe(5);
    await journal.close();

    const again = await Journal.open(dir);
    expect(again.lastSeq).toBe(5);
    expect(all(again, 2)).toEqual([
      [3, 2],
      [4, 3],
      [5, 4],
    ]);
    await again.append(bodies(5, 1)).durable;
    expect(again.lastSeq).toBe(6);
    await again.close();
  });

  it('continues numbering after the database when the database is ahead', async () => {
    const journal = await Journal.open(dir, 41);
    expect(journal.append(bodies(0, 1)).firstSeq).toBe(42);
    await journal.close();
  });

  it('cuts off a torn last line on open and refuses damage before the tail', async () => {
    const journal = await Journal.open(dir);
    await journal.append(bodies(0, 3)).durable;
    await journal.close();
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.jnl'));
    const path = join(dir, file!);
    appendFileSync(path, '4\t{"n":');
    const reopened = await Journal.open(dir);
    expect(reopened.lastSeq).toBe(3);
    expect(readFileSync(path, 'utf8').endsWith('3\t{"n":2}\n')).toBe(true);
    await reopened.append(bodies(3, 1)).durable;
    expect(all(reopened).map(([seq]) => seq)).toEqual([1, 2, 3, 4]);
    await reopened.close();

    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('2\t{"n":1}', '2\t{"n":1'));
    await expect(Journal.open(dir)).rejects.toThrow(/\.jnl:2/);
    truncateSync(path, 0);
  });

  it('refuses a second writer on the same directory', async () => {
    const journal = await Journal.open(dir);
    await expect(Journal.open(dir)).rejects.toThrow(/already open/);
    await journal.close();
  });

  it('rotates segments and deletes only those wholly behind the projection', async () => {
    const journal = await Journal.open(dir, 0, { segmentBytes: 40 });
    for (let i = 0; i < 6; i++) await journal.append(bodies(i * 2, 2)).durable;
    await journal.flush();
    const segments = journal.segmentCount;
    expect(segments).toBeGreaterThan(3);
    expect(journal.release(0)).toBe(0);
    const removed = journal.release(6);
    expect(removed).toBeGreaterThan(0);
    expect(journal.segmentCount).toBe(segments - removed);
    // Everything after 6 is still there, in order.
    expect(all(journal, 6).map(([seq]) => seq)).toEqual([7, 8, 9, 10, 11, 12]);
    journal.release(1000);
    expect(journal.segmentCount).toBe(1); // the active segment stays
    expect(all(journal)).toEqual([]); // the active segment is empty: 12 was the last entry
    await journal.close(); // waits for the released files' deletion, which runs in the background
    expect(readdirSync(dir).filter((f) => f.endsWith('.jnl'))).toHaveLength(1);
  });

  it('rejects every waiting append once a write fails, and refuses later ones', async () => {
    const journal = await Journal.open(dir);
    await journal.append(bodies(0, 1)).durable;
    // Close the file under it: the next write fails.
    await (journal as unknown as { handle: { close(): Promise<void> } }).handle.close();
    const failing = journal.append(bodies(1, 2));
    await expect(failing.durable).rejects.toThrow();
    expect(journal.failed).toBeTruthy();
    expect(() => journal.append(bodies(3, 1))).toThrow(/stopped after a failed write/);
  });
});

describe('openJournal', () => {
  it('writes the entries the database lacks into it, then numbering follows the database', async () => {
    const store = await openStore();
    try {
      const svc = await makeService({ store, journal: true });
      const key = await svc.key(['events']);
      await post(svc, key, refundScam('v1', T0));
      await svc.close();
      // The service flushed on close: the database has all 7.
      const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      expect(rows[0]!.n).toBe(7);
    } finally {
      await store.close();
    }
  });

  it('recovers events that were journaled but never reached the database', async () => {
    const store = await openStore();
    try {
      const { journal } = await openJournal(store, dir);
      // As a crash would leave it: two accepted events in the journal, none in the database.
      const decision = (id: string, subject: string): Decision =>
        ({
          eventId: id,
          subject,
          action: 'allow',
          level: 'none',
          score: 0,
          stage: null,
          family: null,
          reasons: [],
          advice: null,
          band: null,
          policyVersion: 'p@1',
          typologyVersion: 't@1',
        }) as unknown as Decision;
      const entry = (id: string, t: number) =>
        JSON.stringify({
          t,
          e: { id, subject: 's1', type: 'app.open', ts: new Date(t).toISOString(), app: '淘宝' },
          d: decision(id, 's1'),
        });
      await journal.append([entry('j-1', T0), entry('j-2', T0 + 1000)]).durable;
      await journal.close();

      const reopened = await openJournal(store, dir);
      expect(reopened.projected).toBe(2);
      const { rows } = await store.db.query<{ id: string; seq: number }>('SELECT id, seq::int AS seq FROM events ORDER BY seq');
      expect(rows).toEqual([
        { id: 'j-1', seq: 1 },
        { id: 'j-2', seq: 2 },
      ]);
      await reopened.journal.close();
      // Opening again finds nothing new to write.
      const third = await openJournal(store, dir);
      expect(third.projected).toBe(0);
      expect(third.journal.lastSeq).toBe(2);
      await third.journal.close();
    } finally {
      await store.close();
    }
  });
});

describe('the projector', () => {
  /** Accepted events with their engine decisions, numbered as the journal would. */
  const accepted = (n: number) => {
    const engine = new RiskEngine();
    return Array.from({ length: n }, (_, i) => {
      const v = validateEvent({ id: `p-${i}`, subject: 's1', type: 'app.open', ts: new Date(T0 + i * 1000).toISOString(), app: '淘宝' });
      if (!v.ok) throw new Error('invalid test event');
      return { event: v.value, decision: engine.process(v.value), seq: i + 1 };
    });
  };

  it('lets a small backlog wait for more (one transaction), caps a batch at maxBatch, and misses nothing', async () => {
    const store = await openStore();
    try {
      const sizes: number[] = [];
      const projector = new Projector(store.db, new CommitSignal(), 0, {
        maxBatch: 4,
        lingerMs: 150,
        onProjected: (b) => sizes.push(b.length),
      });
      const items = accepted(7);
      projector.enqueue(items.slice(0, 2));
      await new Promise((r) => setTimeout(r, 40));
      projector.enqueue(items.slice(2, 3)); // arrives while the first two linger: same transaction
      expect(await projector.waitFor(3, 5000)).toBe(true);
      expect(sizes).toEqual([3]);
      projector.enqueue(items.slice(3)); // a full batch: one transaction of exactly maxBatch
      expect(await projector.waitFor(7, 5000)).toBe(true);
      expect(sizes).toEqual([3, 4]);
      const { rows } = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      expect(rows[0]!.n).toBe(7);
    } finally {
      await store.close();
    }
  });

  it('does not keep a waiting reader lingering', async () => {
    const store = await openStore();
    try {
      const projector = new Projector(store.db, new CommitSignal(), 0, { maxBatch: 1000, lingerMs: 60_000 });
      projector.enqueue(accepted(1));
      // A reader asks: the minute-long linger ends now, well within the reader's 5 s.
      expect(await projector.waitFor(1, 5000)).toBe(true);
      expect(projector.projectedSeq).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('the service in journal mode', () => {
  let svc: TestService | undefined;
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
  });

  it('a console read right after the events sees their case (reads wait for the projection)', async () => {
    svc = await makeService({ journal: true });
    const key = await svc.key(['events']);
    const officer = await svc.as('officer');
    await post(svc, key, [...refundScam('v1', T0), ...ordinaryDay('b1', T0)]);
    const res = await svc.call(officer, { method: 'GET', url: '/v1/cases' });
    expect(res.statusCode).toBe(200);
    const cases = (res.json() as { items: { subject: string }[] }).items;
    expect(cases.map((c) => c.subject)).toEqual(['v1']);
  });

  it('keeps deciding while the database is unavailable, and writes everything once it is back', async () => {
    svc = await makeService({ journal: true });
    const key = await svc.key(['events']);
    const officer = await svc.as('officer');
    await svc.store.db.exec('ALTER TABLE decisions RENAME TO decisions_away');
    // Accepted (durable in the journal) although the database refuses the rows.
    const scam = refundScam('v1', T0);
    const res = await svc.call(key, { method: 'POST', url: '/v1/events', payload: scam });
    expect(res.statusCode).toBe(200);
    // A repeat of an id still only in the journal is recognised.
    const again = await svc.call(key, { method: 'POST', url: '/v1/events', payload: scam[0]! });
    expect((again.json() as Decision).duplicate).toBe(true);
    await svc.store.db.exec('ALTER TABLE decisions_away RENAME TO decisions');
    let subjects: string[] = [];
    for (let i = 0; i < 50 && subjects.length === 0; i++) {
      const list = await svc.call(officer, { method: 'GET', url: '/v1/cases' });
      subjects = (list.json() as { items: { subject: string }[] }).items.map((c) => c.subject);
      if (subjects.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(subjects).toEqual(['v1']);
    const { rows } = await svc.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    expect(rows[0]!.n).toBe(scam.length);
  });

  it('bounds the lag: past it, senders wait for the database, and get 503 if it does not come back in time', async () => {
    svc = await makeService({ journal: true, maxProjectionLag: 5, projectionWaitMs: 300 });
    const key = await svc.key(['events']);
    await svc.store.db.exec('ALTER TABLE decisions RENAME TO decisions_away');
    const day = [...ordinaryDay('b1', T0), ...ordinaryDay('b2', T0), ...ordinaryDay('b3', T0)];
    expect(day.length).toBeGreaterThan(8);
    // Accepted while the lag is within bounds…
    const first = await svc.call(key, { method: 'POST', url: '/v1/events', payload: day.slice(0, 6) });
    expect(first.statusCode).toBe(200);
    // …then refused (retry later) while the database stays behind; the engine has not seen these.
    const refused = await svc.call(key, { method: 'POST', url: '/v1/events', payload: day.slice(6) });
    expect(refused.statusCode).toBe(503);
    expect(svc.engine.stats().events).toBe(6);
    await svc.store.db.exec('ALTER TABLE decisions_away RENAME TO decisions');
    let status = 503;
    for (let i = 0; i < 50 && status === 503; i++) {
      status = (await svc.call(key, { method: 'POST', url: '/v1/events', payload: day.slice(6) })).statusCode;
    }
    expect(status).toBe(200);
  });
});

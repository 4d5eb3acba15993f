import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskEngine, type Decision } from '../src/engine/index.js';
import { validateEvent, type TimedEvent } from '../src/events/index.js';
import {
  acknowledgeAlert,
  addCaseNote,
  addLabel,
  alertQueue,
  appendEvents,
  audit,
  caseNetwork,
  caseNotes,
  caseTimeline,
  CaseTransitionError,
  countEvents,
  createApiKey,
  createReport,
  createSession,
  createUser,
  decisionsFor,
  decisionsForSubject,
  entitiesOf,
  entityTargets,
  deleteSession,
  eventsAfter,
  eventsForSubject,
  existingEventIds,
  getSession,
  GroupCommitter,
  knownBadEntities,
  lastEventSeq,
  levelRank,
  latestSnapshot,
  linkEntities,
  listAudit,
  listLabels,
  migrate,
  MIGRATIONS,
  openOrJoinCase,
  openStore,
  plainBand,
  pruneSnapshots,
  reportsForEntity,
  revokeApiKey,
  saveSnapshot,
  setCaseStatus,
  verifyApiKey,
  verifyLogin,
  type AppendItem,
  type Store,
  type StoreOptions,
} from '../src/store/index.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');

function timed(raw: Record<string, unknown>): TimedEvent {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error(`invalid test event ${JSON.stringify(raw)}: ${JSON.stringify(v.errors)}`);
  return v.value;
}

/** The seeds' scam for one subject, minute by minute: call, meeting app, screen share, loan, transfer. */
function scamJourney(subject: string, prefix: string): Record<string, unknown>[] {
  const steps: [number, string, Record<string, unknown>][] = [
    [0, 'call.start', { peer: '17012345678', direction: 'in', claimedIdentity: '淘宝客服' }],
    [3, 'app.install', { app: '腾讯会议' }],
    [5, 'screen.share', { state: 'start', app: '腾讯会议' }],
    [12, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 8000 }],
    [16, 'transfer', { amount: 7900, payee: '6222020000000001', payeeType: 'personal', extra: { kept: true } }],
  ];
  return steps.map(([min, type, fields], i) => ({ id: `${prefix}-${i + 1}`, ts: T0 + min * 60_000, subject, type, ...fields }));
}

/** Runs raw events through an engine and pairs each with its decision, as the service will. */
function decide(engine: RiskEngine, raws: readonly Record<string, unknown>[]): AppendItem[] {
  return raws.map((raw) => {
    const event = timed(raw);
    return { event, decision: engine.process(event) };
  });
}

interface Backend {
  /** Opens the store of this backend (a second call on PGlite dataDir re-opens the same directory). */
  open(): Promise<Store>;
  /** Options for another fresh, empty database of the same kind (PostgreSQL: a new schema). */
  fresh?(): Promise<StoreOptions>;
  /** PGlite's data directory, when there is one. */
  dataDir?: string;
  teardown(): Promise<void>;
}

function storeKind(label: string): 'memory' | 'dataDir' | 'postgres' {
  return label.includes('PostgreSQL') ? 'postgres' : label.includes('data directory') ? 'dataDir' : 'memory';
}

/** The same suite on every backend. */
function storeSuite(label: string, makeBackend: () => Promise<Backend>): void {
  describe(label, () => {
    let backend: Backend;
    let store: Store;
    const db = () => store.db;

    beforeAll(async () => {
      backend = await makeBackend();
      store = await backend.open();
    });
    afterAll(async () => {
      await store?.close();
      await backend?.teardown();
    });

    describe('migrations', () => {
      it('apply on open and record themselves', async () => {
        expect(store.migrations.applied).toEqual(MIGRATIONS.map((m) => m.version));
        const { rows } = await db().query<{ version: number; name: string }>(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        );
        expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      });

      it('are idempotent: a second run applies nothing and changes nothing', async () => {
        const before = await db().query('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version');
        const again = await migrate(db());
        expect(again.applied).toEqual([]);
        expect(again.version).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
        expect((await db().query('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version')).rows).toEqual(
          before.rows,
        );
      });

      it('refuse an applied migration whose SQL changed', async () => {
        const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
        await expect(migrate(db(), edited)).rejects.toThrow(/changed after it was applied/);
      });

      it('roll back entirely when one fails, naming it', async () => {
        const broken = [...MIGRATIONS, { version: 900, name: 'broken', sql: 'CREATE TABLE kg_half (x int); SELECT no_such_fn();' }];
        await expect(migrate(db(), broken)).rejects.toThrow(/migration 900-broken failed/);
        const { rows } = await db().query("SELECT to_regclass('kg_half') AS t");
        expect(rows[0]!.t).toBeNull();
        expect((await migrate(db())).applied).toEqual([]);
      });

      it.runIf(storeKind(label) === 'postgres')('run once when two processes start on the same empty database together', async () => {
        const target = await backend.fresh!();
        const stores = await Promise.all([openStore(target), openStore(target)]);
        try {
          expect(stores.map((s) => s.migrations.applied.length).sort()).toEqual([0, MIGRATIONS.length]);
        } finally {
          await Promise.all(stores.map((s) => s.close()));
        }
      });

      it.runIf(storeKind(label) === 'dataDir')('refuse a second opener of a PGlite data directory (PGlite is single-process)', async () => {
        await expect(backend.open()).rejects.toThrow(/already open in this process/);
      });
    });

    describe('event log', () => {
      const engine = new RiskEngine();
      let items: AppendItem[];

      it('stores a batch with its decisions in one transaction, seq in batch order', async () => {
        items = decide(engine, scamJourney('u-log', 'log'));
        const result = await appendEvents(db(), items);
        expect(result.stored).toBe(items.length);
        expect(result.duplicates).toEqual([]);
        const seqs = result.outcomes.map((o) => (o.status === 'stored' ? o.seq : NaN));
        expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
        expect(result.lastSeq).toBe(seqs[seqs.length - 1]);
        expect(await lastEventSeq(db())).toBe(result.lastSeq);
        // The scam is caught: the transfer at least holds, and raised an alert.
        const final = items[items.length - 1]!.decision;
        expect(['hold', 'block']).toContain(final.action);
        const alerts = await alertQueue(db(), { minLevel: 'medium' });
        expect(alerts.some((a) => a.eventId === 'log-5')).toBe(true);
      });

      it('returns stored decisions exactly as the engine made them (field order included)', async () => {
        const stored = await decisionsFor(
          db(),
          items.map((i) => i.event.event.id),
        );
        for (const { event, decision } of items) {
          expect(JSON.stringify(stored.get(event.event.id)!.decision)).toBe(JSON.stringify(decision));
        }
      });

      it('keeps the raw event with its unknown extra fields, and its time', async () => {
        const [e] = await eventsForSubject(db(), 'u-log', { afterSeq: 0, limit: 5 }).then((xs) => xs.filter((x) => x.event.id === 'log-5'));
        expect(e!.event).toEqual(items[4]!.event.event);
        expect(e!.t).toBe(T0 + 16 * 60_000);
        const { rows } = await db().query<{ ts: Date }>("SELECT ts FROM events WHERE id = 'log-5'");
        expect(rows[0]!.ts.getTime()).toBe(T0 + 16 * 60_000);
      });

      it('does not store a repeated id twice', async () => {
        const count = await countEvents(db());
        const again = await appendEvents(db(), items);
        expect(again.stored).toBe(0);
        expect(again.duplicates).toEqual(items.map((i) => i.event.event.id));
        expect(again.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
        expect(await countEvents(db())).toBe(count);
        expect(await existingEventIds(db(), ['log-1', 'log-3', 'nope'])).toEqual(new Set(['log-1', 'log-3']));
      });

      it('stores the rest of a batch that holds duplicates (earlier ones and within the batch)', async () => {
        const fresh = new RiskEngine();
        const raws = [
          { id: 'mix-1', ts: T0, subject: 'u-mix', type: 'link.open', url: 'http://refund-taobao.example/claim' },
          { id: 'log-2', ts: T0, subject: 'u-log', type: 'app.install', app: '腾讯会议' },
          { id: 'mix-2', ts: T0 + 1000, subject: 'u-mix', type: 'otp.issued' },
          { id: 'mix-1', ts: T0 + 2000, subject: 'u-mix', type: 'otp.used', host: 'refund-taobao.example' },
          { id: 'mix-3', ts: T0 + 3000, subject: 'u-mix', type: 'call.end', peer: '17012345678', durationSec: 60 },
        ];
        const result = await appendEvents(db(), decide(fresh, raws));
        expect(result.outcomes.map((o) => o.status)).toEqual(['stored', 'duplicate', 'stored', 'duplicate', 'stored']);
        expect(result.duplicates).toEqual(['log-2', 'mix-1']);
        const subjectEvents = await eventsForSubject(db(), 'u-mix');
        expect(subjectEvents.map((e) => e.event.id)).toEqual(['mix-1', 'mix-2', 'mix-3']);
        // The first copy of mix-1 is the one kept.
        expect(subjectEvents[0]!.event.type).toBe('link.open');
      });

      it('rejects only the item that cannot be stored (a NUL character), storing the others', async () => {
        const fresh = new RiskEngine();
        const raws = [
          { id: 'nul-1', ts: T0, subject: 'u-nul', type: 'message', channel: 'sms', direction: 'in', text: 'bad\u0000text' },
          { id: 'nul-2', ts: T0, subject: 'u-nul', type: 'message', channel: 'sms', direction: 'in', text: '好的' },
        ];
        const result = await appendEvents(db(), decide(fresh, raws));
        expect(result.outcomes[0]).toMatchObject({ id: 'nul-1', status: 'rejected' });
        expect(result.outcomes[1]).toMatchObject({ id: 'nul-2', status: 'stored' });
      });

      it('rejects a decision a database could never take (a score that is not a number), storing the others', async () => {
        const raws = [
          { id: 'nan-1', ts: T0, subject: 'u-nan', type: 'app.open', app: '淘宝' },
          { id: 'nan-2', ts: T0, subject: 'u-nan', type: 'app.open', app: '淘宝' },
        ];
        const batch = decide(new RiskEngine(), raws);
        batch[0] = { ...batch[0]!, decision: { ...batch[0]!.decision, score: Number.NaN } };
        const result = await appendEvents(db(), batch);
        expect(result.outcomes[0]).toMatchObject({ id: 'nan-1', status: 'rejected', reason: expect.stringMatching(/score/) });
        expect(result.outcomes[1]).toMatchObject({ id: 'nan-2', status: 'stored' });
      });

      it('writes nothing when the transaction fails (atomic batch)', async () => {
        const count = await countEvents(db());
        const batch = decide(new RiskEngine(), scamJourney('u-atomic', 'atomic'));
        await expect(
          appendEvents(db(), batch, {
            inTransaction: async () => {
              throw new Error('boom');
            },
          }),
        ).rejects.toThrow('boom');
        expect(await countEvents(db())).toBe(count);
        expect((await decisionsFor(db(), ['atomic-1'])).size).toBe(0);
        // and the same batch goes through afterwards
        expect((await appendEvents(db(), batch)).stored).toBe(batch.length);
      });

      it('streams events after a seq in arrival order, across pages', async () => {
        const all: number[] = [];
        for await (const e of eventsAfter(db(), 0, { pageSize: 3 })) all.push(e.seq);
        expect(all.length).toBe(await countEvents(db()));
        expect(all.every((s, i) => i === 0 || s > all[i - 1]!)).toBe(true);
        const cut = all[4]!;
        const after: number[] = [];
        for await (const e of eventsAfter(db(), cut, { pageSize: 2 })) after.push(e.seq);
        expect(after).toEqual(all.filter((s) => s > cut));
        const none: number[] = [];
        for await (const e of eventsAfter(db(), all[all.length - 1]!)) none.push(e.seq);
        expect(none).toEqual([]);
      });

      it('replays into a fresh engine with the same decisions (restart recovery)', async () => {
        const replayed = new RiskEngine();
        const ids: string[] = [];
        const decisions: Decision[] = [];
        for await (const e of eventsAfter(db(), 0)) {
          ids.push(e.event.id);
          decisions.push(replayed.process(e));
        }
        const stored = await decisionsFor(db(), ids);
        // Each stored decision was made by an engine that saw only its own batch's subjects,
        // so compare per subject the outcomes of the scam journeys, which are self-contained.
        for (let i = 0; i < ids.length; i++) {
          if (!ids[i]!.startsWith('log-')) continue;
          expect(JSON.stringify(decisions[i])).toBe(JSON.stringify(stored.get(ids[i]!)!.decision));
        }
      });

      it('group commit: concurrent submissions commit in submission order and resolve after commit', async () => {
        const writer = new GroupCommitter(db(), { maxBatch: 4 });
        const eng = new RiskEngine();
        const subs = [0, 1, 2].map((k) => decide(eng, scamJourney(`u-gc${k}`, `gc${k}`)).slice(0, 2 + k));
        const promises = subs.map((s) => writer.submit(s));
        const outcomes = await Promise.all(promises);
        const seqs = outcomes.flat().map((o) => (o.status === 'stored' ? o.seq : NaN));
        expect(seqs).toHaveLength(2 + 3 + 4);
        expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
        // Resolved means durable: visible to another reader now.
        expect(await existingEventIds(db(), ['gc0-1', 'gc2-4'])).toEqual(new Set(['gc0-1', 'gc2-4']));
        expect((await writer.submit(subs[0]!)).map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
        await writer.flush();
      });

      it('keeps a plain allow on its event row (no decisions row) and gives it back exactly as the engine made it', async () => {
        const eng = new RiskEngine();
        const batch = decide(eng, [
          ...scamJourney('u-plain', 'plain'),
          { id: 'plain-quiet', ts: T0, subject: 'u-plain2', type: 'app.install', app: '微信' },
        ]);
        const plain = batch.filter((i) => plainBand(i.decision) !== null).map((i) => i.event.event.id);
        expect(plain.length).toBeGreaterThan(1);
        expect(plain.length).toBeLessThan(batch.length);
        expect((await appendEvents(db(), batch)).stored).toBe(batch.length);
        const { rows } = await db().query<{ n: unknown }>(
          'SELECT count(*) AS n FROM decisions WHERE event_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))',
          [JSON.stringify(plain)],
        );
        expect(Number(rows[0]!.n)).toBe(0);
        const stored = await decisionsFor(
          db(),
          batch.map((i) => i.event.event.id),
        );
        for (const { event, decision } of batch)
          expect(JSON.stringify(stored.get(event.event.id)!.decision)).toBe(JSON.stringify(decision));
        const bySubject = await decisionsForSubject(db(), 'u-plain');
        expect(bySubject.map((d) => JSON.stringify(d.decision))).toEqual(batch.slice(0, 5).map((i) => JSON.stringify(i.decision)));
      });

      it('numbered batches (journal mode): the given seqs, repeats reported, the serial moved past them', async () => {
        const items = decide(new RiskEngine(), scamJourney('u-num', 'num'));
        const base = (await lastEventSeq(db())) + 100;
        const first = await appendEvents(
          db(),
          items.slice(0, 3).map((it, k) => ({ ...it, seq: base + k })),
        );
        expect(first.outcomes).toEqual(items.slice(0, 3).map((it, k) => ({ id: it.event.event.id, status: 'stored', seq: base + k })));
        const again = await appendEvents(
          db(),
          items.slice(1).map((it, k) => ({ ...it, seq: base + 10 + k })),
        );
        expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'stored', 'stored']);
        expect(again.duplicates).toEqual(['num-2', 'num-3']);
        expect(again.lastSeq).toBe(base + 13);
        expect(await lastEventSeq(db())).toBe(base + 13);
        const later = await appendEvents(
          db(),
          decide(new RiskEngine(), [{ id: 'num-after', ts: T0, subject: 'u-num2', type: 'app.install', app: '微信' }]),
        );
        expect(later.lastSeq).toBeGreaterThan(base + 13);
        const stored = await decisionsFor(
          db(),
          items.map((i) => i.event.event.id),
        );
        for (const { event, decision } of items)
          expect(JSON.stringify(stored.get(event.event.id)!.decision)).toBe(JSON.stringify(decision));
      });

      it('migrates a database written before migration 005 (every decision in decisions) and reads old and new rows alike', async () => {
        const old = await openStore({ ...(backend.fresh ? await backend.fresh() : {}), migrate: false });
        try {
          await migrate(
            old.db,
            MIGRATIONS.filter((m) => m.version < 5),
          );
          const eng = new RiskEngine();
          const before = decide(eng, scamJourney('u-old', 'old'));
          // The rows as appendEvents wrote them until migration 005.
          for (const { event, decision: d } of before) {
            const e = event.event;
            await old.db.query(
              `INSERT INTO events (id, subject, type, ts, t, raw)
               VALUES ($1::text, $2::text, $3::text, timestamptz 'epoch' + $4::bigint * interval '1 millisecond', $4::bigint, $5::text::jsonb)`,
              [e.id, e.subject, e.type, event.t, JSON.stringify(e)],
            );
            await old.db.query(
              `INSERT INTO decisions (event_id, seq, subject, t, action, level, level_rank, score, stage, family, reasons, advice, band, late,
                                      policy_version, typology_version)
               SELECT id, seq, subject, t, $2::text, $3::text, $4::smallint, $5::double precision, $6::text, $7::text, $8::text::jsonb,
                      $9::text::jsonb, $10::text::jsonb, false, $11::text, $12::text
               FROM events WHERE id = $1::text`,
              [
                e.id,
                d.action,
                d.level,
                levelRank(d.level),
                d.score,
                d.stage,
                d.family,
                JSON.stringify(d.reasons),
                d.advice === null ? null : JSON.stringify(d.advice),
                JSON.stringify(d.band),
                d.policyVersion,
                d.typologyVersion,
              ],
            );
          }
          // The old intake linked an event's entities to the event and to its subject.
          const payee = [{ type: 'account' as const, value: '6222020000000001', role: 'payee' }];
          await linkEntities(old.db, payee, 'event', 'old-5');
          await linkEntities(old.db, payee, 'subject', 'u-old');
          expect((await migrate(old.db)).applied).toEqual([5]);
          // The subject link, stored and derived from the event's, is one target.
          const [account] = await entitiesOf(old.db, 'subject', 'u-old');
          expect(account).toMatchObject({ type: 'account', value: '6222020000000001', role: 'payee' });
          expect(await entitiesOf(old.db, 'subject', 'u-old')).toHaveLength(1);
          expect(await entityTargets(old.db, account!.id)).toEqual([
            { targetType: 'event', targetId: 'old-5', role: 'payee' },
            { targetType: 'subject', targetId: 'u-old', role: 'payee' },
          ]);
          const after = decide(eng, [{ id: 'old-quiet', ts: T0 + 20 * 60_000, subject: 'u-old2', type: 'app.install', app: '微信' }]);
          expect(plainBand(after[0]!.decision)).not.toBeNull();
          expect((await appendEvents(old.db, after)).stored).toBe(1);
          const all = [...before, ...after];
          const stored = await decisionsFor(
            old.db,
            all.map((i) => i.event.event.id),
          );
          for (const { event, decision } of all)
            expect(JSON.stringify(stored.get(event.event.id)!.decision)).toBe(JSON.stringify(decision));
          expect((await decisionsForSubject(old.db, 'u-old')).map((d) => JSON.stringify(d.decision))).toEqual(
            before.map((i) => JSON.stringify(i.decision)),
          );
        } finally {
          await old.close();
        }
      });
    });

    describe('snapshots', () => {
      it('round-trip the latest state and its seq', async () => {
        expect(await latestSnapshot(db(), 'p-test')).toBeNull();
        const state = new Uint8Array(randomBytes(70_000));
        await saveSnapshot(db(), { seq: 10, state: new Uint8Array([1, 2, 3]), format: 'test-v1', partition: 'p-test' });
        await saveSnapshot(db(), { seq: 42, state, format: 'test-v1', policyVersion: 'p1', typologyVersion: 't1', partition: 'p-test' });
        await saveSnapshot(db(), { seq: 20, state: new Uint8Array([9]), format: 'test-v1', partition: 'p-test' });
        const latest = await latestSnapshot(db(), 'p-test');
        expect(latest).toMatchObject({ seq: 42, format: 'test-v1', policyVersion: 'p1', typologyVersion: 't1', partition: 'p-test' });
        expect(latest!.state).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(latest!.state).equals(Buffer.from(state))).toBe(true);
        expect(await pruneSnapshots(db(), 1, 'p-test')).toBe(2);
        expect((await latestSnapshot(db(), 'p-test'))!.seq).toBe(42);
      });
    });

    describe('cases, entities, reports, labels', () => {
      it('a high alert opens a case; the next joins it; the workflow is enforced', async () => {
        const base = { subject: 'u-case', stage: 'control', family: 'quality-refund', score: 0.8 };
        const first = await openOrJoinCase(db(), { ...base, eventId: 'log-3', seq: 1, t: T0, level: 'high' });
        const second = await openOrJoinCase(db(), { ...base, eventId: 'log-5', seq: 2, t: T0 + 60_000, level: 'urgent', score: 0.95 });
        expect(first.created).toBe(true);
        expect(second.created).toBe(false);
        expect(second.case.id).toBe(first.case.id);
        expect(second.case).toMatchObject({ level: 'urgent', score: 0.95, status: 'new', lastEventT: T0 + 60_000 });
        const id = first.case.id;
        await expect(setCaseStatus(db(), id, 'closed')).rejects.toBeInstanceOf(CaseTransitionError);
        await setCaseStatus(db(), id, 'contacting');
        await setCaseStatus(db(), id, 'dissuaded');
        const closed = await setCaseStatus(db(), id, 'closed');
        expect(closed).toMatchObject({ status: 'closed', outcome: 'dissuaded' });
        expect(closed.closedAt).toBeInstanceOf(Date);
        await addCaseNote(db(), id, null, '已电话劝阻，用户停止转账');
        expect((await caseNotes(db(), id)).map((n) => n.body)).toEqual(['已电话劝阻，用户停止转账']);
        expect((await caseTimeline(db(), id)).map((e) => e.event.id)).toEqual(['log-3', 'log-5']);
        // A closed case is history: the next alert opens a new one.
        const reopened = await openOrJoinCase(db(), { ...base, eventId: 'log-4', seq: 3, t: T0, level: 'high' });
        expect(reopened.created).toBe(true);
        expect(reopened.case.id).not.toBe(id);
        await addLabel(db(), { subject: 'u-case', caseId: id, label: 'false_alarm', note: 'test' });
        expect((await listLabels(db(), { label: 'false_alarm' })).some((l) => l.caseId === id)).toBe(true);
      });

      it('reports make entities known bad, and lookups find them in any spelling', async () => {
        await createReport(db(), {
          kind: 'victim-report',
          text: '对方自称淘宝客服',
          verified: true,
          entities: [
            { type: 'phone', value: '+86 170-1234-5678' },
            { type: 'qq', value: 'QQ12345' },
          ],
        });
        const found = await reportsForEntity(db(), 'phone', '17012345678');
        expect(found).toHaveLength(1);
        expect(found[0]!.status).toBe('verified');
        expect(await reportsForEntity(db(), 'qq', 'qq12345')).toHaveLength(1);
        expect((await knownBadEntities(db())).map((e) => `${e.type}:${e.value}`)).toEqual(
          expect.arrayContaining(['phone:17012345678', 'qq:qq12345']),
        );
      });

      it('links entities to cases and walks the network two hops', async () => {
        const a = await openOrJoinCase(db(), {
          subject: 'u-net-a',
          eventId: 'gc0-1',
          seq: 1,
          t: T0,
          level: 'high',
          score: 0.7,
          stage: null,
          family: null,
        });
        const b = await openOrJoinCase(db(), {
          subject: 'u-net-b',
          eventId: 'gc1-1',
          seq: 2,
          t: T0,
          level: 'high',
          score: 0.7,
          stage: null,
          family: null,
        });
        await linkEntities(db(), [{ type: 'account', value: '6222 0200 0000 0001', role: 'payee' }], 'case', a.case.id);
        await linkEntities(db(), [{ type: 'account', value: '62220200000000 01', role: 'payee' }], 'case', b.case.id);
        const net = await caseNetwork(db(), a.case.id);
        expect(net.entities.map((e) => e.value)).toEqual(['6222020000000001']);
        expect(net.links.map((l) => l.caseId).sort()).toEqual([a.case.id, b.case.id].sort());
      });
    });

    describe('users, sessions, keys, audit', () => {
      it('hashes passwords with scrypt and checks logins', async () => {
        const user = await createUser(db(), { username: 'officer1', password: 'correct horse', role: 'officer' });
        const { rows } = await db().query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1::bigint', [user.id]);
        expect(rows[0]!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
        expect(await verifyLogin(db(), 'officer1', 'correct horse')).toMatchObject({ id: user.id, role: 'officer' });
        expect(await verifyLogin(db(), 'officer1', 'wrong horse')).toBeNull();
        expect(await verifyLogin(db(), 'nobody', 'correct horse')).toBeNull();
        await expect(createUser(db(), { username: 'officer1', password: 'another pw', role: 'admin' })).rejects.toThrow(/already exists/);

        const session = await createSession(db(), user.id, { ttlMs: 60_000 });
        expect((await getSession(db(), session.token))!.user.username).toBe('officer1');
        expect((await getSession(db(), session.token))!.csrfToken).toBe(session.csrfToken);
        await deleteSession(db(), session.token);
        expect(await getSession(db(), session.token)).toBeNull();
      });

      it('stores only API key hashes and verifies scoped keys', async () => {
        const { key, apiKey } = await createApiKey(db(), { name: 'bank-a', scopes: ['events', 'check'], rateLimitPerMin: 1200 });
        const { rows } = await db().query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1::bigint', [apiKey.id]);
        expect(rows[0]!.key_hash).not.toContain(key.split('_').slice(2).join('_'));
        expect(await verifyApiKey(db(), key)).toMatchObject({ name: 'bank-a', scopes: ['events', 'check'], rateLimitPerMin: 1200 });
        expect(await verifyApiKey(db(), key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
        await revokeApiKey(db(), apiKey.id);
        expect(await verifyApiKey(db(), key)).toBeNull();
      });

      it('keeps an append-only audit log', async () => {
        const id = await audit(db(), {
          actorType: 'user',
          actorId: 7,
          action: 'case.status',
          targetType: 'case',
          targetId: 1,
          detail: { to: 'closed' },
        });
        expect((await listAudit(db(), { targetType: 'case', targetId: 1 }))[0]).toMatchObject({
          id,
          action: 'case.status',
          detail: { to: 'closed' },
        });
        await expect(db().query('UPDATE audit_log SET action = $1::text WHERE id = $2::bigint', ['x', id])).rejects.toThrow(/append-only/);
        await expect(db().query('DELETE FROM audit_log WHERE id = $1::bigint', [id])).rejects.toThrow(/append-only/);
      });

      it('acknowledges alerts', async () => {
        const [alert] = await alertQueue(db(), { minLevel: 'medium', limit: 1 });
        expect(alert).toBeDefined();
        expect(await acknowledgeAlert(db(), alert!.id, null)).toBe(true);
        expect(await acknowledgeAlert(db(), alert!.id, null)).toBe(false);
      });
    });

    describe('durability', () => {
      it.runIf(storeKind(label) === 'dataDir')('keeps everything across close and re-open', async () => {
        const count = await countEvents(db());
        const seq = await lastEventSeq(db());
        const snapshot = await latestSnapshot(db(), 'p-test');
        await store.close();
        store = await backend.open();
        expect(store.migrations.applied).toEqual([]);
        expect(await countEvents(db())).toBe(count);
        expect(await lastEventSeq(db())).toBe(seq);
        expect((await latestSnapshot(db(), 'p-test'))!.state).toEqual(snapshot!.state);
        // New events continue the sequence.
        const more = await appendEvents(db(), decide(new RiskEngine(), scamJourney('u-after', 'after')).slice(0, 1));
        expect(more.lastSeq!).toBeGreaterThan(seq);
      });

      it.runIf(storeKind(label) === 'dataDir')(
        'keeps every committed batch when the process is killed mid-stream (SIGKILL), and takes over its stale lock',
        async () => {
          const before = await countEvents(db());
          await store.close();
          const committed = await runAndKill(backend.dataDir!, 3, async () => {
            // While the other process holds the directory, this one is refused.
            await expect(openStore({ dataDir: backend.dataDir })).rejects.toThrow(/in use by process/);
          });
          store = await backend.open();
          const ids = new Set<string>();
          for await (const e of eventsAfter(db(), 0)) ids.add(e.event.id);
          expect(ids.size).toBeGreaterThanOrEqual(before + committed.length);
          for (const id of committed) expect(ids.has(id)).toBe(true);
          expect((await decisionsFor(db(), committed)).size).toBe(committed.length);
        },
        60_000,
      );
    });
  });
}

const STORE_MODULE = fileURLToPath(new URL('../src/store/index.ts', import.meta.url));

/**
 * A child process appends batches to a PGlite data directory and prints each batch's ids once its
 * transaction committed; after `batches` commits it is killed with SIGKILL mid-stream.
 */
async function runAndKill(dir: string, batches: number, whileRunning: () => Promise<void>): Promise<string[]> {
  const code = `
    const { openStore, appendEvents } = await import(${JSON.stringify(STORE_MODULE)});
    const store = await openStore({ dataDir: ${JSON.stringify(dir)} });
    for (let b = 0; ; b++) {
      const items = [];
      for (let i = 0; i < 50; i++) {
        const id = 'k-' + b + '-' + i;
        const event = { id, ts: ${T0} + b * 1000 + i, subject: 'u-kill-' + (i % 7), type: 'otp.issued' };
        items.push({ event: { t: event.ts, event }, decision: { eventId: id, subject: event.subject, action: 'allow', level: 'none',
          score: 0, stage: null, family: null, reasons: [], advice: null, band: { id: 'allow', zh: '', en: '' },
          typologyVersion: 't', policyVersion: 'p' } });
      }
      await appendEvents(store.db, items);
      process.stdout.write(JSON.stringify(items.map((x) => x.event.event.id)) + '\\n');
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
  const committed: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let checks: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    let seen = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        committed.push(...(JSON.parse(buffer.slice(0, nl)) as string[]));
        buffer = buffer.slice(nl + 1);
        if (++seen === 1) checks = whileRunning();
        if (seen === batches) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
  });
  await checks;
  return committed;
}

// ---- backends ----------------------------------------------------------------------------------

storeSuite('PGlite in memory', async () => ({
  open: () => openStore(),
  teardown: async () => {},
}));

storeSuite('PGlite data directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-store-'));
  return {
    open: () => openStore({ dataDir: dir }),
    dataDir: dir,
    teardown: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

/** The machine's PostgreSQL: the first URL that answers (trust auth on 127.0.0.1). */
async function findPostgres(): Promise<{ url: string } | { reason: string }> {
  const candidates = process.env.KEFUGUARD_TEST_DATABASE_URL
    ? [process.env.KEFUGUARD_TEST_DATABASE_URL]
    : ['postgres://postgres@127.0.0.1:5432/test', `postgres://${encodeURIComponent(process.env.USER ?? 'root')}@127.0.0.1:5432/test`];
  const errors: string[] = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return { url };
    } catch (error) {
      errors.push(`${url}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { reason: `PostgreSQL is unreachable (${errors.join('; ')})` };
}

const postgres = await findPostgres();
const requireServices = process.env.KEFUGUARD_REQUIRE_SERVICES === '1';

if ('reason' in postgres && requireServices) {
  describe('PostgreSQL', () => {
    it('is reachable (KEFUGUARD_REQUIRE_SERVICES=1)', () => {
      throw new Error(`${postgres.reason}; KEFUGUARD_REQUIRE_SERVICES=1 requires it`);
    });
  });
} else {
  if ('reason' in postgres) {
    console.warn(
      `[store.test] skipping the PostgreSQL suite: ${postgres.reason}. Set KEFUGUARD_REQUIRE_SERVICES=1 to make this a failure.`,
    );
  }
  describe.skipIf('reason' in postgres)('on the real PostgreSQL', () => {
    const url = 'url' in postgres ? postgres.url : '';
    const schemas: string[] = [];
    const newSchema = () => {
      const name = `kg_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(name);
      return name;
    };
    afterAll(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    });

    storeSuite('PostgreSQL (random schema)', async () => {
      const schema = newSchema();
      return {
        open: () => openStore({ databaseUrl: url, schema }),
        fresh: async () => ({ databaseUrl: url, schema: newSchema() }),
        teardown: async () => {},
      };
    });
  });
}

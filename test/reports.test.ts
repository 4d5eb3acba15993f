import { afterEach, describe, expect, it } from 'vitest';
import { RiskEngine, type Decision } from '../src/engine/index.js';
import { eventsAfter, findEntity, getEvent, listAudit, openStore, type Store } from '../src/store/index.js';
import { makeService, type TestService } from './service-fixture.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');
const MULE = '6217001234567894';
const SCAM_TEXT =
  '客服：您好，我是淘宝客服，您买的衣服甲醛超标，给您三倍赔偿。请加我QQ 2456789012，下载腾讯会议打开屏幕共享，' +
  '再把备用金转到安全账户 6222021234567890123，网址 http://tb-refund.example.cn/claim';

let service: TestService | undefined;
let extra: Store | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
  await extra?.close();
  extra = undefined;
});

async function transfer(s: TestService, id: string, subject: string, payee: string, t: number): Promise<Decision> {
  const res = await s.call(await s.key(['events']), {
    method: 'POST',
    url: '/v1/events',
    payload: { id, ts: t, subject, type: 'transfer', amount: 3000, payee, payeeType: 'personal', channel: 'bank-app' },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as Decision;
}

const KNOWN_BAD = (d: Decision) => d.reasons.some((r) => r.code === 'KNOWN_BAD_PAYEE');

describe('POST /v1/reports', () => {
  it('makes a reported payee known bad for the engine: another person paying it gets the reported-payee reason', async () => {
    service = await makeService();
    const s = service;
    const before = await transfer(s, 'e-0', 'someone-else', MULE, T0);
    expect(KNOWN_BAD(before)).toBe(false);

    const officer = await s.as('officer');
    const res = await s.call(officer, {
      method: 'POST',
      url: '/v1/reports',
      payload: {
        kind: 'victim-report',
        subject: 'victim-1',
        entities: [{ type: 'account', value: '6217 0012 3456 7894' }],
        ts: T0 + 60_000,
      },
    });
    expect(res.statusCode).toBe(201);
    const { report, decision } = res.json();
    expect(report).toMatchObject({
      kind: 'victim-report',
      subject: 'victim-1',
      status: 'received',
      eventId: `report-${report.id}`,
      reporter: 'user:test-officer',
    });
    expect(report.entities).toEqual([expect.objectContaining({ type: 'account', value: MULE, knownBad: true, reportCount: 1 })]);
    expect(decision.eventId).toBe(`report-${report.id}`);

    // The report is an event in the log, with the normalized entity the engine keys by.
    const stored = await getEvent(s.store.db, `report-${report.id}`);
    expect(stored?.event).toMatchObject({ type: 'report', kind: 'victim-report', entities: [{ type: 'account', value: MULE }] });

    const after = await transfer(s, 'e-1', 'another-person', MULE, T0 + 120_000);
    expect(KNOWN_BAD(after)).toBe(true);
    expect(after.reasons.find((r) => r.code === 'KNOWN_BAD_PAYEE')!.events).toContain(`report-${report.id}`);
    // A reported phone number anchors the journey of whoever it calls next.
    await s.call(officer, {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'complaint', entities: [{ type: 'phone', value: '17011112222' }], ts: T0 },
    });
    const call = await s.call(await s.key(['events']), {
      method: 'POST',
      url: '/v1/events',
      payload: { id: 'c-1', ts: T0 + 200_000, subject: 'third-person', type: 'call.start', peer: '+86 170 1111 2222', direction: 'in' },
    });
    expect((call.json() as Decision).reasons.map((r) => r.code)).toContain('KNOWN_BAD_ENTITY');
    // An unrelated payee is not affected.
    expect(KNOWN_BAD(await transfer(s, 'e-2', 'another-person', '6217009999999999', T0 + 180_000))).toBe(false);
  });

  it('is remembered after a restart: the engine rebuilt from the event log knows the reported payee', async () => {
    const store = await openStore();
    extra = store;
    let s = await makeService({ store });
    const api = await s.key(['events']);
    const res = await s.call(api, {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'complaint', entities: [{ type: 'account', value: MULE }], ts: T0 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().report.reporter).toMatch(/^key:test-key-/);
    await s.close();

    // A new process: fresh engine, replay of the log (as serve does on start).
    s = await makeService({ store });
    service = s;
    const engine: RiskEngine = s.engine;
    for await (const e of eventsAfter(store.db, 0)) engine.process(e);
    expect(KNOWN_BAD(await transfer(s, 'e-9', 'late-victim', MULE, T0 + 3_600_000))).toBe(true);
  });

  it('reads the text: keeps the family, suggests the entities found in it that were not reported', async () => {
    service = await makeService();
    const s = service;
    const res = await s.call(await s.as('admin'), {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'victim-report', text: SCAM_TEXT, entities: [{ type: 'qq', value: '2456789012' }] },
    });
    expect(res.statusCode).toBe(201);
    const { report } = res.json();
    expect(report.family).toBe('quality-refund');
    expect(report.analysis.family).toBe('quality-refund');
    expect(report.analysis.verdict).toBe('scam');
    const suggested = report.analysis.suggested.map((e: { type: string; value: string }) => `${e.type}:${e.value}`);
    expect(suggested).toContain('account:6222021234567890123');
    expect(suggested).not.toContain('qq:2456789012');
    expect(suggested.some((v: string) => v.startsWith('url:') && v.includes('tb-refund.example.cn'))).toBe(true);
    // No subject given: the event is about the report itself.
    expect((await getEvent(s.store.db, report.eventId))?.event.subject).toBe(report.eventId);
    // A text-only report is accepted too.
    const textOnly = await s.call(await s.as('admin'), {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'complaint', text: SCAM_TEXT },
    });
    expect(textOnly.statusCode).toBe(201);
    expect(textOnly.json().report.entities).toEqual([]);
  });

  it('answers 400 naming the field for bad input, and files nothing', async () => {
    service = await makeService();
    const s = service;
    const officer = await s.as('officer');
    const bad = async (payload: unknown, field: string) => {
      const res = await s.call(officer, { method: 'POST', url: '/v1/reports', payload: payload as object });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await bad({ kind: 'rumour', entities: [{ type: 'phone', value: '17012345678' }] }, '/kind');
    await bad({ kind: 'complaint', entities: [{ type: 'iban', value: 'x' }] }, '/entities/0/type');
    await bad({ kind: 'complaint', entities: [{ type: 'phone', value: '' }] }, '/entities/0/value');
    await bad({ kind: 'complaint', entities: [{ type: 'phone', value: 'abc' }] }, '/entities/0/value');
    await bad({ kind: 'complaint' }, '/entities');
    await bad({ kind: 'complaint', entities: [{ type: 'phone', value: '17012345678' }], ts: 'yesterday' }, '/ts');
    await bad({ kind: 'complaint', text: 'a\u0000b' }, '/text');
    const { rows } = await s.store.db.query<{ n: unknown }>('SELECT count(*) AS n FROM reports');
    expect(Number(rows[0]!.n)).toBe(0);
    expect(await findEntity(s.store.db, 'phone', '17012345678')).toBeNull();
  });

  it('only officers, admins and keys with the events scope may file; analysts read masked', async () => {
    service = await makeService();
    const s = service;
    const payload = { kind: 'victim-report', entities: [{ type: 'phone', value: '17012345678' }] };
    expect((await s.call(null, { method: 'POST', url: '/v1/reports', payload })).statusCode).toBe(401);
    expect((await s.call(await s.as('analyst'), { method: 'POST', url: '/v1/reports', payload })).statusCode).toBe(403);
    expect((await s.call(await s.key(['lookup', 'check']), { method: 'POST', url: '/v1/reports', payload })).statusCode).toBe(403);
    const filed = await s.call(await s.as('officer'), { method: 'POST', url: '/v1/reports', payload });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().report.id as number;

    const analyst = await s.as('analyst');
    const list = await s.call(analyst, { method: 'GET', url: '/v1/reports' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain('17012345678');
    expect(list.json().reports[0].entities[0].value).toBe('170****5678');
    const one = await s.call(await s.as('officer'), { method: 'GET', url: `/v1/reports/${id}` });
    expect(one.json().entities[0].value).toBe('17012345678');
    expect((await s.call(analyst, { method: 'GET', url: '/v1/reports/424242' })).statusCode).toBe(404);
    expect((await s.call(await s.key(['events']), { method: 'GET', url: '/v1/reports' })).statusCode).toBe(403);
    const audits = await listAudit(s.store.db, { action: 'report.create' });
    expect(audits.some((a) => a.action === 'report.create' && a.targetId === String(id))).toBe(true);
  });
});

describe('reviewing a report reaches the engine', () => {
  it('a rejected report stops marking its payee for the engine, also after a restart; verifying it again marks it again', async () => {
    const store = await openStore();
    extra = store;
    let s = await makeService({ store });
    const officer = await s.as('officer');
    const file = async (value: string, ts: number) =>
      (
        await s.call(officer, {
          method: 'POST',
          url: '/v1/reports',
          payload: { kind: 'complaint', entities: [{ type: 'account', value }], ts },
        })
      ).json().report.id as number;
    const wrong = await file(MULE, T0);
    const other = '6217005555555555';
    const first = await file(other, T0);
    const second = await file(other, T0 + 1000);
    expect(KNOWN_BAD(await transfer(s, 'r-1', 'payer-1', MULE, T0 + 60_000))).toBe(true);

    const reject = async (id: number, status = 'rejected') =>
      expect((await s.call(officer, { method: 'POST', url: `/v1/reports/${id}/status`, payload: { status } })).statusCode).toBe(200);
    await reject(wrong);
    expect(KNOWN_BAD(await transfer(s, 'r-2', 'payer-2', MULE, T0 + 120_000))).toBe(false);
    // One of two reports naming a payee rejected: the other still marks it, and the reason cites it.
    await reject(first);
    const still = await transfer(s, 'r-3', 'payer-3', other, T0 + 130_000);
    expect(still.reasons.find((r) => r.code === 'KNOWN_BAD_PAYEE')?.events).toContain(`report-${second}`);
    // The review is an event in the log: a senders' key cannot write one.
    const forged = await s.call(await s.key(['events']), {
      method: 'POST',
      url: '/v1/events',
      payload: {
        id: 'forged-review',
        ts: T0 + 140_000,
        subject: 'x',
        type: 'report.review',
        report: `report-${second}`,
        status: 'rejected',
        entities: [{ type: 'account', value: other }],
      },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.fields[0].field).toBe('/type');
    await s.close();

    // A new process replays the log, reviews included.
    s = await makeService({ store });
    service = s;
    for await (const e of eventsAfter(store.db, 0)) s.engine.process(e);
    expect(KNOWN_BAD(await transfer(s, 'r-4', 'payer-4', MULE, T0 + 3_600_000))).toBe(false);
    expect(KNOWN_BAD(await transfer(s, 'r-5', 'payer-5', other, T0 + 3_600_000))).toBe(true);
    await reject(wrong, 'verified');
    expect(KNOWN_BAD(await transfer(s, 'r-6', 'payer-6', MULE, T0 + 3_700_000))).toBe(true);
    // Verifying a report that was never rejected sends nothing through the engine.
    const events = [];
    for await (const e of eventsAfter(store.db, 0)) if (e.event.type === 'report.review') events.push(e.event);
    expect(events).toHaveLength(3);
    await reject(second, 'verified');
    const after = [];
    for await (const e of eventsAfter(store.db, 0)) if (e.event.type === 'report.review') after.push(e.event);
    expect(after).toHaveLength(3);
  });
});

describe('GET /v1/reports and POST /v1/reports/:id/status', () => {
  it('filters, and a rejected report stops counting for its entities', async () => {
    service = await makeService();
    const s = service;
    const officer = await s.as('officer');
    const file = async (kind: string, value: string) =>
      (await s.call(officer, { method: 'POST', url: '/v1/reports', payload: { kind, entities: [{ type: 'phone', value }] } })).json().report
        .id as number;
    const a = await file('victim-report', '17011110000');
    const b = await file('complaint', '17011110000');
    const c = await file('complaint', '17022220000');

    const complaints = (await s.call(officer, { method: 'GET', url: '/v1/reports?kind=complaint' })).json();
    expect(complaints.reports.map((r: { id: number }) => r.id)).toEqual([c, b]);
    const phone = await findEntity(s.store.db, 'phone', '17011110000');
    const naming = (await s.call(officer, { method: 'GET', url: `/v1/reports?entityId=${phone!.id}` })).json();
    expect(naming.reports.map((r: { id: number }) => r.id)).toEqual([b, a]);

    const reject = await s.call(officer, { method: 'POST', url: `/v1/reports/${c}/status`, payload: { status: 'rejected' } });
    expect(reject.statusCode).toBe(200);
    expect(reject.json()).toMatchObject({ status: 'rejected', reviewedBy: expect.any(Number) });
    expect(await findEntity(s.store.db, 'phone', '17022220000')).toMatchObject({ knownBad: false, reportCount: 0 });

    // One of two reports rejected: the other still stands.
    await s.call(officer, { method: 'POST', url: `/v1/reports/${a}/status`, payload: { status: 'rejected' } });
    expect(await findEntity(s.store.db, 'phone', '17011110000')).toMatchObject({ knownBad: true, reportCount: 1 });
    await s.call(officer, { method: 'POST', url: `/v1/reports/${b}/status`, payload: { status: 'verified' } });
    expect(
      (await s.call(officer, { method: 'GET', url: '/v1/reports?status=verified' })).json().reports.map((r: { id: number }) => r.id),
    ).toEqual([b]);

    expect(
      (await s.call(await s.as('analyst'), { method: 'POST', url: `/v1/reports/${b}/status`, payload: { status: 'rejected' } })).statusCode,
    ).toBe(403);
    const badStatus = await s.call(officer, { method: 'POST', url: `/v1/reports/${b}/status`, payload: { status: 'maybe' } });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.field).toBe('/status');
    expect((await s.call(officer, { method: 'POST', url: '/v1/reports/999999/status', payload: { status: 'verified' } })).statusCode).toBe(
      404,
    );
    expect((await s.call(officer, { method: 'GET', url: '/v1/reports?since=last-week' })).statusCode).toBe(400);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dissuasionScript } from '../src/service/dissuasion.js';
import { listAudit, listLabels } from '../src/store/index.js';
import { TYPOLOGY_VERSION } from '../src/typology/index.js';
import { makeService, type Credentials, type TestService } from './service-fixture.js';
import { ordinaryDay, post, refundScam, type Raw } from './cases-journeys.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');
const HOUR = 3_600_000;

let svc: TestService;
let events: Credentials;

beforeEach(async () => {
  svc = await makeService();
  events = await svc.key(['events']);
});
afterEach(async () => {
  await svc.close();
});

const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await svc.store.db.query<T>(sql, params)).rows;

async function timelineOf(caseId: number): Promise<Record<string, string>> {
  const rows = await q<{ event_id: string; kind: string }>(
    'SELECT event_id, kind FROM case_events WHERE case_id = $1::bigint ORDER BY seq',
    [caseId],
  );
  return Object.fromEntries(rows.map((r) => [r.event_id, r.kind]));
}

async function onlyCase(): Promise<{ id: number; status: string; level: string; stage: string; family: string; first_event_t: number }> {
  const rows = await q<{ id: unknown; status: string; level: string; stage: string; family: string; first_event_t: unknown }>(
    'SELECT id, status, level, stage, family, first_event_t FROM cases',
  );
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  return { ...row, id: Number(row.id), first_event_t: Number(row.first_event_t) };
}

describe('case intake', () => {
  it('opens a case on the first high decision with the episode, joins later ones, links arriving events', async () => {
    const scam = refundScam('v1', T0);
    const before = [
      // Beyond the 72 h episode: never on the timeline.
      { id: 'v1-old', ts: T0 - 80 * HOUR, subject: 'v1', type: 'app.open', app: '淘宝' },
      // Within it: joins the timeline when the case opens.
      { id: 'v1-order', ts: T0 - 10 * HOUR, subject: 'v1', type: 'order', platform: 'taobao', merchant: '某某旗舰店', amount: 199 },
    ];
    // Call and message: none and medium, no case.
    await post(svc, events, [...before, scam[0]!, scam[1]!, ...ordinaryDay('b1', T0)]);
    expect(await q('SELECT id FROM cases')).toEqual([]);

    // app.install is high: the case opens with the subject's recent events.
    const opened = await post(svc, events, [scam[2]!]);
    expect(opened.results[0]!.level).toBe('high');
    const c = await onlyCase();
    expect(c).toMatchObject({ status: 'new', level: 'high', stage: 'control', family: 'quality-refund' });
    expect(c.first_event_t).toBe(T0 - 10 * HOUR);
    expect(await timelineOf(c.id)).toEqual({ 'v1-order': 'event', 'v1-1': 'event', 'v1-2': 'evidence', 'v1-3': 'trigger' });
    const opening = await listAudit(svc.store.db, { targetType: 'case', targetId: c.id });
    expect(opening.map((a) => [a.action, a.actorType])).toEqual([['case.open', 'system']]);
    expect(opening[0]!.detail).toMatchObject({ eventId: 'v1-3', level: 'high' });

    // Later high, hold and urgent decisions join the same case; another subject's events do not.
    await post(svc, events, [scam[3]!, scam[4]!, ...ordinaryDay('b2', T0 + 5 * 60_000)]);
    await post(svc, events, [scam[5]!, scam[6]!]);
    const joined = await onlyCase();
    expect(joined.id).toBe(c.id);
    expect(joined).toMatchObject({ level: 'urgent', stage: 'retention' });
    expect(await timelineOf(c.id)).toEqual({
      'v1-order': 'event',
      'v1-1': 'event',
      'v1-2': 'evidence',
      'v1-3': 'trigger',
      'v1-4': 'trigger',
      'v1-5': 'trigger',
      'v1-6': 'trigger',
      'v1-7': 'trigger',
    });
    // Every alert of the subject belongs to the case, the medium one raised before it opened too.
    const alerts = await q<{ event_id: string; case_id: unknown }>("SELECT event_id, case_id FROM alerts WHERE subject = 'v1' ORDER BY id");
    expect(alerts.map((a) => [a.event_id, Number(a.case_id)])).toEqual(
      ['v1-2', 'v1-3', 'v1-4', 'v1-5', 'v1-6', 'v1-7'].map((id) => [id, c.id]),
    );

    // A low event a day later still joins the active case, as a plain event.
    const later = await post(svc, events, [{ id: 'v1-later', ts: T0 + 30 * HOUR, subject: 'v1', type: 'app.open', app: '淘宝' }]);
    expect(['none', 'low', 'medium']).toContain(later.results[0]!.level);
    expect((await timelineOf(c.id))['v1-later']).toBe('event');
    expect((await timelineOf(c.id))['v1-old']).toBeUndefined();
  });

  it('links the entities of the timeline’s events to the case', async () => {
    await post(svc, events, refundScam('v1', T0));
    const c = await onlyCase();
    const ofCase = await q<{ type: string; value: string }>(
      `SELECT DISTINCT e.type, e.value FROM entity_links l JOIN entities e ON e.id = l.entity_id
       WHERE l.target_type = 'case' AND l.target_id = $1::text ORDER BY 1, 2`,
      [String(c.id)],
    );
    const ofEvents = await q<{ type: string; value: string }>(
      `SELECT DISTINCT e.type, e.value FROM entity_links l JOIN entities e ON e.id = l.entity_id
       WHERE l.target_type = 'event' AND l.target_id IN (SELECT event_id FROM case_events WHERE case_id = $1::bigint) ORDER BY 1, 2`,
      [String(c.id)],
    );
    expect(ofCase).toEqual(ofEvents);
    expect(ofCase.map((e) => e.type)).toEqual(expect.arrayContaining(['account', 'phone']));
  });

  it('opens one case per subject for a batch with several triggers, and a new case once the old one is closed', async () => {
    await post(svc, events, [...refundScam('v1', T0), ...refundScam('v2', T0, 'w2')]);
    const cases = await q<{ subject: string; n: unknown }>(
      'SELECT c.subject, (SELECT count(*) FROM case_events ce WHERE ce.case_id = c.id) AS n FROM cases c ORDER BY subject',
    );
    expect(cases.map((c) => [c.subject, Number(c.n)])).toEqual([
      ['v1', 7],
      ['v2', 7],
    ]);
    const officer = await svc.as('officer');
    const [first] = await q<{ id: unknown }>("SELECT id FROM cases WHERE subject = 'v1'");
    for (const to of ['contacting', 'false_alarm', 'closed']) {
      const res = await svc.call(officer, { method: 'POST', url: `/v1/cases/${Number(first!.id)}/status`, payload: { to } });
      expect(res.statusCode).toBe(200);
    }
    // The scammer comes back a week later: a new case, not the closed one.
    await post(svc, events, refundScam('v1', T0 + 7 * 24 * HOUR, 'v1b'));
    const v1 = await q<{ id: unknown; status: string }>("SELECT id, status FROM cases WHERE subject = 'v1' ORDER BY id");
    expect(v1.map((c) => c.status)).toEqual(['closed', 'new']);
    expect(Object.keys(await timelineOf(Number(v1[1]!.id)))).toEqual(expect.arrayContaining(['v1b-3', 'v1b-7']));
    expect(Object.keys(await timelineOf(Number(v1[1]!.id)))).not.toContain('v1-3');
  });

  it('costs one query for a batch without triggers or active cases', async () => {
    let statements = 0;
    const db = svc.store.db;
    const { openCases } = await import('../src/service/case-intake.js');
    const counting = { ...db, dialect: db.dialect, query: (...args: Parameters<typeof db.query>) => (statements++, db.query(...args)) };
    const stored = ordinaryDay('b1', T0).map((e, i) => ({
      event: { t: e.ts as number, event: e },
      decision: { eventId: e.id, subject: e.subject, level: 'none', action: 'allow', reasons: [] },
      seq: i + 1,
    }));
    await openCases(counting as never, stored as never);
    expect(statements).toBe(1);
  });
});

describe('case workflow', () => {
  async function openCase(): Promise<number> {
    await post(svc, events, refundScam('v1', T0));
    return (await onlyCase()).id;
  }

  it('allows only the workflow’s moves, records labels and audits every change', async () => {
    const id = await openCase();
    const officer = await svc.as('officer');
    const analyst = await svc.as('analyst');
    const status = (who: Credentials, payload: Raw) => svc.call(who, { method: 'POST', url: `/v1/cases/${id}/status`, payload });

    expect((await status(analyst, { to: 'contacting' })).statusCode).toBe(403);
    const skip = await status(officer, { to: 'dissuaded' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'CASE_TRANSITION_FORBIDDEN', field: '/to' });
    expect(skip.json().error.messageEn).toContain('allowed: contacting');
    expect((await status(officer, { to: 'contacting', amount: 5 })).json().error).toMatchObject({
      code: 'AMOUNT_NOT_ALLOWED',
      field: '/amount',
    });
    expect((await status(officer, { to: 'nowhere' })).statusCode).toBe(400);

    const contacting = await status(officer, { to: 'contacting', note: '已电话联系本人，对方仍在会议中' });
    expect(contacting.statusCode).toBe(200);
    expect(contacting.json()).toMatchObject({
      case: { status: 'contacting' },
      allowedNext: ['dissuaded', 'loss_confirmed', 'false_alarm'],
    });
    // Working the case acknowledges its alerts.
    expect(
      (await q<{ status: string }>('SELECT DISTINCT status FROM alerts WHERE case_id = $1::bigint', [id])).map((r) => r.status),
    ).toEqual(['acknowledged']);

    const loss = await status(officer, { to: 'loss_confirmed', amount: 7999.5, note: '受害人已转出两笔' });
    expect(loss.statusCode).toBe(200);
    expect(loss.json().labelId).toEqual(expect.any(Number));
    const labels = await listLabels(svc.store.db);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({
      subject: 'v1',
      caseId: id,
      label: 'confirmed_loss',
      family: 'quality-refund',
      stage: 'retention',
      amount: 7999.5,
      eventId: 'v1-7',
      typologyVersion: TYPOLOGY_VERSION,
      policyVersion: expect.any(String),
    });
    expect(
      (await q<{ status: string }>('SELECT DISTINCT status FROM alerts WHERE case_id = $1::bigint', [id])).map((r) => r.status),
    ).toEqual(['closed']);

    expect((await status(officer, { to: 'contacting' })).statusCode).toBe(409);
    expect((await status(officer, { to: 'closed' })).statusCode).toBe(200);
    const closed = await status(officer, { to: 'contacting' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.messageEn).toContain('allowed: none');

    const trail = (await listAudit(svc.store.db, { targetType: 'case', targetId: id })).reverse();
    expect(trail.map((a) => [a.action, a.detail.from ?? null, a.detail.to ?? null])).toEqual([
      ['case.open', null, null],
      ['case.status', 'new', 'contacting'],
      ['case.status', 'contacting', 'loss_confirmed'],
      ['case.status', 'loss_confirmed', 'closed'],
    ]);
    const officerId = (await q<{ id: unknown }>("SELECT id FROM users WHERE role = 'officer'"))[0]!.id;
    expect(trail.slice(1).every((a) => a.actorType === 'user' && a.actorId === String(officerId))).toBe(true);
    expect(JSON.stringify(trail)).not.toContain('受害人已转出两笔'); // notes' text stays out of the audit log
  });

  it('labels a false alarm and a dissuasion, and estimates a loss from the timeline when no amount is given', async () => {
    await post(svc, events, [...refundScam('v1', T0), ...refundScam('v2', T0, 'w2'), ...refundScam('v3', T0, 'w3')]);
    const ids = Object.fromEntries(
      (await q<{ id: unknown; subject: string }>('SELECT id, subject FROM cases')).map((r) => [r.subject, Number(r.id)]),
    );
    const officer = await svc.as('officer');
    const move = async (subject: string, ...steps: Raw[]) => {
      for (const payload of steps) {
        const res = await svc.call(officer, { method: 'POST', url: `/v1/cases/${ids[subject]}/status`, payload });
        expect(res.statusCode, res.body).toBe(200);
      }
    };
    await move('v1', { to: 'contacting' }, { to: 'false_alarm', note: '本人确认是自己的正常借款' });
    await move('v2', { to: 'contacting' }, { to: 'dissuaded', amount: 5000 });
    await move('v3', { to: 'contacting' }, { to: 'loss_confirmed' });
    const labels = await listLabels(svc.store.db);
    expect(labels.map((l) => [l.subject, l.label, l.amount])).toEqual([
      ['v1', 'false_alarm', null],
      ['v2', 'dissuaded', 5000],
      // Both transfers were blocked, so nothing is known to have left.
      ['v3', 'confirmed_loss', null],
    ]);
    expect(labels[0]!.note).toBe('本人确认是自己的正常借款');
  });

  it('assigns to an officer or admin, not to an analyst or an unknown user', async () => {
    const id = await openCase();
    const officer = await svc.as('officer');
    const analyst = await svc.as('analyst');
    await svc.as('admin');
    const users = Object.fromEntries(
      (await q<{ id: unknown; role: string }>('SELECT id, role FROM users')).map((u) => [u.role, Number(u.id)]),
    );
    const assign = (who: Credentials, ownerId: unknown) =>
      svc.call(who, { method: 'POST', url: `/v1/cases/${id}/assign`, payload: { ownerId } });

    const me = await assign(officer, 'me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ ownerId: users.officer, owner: { id: users.officer, username: 'test-officer' } });
    expect((await assign(officer, users.admin)).json()).toMatchObject({ ownerId: users.admin });
    expect((await assign(officer, users.analyst)).json().error).toMatchObject({ code: 'OWNER_NOT_OFFICER', field: '/ownerId' });
    expect((await assign(officer, 999_999)).json().error).toMatchObject({ code: 'UNKNOWN_USER', field: '/ownerId' });
    expect((await assign(officer, 'someone')).statusCode).toBe(400);
    expect((await assign(analyst, 'me')).statusCode).toBe(403);
    expect((await assign(officer, null)).json()).toMatchObject({ ownerId: null, owner: null });
    expect(
      (await svc.call(officer, { method: 'POST', url: '/v1/cases/424242/assign', payload: { ownerId: 'me' } })).json().error.code,
    ).toBe('CASE_NOT_FOUND');

    const listed = await svc.call(officer, { method: 'GET', url: '/v1/cases?owner=none' });
    expect(listed.json().items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await svc.call(officer, { method: 'GET', url: '/v1/cases?owner=me' })).json().items).toEqual([]);
    const trail = await listAudit(svc.store.db, { targetType: 'case', targetId: id });
    expect(trail.filter((a) => a.action === 'case.assign').map((a) => a.detail.to)).toEqual([null, users.admin, users.officer]);
  });

  it('adds notes (officers), shown on the case with their author', async () => {
    const id = await openCase();
    const officer = await svc.as('officer');
    const analyst = await svc.as('analyst');
    const note = await svc.call(officer, { method: 'POST', url: `/v1/cases/${id}/notes`, payload: { body: '家属已到场劝阻' } });
    expect(note.statusCode).toBe(201);
    expect((await svc.call(analyst, { method: 'POST', url: `/v1/cases/${id}/notes`, payload: { body: 'x' } })).statusCode).toBe(403);
    expect((await svc.call(officer, { method: 'POST', url: `/v1/cases/${id}/notes`, payload: { body: '  ' } })).json().error.code).toBe(
      'EMPTY_NOTE',
    );
    expect((await svc.call(officer, { method: 'POST', url: `/v1/cases/${id}/notes`, payload: {} })).statusCode).toBe(400);
    const detail = (await svc.call(analyst, { method: 'GET', url: `/v1/cases/${id}` })).json();
    expect(detail.notes).toEqual([
      {
        id: note.json().id,
        body: '家属已到场劝阻',
        createdAt: expect.any(String),
        author: { id: expect.any(Number), username: 'test-officer' },
      },
    ]);
    expect((await listAudit(svc.store.db, { targetType: 'case', targetId: id }))[0]).toMatchObject({
      action: 'case.note',
      detail: { noteId: note.json().id },
    });
  });
});

describe('case views', () => {
  it('shows the timeline with decisions, reasons and the message’s evidence spans, masked for analysts', async () => {
    const scam = refundScam('v1', T0);
    await post(svc, events, scam);
    const { id } = await onlyCase();
    const officer = await svc.as('officer');
    const res = await svc.call(officer, { method: 'GET', url: `/v1/cases/${id}` });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.case).toMatchObject({ id, subject: 'v1', status: 'new', statusZh: '新案件', level: 'urgent', family: 'quality-refund' });
    expect(detail.allowedNext).toEqual(['contacting']);
    expect(detail.timeline.map((e: { eventId: string }) => e.eventId)).toEqual(scam.map((e) => e.id));
    const transfer = detail.timeline[5];
    expect(transfer).toMatchObject({
      kind: 'trigger',
      type: 'transfer',
      decision: { action: 'block', level: 'urgent', stage: 'cash-out' },
    });
    expect(transfer.event.payee).toBe('6222021234567890123');
    expect(transfer.decision.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['LOAN_THEN_TRANSFER', 'MONEY_UNDER_SHARE']),
    );
    expect(transfer.ts).toBe(new Date(scam[5]!.ts as number).toISOString());

    const message = detail.timeline[1];
    expect(message.kind).toBe('evidence');
    expect(message.evidence.verdict).toBe('scam');
    const text = scam[1]!.text as string;
    const spans = message.evidence.signals.flatMap((s: { spans: { start: number; end: number; text: string }[] }) => s.spans);
    expect(spans.length).toBeGreaterThan(1);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(spans.map((s: { text: string }) => s.text).join('|')).toMatch(/腾讯会议|屏幕共享/);
    expect(detail.timeline[0].evidence).toBeNull();

    expect(detail.alerts.map((a: { eventId: string }) => a.eventId)).toEqual(['v1-2', 'v1-3', 'v1-4', 'v1-5', 'v1-6', 'v1-7']);
    expect(detail.script).toEqual(JSON.parse(JSON.stringify(dissuasionScript('retention', 'quality-refund'))));

    const analyst = await svc.as('analyst');
    const masked = (await svc.call(analyst, { method: 'GET', url: `/v1/cases/${id}` })).json();
    expect(masked.timeline[5].event.payee).not.toBe('6222021234567890123');
    expect(masked.timeline[5].event.payee).toMatch(/^622\*+0123$/);
    expect(JSON.stringify(masked)).not.toContain('17012345670');
    expect(masked.timeline[5].eventId).toBe('v1-6');

    expect((await svc.call(officer, { method: 'GET', url: '/v1/cases/999' })).json().error.code).toBe('CASE_NOT_FOUND');
    expect((await svc.call(officer, { method: 'GET', url: '/v1/cases/abc' })).statusCode).toBe(400);
    expect((await svc.call(null, { method: 'GET', url: `/v1/cases/${id}` })).statusCode).toBe(401);
    expect((await svc.call(events, { method: 'GET', url: `/v1/cases/${id}` })).statusCode).toBe(403);
  });

  it('lists cases by level then update time, with filters', async () => {
    await post(svc, events, refundScam('v1', T0).slice(0, 4)); // high
    await post(svc, events, refundScam('v2', T0, 'w2')); // urgent
    const analyst = await svc.as('analyst');
    const list = async (query = '') => (await svc.call(analyst, { method: 'GET', url: `/v1/cases${query}` })).json();
    const all = await list();
    expect(all.items.map((c: { subject: string; level: string }) => [c.subject, c.level])).toEqual([
      ['v2', 'urgent'],
      ['v1', 'high'],
    ]);
    expect(all.items[0]).toMatchObject({ events: 7, openAlerts: 6, owner: null });
    expect((await list('?level=high')).items.map((c: { subject: string }) => c.subject)).toEqual(['v1']);
    expect((await list('?family=parcel-claim')).items).toEqual([]);
    expect((await list('?status=contacting')).items).toEqual([]);
    expect((await list('?limit=1&offset=1')).items.map((c: { subject: string }) => c.subject)).toEqual(['v1']);
    expect((await svc.call(analyst, { method: 'GET', url: '/v1/cases?status=open' })).statusCode).toBe(400);
  });

  it('gives the dissuasion script for the stage and family', async () => {
    await post(svc, events, refundScam('v1', T0).slice(0, 4));
    const { id } = await onlyCase();
    const res = await svc.call(await svc.as('analyst'), { method: 'GET', url: `/v1/cases/${id}/script` });
    expect(res.statusCode).toBe(200);
    const script = res.json();
    expect(script).toMatchObject({ caseId: id, stage: { id: 'control' }, family: { id: 'quality-refund' } });
    const said = script.lines.map((l: { zh: string }) => l.zh).join('\n');
    expect(said).toContain('结束屏幕共享');
    expect(said).toContain('备用金'); // what comes next: the loan is not a refund
    expect(script.lines[0].part).toBe('opening');
    expect(script.lines.at(-1).part).toBe('closing');
    expect(script.lines.every((l: { zh: string; en: string }) => l.zh.length > 0 && l.en.length > 0)).toBe(true);
  });
});

describe('dissuasion script', () => {
  it('says what fits the stage: stop sharing at control, a loan is not a refund at credit-pivot, stop payment after cash-out', () => {
    const lines = (stage: string | null, family: string | null) => dissuasionScript(stage, family).lines;
    const zh = (stage: string | null, family: string | null) =>
      lines(stage, family)
        .map((l) => l.zh)
        .join('\n');
    expect(lines('control', null).find((l) => l.part === 'stop')!.zh).toContain('结束屏幕共享');
    expect(lines('credit-pivot', null).find((l) => l.part === 'stop')!.zh).toMatch(/备用金.*贷款，不是退款/);
    expect(zh('cash-out', null)).toContain('止付');
    expect(zh('hook', null)).not.toContain('止付、冻结');
    // The family's story is taken apart with the typology's fact.
    expect(zh('credit-pivot', 'parcel-claim')).toContain('95338');
    expect(zh('credit-pivot', 'jd-credit')).toContain('950618');
    expect(lines('credit-pivot', null).some((l) => l.part === 'fact')).toBe(false);
    // Unknown stage: from the hook, and says so.
    expect(dissuasionScript(null, null).stage).toBeNull();
    expect(lines(null, null).find((l) => l.part === 'stop')!.zh).toContain('不是平台客服');
    expect(dissuasionScript('credit-pivot', 'student-loan')).toMatchObject({
      stage: { id: 'credit-pivot' },
      family: { id: 'student-loan' },
    });
  });
});

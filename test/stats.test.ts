import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, type Credentials, type TestService } from './service-fixture.js';
import { ordinaryDay, parcelScam, post, refundScam, type Raw } from './cases-journeys.js';

/**
 * A small known population (decisions per journey are listed in cases-journeys.ts):
 * - v1 quality-refund, 2026-05-01 10:00 China time: medium 1, high 3 (one hold: 备用金 ¥5000), urgent 2 (blocked ¥4999.5 and ¥3000).
 * - v2 parcel-claim, 2026-05-02 00:30 China time (still 1 May in UTC): medium 1, high 3 (hold: 微粒贷 ¥8000), urgent 1 (blocked ¥7999).
 * - v4 quality-refund, 2026-05-02 12:00: call, message (medium), app.install (high); no hold.
 * - b1, b2 ordinary customers: no alerts.
 * - v3 quality-refund on 2026-05-10: outside the window of 1–2 May.
 * Cases: v1 loss confirmed (¥3000), v2 false alarm, v3 dissuaded, v4 still new.
 */
const at = (iso: string) => Date.parse(iso);

let svc: TestService;
let analyst: Credentials;
const decided: Raw[] = [];

beforeAll(async () => {
  svc = await makeService();
  const events = await svc.key(['events']);
  analyst = await svc.as('analyst');
  const batches = [
    [...refundScam('v1', at('2026-05-01T10:00:00+08:00')), ...ordinaryDay('b1', at('2026-05-01T11:00:00+08:00'))],
    [...parcelScam('v2', at('2026-05-02T00:30:00+08:00')), ...ordinaryDay('b2', at('2026-05-02T09:00:00+08:00'))],
    refundScam('v4', at('2026-05-02T12:00:00+08:00')).slice(0, 3),
    refundScam('v3', at('2026-05-10T10:00:00+08:00')),
  ];
  for (const batch of batches) decided.push(...(await post(svc, events, batch)).results);

  const officer = await svc.as('officer');
  const cases = Object.fromEntries(
    (await svc.store.db.query<{ id: unknown; subject: string }>('SELECT id, subject FROM cases')).rows.map((r) => [
      r.subject,
      Number(r.id),
    ]),
  );
  const move = async (subject: string, ...steps: Raw[]) => {
    for (const payload of steps) {
      const res = await svc.call(officer, { method: 'POST', url: `/v1/cases/${cases[subject]}/status`, payload });
      if (res.statusCode !== 200) throw new Error(res.body);
    }
  };
  await move('v1', { to: 'contacting' }, { to: 'loss_confirmed', amount: 3000 });
  await move('v2', { to: 'contacting' }, { to: 'false_alarm' });
  await move('v3', { to: 'contacting' }, { to: 'dissuaded' }, { to: 'closed' });
}, 60_000);
afterAll(async () => {
  await svc.close();
});

async function stats(query: string) {
  const res = await svc.call(analyst, { method: 'GET', url: `/v1/stats${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /v1/stats', () => {
  it('counts alerts by level and China-time day, and by family', async () => {
    const s = await stats('?since=2026-05-01&until=2026-05-03');
    expect(s.window).toEqual({
      since: '2026-04-30T16:00:00.000Z',
      until: '2026-05-02T16:00:00.000Z',
      clock: 'event-time',
      dayUtcOffset: '+08:00',
    });
    expect(s.alerts.total).toBe(13);
    expect(s.alerts.byLevel).toEqual({ low: 0, medium: 3, high: 7, urgent: 3 });
    expect(s.alerts.byDay).toEqual([
      { day: '2026-05-01', total: 6, byLevel: { low: 0, medium: 1, high: 3, urgent: 2 } },
      { day: '2026-05-02', total: 7, byLevel: { low: 0, medium: 2, high: 4, urgent: 1 } },
    ]);
    expect(s.alerts.byFamily).toEqual([
      { family: 'quality-refund', total: 8, byLevel: { low: 0, medium: 2, high: 4, urgent: 2 } },
      { family: 'parcel-claim', total: 5, byLevel: { low: 0, medium: 1, high: 3, urgent: 1 } },
    ]);

    // The same figures derived from the decisions the API returned (medium and above, in the window).
    const inWindow = decided.filter((d) => {
      const id = String(d.eventId);
      return !id.startsWith('v3-') && ['medium', 'high', 'urgent'].includes(String(d.level));
    });
    expect(s.alerts.total).toBe(inWindow.length);
  });

  it('tells where people were stopped: the stage of each person’s first hold or block', async () => {
    const s = await stats('?since=2026-05-01&until=2026-05-03');
    expect(s.stopped.subjects).toBe(2);
    const stages = Object.fromEntries(s.stopped.byStage.map((x: { stage: string; count: number }) => [x.stage, x.count]));
    expect(stages).toMatchObject({ hook: 0, control: 0, 'credit-pivot': 2, 'cash-out': 0 });
    expect(s.stopped.byStage.find((x: { stage: string }) => x.stage === 'credit-pivot')).toMatchObject({
      zh: '诱导开通备用金、网贷借款',
      share: 1,
    });
    expect(s.stopped.byFamily).toEqual([
      { family: 'quality-refund', subjects: 1, byStage: { 'credit-pivot': 1 } },
      { family: 'parcel-claim', subjects: 1, byStage: { 'credit-pivot': 1 } },
    ]);
  });

  it('sums the money held and blocked', async () => {
    const s = await stats('?since=2026-05-01&until=2026-05-03');
    expect(s.money.held).toEqual({ events: 2, withAmount: 2, amount: 13000 });
    expect(s.money.blocked).toEqual({ events: 3, withAmount: 3, amount: 15998.5 });
    expect(s.money.total).toEqual({ events: 5, withAmount: 5, amount: 28998.5 });
    expect(s.money.byType).toEqual([
      { type: 'transfer', events: 3, withAmount: 3, amount: 15998.5 },
      { type: 'credit.draw', events: 2, withAmount: 2, amount: 13000 },
    ]);
    expect(s.money.byFamily).toEqual([
      {
        family: 'quality-refund',
        held: { events: 1, withAmount: 1, amount: 5000 },
        blocked: { events: 2, withAmount: 2, amount: 7999.5 },
        total: { events: 3, withAmount: 3, amount: 12999.5 },
      },
      {
        family: 'parcel-claim',
        held: { events: 1, withAmount: 1, amount: 8000 },
        blocked: { events: 1, withAmount: 1, amount: 7999 },
        total: { events: 2, withAmount: 2, amount: 15999 },
      },
    ]);
  });

  it('gives the false-alarm rate of the cases resolved, by family', async () => {
    const s = await stats('?since=2026-05-01&until=2026-05-03');
    expect(s.cases).toMatchObject({
      opened: 3,
      resolved: 2,
      dissuaded: 0,
      lossConfirmed: 1,
      falseAlarms: 1,
      falseAlarmRate: 0.5,
      lossAmount: 3000,
    });
    expect(s.cases.byFamily).toEqual([
      {
        family: 'quality-refund',
        opened: 2,
        resolved: 1,
        dissuaded: 0,
        lossConfirmed: 1,
        falseAlarms: 0,
        falseAlarmRate: 0,
        lossAmount: 3000,
      },
      { family: 'parcel-claim', opened: 1, resolved: 1, dissuaded: 0, lossConfirmed: 0, falseAlarms: 1, falseAlarmRate: 1, lossAmount: 0 },
    ]);
    // A wider window takes in v3 (dissuaded): one false alarm among three resolved.
    const wide = await stats('?since=2026-05-01&until=2026-05-11');
    expect(wide.cases).toMatchObject({ opened: 4, resolved: 3, dissuaded: 1, falseAlarms: 1, falseAlarmRate: 0.3333 });
    expect(wide.alerts.total).toBe(19);
    expect(wide.stopped.subjects).toBe(3);
  });

  it('is empty for a window with nothing in it, and refuses bad windows', async () => {
    const empty = await stats('?since=2025-01-01T00:00:00Z&until=2025-01-02T00:00:00Z');
    expect(empty.alerts).toEqual({ total: 0, byLevel: { low: 0, medium: 0, high: 0, urgent: 0 }, byDay: [], byFamily: [] });
    expect(empty.cases.falseAlarmRate).toBeNull();
    expect(empty.money.total).toEqual({ events: 0, withAmount: 0, amount: 0 });

    const bad = async (query: string, field: string) => {
      const res = await svc.call(analyst, { method: 'GET', url: `/v1/stats${query}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    };
    await bad('?since=last-week', '/since');
    await bad('?since=2026-05-03&until=2026-05-01', '/since');
    await bad('?since=2020-01-01&until=2026-01-01', '/since');
    await bad('?until=2026-13-01', '/until');
    expect((await svc.call(null, { method: 'GET', url: '/v1/stats' })).statusCode).toBe(401);
    expect((await svc.call(await svc.key(['lookup']), { method: 'GET', url: '/v1/stats' })).statusCode).toBe(403);
  });
});

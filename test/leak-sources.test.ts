import { afterEach, describe, expect, it } from 'vitest';
import { binomialUpperTail, liftLowerBound, smoothedLift } from '../src/service/leak-sources.js';
import { COURIERS } from '../src/sim/catalog.js';
import { simulate } from '../src/sim/index.js';
import { resolveOptions } from '../src/sim/options.js';
import { makeWorld } from '../src/sim/world.js';
import { addLabel, openOrJoinCase } from '../src/store/index.js';
import { makeService, type TestService } from './service-fixture.js';

type Raw = Record<string, unknown>;
const T0 = Date.parse('2026-05-01T10:00:00+08:00');
const DAY = 86_400_000;

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function post(s: TestService, events: readonly Raw[]): Promise<void> {
  const key = await s.key(['events']);
  for (let i = 0; i < events.length; i += 1000) {
    const res = await s.call(key, { method: 'POST', url: '/v1/events', payload: events.slice(i, i + 1000) as Raw[] });
    expect(res.statusCode).toBe(200);
    expect(res.json().rejected).toBe(0);
  }
}

interface Source {
  kind: string;
  platforms: string[];
  name: string;
  victims: number;
  ordinary: number;
  victimShare: number;
  ordinaryShare: number;
  lift: number;
  liftLow: number;
  pValue: number;
  note: { zh: string; en: string };
}

describe('leak-source statistics', () => {
  it('smooths the lift so a zero does not make it infinite, and its lower bound rewards evidence', () => {
    expect(smoothedLift(1, 10, 0, 1000)).toBeCloseTo(1.5 / 11 / (0.5 / 1001));
    expect(smoothedLift(5, 10, 0, 1000)).toBeGreaterThan(smoothedLift(2, 10, 0, 1000));
    expect(smoothedLift(3, 10, 300, 1000)).toBeCloseTo(1.06, 2);
    // The same ratio from ten times the orders is surer: a higher lower bound.
    expect(liftLowerBound(3, 10, 30, 100)).toBeLessThan(liftLowerBound(30, 100, 300, 1000));
    expect(liftLowerBound(30, 100, 300, 1000)).toBeLessThan(smoothedLift(30, 100, 300, 1000));
    // A shop every group uses alike is not above 1 at the lower bound.
    expect(liftLowerBound(50, 100, 500, 1000)).toBeLessThan(1);
  });

  it('binomial tail', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 8);
    expect(binomialUpperTail(1, 3, 0.5)).toBeCloseTo(7 / 8, 8);
    expect(binomialUpperTail(2, 20, 0.1)).toBeCloseTo(1 - 0.9 ** 20 - 20 * 0.1 * 0.9 ** 19, 8);
  });
});

describe('GET /v1/leak-sources', () => {
  it('ranks the shop victims share above a shop everyone uses; victims are high/urgent cases (not false alarms) or confirmed losses', async () => {
    service = await makeService();
    const s = service;
    const db = s.store.db;
    const events: Raw[] = [];
    let n = 0;
    const order = (subject: string, t: number, merchant: string, courier?: string, platform = 'taobao') =>
      events.push({ id: `o-${++n}`, ts: t, subject, type: 'order', platform, merchant, ...(courier ? { courier } : {}) });
    // 4 victims: 3 bought at the leaky shop, all 4 at the popular one.
    for (const v of ['v-1', 'v-2', 'v-3', 'v-4']) order(v, T0, '大众百货', '中通快递');
    for (const v of ['v-1', 'v-2', 'v-3']) order(v, T0 + DAY, '某某母婴旗舰店', '韵达快递');
    // 20 ordinary customers: 16 at the popular shop, 1 at the leaky one; the same shop name on another platform is another shop.
    for (let k = 0; k < 20; k++) order(`c-${k}`, T0 + k * 60_000, k < 16 ? '大众百货' : '街角小店', '中通快递');
    order('c-0', T0 + 2 * DAY, '某某母婴旗舰店', '中通快递');
    order('c-1', T0 + 2 * DAY, '某某母婴旗舰店', undefined, 'jd');
    // A false alarm is not a victim; its subject counts as ordinary.
    order('fa', T0, '某某母婴旗舰店', '韵达快递');
    // An order long before the window.
    order('v-1', T0 - 30 * DAY, '旧店', '圆通速递');
    events.push({ id: 'x-1', ts: T0, subject: 'v-1', type: 'app.open', app: '支付宝' });
    events.push({ id: 'x-2', ts: T0, subject: 'fa', type: 'app.open', app: '支付宝' });
    await post(s, events);

    // v-1 has a high case, v-2..v-4 a confirmed loss; 'fa' a high case closed as a false alarm.
    await openOrJoinCase(db, { subject: 'v-1', eventId: 'x-1', seq: 1, t: T0, level: 'high', score: 0.9, stage: null, family: null });
    for (const v of ['v-2', 'v-3', 'v-4']) await addLabel(db, { subject: v, label: 'confirmed_loss' });
    const fa = (
      await openOrJoinCase(db, { subject: 'fa', eventId: 'x-2', seq: 2, t: T0, level: 'urgent', score: 0.99, stage: null, family: null })
    ).case;
    await db.query(`UPDATE cases SET status = 'false_alarm', outcome = 'false_alarm' WHERE id = $1::bigint`, [fa.id]);

    const analyst = await s.as('analyst');
    const res = await s.call(analyst, { method: 'GET', url: '/v1/leak-sources?since=2026-04-20&minVictims=1' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      victimsWithOrders: number;
      ordinaryWithOrders: number;
      sources: Source[];
      victimDefinition: { zh: string };
    };
    expect(body.victimsWithOrders).toBe(4);
    expect(body.ordinaryWithOrders).toBe(21); // 20 customers + the false alarm
    expect(body.victimDefinition.zh).toContain('误报');
    // The courier only victims' orders went through ranks first; then the shop they share.
    expect(body.sources[0]).toMatchObject({ kind: 'courier', name: '韵达快递', victims: 3, ordinary: 1 });
    const top = body.sources.filter((x) => x.kind === 'merchant')[0]!;
    expect(top).toMatchObject({ kind: 'merchant', platforms: ['jd', 'taobao'], name: '某某母婴旗舰店', victims: 3, ordinary: 3 });
    expect(top.victimShare).toBeCloseTo(0.75);
    expect(top.ordinaryShare).toBeCloseTo(3 / 21);
    expect(top.lift).toBeCloseTo(smoothedLift(3, 4, 3, 21));
    expect(top.liftLow).toBeCloseTo(liftLowerBound(3, 4, 3, 21));
    expect(top.note.zh).toContain('3 名受害人（75.0%）的订单经过商家「某某母婴旗舰店（京东、淘宝）」');
    const popular = body.sources.find((x) => x.name === '大众百货')!;
    expect(popular).toMatchObject({ victims: 4, ordinary: 16 });
    expect(popular.lift).toBeLessThan(2);
    expect(popular.note.zh).not.toContain('可能从此处泄露');
    expect(body.sources.findIndex((x) => x.name === '韵达快递')).toBeLessThan(body.sources.findIndex((x) => x.name === '中通快递'));
    expect(body.sources.some((x) => x.name === '旧店')).toBe(false);

    const couriers = (await s.call(analyst, { method: 'GET', url: '/v1/leak-sources?kind=courier&minVictims=3' })).json() as {
      sources: Source[];
    };
    expect(couriers.sources.map((x) => x.name)).toEqual(['韵达快递', '中通快递']);
    expect(couriers.sources.every((x) => x.kind === 'courier')).toBe(true);

    // The default minVictims (2) drops one-victim anecdotes; the window can exclude everything.
    const dflt = (await s.call(analyst, { method: 'GET', url: '/v1/leak-sources' })).json() as { sources: Source[] };
    expect(dflt.sources.every((x) => x.victims >= 2)).toBe(true);
    const empty = (await s.call(analyst, { method: 'GET', url: '/v1/leak-sources?since=2027-01-01' })).json();
    expect(empty).toMatchObject({ victimsWithOrders: 0, ordinaryWithOrders: 0, sources: [], total: 0 });

    for (const [url, field] of [
      ['/v1/leak-sources?since=soon', '/since'],
      ['/v1/leak-sources?since=2026-05-02&until=2026-05-01', '/until'],
      ['/v1/leak-sources?kind=bank', '/kind'],
      ['/v1/leak-sources?minVictims=0', '/minVictims'],
    ] as const) {
      const bad = await s.call(analyst, { method: 'GET', url });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().error.field, url).toBe(field);
    }
    expect((await s.call(null, { method: 'GET', url: '/v1/leak-sources' })).statusCode).toBe(401);
    expect((await s.call(await s.key(['lookup', 'events', 'check']), { method: 'GET', url: '/v1/leak-sources' })).statusCode).toBe(403);
  });

  it("finds the simulator's leaky shops, agency and courier among ordinary orders", async () => {
    const options = { seed: 11, customers: 200, victims: 80, days: 5 };
    const pop = simulate(options);
    const o = resolveOptions(options);
    const world = makeWorld(o.seed, o.startMs, o.days, o.victims);
    const truth = new Set([...world.leakyShops, world.leakyAgency, ...world.leakyCouriers.map((i) => COURIERS[i]!.zh)]);
    service = await makeService();
    const s = service;
    await post(s, pop.events as unknown as Raw[]);
    for (const label of pop.labels)
      if (label.role === 'victim') await addLabel(s.store.db, { subject: label.subject, label: 'confirmed_loss' });

    const res = await s.call(await s.as('officer'), { method: 'GET', url: '/v1/leak-sources?minVictims=3' });
    const body = res.json() as { sources: Source[]; victimsWithOrders: number };
    expect(body.victimsWithOrders).toBeGreaterThan(50);
    const top = body.sources.slice(0, 3);
    expect(
      top.every((x) => truth.has(x.name)),
      JSON.stringify(body.sources.slice(0, 6).map((x) => [x.name, x.victims, x.ordinary, x.liftLow])),
    ).toBe(true);
    expect(top[0]!.pValue).toBeLessThan(0.01);
    expect(top[0]!.note.zh).toContain('可能从此处泄露');
    // An ordinary shop of the catalogue is not in the top.
    expect(body.sources.findIndex((x) => !truth.has(x.name))).toBeGreaterThanOrEqual(3);
  });
});

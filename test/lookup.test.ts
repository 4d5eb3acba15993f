import { afterEach, describe, expect, it } from 'vitest';
import { detectValue, LookupInputError } from '../src/service/lookup.js';
import { linkEntities, openOrJoinCase } from '../src/store/index.js';
import { scamPaying } from './cases-journeys.js';
import { makeService, type TestService } from './service-fixture.js';

type Raw = Record<string, unknown>;
const T0 = Date.now() - 2 * 86_400_000;
const CARD = '6222021234567890123';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function post(s: TestService, events: Raw[]): Promise<void> {
  const res = await s.call(await s.key(['events']), { method: 'POST', url: '/v1/events', payload: events });
  expect(res.statusCode).toBe(200);
  expect(res.json().rejected).toBe(0);
}

const lookupUrl = (value: string, type?: string) => `/v1/lookup?value=${encodeURIComponent(value)}${type ? `&type=${type}` : ''}`;

describe('detectValue', () => {
  it.each([
    ['17012345678', ['phone']],
    ['+86 170 1234 5678', ['phone']],
    ['95188', ['phone']],
    ['400-800-8888', ['phone']],
    ['021-12345678', ['phone']],
    ['6222 0212 3456 7890 123', ['account']],
    ['QQ：2456789012', ['qq']],
    ['2456789012', ['qq', 'phone', 'account']],
    ['http://tb-refund.example.cn/claim', ['url']],
    ['tb-refund.example.cn', ['url']],
    ['wxid_abc123def', ['wechat', 'redeemer']],
    ['微信：kefu_taobao88', ['wechat']],
  ])('%s → %j', (value, types) => {
    expect(detectValue(value).types).toEqual(types);
  });

  it('strips a hint prefix and refuses what it cannot read, naming the field', () => {
    expect(detectValue('QQ号: 12345678').value).toBe('12345678');
    for (const [value, type] of [
      ['', undefined],
      ['   ', undefined],
      ['!!!', undefined],
      ['123', undefined],
      ['abc', 'qq'],
      ['not a url', 'url'],
      ['x'.repeat(501), undefined],
    ] as const) {
      let error: unknown;
      try {
        detectValue(value, type);
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(LookupInputError);
      expect((error as LookupInputError).field).toBe('value');
    }
  });
});

describe('GET /v1/lookup', () => {
  it('unknown is an answer: 200 with verdict unknown', async () => {
    service = await makeService();
    const s = service;
    const res = await s.call(await s.key(['lookup']), { method: 'GET', url: lookupUrl('13912345678') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      known: false,
      entity: null,
      knownBad: false,
      verdict: { level: 'unknown' },
      query: { type: 'phone', detected: true },
    });
    expect(res.json().verdict.zh).toMatch(/^未查到记录/);
  });

  it('a reported number is high risk, with the reports counted and never the reporter or the text', async () => {
    service = await makeService();
    const s = service;
    const officer = await s.as('officer');
    for (const reporter of ['张三 13800001111', '李四']) {
      const res = await s.call(officer, {
        method: 'POST',
        url: '/v1/reports',
        payload: { kind: 'victim-report', reporter, text: '冒充客服骗我转账', entities: [{ type: 'phone', value: '+86 170 0000 9999' }] },
      });
      expect(res.statusCode).toBe(201);
    }
    const res = await s.call(await s.key(['lookup']), { method: 'GET', url: lookupUrl('170-0000-9999') });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ known: true, knownBad: true, reports: { count: 2, byStatus: { received: 2, verified: 0, rejected: 0 } } });
    expect(body.reports.latest).toHaveLength(2);
    expect(Object.keys(body.reports.latest[0]).sort()).toEqual(['createdAt', 'family', 'id', 'kind', 'status']);
    expect(res.body).not.toContain('张三');
    expect(res.body).not.toContain('冒充客服骗我转账');
    expect(body.verdict.level).toBe('high');
    expect(body.verdict.zh).toMatch(/^高风险：该号码已被举报 2 次/);
  });

  it('counts linked cases by status and family (no subjects) and the people who paid it recently', async () => {
    service = await makeService();
    const s = service;
    await post(s, [
      ...scamPaying('v-1', T0, '17000000001', CARD),
      ...scamPaying('v-2', T0 + 30 * 60_000, '17000000002', CARD),
      ...scamPaying('v-3', T0 + 60 * 60_000, '17000000003', CARD),
    ]);
    await post(s, [
      { id: 'shop-pay', ts: T0, subject: 'ordinary-1', type: 'transfer', amount: 20, payee: '6212260000000001', payeeType: 'personal' },
    ]);

    const officer = await s.as('officer');
    const res = await s.call(officer, { method: 'GET', url: lookupUrl('6222 0212 3456 7890 123') });
    const body = res.json();
    expect(body.query).toEqual({ type: 'account', value: CARD, detected: true });
    expect(body.cases.count).toBe(3);
    expect(body.cases.byStatus).toEqual({ new: 3 });
    expect(Object.values(body.cases.byFamily as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
    expect(res.body).not.toContain('v-1');
    expect(body.people).toMatchObject({ windowDays: 30, total: 3, recent: 3, recentPaid: 3, recentContacted: 0 });
    expect(body.verdict.level).toBe('high');
    expect(body.verdict.zh).toContain('关联 3 个涉诈预警案件');
    expect(body.verdict.zh).toContain('近 30 天有 3 人向其付款');

    // "Recently" is a window of event time.
    const old = (await s.call(officer, { method: 'GET', url: `${lookupUrl(CARD)}&days=1` })).json();
    expect(old.people).toMatchObject({ total: 3, recent: 0 });

    // Seen, but in no report and no case.
    const plain = (await s.call(officer, { method: 'GET', url: lookupUrl('6212260000000001') })).json();
    expect(plain).toMatchObject({ known: true, knownBad: false, verdict: { level: 'low' }, people: { recentPaid: 1 } });
    expect(plain.verdict.zh).toMatch(/^暂无风险记录/);

    // The caller's number of one case.
    const caller = (await s.call(officer, { method: 'GET', url: lookupUrl('17000000001') })).json();
    expect(caller.cases.count).toBe(1);
    expect(caller.verdict.level).toBe('medium');
    expect(caller.people).toMatchObject({ recentContacted: 1, recentPaid: 0 });
  });

  it('a false alarm does not make an entity risky; a confirmed loss does', async () => {
    service = await makeService();
    const s = service;
    const db = s.store.db;
    await post(s, [
      { id: 'a-1', ts: T0, subject: 'fa', type: 'app.open', app: '支付宝' },
      { id: 'a-2', ts: T0, subject: 'loss', type: 'app.open', app: '支付宝' },
    ]);
    const fa = (
      await openOrJoinCase(db, { subject: 'fa', eventId: 'a-1', seq: 1, t: T0, level: 'high', score: 0.9, stage: null, family: null })
    ).case;
    await db.query(`UPDATE cases SET status = 'false_alarm', outcome = 'false_alarm' WHERE id = $1::bigint`, [fa.id]);
    await linkEntities(db, [{ type: 'wechat', value: 'kefu_helper01', role: 'peer' }], 'case', fa.id);
    const officer = await s.as('officer');
    const one = (await s.call(officer, { method: 'GET', url: lookupUrl('kefu_helper01') })).json();
    expect(one.query.type).toBe('wechat');
    expect(one.cases).toMatchObject({ count: 1, falseAlarms: 1 });
    expect(one.verdict.level).toBe('low');

    const loss = (
      await openOrJoinCase(db, { subject: 'loss', eventId: 'a-2', seq: 2, t: T0, level: 'urgent', score: 0.99, stage: null, family: null })
    ).case;
    await db.query(`UPDATE cases SET status = 'loss_confirmed', outcome = 'loss_confirmed' WHERE id = $1::bigint`, [loss.id]);
    await linkEntities(db, [{ type: 'wechat', value: 'kefu_helper01', role: 'peer' }], 'case', loss.id);
    const two = (await s.call(officer, { method: 'GET', url: lookupUrl('微信：kefu_helper01') })).json();
    expect(two.cases).toMatchObject({ count: 2, lossConfirmed: 1, falseAlarms: 1 });
    expect(two.verdict.level).toBe('high');
    expect(two.verdict.zh).toContain('1 个已确认损失');
  });

  it('matches a site by host, tells official numbers and sites, and picks the type the store knows', async () => {
    service = await makeService();
    const s = service;
    const officer = await s.as('officer');
    await s.call(officer, {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'complaint', entities: [{ type: 'url', value: 'tb-refund.example.cn' }] },
    });
    await post(s, [
      { id: 'l-1', ts: T0, subject: 'u-1', type: 'link.open', url: 'http://TB-Refund.example.cn/claim?id=7' },
      { id: 'q-1', ts: T0, subject: 'u-1', type: 'message', channel: 'qq', direction: 'in', peer: '2456789012', text: '加群' },
    ]);
    const link = (await s.call(officer, { method: 'GET', url: lookupUrl('https://tb-refund.example.cn/other-page') })).json();
    expect(link.known).toBe(true);
    expect(link.related.map((e: { value: string }) => e.value).sort()).toEqual([
      'http://tb-refund.example.cn/claim?id=7',
      'tb-refund.example.cn',
    ]);
    expect(link.verdict.level).toBe('high');
    expect(link.people.recentContacted).toBe(1);

    const official = (await s.call(officer, { method: 'GET', url: lookupUrl('95188') })).json();
    expect(official).toMatchObject({ official: { owner: '支付宝 Alipay' }, verdict: { level: 'official' } });
    expect(official.verdict.zh).toContain('来电显示可以伪造');
    expect((await s.call(officer, { method: 'GET', url: lookupUrl('https://www.taobao.com/') })).json().verdict.level).toBe('official');

    const qq = (await s.call(officer, { method: 'GET', url: lookupUrl('2456789012') })).json();
    expect(qq.query).toMatchObject({ type: 'qq', candidates: ['qq', 'phone', 'account'] });
    expect(qq.known).toBe(true);
    const forced = (await s.call(officer, { method: 'GET', url: lookupUrl('2456789012', 'account') })).json();
    expect(forced).toMatchObject({ known: false, query: { type: 'account', detected: false } });
  });

  it('who may look up: every console role (analysts masked) and keys with the lookup scope; bad input is 400 naming the field', async () => {
    service = await makeService();
    const s = service;
    await s.call(await s.as('officer'), {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'complaint', entities: [{ type: 'phone', value: '17055556666' }] },
    });
    const analyst = await s.call(await s.as('analyst'), { method: 'GET', url: lookupUrl('17055556666') });
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).not.toContain('17055556666');
    expect(analyst.json().verdict.level).toBe('high');
    expect((await s.call(await s.as('admin'), { method: 'GET', url: lookupUrl('17055556666') })).statusCode).toBe(200);
    expect((await s.call(null, { method: 'GET', url: lookupUrl('17055556666') })).statusCode).toBe(401);
    expect((await s.call(await s.key(['events', 'check']), { method: 'GET', url: lookupUrl('17055556666') })).statusCode).toBe(403);

    const key = await s.key(['lookup']);
    for (const [url, field] of [
      ['/v1/lookup', '/value'],
      [lookupUrl('!!!'), '/value'],
      [lookupUrl('17055556666', 'iban'), '/type'],
      [lookupUrl('abc', 'qq'), '/value'],
      [`${lookupUrl('17055556666')}&days=0`, '/days'],
    ] as const) {
      const res = await s.call(key, { method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.field, url).toBe(field);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { validateEvent } from '../src/events/index.js';
import { RiskEngine } from '../src/engine/index.js';
import { linkEventEntities, MAX_ENTITY_CHARS } from '../src/service/entity-intake.js';
import {
  appendEvents,
  entitiesOf,
  entityTargets,
  findEntity,
  linkEntities,
  openOrJoinCase,
  openStore,
  type Queryable,
  type StoredItem,
} from '../src/store/index.js';
import { scamPaying } from './cases-journeys.js';
import { makeService, type TestService } from './service-fixture.js';

type Raw = Record<string, unknown>;

const T0 = Date.now() - 86_400_000;
const CARD = '6222021234567890123';

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

async function post(s: TestService, events: Raw[]) {
  const res = await s.call(await s.key(['events']), { method: 'POST', url: '/v1/events', payload: events });
  expect(res.statusCode).toBe(200);
  return res.json() as { accepted: number; results: { level?: string }[] };
}

/** Counts the statements a hook runs (transactions included as one). */
function counting(tx: Queryable): { q: Queryable; count: () => number } {
  let n = 0;
  const q: Queryable = {
    dialect: tx.dialect,
    query: (sql, params, options) => {
      n++;
      return tx.query(sql, params, options);
    },
    exec: (sql) => {
      n++;
      return tx.exec(sql);
    },
    transaction: (fn) => tx.transaction(fn),
  };
  return { q, count: () => n };
}

describe('entity intake', () => {
  it('links every entity an event names to the event and its subject, normalized', async () => {
    service = await makeService();
    const s = service;
    let i = 0;
    const ev = (subject: string, type: string, fields: Raw): Raw => ({ id: `x-${++i}`, ts: T0 + i * 1000, subject, type, ...fields });
    await post(s, [
      ev('u-1', 'call.start', { peer: '+86 170-1234-5678', direction: 'in' }),
      ev('u-1', 'message', { channel: 'qq', direction: 'in', peer: 'QQ88886666', text: '你好' }),
      ev('u-1', 'message', { channel: 'sms', direction: 'in', peer: '10690000', text: '验证码 123456' }),
      ev('u-1', 'message', { channel: 'im', direction: 'in', peer: 'someone', text: '在吗' }),
      ev('u-1', 'link.open', { url: 'HTTPS://Refund-Taobao.example.com/' }),
      ev('u-1', 'otp.used', { purpose: 'refund', host: 'pay-check.example.net' }),
      ev('u-1', 'transfer', { amount: 100, payee: '6222 0212 3456 7890 123' }),
      ev('u-1', 'giftcard.redeem', { merchant: '当当', amount: 500, redeemer: 'Buyer_X9' }),
      ev('u-1', 'order', { platform: 'taobao', merchant: '某某旗舰店', item: '连衣裙', courier: '中通' }),
      ev('u-2', 'transfer', { amount: 50, payee: CARD }),
      ev('u-2', 'app.open', { app: '支付宝' }),
    ]);
    const db = s.store.db;
    const phone = await findEntity(db, 'phone', '17012345678');
    expect(phone).not.toBeNull();
    expect(await entityTargets(db, phone!.id)).toEqual([
      { targetType: 'event', targetId: 'x-1', role: 'peer' },
      { targetType: 'subject', targetId: 'u-1', role: 'peer' },
    ]);
    const ofU1 = (await entitiesOf(db, 'subject', 'u-1')).map((e) => `${e.type}:${e.value}:${e.role}`);
    expect(ofU1.sort()).toEqual(
      [
        'phone:17012345678:peer',
        'qq:qq88886666:peer',
        'phone:10690000:peer',
        'url:https://refund-taobao.example.com:link',
        'url:pay-check.example.net:otp-host',
        `account:${CARD}:payee`,
        'redeemer:buyer_x9:redeemer',
        'merchant:某某旗舰店:order-merchant',
        'courier:中通:order-courier',
      ].sort(),
    );
    // Two people paid the same card (written with and without spaces): one entity, two subjects.
    const card = await findEntity(db, 'account', CARD);
    const subjects = (await entityTargets(db, card!.id, 'subject')).map((t) => t.targetId);
    expect(subjects).toEqual(['u-1', 'u-2']);
    expect(await entitiesOf(db, 'event', 'x-11')).toEqual([]);
  });

  it('a repeated event id adds nothing; a long URL is cut so the commit never fails', async () => {
    service = await makeService();
    const s = service;
    // 2,000 characters of 3 bytes: past PostgreSQL's btree key limit if stored whole.
    const longUrl = `https://example.com/${'长'.repeat(1980)}`;
    const first = { id: 'd-1', ts: T0, subject: 'u-9', type: 'link.open', url: longUrl };
    const res = await post(s, [
      first,
      { ...first },
      { id: 'd-2', ts: T0 + 1000, subject: 'u-9', type: 'link.open', url: `${longUrl.slice(0, 1990)}?x=2` },
    ]);
    expect(res.accepted).toBe(3);
    const [url] = await entitiesOf(s.store.db, 'subject', 'u-9');
    expect(url!.value.length).toBe(MAX_ENTITY_CHARS);
    expect((await entityTargets(s.store.db, url!.id, 'event')).map((t) => t.targetId)).toEqual(['d-1', 'd-2']);
  });

  it('runs the same one statement for a batch of 5 as for a batch of 1,000', async () => {
    const store = await openStore();
    try {
      const engine = new RiskEngine();
      const items = (n: number, prefix: string) =>
        Array.from({ length: n }, (_, k) => {
          const v = validateEvent({
            id: `${prefix}-${k}`,
            ts: T0 + k,
            subject: `s-${k % 50}`,
            type: 'transfer',
            amount: 10,
            payee: `acct-${k % 120}`,
          });
          if (!v.ok) throw new Error('bad fixture');
          return { event: v.value, decision: engine.process(v.value) };
        });
      const counts: number[] = [];
      for (const [n, prefix] of [
        [5, 'a'],
        [1000, 'b'],
        [1000, 'c'],
      ] as const) {
        await appendEvents(store.db, items(n, prefix), {
          inTransaction: async (tx: Queryable, stored: readonly StoredItem[]) => {
            const c = counting(tx);
            await linkEventEntities(c.q, stored);
            counts.push(c.count());
          },
        });
      }
      expect(counts).toEqual([1, 1, 1]);
      const { rows } = await store.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM entity_links WHERE target_type = 'event'`);
      expect(Number(rows[0]!.n)).toBe(2005);
      // No subject links are written: an entity's subjects are derived from its events.
      const { rows: stored } = await store.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM entity_links WHERE target_type = 'subject'`);
      expect(Number(stored[0]!.n)).toBe(0);
      const { rows: subj } = await store.db.query<{ n: unknown }>(
        `SELECT count(DISTINCT (l.entity_id, ev.subject)) AS n FROM entity_links l JOIN events ev ON ev.id = l.target_id WHERE l.target_type = 'event'`,
      );
      // 120 accounts × the subjects that paid each (k ≡ a mod 120 and b mod 50 → 600 pairs at most).
      expect(Number(subj[0]!.n)).toBe(600);
    } finally {
      await store.close();
    }
  });

  it('touches last_seen_at of entities seen over a minute ago only, by primary key whatever the cached plan', async () => {
    const store = await openStore();
    try {
      const db = store.db;
      // The plan a long-running process keeps: made once, while the entities table was small.
      await db.exec('SET plan_cache_mode = force_generic_plan');
      const engine = new RiskEngine();
      let k = 0;
      const batch = (payees: string[]) =>
        payees.map((payee) => {
          const v = validateEvent({ id: `t-${++k}`, ts: T0 + k, subject: 'u-t', type: 'transfer', amount: 10, payee });
          if (!v.ok) throw new Error('bad fixture');
          return { event: v.value, decision: engine.process(v.value) };
        });
      await appendEvents(db, batch(['acct-old', 'acct-new']), { inTransaction: linkEventEntities });
      await db.exec(`UPDATE entities SET last_seen_at = timestamptz '2026-01-01T00:00:00Z' WHERE value = 'acct-old'`);
      await db.exec(`UPDATE entities SET last_seen_at = now() - interval '10 seconds' WHERE value = 'acct-new'`);
      const before = await findEntity(db, 'account', 'acct-new');
      // Many more entities: a scan of the table per batch would now cost more than the batch.
      await db.exec(`INSERT INTO entities (type, value) SELECT 'phone', 'p' || g FROM generate_series(1, 20000) AS g`);
      await appendEvents(db, batch(['acct-old', 'acct-new', 'acct-3']), { inTransaction: linkEventEntities });
      const old = await findEntity(db, 'account', 'acct-old');
      expect(Date.now() - old!.lastSeenAt.getTime()).toBeLessThan(60_000);
      expect((await findEntity(db, 'account', 'acct-new'))!.lastSeenAt).toEqual(before!.lastSeenAt);
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE kg_event_entities_v4('${JSON.stringify([{ t: 'account', v: 'acct-old', r: 'payee', e: 't-1', s: 'u-t' }])}')`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('Update on entities');
      expect(plan).not.toMatch(/Seq Scan on entities/);
    } finally {
      await store.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the intelligence routes', async () => {
    service = await makeService();
    const res = await service.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    for (const p of [
      '/v1/entities',
      '/v1/entities/{id}',
      '/v1/cases/{id}/network',
      '/v1/lookup',
      '/v1/reports',
      '/v1/reports/{id}',
      '/v1/reports/{id}/status',
      '/v1/leak-sources',
    ]) {
      expect(paths, p).toContain(p);
    }
  });
});

describe('GET /v1/entities', () => {
  it('searches by type and fragment, known bad first; analysts see numbers masked', async () => {
    service = await makeService();
    const s = service;
    await post(s, [
      { id: 'p-1', ts: T0, subject: 'u-1', type: 'transfer', amount: 10, payee: '6222000011112222' },
      { id: 'p-2', ts: T0 + 1, subject: 'u-2', type: 'transfer', amount: 10, payee: CARD },
      ...scamPaying('v-1', T0 + 10 * 60_000, '17000001111', 'other-payee').slice(0, 1),
    ]);
    const officer = await s.as('officer');
    const rep = await s.call(officer, {
      method: 'POST',
      url: '/v1/reports',
      payload: { kind: 'victim-report', entities: [{ type: 'account', value: CARD }] },
    });
    expect(rep.statusCode).toBe(201);

    const res = await s.call(officer, { method: 'GET', url: '/v1/entities?type=account&q=6222' });
    expect(res.statusCode).toBe(200);
    const found = res.json().entities as { value: string; knownBad: boolean; reportCount: number }[];
    expect(found.map((e) => e.value)).toEqual([CARD, '6222000011112222']);
    expect(found[0]).toMatchObject({ knownBad: true, reportCount: 1 });

    const spaced = await s.call(officer, { method: 'GET', url: `/v1/entities?type=account&q=${encodeURIComponent('6222 0212')}` });
    expect(spaced.json().entities.map((e: { value: string }) => e.value)).toEqual([CARD]);

    const analyst = await s.call(await s.as('analyst'), { method: 'GET', url: '/v1/entities?type=account' });
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).not.toContain(CARD);
    expect(analyst.json().entities[0].value).toMatch(/^622\*+0123$/);

    const bad = await s.call(officer, { method: 'GET', url: '/v1/entities?type=iban' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('/type');
    expect((await s.call(null, { method: 'GET', url: '/v1/entities' })).statusCode).toBe(401);
    expect((await s.call(await s.key(['lookup']), { method: 'GET', url: '/v1/entities' })).statusCode).toBe(403);
  });
});

describe('GET /v1/entities/:id and the case network', () => {
  it('follows a shared payee from case to case through the service (intake links cases to entities)', async () => {
    service = await makeService();
    const s = service;
    // Three victims pay the same card; one of them also pays a second mule account the others never touch.
    await post(s, [
      ...scamPaying('v-1', T0, '17000000001', CARD),
      ...scamPaying('v-2', T0 + 20 * 60_000, '17000000002', CARD),
      ...scamPaying('v-3', T0 + 40 * 60_000, '17000000003', CARD),
      { id: 'v-3-extra', ts: T0 + 50 * 60_000, subject: 'v-3', type: 'transfer', amount: 3000, payee: '6217000099998888' },
      { id: 'b-1', ts: T0 + 5 * 60_000, subject: 'ordinary-1', type: 'transfer', amount: 20, payee: 'shop-1', payeeType: 'business' },
    ]);
    const officer = await s.as('officer');
    const card = await findEntity(s.store.db, 'account', CARD);
    const detail = await s.call(officer, { method: 'GET', url: `/v1/entities/${card!.id}` });
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d).toMatchObject({ type: 'account', value: CARD, knownBad: false, subjects: 3 });
    expect(d.roles).toEqual([{ role: 'payee', n: 3 }]);
    expect(d.cases.total).toBe(3);
    expect(d.cases.items.map((c: { subject: string }) => c.subject).sort()).toEqual(['v-1', 'v-2', 'v-3']);
    for (const c of d.cases.items) expect(['high', 'urgent']).toContain(c.level);

    const caseId = d.cases.items.find((c: { subject: string }) => c.subject === 'v-1').caseId as number;
    const net = await s.call(officer, { method: 'GET', url: `/v1/cases/${caseId}/network` });
    expect(net.statusCode).toBe(200);
    const g = net.json() as {
      nodes: { id: string; type: string; hop: number; value?: string }[];
      edges: { source: string; target: string; role: string }[];
      truncated: boolean;
    };
    const root = g.nodes.find((x) => x.hop === 0)!;
    expect(root.id).toBe(`case-${caseId}`);
    const cardNode = g.nodes.find((x) => x.value === CARD)!;
    expect(cardNode.hop).toBe(1);
    // The other two victims' cases are the second hop; v-3's other account is the third.
    expect(g.nodes.filter((x) => x.hop === 2 && x.type === 'case')).toHaveLength(2);
    expect(g.nodes.find((x) => x.value === '6217000099998888')?.hop).toBe(3);
    expect(g.edges.filter((e) => e.target === cardNode.id && e.role === 'payee')).toHaveLength(3);
    for (const e of g.edges) {
      expect(g.nodes.some((x) => x.id === e.source)).toBe(true);
      expect(g.nodes.some((x) => x.id === e.target)).toBe(true);
    }
    expect(g.truncated).toBe(false);
    // The ordinary customer's shop is in nobody's case.
    expect(g.nodes.some((x) => x.value === 'shop-1')).toBe(false);

    expect((await s.call(officer, { method: 'GET', url: '/v1/entities/999999' })).statusCode).toBe(404);
    expect((await s.call(officer, { method: 'GET', url: '/v1/cases/999999/network' })).statusCode).toBe(404);
    const badId = await s.call(officer, { method: 'GET', url: '/v1/entities/abc' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('/id');
  });

  it('bounds the network: a node limit says what it left out, a hub entity is shown but not followed', async () => {
    service = await makeService();
    const s = service;
    const db = s.store.db;
    const trigger = (subject: string, k: number) => ({
      subject,
      eventId: `t-${k}`,
      seq: k,
      t: T0 + k,
      level: 'high' as const,
      score: 0.9,
      stage: 'cash-out',
      family: null,
    });
    // case-events need the trigger events in the log.
    await post(
      s,
      Array.from({ length: 30 }, (_, k) => ({ id: `t-${k}`, ts: T0 + k, subject: `c-${k}`, type: 'app.open', app: '支付宝' })),
    );
    const ids: number[] = [];
    for (let k = 0; k < 30; k++) ids.push((await openOrJoinCase(db, trigger(`c-${k}`, k))).case.id);
    // Case 0 shares a phone with cases 1..5 and an account with everyone (a hub).
    await linkEntities(db, [{ type: 'phone', value: '17099990000', role: 'peer' }], 'case', ids[0]!);
    for (let k = 1; k <= 5; k++) {
      await linkEntities(
        db,
        [
          { type: 'phone', value: '17099990000', role: 'peer' },
          { type: 'qq', value: String(100000 + k), role: 'peer' },
        ],
        'case',
        ids[k]!,
      );
    }
    for (const id of ids) await linkEntities(db, [{ type: 'account', value: '1234567890123456', role: 'payee' }], 'case', id);

    const officer = await s.as('officer');
    const full = (await s.call(officer, { method: 'GET', url: `/v1/cases/${ids[0]}/network?maxFanout=10` })).json();
    // root + phone + hub account + 5 cases + 5 QQ ids
    expect(full.nodes).toHaveLength(13);
    expect(full.nodes.find((x: { value?: string }) => x.value === '1234567890123456').hub).toEqual({ cases: 30 });
    expect(full.notes.some((note: { en: string }) => note.en.includes('not followed'))).toBe(true);

    const cut = (await s.call(officer, { method: 'GET', url: `/v1/cases/${ids[0]}/network?maxFanout=10&limit=5` })).json();
    expect(cut.nodes).toHaveLength(5);
    expect(cut.truncated).toBe(true);
    expect(cut.notes.some((note: { en: string }) => note.en.includes('8 nodes left out'))).toBe(true);
    const ids5 = new Set(cut.nodes.map((x: { id: string }) => x.id));
    for (const e of cut.edges) expect(ids5.has(e.source) && ids5.has(e.target)).toBe(true);

    const analyst = await s.call(await s.as('analyst'), { method: 'GET', url: `/v1/cases/${ids[0]}/network?maxFanout=10` });
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).not.toContain('17099990000');
  });
});

import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Compile } from 'typebox/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { RiskEngine, type Decision } from '../src/engine/index.js';
import { validateEvent, type TimedEvent } from '../src/events/index.js';
import { TextAnalyzer } from '../src/text/index.js';
import { parsePort } from '../src/cli/options.js';
import { buildApp, MemorySink, scrub, type DecidedEvent, type DecisionSink } from '../src/server/index.js';

const analyzer = new TextAnalyzer();
const T0 = Date.parse('2026-05-01T10:00:00+08:00');
const PHONE = '17012345678';
const CARD = '6222021234567890123';

type Raw = Record<string, unknown>;

/** Events of several people, interleaved in time: scams sharing a payee (so cross-subject order matters), everyday life, a duplicate. */
function stream(): Raw[] {
  const out: Raw[] = [];
  let n = 0;
  const at = (min: number, subject: string, type: string, fields: Raw) =>
    out.push({ id: `h-${++n}`, ts: T0 + min * 60_000, subject, type, ...fields });
  for (let v = 0; v < 4; v++) {
    const s = `victim-${v}`;
    const m = v * 7;
    at(m, s, 'call.start', { peer: `1701234${String(5670 + v)}`, direction: 'in', claimedIdentity: '淘宝客服' });
    at(m + 1, s, 'message', {
      channel: 'call-transcript',
      direction: 'in',
      text: '您买的衣服甲醛超标，给您三倍赔偿，请下载腾讯会议，打开屏幕共享',
    });
    at(m + 2, s, 'app.install', { app: '腾讯会议' });
    at(m + 3, s, 'screen.share', { state: 'start', app: '腾讯会议' });
    at(m + 5, s, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 5000 });
    at(m + 8, s, 'transfer', { amount: 4999.5, payee: CARD, payeeType: 'personal', channel: 'bank-app' });
    const b = `benign-${v}`;
    at(m + 1, b, 'call.start', { peer: '13900001111', direction: 'in', inContacts: true });
    at(m + 4, b, 'transfer', { amount: 120, payee: 'shop-1', payeeType: 'business' });
    at(m + 6, b, 'order', { platform: 'taobao', merchant: '某某旗舰店', item: '连衣裙', amount: 199, courier: '中通' });
  }
  out.sort((a, b) => (a.ts as number) - (b.ts as number));
  out.push({ ...out[3] }); // a duplicate id
  return out;
}

function direct(events: readonly Raw[]): Decision[] {
  const engine = new RiskEngine({ analyzer });
  return events.map((raw) => {
    const v = validateEvent(raw);
    if (!v.ok) throw new Error(`bad fixture ${JSON.stringify(v.errors)}`);
    return engine.process(v.value);
  });
}

class LogCapture extends Writable {
  lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

const apps: FastifyInstance[] = [];
function makeApp(options: { sink?: DecisionSink; logs?: LogCapture; engine?: RiskEngine } = {}): FastifyInstance {
  const app = buildApp({
    engine: options.engine ?? new RiskEngine({ analyzer }),
    analyzer,
    sink: options.sink,
    logger: options.logs ? { level: 'info', stream: options.logs } : false,
  });
  apps.push(app);
  return app;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const postEvents = (app: FastifyInstance, payload: unknown) => app.inject({ method: 'POST', url: '/v1/events', payload: payload as Raw });
const postCheck = (app: FastifyInstance, payload: unknown) => app.inject({ method: 'POST', url: '/v1/check', payload: payload as Raw });

describe('POST /v1/events', () => {
  it('decides one event and persists it before answering', async () => {
    const sink = new MemorySink();
    const app = makeApp({ sink });
    const [event] = stream();
    const res = await postEvents(app, event);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(direct([event])[0]);
    expect(sink.items.map((i) => i.decision)).toEqual([res.json()]);
    expect(sink.items[0].event.t).toBe(event.ts);
  });

  it('answers a batch in input order: decisions for the good items, the field for the bad one', async () => {
    const sink = new MemorySink();
    const app = makeApp({ sink });
    const events = stream().slice(0, 5);
    const bad = { ...events[2], id: 'bad-1', ts: 'yesterday' };
    const batch = [events[0], events[1], bad, events[2], events[3], { id: 'bad-2', type: 'transfer' }, events[4]];
    const res = await postEvents(app, batch);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { results: unknown[]; accepted: number; rejected: number };
    expect(body.accepted).toBe(5);
    expect(body.rejected).toBe(2);
    expect(body.results).toHaveLength(7);
    const expected = direct(events);
    expect([0, 1, 3, 4, 6].map((i) => body.results[i])).toEqual(expected);
    expect(body.results[2]).toMatchObject({ index: 2, eventId: 'bad-1', error: { code: 'INVALID_EVENT', fields: [{ field: '/ts' }] } });
    const second = body.results[5] as { index: number; error: { fields: { field: string; expected: string; zh: string }[] } };
    expect(second.index).toBe(5);
    expect(second.error.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['/ts', '/subject', '/amount', '/payee']));
    expect(second.error.fields.every((f) => f.zh.length > 0 && f.expected.length > 0)).toBe(true);
    // Only the valid items were persisted, in order, in one call.
    expect(sink.calls).toBe(1);
    expect(sink.items.map((i) => i.decision)).toEqual(expected);
  });

  it('rejects one invalid event with 400 naming the field', async () => {
    const sink = new MemorySink();
    const app = makeApp({ sink });
    const res = await postEvents(app, { ...stream()[0], direction: 'sideways' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; field: string; message: string; messageEn: string; fields: unknown[] } };
    expect(error).toMatchObject({ code: 'INVALID_EVENT', field: '/direction' });
    expect(error.message).toMatch(/direction/);
    expect(error.messageEn).toMatch(/in, out/);
    expect(sink.calls).toBe(0);
  });

  it('gives the same decisions as the engine, whatever the batch sizes', async () => {
    const events = stream();
    const expected = direct(events);
    expect(expected.some((d) => d.action === 'hold' || d.action === 'block')).toBe(true);
    for (const size of [1, 3, 7, 1000]) {
      const app = makeApp();
      const got: unknown[] = [];
      for (let i = 0; i < events.length; i += size) {
        const chunk = events.slice(i, i + size);
        const res = await postEvents(app, size === 1 ? chunk[0] : chunk);
        expect(res.statusCode).toBe(200);
        if (size === 1) got.push(res.json());
        else got.push(...(res.json() as { results: unknown[] }).results);
      }
      expect(JSON.stringify(got), `batches of ${size}`).toBe(JSON.stringify(expected));
    }
  });

  it('keeps order when requests overlap: each batch is decided in one step, in arrival order', async () => {
    const events = stream();
    const app = makeApp();
    const half = Math.ceil(events.length / 2);
    const [a, b] = await Promise.all([postEvents(app, events.slice(0, half)), postEvents(app, events.slice(half))]);
    const got = [...(a.json() as { results: unknown[] }).results, ...(b.json() as { results: unknown[] }).results];
    expect(JSON.stringify(got)).toBe(JSON.stringify(direct(events)));
  });

  it('413 for a batch over 1000 items and for a body over 5 MiB; nothing is decided', async () => {
    const sink = new MemorySink();
    const app = makeApp({ sink });
    const [event] = stream();
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...event, id: `x-${i}` }));
    const res = await postEvents(app, many);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'BATCH_TOO_LARGE' } });
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/1000/);

    const huge = [{ ...event, type: 'message', channel: 'sms', direction: 'in', text: '退款'.repeat(1_000_000) }];
    const big = await postEvents(app, huge);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE', messageEn: expect.stringMatching(/5 MiB/) } });
    expect(sink.calls).toBe(0);
  });

  it('waits for the sink: a slow sink delays the reply', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: DecidedEvent[] = [];
    const sink: DecisionSink = {
      async persist(items) {
        seen.push(...items);
        await gate;
      },
    };
    const app = makeApp({ sink });
    let answered = false;
    const pending = postEvents(app, stream().slice(0, 3)).then((r) => ((answered = true), r));
    for (let i = 0; i < 20 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false);
    release();
    const res = await pending;
    expect(res.statusCode).toBe(200);
    expect((res.json() as { accepted: number }).accepted).toBe(3);
  });

  it('503 when the sink fails; the failure is logged without personal numbers, and the next request works', async () => {
    const logs = new LogCapture();
    let fail = true;
    const sink: DecisionSink = {
      persist: async () => {
        if (fail) throw new Error(`connection reset while writing payee ${CARD} for caller ${PHONE}`);
      },
    };
    const app = makeApp({ sink, logs });
    const events = stream();
    const res = await postEvents(app, events.slice(0, 2));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
    const failure = logs.lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } })
      .find((l) => l.level >= 50);
    expect(failure?.msg).toBe('persisting decisions failed');
    expect(failure?.err?.message).toMatch(/connection reset/);
    fail = false;
    const next = await postEvents(app, events.slice(2, 4));
    expect(next.statusCode).toBe(200);
    expect(logs.text).not.toContain(CARD);
    expect(logs.text).not.toContain(PHONE);
  });

  it('an engine failure on one item is reported on that item; the others and later requests are decided', async () => {
    class Flaky extends RiskEngine {
      override process(timed: TimedEvent): Decision {
        if (timed.event.id === 'boom') throw new Error('engine bug');
        return super.process(timed);
      }
    }
    const app = makeApp({ engine: new Flaky({ analyzer }) });
    const [a, b] = stream();
    const res = await postEvents(app, [a, { ...b, id: 'boom' }, b]);
    const results = (res.json() as { results: Raw[] }).results;
    expect(res.statusCode).toBe(200);
    expect(results[1]).toMatchObject({ index: 1, error: { code: 'ENGINE_ERROR' } });
    expect(results[2]).toMatchObject({ eventId: b.id });
    expect((await postEvents(app, { ...b, id: 'boom' })).statusCode).toBe(500);
    expect((await postEvents(app, { ...b, id: 'after' })).statusCode).toBe(200);
  });
});

describe('bad requests', () => {
  it('400 for invalid JSON, 415 for a wrong content type, 404 JSON for unknown routes', async () => {
    const app = makeApp();
    const badJson = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { 'content-type': 'application/json' },
      payload: '{"id": "e-1",',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toEqual({
      error: { code: 'BAD_JSON', message: '请求体不是合法的 JSON', messageEn: 'the request body is not valid JSON' },
    });

    const empty = await app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);

    const xml = await app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/xml' }, payload: '<e/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const text = await app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);

    const missing = await app.inject({ method: 'GET', url: '/v2/nothing?phone=13800138000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/json/);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND', messageEn: 'no such route: GET /v2/nothing' } });
    expect((await app.inject({ method: 'GET', url: '/v1/events' })).statusCode).toBe(404);
  });

  it('one bad request among many does not affect the others', async () => {
    const app = makeApp();
    const events = stream();
    const [bad, good, huge] = await Promise.all([
      app.inject({ method: 'POST', url: '/v1/events', headers: { 'content-type': 'application/json' }, payload: '[{"id":' }),
      postEvents(app, events.slice(0, 3)),
      postCheck(app, { text: '退'.repeat(2_000_000) }),
    ]);
    expect([bad.statusCode, good.statusCode, huge.statusCode]).toEqual([400, 200, 413]);
    expect((good.json() as { results: unknown[] }).results).toEqual(direct(events.slice(0, 3)));
  });

  it('logs no request bodies, phone or card numbers', async () => {
    const logs = new LogCapture();
    const app = makeApp({ logs });
    const events = stream();
    await postEvents(app, events);
    await postEvents(app, { ...events[0], direction: PHONE });
    await postCheck(app, { text: `客服：我是淘宝客服，请加QQ，打 ${PHONE} 转账到 ${CARD}` });
    await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { 'content-type': 'application/json' },
      payload: `{"peer": "${PHONE}"`,
    });
    await app.inject({ method: 'GET', url: `/lookup/${PHONE}?card=${CARD}` });
    expect(logs.lines.length).toBeGreaterThan(8);
    for (const secret of [PHONE, CARD, '甲醛', '淘宝客服', 'victim-0']) expect(logs.text).not.toContain(secret);
  });
});

describe('POST /v1/check', () => {
  const scam = '客服：您好，我是淘宝客服，您买的衣服甲醛超标，给您三倍赔偿\n我：好的\n客服：请下载腾讯会议，打开屏幕共享，开通备用金';

  it('assesses {text}, {turns} and a text/plain body like the analyzer', async () => {
    const app = makeApp();
    const res = await postCheck(app, { text: scam });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(analyzer.assess(scam))));
    expect(res.json()).toMatchObject({ scam: true, family: 'quality-refund' });

    const turns = [
      { speaker: 'caller', text: '您好，我是京东金融客服，您的京东金条利率不合规，需要注销' },
      { speaker: 'callee', text: '怎么注销' },
      { speaker: 'caller', text: '您先把额度提出来转到我们的安全账户' },
    ];
    const byTurns = await postCheck(app, { turns });
    expect(byTurns.statusCode).toBe(200);
    expect(byTurns.json()).toEqual(JSON.parse(JSON.stringify(analyzer.assess({ turns }))));

    const plain = await app.inject({
      method: 'POST',
      url: '/v1/check',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      payload: scam,
    });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).toEqual(res.json());

    const benign = await postCheck(app, { text: '妈，我晚上回家吃饭，帮我留点汤' });
    expect(benign.json()).toMatchObject({ scam: false });
  });

  it('400 naming the field for bad input, 413 when too large', async () => {
    const app = makeApp();
    const cases: [unknown, number, string, string | undefined][] = [
      [
        {
          turns: [
            { speaker: 'caller', text: 'ok' },
            { speaker: 'callee', text: 7 },
          ],
        },
        400,
        'TURN_TEXT',
        '/turns/1/text',
      ],
      [{ turns: [{ speaker: 3, text: 'hi' }] }, 400, 'TURN_SPEAKER', '/turns/0/speaker'],
      [{ turns: 'hello' }, 400, 'TURNS_NOT_ARRAY', '/turns'],
      [{ turns: [] }, 400, 'EMPTY', '/turns'],
      [{ text: 42 }, 400, 'BAD_TEXT', '/text'],
      [{ text: '   ' }, 400, 'EMPTY', '/text'],
      [{ words: 'hi' }, 400, 'NO_CONTENT', '/text'],
      [['hi'], 400, 'NOT_OBJECT', ''],
      [{ text: 'x'.repeat(1024 * 1024 + 10) }, 413, 'TOO_LARGE', '/text'],
      [{ text: 'x'.repeat(2 * 1024 * 1024) }, 413, 'BODY_TOO_LARGE', undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await postCheck(app, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(status);
      const { error } = res.json() as { error: { code: string; field?: string; message: string; messageEn: string } };
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.messageEn.length).toBeGreaterThan(0);
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/check',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": "hi',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BAD_JSON' } });
  });
});

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

describe('operations', () => {
  it('/docs/json is an OpenAPI 3.1 document listing the routes, with every $ref resolved, that matches real responses', async () => {
    const app = makeApp();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('KefuGuard API');
    expect(Object.keys(doc.paths).sort()).toEqual(['/healthz', '/metrics', '/v1/check', '/v1/events']);
    expect(Object.keys(doc.paths['/v1/events'])).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/events'].post.responses).sort()).toEqual(['200', '400', '413', '415', '503']);
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(expect.arrayContaining(['Decision', 'ItemError', 'kefuguard-event', 'kefuguard-event.transfer']));
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
    const refs = [...res.body.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();

    // The documented schemas accept what the service actually sends.
    const check = (name: string) => Compile({ $ref: `#/components/schemas/${name}`, components: doc.components } as never);
    const response = (path: string, status: string) =>
      Compile({
        ...(doc.paths[path].post.responses[status].content!['application/json'].schema as object),
        components: doc.components,
      } as never);
    const decisions = direct(stream());
    const decision = check('Decision');
    for (const d of decisions) expect(decision.Check(JSON.parse(JSON.stringify(d))), JSON.stringify(decision.Errors(d)[1][0])).toBe(true);
    expect(check('kefuguard-event').Check(stream()[0])).toBe(true);
    expect(check('kefuguard-event').Check({ ...stream()[0], direction: 'sideways' })).toBe(false);
    const assessment = JSON.parse((await postCheck(app, { text: '我是淘宝客服，给您三倍赔偿，加我QQ 12345678' })).body);
    expect(response('/v1/check', '200').Check(assessment)).toBe(true);
    const error = JSON.parse((await postEvents(app, { type: 'nope' })).body);
    expect(response('/v1/events', '400').Check(error)).toBe(true);
    const batch = JSON.parse((await postEvents(app, [stream()[0], { type: 'nope' }])).body);
    expect(response('/v1/events', '200').Check(batch)).toBe(true);
  });

  it('/docs serves Swagger UI from local files only', async () => {
    const app = makeApp();
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('/healthz answers with the versions', async () => {
    const res = await makeApp().inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', typologyVersion: expect.any(String), policyVersion: expect.any(String) });
  });

  it('/metrics counts requests by route and status, decisions by action, and latency', async () => {
    const app = makeApp();
    const events = stream();
    await postEvents(app, events);
    await postEvents(app, events[0]);
    await postEvents(app, { type: 'nope' });
    await app.inject({ method: 'GET', url: '/nowhere' });
    await postCheck(app, { text: '妈，我晚上回家吃饭' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const value = (series: string): number => {
      const line = res.body.split('\n').find((l) => l.startsWith(series + ' '));
      return line === undefined ? NaN : Number(line.slice(series.length + 1));
    };
    expect(value('kefuguard_http_requests_total{route="/v1/events",method="POST",status="200"}')).toBe(2);
    expect(value('kefuguard_http_requests_total{route="/v1/events",method="POST",status="400"}')).toBe(1);
    expect(value('kefuguard_http_requests_total{route="unmatched",method="GET",status="404"}')).toBe(1);
    expect(value('kefuguard_http_requests_total{route="/v1/check",method="POST",status="200"}')).toBe(1);
    expect(value('kefuguard_http_request_duration_seconds_count{route="/v1/events",method="POST"}')).toBe(3);
    const byAction = direct([...events, events[0]]).reduce<Record<string, number>>(
      (acc, d) => ((acc[d.action] = (acc[d.action] ?? 0) + 1), acc),
      {},
    );
    for (const [action, count] of Object.entries(byAction))
      expect(value(`kefuguard_events_decided_total{action="${action}"}`), action).toBe(count);
    expect(value('kefuguard_events_invalid_total')).toBe(1);
  });
});

describe('helpers', () => {
  it('scrub masks phone and card numbers but keeps short numbers', () => {
    expect(scrub(`call ${PHONE}, card 6222 0212 3456 7890, +86 138-0013-8000, status 503, 42 items`)).toBe(
      'call [number:11], card [number:16], [number:13], status 503, 42 items',
    );
  });

  it('parsePort accepts ports and names the option otherwise', () => {
    expect(parsePort('8080')).toBe(8080);
    expect(() => parsePort('http')).toThrow(/--port/);
    expect(() => parsePort('70000')).toThrow(/--port/);
  });
});

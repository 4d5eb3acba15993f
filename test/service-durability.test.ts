import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../src/engine/index.js';
import { makeService, type TestService } from './service-fixture.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');
const DAY = 86_400_000;
let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

const call = (n: number, subject: string, t: number) => ({
  id: `d-${n}`,
  ts: t,
  subject,
  type: 'call.start',
  peer: '17012345678',
  direction: 'in',
  claimedIdentity: '淘宝客服',
});

describe('what the engine sees is what the log keeps', () => {
  it('rejects an event the log cannot store before the engine sees it', async () => {
    service = await makeService();
    const key = await service.key(['events']);
    const bad = { ...call(1, 'u-1', T0), type: 'message', channel: 'sms', direction: 'in', text: 'a\u0000b' };
    const res = await service.call(key, { method: 'POST', url: '/v1/events', payload: [bad, call(2, 'u-2', T0)] });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { results: ({ error?: { fields: { field: string }[] } } & Partial<Decision>)[]; accepted: number };
    expect(body.accepted).toBe(1);
    expect(body.results[0]!.error?.fields[0]!.field).toBe('/text');
    expect(service.engine.stats().events).toBe(1);
  });

  it('answers an id the engine has forgotten with the decision the log kept', async () => {
    service = await makeService();
    const key = await service.key(['events']);
    const post = async (payload: object) => (await service!.call(key, { method: 'POST', url: '/v1/events', payload })).json() as Decision;
    const first = await post(call(1, 'u-1', T0));
    // Three days later the engine's 48 h duplicate window has moved past d-1.
    await post(call(2, 'u-2', T0 + 3 * DAY));
    const processed = service.engine.stats().events;
    const again = await post(call(1, 'u-1', T0));
    expect(again.duplicate).toBe(true);
    expect(again.reasons[0]!.code).toBe('DUPLICATE');
    expect({ ...again, duplicate: undefined, reasons: [] }).toEqual({ ...first, duplicate: undefined, reasons: [] });
    expect(service.engine.stats().events).toBe(processed);
  });

  it('after a failed commit answers 503, rebuilds the engine from the log, and then decides as if the failed events never came', async () => {
    service = await makeService();
    const key = await service.key(['events']);
    const post = (payload: object) => service!.call(key, { method: 'POST', url: '/v1/events', payload });
    expect((await post(call(1, 'u-1', T0))).statusCode).toBe(200);
    await service.store.db.exec('ALTER TABLE decisions RENAME TO decisions_away');
    const failed = await post(call(2, 'u-1', T0 + 60_000));
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBe('1');
    await service.store.db.exec('ALTER TABLE decisions_away RENAME TO decisions');
    let status = 503;
    for (let i = 0; i < 100 && status === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await post(call(3, 'u-3', T0 + 120_000))).statusCode;
    }
    expect(status).toBe(200);
    // d-2 never reached the log, so the rebuilt engine has not seen it: sending it now is new, not a duplicate.
    const retried = (await post(call(2, 'u-1', T0 + 60_000))).json() as Decision;
    expect(retried.duplicate).toBeUndefined();
    const { rows } = await service.store.db.query('SELECT id FROM events ORDER BY seq');
    expect(rows.map((r) => r.id)).toEqual(['d-1', 'd-3', 'd-2']);
  });
});

import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertStream } from '../src/service/alerts-stream.js';
import { CommitSignal } from '../src/service/commit-signal.js';
import { listAudit } from '../src/store/index.js';
import { makeService, type Credentials, type TestService } from './service-fixture.js';
import { parcelScam, post, refundScam } from './cases-journeys.js';

const T0 = Date.parse('2026-05-01T10:00:00+08:00');

let svc: TestService;
let events: Credentials;

beforeEach(async () => {
  svc = await makeService();
  events = await svc.key(['events']);
});
afterEach(async () => {
  await svc.close();
});

interface AlertJson {
  id: number;
  eventId: string;
  level: string;
  family: string | null;
  status: string;
  reasons: { code: string; text: string }[];
}

describe('alert queue', () => {
  it('puts urgent first, then high, then medium, oldest first within a level, and pages with a cursor', async () => {
    // Three requests, so the alerts of each are created in order: v1 (refund) then v2 (parcel) then v3.
    await post(svc, events, refundScam('v1', T0));
    await post(svc, events, parcelScam('v2', T0));
    await post(svc, events, refundScam('v3', T0, 'w3').slice(0, 3));
    const analyst = await svc.as('analyst');
    const get = async (query: string) => {
      const res = await svc.call(analyst, { method: 'GET', url: `/v1/alerts${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: AlertJson[]; nextCursor: string | null };
    };
    const all = await get('?limit=500');
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((a) => `${a.level}:${a.eventId}`)).toEqual([
      'urgent:v1-6',
      'urgent:v1-7',
      'urgent:v2-6',
      'high:v1-3',
      'high:v1-4',
      'high:v1-5',
      'high:v2-3',
      'high:v2-4',
      'high:v2-5',
      'high:w3-3',
      'medium:v1-2',
      'medium:v2-2',
      'medium:w3-2',
    ]);
    expect(all.items[0]!.reasons.map((r) => r.code)).toContain('LOAN_THEN_TRANSFER');

    // Walking the pages of 4 gives the same order, each alert once.
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(`?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      walked.push(...page.items.map((a) => a.eventId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items.map((a) => a.eventId));

    expect((await get('?level=urgent')).items.map((a) => a.eventId)).toEqual(['v1-6', 'v1-7', 'v2-6']);
    expect((await get('?minLevel=high')).items).toHaveLength(10);
    expect((await get('?family=parcel-claim')).items.map((a) => a.eventId)).toEqual(['v2-6', 'v2-3', 'v2-4', 'v2-5', 'v2-2']);
    expect((await get('?status=acknowledged')).items).toEqual([]);
    expect((await get('?since=2999-01-01')).items).toEqual([]);
    expect((await get(`?since=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`)).items).toHaveLength(13);

    const bad = async (query: string, field: string) => {
      const res = await svc.call(analyst, { method: 'GET', url: `/v1/alerts${query}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    };
    await bad('?level=severe', '/level');
    await bad('?limit=0', '/limit');
    await bad('?cursor=nonsense', '/cursor');
    await bad('?since=yesterday', '/since');
  });

  it('masks numbers for analysts, not for officers', async () => {
    await post(svc, events, refundScam('v1', T0).slice(0, 3));
    const text = async (role: 'analyst' | 'officer') => (await svc.call(await svc.as(role), { method: 'GET', url: '/v1/alerts' })).body;
    expect(await text('officer')).toContain('17012345670');
    expect(await text('analyst')).not.toContain('17012345670');
    expect(await text('analyst')).toContain('170****5670');
  });

  it('acknowledges: officers only, once, audited', async () => {
    await post(svc, events, refundScam('v1', T0).slice(0, 3));
    const [first] = (await svc.store.db.query<{ id: unknown }>('SELECT id FROM alerts ORDER BY id')).rows;
    const id = Number(first!.id);
    const ack = async (who: Credentials, alertId: number | string = id) =>
      svc.call(who, { method: 'POST', url: `/v1/alerts/${alertId}/ack`, payload: {} });
    expect((await ack(await svc.as('analyst'))).statusCode).toBe(403);
    const officer = await svc.as('officer');
    const done = await ack(officer);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id, status: 'acknowledged', acknowledgedBy: expect.any(Number) });
    const again = await ack(officer);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALERT_NOT_OPEN');
    expect((await ack(officer, 987654)).json().error.code).toBe('ALERT_NOT_FOUND');
    expect((await ack(officer, 'x')).statusCode).toBe(400);
    const withoutToken = Object.fromEntries(Object.entries(officer).filter(([k]) => k !== 'x-csrf-token'));
    expect((await ack(withoutToken)).statusCode).toBe(403);
    const trail = await listAudit(svc.store.db, { targetType: 'alert', targetId: id });
    expect(trail.map((a) => a.action)).toEqual(['alert.ack']);
    const open = await svc.call(officer, { method: 'GET', url: '/v1/alerts' });
    expect(open.json().items.map((a: AlertJson) => a.id)).not.toContain(id);
  });
});

/** Reads Server-Sent Events from a response until `until` says so (or the time runs out). */
class SseReader {
  private buffer = '';
  private ended = false;
  readonly events: { id?: string; event?: string; data?: string; comment?: string; retry?: string }[] = [];
  constructor(response: http.IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.parse();
    });
    response.on('close', () => (this.ended = true));
  }

  get done(): boolean {
    return this.ended;
  }

  private parse(): void {
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const event: SseReader['events'][number] = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon) as 'id' | 'event' | 'data' | 'retry';
          event[field] = line.slice(colon + 1).replace(/^ /, '');
        }
      }
      this.events.push(event);
    }
  }

  async until(done: (events: SseReader['events']) => boolean, timeoutMs = 10_000): Promise<SseReader['events']> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.events)) {
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.events)}`);
      if (this.ended) throw new Error(`stream ended; got ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.events;
  }

  alerts(): AlertJson[] {
    return this.events.filter((e) => e.event === 'alert').map((e) => JSON.parse(e.data!) as AlertJson);
  }
}

describe('alert stream (Server-Sent Events)', () => {
  async function listen(): Promise<string> {
    await svc.app.listen({ port: 0, host: '127.0.0.1' });
    const address = svc.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}`;
  }

  /** A plain socket per stream (as a browser's EventSource has), closed for good by `close`. */
  async function open(base: string, who: Credentials, query = '', headers: Record<string, string> = {}) {
    const req = http.get(`${base}/v1/alerts/stream${query}`, { headers: { ...who, ...headers }, agent: false });
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => req.once('response', resolve).once('error', reject));
    return { res, reader: new SseReader(res), close: () => req.destroy() };
  }

  it('delivers committed alerts as they are raised and resumes after Last-Event-ID', async () => {
    const base = await listen();
    const officer = await svc.as('officer');
    const stream = await open(base, officer);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
    await stream.reader.until((e) => e.some((x) => x.retry !== undefined));

    const scam = refundScam('v1', T0);
    await post(svc, events, scam.slice(0, 3)); // medium (message) and high (app.install)
    const live = await stream.reader.until((e) => e.filter((x) => x.event === 'alert').length >= 2);
    const sent = stream.reader.alerts();
    expect(sent.map((a) => [a.eventId, a.level])).toEqual([
      ['v1-2', 'medium'],
      ['v1-3', 'high'],
    ]);
    // The SSE id is the alert id, and what was sent is what is stored.
    const stored = (await svc.store.db.query<{ id: unknown; event_id: string }>('SELECT id, event_id FROM alerts ORDER BY id')).rows;
    expect(live.filter((x) => x.event === 'alert').map((x) => Number(x.id))).toEqual(stored.map((r) => Number(r.id)));
    expect(sent[1]!.reasons.map((r) => r.code)).toContain('MEETING_APP_INSTALL');
    stream.close();

    // While nobody listens, more alerts are raised; a reconnect with Last-Event-ID gets exactly those after it.
    await post(svc, events, scam.slice(3));
    const resumed = await open(base, officer, '', { 'last-event-id': String(Number(stored[0]!.id)) });
    await resumed.reader.until((e) => e.filter((x) => x.event === 'alert').length >= 5);
    expect(resumed.reader.alerts().map((a) => a.eventId)).toEqual(['v1-3', 'v1-4', 'v1-5', 'v1-6', 'v1-7']);
    resumed.close();

    // ?after= does the same; minLevel filters.
    const urgent = await open(base, officer, `?after=0&minLevel=urgent`);
    await urgent.reader.until((e) => e.filter((x) => x.event === 'alert').length >= 2);
    expect(urgent.reader.alerts().map((a) => a.eventId)).toEqual(['v1-6', 'v1-7']);
    urgent.close();
  });

  it('masks numbers for analysts in the stream', async () => {
    const base = await listen();
    const stream = await open(base, await svc.as('analyst'), '?after=0');
    await post(svc, events, refundScam('v1', T0).slice(0, 2));
    await stream.reader.until((e) => e.some((x) => x.event === 'alert'));
    const data = stream.reader.events.find((x) => x.event === 'alert')!.data!;
    expect(data).not.toContain('17012345670');
    expect(data).toContain('170****5670');
    expect(JSON.parse(data).eventId).toBe('v1-2');
    stream.close();
  });

  it('refuses callers without a console role, and bad cursors', async () => {
    // These are refused before any streaming starts, so inject sees them whole.
    const stream = (who: Credentials | null, headers: Record<string, string> = {}, query = '') =>
      svc.call(who, { method: 'GET', url: `/v1/alerts/stream${query}`, headers });
    expect((await stream(null)).statusCode).toBe(401);
    expect((await stream(events)).statusCode).toBe(403);
    const analyst = await svc.as('analyst');
    const bad = await stream(analyst, { 'last-event-id': 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('/headers/last-event-id');
    expect((await stream(analyst, {}, '?minLevel=loud')).json().error.field).toBe('/minLevel');
  });

  it('lets the server close while a stream is open', async () => {
    const base = await listen();
    const stream = await open(base, await svc.as('officer'));
    await stream.reader.until((e) => e.length > 0);
    const started = Date.now();
    await svc.app.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.reader.done).toBe(true);
  });
});

describe('AlertStream', () => {
  it('subscribes to commits, sends heartbeats, and unsubscribes on stop', async () => {
    const committed = new CommitSignal();
    const chunks: string[] = [];
    const stream = new AlertStream({
      db: svc.store.db,
      committed,
      after: 0,
      heartbeatMs: 20,
      write: async (chunk) => {
        chunks.push(chunk);
      },
      onError: (e) => {
        throw e;
      },
    });
    await stream.start();
    expect(committed.size).toBe(1);
    expect(chunks[0]).toBe('retry: 3000\n\n');
    await post(svc, events, refundScam('v1', T0).slice(0, 3));
    committed.notify();
    committed.notify(); // coalesced with the read in flight: nothing is sent twice
    await new Promise((r) => setTimeout(r, 300));
    const alerts = chunks.filter((c) => c.includes('event: alert'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatch(/^id: \d+\nevent: alert\ndata: \{.*"eventId":"v1-2"/);
    expect(chunks.filter((c) => c === ': heartbeat\n\n').length).toBeGreaterThan(1);
    expect(stream.lastId).toBe(Number(/^id: (\d+)/.exec(alerts[1]!)![1]));
    stream.stop();
    expect(committed.size).toBe(0);
    const after = chunks.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(chunks.length).toBe(after);
  });
});

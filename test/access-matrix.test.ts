import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, registeredRoutes, SESSION_COOKIE } from '../src/server/access.js';
import { createApiKey, createSession, createUser, type ApiScope, type Role } from '../src/store/index.js';
import { makeService, type TestService } from './service-fixture.js';

/**
 * Every route of the store-backed service against every kind of caller: who gets in, who gets 401
 * (no credentials) and who gets 403 (credentials without the role or scope).
 *
 * The table is written out by hand from the roles as the product defines them (analyst: reads,
 * numbers masked; officer: works cases and reports; admin: everything plus users, keys, policy and
 * audit; keys: only their scope). It is NOT derived from the routes' `config.access`, so a route
 * that declares the wrong access fails here; and a route missing from the table fails too.
 */

type Who = 'anonymous' | 'analyst' | 'officer' | 'admin' | 'key:events' | 'key:check' | 'key:lookup';
const EVERYONE: readonly Who[] = ['anonymous', 'analyst', 'officer', 'admin', 'key:events', 'key:check', 'key:lookup'];

const PUBLIC = EVERYONE;
const CONSOLE: readonly Who[] = ['analyst', 'officer', 'admin'];
const WORKERS: readonly Who[] = ['officer', 'admin'];
const ADMIN: readonly Who[] = ['admin'];

/** `METHOD /path` → who may call it. */
const TABLE: Record<string, readonly Who[]> = {
  // operations and documentation
  'GET /healthz': PUBLIC,
  'GET /metrics': PUBLIC,
  'GET /docs': PUBLIC,
  'HEAD /docs/': PUBLIC,
  'GET /docs/json': PUBLIC,
  'GET /docs/yaml': PUBLIC,
  'GET /docs/static/index.html': PUBLIC,
  'GET /docs/static/swagger-initializer.js': PUBLIC,
  'GET /docs/static/*': PUBLIC,
  'HEAD /docs/static/*': PUBLIC,

  // decisions: sending systems by scope; conversations may also be checked from the console
  'POST /v1/events': ['key:events'],
  'POST /v1/check': ['key:check', ...CONSOLE],

  // sessions
  'POST /v1/auth/login': PUBLIC,
  'POST /v1/auth/logout': CONSOLE,
  'GET /v1/auth/me': CONSOLE,
  'POST /v1/auth/password': CONSOLE,

  // administration
  'GET /v1/admin/users': ADMIN,
  'POST /v1/admin/users': ADMIN,
  'PATCH /v1/admin/users/:id': ADMIN,
  'POST /v1/admin/users/:id/password': ADMIN,
  'GET /v1/admin/keys': ADMIN,
  'POST /v1/admin/keys': ADMIN,
  'POST /v1/admin/keys/:id/revoke': ADMIN,
  'GET /v1/admin/audit': ADMIN,
  'GET /v1/admin/policy': ADMIN,

  // alerts and cases: everyone in the console reads; officers work them
  'GET /v1/alerts': CONSOLE,
  'GET /v1/alerts/stream': CONSOLE,
  'POST /v1/alerts/:id/ack': WORKERS,
  'GET /v1/cases': CONSOLE,
  'GET /v1/cases/:id': CONSOLE,
  'GET /v1/cases/:id/script': CONSOLE,
  'POST /v1/cases/:id/assign': WORKERS,
  'POST /v1/cases/:id/status': WORKERS,
  'POST /v1/cases/:id/notes': WORKERS,
  'GET /v1/stats': CONSOLE,

  // entities, networks, leak sources: reads for the whole console
  'GET /v1/entities': CONSOLE,
  'GET /v1/entities/:id': CONSOLE,
  'GET /v1/cases/:id/network': CONSOLE,
  'GET /v1/leak-sources': CONSOLE,

  // lookups (风险查询): the console, and sending systems with the lookup scope
  'GET /v1/lookup': ['key:lookup', ...CONSOLE],

  // reports: officers file and review them; a sending system that may send events may also send a
  // victim's report (it could send the same as a `report` event)
  'POST /v1/reports': ['key:events', ...WORKERS],
  'GET /v1/reports': CONSOLE,
  'GET /v1/reports/:id': CONSOLE,
  'POST /v1/reports/:id/status': WORKERS,
};

/**
 * Routes whose replies may hold phone, ID, card or account numbers (subjects, counterparties, event
 * text): they must declare `personal`, so analysts get them masked and officers' views are audited.
 */
const PERSONAL = new Set([
  'GET /v1/alerts',
  'GET /v1/alerts/stream',
  'POST /v1/alerts/:id/ack',
  'GET /v1/cases',
  'GET /v1/cases/:id',
  'GET /v1/cases/:id/script',
  'POST /v1/cases/:id/assign',
  'POST /v1/cases/:id/status',
  'POST /v1/cases/:id/notes',
  'GET /v1/entities',
  'GET /v1/entities/:id',
  'GET /v1/cases/:id/network',
  'GET /v1/lookup',
  'POST /v1/reports',
  'GET /v1/reports',
  'GET /v1/reports/:id',
  'POST /v1/reports/:id/status',
]);

/** Routes whose reply is an endless stream: asked over a real socket and hung up after the headers. */
const STREAMS = new Set(['GET /v1/alerts/stream']);

/** A concrete URL for a route pattern: ids that exist nowhere, so an allowed call changes nothing. */
function concrete(url: string): string {
  return url
    .replace(/:id\b/g, '999999')
    .replace(/:[A-Za-z]+/g, 'x')
    .replace(/\*$/, 'x.js');
}

let svc: TestService;
let base = '';
const users = new Map<Role, number>();
const keys = new Map<ApiScope, string>();

beforeAll(async () => {
  svc = await makeService();
  for (const role of ['analyst', 'officer', 'admin'] as const) {
    const user = await createUser(svc.store.db, { username: `matrix-${role}`, password: `matrix-${role}-password`, role });
    users.set(role, user.id);
  }
  for (const scope of ['events', 'check', 'lookup'] as const) {
    keys.set(scope, (await createApiKey(svc.store.db, { name: `matrix-${scope}`, scopes: [scope], rateLimitPerMin: 100_000 })).key);
  }
  await svc.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(svc.app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => svc?.close());

/** Fresh credentials per request: a session is created for each call, so a logout in one cell never affects another. */
async function credentials(who: Who): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  if (who.startsWith('key:')) return { authorization: `Bearer ${keys.get(who.slice(4) as ApiScope)!}` };
  const session = await createSession(svc.store.db, users.get(who as Role)!);
  return { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken };
}

function statusOverSocket(method: string, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${url}`, { method, headers }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
      req.destroy();
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
  });
}

async function statusOf(route: string, who: Who): Promise<number> {
  const [method, pattern] = route.split(' ') as [string, string];
  const url = concrete(pattern);
  const headers = await credentials(who);
  if (STREAMS.has(route)) return statusOverSocket(method, url, headers);
  const withBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  const res = await svc.app.inject({
    method: method as 'GET',
    url,
    headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers,
    ...(withBody ? { payload: '{}' } : {}),
  });
  return res.statusCode;
}

describe('access matrix', { timeout: 120_000 }, () => {
  it('the table names every route of the app, and the app has every route of the table', () => {
    const registered = registeredRoutes(svc.app).map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(20);
    const missingFromTable = registered.filter((r) => !(r in TABLE));
    const missingFromApp = Object.keys(TABLE).filter((r) => !registered.includes(r));
    expect({ missingFromTable, missingFromApp }).toEqual({ missingFromTable: [], missingFromApp: [] });
  });

  it('every caller gets in where the table says, 401 without credentials and 403 without the role or scope elsewhere', async () => {
    const wrong: string[] = [];
    const broken: string[] = [];
    for (const [route, allowed] of Object.entries(TABLE)) {
      for (const who of EVERYONE) {
        const status = await statusOf(route, who);
        if (allowed.includes(who)) {
          if (status === 401 || status === 403) wrong.push(`${route} as ${who}: ${status}, expected to be let in`);
          // A dummy id or body may give 400/404; a 5xx is a fault whoever calls.
          if (status >= 500) broken.push(`${route} as ${who}: ${status}`);
        } else {
          const expected = who === 'anonymous' ? 401 : 403;
          if (status !== expected) wrong.push(`${route} as ${who}: ${status}, expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(broken).toEqual([]);
  });

  it('exactly the routes that can return personal numbers are marked personal (masked for analysts, audited otherwise)', () => {
    const wrong = registeredRoutes(svc.app)
      .filter((r) => {
        const personal = r.access !== null && r.access !== 'public' && r.access.personal === true;
        return personal !== PERSONAL.has(`${r.method} ${r.url}`);
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(wrong).toEqual([]);
  });

  it('a cookie write without the CSRF header is refused on every console write route', async () => {
    const missing: string[] = [];
    for (const [route, allowed] of Object.entries(TABLE)) {
      const [method, pattern] = route.split(' ') as [string, string];
      if (method === 'GET' || method === 'HEAD' || allowed === PUBLIC) continue;
      const role = (['analyst', 'officer', 'admin'] as const).find((r) => allowed.includes(r));
      if (!role) continue;
      const { cookie } = await credentials(role);
      const res = await svc.app.inject({
        method: method as 'POST',
        url: concrete(pattern),
        headers: { cookie: cookie!, 'content-type': 'application/json' },
        payload: '{}',
      });
      if (res.statusCode !== 403 || res.json().error.code !== 'CSRF') missing.push(`${route}: ${res.statusCode}`);
    }
    expect(missing).toEqual([]);
  });
});

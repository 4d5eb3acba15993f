import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskEngine } from '../src/engine/index.js';
import { ANY_ROLE, CSRF_HEADER, LoginThrottle, SESSION_COOKIE } from '../src/server/access.js';
import { buildApp } from '../src/server/index.js';
import { holdsPersonalNumbers, maskDeep, maskText } from '../src/server/masking.js';
import { parseTrustedProxies } from '../src/server/trusted-proxies.js';
import { addUser } from '../src/service/accounts.js';
import { createSession, getUserByName, listAudit, openStore, type Store } from '../src/store/index.js';
import { TextAnalyzer } from '../src/text/index.js';
import { makeService, type Credentials, type TestService } from './service-fixture.js';

const PASSWORD = 'correct-horse-battery';
const CHAT = { text: '客服：您好，我是淘宝客服，您的快递丢了，给您理赔。' };

let svc: TestService;
beforeAll(async () => {
  svc = await makeService();
});
afterAll(async () => svc.close());

const cookieOf = (setCookie: string | string[] | undefined): string => {
  const header = [setCookie ?? []].flat()[0] ?? '';
  return header.split(';')[0]!;
};

async function login(username: string, password = PASSWORD, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  return svc.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { username, password },
    headers: extra.headers,
    remoteAddress: extra.remoteAddress,
  });
}

/** A logged-in browser: the cookie from Set-Cookie and the CSRF token from the body. */
async function browser(username: string, password = PASSWORD): Promise<Credentials> {
  const res = await login(username, password);
  expect(res.statusCode).toBe(200);
  return { cookie: cookieOf(res.headers['set-cookie']), [CSRF_HEADER]: res.json().csrfToken };
}

const cli = { actorType: 'cli' as const, actorId: null };

describe('login, logout, me', () => {
  beforeAll(async () => {
    await addUser(svc.store.db, { username: 'li.officer', password: PASSWORD, role: 'officer', displayName: '李警官' }, cli);
  });

  it('logs in: an httpOnly, SameSite=Strict session cookie and the CSRF token, never the hash', async () => {
    const res = await login('li.officer');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ id: expect.any(Number), username: 'li.officer', role: 'officer', displayName: '李警官' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body).not.toMatch(/scrypt|password/i);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{40,}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure');
  });

  it('marks the cookie Secure behind an HTTPS proxy', async () => {
    const res = await login('li.officer', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await login('li.officer', 'not-the-password', { remoteAddress: '10.0.0.9' });
    const unknown = await login('nobody.here', PASSWORD, { remoteAddress: '10.0.0.9' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('BAD_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a login body that is not the contract with the field named', async () => {
    const res = await svc.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'li.officer', password: 7 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('/password');
    const missing = await svc.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'li.officer' } });
    expect(missing.statusCode).toBe(400);
    const form = await svc.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: 'li.officer', password: PASSWORD }),
    });
    expect(form.statusCode).toBe(415);
  });

  it('me gives the session user and its CSRF token; without a cookie it is 401', async () => {
    const creds = await browser('li.officer');
    const me = await svc.call(creds, { method: 'GET', url: '/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('li.officer');
    expect(me.json().csrfToken).toBe(creds[CSRF_HEADER]);
    expect((await svc.call(null, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    expect((await svc.call({ cookie: `${SESSION_COOKIE}=made-up` }, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    expect((await svc.call({ cookie: `${SESSION_COOKIE}=%E0%A4%A` }, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
  });

  it('logout needs the CSRF header, ends the session and clears the cookie', async () => {
    const creds = await browser('li.officer');
    const noCsrf = await svc.call({ cookie: creds.cookie! }, { method: 'POST', url: '/v1/auth/logout' });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF');
    const out = await svc.call(creds, { method: 'POST', url: '/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect((await svc.call(creds, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const user = (await getUserByName(svc.store.db, 'li.officer'))!;
    const session = await createSession(svc.store.db, user.id, { ttlMs: -1000 });
    const res = await svc.call({ cookie: `${SESSION_COOKIE}=${session.token}` }, { method: 'GET', url: '/v1/auth/me' });
    expect(res.statusCode).toBe(401);
  });

  it('changing one’s password needs the current one, ends the other sessions and starts a new one', async () => {
    await addUser(svc.store.db, { username: 'wang.analyst', password: PASSWORD, role: 'analyst' }, cli);
    const other = await browser('wang.analyst');
    const here = await browser('wang.analyst');
    const wrong = await svc.call(here, {
      method: 'POST',
      url: '/v1/auth/password',
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-new-long-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe('/currentPassword');
    const short = await svc.call(here, {
      method: 'POST',
      url: '/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('/newPassword');
    const ok = await svc.call(here, {
      method: 'POST',
      url: '/v1/auth/password',
      payload: { currentPassword: PASSWORD, newPassword: 'a-new-long-password' },
    });
    expect(ok.statusCode).toBe(200);
    const renewed = { cookie: cookieOf(ok.headers['set-cookie']), [CSRF_HEADER]: ok.json().csrfToken };
    expect((await svc.call(other, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    expect((await svc.call(here, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    expect((await svc.call(renewed, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(200);
    expect((await login('wang.analyst', PASSWORD, { remoteAddress: '10.0.0.50' })).statusCode).toBe(401);
    expect((await login('wang.analyst', 'a-new-long-password')).statusCode).toBe(200);
  });
});

describe('login brute-force protection', () => {
  it(`refuses a username from an address after ${LoginThrottle.PER_ACCOUNT} failures, even with the right password, but not from elsewhere`, async () => {
    await addUser(svc.store.db, { username: 'zhao.admin', password: PASSWORD, role: 'admin' }, cli);
    const attacker = { remoteAddress: '203.0.113.7' };
    for (let i = 0; i < LoginThrottle.PER_ACCOUNT; i++)
      expect((await login('zhao.admin', `guess-${i}-xxxxxxxx`, attacker)).statusCode).toBe(401);
    const blocked = await login('zhao.admin', PASSWORD, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(LoginThrottle.WINDOW_MS / 1000);
    expect((await login('zhao.admin', PASSWORD, { remoteAddress: '198.51.100.2' })).statusCode).toBe(200);
    const locked = await listAudit(svc.store.db, { action: 'auth.login.failed' });
    expect(locked.some((e) => e.detail.locked === true && e.ip === '203.0.113.7')).toBe(true);
  });

  it('believes X-Forwarded-For only from a trusted proxy: throttling and the audit log see the client behind it', async () => {
    const fail = (s: TestService, remoteAddress: string, forwardedFor: string) =>
      s.call(null, {
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username: 'nobody-here', password: 'wrong-password-xx' },
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
      });
    const proxied = await makeService({ trustedProxies: parseTrustedProxies('test', '127.0.0.1, 10.0.0.0/8') });
    try {
      expect((await fail(proxied, '10.1.2.3', '198.51.100.77')).statusCode).toBe(401);
      // Not a trusted peer: its header is whatever the sender chose, so the peer's own address counts.
      expect((await fail(proxied, '203.0.113.9', '198.51.100.88')).statusCode).toBe(401);
      const ips = (await listAudit(proxied.store.db, { action: 'auth.login.failed' })).map((e) => e.ip);
      expect(ips.sort()).toEqual(['198.51.100.77', '203.0.113.9']);
    } finally {
      await proxied.close();
    }
    // The default trusts nobody.
    expect((await fail(svc, '10.1.2.3', '198.51.100.99')).statusCode).toBe(401);
    expect((await listAudit(svc.store.db, { action: 'auth.login.failed' })).some((e) => e.ip === '198.51.100.99')).toBe(false);
  });

  it('--trust-proxy / KEFUGUARD_TRUST_PROXY accept addresses, CIDR ranges and range names, and name a bad entry', () => {
    expect(parseTrustedProxies('--trust-proxy', ' 127.0.0.1, 10.0.0.0/8,::1 , fd00::/8, loopback, 192.168.0.0/255.255.0.0,')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
      '192.168.0.0/255.255.0.0',
    ]);
    expect(parseTrustedProxies('--trust-proxy', '')).toEqual([]);
    for (const bad of ['proxy.internal', '10.0.0.0/33', '1.2.3.4/8/9', '999.1.1.1', '::1/129'])
      expect(() => parseTrustedProxies('--trust-proxy', `127.0.0.1,${bad}`)).toThrow(new RegExp(bad.replace(/[.*/]/g, '\\$&')));
  });

  it('the window passes and a success clears the count', () => {
    const t = new LoginThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < LoginThrottle.PER_ACCOUNT; i++) t.failed('A', '1.1.1.1', t0);
    expect(t.blockedFor('a', '1.1.1.1', t0 + 1000)).toBeGreaterThan(0); // usernames compared without case
    expect(t.blockedFor('a', '1.1.1.1', t0 + LoginThrottle.WINDOW_MS)).toBe(0);
    for (let i = 0; i < LoginThrottle.PER_ACCOUNT - 1; i++) t.failed('b', '1.1.1.1', t0);
    t.succeeded('b', '1.1.1.1');
    t.failed('b', '1.1.1.1', t0);
    expect(t.blockedFor('b', '1.1.1.1', t0)).toBe(0);
  });

  it(`refuses an address spraying many usernames after ${LoginThrottle.PER_ADDRESS} failures`, () => {
    const t = new LoginThrottle();
    for (let i = 0; i < LoginThrottle.PER_ADDRESS; i++) t.failed(`user${i}`, '9.9.9.9', 0);
    expect(t.blockedFor('someone-else', '9.9.9.9', 1)).toBeGreaterThan(0);
    expect(t.blockedFor('someone-else', '9.9.9.8', 1)).toBe(0);
  });
});

describe('CSRF, API keys, rate limits', () => {
  it('a cookie-authenticated write needs the CSRF header; a key request does not', async () => {
    const officer = await svc.as('officer');
    const withoutCsrf = await svc.call({ cookie: officer.cookie! }, { method: 'POST', url: '/v1/check', payload: CHAT });
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().error.code).toBe('CSRF');
    const wrongCsrf = await svc.call({ ...officer, [CSRF_HEADER]: 'x'.repeat(43) }, { method: 'POST', url: '/v1/check', payload: CHAT });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await svc.call(officer, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(200);
    expect((await svc.call({ cookie: officer.cookie! }, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(200);
    const key = await svc.key(['check']);
    expect((await svc.call(key, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(200);
  });

  it('a key over its rate gets 429 with Retry-After; other keys go on', async () => {
    const slow = await svc.key(['check'], 3);
    const other = await svc.key(['check'], 3);
    for (let i = 0; i < 3; i++) expect((await svc.call(slow, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(200);
    const limited = await svc.call(slow, { method: 'POST', url: '/v1/check', payload: CHAT });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // 3 a minute: the next token comes in 20 s.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect((await svc.call(other, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(200);
  });

  it('a key works only within its scopes, and both header forms are accepted', async () => {
    const key = await svc.key(['events']);
    const raw = key.authorization!.slice('Bearer '.length);
    expect((await svc.call({ 'x-api-key': raw }, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(403);
    expect((await svc.call({ authorization: `Bearer ${raw}x` }, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(401);
  });
});

describe('admin: users, keys, audit, policy', () => {
  let admin: Credentials;
  beforeAll(async () => {
    admin = await svc.as('admin');
  });

  it('creates a key, shows it once, lists it without the secret, and a revoke stops it at once', async () => {
    const created = await svc.call(admin, {
      method: 'POST',
      url: '/v1/admin/keys',
      payload: { name: '手机银行反诈网关', scopes: ['check'], rateLimitPerMin: 600 },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^kg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: '手机银行反诈网关', scopes: ['check'], rateLimitPerMin: 600, revokedAt: null });
    const sender = { authorization: `Bearer ${key}` };
    expect((await svc.call(sender, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(200);

    const list = await svc.call(admin, { method: 'GET', url: '/v1/admin/keys' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.split('_').slice(2).join('_'));
    expect(list.body).not.toMatch(/hash/i);
    expect(list.json().keys.find((k: { id: number }) => k.id === apiKey.id).prefix).toBe(key.split('_')[1]);

    const revoked = await svc.call(admin, { method: 'POST', url: `/v1/admin/keys/${apiKey.id}/revoke` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().apiKey.revokedAt).not.toBeNull();
    expect((await svc.call(sender, { method: 'POST', url: '/v1/check', payload: CHAT })).statusCode).toBe(401);
    expect((await svc.call(admin, { method: 'POST', url: '/v1/admin/keys/999999/revoke' })).statusCode).toBe(404);

    const entries = await listAudit(svc.store.db, { targetType: 'api_key', targetId: apiKey.id });
    expect(entries.map((e) => e.action)).toEqual(['key.revoke', 'key.create']);
    expect(JSON.stringify(entries)).not.toContain(key.split('_').slice(2).join('_'));
  });

  it('rejects bad key requests naming the field', async () => {
    const bad = await svc.call(admin, { method: 'POST', url: '/v1/admin/keys', payload: { name: 'x', scopes: ['admin'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^\/scopes/);
    const noScopes = await svc.call(admin, { method: 'POST', url: '/v1/admin/keys', payload: { name: 'x', scopes: [] } });
    expect(noScopes.statusCode).toBe(400);
  });

  it('creates, changes, disables and resets users, each audited with the admin as actor', async () => {
    const adminUser = (await getUserByName(svc.store.db, 'test-admin'))!;
    const created = await svc.call(admin, {
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: 'chen.analyst', password: PASSWORD, role: 'analyst', displayName: '陈' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id;
    expect(created.body).not.toMatch(/scrypt|password/i);

    const dup = await svc.call(admin, {
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: 'chen.analyst', password: PASSWORD, role: 'analyst' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('USER_EXISTS');
    const short = await svc.call(admin, {
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: 'shorty', password: 'elevenchars', role: 'analyst' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('/password');
    const role = await svc.call(admin, {
      method: 'POST',
      url: '/v1/admin/users',
      payload: { username: 'r', password: PASSWORD, role: 'root' },
    });
    expect(role.statusCode).toBe(400);
    expect(role.json().error.field).toBe('/role');

    const chen = await browser('chen.analyst');
    expect((await svc.call(chen, { method: 'GET', url: '/v1/admin/users' })).statusCode).toBe(403);
    const promoted = await svc.call(admin, { method: 'PATCH', url: `/v1/admin/users/${id}`, payload: { role: 'admin' } });
    expect(promoted.json().user.role).toBe('admin');
    // The role is read per request: the same session is an admin now.
    expect((await svc.call(chen, { method: 'GET', url: '/v1/admin/users' })).statusCode).toBe(200);

    const disabled = await svc.call(admin, { method: 'PATCH', url: `/v1/admin/users/${id}`, payload: { disabled: true } });
    expect(disabled.json().user.disabled).toBe(true);
    expect((await svc.call(chen, { method: 'GET', url: '/v1/auth/me' })).statusCode).toBe(401);
    expect((await login('chen.analyst')).statusCode).toBe(401);
    expect((await svc.call(admin, { method: 'PATCH', url: '/v1/admin/users/999999', payload: { disabled: true } })).statusCode).toBe(404);
    expect((await svc.call(admin, { method: 'PATCH', url: `/v1/admin/users/${id}`, payload: {} })).statusCode).toBe(400);

    await svc.call(admin, { method: 'PATCH', url: `/v1/admin/users/${id}`, payload: { disabled: false } });
    const reset = await svc.call(admin, {
      method: 'POST',
      url: `/v1/admin/users/${id}/password`,
      payload: { password: 'another-long-password' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await login('chen.analyst', 'another-long-password')).statusCode).toBe(200);

    const entries = await listAudit(svc.store.db, { targetType: 'user', targetId: id, action: 'user.' });
    expect(entries.map((e) => e.action)).toEqual(['user.password', 'user.update', 'user.update', 'user.update', 'user.create']);
    expect(entries.every((e) => e.actorType === 'user' && e.actorId === String(adminUser.id))).toBe(true);
    expect(entries[3]!.detail).toMatchObject({ changed: { role: { from: 'analyst', to: 'admin' } } });
    // The refused duplicate left no trace.
    expect((await listAudit(svc.store.db, { action: 'user.create' })).filter((e) => e.detail.username === 'chen.analyst')).toHaveLength(1);
  });

  it('will not disable or demote the last admin who can log in', async () => {
    const store = await openStore();
    const lone = await makeService({ store });
    try {
      const me = await lone.as('admin');
      const id = (await getUserByName(store.db, 'test-admin'))!.id;
      for (const payload of [{ disabled: true }, { role: 'officer' }]) {
        const res = await lone.call(me, { method: 'PATCH', url: `/v1/admin/users/${id}`, payload });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('LAST_ADMIN');
      }
      expect((await lone.call(me, { method: 'GET', url: '/v1/auth/me' })).json().user.role).toBe('admin');
    } finally {
      await lone.close();
      await store.close();
    }
  });

  it('lists the audit log with filters and pages', async () => {
    const all = await svc.call(admin, { method: 'GET', url: '/v1/admin/audit?limit=2' });
    expect(all.statusCode).toBe(200);
    const page1 = all.json();
    expect(page1.entries).toHaveLength(2);
    expect(page1.nextBefore).toBe(page1.entries[1].id);
    const page2 = (await svc.call(admin, { method: 'GET', url: `/v1/admin/audit?limit=2&before=${page1.nextBefore}` })).json();
    expect(page2.entries[0].id).toBeLessThan(page1.entries[1].id);
    const keys = (await svc.call(admin, { method: 'GET', url: '/v1/admin/audit?action=key.&targetType=api_key' })).json();
    expect(keys.entries.length).toBeGreaterThan(0);
    expect(keys.entries.every((e: { action: string }) => e.action.startsWith('key.'))).toBe(true);
    const future = (await svc.call(admin, { method: 'GET', url: '/v1/admin/audit?since=2999-01-01T00:00:00Z' })).json();
    expect(future.entries).toEqual([]);
    const bad = await svc.call(admin, { method: 'GET', url: '/v1/admin/audit?since=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('/since');
    expect((await svc.call(admin, { method: 'GET', url: '/v1/admin/audit?limit=0' })).statusCode).toBe(400);
  });

  it('shows the policy in force, read-only', async () => {
    const res = await svc.call(admin, { method: 'GET', url: '/v1/admin/policy' });
    expect(res.statusCode).toBe(200);
    const policy = res.json();
    expect(policy.id).toBe(svc.engine.policy.id);
    expect(policy.id).toMatch(/@/);
    expect(policy.bands.length).toBe(svc.engine.policy.bands.length);
    expect(policy.bands[0].text.zh).toBeTruthy();
    expect(policy.thresholds).toEqual(svc.engine.policy.thresholds);
    expect(policy.howToChange.en).toContain('src/policy');
    for (const method of ['PUT', 'PATCH', 'POST'] as const)
      expect((await svc.call(admin, { method, url: '/v1/admin/policy', payload: {} })).statusCode).toBe(404);
  });
});

describe('masking of personal numbers', () => {
  const PERSONAL = {
    id: '13800138000',
    eventId: 'e-20260501123456',
    subject: 'u-42',
    amount: 12345678,
    at: '2026-05-01T10:00:00+08:00',
    createdAt: '2026-05-01T02:00:00.000Z',
    note: '客服来电17012345678，要求转账到卡6222 0212 3456 7890，身份证号11010119900101123X，金额¥1200000，共50000元',
    byPhone: { '17012345678': 2 },
  };

  it('masks phone, ID and card numbers inside Chinese text and leaves ids, amounts and timestamps', () => {
    const masked = maskDeep(PERSONAL) as typeof PERSONAL;
    expect(masked.note).toBe('客服来电170****5678，要求转账到卡622*********7890，身份证号110***********123X，金额¥1200000，共50000元');
    expect(masked.id).toBe(PERSONAL.id);
    expect(masked.eventId).toBe(PERSONAL.eventId);
    expect(masked.amount).toBe(PERSONAL.amount);
    expect(masked.at).toBe(PERSONAL.at);
    expect(masked.createdAt).toBe(PERSONAL.createdAt);
    expect(masked.byPhone).toEqual({ '170****5678': 2 });
    expect(maskText('全角１７０１２３４５６７８号码')).toBe('全角１７０****５６７８号码');
    expect(maskText('170-1234-5678 和 +86 170 1234 5678')).toBe('170****5678 和 +86*******5678');
    expect(maskText('2026-05-01 10:00 转账 1200000.50 元，订单 3 件')).toBe('2026-05-01 10:00 转账 1200000.50 元，订单 3 件');
    expect(holdsPersonalNumbers({ id: '13800138000', at: PERSONAL.at })).toBe(false);
    expect(holdsPersonalNumbers({ note: 'QQ 283746512' })).toBe(true);
  });

  it('masks the service’s own alert queue for analysts and audits officers’ views', async () => {
    const t0 = Date.parse('2026-05-01T10:00:00+08:00');
    const subject = '13800138000'; // some senders use the customer's phone number as the id
    const at = (min: number, type: string, fields: Record<string, unknown>, n: number) => ({
      id: `mask-${n}`,
      ts: t0 + min * 60_000,
      subject,
      type,
      ...fields,
    });
    const events = [
      at(0, 'call.start', { peer: '17012345670', direction: 'in', claimedIdentity: '淘宝客服' }, 1),
      at(
        1,
        'message',
        { channel: 'call-transcript', direction: 'in', text: '您买的衣服甲醛超标，给您三倍赔偿，请下载腾讯会议，打开屏幕共享' },
        2,
      ),
      at(2, 'app.install', { app: '腾讯会议' }, 3),
      at(3, 'screen.share', { state: 'start', app: '腾讯会议' }, 4),
      at(5, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 5000 }, 5),
      at(8, 'transfer', { amount: 4999.5, payee: '6222020000000001', payeeType: 'personal', channel: 'bank-app' }, 6),
    ];
    const sent = await svc.call(await svc.key(['events']), { method: 'POST', url: '/v1/events', payload: events });
    expect(sent.statusCode).toBe(200);
    const analyst = await svc.call(await svc.as('analyst'), { method: 'GET', url: '/v1/alerts' });
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).toContain('138****8000');
    expect(analyst.body).not.toContain(subject);
    const before = (await listAudit(svc.store.db, { action: 'view.unmasked' })).length;
    const officer = await svc.call(await svc.as('officer'), { method: 'GET', url: '/v1/alerts' });
    expect(officer.body).toContain(subject);
    const views = await listAudit(svc.store.db, { action: 'view.unmasked' });
    expect(views).toHaveLength(before + 1);
    expect(views[0]).toMatchObject({ actorType: 'user', targetType: 'route', targetId: 'GET /v1/alerts' });
  });

  describe('through a personal route', () => {
    let store: Store;
    let app: ReturnType<typeof buildApp>;
    const as: Partial<Record<'analyst' | 'officer' | 'admin', Credentials>> = {};
    let keyCreds: Credentials;

    beforeAll(async () => {
      store = await openStore();
      const analyzer = new TextAnalyzer();
      app = buildApp({ engine: new RiskEngine({ analyzer }), analyzer, store });
      const access = { roles: ANY_ROLE, scope: 'lookup' as const, personal: true };
      app.get('/test/personal/:value', { config: { access } }, async () => PERSONAL);
      app.get('/test/personal-string', { config: { access } }, async (_req, reply) =>
        reply.type('application/json').send(JSON.stringify(PERSONAL)),
      );
      app.get('/test/personal-stream', { config: { access } }, async (_req, reply) =>
        reply
          .type('text/event-stream')
          .send(Readable.from([`event: alert\ndata: ${JSON.stringify(PERSONAL)}\n\n`, 'data: 来电1701234', '5678\n\n'])),
      );
      app.get('/test/nothing-personal', { config: { access } }, async () => ({ id: 7, level: 'high' }));
      await app.ready();
      for (const role of ['analyst', 'officer', 'admin'] as const) {
        const user = await addUser(store.db, { username: `m-${role}`, password: PASSWORD, role }, cli);
        const session = await createSession(store.db, user.id);
        as[role] = { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken };
      }
      const { createApiKey } = await import('../src/store/index.js');
      keyCreds = { authorization: `Bearer ${(await createApiKey(store.db, { name: 'lookup', scopes: ['lookup'] })).key}` };
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    const get = (who: Credentials, url: string) => app.inject({ method: 'GET', url, headers: who });

    it('analysts get masked bodies (objects, strings and streams) and nothing is audited', async () => {
      for (const url of ['/test/personal/17012345678', '/test/personal-string']) {
        const res = await get(as.analyst!, url);
        expect(res.statusCode).toBe(200);
        expect(res.json().note).toContain('170****5678');
        expect(res.body).not.toMatch(/17012345678|6222 0212|11010119900101123X/);
        expect(res.json().createdAt).toBe(PERSONAL.createdAt);
      }
      const stream = await get(as.analyst!, '/test/personal-stream');
      expect(stream.body).toContain('event: alert\ndata: {');
      expect(stream.body).toContain('170****5678');
      expect(stream.body).not.toMatch(/17012345678|1701234\s*5678/);
      expect(await listAudit(store.db, { action: 'view.unmasked' })).toEqual([]);
    });

    it('officers, admins and keys see numbers whole and each such view is audited, with the number masked in the log', async () => {
      for (const who of [as.officer!, as.admin!, keyCreds]) {
        const res = await get(who, '/test/personal/17012345678?q=13900001111');
        expect(res.json().note).toContain('17012345678');
      }
      const entries = await listAudit(store.db, { action: 'view.unmasked' });
      expect(entries.map((e) => e.actorType)).toEqual(['api_key', 'user', 'user']);
      expect(entries[0]!.targetId).toBe('GET /test/personal/:value');
      expect(entries[0]!.detail).toEqual({ params: { value: '170****5678' }, query: { q: '139****1111' } });
      expect(JSON.stringify(entries)).not.toMatch(/17012345678|13900001111/);

      await get(as.officer!, '/test/personal-string');
      await get(as.officer!, '/test/personal-stream');
      await get(as.officer!, '/test/nothing-personal');
      const after = await listAudit(store.db, { action: 'view.unmasked' });
      expect(after.map((e) => e.targetId).slice(0, 2)).toEqual(['GET /test/personal-stream', 'GET /test/personal-string']);
      expect(after).toHaveLength(5); // a body with no personal number is not an unmasked view
    });
  });
});

import { createHash, timingSafeEqual } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, getSession, touchApiKey, verifyApiKey, type ApiScope, type Queryable, type Role } from '../store/index.js';
import { ApiError } from './errors.js';
import { holdsPersonalNumbers, maskDeep, maskText } from './masking.js';

/**
 * Who is calling. Sending systems (banks, wallets, call-centre platforms) use API keys with scopes;
 * people use the console with a session cookie and a role.
 */
export type Principal =
  | { kind: 'user'; id: number; username: string; role: Role; csrfToken: string }
  | { kind: 'key'; id: number; name: string; scopes: readonly ApiScope[]; rateLimitPerMin: number };

/**
 * Who may call a route; every route of the service declares one in `config.access` (a route without
 * one makes `buildApp` throw, so nothing is left open by omission).
 * - `'public'`: anyone (health, docs, metrics, login).
 * - `roles`: console users with one of these roles.
 * - `scope`: API keys holding this scope.
 * - `personal`: the response may hold phone/ID/card numbers: masked for analysts, and each unmasked
 *   view by an officer, an admin or an API key is written to the audit log.
 */
export type RouteAccess = 'public' | { roles?: readonly Role[]; scope?: ApiScope; personal?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'kg_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Roles, weakest first: each role may do what the ones before it may. */
export const ANY_ROLE: readonly Role[] = ['analyst', 'officer', 'admin'];
export const OFFICERS: readonly Role[] = ['officer', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed cookie is no cookie, not a 500
      }
    }
  }
  return undefined;
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return undefined;
}

function sameSecret(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const UNAUTHENTICATED = () => new ApiError(401, 'UNAUTHENTICATED', '请先登录或提供有效的 API 密钥', 'log in or present a valid API key');
const FORBIDDEN = () => new ApiError(403, 'FORBIDDEN', '当前账号无权执行此操作', 'this account may not do this');
const rateLimited = (retryAfterSec: number, zh = '请求过于频繁，请稍后重试', en = 'rate limit exceeded: retry later') =>
  new ApiError(429, 'RATE_LIMITED', zh, en, undefined, undefined, retryAfterSec);

/**
 * Per-key rate limit: a token bucket refilled continuously at `rateLimitPerMin`, holding at most one
 * minute's worth. In process memory: each instance limits what reaches it.
 */
class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  /** 0 when the request may go, else the seconds to wait. */
  take(keyId: number, perMin: number, now: number): number {
    const bucket = this.buckets.get(keyId) ?? { tokens: perMin, at: now };
    bucket.tokens = Math.min(perMin, bucket.tokens + ((now - bucket.at) * perMin) / 60_000);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60_000) / perMin / 1000));
  }
}

/**
 * Password guessing: after `PER_ACCOUNT` failed logins for one username from one address within
 * `WINDOW_MS`, that pair is refused (429) until the window has passed; `PER_ADDRESS` failures from one
 * address over any usernames (password spraying) refuse that address. Counted per username+address,
 * not per username alone, so nobody can lock a colleague out from elsewhere. In process memory.
 */
export class LoginThrottle {
  static readonly WINDOW_MS = 15 * 60_000;
  static readonly PER_ACCOUNT = 5;
  static readonly PER_ADDRESS = 30;
  private readonly failures = new Map<string, { count: number; since: number }>();

  private static accountKey(username: string, ip: string): string {
    return `u\u0000${username.toLowerCase()}\u0000${ip}`;
  }

  private count(key: string, now: number): { count: number; since: number } | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.since >= LoginThrottle.WINDOW_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Seconds until this username+address may try again, 0 if it may now. */
  blockedFor(username: string, ip: string, now = Date.now()): number {
    let wait = 0;
    for (const [key, limit] of [
      [LoginThrottle.accountKey(username, ip), LoginThrottle.PER_ACCOUNT],
      [`a\u0000${ip}`, LoginThrottle.PER_ADDRESS],
    ] as const) {
      const entry = this.count(key, now);
      if (entry && entry.count >= limit) wait = Math.max(wait, Math.ceil((entry.since + LoginThrottle.WINDOW_MS - now) / 1000));
    }
    return wait;
  }

  /** Records a failure; true when it is the one that reaches a limit (worth one audit entry). */
  failed(username: string, ip: string, now = Date.now()): boolean {
    if (this.failures.size > 100_000) this.prune(now);
    let reached = false;
    for (const [key, limit] of [
      [LoginThrottle.accountKey(username, ip), LoginThrottle.PER_ACCOUNT],
      [`a\u0000${ip}`, LoginThrottle.PER_ADDRESS],
    ] as const) {
      const entry = this.count(key, now) ?? { count: 0, since: now };
      entry.count++;
      this.failures.set(key, entry);
      if (entry.count === limit) reached = true;
    }
    return reached;
  }

  /** A correct password clears that username+address (not the address's spraying count). */
  succeeded(username: string, ip: string): void {
    this.failures.delete(LoginThrottle.accountKey(username, ip));
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since >= LoginThrottle.WINDOW_MS) this.failures.delete(key);
    if (this.failures.size > 100_000) this.failures.clear();
  }
}

/** One registered route and what it declared; `access: null` only for the OpenAPI pages under /docs. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | null;
}

const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Every route of an app with access control, as registered (HEAD twins of GET routes left out), in
 * registration order. The access-matrix test holds this against its own hand-written table.
 */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return registries.get(app) ?? [];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/');

export interface AccessControl {
  /** Call after revoking or changing a key so the change applies to the next request. */
  forgetCachedKeys(): void;
  /** Failed-login counting for `POST /v1/auth/login`. */
  readonly logins: LoginThrottle;
}

/**
 * Authenticates every request (session cookie or API key), enforces each route's `config.access`
 * (401 without credentials, 403 without the role or scope), CSRF on cookie-authenticated writes,
 * rate limits per key, and masking/audit of personal numbers in responses.
 */
export function installAccessControl(app: FastifyInstance, db: Queryable): AccessControl {
  const limiter = new RateLimiter();
  const authenticator = new Authenticator(db);
  const logins = new LoginThrottle();
  const routes: RegisteredRoute[] = [];
  registries.set(app, routes);
  // Requests whose body was already masked or audited as an object, so onSend leaves them alone.
  const viewed = new WeakSet<FastifyRequest>();
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (access === undefined && !isDocs(route.url)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
    }
    for (const method of [route.method].flat()) {
      // Fastify adds a HEAD twin for each GET route, right after it, with the same config.
      if (method === 'HEAD' && routes.some((r) => r.method === 'GET' && r.url === route.url)) continue;
      routes.push({ method, url: route.url, access: access ?? null });
    }
    // Only personal routes carry the masking hooks: the event path pays nothing for them.
    if (access !== undefined && access !== 'public' && access.personal) {
      const hooks = route as { preSerialization?: unknown; onSend?: unknown };
      hooks.preSerialization = [...[hooks.preSerialization ?? []].flat(), maskOrAuditObject];
      hooks.onSend = [...[hooks.onSend ?? []].flat(), maskOrAuditSerialized];
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    request.principal = await authenticator.authenticate(request);
    if (!request.principal) throw UNAUTHENTICATED();
    const p = request.principal;
    if (p.kind === 'user') {
      if (!access.roles?.includes(p.role)) throw FORBIDDEN();
      if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], p.csrfToken)) {
        throw new ApiError(403, 'CSRF', `缺少或错误的 ${CSRF_HEADER} 请求头`, `missing or wrong ${CSRF_HEADER} header`);
      }
    } else {
      if (!access.scope || !p.scopes.includes(access.scope)) throw FORBIDDEN();
      const retryAfter = limiter.take(p.id, p.rateLimitPerMin, Date.now());
      if (retryAfter > 0) throw rateLimited(retryAfter);
    }
  });

  const personalFor = (request: FastifyRequest, reply: FastifyReply): Principal | null => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public' || !access.personal) return null;
    if (reply.statusCode >= 400) return null; // errors echo what the caller sent, nothing more
    return request.principal;
  };

  const auditView = (request: FastifyRequest, p: Principal, extra: Record<string, unknown> = {}) =>
    audit(db, {
      ...actorOf(p),
      action: 'view.unmasked',
      targetType: 'route',
      targetId: `${request.method} ${request.routeOptions.url ?? ''}`,
      // The audit log holds no unmasked number either: which record was viewed, with its number masked.
      detail: { params: maskDeep(request.params ?? {}), query: maskDeep(request.query ?? {}), ...extra },
      ip: request.ip,
    });

  async function maskOrAuditObject(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const p = personalFor(request, reply);
    if (!p) return payload;
    viewed.add(request);
    if (p.kind === 'user' && p.role === 'analyst') return maskDeep(payload);
    if (holdsPersonalNumbers(payload)) await auditView(request, p);
    return payload;
  }

  // Bodies that never were objects here: strings and buffers the route serialized itself, and streams
  // (Server-Sent Events). They are masked too, so a route cannot bypass masking by how it replies.
  // A route that writes to `reply.raw` itself bypasses every hook: personal routes must not.
  async function maskOrAuditSerialized(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const p = personalFor(request, reply);
    if (!p || viewed.has(request) || payload === null || payload === undefined) return payload;
    const analyst = p.kind === 'user' && p.role === 'analyst';
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      if (analyst) return maskSerialized(text, String(reply.getHeader('content-type') ?? ''));
      if (maskText(text) !== text) await auditView(request, p);
      return payload;
    }
    if (payload instanceof Readable) {
      // pipeline, not pipe: when the client goes away and the masked stream is destroyed, the route's stream is too.
      if (analyst) return pipeline(payload, maskingLines(), () => {});
      await auditView(request, p, { stream: true });
    }
    return payload;
  }

  return { forgetCachedKeys: () => authenticator.forget(), logins };
}

function maskSerialized(text: string, contentType: string): string {
  if (contentType.includes('json')) {
    try {
      return JSON.stringify(maskDeep(JSON.parse(text)));
    } catch {
      // not JSON after all: mask it as text
    }
  }
  return maskText(text);
}

/**
 * Masks a text stream line by line (a number never spans an SSE or NDJSON line); an `event:`/`data:`
 * line holding JSON is masked as JSON, so record ids keep their form.
 */
function maskingLines(): Transform {
  let pending = '';
  const maskLine = (line: string): string => {
    const data = /^data: ?/.exec(line);
    if (data) return data[0] + maskSerialized(line.slice(data[0].length), line.includes('{') ? 'json' : '');
    return maskSerialized(line, line.startsWith('{') ? 'json' : '');
  };
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return done();
      const complete = pending.slice(0, cut + 1);
      pending = pending.slice(cut + 1);
      done(null, complete.split('\n').map(maskLine).join('\n'));
    },
    flush(done) {
      done(null, pending ? maskLine(pending) : undefined);
    },
  });
}

/**
 * Verified API keys are remembered for `KEY_CACHE_MS` (by the key's SHA-256, never the key), so a busy
 * sender costs no database query per request; `forget()` (called when a key is revoked) drops them at
 * once in this process. Other processes serving the same database notice within `KEY_CACHE_MS`.
 * Sessions are not cached: a disabled user or a changed role takes effect on the next request.
 */
const KEY_CACHE_MS = 30_000;

class Authenticator {
  private readonly keys = new Map<string, { principal: Principal; until: number; touched: number }>();

  constructor(private readonly db: Queryable) {}

  forget(): void {
    this.keys.clear();
  }

  async authenticate(request: FastifyRequest): Promise<Principal | null> {
    const key = presentedKey(request);
    if (key !== undefined) return this.apiKey(key);
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const session = await getSession(this.db, token);
    if (!session) return null;
    const { user } = session;
    return { kind: 'user', id: user.id, username: user.username, role: user.role, csrfToken: session.csrfToken };
  }

  private async apiKey(key: string): Promise<Principal | null> {
    const now = Date.now();
    const digest = createHash('sha256').update(key).digest('base64');
    const cached = this.keys.get(digest);
    if (cached && cached.until > now) return cached.principal;
    const found = await verifyApiKey(this.db, key);
    if (!found) {
      this.keys.delete(digest);
      return null;
    }
    const touchedRecently = cached !== undefined && cached.touched >= now - 60_000;
    if (!touchedRecently) await touchApiKey(this.db, found.id);
    const principal: Principal = {
      kind: 'key',
      id: found.id,
      name: found.name,
      scopes: found.scopes,
      rateLimitPerMin: found.rateLimitPerMin,
    };
    if (this.keys.size > 10_000) this.keys.clear();
    this.keys.set(digest, { principal, until: now + KEY_CACHE_MS, touched: touchedRecently ? cached.touched : now });
    return principal;
  }
}

/** The audit actor for a principal. */
export function actorOf(p: Principal | null): { actorType: 'user' | 'api_key' | 'system'; actorId: number | null } {
  if (!p) return { actorType: 'system', actorId: null };
  return { actorType: p.kind === 'user' ? 'user' : 'api_key', actorId: p.id };
}

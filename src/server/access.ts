import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, getSession, touchApiKey, verifyApiKey, type ApiScope, type Queryable, type Role } from '../store/index.js';
import { ApiError } from './errors.js';
import { holdsPersonalNumbers, maskDeep } from './masking.js';

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
 *   view by an officer or admin is written to the audit log.
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
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
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

const UNAUTHENTICATED = () => new ApiError(401, 'UNAUTHENTICATED', '请先登录或提供有效的 API 密钥', 'log in or present a valid API key');
const FORBIDDEN = () => new ApiError(403, 'FORBIDDEN', '当前账号无权执行此操作', 'this account may not do this');

/**
 * Per-key rate limit: a token bucket refilled continuously at `rateLimitPerMin`, holding at most one
 * minute's worth. In process memory: each instance limits what reaches it.
 */
class RateLimiter {
  private readonly buckets = new Map<number, { tokens: number; at: number }>();

  take(keyId: number, perMin: number, now: number): number {
    const bucket = this.buckets.get(keyId) ?? { tokens: perMin, at: now };
    bucket.tokens = Math.min(perMin, bucket.tokens + ((now - bucket.at) * perMin) / 60_000);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / perMin / 1000);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request (session cookie or API key), enforces each route's `config.access`
 * (401 without credentials, 403 without the role or scope), CSRF on cookie-authenticated writes,
 * rate limits per key, and masking/audit of personal numbers in responses.
 */
export function installAccessControl(app: FastifyInstance, db: Queryable): AccessControl {
  const limiter = new RateLimiter();
  const authenticator = new Authenticator(db);
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (access === undefined && !route.url.startsWith('/docs')) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
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
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== p.csrfToken) {
        throw new ApiError(403, 'CSRF', `缺少或错误的 ${CSRF_HEADER} 请求头`, `missing or wrong ${CSRF_HEADER} header`);
      }
    } else {
      if (!access.scope || !p.scopes.includes(access.scope)) throw FORBIDDEN();
      const retryAfter = limiter.take(p.id, p.rateLimitPerMin, Date.now());
      if (retryAfter > 0) {
        throw new ApiError(
          429,
          'RATE_LIMITED',
          '请求过于频繁，请稍后重试',
          'rate limit exceeded: retry later',
          undefined,
          undefined,
          retryAfter,
        );
      }
    }
  });

  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const access = request.routeOptions.config.access;
    const p = request.principal;
    if (!p || p.kind !== 'user' || access === undefined || access === 'public' || !access.personal) return payload;
    if (reply.statusCode >= 400) return payload;
    if (p.role === 'analyst') return maskDeep(payload);
    if (holdsPersonalNumbers(payload)) {
      await audit(db, {
        actorType: 'user',
        actorId: p.id,
        action: 'view.unmasked',
        targetType: 'route',
        targetId: request.routeOptions.url ?? null,
        detail: { method: request.method, params: request.params as Record<string, unknown> },
        ip: request.ip,
      });
    }
    return payload;
  });
  return { forgetCachedKeys: () => authenticator.forget() };
}

export interface AccessControl {
  /** Call after revoking or changing a key so the change applies to the next request. */
  forgetCachedKeys(): void;
}

/**
 * Verified API keys are remembered for `KEY_CACHE_MS` (by the key's SHA-256, never the key), so a busy
 * sender costs no database query per request; `forget()` (called when a key is revoked) drops them at once.
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
    if (token === undefined) return null;
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
    if (!cached || cached.touched < now - 60_000) await touchApiKey(this.db, found.id);
    const principal: Principal = {
      kind: 'key',
      id: found.id,
      name: found.name,
      scopes: found.scopes,
      rateLimitPerMin: found.rateLimitPerMin,
    };
    if (this.keys.size > 10_000) this.keys.clear();
    this.keys.set(digest, {
      principal,
      until: now + KEY_CACHE_MS,
      touched: cached && cached.touched >= now - 60_000 ? cached.touched : now,
    });
    return principal;
  }
}

/** The audit actor for a principal. */
export function actorOf(p: Principal | null): { actorType: 'user' | 'api_key' | 'system'; actorId: number | null } {
  if (!p) return { actorType: 'system', actorId: null };
  return { actorType: p.kind === 'user' ? 'user' : 'api_key', actorId: p.id };
}

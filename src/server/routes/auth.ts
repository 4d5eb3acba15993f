import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { AccountError, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, resetPassword } from '../../service/accounts.js';
import {
  audit,
  checkUserPassword,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  getUser,
  verifyLogin,
  type User,
} from '../../store/index.js';
import { ANY_ROLE, SESSION_COOKIE, readCookie, type Principal } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';

/** How long a console session lasts from login, whatever the activity: a working day and a half. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Type.Union([Type.Literal('analyst'), Type.Literal('officer'), Type.Literal('admin')]),
  displayName: Type.Union([Type.String(), Type.Null()]),
});

const SessionSchema = Type.Object({
  user: SessionUserSchema,
  csrfToken: Type.String({ description: 'Send it back in the `x-csrf-token` header on every POST, PATCH, PUT and DELETE' }),
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
});

const LoginBodySchema = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) },
  { additionalProperties: false },
);

const PasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

const BAD_CREDENTIALS = () => new ApiError(401, 'BAD_CREDENTIALS', '用户名或密码错误', 'wrong username or password');

export const sessionUser = (u: User) => ({ id: u.id, username: u.username, role: u.role, displayName: u.displayName });

/**
 * Over HTTPS (directly, or behind a proxy that says so in `x-forwarded-proto`) the cookie is marked
 * Secure. Believing the header is safe here: Secure only restricts where the browser sends the cookie,
 * so a forged header can at worst stop that client's own login from working over plain HTTP.
 */
function overHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSec: number): void {
  const attributes = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSec}`];
  if (overHttps(request)) attributes.push('Secure');
  reply.header('set-cookie', attributes.join('; '));
}

async function startSession(ctx: ServiceContext, request: FastifyRequest, reply: FastifyReply, user: User) {
  const session = await createSession(ctx.store.db, user.id, {
    ttlMs: SESSION_TTL_MS,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  setSessionCookie(request, reply, session.token, Math.floor(SESSION_TTL_MS / 1000));
  return { user: sessionUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
}

function throttled(ctx: ServiceContext, username: string, ip: string): void {
  const wait = ctx.access.logins.blockedFor(username, ip);
  if (wait > 0)
    throw new ApiError(
      429,
      'LOGIN_THROTTLED',
      `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`,
      `too many failed logins: try again in ${Math.ceil(wait / 60)} min`,
      undefined,
      undefined,
      wait,
    );
}

/** `POST /v1/auth/login`, `POST /v1/auth/logout`, `GET /v1/auth/me`, `POST /v1/auth/password`: console sessions. */
export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;
  // Expired sessions are swept at a login, at most hourly: no timer to stop, and no table that only grows.
  let swept = 0;
  const sweep = async () => {
    if (Date.now() - swept < 3_600_000) return;
    swept = Date.now();
    await deleteExpiredSessions(db);
  };
  // JSON only: a cross-site HTML form can send text/plain without a preflight, never application/json.
  app.removeContentTypeParser('text/plain');

  app.post(
    '/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Log in to the console',
        description:
          'Checks the username and password and sets the `kg_session` cookie (httpOnly, SameSite=Strict, Secure over HTTPS). ' +
          'Returns the user and the CSRF token to send in `x-csrf-token` with every state-changing request. A wrong ' +
          'password, an unknown user and a disabled account get the same 401. After 5 failures for one username from one ' +
          'address within 15 minutes (or 30 from one address), logins from there are refused with 429 until the window passes.',
        tags: ['auth'],
        body: LoginBodySchema,
        response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      throttled(ctx, username, request.ip);
      const user = await verifyLogin(db, username, password);
      if (!user) {
        const locked = ctx.access.logins.failed(username, request.ip);
        // The username is not recorded: people type their password into it by mistake.
        await audit(db, { actorType: 'system', action: 'auth.login.failed', detail: locked ? { locked: true } : {}, ip: request.ip });
        throw BAD_CREDENTIALS();
      }
      ctx.access.logins.succeeded(username, request.ip);
      await sweep();
      await audit(db, { actorType: 'user', actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id, ip: request.ip });
      return startSession(ctx, request, reply, user);
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        summary: 'Log out',
        description: 'Ends this session and clears the cookie (needs `x-csrf-token`).',
        tags: ['auth'],
        response: { 204: Type.Null({ description: 'Logged out' }), 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request, reply) => {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      const p = request.principal as Extract<Principal, { kind: 'user' }>;
      await audit(db, { actorType: 'user', actorId: p.id, action: 'auth.logout', targetType: 'user', targetId: p.id, ip: request.ip });
      setSessionCookie(request, reply, '', 0);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/auth/me',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        summary: 'The logged-in user',
        description:
          'The user of this session and its CSRF token (the console asks after a reload: the cookie is not readable by scripts).',
        tags: ['auth'],
        response: { 200: SessionSchema, 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (request) => {
      const p = request.principal as Extract<Principal, { kind: 'user' }>;
      const user = await getUser(db, p.id);
      if (!user) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'log in first');
      return { user: sessionUser(user), csrfToken: p.csrfToken };
    },
  );

  app.post(
    '/v1/auth/password',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        summary: 'Change my password',
        description:
          `Needs the current password; the new one has at least ${PASSWORD_MIN_LENGTH} characters. Ends every session of ` +
          'the user (other browsers included) and starts a new one here: the reply carries the new cookie and CSRF token.',
        tags: ['auth'],
        body: PasswordBodySchema,
        response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const p = request.principal as Extract<Principal, { kind: 'user' }>;
      throttled(ctx, p.username, request.ip);
      if (!(await checkUserPassword(db, p.id, request.body.currentPassword))) {
        ctx.access.logins.failed(p.username, request.ip);
        throw new ApiError(400, 'BAD_CURRENT_PASSWORD', '当前密码不正确', 'the current password is wrong', '/currentPassword');
      }
      try {
        await resetPassword(
          db,
          p.id,
          request.body.newPassword,
          { actorType: 'user', actorId: p.id, ip: request.ip },
          'user.password.change',
        );
      } catch (e) {
        if (e instanceof AccountError) throw new ApiError(400, e.code, e.zh, e.en, '/newPassword');
        throw e;
      }
      const user = await getUser(db, p.id);
      if (!user) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录', 'log in first');
      return startSession(ctx, request, reply, user);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import {
  AccountError,
  addApiKey,
  addUser,
  changeUser,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RATE_LIMIT_DEFAULT,
  RATE_LIMIT_MAX,
  resetPassword,
  revokeKey,
  USERNAME_PATTERN,
  type Actor,
} from '../../service/accounts.js';
import { API_SCOPES, listApiKeys, listAudit, listUsers, ROLES, type ActorType, type ApiKey, type User } from '../../store/index.js';
import { ADMINS, type Principal } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';

const enumOf = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = () => Type.String({ format: 'date-time' });

const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Nullable(Type.String()),
  role: enumOf(ROLES),
  disabled: Type.Boolean(),
  createdAt: DateTime(),
  lastLoginAt: Nullable(DateTime()),
});

const ApiKeySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The `kg_<prefix>_…` part of the key: tells keys apart, not a secret' }),
  scopes: Type.Array(enumOf(API_SCOPES)),
  rateLimitPerMin: Type.Integer(),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: DateTime(),
  lastUsedAt: Nullable(DateTime()),
  revokedAt: Nullable(DateTime()),
});

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: DateTime(),
  actorType: enumOf(['user', 'api_key', 'system', 'cli'] as const),
  actorId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  ip: Nullable(Type.String()),
});

const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'numeric id' }) });

const NewUserSchema = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN, description: 'letters, digits, _ . @ -; 1–64' }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    role: enumOf(ROLES),
    displayName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

const UserChangesSchema = Type.Object(
  {
    role: Type.Optional(enumOf(ROLES)),
    disabled: Type.Optional(Type.Boolean({ description: 'true ends the user’s sessions at once' })),
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const NewKeySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'the sending system, e.g. 手机银行反诈网关' }),
    scopes: Type.Array(enumOf(API_SCOPES), { minItems: 1, uniqueItems: true }),
    rateLimitPerMin: Type.Optional(Type.Integer({ minimum: 1, maximum: RATE_LIMIT_MAX, default: RATE_LIMIT_DEFAULT })),
  },
  { additionalProperties: false },
);

const AuditQuerySchema = Type.Object(
  {
    actorType: Type.Optional(enumOf(['user', 'api_key', 'system', 'cli'] as const)),
    actorId: Type.Optional(Type.String({ maxLength: 64 })),
    action: Type.Optional(Type.String({ maxLength: 64, description: 'exact (`user.create`) or a family ending in a dot (`user.`)' })),
    targetType: Type.Optional(Type.String({ maxLength: 64 })),
    targetId: Type.Optional(Type.String({ maxLength: 200 })),
    since: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 date-time: entries at or after it' })),
    before: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,14}$', description: 'next page: the `nextBefore` of the previous one' })),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1–500, default 100' })),
  },
  { additionalProperties: false },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const userJson = (u: User) => ({ ...u, createdAt: u.createdAt.toISOString(), lastLoginAt: iso(u.lastLoginAt) });
const keyJson = (k: ApiKey) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

function actor(request: FastifyRequest): Actor {
  const p = request.principal as Extract<Principal, { kind: 'user' }>;
  return { actorType: 'user', actorId: p.id, ip: request.ip };
}

/** An account rule broken: 409 for conflicts with what exists, 400 for the input itself. */
function asApiError(e: unknown): unknown {
  if (!(e instanceof AccountError)) return e;
  const status = e.code === 'USER_EXISTS' || e.code === 'LAST_ADMIN' ? 409 : 400;
  return new ApiError(status, e.code, e.zh, e.en, `/${e.field}`);
}

const USER_NOT_FOUND = (id: string) => new ApiError(404, 'USER_NOT_FOUND', `没有编号为 ${id} 的用户`, `no user with id ${id}`, '/id');
const KEY_NOT_FOUND = (id: string) => new ApiError(404, 'KEY_NOT_FOUND', `没有编号为 ${id} 的 API 密钥`, `no API key with id ${id}`, '/id');

const FORBIDDEN_RESPONSES = { 401: ErrorSchema, 403: ErrorSchema };

/**
 * Users, API keys, the audit log and the policy in force: admins only. Each change and its audit
 * entry commit together (src/service/accounts.ts).
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;
  const access = { roles: ADMINS };
  app.removeContentTypeParser('text/plain');

  app.get(
    '/v1/admin/users',
    {
      config: { access },
      schema: {
        summary: 'List console users',
        tags: ['admin'],
        response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...FORBIDDEN_RESPONSES },
      },
    },
    async () => ({ users: (await listUsers(db)).map(userJson) }),
  );

  app.post(
    '/v1/admin/users',
    {
      config: { access },
      schema: {
        summary: 'Create a console user',
        description: `Roles: analyst (reads; phone, ID and card numbers masked), officer (sees them, works cases), admin. The password has at least ${PASSWORD_MIN_LENGTH} characters and is stored as a scrypt hash.`,
        tags: ['admin'],
        body: NewUserSchema,
        response: { 201: Type.Object({ user: UserSchema }), 400: ErrorSchema, ...FORBIDDEN_RESPONSES, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      try {
        const user = await addUser(db, request.body, actor(request));
        return reply.code(201).send({ user: userJson(user) });
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.patch(
    '/v1/admin/users/:id',
    {
      config: { access },
      schema: {
        summary: 'Change a user’s role, display name or disabled flag',
        description:
          'Disabling a user ends their sessions at once; a role change applies from their next request. The last admin who ' +
          'can log in cannot be disabled or demoted (409 LAST_ADMIN).',
        tags: ['admin'],
        params: IdParams,
        body: UserChangesSchema,
        response: { 200: Type.Object({ user: UserSchema }), 400: ErrorSchema, ...FORBIDDEN_RESPONSES, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      try {
        const user = await changeUser(db, Number(request.params.id), request.body, actor(request));
        if (!user) throw USER_NOT_FOUND(request.params.id);
        return { user: userJson(user) };
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.post(
    '/v1/admin/users/:id/password',
    {
      config: { access },
      schema: {
        summary: 'Set a user’s password',
        description: 'For a forgotten password. Ends every session of that user.',
        tags: ['admin'],
        params: IdParams,
        body: Type.Object(
          { password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null({ description: 'Password set' }), 400: ErrorSchema, ...FORBIDDEN_RESPONSES, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      try {
        if (!(await resetPassword(db, Number(request.params.id), request.body.password, actor(request))))
          throw USER_NOT_FOUND(request.params.id);
      } catch (e) {
        throw asApiError(e);
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/admin/keys',
    {
      config: { access },
      schema: {
        summary: 'List API keys',
        description: 'Names, prefixes, scopes, limits and use; never the keys themselves (only their SHA-256 is stored).',
        tags: ['admin'],
        response: { 200: Type.Object({ keys: Type.Array(ApiKeySchema) }), ...FORBIDDEN_RESPONSES },
      },
    },
    async () => ({ keys: (await listApiKeys(db)).map(keyJson) }),
  );

  app.post(
    '/v1/admin/keys',
    {
      config: { access },
      schema: {
        summary: 'Create an API key for a sending system',
        description:
          'Scopes: `events` (POST /v1/events), `check` (POST /v1/check), `lookup` (risk lookups). `rateLimitPerMin` (default ' +
          `${RATE_LIMIT_DEFAULT}) is a token bucket per key. The key is in this reply and nowhere else: it cannot be shown again.`,
        tags: ['admin'],
        body: NewKeySchema,
        response: {
          201: Type.Object({ key: Type.String({ description: 'kg_<prefix>_<secret>: shown once' }), apiKey: ApiKeySchema }),
          400: ErrorSchema,
          ...FORBIDDEN_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const p = request.principal as Extract<Principal, { kind: 'user' }>;
      try {
        const { key, apiKey } = await addApiKey(db, { ...request.body, createdBy: p.id }, actor(request));
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({ key, apiKey: keyJson(apiKey) });
      } catch (e) {
        throw asApiError(e);
      }
    },
  );

  app.post(
    '/v1/admin/keys/:id/revoke',
    {
      config: { access },
      schema: {
        summary: 'Revoke an API key',
        description:
          'The key stops working with the next request to this instance (other instances: within 30 s). Revoking twice is harmless.',
        tags: ['admin'],
        params: IdParams,
        response: { 200: Type.Object({ apiKey: ApiKeySchema }), 400: ErrorSchema, ...FORBIDDEN_RESPONSES, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { outcome, apiKey } = await revokeKey(db, Number(request.params.id), actor(request));
      ctx.access.forgetCachedKeys();
      if (outcome === 'missing' || !apiKey) throw KEY_NOT_FOUND(request.params.id);
      return { apiKey: keyJson(apiKey) };
    },
  );

  app.get(
    '/v1/admin/audit',
    {
      config: { access },
      schema: {
        summary: 'The audit log',
        description:
          'Every case change, every unmasked view of personal numbers, logins, and every user and key change, newest first. ' +
          'Filter by actor, action, target and time; page with `before` = the previous page’s `nextBefore`.',
        tags: ['admin'],
        querystring: AuditQuerySchema,
        response: {
          200: Type.Object({ entries: Type.Array(AuditEntrySchema), nextBefore: Type.Union([Type.Integer(), Type.Null()]) }),
          400: ErrorSchema,
          ...FORBIDDEN_RESPONSES,
        },
      },
    },
    async (request) => {
      const q = request.query;
      let since: Date | undefined;
      if (q.since !== undefined) {
        since = new Date(q.since);
        if (!/^\d{4}-\d{2}-\d{2}/.test(q.since) || Number.isNaN(since.getTime()))
          throw new ApiError(
            400,
            'BAD_SINCE',
            '"since" 应为 ISO-8601 时间，如 2026-05-01T00:00:00+08:00',
            '"since" must be an ISO-8601 date-time',
            '/since',
          );
      }
      const limit = Math.min(500, q.limit === undefined ? 100 : Number(q.limit));
      const entries = await listAudit(db, {
        actorType: q.actorType as ActorType | undefined,
        actorId: q.actorId,
        action: q.action,
        targetType: q.targetType,
        targetId: q.targetId,
        since,
        beforeId: q.before === undefined ? undefined : Number(q.before),
        limit,
      });
      return {
        entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
        nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null,
      };
    },
  );

  app.get(
    '/v1/admin/policy',
    {
      config: { access },
      schema: {
        summary: 'The decision policy in force (read-only)',
        description:
          'The policy the engine decides with: `id` (name@version), outcome bands with the reason shown for each, reason ' +
          'weights, windows and thresholds. Changing it is a versioned change in the repository (src/policy), reviewed and ' +
          'tested like code, then deployed; there is deliberately no API to edit it.',
        tags: ['admin'],
        response: { 200: Type.Object({ id: Type.String() }, { additionalProperties: true }), ...FORBIDDEN_RESPONSES },
      },
    },
    async () => ({
      ...ctx.engine.policy,
      howToChange: {
        zh: '策略是代码库中的版本化数据（src/policy），修改需提交、评审、测试后重新部署；本接口只读。',
        en: 'The policy is versioned data in the repository (src/policy): change it by a reviewed, tested commit and a deploy. This view is read-only.',
      },
    }),
  );
};

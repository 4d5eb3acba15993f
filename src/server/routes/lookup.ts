import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { lookup, LOOKUP_TYPES, LookupInputError } from '../../service/lookup.js';
import { ANY_ROLE } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';
import { Enum, EntitySchema, OrNull } from './entities.js';

const LookupSchema = Type.Object(
  {
    query: Type.Object({
      type: Enum(LOOKUP_TYPES),
      value: Type.String({ description: 'as stored: normalized' }),
      detected: Type.Boolean({ description: 'the type was detected, not given' }),
      candidates: Type.Optional(
        Type.Array(Enum(LOOKUP_TYPES), { description: 'when the value could be several types: tried in this order' }),
      ),
    }),
    known: Type.Boolean({ description: 'the service has seen it (in an event or a report)' }),
    entity: OrNull(EntitySchema),
    related: Type.Array(EntitySchema, { description: 'for a URL: the other stored links on the same host' }),
    knownBad: Type.Boolean(),
    official: OrNull(Type.Object({ owner: Type.String() }, { description: 'an official customer-service number or site' })),
    reports: Type.Object({
      count: Type.Integer({ description: 'reports naming it that are not rejected' }),
      byStatus: Type.Object({ received: Type.Integer(), verified: Type.Integer(), rejected: Type.Integer() }),
      latest: Type.Array(
        Type.Object({
          id: Type.Integer(),
          kind: Type.String(),
          status: Type.String(),
          family: OrNull(Type.String()),
          createdAt: Type.String({ format: 'date-time' }),
        }),
        { description: 'newest first, at most 5; never the reporter or the text' },
      ),
    }),
    cases: Type.Object({
      count: Type.Integer(),
      byStatus: Type.Record(Type.String(), Type.Integer()),
      byFamily: Type.Record(Type.String(), Type.Integer()),
      lossConfirmed: Type.Integer(),
      falseAlarms: Type.Integer(),
    }),
    people: Type.Object({
      windowDays: Type.Integer(),
      total: Type.Integer({ description: 'distinct people whose events named it' }),
      recent: Type.Integer({ description: 'of them, within the window (event time)' }),
      recentPaid: Type.Integer({ description: 'paid it (payee, gift-card redeemer) within the window' }),
      recentContacted: Type.Integer({ description: 'called, messaged or opened it within the window' }),
    }),
    verdict: Type.Object({
      level: Enum(['high', 'medium', 'low', 'official', 'unknown'] as const),
      zh: Type.String(),
      en: Type.String(),
    }),
  },
  { $id: 'Lookup' },
);

export const lookupRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/lookup',
    {
      config: { access: { roles: ANY_ROLE, scope: 'lookup', personal: true } },
      schema: {
        summary: 'Risk lookup (风险查询): a phone number, account, QQ/WeChat id or URL',
        description:
          'The type is detected when not given: 11-digit mobiles, 95xxx/400 service numbers and landlines → phone; 16–19 digits → account; ' +
          '`QQ：12345` or 5–11 digits → qq (tried before phone and account); a scheme or domain → url (matched by host too); `wxid_…` or a ' +
          'WeChat-style id → wechat. Returns the reports naming it (counts and the latest few, without reporters), the linked cases ' +
          '(counted by status and family, without subjects), how many people paid or met it recently, and a verdict explained in Chinese ' +
          'and English. A value never seen is `verdict.level: unknown`, not a 404.',
        tags: ['lookup'],
        querystring: Type.Object({
          // Optional in the schema so a missing value is reported by name (see the handler).
          value: Type.Optional(Type.String({ maxLength: 600 })),
          type: Type.Optional(Enum(LOOKUP_TYPES)),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: '"recently": days of event time (default 30)' })),
        }),
        response: { 200: LookupSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const { value, type, days } = request.query;
      if (value === undefined) throw new ApiError(400, 'INVALID_FIELD', '缺少查询内容 value', 'value is required', '/value');
      try {
        return await lookup(ctx.store.db, ctx.engine.typology, value, type, { windowDays: days });
      } catch (e) {
        if (e instanceof LookupInputError) throw new ApiError(400, 'INVALID_FIELD', e.zh, e.en, `/${e.field}`);
        throw e;
      }
    },
  );
};

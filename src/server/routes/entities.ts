import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type TSchema } from 'typebox';
import { ENTITY_TYPES, entityDetail, searchEntities } from '../../service/entities.js';
import { caseNetworkGraph } from '../../service/network.js';
import { ANY_ROLE } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';

/** Schema helpers shared by the intelligence routes (entities, lookup, reports, leak sources). */
export const Enum = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'numeric id' }) });

export const EntitySchema = Type.Object(
  {
    id: Type.Integer(),
    type: Enum(ENTITY_TYPES),
    value: Type.String({ description: 'normalized: phone digits without +86, URLs lower-cased, card numbers without spaces' }),
    knownBad: Type.Boolean({ description: 'named in a report that is not rejected: the engine treats it as known bad' }),
    reportCount: Type.Integer({ description: 'reports naming it that are not rejected' }),
    firstSeenAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time', description: 'wall clock, refreshed at most once a minute' }),
  },
  { $id: 'Entity' },
);

const ReportBriefSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  family: OrNull(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ReportSummarySchema = Type.Object({
  byStatus: Type.Object({ received: Type.Integer(), verified: Type.Integer(), rejected: Type.Integer() }),
  latest: Type.Array(ReportBriefSchema, { description: 'newest first, at most 5; no reporter, no text' }),
});

const EntityDetailSchema = Type.Intersect(
  [
    EntitySchema,
    Type.Object({
      subjects: Type.Integer({ description: 'distinct people whose own events name it (reports excluded)' }),
      firstEventT: OrNull(Type.Integer({ description: 'event time of the first event naming it, epoch ms' })),
      lastEventT: OrNull(Type.Integer()),
      roles: Type.Array(Type.Object({ role: Type.String(), n: Type.Integer() }), {
        description: 'how events named it: payee, peer, redeemer, link…',
      }),
      reports: ReportSummarySchema,
      cases: Type.Object({
        total: Type.Integer(),
        items: Type.Array(
          Type.Object({
            caseId: Type.Integer(),
            subject: Type.String(),
            status: Type.String(),
            outcome: OrNull(Type.String()),
            level: Type.String(),
            family: OrNull(Type.String()),
            stage: OrNull(Type.String()),
            roles: Type.Array(Type.String()),
            openedAt: Type.String({ format: 'date-time' }),
          }),
          { description: 'most severe first, at most 100' },
        ),
      }),
    }),
  ],
  { $id: 'EntityDetail' },
);

const NetworkSchema = Type.Object(
  {
    caseId: Type.Integer(),
    nodes: Type.Array(
      Type.Object(
        {
          id: Type.String({ description: '`case-<id>` or `entity-<id>`' }),
          type: Type.String({ description: '`case` or the entity type' }),
          label: Type.String(),
          hop: Type.Integer({ minimum: 0, maximum: 3, description: '0 the case, 1 its entities, 2 cases sharing them, 3 their entities' }),
        },
        {
          additionalProperties: true,
          description:
            'cases also carry caseId, subject, status, level, family, stage; entities entityId, value, knownBad, reportCount, hub',
        },
      ),
    ),
    edges: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), target: Type.String(), role: Type.String() })),
    truncated: Type.Boolean(),
    notes: Type.Array(Type.Object({ zh: Type.String(), en: Type.String() })),
  },
  { $id: 'CaseNetwork', description: 'cytoscape-style elements: a case and its entities, two hops' },
);

export function idOf(raw: string, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(400, 'INVALID_FIELD', `${what} 编号无效`, `invalid ${what} id`, '/id');
  return id;
}

export const entitiesRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;

  app.get(
    '/v1/entities',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'Search entities (phone numbers, accounts, QQ/WeChat ids, URLs, redeemers, merchants, couriers)',
        description:
          '`q` matches any part of the stored value (normalized as `type` stores it when `type` is given). Known-bad first, then the most reported, then the latest seen.',
        tags: ['entities'],
        querystring: Type.Object({
          type: Type.Optional(Enum(ENTITY_TYPES)),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          knownBad: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
        }),
        response: { 200: Type.Object({ entities: Type.Array(EntitySchema) }), 400: ErrorSchema },
      },
    },
    async (request) => {
      const { type, q, knownBad, limit = 50, offset = 0 } = request.query;
      return { entities: await searchEntities(db, { type, q, knownBad, limit, offset }) };
    },
  );

  app.get(
    '/v1/entities/:id',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'One entity: known bad, reports, the cases that share it, how many people it touched',
        tags: ['entities'],
        params: IdParams,
        response: { 200: EntityDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const detail = await entityDetail(db, idOf(request.params.id, 'entity'));
      if (!detail) throw new ApiError(404, 'ENTITY_NOT_FOUND', '没有这个实体', 'no such entity');
      return detail;
    },
  );

  app.get(
    '/v1/cases/:id/network',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'The network of a case: its entities, the other cases sharing them, and their entities',
        description:
          'Two hops (case → entities → cases → entities) as cytoscape-style `nodes` and `edges`. At most `limit` nodes, filled ring by ring ' +
          '(other cases by how many entities they share); an entity linked to more than `maxFanout` cases is shown but not followed. ' +
          '`truncated` and `notes` say what was left out.',
        tags: ['entities', 'cases'],
        params: IdParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 2, maximum: 1000, default: 200 })),
          maxFanout: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 200 })),
        }),
        response: { 200: NetworkSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const { limit = 200, maxFanout = 200 } = request.query;
      const network = await caseNetworkGraph(db, idOf(request.params.id, 'case'), { maxNodes: limit, maxFanout });
      if (!network) throw new ApiError(404, 'CASE_NOT_FOUND', '没有这个案件', 'no such case');
      return network;
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EventTime } from '../../events/index.js';
import {
  fileReportFromBody,
  getReportView,
  listReportViews,
  REPORTABLE_TYPES,
  ReportInputError,
  ReportNotPersisted,
  reviewReportView,
} from '../../service/reports.js';
import { audit } from '../../store/index.js';
import { FAMILY_IDS } from '../../typology/index.js';
import { actorOf, ANY_ROLE, OFFICERS, type Principal } from '../access.js';
import type { ServiceContext } from '../context.js';
import { parseQueryTime } from '../query-time.js';
import { ApiError } from '../errors.js';
import { DecisionSchema, ErrorSchema } from '../schemas.js';
import { Enum, IdParams, idOf, OrNull } from './entities.js';

const REPORT_KINDS = ['victim-report', 'complaint'] as const;
const REPORT_STATUSES = ['received', 'verified', 'rejected'] as const;

const ReportBodySchema = Type.Object(
  {
    kind: Enum(REPORT_KINDS),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the victim (customer id at the sender), if known' })),
    text: Type.Optional(Type.String({ maxLength: 100_000, description: 'what happened; analyzed for the family and further entities' })),
    entities: Type.Optional(
      Type.Array(
        Type.Object(
          { type: Enum(REPORTABLE_TYPES), value: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    reporter: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'who reported (a contact or reference); default: the caller' }),
    ),
    ts: Type.Optional(EventTime),
  },
  { additionalProperties: false },
);

const ReportSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String(),
    subject: OrNull(Type.String()),
    eventId: OrNull(Type.String({ description: 'the `report-<id>` event in the event log' })),
    text: OrNull(Type.String()),
    reporter: OrNull(Type.String()),
    status: Enum(REPORT_STATUSES),
    family: OrNull(Type.String({ description: 'the scam family the analyzer read in the text' })),
    analysis: OrNull(
      Type.Object({
        verdict: Type.String(),
        score: Type.Number(),
        family: OrNull(Type.String()),
        stage: OrNull(Type.String()),
        suggested: Type.Array(Type.Object({ type: Type.String(), value: Type.String() }), {
          description: 'entities found in the text and not reported: suggest reporting them too',
        }),
      }),
    ),
    t: OrNull(Type.Integer({ description: 'event time the engine learnt it at, epoch ms' })),
    createdAt: Type.String({ format: 'date-time' }),
    reviewedBy: OrNull(Type.Integer()),
    reviewedAt: OrNull(Type.String({ format: 'date-time' })),
    entities: Type.Array(
      Type.Object({ id: Type.Integer(), type: Type.String(), value: Type.String(), knownBad: Type.Boolean(), reportCount: Type.Integer() }),
    ),
  },
  { $id: 'Report' },
);

function filerOf(p: Principal | null): string {
  if (!p) return 'unknown';
  return p.kind === 'user' ? `user:${p.username}` : `key:${p.name}`;
}

export const reportsRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;

  app.post(
    '/v1/reports',
    {
      config: { access: { roles: OFFICERS, scope: 'events', personal: true } },
      bodyLimit: 512 * 1024,
      schema: {
        summary: 'Report a scam: the reported entities become known bad for the engine',
        description:
          'Stores the report, links its entities and marks them known bad, and sends a `report` event (id `report-<report id>`, time `ts` or now) ' +
          'through the engine and the event log, so the engine treats them as known bad from now on and after a restart. With `text`, the ' +
          'analyzer reads it: the report keeps the family, and `analysis.suggested` lists entities in the text not yet reported.',
        tags: ['reports'],
        body: ReportBodySchema,
        response: {
          201: Type.Object({ report: ReportSchema, decision: DecisionSchema }),
          400: ErrorSchema,
          413: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      try {
        const filed = await fileReportFromBody(
          { db, engine: ctx.engine, analyzer: ctx.analyzer, sink: ctx.sink },
          request.body,
          filerOf(request.principal),
        );
        const { actorType, actorId } = actorOf(request.principal);
        await audit(db, {
          actorType,
          actorId,
          action: 'report.create',
          targetType: 'report',
          targetId: String(filed.report.id),
          detail: { kind: filed.report.kind, entities: filed.report.entities.length },
          ip: request.ip,
        });
        return reply.code(201).send(filed);
      } catch (e) {
        if (e instanceof ReportInputError) throw new ApiError(400, 'INVALID_FIELD', e.zh, e.en, e.field);
        if (e instanceof ReportNotPersisted) {
          request.log.error({ err: e.cause }, 'persisting a report event failed');
          throw new ApiError(
            503,
            'STORE_UNAVAILABLE',
            '举报暂时无法保存，请稍后重试',
            'the report could not be stored: retry later',
            undefined,
            undefined,
            1,
          );
        }
        throw e;
      }
    },
  );

  app.get(
    '/v1/reports',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'Reports, newest first',
        tags: ['reports'],
        querystring: Type.Object({
          status: Type.Optional(Enum(REPORT_STATUSES)),
          kind: Type.Optional(Enum(REPORT_KINDS)),
          family: Type.Optional(Enum(FAMILY_IDS)),
          entityId: Type.Optional(Type.Integer({ minimum: 1, description: 'reports naming this entity' })),
          since: Type.Optional(Type.String({ description: 'created at or after (ISO-8601 or a date)' })),
          until: Type.Optional(Type.String({ description: 'created before' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), reports: Type.Array(ReportSchema) }), 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return listReportViews(db, {
        status: q.status,
        kind: q.kind,
        family: q.family,
        entityId: q.entityId,
        since: parseQueryTime(q.since, '/since'),
        until: parseQueryTime(q.until, '/until'),
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );

  app.get(
    '/v1/reports/:id',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'One report with its entities and what the analyzer read in its text',
        tags: ['reports'],
        params: IdParams,
        response: { 200: ReportSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const report = await getReportView(db, idOf(request.params.id, 'report'));
      if (!report) throw new ApiError(404, 'REPORT_NOT_FOUND', '没有这条举报', 'no such report');
      return report;
    },
  );

  app.post(
    '/v1/reports/:id/status',
    {
      config: { access: { roles: OFFICERS, personal: true } },
      schema: {
        summary: 'Verify or reject a report (officers)',
        description:
          'A rejected report no longer counts for its entities: each stays known bad only while another report naming it is not rejected. ' +
          'Moving a report in or out of `rejected` also sends a `report.review` event through the engine and the event log, so the engine ' +
          'stops (or resumes) treating its entities as known bad, also after a restart.',
        tags: ['reports'],
        params: IdParams,
        body: Type.Object({ status: Enum(['verified', 'rejected'] as const) }, { additionalProperties: false }),
        response: { 200: ReportSchema, 400: ErrorSchema, 404: ErrorSchema, 503: ErrorSchema },
      },
    },
    async (request) => {
      const id = idOf(request.params.id, 'report');
      const { actorType, actorId } = actorOf(request.principal);
      let report;
      try {
        report = await reviewReportView(
          { db, engine: ctx.engine, analyzer: ctx.analyzer, sink: ctx.sink },
          id,
          request.body.status,
          actorType === 'user' ? actorId : null,
        );
      } catch (e) {
        if (!(e instanceof ReportNotPersisted)) throw e;
        request.log.error({ err: e.cause }, 'persisting a report review event failed');
        throw new ApiError(503, 'STORE_UNAVAILABLE', '审核结果暂时无法保存，请稍后重试', 'the review could not be stored: retry later');
      }
      if (!report) throw new ApiError(404, 'REPORT_NOT_FOUND', '没有这条举报', 'no such report');
      await audit(db, {
        actorType,
        actorId,
        action: `report.${request.body.status}`,
        targetType: 'report',
        targetId: String(id),
        detail: { status: request.body.status },
        ip: request.ip,
      });
      return report;
    },
  );
};

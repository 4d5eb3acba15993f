import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type TSchema } from 'typebox';
import { LEVELS } from '../../engine/index.js';
import type { AlertLevel } from '../../policy/index.js';
import { AlertError, acknowledge, alertQueuePage, decodeAlertCursor } from '../../service/alerts.js';
import { AlertStream } from '../../service/alerts-stream.js';
import { lastAlertId, type AlertStatus } from '../../store/index.js';
import { FAMILY_IDS, STAGE_IDS } from '../../typology/index.js';
import { ANY_ROLE, OFFICERS, actorOf } from '../access.js';
import type { ServiceContext } from '../context.js';
import { parseQueryTime } from '../query-time.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';

export const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Documented as its enum; typed as a plain string, as the store returns it. */
export const Known = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
/** A Date in the code, an ISO-8601 string on the wire (JSON.stringify). */
export const DateTime = (description?: string) =>
  Type.Unsafe<Date>({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });

const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];

export const AlertSchema = Type.Object(
  {
    id: Type.Integer(),
    eventId: Type.String(),
    seq: Type.Integer(),
    subject: Type.String(),
    level: literals(LEVELS),
    action: Type.String(),
    score: Type.Number(),
    stage: Nullable(Known(STAGE_IDS)),
    family: Nullable(Known(FAMILY_IDS)),
    t: Type.Integer({ description: 'event time of the decision that raised it, epoch ms' }),
    ts: Type.String({ description: 't as ISO-8601' }),
    status: literals(ALERT_STATUSES),
    caseId: Nullable(Type.Integer()),
    createdAt: DateTime('when the alert was raised (wall clock)'),
    acknowledgedBy: Nullable(Type.Integer()),
    acknowledgedAt: Nullable(DateTime()),
    reasons: Type.Optional(Type.Array(Type.Object({ code: Type.String(), text: Type.String(), en: Type.String() }))),
  },
  { $id: 'Alert', description: 'An alert: a decision at or above medium, with the reasons that raised it' },
);

function alertError(e: unknown): unknown {
  if (!(e instanceof AlertError)) return e;
  return new ApiError(e.kind === 'not_found' ? 404 : 409, e.code, e.zh, e.en);
}

/**
 * The alert queue, acknowledgement and the live stream. Alerts are written with their events (an
 * event whose decision is medium or above), so everything here reads committed rows only.
 */
export const alertsRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;
  const streams = new Set<{ stream: AlertStream; body: PassThrough }>();

  // Open streams would hold the server open on close: end them first (clients reconnect elsewhere).
  app.addHook('preClose', async () => {
    for (const { stream, body } of streams) {
      stream.stop();
      body.end();
    }
    streams.clear();
  });

  app.get(
    '/v1/alerts',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'The alert queue',
        description:
          'Alerts most severe first (urgent, high, medium), then the one waiting longest first. Filters: `status` (default open), ' +
          '`level` (exactly) or `minLevel` (at least), `family`, `since` (raised at or after, ISO-8601 or a date in China time). ' +
          'Pages: `limit` (default 50, at most 500) and `cursor` from the previous page’s `nextCursor`.',
        tags: ['alerts'],
        querystring: Type.Object({
          status: Type.Optional(literals(ALERT_STATUSES)),
          level: Type.Optional(literals(LEVELS)),
          minLevel: Type.Optional(literals(LEVELS)),
          family: Type.Optional(literals(FAMILY_IDS)),
          since: Type.Optional(Type.String()),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(AlertSchema), nextCursor: Nullable(Type.String()) }),
          400: ErrorSchema,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const cursor = q.cursor === undefined ? undefined : decodeAlertCursor(q.cursor);
      if (cursor === null) {
        throw new ApiError(
          400,
          'INVALID_CURSOR',
          '分页游标无效，请使用上一页返回的 nextCursor',
          'not a cursor this service returned: use nextCursor',
          '/cursor',
        );
      }
      return alertQueuePage(db, {
        status: q.status,
        level: q.level,
        minLevel: q.minLevel,
        family: q.family,
        since: parseQueryTime(q.since, '/since'),
        cursor,
        limit: q.limit ?? 50,
      });
    },
  );

  app.post(
    '/v1/alerts/:id/ack',
    {
      config: { access: { roles: OFFICERS, personal: true } },
      schema: {
        summary: 'Acknowledge an alert',
        description: 'An officer has seen the alert and takes it on: it leaves the open queue. Audited. 409 when it is not open.',
        tags: ['alerts'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: AlertSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      try {
        const alert = await acknowledge(db, request.params.id, {
          ...actorOf(p),
          userId: p?.kind === 'user' ? p.id : null,
          ip: request.ip,
        });
        return { ...alert, ts: new Date(alert.t).toISOString() };
      } catch (e) {
        throw alertError(e);
      }
    },
  );

  app.get(
    '/v1/alerts/stream',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'Live alerts (Server-Sent Events)',
        description:
          '`text/event-stream`: each new alert as `event: alert` with `id:` the alert id and the alert as JSON data, sent once ' +
          'the event log has committed it. Resume with the `Last-Event-ID` header (EventSource does this) or `?after=<id>`; ' +
          'without either, only alerts raised from now on. `minLevel` filters. A comment line every 15 s keeps the connection open.',
        tags: ['alerts'],
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'send alerts with a larger id' })),
          minLevel: Type.Optional(literals(LEVELS)),
        }),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String()) }),
        response: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: Type.String() } } },
          400: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const header = request.headers['last-event-id'];
      let after: number;
      if (typeof header === 'string' && header.trim() !== '') {
        if (!/^\d{1,18}$/.test(header.trim())) {
          throw new ApiError(
            400,
            'INVALID_FIELD',
            'Last-Event-ID 应为预警编号',
            'Last-Event-ID must be an alert id',
            '/headers/last-event-id',
          );
        }
        after = Number(header.trim());
      } else {
        after = request.query.after ?? (await lastAlertId(db));
      }

      const body = new PassThrough();
      const write = (chunk: string) =>
        new Promise<void>((resolve) => {
          if (body.destroyed || body.writableEnded) return resolve();
          if (body.write(chunk)) return resolve();
          const done = () => {
            body.off('drain', done);
            body.off('close', done);
            resolve();
          };
          body.once('drain', done);
          body.once('close', done);
        });
      const stream = new AlertStream({
        db,
        committed: ctx.committed,
        after,
        minLevel: request.query.minLevel as AlertLevel | undefined,
        write,
        onError: (error) => {
          request.log.error({ err: error }, 'alert stream failed; the client will reconnect');
          body.end();
        },
      });
      const entry = { stream, body };
      streams.add(entry);
      const close = () => {
        stream.stop();
        streams.delete(entry);
        if (!body.destroyed) body.destroy();
      };
      reply.raw.once('close', close);

      reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        // A stream's connection is never reused: when the stream ends (server closing), the socket goes too.
        .header('connection', 'close');
      void stream.start();
      // The body is a stream (the response schema documents the event-stream text it carries).
      return reply.send(body as never);
    },
  );
};

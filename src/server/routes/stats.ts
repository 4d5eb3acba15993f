import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { statistics } from '../../service/statistics.js';
import { ANY_ROLE } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';
import { parseQueryTime } from '../query-time.js';

const DAY_MS = 86_400_000;
/** Without `since`: the last 30 days. Longer windows are allowed up to a year. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

const Money = Type.Object({ events: Type.Integer(), withAmount: Type.Integer(), amount: Type.Number({ description: 'yuan' }) });
const CaseOutcomes = Type.Object({
  opened: Type.Integer({ description: 'cases whose first event is in the window' }),
  resolved: Type.Integer({ description: 'of those, cases that reached an outcome' }),
  dissuaded: Type.Integer(),
  lossConfirmed: Type.Integer(),
  falseAlarms: Type.Integer({ description: 'cases labelled false_alarm' }),
  falseAlarmRate: Type.Union([Type.Number(), Type.Null()], { description: 'falseAlarms / resolved; null when none was resolved' }),
  lossAmount: Type.Number({ description: 'yuan on confirmed-loss labels' }),
});
const ByLevel = Type.Record(Type.String(), Type.Integer());

const StatisticsSchema = Type.Object(
  {
    window: Type.Object({ since: Type.String(), until: Type.String(), clock: Type.Literal('event-time'), dayUtcOffset: Type.String() }),
    alerts: Type.Object({
      total: Type.Integer(),
      byLevel: ByLevel,
      byDay: Type.Array(Type.Object({ day: Type.String(), total: Type.Integer(), byLevel: ByLevel })),
      byFamily: Type.Array(Type.Object({ family: Type.Union([Type.String(), Type.Null()]), total: Type.Integer(), byLevel: ByLevel })),
    }),
    stopped: Type.Object({
      subjects: Type.Integer({ description: 'people with a hold or block in the window' }),
      byStage: Type.Array(
        Type.Object({
          stage: Type.Union([Type.String(), Type.Null()]),
          zh: Type.String(),
          en: Type.String(),
          count: Type.Integer(),
          share: Type.Number(),
        }),
      ),
      byFamily: Type.Array(
        Type.Object({
          family: Type.Union([Type.String(), Type.Null()]),
          subjects: Type.Integer(),
          byStage: Type.Record(Type.String(), Type.Integer()),
        }),
      ),
    }),
    money: Type.Object({
      currency: Type.Literal('CNY'),
      held: Money,
      blocked: Money,
      total: Money,
      byType: Type.Array(Type.Intersect([Type.Object({ type: Type.String() }), Money])),
      byFamily: Type.Array(Type.Object({ family: Type.Union([Type.String(), Type.Null()]), held: Money, blocked: Money, total: Money })),
    }),
    cases: Type.Intersect([
      CaseOutcomes,
      Type.Object({
        byFamily: Type.Array(Type.Intersect([Type.Object({ family: Type.Union([Type.String(), Type.Null()]) }), CaseOutcomes])),
      }),
    ]),
  },
  { $id: 'Statistics' },
);

export const statsRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/stats',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        summary: 'Statistics for the anti-fraud centre',
        description:
          'For a window of event time (`since` inclusive, `until` exclusive; ISO-8601 or a date in China time; default the last ' +
          `${DEFAULT_DAYS} days, at most ${MAX_DAYS}): alerts by level and day (days in UTC+8); where in the scam people were ` +
          'stopped (the stage of each person’s first hold or block); money held or blocked (sum of the events’ CNY amounts); ' +
          'cases opened and resolved and the false-alarm rate (cases labelled false alarm / cases resolved, for cases whose first ' +
          'event is in the window); each also by family. See docs/cases.md.',
        tags: ['statistics'],
        querystring: Type.Object({ since: Type.Optional(Type.String()), until: Type.Optional(Type.String()) }),
        response: { 200: StatisticsSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const until = parseQueryTime(request.query.until, '/until') ?? new Date();
      const since = parseQueryTime(request.query.since, '/since') ?? new Date(until.getTime() - DEFAULT_DAYS * DAY_MS);
      if (since.getTime() >= until.getTime()) {
        throw new ApiError(400, 'INVALID_FIELD', 'since 必须早于 until', 'since must be before until', '/since');
      }
      if (until.getTime() - since.getTime() > MAX_DAYS * DAY_MS) {
        throw new ApiError(400, 'INVALID_FIELD', `统计区间最长 ${MAX_DAYS} 天`, `the window is at most ${MAX_DAYS} days`, '/since');
      }
      return statistics(ctx.store.db, since, until);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { leakSources } from '../../service/leak-sources.js';
import { ANY_ROLE } from '../access.js';
import type { ServiceContext } from '../context.js';
import { parseQueryTime } from '../query-time.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';
import { Enum } from './entities.js';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

const LeakSourcesSchema = Type.Object(
  {
    victimsWithOrders: Type.Integer({ description: 'victims with at least one order in the window' }),
    ordinaryWithOrders: Type.Integer({ description: 'ordinary customers with at least one order in the window' }),
    victimDefinition: Bilingual,
    total: Type.Integer({ description: 'merchants and couriers that passed minVictims' }),
    sources: Type.Array(
      Type.Object({
        kind: Enum(['merchant', 'courier'] as const),
        name: Type.String(),
        platforms: Type.Array(Type.String(), { description: 'platforms of the orders (merchants); couriers list them too' }),
        victims: Type.Integer(),
        ordinary: Type.Integer(),
        victimShare: Type.Number(),
        ordinaryShare: Type.Number(),
        lift: Type.Number({ description: 'victim share over ordinary share, smoothed by half a count per cell' }),
        liftLow: Type.Number({ description: 'one-sided 95% lower bound of the lift: the ranking key' }),
        excessVictims: Type.Number({ description: 'victims beyond what the ordinary share predicts' }),
        pValue: Type.Number({ description: 'chance of this many victims or more if victims ordered like everyone else' }),
        note: Bilingual,
      }),
    ),
  },
  { $id: 'LeakSources' },
);

export const leakSourcesRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.get(
    '/v1/leak-sources',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        summary: 'Leak sources: the merchants and couriers victims’ orders have in common',
        description:
          'From `order` events in the window (event time): for each merchant and courier, how many victims and ordinary customers ' +
          'ordered there, their shares, the smoothed lift and its lower bound (the ranking key), and the chance it is coincidence. Victims are subjects with ' +
          'a case that reached high or urgent and was not a false alarm, or with a confirmed_loss label; everyone else with orders is ordinary.',
        tags: ['leak-sources'],
        querystring: Type.Object({
          since: Type.Optional(Type.String({ description: 'order time from (date, ISO-8601 or epoch ms)' })),
          until: Type.Optional(Type.String({ description: 'order time before' })),
          kind: Type.Optional(Enum(['merchant', 'courier'] as const)),
          minVictims: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 2 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
        }),
        response: { 200: LeakSourcesSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const sinceT = parseQueryTime(q.since, '/since')?.getTime() ?? null;
      const untilT = parseQueryTime(q.until, '/until')?.getTime() ?? null;
      if (sinceT !== null && untilT !== null && untilT <= sinceT) {
        throw new ApiError(400, 'INVALID_FIELD', 'until 应晚于 since', 'until must be after since', '/until');
      }
      return leakSources(ctx.store.db, { sinceT, untilT, kind: q.kind ?? null, minVictims: q.minVictims ?? 2, limit: q.limit ?? 50 });
    },
  );
};

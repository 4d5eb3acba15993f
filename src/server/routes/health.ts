import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RiskEngine } from '../../engine/index.js';
import type { Metrics } from '../metrics.js';
import { HealthSchema } from '../schemas.js';

export interface HealthRouteOptions {
  engine: RiskEngine;
  metrics: Metrics;
  /** Journal mode: accepted events the database does not have yet. */
  projectionLag?: () => number;
}

/** `GET /healthz` (liveness and versions) and `GET /metrics` (Prometheus text format). */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, { engine, metrics, projectionLag }) => {
  const started = Date.now();

  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { summary: 'Liveness and the versions in use', tags: ['operations'], response: { 200: HealthSchema } },
    },
    async () => ({
      status: 'ok' as const,
      typologyVersion: engine.typology.version,
      policyVersion: engine.policy.id,
      uptimeSec: Math.round((Date.now() - started) / 1000),
      ...(projectionLag ? { projectionLag: projectionLag() } : {}),
    }),
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Prometheus metrics',
        description: 'Requests by route and status, request latency, events decided by action, store latency and failures.',
        tags: ['operations'],
        produces: ['text/plain'],
        response: { 200: { description: 'Prometheus text exposition format', type: 'string' } },
      },
    },
    async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(text);
    },
  );
};

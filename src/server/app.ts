import Fastify, { type FastifyInstance } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { RiskEngine } from '../engine/index.js';
import type { TextAnalyzer } from '../text/index.js';
import { installErrorHandling } from './errors.js';
import { loggerOptions } from './logging.js';
import { Metrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { checkRoutes } from './routes/check.js';
import { eventsRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { VOLATILE_SINK, type DecisionSink } from './sink.js';

export const API_VERSION = '0.1.0';

export interface AppDeps {
  engine: RiskEngine;
  analyzer: TextAnalyzer;
  /** Where decided events become durable before they are returned; default: nowhere (volatile). */
  sink?: DecisionSink;
  /** `true` for info logs on stdout, or pino options (a `stream`, a `level`); redaction is always added. */
  logger?: boolean | object;
  /** Also export Node process metrics (CPU, memory, event-loop lag) on /metrics. */
  processMetrics?: boolean;
}

/** The HTTP service, ready for `listen` or `inject`. Nothing listens here; see serve.ts. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: 1024 * 1024,
    // Request ids for the logs; never taken from the client, so they cannot carry data.
    genReqId: requestIds(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const metrics = new Metrics({ processMetrics: deps.processMetrics });
  const sink = deps.sink ?? VOLATILE_SINK;

  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Response schemas document the API; replies are the engine's and analyzer's objects as they are.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  metrics.install(app);

  app.register(async (scope) => {
    await registerOpenApi(scope, API_VERSION);
    await scope.register(eventsRoutes, { engine: deps.engine, sink, metrics });
    await scope.register(checkRoutes, { analyzer: deps.analyzer, metrics });
    await scope.register(healthRoutes, { engine: deps.engine, metrics });
  });
  return app;
}

function requestIds(): () => string {
  let n = 0;
  const prefix = process.pid.toString(36);
  return () => `${prefix}-${(++n).toString(36)}`;
}

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
import type { Journal, Store } from '../store/index.js';
import { installAccessControl } from './access.js';
import type { ServiceContext } from './context.js';
import { StoreSink } from './store-sink.js';
import type { SnapshotterOptions } from '../service/engine-snapshots.js';
import { adminRoutes } from './routes/admin.js';
import { alertsRoutes } from './routes/alerts.js';
import { authRoutes } from './routes/auth.js';
import { casesRoutes } from './routes/cases.js';
import { entitiesRoutes } from './routes/entities.js';
import { leakSourcesRoutes } from './routes/leak-sources.js';
import { lookupRoutes } from './routes/lookup.js';
import { reportsRoutes } from './routes/reports.js';
import { statsRoutes } from './routes/stats.js';

export const API_VERSION = '0.1.0';

/** How long a read waits for the database to catch up with the journal before it answers anyway. */
export const READ_SETTLE_MS = 2000;

export interface AppDeps {
  engine: RiskEngine;
  analyzer: TextAnalyzer;
  /**
   * The service's database. With it, buildApp is the whole service: events are persisted through a
   * StoreSink (cases and entity links in the same transaction), every route requires a session or an
   * API key as its `config.access` says, and the console, lookup and report routes are mounted.
   * Without it: only the stateless decision API (events, check, health), open, for embedding and tests.
   */
  store?: Store;
  /**
   * With a store: the write-ahead journal (from service/projector.ts `openJournal`). Events are then
   * durable once journaled and the database is written behind; reads wait for it (READ_SETTLE_MS).
   */
  journal?: Journal;
  /** With a journal: most events per projection transaction. */
  projectionBatch?: number;
  /** With a journal: backpressure (see StoreSinkOptions.maxProjectionLag and projectionWaitMs). */
  maxProjectionLag?: number;
  projectionWaitMs?: number;
  /** With a store: when to snapshot the engine (default every 200k events or 10 min); false: never. */
  snapshots?: SnapshotterOptions | false;
  /** Without a store: where decided events go before they are returned (default: nowhere, volatile). */
  sink?: DecisionSink;
  /** `true` for info logs on stdout, or pino options (a `stream`, a `level`); redaction is always added. */
  logger?: boolean | object;
  /** Also export Node process metrics (CPU, memory, event-loop lag) on /metrics. */
  processMetrics?: boolean;
  /**
   * The reverse proxies (addresses, CIDR ranges, `loopback`…; see trusted-proxies.ts) whose
   * X-Forwarded-For gives the client's address. Default none: the peer's address is the client's.
   */
  trustedProxies?: readonly string[];
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
    trustProxy: deps.trustedProxies?.length ? [...deps.trustedProxies] : false,
  });
  if (deps.store && deps.sink) throw new Error('buildApp: give a store (the service persists through it) or a sink, not both');
  const storeSink = deps.store
    ? new StoreSink(deps.store, deps.engine, {
        snapshots: deps.snapshots,
        journal: deps.journal,
        projectionBatch: deps.projectionBatch,
        maxProjectionLag: deps.maxProjectionLag,
        projectionWaitMs: deps.projectionWaitMs,
        onError: (err, what) => app.log.error({ err }, `${what} failed`),
      })
    : undefined;
  const sink: DecisionSink = storeSink ?? deps.sink ?? VOLATILE_SINK;
  const projectionLag = storeSink && deps.journal ? () => storeSink.projectionLag : undefined;
  const snapshotSeq = storeSink ? () => storeSink.snapshotSeq : undefined;
  const metrics = new Metrics({ processMetrics: deps.processMetrics, projectionLag, snapshotSeq });

  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  // Response schemas document the API; replies are the engine's and analyzer's objects as they are.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  metrics.install(app);
  const access = deps.store ? installAccessControl(app, deps.store.db) : undefined;
  if (storeSink) app.addHook('onClose', async () => storeSink.close());

  app.register(async (scope) => {
    await registerOpenApi(scope, API_VERSION);
    await scope.register(eventsRoutes, { engine: deps.engine, sink, metrics });
    await scope.register(checkRoutes, { analyzer: deps.analyzer, metrics });
    await scope.register(healthRoutes, { engine: deps.engine, metrics, projectionLag });
    if (deps.store && storeSink && access) {
      const ctx: ServiceContext = {
        store: deps.store,
        engine: deps.engine,
        analyzer: deps.analyzer,
        sink: storeSink,
        committed: storeSink.committed,
        access,
        metrics,
      };
      await scope.register(async (reads) => {
        // Read-your-writes: a console or lookup request sees every event accepted before it arrived
        // (with a journal the database trails by the projection lag; waiting is bounded, then it reads).
        reads.addHook('preHandler', async (request, reply) => {
          if (storeSink.projectionLag > 0 && !(await storeSink.settled(READ_SETTLE_MS))) {
            void reply.header('x-kefuguard-projection-lag', String(storeSink.projectionLag));
          }
        });
        for (const routes of [
          authRoutes,
          adminRoutes,
          alertsRoutes,
          casesRoutes,
          statsRoutes,
          entitiesRoutes,
          lookupRoutes,
          reportsRoutes,
          leakSourcesRoutes,
        ]) {
          await reads.register(routes, { ctx });
        }
      });
    }
  });
  return app;
}

function requestIds(): () => string {
  let n = 0;
  const prefix = process.pid.toString(36);
  return () => `${prefix}-${(++n).toString(36)}`;
}

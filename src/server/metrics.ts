import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's Prometheus metrics, one registry per app so apps (and tests) never share counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'kefuguard_http_requests_total',
    help: 'HTTP requests by route template, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'kefuguard_http_request_duration_seconds',
    help: 'HTTP request latency from arrival to the reply, by route template and method',
    labelNames: ['route', 'method'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly decided = new Counter({
    name: 'kefuguard_events_decided_total',
    help: 'Events decided by the engine and persisted, by action',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  readonly invalid = new Counter({
    name: 'kefuguard_events_invalid_total',
    help: 'Events rejected by validation',
    registers: [this.registry],
  });
  readonly sinkFailures = new Counter({
    name: 'kefuguard_sink_failures_total',
    help: 'Batches whose persistence failed (answered 503)',
    registers: [this.registry],
  });
  readonly sinkLatency = new Histogram({
    name: 'kefuguard_sink_persist_duration_seconds',
    help: 'Time to persist one request worth of decided events',
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly assessments = new Counter({
    name: 'kefuguard_conversations_assessed_total',
    help: 'Conversations assessed by /v1/check, by verdict',
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean; projectionLag?: () => number; snapshotSeq?: () => number | null } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    const snapshotSeq = options.snapshotSeq;
    if (snapshotSeq) {
      new Gauge({
        name: 'kefuguard_engine_snapshot_seq',
        help: 'The event seq covered by the last engine snapshot this process saved (0: none yet)',
        registers: [this.registry],
        collect() {
          this.set(snapshotSeq() ?? 0);
        },
      });
    }
    const lag = options.projectionLag;
    if (lag) {
      new Gauge({
        name: 'kefuguard_projection_lag_events',
        help: 'Journal mode: accepted (durable) events not yet written to the database',
        registers: [this.registry],
        collect() {
          this.set(lag());
        },
      });
    }
  }

  /** Counts every reply, 404s and errors included; the route label is the template, never the raw URL. */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const status = String(reply.statusCode);
      this.requests.inc({ route, method: request.method, status });
      this.latency.observe({ route, method: request.method }, reply.elapsedTime / 1000);
    });
  }
}

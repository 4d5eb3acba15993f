import type { FastifyInstance } from 'fastify';
import { InputError } from '../cli/input-error.js';
import { RiskEngine } from '../engine/index.js';
import { TextAnalyzer } from '../text/index.js';
import { buildApp } from './app.js';
import type { DecisionSink } from './sink.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Where decisions are persisted; until the store is wired in, the default keeps nothing. */
  sink?: DecisionSink;
  logger?: boolean | object;
  /** Allowed lateness of out-of-order events, in minutes (engine default 5). */
  latenessMin?: number;
}

/** `--port` for commander: an integer 0–65535 (0 picks a free port). */
/** Builds the analyzer, the engine and the app, and listens. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(options: ServeOptions = {}): Promise<FastifyInstance> {
  const analyzer = new TextAnalyzer();
  const latenessMs = options.latenessMin === undefined ? undefined : options.latenessMin * 60_000;
  const engine = new RiskEngine({ analyzer, latenessMs });
  const app = buildApp({ engine, analyzer, sink: options.sink, logger: options.logger ?? true, processMetrics: true });
  if (!options.sink) app.log.warn('no store configured: decisions are not persisted and the engine state is lost on restart');
  const port = options.port ?? 8080;
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new InputError(`${host}:${port}`, `无法监听该地址（${code}）`, `cannot listen there (${code})`, 'LISTEN');
    throw e;
  }

  const stop = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}

import type { FastifyInstance } from 'fastify';
import { InputError } from '../cli/input-error.js';
import { RiskEngine } from '../engine/index.js';
import { TextAnalyzer } from '../text/index.js';
import { buildApp } from './app.js';
import { parseTrustedProxies } from './trusted-proxies.js';
import { countUsers, openStore, type Store } from '../store/index.js';
import type { DecisionSink } from './sink.js';
import { rebuildEngine, type RebuildReport } from '../service/engine-snapshots.js';
import { openJournal, type OpenedJournal } from '../service/projector.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Where decisions are persisted (tests). By default: the store below. */
  sink?: DecisionSink;
  /** PostgreSQL (postgres://…); default: the DATABASE_URL environment variable. */
  databaseUrl?: string;
  /** The embedded database's directory when there is no PostgreSQL URL (default ./data/kefuguard-db). */
  dataDir?: string;
  logger?: boolean | object;
  /**
   * The write-ahead journal's directory; false: none (every batch commits to the database first).
   * Default: `<dataDir>-journal` on the embedded database, none on PostgreSQL.
   */
  journalDir?: string | false;
  /** Engine snapshot after this many committed events (default 200,000). */
  snapshotEvery?: number;
  /** Allowed lateness of out-of-order events, in minutes (engine default 5). */
  latenessMin?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (default: KEFUGUARD_TRUST_PROXY, else none). */
  trustedProxies?: readonly string[];
}

/** Builds the analyzer, the engine and the app, and listens. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(options: ServeOptions = {}): Promise<FastifyInstance> {
  // Checked before anything opens: a typo here must not leave a half-started service.
  const trustedProxies = options.trustedProxies ?? parseTrustedProxies('KEFUGUARD_TRUST_PROXY', process.env.KEFUGUARD_TRUST_PROXY ?? '');
  const analyzer = new TextAnalyzer();
  const latenessMs = options.latenessMin === undefined ? undefined : options.latenessMin * 60_000;
  const engine = new RiskEngine({ analyzer, latenessMs });
  let store: Store | undefined;
  let rebuilt: RebuildReport | undefined;
  let opened: OpenedJournal | undefined;
  if (!options.sink) {
    const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
    const dataDir = options.dataDir ?? 'data/kefuguard-db';
    store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
    try {
      const journalDir = options.journalDir ?? (databaseUrl ? false : `${dataDir.replace(/[\\/]+$/, '')}-journal`);
      // The journal first: what it holds goes into the database, then the engine is rebuilt from there.
      if (journalDir) opened = await openJournal(store, journalDir);
      rebuilt = await rebuildEngine(store, engine);
    } catch (error) {
      await opened?.journal.close().catch(() => {});
      await store.close().catch(() => {});
      throw error;
    }
  }
  const app = buildApp({
    engine,
    analyzer,
    ...(store ? { store, journal: opened?.journal } : { sink: options.sink }),
    logger: options.logger ?? { level: process.env.KEFUGUARD_LOG_LEVEL ?? 'info' },
    processMetrics: true,
    trustedProxies,
    snapshots: options.snapshotEvery ? { everyEvents: options.snapshotEvery } : undefined,
  });
  // Registered after buildApp's own onClose (which flushes the log writer), so the store closes last.
  app.addHook('onClose', async () => store?.close());
  if (opened)
    app.log.info({ journal: opened.journal.dir, projected: opened.projected }, 'journal opened; its unwritten events are in the database');
  if (rebuilt) app.log.info(rebuilt, 'engine state rebuilt from the latest snapshot and the event log');
  if (store && (await countUsers(store.db, 'admin')) === 0) {
    app.log.warn(
      '还没有管理员账号：请先停止服务，运行 `npx kefuguard users add --username admin --role admin` / no admin yet: stop the service and create one with `npx kefuguard users add --username admin --role admin`',
    );
  }
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

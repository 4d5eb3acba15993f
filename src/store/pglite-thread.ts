import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkSchemaName, inSavepoint, type Db, type Queryable, type QueryOptions, type QueryResult, type Row } from './db.js';
import { lockDir, unlockDir } from './dir-lock.js';
import type { PgliteOptions } from './pglite.js';

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { message: string; code?: string; [key: string]: unknown };
}

type Request =
  | { op: 'query'; sql: string; params?: unknown[]; name?: string; tx?: number }
  | { op: 'exec'; sql: string; tx?: number }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' };

/** An error from the database thread, with PostgreSQL's fields (code, detail, constraint…) kept. */
export class DatabaseThreadError extends Error {
  readonly code?: string;
  constructor(info: NonNullable<Reply['error']>) {
    super(info.message);
    Object.assign(this, info);
    this.name = 'DatabaseThreadError';
  }
}

/**
 * The embedded database on a worker thread (src/store/pglite-worker.js). PGlite runs PostgreSQL in
 * WebAssembly synchronously on the thread that owns it; on the service's main thread every query
 * would stop HTTP and the engine while it runs. Here the main thread only posts messages, so the
 * database works on the second core while requests are decided on the first. Same SQL, same
 * interface, same data directory format as the in-thread adapter (src/store/pglite.ts).
 */
export async function openPgliteThread(options: PgliteOptions = {}): Promise<Db> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  if (dataDir) lockDir(dataDir, 'PGlite allows one process per directory (use PostgreSQL to share)');
  // No inherited flags: the thread is plain JavaScript and needs no loader, and `-e`/`--input-type` would break it.
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dataDir, schema }, execArgv: [] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  let nextId = 1;
  let exited: Error | null = null;

  try {
    await new Promise<void>((ready, failed) => {
      const onMessage = (m: { ready: boolean; error?: Reply['error'] }) => {
        stop();
        if (m.ready) ready();
        else failed(new DatabaseThreadError(m.error ?? { message: 'the database thread did not start' }));
      };
      const onError = (error: Error) => {
        stop();
        failed(error);
      };
      const onExit = (code: number) => onError(new Error(`the database thread exited (${code}) while starting`));
      // Only our own listeners: the Worker keeps internal ones that removeAllListeners would take too.
      const stop = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  } catch (error) {
    await worker.terminate().catch(() => {});
    if (dataDir) unlockDir(dataDir);
    throw error;
  }
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new DatabaseThreadError(reply.error!));
  });
  const fail = (error: Error) => {
    exited = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the database thread exited (${code})`)));

  const call = <T>(request: Request): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  };

  const queryable = (tx: number | undefined, depth: number): Queryable => {
    const self: Queryable = {
      dialect: 'pglite',
      query: <T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) =>
        call<QueryResult<T>>({ op: 'query', sql, params: params ? [...params] : undefined, name: options?.name, tx }),
      exec: async (sql) => {
        await call({ op: 'exec', sql, tx });
      },
      transaction: async (fn) => {
        if (tx !== undefined) return inSavepoint(self, depth, () => fn(queryable(tx, depth + 1)));
        const opened = await call<number>({ op: 'begin' });
        let result;
        try {
          result = await fn(queryable(opened, 1));
        } catch (error) {
          await call({ op: 'end', tx: opened, commit: false }).catch(() => {});
          throw error;
        }
        await call({ op: 'end', tx: opened, commit: true });
        return result;
      },
    };
    return self;
  };

  let closed = false;
  const root = queryable(undefined, 1);
  return {
    ...root,
    description: dataDir ? `pglite:${dataDir} (database thread)` : 'pglite:memory (database thread)',
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await call({ op: 'close' });
      } finally {
        await worker.terminate().catch(() => {});
        if (dataDir) unlockDir(dataDir);
      }
    },
  };
}

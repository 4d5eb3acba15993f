import { resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockDir, unlockDir } from './dir-lock.js';
import { checkSchemaName, inSavepoint, type Db, type Queryable, type QueryOptions, type QueryResult, type Row } from './db.js';
import { queryPrepared } from './pglite-prepared.js';

export interface PgliteOptions {
  /** A data directory (created if missing). Absent: in memory, gone on close (tests). */
  dataDir?: string;
  /** Use (and create) this schema instead of `public`. */
  schema?: string;
}

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in this process. One process owns a
 * data directory at a time (PGlite has no shared memory between processes): a lock file with the
 * owner's pid refuses a second opener while the first is alive, and is taken over when it is stale.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) lockDir(dataDir, 'PGlite allows one process per directory (use PostgreSQL to share)');
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir ? { dataDir } : {});
    // Prepared statements run with their values written as '…' literals (pglite-prepared.js): that
    // quoting is only safe while a backslash is an ordinary character in them, so say so explicitly.
    await pg.exec('SET standard_conforming_strings = on');
    if (options.schema) {
      const schema = checkSchemaName(options.schema);
      await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    }
  } catch (error) {
    if (dataDir) unlockDir(dataDir);
    throw error;
  }
  let closed = false;
  const prepared = new Map<string, Promise<void>>();
  const db: Db = {
    dialect: 'pglite',
    description: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    query: <T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) => run<T>(pg, prepared, sql, params, options),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrapTx(tx, 1, prepared))),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        if (dataDir) unlockDir(dataDir);
      }
    },
  };
  return db;
}

async function run<T>(
  target: PGlite | Transaction,
  prepared: Map<string, Promise<void>>,
  sql: string,
  params?: readonly unknown[],
  options?: QueryOptions,
): Promise<QueryResult<T>> {
  const result = await queryPrepared<T>(target, prepared, sql, params ? [...params] : undefined, options?.name);
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
}

function wrapTx(tx: Transaction, depth: number, prepared: Map<string, Promise<void>>): Queryable {
  const self: Queryable = {
    dialect: 'pglite',
    query: <T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) => run<T>(tx, prepared, sql, params, options),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => inSavepoint(self, depth, () => fn(wrapTx(tx, depth + 1, prepared))),
  };
  return self;
}

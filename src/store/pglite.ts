import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkSchemaName, inSavepoint, type Db, type Queryable, type QueryResult, type Row } from './db.js';

export interface PgliteOptions {
  /** A data directory (created if missing). Absent: in memory, gone on close (tests). */
  dataDir?: string;
  /** Use (and create) this schema instead of `public`. */
  schema?: string;
}

const LOCK_FILE = 'kefuguard.lock';
const openDirs = new Set<string>();

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, in this process. One process owns a
 * data directory at a time (PGlite has no shared memory between processes): a lock file with the
 * owner's pid refuses a second opener while the first is alive, and is taken over when it is stale.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir) lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir ? { dataDir } : {});
    if (options.schema) {
      const schema = checkSchemaName(options.schema);
      await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    }
  } catch (error) {
    if (dataDir) unlockDataDir(dataDir);
    throw error;
  }
  let closed = false;
  const db: Db = {
    dialect: 'pglite',
    description: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(pg, sql, params),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrapTx(tx, 1))),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        if (dataDir) unlockDataDir(dataDir);
      }
    },
  };
  return db;
}

async function run<T>(target: PGlite | Transaction, sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
  const result = await target.query<T>(sql, params ? [...params] : undefined);
  return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
}

function wrapTx(tx: Transaction, depth: number): Queryable {
  const self: Queryable = {
    dialect: 'pglite',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(tx, sql, params),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => inSavepoint(self, depth, () => fn(wrapTx(tx, depth + 1))),
  };
  return self;
}

function lockDataDir(dir: string): void {
  if (openDirs.has(dir)) throw new Error(`data directory ${dir} is already open in this process`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openDirs.add(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `data directory ${dir} is in use by process ${owner}; PGlite allows one process per directory (use PostgreSQL to share)`,
          {
            cause: error,
          },
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

function unlockDataDir(dir: string): void {
  openDirs.delete(dir);
  rmSync(join(dir, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

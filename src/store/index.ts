import type { Db } from './db.js';
import { migrate, type MigrationReport } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPgliteThread } from './pglite-thread.js';
import { openPostgres } from './postgres.js';

export interface StoreOptions {
  /** postgres://… : use PostgreSQL. Absent: the embedded PGlite database. */
  databaseUrl?: string;
  /** PGlite's data directory. Absent (and no databaseUrl): in memory, for tests. */
  dataDir?: string;
  /** Keep the tables in this schema (created if missing) instead of `public`; tests use a random one. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Run the migrations on open (default true). */
  migrate?: boolean;
  /**
   * PGlite on a worker thread of its own (default: yes with a dataDir, i.e. the service; no in
   * memory, i.e. most tests), so the database does not stop the thread that answers requests.
   */
  thread?: boolean;
}

export interface Store {
  db: Db;
  migrations: MigrationReport;
  close(): Promise<void>;
}

/**
 * Opens the database the options name and brings its schema up to date:
 * PostgreSQL with a `databaseUrl`, else PGlite in `dataDir`, else PGlite in memory.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.databaseUrl && options.dataDir) throw new Error('give either databaseUrl (PostgreSQL) or dataDir (PGlite), not both');
  const db = options.databaseUrl
    ? await openPostgres({ url: options.databaseUrl, schema: options.schema, max: options.poolSize })
    : (options.thread ?? options.dataDir !== undefined)
      ? await openPgliteThread({ dataDir: options.dataDir, schema: options.schema })
      : await openPglite({ dataDir: options.dataDir, schema: options.schema });
  try {
    const migrations = options.migrate === false ? { applied: [], version: 0 } : await migrate(db);
    return { db, migrations, close: () => db.close() };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

export type { Db, Dialect, Queryable, QueryResult, Row } from './db.js';
export { openPglite, type PgliteOptions } from './pglite.js';
export { openPgliteThread, DatabaseThreadError } from './pglite-thread.js';
export { openPostgres, redact, type PostgresOptions } from './postgres.js';
export { migrate, appliedMigrations, migrationChecksum, type MigrationReport } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export * from './events-repo.js';
export * from './decisions-repo.js';
export * from './snapshots-repo.js';
export * from './alerts-repo.js';
export * from './cases-repo.js';
export * from './entities-repo.js';
export * from './reports-repo.js';
export * from './labels-repo.js';
export * from './users-repo.js';
export * from './sessions-repo.js';
export * from './api-keys-repo.js';
export * from './audit-repo.js';
export { hashPassword, verifyPassword, needsRehash } from './passwords.js';
export { GroupCommitter, type GroupCommitOptions } from './group-commit.js';
export { Journal, type JournalAppend, type JournalEntry, type JournalOptions } from './journal.js';
export * from './retention-repo.js';

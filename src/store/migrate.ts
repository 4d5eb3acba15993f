import { createHash } from 'node:crypto';
import { toNumber, type Db, type Queryable } from './db.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export interface MigrationReport {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** A fixed key: every process that migrates the same database waits for the same lock. */
const LOCK_NAME = 'kefuguard.schema_migrations';

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

/**
 * Brings the schema up to date. Idempotent: a second run applies nothing. All pending migrations
 * run in one transaction, so a failure leaves the schema as it was. On PostgreSQL the transaction
 * first takes an advisory lock (per schema), so two processes starting together apply each
 * migration once: the second waits, then finds nothing to do. PGlite is single-process.
 * An applied migration whose SQL has changed stops the start with an error naming it.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  checkOrder(migrations);
  return db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1::text || ':' || current_schema()))`, [LOCK_NAME]);
    }
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await appliedMigrations(tx);
    const known = Math.max(0, ...done.keys());
    const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
    if (known > latest) {
      throw new Error(`the database schema is at version ${known}, newer than this program knows (${latest}); upgrade the program`);
    }
    const applied: number[] = [];
    for (const migration of migrations) {
      const checksum = migrationChecksum(migration);
      const previous = done.get(migration.version);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(
            `migration ${pad(migration.version)}-${migration.name} was changed after it was applied (checksum differs); add a new migration instead`,
          );
        }
        continue;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${pad(migration.version)}-${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1::integer, $2::text, $3::text)', [
        migration.version,
        migration.name,
        checksum,
      ]);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(known, latest) };
  });
}

/** version → checksum of what is recorded in the database. */
export async function appliedMigrations(db: Queryable): Promise<Map<number, string>> {
  const { rows } = await db.query<{ version: unknown; checksum: string }>(
    'SELECT version, checksum FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((row) => [toNumber(row.version), row.checksum]));
}

function checkOrder(migrations: readonly Migration[]): void {
  let last = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= last) {
      throw new Error(`migrations must have increasing integer versions: ${migration.version} after ${last}`);
    }
    last = migration.version;
  }
}

function pad(version: number): string {
  return String(version).padStart(3, '0');
}

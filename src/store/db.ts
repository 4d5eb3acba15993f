/**
 * The one database interface the repositories use. Two adapters implement it: PGlite (embedded,
 * src/store/pglite.ts) and PostgreSQL through `pg` (src/store/postgres.ts). Both speak the same
 * SQL: the repositories contain no dialect branches, and the schema is written once.
 */

export type Dialect = 'pglite' | 'postgres';

export type Row = Record<string, unknown>;

export interface QueryResult<T = Row> {
  rows: T[];
  /** Rows inserted, updated or deleted (or returned by a SELECT). */
  rowCount: number;
}

export interface QueryOptions {
  /** A prepared-statement name, unique per SQL text. */
  name?: string;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  readonly dialect: Dialect;
  /**
   * One statement with `$1…$n` parameters. Cast parameters in SQL (`$1::bigint`) so both drivers
   * agree. `options.name` makes it a named prepared statement (planned once per connection: use it
   * on the hot path); on PGlite it is PREPARE/EXECUTE (pglite-prepared.js).
   */
  query<T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Called on
   * a transaction, it opens a savepoint, so repositories can always wrap their work in one.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export interface Db extends Queryable {
  /** Where the data lives, without credentials (for logs). */
  readonly description: string;
  close(): Promise<void>;
}

/** Postgres int8 comes back as a string from `pg` and as a number from PGlite. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Runs `fn` inside a savepoint of an open transaction (shared by both adapters). */
export async function inSavepoint<T>(tx: Queryable, depth: number, fn: () => Promise<T>): Promise<T> {
  const name = `kg_sp_${depth}`;
  await tx.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await tx.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

/** A schema name safe to interpolate (tests use one random schema per run). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}: use [a-z_][a-z0-9_]*`);
  return schema;
}

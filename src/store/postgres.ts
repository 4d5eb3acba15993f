import pg from 'pg';
import { checkSchemaName, inSavepoint, type Db, type Queryable, type QueryOptions, type QueryResult, type Row } from './db.js';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Use (and create) this schema: every pooled connection gets `search_path` set to it. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

/** PostgreSQL through a `pg` connection pool. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const schema = options.schema === undefined ? undefined : checkSchemaName(options.schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (schema) await createSchema(pool, schema);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  let closed = false;
  return {
    dialect: 'postgres',
    description: `postgres:${redact(options.url)}${schema ? ` schema ${schema}` : ''}`,
    query: <T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) => run<T>(pool, sql, params, options),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client, 1));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function run<T>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params?: readonly unknown[],
  options?: QueryOptions,
): Promise<QueryResult<T>> {
  const values = params ? [...params] : undefined;
  const result = options?.name ? await target.query({ name: options.name, text: sql, values }) : await target.query(sql, values);
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

function wrapClient(client: pg.PoolClient, depth: number): Queryable {
  const self: Queryable = {
    dialect: 'postgres',
    query: <T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) => run<T>(client, sql, params, options),
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: (fn) => inSavepoint(self, depth, () => fn(wrapClient(client, depth + 1))),
  };
  return self;
}

/** CREATE SCHEMA IF NOT EXISTS is not safe against a concurrent creator: the loser's unique violation means it exists. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

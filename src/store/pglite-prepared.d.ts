/** See pglite-prepared.js. */
export function queryPrepared<T>(
  target: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }> },
  prepared: Map<string, Promise<void>>,
  sql: string,
  params: unknown[] | undefined,
  name: string | undefined,
): Promise<{ rows: T[]; affectedRows?: number }>;

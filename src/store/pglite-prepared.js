// Named statements on PGlite (shared by pglite.ts and pglite-worker.js; plain JavaScript so the worker
// thread needs no loader). PGlite plans every query anew (unnamed extended-protocol statements), which
// for the projection's large CTE statements costs as much as a fifth of running them. A query with a
// name is instead prepared once per database (`PREPARE name AS sql`, kept for the session, surviving
// rollbacks) and run as `EXECUTE name(literal, …)`: PostgreSQL's EXECUTE takes no bind parameters, so
// the values are written as quoted literals, which the statement's casts (`$1::text`) type as before.

/** A value as an SQL literal, or undefined when it cannot be written as one (then the query is run unprepared). */
function literal(value) {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return `'${value.replaceAll("'", "''")}'`;
    case 'number':
      return Number.isFinite(value) ? `'${String(value)}'` : undefined;
    case 'bigint':
      return `'${String(value)}'`;
    case 'boolean':
      return value ? "'true'" : "'false'";
    default:
      return undefined;
  }
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Runs `sql` on `target` (a PGlite or one of its transactions) as the prepared statement `name`,
 * preparing it first if `prepared` (the names prepared on this database) lacks it. Falls back to a
 * plain query when there is no usable name or a parameter is not a string, number or boolean.
 */
export async function queryPrepared(target, prepared, sql, params, name) {
  const values = params ?? [];
  const literals = name !== undefined && NAME.test(name) ? values.map(literal) : undefined;
  if (!literals || literals.includes(undefined)) return target.query(sql, params);
  if (!prepared.has(name)) {
    await target.query(`PREPARE ${name} AS ${sql}`);
    prepared.add(name);
  }
  return target.query(literals.length ? `EXECUTE ${name}(${literals.join(', ')})` : `EXECUTE ${name}`);
}

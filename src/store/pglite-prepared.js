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
      // A NUL cannot be in PostgreSQL text; as a literal it would cut the query short (a protocol
      // error), so such a value takes the unprepared path and gets PostgreSQL's own error.
      return value.includes('\0') ? undefined : `'${value.replaceAll("'", "''")}'`;
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
 * preparing it first unless `prepared` (the names prepared, or being prepared, on this database)
 * has it: two first uses at once share one PREPARE. Falls back to a plain query when there is no
 * usable name or a parameter cannot be written as a literal.
 */
export async function queryPrepared(target, prepared, sql, params, name) {
  const values = params ?? [];
  const literals = name !== undefined && NAME.test(name) ? values.map(literal) : undefined;
  if (!literals || literals.includes(undefined)) return target.query(sql, params);
  let ready = prepared.get(name);
  if (ready === undefined) {
    ready = target.query(`PREPARE ${name} AS ${sql}`).then(() => undefined);
    prepared.set(name, ready);
    // A failed PREPARE (say, in a transaction that was already failing) is tried again next time.
    ready.catch(() => prepared.delete(name));
  }
  await ready;
  return target.query(literals.length ? `EXECUTE ${name}(${literals.join(', ')})` : `EXECUTE ${name}`);
}

/**
 * `npm run bench:store`: how fast the event log alone takes batches (appendEvents: events, decisions,
 * alerts in one statement and one transaction), without HTTP, engine or intake. It is the ceiling
 * for `bench:http`'s durable throughput. The baseline, measured in the same run on the same database:
 * the same batches as one bare jsonb row per event in an unindexed table, one transaction each (the
 * least a durable row per event can cost there). Runs on the embedded PGlite (a data directory), and
 * on PostgreSQL too when `--postgres URL` is given (in a fresh schema, dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { RiskEngine } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';
import { simulate } from '../src/sim/index.js';
import { appendEvents, openStore, type AppendItem, type Store } from '../src/store/index.js';

const opts = new Command().option('--postgres <url>', 'also measure this PostgreSQL server').parse().opts<{ postgres?: string }>();

const { events } = simulate({ seed: 5, customers: 3000, victims: 100, days: 3 });
const engine = new RiskEngine();
const items: AppendItem[] = events.slice(0, 30_000).map((raw) => {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error('simulator produced an invalid event');
  return { event: v.value, decision: engine.process(v.value) };
});

async function rate(
  slice: readonly AppendItem[],
  size: number,
  append: (batch: readonly AppendItem[]) => Promise<unknown>,
): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < slice.length; i += size) await append(slice.slice(i, i + size));
  return Math.round(slice.length / ((performance.now() - t0) / 1000));
}

async function measure(name: string, store: Store): Promise<void> {
  await store.db.exec('CREATE TABLE bench_floor (raw jsonb)');
  const floor = (batch: readonly AppendItem[]) =>
    store.db.transaction((tx) =>
      tx.query('INSERT INTO bench_floor SELECT x FROM jsonb_array_elements($1::text::jsonb) AS b(x)', [
        JSON.stringify(batch.map((item) => item.event.event)),
      ]),
    );
  for (const [size, slice] of [
    [100, items.slice(0, 15_000)],
    [1000, items.slice(15_000)],
  ] as const) {
    const base = await rate(slice, size, floor);
    const log = await rate(slice, size, (batch) => appendEvents(store.db, batch));
    console.log(
      `${name.padEnd(10)} batches of ${String(size).padEnd(5)} event log ${log} events/s, bare jsonb rows ${base} events/s (${(log / base).toFixed(2)}×)`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kefuguard-bench-store-'));
try {
  const pglite = await openStore({ dataDir: dir });
  await measure('PGlite', pglite);
  await pglite.close();
  if (opts.postgres) {
    const schema = `kefuguard_bench_${process.pid}`;
    const postgres = await openStore({ databaseUrl: opts.postgres, schema });
    try {
      await measure('PostgreSQL', postgres);
    } finally {
      await postgres.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await postgres.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

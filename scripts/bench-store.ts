/**
 * `npm run bench:store`: how fast the event log alone takes batches (appendEvents: events, decisions,
 * alerts in one statement and one transaction), without HTTP, engine or intake. It is the ceiling
 * for `bench:http`'s durable throughput. Runs on the embedded PGlite (a data directory), and on
 * PostgreSQL too when `--postgres URL` is given (in a fresh schema, dropped afterwards).
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

async function measure(name: string, store: Store): Promise<void> {
  for (const [size, slice] of [
    [100, items.slice(0, 15_000)],
    [1000, items.slice(15_000)],
  ] as const) {
    const t0 = performance.now();
    for (let i = 0; i < slice.length; i += size) await appendEvents(store.db, slice.slice(i, i + size));
    const perSec = Math.round(slice.length / ((performance.now() - t0) / 1000));
    console.log(`${name.padEnd(10)} batches of ${String(size).padEnd(5)} ${perSec} events/s`);
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

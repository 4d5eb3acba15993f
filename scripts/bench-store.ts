/**
 * `npm run bench:store`: how fast the database takes batches, without HTTP or the engine (decisions are
 * computed up front). Three writers, each measured in the same run on the same database:
 *
 * - **bare jsonb rows** (the baseline): the same batches as one bare jsonb row per event in an unindexed
 *   table, one transaction each: the least a durable row per event can cost there;
 * - **event log**: `appendEvents` alone (events, decisions, alerts; the database numbers the rows), as
 *   database mode's group commit writes it before intake;
 * - **projection**: what the journal's Projector writes per batch: `appendEvents` with the journal's seq
 *   numbers and `inTransaction: intake` (entity links and cases), one transaction per batch.
 *
 * After a warm-up, each is printed in events/s, as a ratio to the baseline of the same batch size (the
 * machine is shared: compare ratios, not rates), and in CPU time per event of this process (main and
 * database threads together; on PostgreSQL the server's work is not in it). The event log and the
 * projection start from emptied tables.
 * Runs on the embedded PGlite (a data directory, on its worker thread like `serve`), and on PostgreSQL
 * too when `--postgres URL` is given (in a fresh schema, dropped afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { RiskEngine } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';
import { intake } from '../src/service/intake.js';
import { simulate } from '../src/sim/index.js';
import { appendEvents, lastEventSeq, openStore, type AppendItem, type Store } from '../src/store/index.js';

const opts = new Command()
  .option('--postgres <url>', 'also measure this PostgreSQL server')
  .option('--pglite', 'measure PGlite (default unless --postgres is given)')
  .option('--sizes <list>', 'batch sizes, comma separated', '100,500,1000')
  .parse()
  .opts<{ postgres?: string; pglite?: boolean; sizes: string }>();
const sizes = opts.sizes.split(',').map(Number);

const { events } = simulate({ seed: 5, customers: 3000, victims: 100, days: 3 });
const engine = new RiskEngine();
const PER_SIZE = 10_000;
const items: AppendItem[] = events.slice(0, PER_SIZE * sizes.length).map((raw) => {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error('simulator produced an invalid event');
  return { event: v.value, decision: engine.process(v.value) };
});

/** Events per second (wall clock), and CPU microseconds per event of this process (all its threads). */
interface Rate {
  perSecond: number;
  cpuUs: number;
}

async function rate(slice: readonly AppendItem[], size: number, append: (batch: readonly AppendItem[]) => Promise<unknown>): Promise<Rate> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < slice.length; i += size) await append(slice.slice(i, i + size));
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: Math.round(slice.length / ((performance.now() - t0) / 1000)),
    cpuUs: Math.round((cpu.user + cpu.system) / slice.length),
  };
}

const EMPTY = 'TRUNCATE events, decisions, alerts, entities, entity_links, cases, case_events CASCADE';

async function measure(name: string, store: Store): Promise<void> {
  await store.db.exec('CREATE TABLE bench_floor (raw jsonb)');
  const floor = (batch: readonly AppendItem[]) =>
    store.db.transaction((tx) =>
      tx.query('INSERT INTO bench_floor SELECT x FROM jsonb_array_elements($1::text::jsonb) AS b(x)', [
        JSON.stringify(batch.map((item) => item.event.event)),
      ]),
    );
  // Warm-up (JIT, caches, the worker thread): every writer once on a few batches, then emptied.
  await rate(items.slice(0, 2000), 100, floor);
  await rate(items.slice(0, 2000), 100, (batch) => appendEvents(store.db, batch));
  await store.db.exec(EMPTY);
  let warm = await lastEventSeq(store.db);
  await rate(items.slice(0, 2000), 100, (batch) =>
    appendEvents(
      store.db,
      batch.map((item) => ({ ...item, seq: ++warm })),
      { inTransaction: intake },
    ),
  );
  await store.db.exec(`${EMPTY}; TRUNCATE bench_floor`);
  for (let s = 0; s < sizes.length; s++) {
    const size = sizes[s]!;
    const slice = items.slice(s * PER_SIZE, (s + 1) * PER_SIZE);
    const base = await rate(slice, size, floor);
    await store.db.exec(EMPTY);
    const log = await rate(slice, size, (batch) => appendEvents(store.db, batch));
    await store.db.exec(EMPTY);
    let seq = await lastEventSeq(store.db);
    const projection = await rate(slice, size, (batch) =>
      appendEvents(
        store.db,
        batch.map((item) => ({ ...item, seq: ++seq })),
        { inTransaction: intake },
      ),
    );
    const ratio = (r: Rate) => `${(r.perSecond / base.perSecond).toFixed(2)}×`;
    const show = (r: Rate) => `${String(r.perSecond).padStart(6)} (${ratio(r)}, ${r.cpuUs} µs CPU)`;
    console.log(
      `${name.padEnd(10)} batches of ${String(size).padEnd(5)} bare jsonb rows ${show(base)} | event log ${show(log)} | projection ${show(projection)}`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kefuguard-bench-store-'));
try {
  if (opts.pglite || !opts.postgres) {
    const pglite = await openStore({ dataDir: dir });
    await measure('PGlite', pglite);
    await pglite.close();
  }
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

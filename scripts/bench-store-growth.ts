/**
 * `npm run bench:store-growth`: how the projection's cost per event changes as the database grows,
 * which `bench:store` (10,000 events on emptied tables, in seconds) cannot show. Projects a long
 * simulated feed into PGlite (a data directory, in this process so each statement can be timed) in
 * batches of 1,000 with the journal's seqs and the intake, as the Projector does, and prints every
 * 20,000 events the CPU time per event of the whole batch and of each statement, and the batch's as a
 * ratio to the first 20,000 events of the same run (the nearly empty database).
 *
 * A real feed runs for hours: an entity named again was usually last seen more than a minute ago,
 * so its `last_seen_at` is touched. A bench runs in seconds, where nothing is that old; with
 * `--stale` (the default) every entity is marked seen an hour ago before each 20,000 events (not
 * counted in the figures), so the batches touch entities as in production.
 *
 *   npm run bench:store-growth -- --days 4      (about 180,000 events)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { RiskEngine } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';
import { intake } from '../src/service/intake.js';
import { simulate } from '../src/sim/index.js';
import { appendEvents, openStore, type AppendItem, type Queryable } from '../src/store/index.js';

const opts = new Command()
  .option('--days <n>', 'simulated days (about 47,000 events a day)', '4')
  .option('--no-stale', 'do not mark entities seen an hour ago every 20,000 events')
  .parse()
  .opts<{ days: string; stale: boolean }>();

const BATCH = 1000;
const REPORT_EVERY = 20_000;
const { events } = simulate({ seed: 5, customers: 6000, victims: 300, days: Number(opts.days) });
const engine = new RiskEngine();
const items: AppendItem[] = events.map((raw) => {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error('simulator produced an invalid event');
  return { event: v.value, decision: engine.process(v.value) };
});

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let times = new Map<string, number>();
/** The same queries, timed by statement name (CPU of this process: PGlite runs on this thread here). */
const timed = (tx: Queryable): Queryable => ({
  dialect: tx.dialect,
  async query(sql, params, options) {
    const c0 = cpuMs();
    const result = await tx.query(sql, params, options);
    const key = (options?.name ?? sql.trim().slice(0, 24)).replace(/^kg_/, '');
    times.set(key, (times.get(key) ?? 0) + cpuMs() - c0);
    return result as never;
  },
  exec: (sql) => tx.exec(sql),
  transaction: (fn) => tx.transaction((t) => fn(timed(t))),
});

const dir = mkdtempSync(join(tmpdir(), 'kefuguard-bench-growth-'));
try {
  const store = await openStore({ dataDir: dir, thread: false });
  console.log(`${items.length} events, batches of ${BATCH}${opts.stale ? ', entities marked stale every 20,000 events' : ''}`);
  let seq = 0;
  let c0 = cpuMs();
  let n = 0;
  /** The first window's CPU per event: the baseline (a nearly empty database) each later window is compared with. */
  let first = 0;
  for (let i = 0; i < items.length; i += BATCH) {
    if (opts.stale && i % REPORT_EVERY === 0) {
      // Not the projection's work: kept out of the figures.
      const s0 = cpuMs();
      await store.db.exec(`UPDATE entities SET last_seen_at = now() - interval '1 hour'`);
      c0 += cpuMs() - s0;
    }
    const batch = items.slice(i, i + BATCH).map((item) => ({ ...item, seq: ++seq }));
    await appendEvents(timed(store.db), batch, { inTransaction: intake });
    n += batch.length;
    if (seq % REPORT_EVERY === 0) {
      const perEvent = (ms: number) => Math.round((ms * 1000) / n);
      const parts = [...times].map(([k, v]) => `${k} ${perEvent(v)}`).join(', ');
      const now = perEvent(cpuMs() - c0);
      if (first === 0) first = now;
      console.log(
        `${String(seq).padStart(7)} events: ${String(now).padStart(4)} µs CPU/event, ${(now / first).toFixed(2)}× the first ${REPORT_EVERY} (${parts})`,
      );
      times = new Map();
      c0 = cpuMs();
      n = 0;
    }
  }
  const { rows } = await store.db.query<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM entity_links) AS links,
            (SELECT count(*) FROM alerts) AS alerts, (SELECT count(*) FROM cases) AS cases`,
  );
  console.log(rows[0]);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

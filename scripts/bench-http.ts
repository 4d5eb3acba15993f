/**
 * `npm run bench:http`: the service under load from a second process on loopback, with durability on
 * (every decision is returned only after its event is committed to the embedded database).
 *
 *   0. a warm-up: batches, then 2 s of single events at the offered rate (reported as `firstSingles`);
 *   1. single events at a fixed offered rate (open loop: latency is measured from each request's
 *      scheduled send time, so a stall is not hidden by the client waiting);
 *   2. batches of 100 events, closed loop, several connections.
 *
 * The baseline in the same run: the same load against a bare Node HTTP server that parses and
 * re-serializes each body (no framework, engine or store), on the same machine, so the figures are
 * also read as ratios (these machines are shared and noisy).
 *
 * Options: --rate N (single-event offered rate, default 5000/s), --seconds N (per phase, default 10),
 * --connections N (default 64 for singles, 8 for batches), --postgres URL (run the service on PostgreSQL instead of
 * the embedded PGlite), --out FILE (JSON, default docs/bench-http.json).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { simulate } from '../src/sim/index.js';
import { createApiKey, openStore } from '../src/store/index.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * Before the measured single-event phase, the same load for this long, reported on its own: the
 * warm-up batches do not exercise the single-event path, and its first half second (new connections,
 * code not yet optimised) queues a backlog that would otherwise be most of the measured p99.
 */
const WARM_SINGLES_SECONDS = 2;
const FIRST_SINGLES = (who: string) => `${who}: single events, first ${WARM_SINGLES_SECONDS} s (warm-up)`;

interface Phase {
  name: string;
  requests: number;
  events: number;
  errors: number;
  seconds: number;
  requestsPerSec: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * The load generator's own event-loop delay during the phase (max, ms): a stall of this process
   * (GC, the machine's other jobs) delays sends and receipts alike and is counted in the latencies,
   * so a p99 near this figure says more about the client than about the server.
   */
  clientStallMs: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function post(agent: Agent, port: number, path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Open loop: one request every 1/rate s whatever the server does; latency counted from the scheduled time. */
async function fixedRate(
  name: string,
  port: number,
  bodies: string[],
  headers: Record<string, string>,
  rate: number,
  seconds: number,
  connections: number,
): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.min(bodies.length, Math.round(rate * seconds));
  const latencies = new Float64Array(total);
  let errors = 0;
  let done = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const i = sent;
        const scheduled = start + (i / rate) * 1000;
        post(agent, port, '/v1/events', bodies[i]!, headers).then(
          (status) => {
            latencies[i] = performance.now() - scheduled;
            if (status !== 200) errors++;
            if (++done === total) resolve();
          },
          () => {
            latencies[i] = performance.now() - scheduled;
            errors++;
            if (++done === total) resolve();
          },
        );
      }
      // A timer, not setImmediate: spinning on setImmediate kept this process busy for the whole phase,
      // a full core of this 2-core machine taken from the service it measures. Requests still count
      // from their scheduled time, so a late tick shows in the latencies.
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  loop.disable();
  agent.destroy();
  latencies.sort();
  return {
    name,
    requests: total,
    events: total,
    errors,
    seconds: round(elapsed),
    requestsPerSec: round(total / elapsed, 0),
    eventsPerSec: round(total / elapsed, 0),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1]!),
    clientStallMs: round(loop.max / 1e6),
  };
}

/** Closed loop: `connections` clients each send the next batch as soon as the last one is answered. */
async function batches(
  name: string,
  port: number,
  bodies: string[],
  perBatch: number,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline && next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const status = await post(agent, port, '/v1/events', body, headers).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  loop.disable();
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    name,
    requests: latencies.length,
    events: latencies.length * perBatch,
    errors,
    seconds: round(elapsed),
    requestsPerSec: round(latencies.length / elapsed, 0),
    eventsPerSec: round((latencies.length * perBatch) / elapsed, 0),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1]!),
    clientStallMs: round(loop.max / 1e6),
  };
}

/** The service's projection lag (journal mode), or null when it has no journal. */
async function projectionLag(port: number): Promise<number | null> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  const body = (await res.json()) as { projectionLag?: number };
  return body.projectionLag ?? null;
}

/**
 * Journal mode: after a phase, how many accepted events the database still lacked and how long it
 * took to write them (the time a console read would have waited at the end of the load).
 */
async function catchUp(port: number): Promise<{ lagAtEnd: number; catchUpSec: number } | null> {
  const start = performance.now();
  const lagAtEnd = await projectionLag(port);
  if (lagAtEnd === null) return null;
  let lag = lagAtEnd;
  while (lag > 0) {
    await new Promise((r) => setTimeout(r, 50));
    lag = (await projectionLag(port)) ?? 0;
  }
  return { lagAtEnd, catchUpSec: round((performance.now() - start) / 1000) };
}

function waitForListening(child: ChildProcess, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

const BASELINE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const out = JSON.stringify(Array.isArray(body) ? { results: body } : body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(out);
  });
});
server.listen(0, '127.0.0.1', () => console.log('baseline listening on ' + server.address().port));
`;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The request bodies of every phase, from simulated populations merged into one feed in event time order. */
function prepareFeed(
  rate: number,
  seconds: number,
): { warmBodies: string[]; warmSingles: string[]; singles: string[]; batchBodies: string[] } {
  // Distinct events for every request (the engine would answer repeats from its duplicate window).
  const singlesNeeded = Math.ceil(rate * seconds);
  const warmSinglesNeeded = Math.ceil(rate * WARM_SINGLES_SECONDS);
  const pool: Record<string, unknown>[] = [];
  // Enough batches for 80,000 events/s over the phase, and 200 more for the warm-up.
  for (let seed = 7001; pool.length < warmSinglesNeeded + singlesNeeded + 80_000 * seconds + 20_000; seed++) {
    const { events } = simulate({ seed, customers: 4000, victims: 200, days: 7 });
    for (const e of events) pool.push({ ...e, id: `${seed}-${String(e.id)}`, subject: `${seed}-${String(e.subject)}` });
  }
  // One larger population over the same week, in time order, as a live feed sends it. (Seed after
  // seed would restart the clock each time: every later event would be beyond the engine's lateness
  // and duplicate windows — not applied to journeys, and looked up in the log one by one.)
  const at = (e: Record<string, unknown>) => (typeof e.ts === 'number' ? e.ts : Date.parse(String(e.ts)));
  pool.sort((a, b) => at(a) - at(b));
  // Warm-up, then singles, then batches, each later in event time than the one before: the service
  // sees one feed moving forward, never events behind its clock.
  const toBatches = (events: Record<string, unknown>[]) => {
    const bodies: string[] = [];
    for (let i = 0; i + 100 <= events.length; i += 100) bodies.push(JSON.stringify(events.slice(i, i + 100)));
    return bodies;
  };
  const warmBodies = toBatches(pool.slice(0, 20_000));
  let at0 = 20_000;
  const take = (n: number) => pool.slice(at0, (at0 += n)).map((e) => JSON.stringify(e));
  const warmSingles = take(warmSinglesNeeded);
  const singles = take(singlesNeeded);
  const batchBodies = toBatches(pool.slice(at0));
  return { warmBodies, warmSingles, singles, batchBodies };
}

async function main(): Promise<void> {
  const opts = new Command()
    .option('--rate <n>', 'single-event offered rate per second', (v) => Number(v), 5000)
    .option('--seconds <n>', 'seconds per phase', (v) => Number(v), 10)
    .option('--connections <n>', 'connections for single events', (v) => Number(v), 64)
    .option('--batch-connections <n>', 'connections for batches', (v) => Number(v), 8)
    .option('--postgres <url>', 'run the service on this PostgreSQL server (a fresh database is created and dropped)')
    .option('--no-journal', 'database mode: every group of requests commits to the database before replying')
    .option('--journal', 'with --postgres: journal mode too (the default on PGlite)')
    .option('--singles-only', 'only the service under single events (for profiling with KEFUGUARD_BENCH_NODE_ARGS); writes nothing')
    .option('--out <file>', 'JSON output (default docs/bench-http.json, or docs/bench-http-postgres.json with --postgres)')
    .parse()
    .opts<{
      rate: number;
      seconds: number;
      connections: number;
      batchConnections: number;
      postgres?: string;
      journal?: boolean;
      singlesOnly?: boolean;
      out?: string;
    }>();
  // PGlite: journal unless --no-journal; PostgreSQL: database mode unless --journal.
  const journalMode = opts.postgres ? process.argv.includes('--journal') : opts.journal !== false;
  const out = opts.out ?? join(ROOT, 'docs', opts.postgres ? 'bench-http-postgres.json' : 'bench-http.json');

  const { warmBodies, warmSingles, singles, batchBodies } = prepareFeed(opts.rate, opts.seconds);
  console.error(`prepared ${singles.length} single events and ${batchBodies.length} batches of 100`);
  // The simulated population (hundreds of thousands of objects) is garbage now. Collect it before
  // measuring: a major GC of this process in the middle of a phase would stall every request in
  // flight and show up as the service's latency (run with --expose-gc; see package.json).
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  collect();

  const dataDir = mkdtempSync(join(tmpdir(), 'kefuguard-bench-http-'));
  // With --postgres: a database of its own, so the run starts empty and leaves nothing behind.
  const database = `kefuguard_bench_${process.pid}`;
  const databaseUrl = opts.postgres ? withDatabase(opts.postgres, database) : undefined;
  if (opts.postgres) await adminQuery(opts.postgres, `CREATE DATABASE ${database}`);
  const results: Phase[] = [];
  const firstSingles: Phase[] = [];
  const projection: Record<string, { lagAtEnd: number; catchUpSec: number } | null> = {};
  let service: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir });
    const { key } = await createApiKey(store.db, { name: 'bench', scopes: ['events'], rateLimitPerMin: 100_000_000 });
    await store.close();
    const auth = { authorization: `Bearer ${key}` };

    if (!opts.singlesOnly) {
      baseline = spawn(process.execPath, ['-e', BASELINE_SERVER], { stdio: ['ignore', 'pipe', 'pipe'] });
      const basePort = await waitForListening(baseline, /baseline listening on (\d+)/);
      // The same warm-up as the service gets (connections, JIT), so the two are measured alike.
      await batches('warm-up', basePort, warmBodies, 100, auth, 3, 4);
      collect();
      firstSingles.push(
        await fixedRate(FIRST_SINGLES('baseline'), basePort, warmSingles, auth, opts.rate, WARM_SINGLES_SECONDS, opts.connections),
      );
      collect();
      results.push(await fixedRate('baseline: single events', basePort, singles, auth, opts.rate, opts.seconds, opts.connections));
      collect();
      results.push(await batches('baseline: batches of 100', basePort, batchBodies, 100, auth, opts.seconds, opts.batchConnections));
      baseline.kill();
    }

    const nodeArgs = (process.env.KEFUGUARD_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const where = [
      ...(databaseUrl ? [] : ['--data-dir', dataDir]),
      ...(journalMode ? (databaseUrl ? ['--journal-dir', `${dataDir}-journal`] : []) : ['--no-journal']),
    ];
    service = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin', 'kefuguard.js'), 'serve', '--port', '0', ...where], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KEFUGUARD_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    });
    const port = await waitForListening(service, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    // KEFUGUARD_BENCH_SERVICE_LOG=FILE keeps the service's output (e.g. with KEFUGUARD_BENCH_NODE_ARGS=--trace-gc).
    const serviceLog = process.env.KEFUGUARD_BENCH_SERVICE_LOG;
    if (serviceLog) {
      const log = createWriteStream(serviceLog);
      service.stdout!.pipe(log);
      service.stderr!.pipe(log);
    }
    // Warm up (JIT, prepared statements) on events the measured phases do not use.
    await batches('warm-up', port, warmBodies, 100, auth, 3, 4);
    await catchUp(port);
    collect();
    firstSingles.push(
      await fixedRate(FIRST_SINGLES('kefuguard'), port, warmSingles, auth, opts.rate, WARM_SINGLES_SECONDS, opts.connections),
    );
    await catchUp(port);
    collect();
    results.push(await fixedRate('kefuguard: single events', port, singles, auth, opts.rate, opts.seconds, opts.connections));
    projection.singles = await catchUp(port);
    collect();
    if (opts.singlesOnly) return void console.table([...firstSingles, ...results]);
    results.push(await batches('kefuguard: batches of 100', port, batchBodies, 100, auth, opts.seconds, opts.batchConnections));
    projection.batches = await catchUp(port);
  } finally {
    service?.kill('SIGTERM');
    baseline?.kill();
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-journal`, { recursive: true, force: true });
    if (opts.postgres) await adminQuery(opts.postgres, `DROP DATABASE IF EXISTS ${database}`).catch(() => {});
  }

  const [baseSingle, baseBatch, single, batch] = results as [Phase, Phase, Phase, Phase];
  const report = {
    measuredAt: new Date().toISOString(),
    store: databaseUrl
      ? 'PostgreSQL (separate server processes on this machine)'
      : 'PGlite (embedded, on its own thread in the service process), data directory',
    durability: journalMode ? 'journal (fdatasync per group), database written behind' : 'database commit per group',
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    offeredRate: opts.rate,
    seconds: opts.seconds,
    phases: results,
    // The single-event path's first seconds after the warm-up batches (connections opened, the path
    // compiled), at the same offered rate; the measured single-event phase follows it. Not a target.
    firstSingles,
    // Journal mode (the default on PGlite): decisions return once the events are durable in the
    // journal; the database (cases, alerts, lookups) is written behind. Per phase: the backlog when
    // the load stopped and how long the database took to catch up. null: no journal.
    projection,
    ratios: {
      singleThroughputVsBaseline: round(single.requestsPerSec / baseSingle.requestsPerSec, 3),
      batchEventsVsBaseline: round(batch.eventsPerSec / baseBatch.eventsPerSec, 3),
    },
    targets: {
      singleRequestsPerSec: { target: 5000, measured: single.requestsPerSec, met: single.requestsPerSec >= 4950 && single.errors === 0 },
      singleP99Ms: { target: 20, measured: single.p99Ms, met: single.p99Ms < 20 },
      batchEventsPerSec: { target: 50000, measured: batch.eventsPerSec, met: batch.eventsPerSec >= 50000 && batch.errors === 0 },
    },
  };
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.table([...firstSingles, ...results].map((r) => ({ ...r })));
  console.log(JSON.stringify({ ratios: report.ratios, targets: report.targets, projection }, null, 2));
}

await main();

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, openStore } from '../src/store/index.js';
import { RiskEngine, type Decision } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';
import { simulate } from '../src/sim/index.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'kefuguard.js');
const dataDir = mkdtempSync(join(tmpdir(), 'kefuguard-recovery-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let apiKey = '';
beforeAll(async () => {
  const store = await openStore({ dataDir });
  apiKey = (await createApiKey(store.db, { name: 'recovery-test', scopes: ['events'] })).key;
  await store.close();
}, 120_000);

/** Starts `kefuguard serve` on a free port with the embedded database in `dataDir`; resolves with its URL. */
function serve(): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--snapshot-every', '300'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Server listening at (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, log: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function post(url: string, batch: unknown[]): Promise<Decision[]> {
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(batch),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: Decision[] };
  return body.results;
}

const outcome = (d: Decision) => ({ eventId: d.eventId, action: d.action, level: d.level, score: d.score, stage: d.stage });

describe('the service survives being killed in the middle of a stream', () => {
  it('rebuilds the engine from the event log and decides exactly as an uninterrupted run', { timeout: 180_000 }, async () => {
    const { events } = simulate({ seed: 9, customers: 40, victims: 12, days: 2 });
    const reference = new RiskEngine();
    const expected = new Map(
      events.map((raw) => {
        const v = validateEvent(raw);
        if (!v.ok) throw new Error('simulator produced an invalid event');
        return [raw.id, outcome(reference.process(v.value))];
      }),
    );
    const batches: unknown[][] = [];
    for (let i = 0; i < events.length; i += 100) batches.push(events.slice(i, i + 100));
    const cut = Math.floor(batches.length / 2);

    let server = await serve();
    // Whatever fails below, no server outlives the test.
    onTestFinished(() => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    });
    const seen = new Map<string, ReturnType<typeof outcome>>();
    for (const batch of batches.slice(0, cut)) for (const d of await post(server.url, batch)) seen.set(d.eventId, outcome(d));
    // A snapshot is saved in the background (every 300 events here): wait until one is, so the restart can use it.
    await until(async () => /kefuguard_engine_snapshot_seq [1-9]/.test(await (await fetch(`${server.url}/metrics`)).text()));
    // Kill it hard while the next batch is in flight: that batch may or may not have been committed.
    const inFlight = post(server.url, batches[cut]!).catch(() => undefined);
    server.child.kill('SIGKILL');
    await inFlight;
    // The child may have exited while the request was failing: then its 'exit' has already been emitted.
    const killed = server.child;
    if (killed.exitCode === null && killed.signalCode === null) await new Promise((r) => killed.once('exit', r));

    server = await serve();
    // The restart restored a snapshot taken during the first run and replayed only the events after it.
    const rebuilt = server
      .log()
      .split('\n')
      .filter((line) => line.includes('engine state rebuilt'))
      .map((line) => JSON.parse(line) as { snapshotSeq: number | null; replayed: number });
    expect(rebuilt).toHaveLength(1);
    expect(rebuilt[0]!.snapshotSeq ?? 0, JSON.stringify(rebuilt[0])).toBeGreaterThan(0);
    expect(rebuilt[0]!.replayed).toBeLessThan(cut * 100);
    try {
      // The sender retries the batch it got no answer for; stored ids come back as duplicates with their first outcome.
      for (const batch of batches.slice(cut))
        for (const d of await post(server.url, batch)) if (!seen.has(d.eventId)) seen.set(d.eventId, outcome(d));
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(seen.size).toBe(expected.size);
    for (const [id, want] of expected) expect(seen.get(id), id).toEqual(want);
  });
});

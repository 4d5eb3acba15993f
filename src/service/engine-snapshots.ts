import { gunzipSync, gzipSync } from 'node:zlib';
import type { EngineSnapshot, RiskEngine } from '../engine/index.js';
import { eventsAfter, latestSnapshot, pruneSnapshots, saveSnapshot, type Store } from '../store/index.js';

export const SNAPSHOT_FORMAT = 'kefuguard-engine@1+json.gz';

// JSON has no infinities; the engine uses -Infinity for "never" (a subject's first event, no screen share yet).
const replacer = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { $num: String(value) } : value);
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && '$num' in value && Object.keys(value).length === 1
    ? Number((value as { $num: string }).$num)
    : value;

export function encodeSnapshot(snapshot: EngineSnapshot): Uint8Array {
  return gzipSync(JSON.stringify(snapshot, replacer), { level: 1 });
}

export function decodeSnapshot(bytes: Uint8Array): EngineSnapshot {
  return JSON.parse(gunzipSync(bytes).toString('utf8'), reviver) as EngineSnapshot;
}

export interface RebuildReport {
  /** The seq of the snapshot restored, or null when the whole log was replayed. */
  snapshotSeq: number | null;
  /** Why the latest snapshot was not used, if there was one. */
  snapshotSkipped: string | null;
  replayed: number;
  /** The highest seq now reflected in the engine (0 for an empty log). */
  lastSeq: number;
}

/**
 * Brings an engine to where the event log stands: the latest compatible snapshot, then every later
 * event in arrival order. The engine is deterministic, so it ends exactly where an uninterrupted run
 * would have been. A snapshot from another typology, policy or window setting is skipped (with the
 * reason) and the whole log is replayed under the current ones.
 */
export async function rebuildEngine(store: Store, engine: RiskEngine): Promise<RebuildReport> {
  engine.reset();
  let snapshotSeq: number | null = null;
  let snapshotSkipped: string | null = null;
  const latest = await latestSnapshot(store.db);
  if (latest) {
    if (latest.format !== SNAPSHOT_FORMAT) snapshotSkipped = `format ${latest.format}`;
    else {
      const snapshot = decodeSnapshot(latest.state);
      snapshotSkipped = engine.snapshotMismatch(snapshot);
      if (!snapshotSkipped) {
        engine.restore(snapshot);
        snapshotSeq = latest.seq;
      }
    }
  }
  let replayed = 0;
  let lastSeq = snapshotSeq ?? 0;
  for await (const stored of eventsAfter(store.db, snapshotSeq ?? 0)) {
    engine.process(stored);
    lastSeq = stored.seq;
    replayed++;
  }
  return { snapshotSeq, snapshotSkipped, replayed, lastSeq };
}

/** What a snapshot needs from the writer: a moment when everything the engine saw is committed. */
export interface CommittedLog {
  flush(): Promise<void>;
  readonly idle: boolean;
  /** The highest seq this writer committed (null: none yet); with `idle`, the last event the engine saw. */
  readonly lastSeq: number | null;
}

export interface SnapshotterOptions {
  /** Take a snapshot after this many events were committed since the last one (default 200,000). */
  everyEvents?: number;
  /** …or after this long with at least one event committed (default 10 min). */
  everyMs?: number;
  /** Snapshots kept (default 2). */
  keep?: number;
}

/**
 * Saves the engine's state now and then so a restart replays only what came after. A snapshot is
 * taken only when the log writer is idle: then every event the engine has seen is committed, and the
 * state and the seq it covers agree. The state is serialized in one synchronous step, before any
 * other request can reach the engine.
 */
export class Snapshotter {
  private sinceLast = 0;
  private lastAt = Date.now();
  private taking: Promise<boolean> | null = null;
  /** The seq of the last snapshot this process saved (null: none yet). */
  lastSavedSeq: number | null = null;
  private readonly everyEvents: number;
  private readonly everyMs: number;
  private readonly keep: number;

  constructor(
    private readonly store: Store,
    private readonly engine: RiskEngine,
    private readonly log: CommittedLog,
    options: SnapshotterOptions = {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.everyEvents = options.everyEvents ?? 200_000;
    this.everyMs = options.everyMs ?? 10 * 60_000;
    this.keep = options.keep ?? 2;
  }

  /** Counts committed events and starts a snapshot in the background when one is due. */
  committed(events: number): void {
    this.sinceLast += events;
    const due = this.sinceLast >= this.everyEvents || (this.sinceLast > 0 && Date.now() - this.lastAt >= this.everyMs);
    if (due && !this.taking) {
      this.taking = this.take()
        .catch((error) => {
          this.onError(error);
          return false;
        })
        .finally(() => (this.taking = null));
    }
  }

  /** Takes a snapshot as soon as the writer is idle; false if it never was (busy) or nothing changed. */
  async take(attempts = 20): Promise<boolean> {
    for (let i = 0; i < attempts; i++) {
      await this.log.flush();
      if (!this.log.idle) continue;
      const seq = this.log.lastSeq;
      if (seq === null) return false; // nothing stored since the engine was rebuilt from the log
      const bytes = encodeSnapshot(this.engine.snapshot());
      this.sinceLast = 0;
      this.lastAt = Date.now();
      await saveSnapshot(this.store.db, {
        seq,
        state: bytes,
        format: SNAPSHOT_FORMAT,
        policyVersion: this.engine.policy.id,
        typologyVersion: this.engine.typology.version,
      });
      this.lastSavedSeq = seq;
      await pruneSnapshots(this.store.db, this.keep);
      return true;
    }
    return false;
  }

  /** Waits for a snapshot in progress, then takes a last one (on shutdown). */
  async close(): Promise<void> {
    if (this.taking) await this.taking;
    if (this.sinceLast > 0) await this.take();
  }
}

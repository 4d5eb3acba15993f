import type { RiskEngine } from '../engine/index.js';
import { CommitSignal } from '../service/commit-signal.js';
import { rebuildEngine, Snapshotter, type CommittedLog, type SnapshotterOptions } from '../service/engine-snapshots.js';
import { intake } from '../service/intake.js';
import { decisionsFor, GroupCommitter, type Store } from '../store/index.js';
import type { Decision } from '../engine/index.js';
import type { DecidedEvent, DecisionSink } from './sink.js';

export interface StoreSinkOptions {
  /** Engine snapshots (default on); false: none (a restart replays the whole log). */
  snapshots?: SnapshotterOptions | false;
  /** Background failures (a snapshot that could not be saved, a rebuild that must be retried). */
  onError?: (error: unknown, what: string) => void;
}

/**
 * The durable sink: each request's events and decisions go to the event log through the group
 * committer, which commits in call order and resolves only after the transaction is durable. Cases
 * and entity links are written in the same transaction (service/intake.ts); `committed` fires after
 * each commit so the alert stream can read what is new; snapshots of the engine are taken now and
 * then so a restart replays only the tail of the log.
 *
 * If a commit fails, the engine holds events the log does not. The sink then stops accepting
 * (`accepting` is false: the events route answers 503 without touching the engine), rebuilds the
 * engine from the log, and accepts again; a rebuild that fails is retried.
 */
export class StoreSink implements DecisionSink, CommittedLog {
  private committer: GroupCommitter;
  private recovery: Promise<void> | null = null;
  private readonly snapshotter: Snapshotter | null;
  readonly committed = new CommitSignal();

  constructor(
    readonly store: Store,
    private readonly engine: RiskEngine,
    private readonly options: StoreSinkOptions = {},
  ) {
    this.committer = this.newCommitter();
    this.snapshotter =
      options.snapshots === false
        ? null
        : new Snapshotter(store, engine, this, options.snapshots ?? {}, (e) => options.onError?.(e, 'engine snapshot'));
  }

  get accepting(): boolean {
    return this.recovery === null;
  }

  get idle(): boolean {
    return this.committer.idle;
  }

  get lastSeq(): number | null {
    return this.committer.lastSeq;
  }

  async persist(items: readonly DecidedEvent[]): Promise<void> {
    let outcomes;
    try {
      outcomes = await this.committer.submit(items);
    } catch (error) {
      if (this.committer.failed && !this.recovery) this.recovery = this.recover();
      throw error;
    }
    let stored = 0;
    for (const o of outcomes) if (o.status === 'stored') stored++;
    this.snapshotter?.committed(stored);
    this.committed.notify();
  }

  async storedDecisions(ids: readonly string[]): Promise<Map<string, Decision>> {
    const found = await decisionsFor(this.store.db, ids);
    return new Map([...found].map(([id, stored]) => [id, stored.decision]));
  }

  /** Waits for everything submitted to commit. */
  async flush(): Promise<void> {
    await this.committer.flush().catch(() => {});
  }

  /** Flushes and takes a last snapshot. The store stays open: its owner closes it. */
  async close(): Promise<void> {
    if (this.recovery) await this.recovery;
    await this.flush();
    await this.snapshotter?.close().catch((e) => this.options.onError?.(e, 'engine snapshot'));
  }

  private newCommitter(): GroupCommitter {
    return new GroupCommitter(this.store.db, { inTransaction: intake });
  }

  private async recover(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.committer.flush().catch(() => {});
        await rebuildEngine(this.store, this.engine);
        this.committer = this.newCommitter();
        this.recovery = null;
        return;
      } catch (error) {
        this.options.onError?.(error, 'engine rebuild after a failed commit');
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
  }
}

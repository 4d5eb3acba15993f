import { eventsAfter, GroupCommitter, type Store } from '../store/index.js';
import type { RiskEngine } from '../engine/index.js';
import { CommitSignal } from '../service/commit-signal.js';
import { intake } from '../service/intake.js';
import type { DecidedEvent, DecisionSink } from './sink.js';

/**
 * The durable sink: each request's events and decisions go to the event log through the group
 * committer, which commits in call order and resolves only after the transaction is durable. Cases
 * and entity links are written in the same transaction (service/intake.ts); `committed` fires after
 * each commit so the alert stream can read what is new.
 */
export class StoreSink implements DecisionSink {
  private readonly committer: GroupCommitter;
  readonly committed = new CommitSignal();

  constructor(readonly store: Store) {
    this.committer = new GroupCommitter(store.db, { inTransaction: intake });
  }

  async persist(items: readonly DecidedEvent[]): Promise<void> {
    await this.committer.submit(items);
    this.committed.notify();
  }

  /** The error that stopped the writer (the engine then holds events the log does not), if any. */
  get failed(): unknown {
    return this.committer.failed;
  }

  /** Waits for everything submitted to commit. The store stays open: its owner closes it. */
  async flush(): Promise<void> {
    await this.committer.flush().catch(() => {});
  }
}

/**
 * Rebuilds the engine's state after a restart by replaying the event log in arrival order. The
 * engine is deterministic, so it ends exactly where an uninterrupted run would have been.
 */
export async function rebuildEngine(store: Store, engine: RiskEngine): Promise<number> {
  let events = 0;
  for await (const stored of eventsAfter(store.db, 0)) {
    engine.process(stored);
    events++;
  }
  return events;
}

import { eventsAfter, GroupCommitter, type Store } from '../store/index.js';
import type { RiskEngine } from '../engine/index.js';
import type { DecidedEvent, DecisionSink } from './sink.js';

/**
 * The durable sink: each request's events and decisions go to the event log through the group
 * committer, which commits in call order and resolves only after the transaction is durable.
 */
export class StoreSink implements DecisionSink {
  private readonly committer: GroupCommitter;

  constructor(private readonly store: Store) {
    this.committer = new GroupCommitter(store.db);
  }

  async persist(items: readonly DecidedEvent[]): Promise<void> {
    await this.committer.submit(items);
  }

  async close(): Promise<void> {
    await this.committer.flush().catch(() => {});
    await this.store.close();
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

/**
 * Tells listeners that new rows are committed (events, decisions, alerts, cases): the alert stream
 * wakes up and reads what is new from the store, so what it sends is always what is durable.
 */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  /** Subscribes; returns the unsubscribe function. */
  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A listener's failure is its own; the commit has happened either way.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}

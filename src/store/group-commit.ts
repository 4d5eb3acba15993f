import type { Queryable } from './db.js';
import { appendEvents, type AppendItem, type AppendOptions, type AppendOutcome } from './events-repo.js';

export interface GroupCommitOptions extends AppendOptions {
  /** Most items in one transaction (default 1000). A submission is never split. */
  maxBatch?: number;
}

interface Pending {
  items: readonly AppendItem[];
  resolve: (outcomes: AppendOutcome[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the event log. Requests submit their (event, decision) items right after the
 * engine decided them; everything submitted while a transaction is in flight goes into the next
 * one, so under load one commit serves many requests and with no load a request waits for just
 * its own. Each submission's promise resolves only after the transaction holding it committed.
 *
 * Transactions run one at a time, in submission order, so `seq` follows the order the engine saw
 * the events in, and replay reproduces it. Call `submit` in the same synchronous step as
 * `engine.process` (no await in between) to keep that true.
 *
 * If a transaction fails, every submission in it is rejected, and the engine's memory now holds
 * events the log does not: the service must stop deciding and rebuild the engine (snapshot +
 * replay) before it accepts more. `failed` tells it so; later submissions are refused.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private error: unknown = null;
  private readonly maxBatch: number;
  private committedSeq: number | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
  }

  /** The error that stopped the writer, if one did. */
  get failed(): unknown {
    return this.error;
  }

  /** Nothing queued and no transaction in flight: every submission so far has committed or failed. */
  get idle(): boolean {
    return this.running === null && this.queue.length === 0;
  }

  /** The highest seq this writer committed (null before its first commit that stored something). */
  get lastSeq(): number | null {
    return this.committedSeq;
  }

  /** Resolves with the outcome of each item (stored with its seq, duplicate, rejected) once committed. */
  submit(items: readonly AppendItem[]): Promise<AppendOutcome[]> {
    if (this.error) return Promise.reject(new Error('the event log writer stopped after a failed commit', { cause: this.error }));
    if (items.length === 0) return Promise.resolve([]);
    const promise = new Promise<AppendOutcome[]>((resolve, reject) => this.queue.push({ items, resolve, reject }));
    this.running ??= this.drain();
    return promise;
  }

  /** Waits until everything submitted so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let the current tick's submissions join the first transaction.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0 && !this.error) {
        const group: Pending[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.items.length <= this.maxBatch)) {
          const next = this.queue.shift()!;
          group.push(next);
          size += next.items.length;
        }
        const items = group.length === 1 ? group[0]!.items : group.flatMap((p) => p.items);
        try {
          const { outcomes, lastSeq } = await appendEvents(this.db, items, this.options);
          if (lastSeq !== null) this.committedSeq = lastSeq;
          let offset = 0;
          for (const p of group) {
            p.resolve(outcomes.slice(offset, offset + p.items.length));
            offset += p.items.length;
          }
        } catch (error) {
          this.error = error;
          for (const p of group) p.reject(error);
        }
      }
      if (this.error) {
        const rest = this.queue.splice(0);
        for (const p of rest) p.reject(new Error('the event log writer stopped after a failed commit', { cause: this.error }));
      }
    } finally {
      this.running = null;
    }
  }
}

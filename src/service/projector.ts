import type { Decision } from '../engine/index.js';
import type { KgEvent } from '../events/index.js';
import { appendEvents, Journal, lastEventSeq, type AppendItem, type Queryable, type Store } from '../store/index.js';
import type { CommitSignal } from './commit-signal.js';
import { intake } from './intake.js';

/** An accepted event as the journal keeps it: enough to write its rows again after a crash. */
interface JournalBody {
  t: number;
  e: KgEvent;
  d: Decision;
}

export function encodeJournalEntry(item: Pick<AppendItem, 'event' | 'decision'>): string {
  const body: JournalBody = { t: item.event.t, e: item.event.event, d: item.decision };
  return JSON.stringify(body);
}

export function decodeJournalEntry(seq: number, text: string): AppendItem & { seq: number } {
  const body = JSON.parse(text) as JournalBody;
  return { seq, event: { t: body.t, event: body.e }, decision: body.d };
}

export interface ProjectorOptions {
  /** Most events in one database transaction (default 500; the service's journal mode uses 1,000). */
  maxBatch?: number;
  /**
   * How long a backlog smaller than `maxBatch` waits for more before it is written (default 0; the
   * service's journal mode uses 250 ms). Not while a reader waits. Per
   * event, a transaction of a thousand costs a fraction of one of a hundred (the statement and the
   * commit are paid per batch), so under a steady trickle a short wait saves the database thread
   * most of its work, at the price of readers seeing events that much later.
   */
  lingerMs?: number;
  /** A batch that failed is retried until it succeeds; this is told each failure. */
  onError?: (error: unknown, what: string) => void;
  /** Told each batch once it is in the database. */
  onProjected?: (items: readonly AppendItem[]) => void;
}

interface Waiter {
  seq: number;
  resolve: (reached: boolean) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Writes journaled events into the database behind the journal: the event log rows, decisions,
 * alerts, entity links and cases (service/intake.ts), in seq order, in batches as large as the
 * backlog allows. The database is then a projection: what a console, a lookup or the alert stream
 * reads may trail the journal by the projection lag, which `waitFor` lets a reader close.
 *
 * A batch that fails is retried with growing pauses (at most 30 s) until it succeeds: the events
 * are safe in the journal meanwhile, decisions keep flowing, and only readers wait (and the lag
 * shows on /health and /metrics). Nothing is skipped: the database never has a hole in seq order.
 */
export class Projector {
  private queue: (AppendItem & { seq: number })[] = [];
  private running: Promise<void> | null = null;
  private projected: number;
  private waiters: Waiter[] = [];
  private readonly maxBatch: number;
  /** Ends a linger early (set while the drain lingers). */
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Queryable,
    private readonly signal: CommitSignal,
    projectedSeq: number,
    private readonly options: ProjectorOptions = {},
  ) {
    this.projected = projectedSeq;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** The highest seq in the database (every lower journaled seq is there too). */
  get projectedSeq(): number {
    return this.projected;
  }

  get idle(): boolean {
    return this.running === null && this.queue.length === 0;
  }

  /** Queues durable journal entries, in seq order. */
  enqueue(items: readonly (AppendItem & { seq: number })[]): void {
    for (const item of items) this.queue.push(item);
    this.running ??= this.drain();
  }

  /** Resolves true once everything up to `seq` is in the database, or false after `timeoutMs`. */
  waitFor(seq: number, timeoutMs?: number): Promise<boolean> {
    if (this.projected >= seq) return Promise.resolve(true);
    this.wake?.();
    return new Promise((resolve) => {
      const waiter: Waiter = { seq, resolve };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
        waiter.timer.unref();
      }
      this.waiters.push(waiter);
    });
  }

  /** Waits until the queue is empty. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        if (this.options.lingerMs && this.shouldLinger()) await this.linger(this.options.lingerMs);
        const batch = this.queue.slice(0, this.maxBatch);
        await this.project(batch);
        this.queue.splice(0, batch.length);
        this.options.onProjected?.(batch);
        this.advance(batch[batch.length - 1]!.seq);
      }
    } finally {
      this.running = null;
    }
  }

  /**
   * A small backlog waits for more, but not while a reader waits for it (`waitFor` also ends a linger
   * in progress). Alerts wait too: at most `lingerMs` more before the alert stream shows them is
   * nothing to an analyst, while waking for each would undo the batching under load (a few per cent
   * of decisions alert).
   */
  private shouldLinger(): boolean {
    return this.queue.length < this.maxBatch && this.waiters.length === 0;
  }

  /** Sleeps up to `ms`, or until a reader starts waiting (`wake`). */
  private linger(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async project(batch: (AppendItem & { seq: number })[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await appendEvents(this.db, batch, { inTransaction: intake });
        return;
      } catch (error) {
        this.options.onError?.(error, `projecting events ${batch[0]!.seq}–${batch[batch.length - 1]!.seq} into the database`);
        await sleep(Math.min(30_000, 100 * 2 ** attempt));
      }
    }
  }

  private advance(seq: number): void {
    this.projected = seq;
    this.signal.notify();
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.seq <= seq) {
        if (w.timer) clearTimeout(w.timer);
        w.resolve(true);
      } else still.push(w);
    }
    this.waiters = still;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OpenedJournal {
  journal: Journal;
  /** Journal entries written into the database on opening (they were accepted before a stop). */
  projected: number;
}

/**
 * Opens the journal in `dir` and brings the database up to it: every entry after the database's
 * last seq is projected before anything else happens, so the engine can then be rebuilt from the
 * database alone (snapshot + replay) exactly as an uninterrupted run would stand.
 */
export async function openJournal(store: Store, dir: string, options: { maxBatch?: number } = {}): Promise<OpenedJournal> {
  const dbSeq = await lastEventSeq(store.db);
  const journal = await Journal.open(dir, dbSeq);
  try {
    let batch: (AppendItem & { seq: number })[] = [];
    let projected = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await appendEvents(store.db, batch, { inTransaction: intake });
      projected += batch.length;
      batch = [];
    };
    for (const entry of journal.entries(dbSeq)) {
      batch.push(decodeJournalEntry(entry.seq, entry.body));
      if (batch.length >= (options.maxBatch ?? 1000)) await flush();
    }
    await flush();
    journal.release(journal.lastSeq);
    return { journal, projected };
  } catch (error) {
    await journal.close().catch(() => {});
    throw error;
  }
}

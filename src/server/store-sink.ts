import type { RiskEngine } from '../engine/index.js';
import { CommitSignal } from '../service/commit-signal.js';
import { rebuildEngine, Snapshotter, type CommittedLog, type SnapshotterOptions } from '../service/engine-snapshots.js';
import { intake } from '../service/intake.js';
import { encodeJournalEntry, openJournal, Projector } from '../service/projector.js';
import { decisionsFor, GroupCommitter, type Journal, type Store } from '../store/index.js';
import type { Decision } from '../engine/index.js';
import type { DecidedEvent, DecisionSink } from './sink.js';

/** Journal mode: how long a smaller backlog waits for more before it is projected (see Projector). */
const PROJECTION_LINGER_MS = 250;

/** How long a request waits for a lagging database before it is answered 503. */
const READY_WAIT_MS = 5000;

export interface StoreSinkOptions {
  /** Engine snapshots (default on); false: none (a restart replays the whole log). */
  snapshots?: SnapshotterOptions | false;
  /** Background failures (a snapshot that could not be saved, a rebuild that must be retried). */
  onError?: (error: unknown, what: string) => void;
  /**
   * Journal mode: events are durable once in this journal (opened with `openJournal`, which has
   * already brought the database up to it), and the database is written behind it by a Projector.
   * Absent: every commit goes to the database before the decisions return.
   */
  journal?: Journal;
  /** Journal mode: most events in one projection transaction (default 1,000). */
  projectionBatch?: number;
  /**
   * Journal mode: how far (in events) the database may trail the journal before new requests wait
   * for it (default 20,000). Bursts are taken at journal speed; sustained load at database speed,
   * with bounded memory and bounded staleness for readers.
   */
  maxProjectionLag?: number;
  /** Journal mode: how long a request waits for a lagging database before it is answered 503 (default 5 s). */
  projectionWaitMs?: number;
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
  private journal: Journal | null;
  private projector: Projector | null;
  /** Journal mode: accepted events not yet in the database, for repeats of their ids. */
  private readonly unprojected = new Map<string, Decision>();
  private recovery: Promise<void> | null = null;
  private readonly snapshotter: Snapshotter | null;
  readonly committed = new CommitSignal();

  constructor(
    readonly store: Store,
    private readonly engine: RiskEngine,
    private readonly options: StoreSinkOptions = {},
  ) {
    this.committer = this.newCommitter();
    this.journal = options.journal ?? null;
    this.projector = this.journal ? this.newProjector(this.journal.lastSeq) : null;
    this.snapshotter =
      options.snapshots === false
        ? null
        : new Snapshotter(store, engine, this.durableLog(), options.snapshots ?? {}, (e) => options.onError?.(e, 'engine snapshot'));
  }

  get accepting(): boolean {
    return this.recovery === null;
  }

  get idle(): boolean {
    return this.journal ? this.journal.idle : this.committer.idle;
  }

  get lastSeq(): number | null {
    return this.journal ? this.journal.syncedSeq || null : this.committer.lastSeq;
  }

  /** The seq of the last engine snapshot saved by this process (null: none yet). */
  get snapshotSeq(): number | null {
    return this.snapshotter?.lastSavedSeq ?? null;
  }

  /** Accepted events not yet readable from the database (journal mode; 0 otherwise). */
  get projectionLag(): number {
    return this.journal && this.projector ? this.journal.lastSeq - this.projector.projectedSeq : 0;
  }

  /**
   * Waits until everything accepted so far is readable from the database (journal mode), at most
   * `timeoutMs`; true when it is. Readers call it so a console shows what the sender was told.
   */
  async settled(timeoutMs?: number): Promise<boolean> {
    if (!this.journal || !this.projector) return true;
    return this.projector.waitFor(this.journal.lastSeq, timeoutMs);
  }

  async ready(): Promise<boolean> {
    const max = this.options.maxProjectionLag ?? 20_000;
    const deadline = Date.now() + (this.options.projectionWaitMs ?? READY_WAIT_MS);
    while (this.journal && this.projector && this.projectionLag > max) {
      // A database that stays behind (down, or far slower than the feed) turns into 503s, not hung requests.
      if (Date.now() >= deadline) return false;
      // Wait until the database is half-way back, so waiting requests go on together.
      await this.projector.waitFor(this.journal.lastSeq - Math.floor(max / 2), 250);
    }
    return true;
  }

  async persist(items: readonly DecidedEvent[]): Promise<void> {
    if (this.journal) return this.journalPersist(this.journal, items);
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

  private async journalPersist(journal: Journal, items: readonly DecidedEvent[]): Promise<void> {
    // A repeat the engine recognised is already in the journal: it answers, it is not stored again.
    const fresh = items.filter((item) => !item.decision.duplicate);
    if (fresh.length === 0) return;
    let appended;
    try {
      appended = journal.append(fresh.map(encodeJournalEntry));
      for (const { decision } of fresh) this.unprojected.set(decision.eventId, decision);
      await appended.durable;
    } catch (error) {
      this.recovery ??= this.recover();
      throw error;
    }
    const first = appended.firstSeq;
    this.projector!.enqueue(fresh.map((item, k) => ({ event: item.event, decision: item.decision, seq: first + k })));
    this.snapshotter?.committed(fresh.length);
  }

  async storedDecisions(ids: readonly string[]): Promise<Map<string, Decision>> {
    const result = new Map<string, Decision>();
    const ask: string[] = [];
    for (const id of ids) {
      const pending = this.unprojected.get(id);
      if (pending) result.set(id, pending);
      else ask.push(id);
    }
    if (ask.length > 0) for (const [id, stored] of await decisionsFor(this.store.db, ask)) result.set(id, stored.decision);
    return result;
  }

  /** Waits for everything submitted to be durable (and, in journal mode, in the database). */
  async flush(): Promise<void> {
    if (this.journal) {
      await this.journal.flush();
      await this.projector?.flush();
      return;
    }
    await this.committer.flush().catch(() => {});
  }

  /** Flushes and takes a last snapshot. The store stays open: its owner closes it; the journal closes here. */
  async close(): Promise<void> {
    if (this.recovery) await this.recovery;
    await this.flush();
    await this.snapshotter?.close().catch((e) => this.options.onError?.(e, 'engine snapshot'));
    await this.journal?.close();
  }

  /**
   * What a snapshot needs: a moment when everything the engine saw is durable. In journal mode that
   * is the journal, not the projection: waiting for the database would rarely find a quiet moment.
   */
  private durableLog(): CommittedLog {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the sink's current writer
    const sink = this;
    return {
      async flush() {
        if (sink.journal) await sink.journal.flush();
        else await sink.committer.flush().catch(() => {});
      },
      get idle() {
        return sink.idle;
      },
      get lastSeq() {
        return sink.lastSeq;
      },
    };
  }

  private newProjector(projectedSeq: number): Projector {
    return new Projector(this.store.db, this.committed, projectedSeq, {
      maxBatch: this.options.projectionBatch ?? 1000,
      lingerMs: PROJECTION_LINGER_MS,
      onProjected: (items) => {
        for (const { decision } of items) this.unprojected.delete(decision.eventId);
        this.journal?.release(items[items.length - 1]!.seq!);
      },
      onError: (error, what) => this.options.onError?.(error, what),
    });
  }

  private newCommitter(): GroupCommitter {
    return new GroupCommitter(this.store.db, { inTransaction: intake });
  }

  private async recover(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.committer.flush().catch(() => {});
        if (this.journal) {
          // The journal's file state after a failed write is unknown: reopen it (cutting a torn
          // tail), write what it holds into the database, and rebuild the engine from there.
          await this.projector?.flush();
          const dir = this.journal.dir;
          await this.journal.close().catch(() => {});
          const { journal } = await openJournal(this.store, dir);
          this.journal = journal;
          this.projector = this.newProjector(journal.lastSeq);
          this.unprojected.clear();
        }
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

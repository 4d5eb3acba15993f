import type { AlertLevel } from '../policy/index.js';
import { alertViewsAfter, type AlertView, type Queryable } from '../store/index.js';
import { withTs } from './alerts.js';
import type { CommitSignal } from './commit-signal.js';

/** A comment line every so often keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** What an EventSource waits before it reconnects (with Last-Event-ID). */
export const RETRY_MS = 3_000;
const PAGE = 500;

export interface AlertStreamOptions {
  db: Queryable;
  committed: CommitSignal;
  /** Send alerts with a larger id than this. */
  after: number;
  minLevel?: AlertLevel;
  heartbeatMs?: number;
  /** Writes a chunk; resolves when the peer can take more (backpressure). */
  write(chunk: string): Promise<void>;
  /** The stream failed (the store, the socket): end the response; the client reconnects with Last-Event-ID. */
  onError(error: unknown): void;
}

/**
 * One Server-Sent Events subscriber to the alert log. It never pushes what it was told: a commit
 * only wakes it, and it reads the alerts after its cursor from the store, so everything it sends is
 * committed, in id order, without gaps, and a reconnect with `Last-Event-ID` resumes exactly.
 */
export class AlertStream {
  private cursor: number;
  private closed = false;
  private pumping = false;
  private again = false;
  private unsubscribe: (() => void) | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly options: AlertStreamOptions) {
    this.cursor = options.after;
  }

  /** The id of the last alert sent (or the starting cursor). */
  get lastId(): number {
    return this.cursor;
  }

  start(): Promise<void> {
    this.unsubscribe = this.options.committed.on(() => void this.pump());
    this.heartbeat = setInterval(() => {
      if (!this.closed) this.options.write(': heartbeat\n\n').catch((e: unknown) => this.fail(e));
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
    return this.options.write(`retry: ${RETRY_MS}\n\n`).then(() => this.pump());
  }

  stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  /** Reads and sends everything after the cursor; signals that arrive meanwhile make it read again. */
  private async pump(): Promise<void> {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        let page: AlertView[];
        do {
          page = await alertViewsAfter(this.options.db, this.cursor, { minLevel: this.options.minLevel, limit: PAGE });
          for (const alert of page) {
            if (this.closed) return;
            // One line of JSON per event: masking for analysts (access.ts) works line by line.
            await this.options.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(withTs(alert))}\n\n`);
            this.cursor = alert.id;
          }
        } while (page.length === PAGE && !this.closed);
      } while (this.again && !this.closed);
    } catch (error) {
      this.fail(error);
    } finally {
      this.pumping = false;
    }
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.stop();
    this.options.onError(error);
  }
}

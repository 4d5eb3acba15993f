import type { Decision } from '../engine/index.js';
import type { TimedEvent } from '../events/index.js';

/** An accepted event with the decision the engine made for it. */
export interface DecidedEvent {
  readonly event: TimedEvent;
  readonly decision: Decision;
}

/**
 * Where accepted events and their decisions become durable. The service returns decisions only after
 * `persist` resolves for the request's items; a rejection turns the request into a 503.
 *
 * Ordering: the service calls `persist` in the order the engine decided the events (each request's
 * items are decided and handed over in one synchronous step), and a restart rebuilds the engine by
 * replaying what was persisted — so an implementation must commit calls in call order (group commit
 * that keeps the order is fine) and must not resolve before the items are durable.
 */
export interface DecisionSink {
  persist(items: readonly DecidedEvent[]): Promise<void>;
  /** False while the sink cannot take events (rebuilding after a failed commit): the engine must not see any. */
  readonly accepting?: boolean;
  /** The decisions already stored for these ids (asked for events older than the engine's duplicate window). */
  storedDecisions?(ids: readonly string[]): Promise<Map<string, Decision>>;
  /**
   * Resolves true when the sink can take more (a journal far ahead of its database waits for it),
   * false when it could not within its wait (the request gets 503). Called before the engine sees a
   * request's events, never between deciding and persisting them.
   */
  ready?(): Promise<boolean>;
  /** Resolves true once everything persisted so far is readable from the database (false after `timeoutMs`). */
  settled?(timeoutMs?: number): Promise<boolean>;
}

/** Keeps everything in memory, in persist order: for tests and demos, never for production. */
export class MemorySink implements DecisionSink {
  readonly items: DecidedEvent[] = [];
  calls = 0;

  async persist(items: readonly DecidedEvent[]): Promise<void> {
    this.calls++;
    for (const item of items) this.items.push(item);
  }
}

/** Persists nothing: decisions are returned at once and lost on restart. The default until a store is wired in. */
export const VOLATILE_SINK: DecisionSink = {
  persist: () => Promise.resolve(),
};

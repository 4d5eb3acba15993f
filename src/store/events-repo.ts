import type { Decision } from '../engine/decision.js';
import type { KgEvent, TimedEvent } from '../events/index.js';
import type { AlertLevel } from '../policy/index.js';
import { toDate, toNumber, type Queryable } from './db.js';
import { decisionRow, levelRank } from './decisions-repo.js';

/** One accepted event and the engine's decision for it, to be stored together. */
export interface AppendItem {
  event: TimedEvent;
  decision: Decision;
  /**
   * The seq the journal gave this event (journal mode: the journal numbers, the database follows).
   * Absent: the database numbers it. A batch is either all numbered or none.
   */
  seq?: number;
}

/** What happened to one item of a batch, in the batch's order. */
export type AppendOutcome =
  | { id: string; status: 'stored'; seq: number }
  /** The id is already stored (earlier, or earlier in this batch): nothing was written for it. */
  | { id: string; status: 'duplicate' }
  /** The event cannot be stored as given (e.g. a NUL character in a string); nothing was written for it. */
  | { id: string; status: 'rejected'; reason: string };

export interface AppendResult {
  outcomes: AppendOutcome[];
  /** Ids not stored because they were already stored. */
  duplicates: string[];
  stored: number;
  /** The highest seq written by this batch, or null if it wrote nothing. */
  lastSeq: number | null;
}

/** A stored item, passed to the in-transaction hook. */
export interface StoredItem extends AppendItem {
  seq: number;
}

export interface AppendOptions {
  /**
   * Decisions at or above this level also become alerts, in the same transaction (default
   * `medium`; null: no alerts). Duplicate and late decisions never raise alerts.
   */
  alertMinLevel?: AlertLevel | null;
  /**
   * Runs inside the batch's transaction after the events, decisions and alerts are written, with
   * the stored items (duplicates excluded): cases, entity links… commit or roll back together.
   */
  inTransaction?: (tx: Queryable, stored: readonly StoredItem[]) => Promise<void>;
}

/** An event read back from the log: a TimedEvent plus its place in the arrival order. */
export interface StoredEvent extends TimedEvent {
  readonly seq: number;
  readonly receivedAt: Date;
}

/**
 * Stores a batch of accepted events and their decisions in ONE transaction (group commit).
 * When the promise resolves the transaction has committed: only then may the decisions be
 * returned to the sender. A repeated id is detected by the primary key and not stored twice;
 * the rest of the batch is stored. Events get increasing `seq` numbers in batch order.
 */
export async function appendEvents(db: Queryable, batch: readonly AppendItem[], options: AppendOptions = {}): Promise<AppendResult> {
  const outcomes: (AppendOutcome | undefined)[] = new Array(batch.length);
  const rows: { id: string; subject: string; type: string; t: number; source: string | null; raw: KgEvent; seq?: number }[] = [];
  const numbered = batch.length > 0 && batch[0]!.seq !== undefined;
  const index: number[] = []; // rows[k] is batch[index[k]]
  for (let i = 0; i < batch.length; i++) {
    const { event, decision } = batch[i]!;
    const e = event.event;
    if (decision.eventId !== e.id || decision.subject !== e.subject) {
      throw new Error(
        `batch item ${i}: the decision is for ${decision.eventId} (${decision.subject}), the event is ${e.id} (${e.subject})`,
      );
    }
    if ((batch[i]!.seq !== undefined) !== numbered) throw new Error(`batch item ${i}: a batch is either all numbered (seq) or none`);
    const problem = unstorable(e);
    if (problem) outcomes[i] = { id: e.id, status: 'rejected', reason: problem };
    else {
      rows.push({ id: e.id, subject: e.subject, type: e.type, t: event.t, source: e.source ?? null, raw: e, seq: batch[i]!.seq });
      index.push(i);
    }
  }
  const minRank = options.alertMinLevel === null ? Infinity : levelRank(options.alertMinLevel ?? 'medium');

  const input = rows.map((row, k) => {
    const { decision } = batch[index[k]!]!;
    const alert = !decision.duplicate && !decision.late && levelRank(decision.level) >= minRank;
    return { ...row, d: decisionRow(decision), alert };
  });

  return db.transaction(async (tx) => {
    const stored: StoredItem[] = [];
    if (input.length > 0) {
      // One statement: the batch is parsed once, events go in (duplicates skipped), and the
      // decisions and alerts of exactly the events that went in follow, with their seq.
      const { rows: inserted } = await tx.query<{ id: string; seq: unknown }>(
        numbered ? APPEND_NUMBERED_SQL : APPEND_SQL,
        [JSON.stringify(input)],
        { name: numbered ? 'kg_append_numbered_events_v1' : 'kg_append_events_v1' },
      );
      // Numbered rows bypass the serial: keep it ahead of them, so a later unnumbered append cannot collide.
      if (numbered && inserted.length > 0)
        await tx.query(ADVANCE_SEQ_SQL, [rows[rows.length - 1]!.seq], { name: 'kg_advance_events_seq_v1' });
      const seqOf = new Map(inserted.map((row) => [row.id, toNumber(row.seq)]));
      for (let k = 0; k < rows.length; k++) {
        const id = rows[k]!.id;
        const i = index[k]!;
        const seq = seqOf.get(id);
        if (seq === undefined) {
          outcomes[i] = { id, status: 'duplicate' };
        } else {
          seqOf.delete(id); // a second copy later in the batch is a duplicate of this one
          outcomes[i] = { id, status: 'stored', seq };
          stored.push({ ...batch[i]!, seq });
        }
      }
      if (options.inTransaction) await options.inTransaction(tx, stored);
    }
    const final = outcomes as AppendOutcome[];
    return {
      outcomes: final,
      duplicates: final.filter((o) => o.status === 'duplicate').map((o) => o.id),
      stored: stored.length,
      lastSeq: stored.length ? stored[stored.length - 1]!.seq : null,
    };
  });
}

const appendSql = (seqColumn: string, seqValue: string) => `
WITH input AS (
  SELECT b.i, b.x FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS b(x, i)
),
ins AS (
  INSERT INTO events (id, ${seqColumn}subject, type, ts, t, source, raw)
  SELECT x->>'id', ${seqValue}x->>'subject', x->>'type', timestamptz 'epoch' + (x->>'t')::bigint * interval '1 millisecond',
         (x->>'t')::bigint, x->>'source', x->'raw'
  FROM input ORDER BY i
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq, subject, t
),
kept AS (
  SELECT ins.id, ins.seq, ins.subject, ins.t, input.x->'d' AS d, (input.x->>'alert')::boolean AS alert
  FROM ins JOIN (SELECT DISTINCT ON (x->>'id') x FROM input ORDER BY x->>'id', i) AS input ON input.x->>'id' = ins.id
),
dec AS (
  INSERT INTO decisions (event_id, seq, subject, t, action, level, level_rank, score, stage, family, reasons, advice, band, late,
                         policy_version, typology_version)
  SELECT id, seq, subject, t, d->>'action', d->>'level', (d->>'rank')::smallint, (d->>'score')::double precision, d->>'stage',
         d->>'family', d->'reasons', NULLIF(d->'advice', 'null'::jsonb), NULLIF(d->'band', 'null'::jsonb), (d->>'late')::boolean,
         d->>'policyVersion', d->>'typologyVersion'
  FROM kept
),
alerted AS (
  INSERT INTO alerts (event_id, seq, subject, level, level_rank, action, score, stage, family, t)
  SELECT id, seq, subject, d->>'level', (d->>'rank')::smallint, d->>'action', (d->>'score')::double precision, d->>'stage',
         d->>'family', t
  FROM kept WHERE alert
)
SELECT id, seq FROM ins`;

const APPEND_SQL = appendSql('', '');
const APPEND_NUMBERED_SQL = appendSql('seq, ', `(x->>'seq')::bigint, `);
const ADVANCE_SEQ_SQL = `
SELECT setval(s, greatest($1::bigint, (SELECT last_value FROM pg_sequences WHERE format('%I.%I', schemaname, sequencename)::regclass = s)))
FROM (SELECT pg_get_serial_sequence('events', 'seq')::regclass AS s) AS q`;

// A NUL character and unpaired surrogates cannot be stored in PostgreSQL text or jsonb.
const LONE_SURROGATE = /\p{Surrogate}/u;
const badText = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);

/** Why an event cannot be stored as given, or null. The service can use it to reject the item up front. */
export function unstorable(event: unknown): string | null {
  const walk = (value: unknown, path: string): string | null => {
    if (typeof value === 'string') {
      return badText(value) ? `${path || '/'} contains a NUL character or an unpaired surrogate, which cannot be stored` : null;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = walk(value[i], `${path}/${i}`);
        if (problem) return problem;
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (badText(key)) return `${path || '/'} has a key that cannot be stored`;
        const problem = walk(item, `${path}/${key}`);
        if (problem) return problem;
      }
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      return `${path} is not a finite number`;
    }
    return null;
  };
  return walk(event, '');
}

interface EventDbRow {
  seq: unknown;
  t: unknown;
  raw: KgEvent;
  received_at: unknown;
}

function rowToEvent(row: EventDbRow): StoredEvent {
  return { seq: toNumber(row.seq), t: toNumber(row.t), event: row.raw, receivedAt: toDate(row.received_at) };
}

/**
 * Every stored event with seq > afterSeq, in arrival order: the replay after a crash (latest
 * snapshot's seq, then these). Reads in pages (keyset on seq), so memory stays flat and no
 * transaction stays open; events appended while it runs are included if they commit in time.
 */
export async function* eventsAfter(db: Queryable, afterSeq: number, options: { pageSize?: number } = {}): AsyncGenerator<StoredEvent> {
  const pageSize = options.pageSize ?? 2000;
  let cursor = afterSeq;
  while (true) {
    const { rows } = await db.query<EventDbRow>(
      'SELECT seq, t, raw, received_at FROM events WHERE seq > $1::bigint ORDER BY seq LIMIT $2::integer',
      [cursor, pageSize],
    );
    for (const row of rows) yield rowToEvent(row);
    if (rows.length < pageSize) return;
    cursor = toNumber(rows[rows.length - 1]!.seq);
  }
}

/** One subject's events in arrival order, after `afterSeq` (exclusive). */
export async function eventsForSubject(
  db: Queryable,
  subject: string,
  options: { afterSeq?: number; limit?: number } = {},
): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventDbRow>(
    'SELECT seq, t, raw, received_at FROM events WHERE subject = $1::text AND seq > $2::bigint ORDER BY seq LIMIT $3::integer',
    [subject, options.afterSeq ?? 0, options.limit ?? 1000],
  );
  return rows.map(rowToEvent);
}

export async function getEvent(db: Queryable, id: string): Promise<StoredEvent | null> {
  const { rows } = await db.query<EventDbRow>('SELECT seq, t, raw, received_at FROM events WHERE id = $1::text', [id]);
  return rows.length ? rowToEvent(rows[0]!) : null;
}

/** Which of these ids are already stored: lets the service answer repeats from the store before the engine sees them. */
export async function existingEventIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM events WHERE id IN (SELECT jsonb_array_elements_text($1::text::jsonb))', [
    JSON.stringify(ids),
  ]);
  return new Set(rows.map((row) => row.id));
}

/** The highest stored seq (0 when the log is empty). */
export async function lastEventSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: unknown }>('SELECT coalesce(max(seq), 0) AS seq FROM events');
  return toNumber(rows[0]!.seq);
}

export async function countEvents(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM events');
  return toNumber(rows[0]!.n);
}

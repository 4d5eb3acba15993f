import { createHash } from 'node:crypto';
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
  const numbered = batch.length > 0 && batch[0]!.seq !== undefined;
  const minRank = options.alertMinLevel === null ? Infinity : levelRank(options.alertMinLevel ?? 'medium');
  const sent: number[] = []; // the batch indexes sent to the database, in order
  const ids = new Set<string>();
  const bands = new Map<string, PlainBand>(); // the plain allows' bands in this batch, by key
  // The batch as one JSON text, written piece by piece: the raw event once, and for a plain allow
  // (most events) only its score, stage, family and band key instead of the whole decision.
  let items = '';
  let decisions = ''; // the decisions that need a row (or an alert), by event id
  for (let i = 0; i < batch.length; i++) {
    const { event, decision, seq } = batch[i]!;
    const e = event.event;
    if (decision.eventId !== e.id || decision.subject !== e.subject) {
      throw new Error(
        `batch item ${i}: the decision is for ${decision.eventId} (${decision.subject}), the event is ${e.id} (${e.subject})`,
      );
    }
    if ((seq !== undefined) !== numbered) throw new Error(`batch item ${i}: a batch is either all numbered (seq) or none`);
    // A decision from elsewhere (a journal written by another version, a script) may lack fields or
    // carry a score that is not a number: refuse the item rather than a batch the database rejects forever.
    const problem = unstorable(e) ?? (Number.isFinite(decision.score) ? null : "the decision's score is not a finite number");
    if (problem) {
      outcomes[i] = { id: e.id, status: 'rejected', reason: problem };
      continue;
    }
    // A second copy of an id in one batch is a duplicate of the first (stored now or before).
    if (ids.has(e.id)) {
      outcomes[i] = { id: e.id, status: 'duplicate' };
      continue;
    }
    ids.add(e.id);
    sent.push(i);
    const alert = !decision.duplicate && !decision.late && levelRank(decision.level) >= minRank;
    let item = `{"raw":${JSON.stringify(e)},"t":${JSON.stringify(event.t)}`;
    if (numbered) item += `,"seq":${JSON.stringify(seq)}`;
    const band = alert ? null : plainBand(decision);
    if (band) {
      bands.set(band.key, band);
      item += `,"as":${decision.score},"ag":${JSON.stringify(decision.stage ?? null)},"af":${JSON.stringify(decision.family ?? null)},"ab":"${band.key}"}`;
    } else {
      item += '}';
      const d = `{"id":${JSON.stringify(e.id)},"d":${JSON.stringify(decisionRow(decision))},"alert":${alert}}`;
      decisions += decisions ? `,${d}` : d;
    }
    items += items ? `,${item}` : item;
  }
  // Sorted, so two writers recording the same new bands take their locks in one order (PostgreSQL).
  const bandRows = [...bands.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((b) => b.row);
  const payload = `{"b":${JSON.stringify(bandRows)},"e":[${items}],"d":[${decisions}]}`;

  return db.transaction(async (tx) => {
    const stored: StoredItem[] = [];
    if (sent.length > 0) {
      // One statement: the batch is parsed once, the plain allows' bands are recorded, events go in
      // (duplicates skipped), and the decisions and alerts of exactly the events that went in follow.
      if (numbered) {
        // The journal numbered the rows: only the ids that were not stored come back, and the serial
        // is moved past the batch in the same statement, so a later unnumbered append cannot collide.
        const { rows } = await tx.query<{ stored: unknown; ids: string[] | null }>(APPEND_NUMBERED_SQL, [payload], {
          name: 'kg_append_numbered_events_v3',
        });
        // The stored ids come back only when some were not stored.
        const all = toNumber(rows[0]!.stored) === sent.length;
        const storedIds = new Set(all ? [] : (rows[0]!.ids ?? []));
        for (const i of sent) {
          const item = batch[i]!;
          const id = item.event.event.id;
          if (!all && !storedIds.has(id)) outcomes[i] = { id, status: 'duplicate' };
          else {
            outcomes[i] = { id, status: 'stored', seq: item.seq! };
            stored.push(item as StoredItem);
          }
        }
      } else {
        const { rows } = await tx.query<{ id: string; seq: unknown }>(APPEND_SQL, [payload], { name: 'kg_append_events_v3' });
        const seqOf = new Map(rows.map((row) => [row.id, toNumber(row.seq)]));
        for (const i of sent) {
          const id = batch[i]!.event.event.id;
          const seq = seqOf.get(id);
          if (seq === undefined) outcomes[i] = { id, status: 'duplicate' };
          else {
            outcomes[i] = { id, status: 'stored', seq };
            stored.push({ ...batch[i]!, seq });
          }
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

/** The band and versions of a plain allow, as stored once in `decision_bands` under `key`. */
interface PlainBand {
  key: string;
  row: { key: string; id: string; zh: string; en: string; pv: string; tv: string };
}

/** Bands seen, by band id (a handful: one per band of the policy and version). */
const BANDS = new Map<string, PlainBand>();

/**
 * The band record of a plain allow (allow at level none, no reasons or advice, not late, not a
 * repeat), or null when the decision needs a `decisions` row. The key is a digest of the band text
 * and versions, so every process and database names the same band the same way.
 */
export function plainBand(d: Decision): PlainBand | null {
  if (d.action !== 'allow' || d.level !== 'none' || d.reasons.length > 0 || d.advice !== null || d.late || d.duplicate) return null;
  const { band, policyVersion, typologyVersion } = d;
  if (!band || typeof band.id !== 'string' || typeof band.zh !== 'string' || typeof band.en !== 'string') return null;
  const cached = BANDS.get(band.id);
  if (
    cached &&
    cached.row.zh === band.zh &&
    cached.row.en === band.en &&
    cached.row.pv === policyVersion &&
    cached.row.tv === typologyVersion
  )
    return cached;
  const row = { id: band.id, zh: band.zh, en: band.en, pv: policyVersion, tv: typologyVersion };
  const key = createHash('sha256').update(JSON.stringify(row)).digest('hex').slice(0, 16);
  const made = { key, row: { key, ...row } };
  if (BANDS.size < 256) BANDS.set(band.id, made);
  return made;
}

const appendSql = (numbered: boolean) => `
WITH batch AS (SELECT $1::text::jsonb AS j),
bands AS (
  INSERT INTO decision_bands (key, band_id, band_zh, band_en, policy_version, typology_version)
  SELECT x->>'key', x->>'id', x->>'zh', x->>'en', x->>'pv', x->>'tv' FROM batch, jsonb_array_elements(batch.j->'b') AS b(x)
  ON CONFLICT (key) DO NOTHING
),
input AS (
  -- OFFSET 0: the raw event is taken out of the batch once per row, not once per reference.
  SELECT b.i, b.x, r.raw FROM batch, jsonb_array_elements(batch.j->'e') WITH ORDINALITY AS b(x, i)
  CROSS JOIN LATERAL (SELECT b.x->'raw' AS raw OFFSET 0) AS r
),
ins AS (
  INSERT INTO events (id, ${numbered ? 'seq, ' : ''}subject, type, ts, t, source, raw, allow_score, allow_stage, allow_family, allow_band)
  SELECT raw->>'id', ${numbered ? "(x->>'seq')::bigint, " : ''}raw->>'subject', raw->>'type',
         timestamptz 'epoch' + (x->>'t')::bigint * interval '1 millisecond', (x->>'t')::bigint, raw->>'source', raw,
         (x->>'as')::double precision, x->>'ag', x->>'af', x->>'ab'
  FROM input${numbered ? '' : ' ORDER BY i'}
  ON CONFLICT (id) DO NOTHING
  RETURNING id, seq, subject, t
),
-- The few decisions that need a row: in their own array, so the events' array is read only once.
kept AS (
  SELECT ins.id, ins.seq, ins.subject, ins.t, x->'d' AS d, (x->>'alert')::boolean AS alert
  FROM batch, jsonb_array_elements(batch.j->'d') AS b(x) JOIN ins ON ins.id = x->>'id'
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
${
  numbered
    ? `SELECT count(*) AS stored, CASE WHEN count(*) < (SELECT jsonb_array_length(j->'e') FROM batch) THEN jsonb_agg(id) END AS ids,
       (SELECT setval(s::regclass, m) FROM (SELECT pg_get_serial_sequence('events', 'seq') AS s, max(ins.seq) AS m) AS q
        WHERE m > coalesce(pg_sequence_last_value(s::regclass), 0)) AS advanced
       FROM ins`
    : 'SELECT id, seq FROM ins'
}`;

const APPEND_SQL = appendSql(false);
const APPEND_NUMBERED_SQL = appendSql(true);

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

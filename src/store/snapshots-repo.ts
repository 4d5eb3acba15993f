import { toDate, toNumber, type Queryable } from './db.js';

export interface SnapshotInput {
  /** Every event with seq <= this is reflected in `state`, and no later one. */
  seq: number;
  /** The engine's serialized state; the store does not interpret it. */
  state: Uint8Array;
  /** How `state` is encoded (e.g. `json-v1`), so a reader can refuse a format it does not know. */
  format: string;
  policyVersion?: string | null;
  typologyVersion?: string | null;
  /** One engine per partition (stream workers); default `all`. */
  partition?: string;
}

export interface Snapshot {
  id: number;
  partition: string;
  seq: number;
  state: Uint8Array;
  format: string;
  policyVersion: string | null;
  typologyVersion: string | null;
  createdAt: Date;
}

export async function saveSnapshot(db: Queryable, input: SnapshotInput): Promise<{ id: number; createdAt: Date }> {
  if (!Number.isSafeInteger(input.seq) || input.seq < 0) throw new Error(`snapshot seq must be a non-negative integer, got ${input.seq}`);
  const { rows } = await db.query<{ id: unknown; created_at: unknown }>(
    `INSERT INTO engine_snapshots (partition_key, seq, format, state, policy_version, typology_version)
     VALUES ($1::text, $2::bigint, $3::text, $4::bytea, $5::text, $6::text) RETURNING id, created_at`,
    [input.partition ?? 'all', input.seq, input.format, input.state, input.policyVersion ?? null, input.typologyVersion ?? null],
  );
  return { id: toNumber(rows[0]!.id), createdAt: toDate(rows[0]!.created_at) };
}

/** The snapshot covering the most events (the newest among equals), or null. */
export async function latestSnapshot(db: Queryable, partition = 'all'): Promise<Snapshot | null> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, partition_key, seq, format, state, policy_version, typology_version, created_at
     FROM engine_snapshots WHERE partition_key = $1::text ORDER BY seq DESC, id DESC LIMIT 1`,
    [partition],
  );
  if (rows.length === 0) return null;
  const row = rows[0]!;
  const state = row.state as Uint8Array;
  return {
    id: toNumber(row.id),
    partition: row.partition_key as string,
    seq: toNumber(row.seq),
    // pg gives a Buffer; hand every caller a plain Uint8Array view of the same bytes.
    state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength),
    format: row.format as string,
    policyVersion: (row.policy_version as string | null) ?? null,
    typologyVersion: (row.typology_version as string | null) ?? null,
    createdAt: toDate(row.created_at),
  };
}

/** Keeps the `keep` newest snapshots of a partition; returns how many were deleted. */
export async function pruneSnapshots(db: Queryable, keep = 3, partition = 'all'): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM engine_snapshots WHERE partition_key = $1::text AND id NOT IN (
       SELECT id FROM engine_snapshots WHERE partition_key = $1::text ORDER BY seq DESC, id DESC LIMIT $2::integer)`,
    [partition, Math.max(1, keep)],
  );
  return rowCount;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { toDate, toNumber, toNumberOrNull, type Queryable } from './db.js';

export type ApiScope = 'events' | 'check' | 'lookup';
export const API_SCOPES: readonly ApiScope[] = ['events', 'check', 'lookup'];

export interface ApiKey {
  id: number;
  name: string;
  /** Shown in the console to tell keys apart; not a secret. */
  prefix: string;
  scopes: ApiScope[];
  rateLimitPerMin: number;
  createdBy: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = 'id, name, prefix, scopes, rate_limit_per_min, created_by, created_at, last_used_at, revoked_at';

function rowToKey(row: Record<string, unknown>): ApiKey {
  return {
    id: toNumber(row.id),
    name: row.name as string,
    prefix: row.prefix as string,
    scopes: row.scopes as ApiScope[],
    rateLimitPerMin: toNumber(row.rate_limit_per_min),
    createdBy: toNumberOrNull(row.created_by),
    createdAt: toDate(row.created_at),
    lastUsedAt: row.last_used_at ? toDate(row.last_used_at) : null,
    revokedAt: row.revoked_at ? toDate(row.revoked_at) : null,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Creates a key `kg_<prefix>_<secret>` and returns it once; only its SHA-256 is stored (the key
 * has 256 random bits, so a fast hash is enough and verification stays cheap per request).
 */
export async function createApiKey(
  db: Queryable,
  input: { name: string; scopes: readonly ApiScope[]; rateLimitPerMin?: number; createdBy?: number | null },
): Promise<{ key: string; apiKey: ApiKey }> {
  const bad = input.scopes.filter((s) => !API_SCOPES.includes(s));
  if (bad.length || input.scopes.length === 0) throw new Error(`scopes must be a non-empty subset of ${API_SCOPES.join(', ')}`);
  const prefix = randomBytes(6).toString('hex');
  const key = `kg_${prefix}_${randomBytes(32).toString('base64url')}`;
  const { rows } = await db.query(
    `INSERT INTO api_keys (name, prefix, key_hash, scopes, rate_limit_per_min, created_by)
     VALUES ($1::text, $2::text, $3::text, $4::text::jsonb, $5::integer, $6::bigint) RETURNING ${COLUMNS}`,
    [
      input.name,
      prefix,
      sha256(key).toString('hex'),
      JSON.stringify([...new Set(input.scopes)]),
      input.rateLimitPerMin ?? 6000,
      input.createdBy ?? null,
    ],
  );
  return { key, apiKey: rowToKey(rows[0]!) };
}

/** The key's record if the presented key is valid and not revoked; the caller checks the scope. */
export async function verifyApiKey(db: Queryable, presented: string): Promise<ApiKey | null> {
  const match = /^kg_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(presented);
  if (!match) return null;
  const { rows } = await db.query(`SELECT ${COLUMNS}, key_hash FROM api_keys WHERE prefix = $1::text AND revoked_at IS NULL`, [match[1]]);
  if (rows.length === 0) return null;
  const ok = timingSafeEqual(sha256(presented), Buffer.from(rows[0]!.key_hash as string, 'hex'));
  return ok ? rowToKey(rows[0]!) : null;
}

/** Records use (call it at most once a minute per key; it is a write). */
export async function touchApiKey(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1::bigint', [id]);
}

export async function revokeApiKey(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1::bigint AND revoked_at IS NULL', [id])).rowCount === 1;
}

export async function listApiKeys(db: Queryable): Promise<ApiKey[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY id`);
  return rows.map(rowToKey);
}

export async function getApiKey(db: Queryable, id: number): Promise<ApiKey | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1::bigint`, [id]);
  return rows.length ? rowToKey(rows[0]!) : null;
}

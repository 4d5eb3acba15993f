import { createHash, randomBytes } from 'node:crypto';
import { toDate, type Queryable } from './db.js';
import { rowToUser, type User } from './users-repo.js';

export interface NewSession {
  /** The cookie value (httpOnly); only its SHA-256 is stored. */
  token: string;
  /** Sent to the console and echoed in a header on every state-changing request. */
  csrfToken: string;
  expiresAt: Date;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: Date;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Queryable,
  userId: number,
  options: { ttlMs?: number; ip?: string | null; userAgent?: string | null } = {},
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (options.ttlMs ?? 12 * 3_600_000));
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES ($1::text, $2::bigint, $3::text, $4::timestamptz, $5::text, $6::text)`,
    [tokenHash(token), userId, csrfToken, expiresAt, options.ip ?? null, options.userAgent?.slice(0, 500) ?? null],
  );
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token: null when unknown, expired, or its user is disabled. Read on
 * every console request, so it is a read; `last_seen_at` is written at most once a minute.
 */
export async function getSession(db: Queryable, token: string): Promise<Session | null> {
  const hash = tokenHash(token);
  const { rows } = await db.query(
    `SELECT s.csrf_token, s.expires_at, s.last_seen_at < now() - interval '1 minute' AS stale,
       u.id, u.username, u.display_name, u.role, u.disabled, u.created_at, u.last_login_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1::text AND s.expires_at > now() AND NOT u.disabled`,
    [hash],
  );
  if (rows.length === 0) return null;
  const row = rows[0]!;
  if (row.stale === true) await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1::text', [hash]);
  return { user: rowToUser(row), csrfToken: row.csrf_token as string, expiresAt: toDate(row.expires_at) };
}

/** Ends every session of a user (disabled, password reset). */
export async function deleteUserSessions(db: Queryable, userId: number): Promise<number> {
  return (await db.query('DELETE FROM sessions WHERE user_id = $1::bigint', [userId])).rowCount;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1::text', [tokenHash(token)]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  return (await db.query('DELETE FROM sessions WHERE expires_at <= now()')).rowCount;
}

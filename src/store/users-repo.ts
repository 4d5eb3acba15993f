import { toDate, toNumber, type Queryable } from './db.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';

export type Role = 'analyst' | 'officer' | 'admin';
export const ROLES: readonly Role[] = ['analyst', 'officer', 'admin'];

export interface User {
  id: number;
  username: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

const COLUMNS = 'id, username, display_name, role, disabled, created_at, last_login_at';

export function rowToUser(row: Record<string, unknown>): User {
  return {
    id: toNumber(row.id),
    username: row.username as string,
    displayName: (row.display_name as string | null) ?? null,
    role: row.role as Role,
    disabled: row.disabled === true,
    createdAt: toDate(row.created_at),
    lastLoginAt: row.last_login_at ? toDate(row.last_login_at) : null,
  };
}

export class UserExistsError extends Error {
  constructor(readonly username: string) {
    super(`a user named ${username} already exists`);
    this.name = 'UserExistsError';
  }
}

/** Creates a user with a scrypt-hashed password (the first admin comes from the command line). */
export async function createUser(
  db: Queryable,
  input: { username: string; password: string; role: Role; displayName?: string | null },
): Promise<User> {
  return insertUser(db, { ...input, passwordHash: await hashPassword(input.password) });
}

/**
 * Creates a user from a hash made beforehand, so a transaction that also writes the audit entry is not
 * held open for the tens of milliseconds scrypt takes.
 */
export async function insertUser(
  db: Queryable,
  input: { username: string; passwordHash: string; role: Role; displayName?: string | null },
): Promise<User> {
  if (!ROLES.includes(input.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  const { rows } = await db.query(
    `INSERT INTO users (username, display_name, role, password_hash) VALUES ($1::text, $2::text, $3::text, $4::text)
     ON CONFLICT (username) DO NOTHING RETURNING ${COLUMNS}`,
    [input.username, input.displayName ?? null, input.role, input.passwordHash],
  );
  if (rows.length === 0) throw new UserExistsError(input.username);
  return rowToUser(rows[0]!);
}

/**
 * Checks a login. Null for an unknown user, a wrong password or a disabled account, in the same
 * time (an unknown name is checked against a dummy hash). Upgrades an old hash in passing.
 */
export async function verifyLogin(db: Queryable, username: string, password: string): Promise<User | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1::text`, [username]);
  const row = rows[0];
  const ok = await verifyPassword(password, row ? (row.password_hash as string) : await dummyHash());
  if (!row || !ok || row.disabled === true) return null;
  const rehash = needsRehash(row.password_hash as string) ? await hashPassword(password) : null;
  await db.query('UPDATE users SET last_login_at = now(), password_hash = coalesce($2::text, password_hash) WHERE id = $1::bigint', [
    row.id,
    rehash,
  ]);
  return rowToUser(row);
}

/** Whether `password` is this user's (changing one's own password asks for the current one). */
export async function checkUserPassword(db: Queryable, id: number, password: string): Promise<boolean> {
  const { rows } = await db.query('SELECT password_hash FROM users WHERE id = $1::bigint AND NOT disabled', [id]);
  return verifyPassword(password, rows.length ? (rows[0]!.password_hash as string) : await dummyHash());
}

export async function getUser(db: Queryable, id: number): Promise<User | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM users WHERE id = $1::bigint`, [id]);
  return rows.length ? rowToUser(rows[0]!) : null;
}

export async function getUserByName(db: Queryable, username: string): Promise<User | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM users WHERE username = $1::text`, [username]);
  return rows.length ? rowToUser(rows[0]!) : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM users ORDER BY id`);
  return rows.map(rowToUser);
}

export async function countUsers(db: Queryable, role?: Role): Promise<number> {
  const { rows } = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM users WHERE $1::text IS NULL OR role = $1::text', [
    role ?? null,
  ]);
  return toNumber(rows[0]!.n);
}

/**
 * The ids of the admins who can still log in, locked until the transaction ends: the last one may not
 * be disabled or demoted, and two admins demoting each other at once must not both succeed.
 */
export async function lockActiveAdmins(db: Queryable): Promise<number[]> {
  const { rows } = await db.query(`SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`);
  return rows.map((row) => toNumber(row.id));
}

export async function updateUser(
  db: Queryable,
  id: number,
  changes: { role?: Role; disabled?: boolean; displayName?: string | null },
): Promise<User | null> {
  const { rows } = await db.query(
    `UPDATE users SET role = coalesce($2::text, role), disabled = coalesce($3::boolean, disabled),
       display_name = CASE WHEN $4::boolean THEN $5::text ELSE display_name END, updated_at = now()
     WHERE id = $1::bigint RETURNING ${COLUMNS}`,
    [id, changes.role ?? null, changes.disabled ?? null, changes.displayName !== undefined, changes.displayName ?? null],
  );
  return rows.length ? rowToUser(rows[0]!) : null;
}

/** Sets a new password and ends the user's sessions. */
export async function setPassword(db: Queryable, id: number, password: string): Promise<void> {
  await setPasswordHash(db, id, await hashPassword(password));
}

/** Stores a hash made beforehand and ends the user's sessions; false when there is no such user. */
export async function setPasswordHash(db: Queryable, id: number, hash: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.query('UPDATE users SET password_hash = $2::text, updated_at = now() WHERE id = $1::bigint', [id, hash]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1::bigint', [id]);
    return updated.rowCount === 1;
  });
}

import {
  API_SCOPES,
  audit,
  createApiKey,
  deleteUserSessions,
  getApiKey,
  getUser,
  hashPassword,
  insertUser,
  lockActiveAdmins,
  revokeApiKey,
  ROLES,
  setPasswordHash,
  updateUser,
  UserExistsError,
  type ActorType,
  type ApiKey,
  type ApiScope,
  type Queryable,
  type Role,
  type User,
} from '../store/index.js';

/**
 * Users and API keys, changed by an admin in the console or by `kefuguard users|keys` on the
 * command line. Each change and its audit entry commit together, so the log never misses a change
 * nor records one that did not happen.
 */

/** Who made a change: an admin (`user`), or the command line (`cli`), and from where. */
export interface Actor {
  actorType: ActorType;
  actorId: number | string | null;
  ip?: string | null;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;
export const USERNAME_PATTERN = '^[A-Za-z0-9_.@-]{1,64}$';
export const RATE_LIMIT_DEFAULT = 6000;
export const RATE_LIMIT_MAX = 1_000_000;

/** A change refused for a reason the caller should see (both the API and the CLI show it as is). */
export class AccountError extends Error {
  constructor(
    readonly code: 'USER_EXISTS' | 'LAST_ADMIN' | 'WEAK_PASSWORD' | 'BAD_USERNAME' | 'BAD_ROLE' | 'BAD_SCOPES' | 'BAD_RATE' | 'BAD_NAME',
    readonly zh: string,
    readonly en: string,
    readonly field: string,
  ) {
    super(en);
    this.name = 'AccountError';
  }
}

export function checkPassword(password: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    throw new AccountError(
      'WEAK_PASSWORD',
      `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`,
      `a password needs at least ${PASSWORD_MIN_LENGTH} characters`,
      'password',
    );
  if (password.length > PASSWORD_MAX_LENGTH)
    throw new AccountError(
      'WEAK_PASSWORD',
      `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`,
      `a password has at most ${PASSWORD_MAX_LENGTH} characters`,
      'password',
    );
}

export function checkUsername(username: string): void {
  if (!new RegExp(USERNAME_PATTERN).test(username))
    throw new AccountError(
      'BAD_USERNAME',
      '用户名只能包含字母、数字和 _ . @ -，长度 1–64',
      'a username has 1–64 letters, digits or _ . @ -',
      'username',
    );
}

export function checkRole(role: string): asserts role is Role {
  if (!ROLES.includes(role as Role))
    throw new AccountError('BAD_ROLE', `角色必须是 ${ROLES.join('、')} 之一`, `role must be one of ${ROLES.join(', ')}`, 'role');
}

export function checkScopes(scopes: readonly string[]): asserts scopes is ApiScope[] {
  const bad = scopes.filter((s) => !API_SCOPES.includes(s as ApiScope));
  if (scopes.length === 0 || bad.length > 0)
    throw new AccountError(
      'BAD_SCOPES',
      `权限范围必须是 ${API_SCOPES.join('、')} 中的一个或多个${bad.length ? `（不认识：${bad.join('、')}）` : ''}`,
      `scopes must be one or more of ${API_SCOPES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`,
      'scopes',
    );
}

export function checkRate(rate: number): void {
  if (!Number.isInteger(rate) || rate < 1 || rate > RATE_LIMIT_MAX)
    throw new AccountError(
      'BAD_RATE',
      `每分钟请求上限必须是 1 到 ${RATE_LIMIT_MAX} 的整数`,
      `the rate limit must be a whole number of requests per minute from 1 to ${RATE_LIMIT_MAX}`,
      'rateLimitPerMin',
    );
}

const auditAs = (actor: Actor) => ({ actorType: actor.actorType, actorId: actor.actorId, ip: actor.ip ?? null });

export async function addUser(
  db: Queryable,
  input: { username: string; password: string; role: string; displayName?: string | null },
  actor: Actor,
): Promise<User> {
  checkUsername(input.username);
  checkRole(input.role);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        username: input.username,
        passwordHash,
        role: input.role as Role,
        displayName: input.displayName,
      });
      await audit(tx, {
        ...auditAs(actor),
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, role: user.role },
      });
      return user;
    });
  } catch (e) {
    if (e instanceof UserExistsError)
      throw new AccountError('USER_EXISTS', `用户名 ${input.username} 已存在`, `a user named ${input.username} already exists`, 'username');
    throw e;
  }
}

/**
 * Changes a user's role, display name or disabled flag. Disabling ends their sessions at once. The
 * last admin who can log in may be neither disabled nor demoted: nobody could manage users after.
 * Null when there is no such user.
 */
export async function changeUser(
  db: Queryable,
  id: number,
  changes: { role?: string; disabled?: boolean; displayName?: string | null },
  actor: Actor,
): Promise<User | null> {
  if (changes.role !== undefined) checkRole(changes.role);
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    if (!before) return null;
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin) {
      const admins = await lockActiveAdmins(tx);
      if (admins.filter((a) => a !== id).length === 0)
        throw new AccountError(
          'LAST_ADMIN',
          '不能停用或降级最后一个可登录的管理员',
          'the last admin who can log in cannot be disabled or demoted',
          changes.disabled === true ? 'disabled' : 'role',
        );
    }
    const after = await updateUser(tx, id, {
      role: changes.role as Role | undefined,
      disabled: changes.disabled,
      displayName: changes.displayName,
    });
    if (!after) return null;
    if (after.disabled && !before.disabled) await deleteUserSessions(tx, id);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of ['role', 'disabled', 'displayName'] as const)
      if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
    await audit(tx, {
      ...auditAs(actor),
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      detail: { username: after.username, changed },
    });
    return after;
  });
}

/** Sets a user's password and ends their sessions; false when there is no such user. */
export async function resetPassword(db: Queryable, id: number, password: string, actor: Actor, action = 'user.password'): Promise<boolean> {
  checkPassword(password);
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (!(await setPasswordHash(tx, id, hash))) return false;
    await audit(tx, { ...auditAs(actor), action, targetType: 'user', targetId: id });
    return true;
  });
}

/** A new key for a sending system; the key itself is in the result and nowhere else, ever. */
export async function addApiKey(
  db: Queryable,
  input: { name: string; scopes: readonly string[]; rateLimitPerMin?: number; createdBy?: number | null },
  actor: Actor,
): Promise<{ key: string; apiKey: ApiKey }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new AccountError('BAD_NAME', '密钥名称不能为空，最多 100 个字符', 'a key name has 1–100 characters', 'name');
  checkScopes(input.scopes);
  const rate = input.rateLimitPerMin ?? RATE_LIMIT_DEFAULT;
  checkRate(rate);
  return db.transaction(async (tx) => {
    const created = await createApiKey(tx, {
      name,
      scopes: input.scopes as ApiScope[],
      rateLimitPerMin: rate,
      createdBy: input.createdBy ?? null,
    });
    const { apiKey } = created;
    await audit(tx, {
      ...auditAs(actor),
      action: 'key.create',
      targetType: 'api_key',
      targetId: apiKey.id,
      detail: { name: apiKey.name, prefix: apiKey.prefix, scopes: apiKey.scopes, rateLimitPerMin: apiKey.rateLimitPerMin },
    });
    return created;
  });
}

/**
 * Revokes a key. `missing` when there is no such key, `already` when it was revoked before (nothing
 * is written then). The caller must also drop cached keys (`AccessControl.forgetCachedKeys`).
 */
export async function revokeKey(
  db: Queryable,
  id: number,
  actor: Actor,
): Promise<{ outcome: 'revoked' | 'already' | 'missing'; apiKey: ApiKey | null }> {
  return db.transaction(async (tx) => {
    const existing = await getApiKey(tx, id);
    if (!existing) return { outcome: 'missing' as const, apiKey: null };
    if (!(await revokeApiKey(tx, id))) return { outcome: 'already' as const, apiKey: existing };
    await audit(tx, {
      ...auditAs(actor),
      action: 'key.revoke',
      targetType: 'api_key',
      targetId: id,
      detail: { name: existing.name, prefix: existing.prefix },
    });
    return { outcome: 'revoked' as const, apiKey: await getApiKey(tx, id) };
  });
}

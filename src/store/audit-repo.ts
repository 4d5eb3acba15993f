import { toDate, toNumber, type Queryable } from './db.js';

export type ActorType = 'user' | 'api_key' | 'system' | 'cli';

export interface AuditInput {
  actorType: ActorType;
  actorId?: string | number | null;
  /** What was done: `case.status`, `case.note`, `view.unmasked`, `user.create`, `key.revoke`… */
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  /** Context; never a secret or an unmasked personal number. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** Appends to the audit log (append-only: the table refuses updates and deletes). */
export async function audit(db: Queryable, entry: AuditInput): Promise<number> {
  const { rows } = await db.query<{ id: unknown }>(
    `INSERT INTO audit_log (actor_type, actor_id, action, target_type, target_id, detail, ip)
     VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text::jsonb, $7::text) RETURNING id`,
    [
      entry.actorType,
      entry.actorId === undefined || entry.actorId === null ? null : String(entry.actorId),
      entry.action,
      entry.targetType ?? null,
      entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      JSON.stringify(entry.detail ?? {}),
      entry.ip ?? null,
    ],
  );
  return toNumber(rows[0]!.id);
}

export interface AuditFilter {
  actorType?: ActorType;
  actorId?: string | number;
  /** An exact action (`user.create`), or a family when it ends with a dot (`user.`). */
  action?: string;
  targetType?: string;
  targetId?: string | number;
  /** Entries at or after this time. */
  since?: Date;
  /** Entries with an id below this (the next page: the last id of the previous one). */
  beforeId?: number;
  /** At most this many, newest first (default 100). */
  limit?: number;
}

export async function listAudit(db: Queryable, options: AuditFilter = {}): Promise<AuditEntry[]> {
  const action = options.action ?? null;
  const family = action !== null && action.endsWith('.');
  const { rows } = await db.query(
    `SELECT id, at, actor_type, actor_id, action, target_type, target_id, detail, ip FROM audit_log
     WHERE ($1::text IS NULL OR target_type = $1::text) AND ($2::text IS NULL OR target_id = $2::text)
       AND ($3::text IS NULL OR actor_id = $3::text) AND ($4::bigint IS NULL OR id < $4::bigint)
       AND ($6::text IS NULL OR actor_type = $6::text)
       AND ($7::text IS NULL OR (CASE WHEN $8::boolean THEN left(action, length($7::text)) = $7::text ELSE action = $7::text END))
       AND ($9::timestamptz IS NULL OR at >= $9::timestamptz)
     ORDER BY id DESC LIMIT $5::integer`,
    [
      options.targetType ?? null,
      options.targetId === undefined ? null : String(options.targetId),
      options.actorId === undefined ? null : String(options.actorId),
      options.beforeId ?? null,
      options.limit ?? 100,
      options.actorType ?? null,
      action,
      family,
      options.since ?? null,
    ],
  );
  return rows.map((row) => ({
    id: toNumber(row.id),
    at: toDate(row.at),
    actorType: row.actor_type as ActorType,
    actorId: (row.actor_id as string | null) ?? null,
    action: row.action as string,
    targetType: (row.target_type as string | null) ?? null,
    targetId: (row.target_id as string | null) ?? null,
    detail: row.detail as Record<string, unknown>,
    ip: (row.ip as string | null) ?? null,
  }));
}

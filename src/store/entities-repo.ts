import type { KgEvent } from '../events/index.js';
import { toDate, toNumber, type Queryable } from './db.js';

export type EntityType = 'phone' | 'account' | 'qq' | 'wechat' | 'url' | 'redeemer' | 'merchant' | 'courier';
export type LinkTarget = 'subject' | 'case' | 'event' | 'report';

export interface EntityRef {
  type: EntityType;
  value: string;
  /** How the entity appears in its event: payee, peer, redeemer, reported… */
  role?: string;
}

export interface Entity {
  id: number;
  type: EntityType;
  value: string;
  knownBad: boolean;
  reportCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * The canonical form stored and looked up: phone numbers as digits without the +86/0086 prefix
 * (as the engine keys them), URLs and ids trimmed and lower-cased, a URL's trailing slash dropped.
 */
export function normalizeEntity(type: EntityType, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'phone': {
      const digits = v.replace(/\D/g, '');
      if (digits.startsWith('0086')) return digits.slice(4);
      if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
      return digits || v;
    }
    case 'url':
      return v.toLowerCase().replace(/\/+$/, '');
    case 'account':
    case 'qq':
      // Bank card and account numbers are written in groups: 6222 0200 0000 0001, 6222-0200-…
      return v.replace(/[\s-]+/g, '').toLowerCase();
    case 'merchant':
    case 'courier':
      return v;
    default:
      return v.toLowerCase();
  }
}

/** The entities an event names (payee, caller, redeemer, link, reported ids, order merchant and courier). */
export function extractEntities(event: KgEvent): EntityRef[] {
  switch (event.type) {
    case 'call.start':
    case 'call.end':
      return [{ type: 'phone', value: event.peer, role: 'peer' }];
    case 'message': {
      const peer: string | undefined = event.peer;
      const channel: string = event.channel;
      if (!peer) return [];
      if (channel === 'qq' || channel === 'wechat') return [{ type: channel, value: peer, role: 'peer' }];
      if (channel === 'sms' || channel === 'call-transcript') return [{ type: 'phone', value: peer, role: 'peer' }];
      return [];
    }
    case 'transfer':
      return [{ type: 'account', value: event.payee, role: 'payee' }];
    case 'giftcard.redeem':
      return [{ type: 'redeemer', value: event.redeemer, role: 'redeemer' }];
    case 'link.open':
      return [{ type: 'url', value: event.url, role: 'link' }];
    case 'otp.used':
      return event.host ? [{ type: 'url', value: event.host, role: 'otp-host' }] : [];
    case 'report':
      return (event.entities ?? []).map((e) => ({ type: e.type, value: e.value, role: 'reported' }));
    case 'order': {
      const refs: EntityRef[] = [{ type: 'merchant', value: event.merchant, role: 'order-merchant' }];
      if (event.courier) refs.push({ type: 'courier', value: event.courier, role: 'order-courier' });
      return refs;
    }
    default:
      return [];
  }
}

const COLUMNS = 'id, type, value, known_bad, report_count, first_seen_at, last_seen_at';

export function rowToEntity(row: Record<string, unknown>): Entity {
  return {
    id: toNumber(row.id),
    type: row.type as EntityType,
    value: row.value as string,
    knownBad: row.known_bad === true,
    reportCount: toNumber(row.report_count),
    firstSeenAt: toDate(row.first_seen_at),
    lastSeenAt: toDate(row.last_seen_at),
  };
}

/** Creates or touches entities (normalized) and returns them with their ids, in input order. */
export async function upsertEntities(db: Queryable, refs: readonly EntityRef[]): Promise<Entity[]> {
  if (refs.length === 0) return [];
  const items = refs.map((r) => ({ type: r.type, value: normalizeEntity(r.type, r.value) }));
  const { rows } = await db.query(
    `WITH input AS (
       SELECT DISTINCT e->>'type' AS type, e->>'value' AS value FROM jsonb_array_elements($1::text::jsonb) AS b(e))
     INSERT INTO entities (type, value) SELECT type, value FROM input ORDER BY type, value
     ON CONFLICT (type, value) DO UPDATE SET last_seen_at = now()
     RETURNING ${COLUMNS}`,
    [JSON.stringify(items)],
  );
  const byKey = new Map(rows.map((row) => [`${row.type as string}\u0001${row.value as string}`, rowToEntity(row)]));
  return items.map((i) => byKey.get(`${i.type}\u0001${i.value}`)!);
}

/** Links entities to a subject, case, event or report (idempotent). */
export async function linkEntities(
  db: Queryable,
  refs: readonly EntityRef[],
  targetType: LinkTarget,
  targetId: string | number,
): Promise<Entity[]> {
  const entities = await upsertEntities(db, refs);
  if (entities.length === 0) return entities;
  const links = entities.map((e, i) => ({ entityId: e.id, role: refs[i]!.role ?? '' }));
  await db.query(
    `INSERT INTO entity_links (entity_id, target_type, target_id, role)
     SELECT DISTINCT (l->>'entityId')::bigint, $2::text, $3::text, l->>'role' FROM jsonb_array_elements($1::text::jsonb) AS b(l)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(links), targetType, String(targetId)],
  );
  return entities;
}

export async function findEntity(db: Queryable, type: EntityType, value: string): Promise<Entity | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM entities WHERE type = $1::text AND value = $2::text`, [
    type,
    normalizeEntity(type, value),
  ]);
  return rows.length ? rowToEntity(rows[0]!) : null;
}

/** Marks entities known bad (a verified report): the engine should load these as known bad. */
export async function markKnownBad(db: Queryable, refs: readonly EntityRef[]): Promise<Entity[]> {
  const entities = await upsertEntities(db, refs);
  if (entities.length === 0) return entities;
  await db.query('UPDATE entities SET known_bad = true WHERE id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint)', [
    JSON.stringify(entities.map((e) => e.id)),
  ]);
  return entities.map((e) => ({ ...e, knownBad: true }));
}

/** Every known-bad entity (to seed the engine's knowledge at start). */
export async function knownBadEntities(db: Queryable): Promise<Entity[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM entities WHERE known_bad ORDER BY id`);
  return rows.map(rowToEntity);
}

/** What an entity is linked to, e.g. every case that shares a payee account. */
export async function entityTargets(
  db: Queryable,
  entityId: number,
  targetType?: LinkTarget,
): Promise<{ targetType: LinkTarget; targetId: string; role: string }[]> {
  // Subjects: linked directly (links written before the event intake stopped writing them, or by
  // linkEntities), or through their events' links.
  const { rows } = await db.query<{ target_type: LinkTarget; target_id: string; role: string }>(
    `SELECT target_type, target_id, role FROM entity_links
     WHERE entity_id = $1::bigint AND ($2::text IS NULL OR target_type = $2::text)
     UNION
     SELECT 'subject', ev.subject, l.role FROM entity_links l JOIN events ev ON ev.id = l.target_id
     WHERE l.entity_id = $1::bigint AND l.target_type = 'event' AND ($2::text IS NULL OR $2::text = 'subject')
     ORDER BY 1, 2, 3`,
    [entityId, targetType ?? null],
  );
  return rows.map((r) => ({ targetType: r.target_type, targetId: r.target_id, role: r.role }));
}

/** The entities linked to a subject, case, event or report. */
export async function entitiesOf(db: Queryable, targetType: LinkTarget, targetId: string | number): Promise<(Entity & { role: string })[]> {
  const columns = COLUMNS.split(', ')
    .map((c) => `en.${c}`)
    .join(', ');
  // A subject's entities: linked to it directly (see entityTargets) or to its events.
  const { rows } = await db.query(
    `SELECT ${columns}, l.role FROM entity_links l JOIN entities en ON en.id = l.entity_id
     WHERE l.target_type = $1::text AND l.target_id = $2::text
     UNION
     SELECT ${columns}, l.role FROM events ev JOIN entity_links l ON l.target_type = 'event' AND l.target_id = ev.id
     JOIN entities en ON en.id = l.entity_id
     WHERE $1::text = 'subject' AND ev.subject = $2::text
     ORDER BY type, value`,
    [targetType, String(targetId)],
  );
  return rows.map((row) => ({ ...rowToEntity(row), role: row.role as string }));
}

/**
 * The network of a case, two hops: its entities, and the other cases linked to any of them.
 * Entities shared by more than `maxFanout` cases (a big platform's account) are not followed.
 */
export async function caseNetwork(
  db: Queryable,
  caseId: number,
  maxFanout = 200,
): Promise<{ entities: Entity[]; links: { entityId: number; caseId: number }[] }> {
  const entities = await entitiesOf(db, 'case', caseId);
  if (entities.length === 0) return { entities: [], links: [] };
  const { rows } = await db.query<{ entity_id: unknown; target_id: string }>(
    `WITH mine AS (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint AS id),
          fan AS (SELECT entity_id FROM entity_links WHERE target_type = 'case' AND entity_id IN (SELECT id FROM mine)
                  GROUP BY entity_id HAVING count(*) <= $2::integer)
     SELECT entity_id, target_id FROM entity_links
     WHERE target_type = 'case' AND entity_id IN (SELECT entity_id FROM fan) ORDER BY entity_id, target_id`,
    [JSON.stringify(entities.map((e) => e.id)), maxFanout],
  );
  return {
    entities: entities.map(({ role: _role, ...e }) => e),
    links: rows.map((r) => ({ entityId: toNumber(r.entity_id), caseId: Number(r.target_id) })),
  };
}

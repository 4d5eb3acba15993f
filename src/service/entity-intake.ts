import type { KgEvent } from '../events/index.js';
import { extractEntities, normalizeEntity, type EntityRef, type Queryable, type StoredItem } from '../store/index.js';
import { linkEventEntityRows, type EventEntityRow } from '../store/entity-queries.js';

/**
 * Longest entity value kept, in characters. The (type, value) btree key must stay under PostgreSQL's
 * ~2.7 kB limit even in 4-byte characters, or one long URL would fail the whole commit; the first 500
 * characters of a link identify it well enough to look it up and link it.
 */
export const MAX_ENTITY_CHARS = 500;

/** An event's entities in stored form (normalized, capped, without empties and repeats). */
export function entityRefsOf(event: KgEvent): EntityRef[] {
  const refs: EntityRef[] = [];
  for (const ref of extractEntities(event)) {
    const value = normalizeEntity(ref.type, ref.value).slice(0, MAX_ENTITY_CHARS);
    if (value === '') continue;
    if (refs.some((r) => r.type === ref.type && r.value === value && r.role === ref.role)) continue;
    refs.push({ type: ref.type, value, role: ref.role ?? '' });
  }
  return refs;
}

/**
 * Links the entities each stored event names (payees, phone peers, QQ/WeChat ids, links, OTP hosts,
 * gift-card redeemers, order merchants and couriers) to the event and to its subject, inside the
 * event-log transaction: one statement per batch whatever its size (see linkEventEntityRows).
 */
export async function linkEventEntities(tx: Queryable, stored: readonly StoredItem[]): Promise<void> {
  const rows: EventEntityRow[] = [];
  for (const { event } of stored) {
    const e = event.event;
    for (const ref of entityRefsOf(e)) rows.push({ t: ref.type, v: ref.value, r: ref.role ?? '', e: e.id, s: e.subject });
  }
  await linkEventEntityRows(tx, rows);
}

import type { Queryable, StoredItem } from '../store/index.js';
import { openCases } from './case-intake.js';
import { linkEventEntities } from './entity-intake.js';

/**
 * What the service records, in the same transaction as the events and their decisions, beyond the
 * event log itself: the entities the events name, and the cases that high or urgent decisions open
 * or join. Entities go first so a case opened by this batch can link them.
 */
export async function intake(tx: Queryable, stored: readonly StoredItem[]): Promise<void> {
  if (stored.length === 0) return;
  await linkEventEntities(tx, stored);
  await openCases(tx, stored);
}

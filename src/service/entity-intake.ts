import type { Queryable, StoredItem } from '../store/index.js';

export async function linkEventEntities(tx: Queryable, stored: readonly StoredItem[]): Promise<void> {
  // Being written (issue 4).
  void tx;
  void stored;
}

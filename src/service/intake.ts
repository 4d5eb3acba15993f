import type { Queryable, StoredItem } from '../store/index.js';

/**
 * What the service records, in the same transaction as the events and their decisions, beyond the
 * event log itself: a high or urgent decision opens or joins the subject's case, and the entities
 * the events name (payees, phone numbers, QQ/WeChat ids, URLs, redeemers, merchants, couriers) are
 * linked to the subject, the event and the case.
 */
export async function intake(tx: Queryable, stored: readonly StoredItem[]): Promise<void> {
  // Being written (issue 4): cases and entity links. Until then only the event log is kept.
  void tx;
  void stored;
}

import type { AlertLevel } from '../policy/index.js';
import {
  acknowledgeAlert,
  alertPage,
  audit,
  getAlert,
  type Alert,
  type AlertCursor,
  type AlertStatus,
  type AlertView,
  type Queryable,
} from '../store/index.js';
import type { Actor } from './cases.js';

/** The queue's cursor as the client sees it: opaque text. */
export function encodeAlertCursor(cursor: AlertCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.createdUs, cursor.id])).toString('base64url');
}

/** Null when the text is not a cursor this service handed out. */
export function decodeAlertCursor(text: string): AlertCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [rank, createdUs, id] = value as unknown[];
    if (!Number.isInteger(rank) || typeof createdUs !== 'string' || !/^-?\d{1,20}$/.test(createdUs) || !Number.isInteger(id)) return null;
    return { rank: rank as number, createdUs, id: id as number };
  } catch {
    return null;
  }
}

export interface AlertQueueQuery {
  status?: AlertStatus;
  level?: AlertLevel;
  minLevel?: AlertLevel;
  family?: string;
  since?: Date;
  cursor?: AlertCursor;
  limit: number;
}

export interface AlertQueuePage {
  items: (AlertView & { ts: string })[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The work queue: urgent before high before medium, and within a level the alert waiting longest first. */
export async function alertQueuePage(db: Queryable, query: AlertQueueQuery): Promise<AlertQueuePage> {
  const { items, next } = await alertPage(db, { ...query, after: query.cursor });
  return { items: items.map(withTs), nextCursor: next ? encodeAlertCursor(next) : null };
}

/** Adds the event time as ISO text next to the epoch ms (what people read). */
export function withTs<T extends { t: number }>(alert: T): T & { ts: string } {
  return { ...alert, ts: new Date(alert.t).toISOString() };
}

export class AlertError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict',
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'AlertError';
  }
}

/** An officer has seen the alert and takes it on; audited with the change. */
export async function acknowledge(db: Queryable, id: number, actor: Actor): Promise<Alert> {
  return db.transaction(async (tx) => {
    const alert = await getAlert(tx, id);
    if (!alert) throw new AlertError('not_found', 'ALERT_NOT_FOUND', `没有编号为 ${id} 的预警`, `no alert with id ${id}`);
    if (!(await acknowledgeAlert(tx, id, actor.userId))) {
      throw new AlertError(
        'conflict',
        'ALERT_NOT_OPEN',
        `该预警已是“${alert.status === 'acknowledged' ? '已确认' : '已关闭'}”状态，无需再次确认`,
        `the alert is already ${alert.status}`,
      );
    }
    await audit(tx, {
      actorType: actor.actorType,
      actorId: actor.actorId,
      action: 'alert.ack',
      targetType: 'alert',
      targetId: id,
      detail: { caseId: alert.caseId, level: alert.level },
      ip: actor.ip ?? null,
    });
    return (await getAlert(tx, id))!;
  });
}

import { normalizeEntity, type Entity, type EntityType, type Queryable } from '../store/index.js';
import {
  casesOfEntity,
  entityById,
  rolesOfEntity,
  searchEntityRows,
  subjectsOfEntity,
  type EntityCaseRow,
} from '../store/entity-queries.js';
import { reportSummary } from '../store/reports-repo.js';

export const ENTITY_TYPES: readonly EntityType[] = ['phone', 'account', 'qq', 'wechat', 'url', 'redeemer', 'merchant', 'courier'];

export interface EntityView {
  id: number;
  type: EntityType;
  value: string;
  knownBad: boolean;
  reportCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export function entityView(e: Entity): EntityView {
  return {
    id: e.id,
    type: e.type,
    value: e.value,
    knownBad: e.knownBad,
    reportCount: e.reportCount,
    firstSeenAt: e.firstSeenAt.toISOString(),
    lastSeenAt: e.lastSeenAt.toISOString(),
  };
}

/** Search: `q` is normalized as the type would store it (so "6222 0200…" finds 62220200…). */
export async function searchEntities(
  db: Queryable,
  options: { type?: EntityType; q?: string; knownBad?: boolean; limit: number; offset: number },
): Promise<EntityView[]> {
  let q = options.q?.trim() || undefined;
  // Without a type the fragment is matched as written (merchants and couriers are stored as written).
  if (q !== undefined && options.type) q = normalizeEntity(options.type, q) || q;
  const rows = await searchEntityRows(db, { ...options, q });
  return rows.map(entityView);
}

export interface EntityDetail extends EntityView {
  /** Distinct subjects whose own events name it (reports excluded). */
  subjects: number;
  /** Event time of the first and last event naming it (epoch ms), or null. */
  firstEventT: number | null;
  lastEventT: number | null;
  /** How it appeared in events: payee, peer, redeemer, link… with link counts. */
  roles: { role: string; n: number }[];
  reports: {
    byStatus: { received: number; verified: number; rejected: number };
    latest: { id: number; kind: string; status: string; family: string | null; createdAt: string }[];
  };
  cases: {
    total: number;
    items: (Omit<EntityCaseRow, 'openedAt'> & { openedAt: string })[];
  };
}

export async function entityDetail(db: Queryable, id: number, caseLimit = 100): Promise<EntityDetail | null> {
  const entity = await entityById(db, id);
  if (!entity) return null;
  const [subjects, roles, reports, cases] = await Promise.all([
    subjectsOfEntity(db, id),
    rolesOfEntity(db, id),
    reportSummary(db, [id], 5),
    casesOfEntity(db, id, caseLimit),
  ]);
  return {
    ...entityView(entity),
    subjects: subjects.subjects,
    firstEventT: subjects.firstT,
    lastEventT: subjects.lastT,
    roles,
    reports: { byStatus: reports.byStatus, latest: reports.latest.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) },
    cases: { total: cases.total, items: cases.cases.map((c) => ({ ...c, openedAt: c.openedAt.toISOString() })) },
  };
}

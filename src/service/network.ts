import type { Queryable } from '../store/index.js';
import { caseNetworkRows, caseSummaries, entitiesByIds } from '../store/entity-queries.js';

export interface NetworkNode {
  /** `case-<id>` or `entity-<id>`: unique across the graph. */
  id: string;
  /** `case`, or the entity's type (phone, account, qq, wechat, url, redeemer, merchant, courier). */
  type: string;
  label: string;
  /** 0: the case asked for; 1: its entities; 2: other cases sharing them; 3: those cases' other entities. */
  hop: 0 | 1 | 2 | 3;
  caseId?: number;
  subject?: string;
  status?: string;
  level?: string;
  family?: string | null;
  stage?: string | null;
  entityId?: number;
  value?: string;
  knownBad?: boolean;
  reportCount?: number;
  /** Set on entities shared by more cases than the fan-out cap: shown, not followed. */
  hub?: { cases: number };
}

export interface NetworkEdge {
  id: string;
  source: string;
  target: string;
  role: string;
}

export interface CaseNetwork {
  caseId: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  truncated: boolean;
  /** Why the graph is incomplete, for the reader. */
  notes: { zh: string; en: string }[];
}

export interface NetworkOptions {
  maxNodes: number;
  /** Entities linked to more cases than this are not followed (a platform's own account links everyone). */
  maxFanout: number;
}

const caseNode = (id: number) => `case-${id}`;
const entityNode = (id: number) => `entity-${id}`;

/**
 * The network of a case, two hops, as a graph ready for a cytoscape-style view: the case, its
 * entities, the other cases sharing them (most shared entities first) and those cases' entities,
 * cut at `maxNodes` nodes in that order; edges only between nodes kept. Null when there is no such case.
 */
export async function caseNetworkGraph(db: Queryable, caseId: number, options: NetworkOptions): Promise<CaseNetwork | null> {
  const [root] = await caseSummaries(db, [caseId]);
  if (!root) return null;
  const maxRows = Math.max(options.maxNodes * 4, 100);
  const rows = await caseNetworkRows(db, caseId, { maxFanout: options.maxFanout, maxRows });
  const notes: CaseNetwork['notes'] = [];
  let truncated = false;
  if (rows.own.length > maxRows || rows.shared.length > maxRows || rows.further.length > maxRows) truncated = true;

  // Other cases, by how many of the root's entities they share.
  const sharedCount = new Map<number, number>();
  for (const l of rows.shared) sharedCount.set(l.caseId, (sharedCount.get(l.caseId) ?? 0) + 1);
  const ownIds = [...new Set(rows.own.map((l) => l.entityId))];
  const otherCaseIds = [...sharedCount.keys()].sort((a, b) => sharedCount.get(b)! - sharedCount.get(a)! || a - b);
  const ownSet = new Set(ownIds);
  const furtherIds = [...new Set(rows.further.filter((l) => !ownSet.has(l.entityId)).map((l) => l.entityId))];

  // Admit nodes ring by ring until the budget is spent.
  const budget = Math.max(1, options.maxNodes) - 1;
  const keptOwn = ownIds.slice(0, budget);
  const keptCases = otherCaseIds.slice(0, Math.max(0, budget - keptOwn.length));
  const keptCaseSet = new Set(keptCases);
  const usedByKept = new Set(rows.further.filter((l) => keptCaseSet.has(l.caseId)).map((l) => l.entityId));
  const furtherOfKept = furtherIds.filter((id) => usedByKept.has(id));
  const keptFurther = furtherOfKept.slice(0, Math.max(0, budget - keptOwn.length - keptCases.length));
  const omitted = ownIds.length + otherCaseIds.length + furtherIds.length - keptOwn.length - keptCases.length - keptFurther.length;
  if (omitted > 0) {
    truncated = true;
    notes.push({
      zh: `节点过多，已省略 ${omitted} 个（上限 ${options.maxNodes}）`,
      en: `${omitted} nodes left out (limit ${options.maxNodes})`,
    });
  }
  if (rows.hubs.length > 0) {
    notes.push({
      zh: `${rows.hubs.length} 个实体关联案件超过 ${options.maxFanout} 个（可能是平台官方账户），未展开`,
      en: `${rows.hubs.length} entities link more than ${options.maxFanout} cases (likely a platform's own account) and were not followed`,
    });
  }
  if (truncated && omitted === 0 && rows.hubs.length === 0) {
    notes.push({ zh: '关联过多，仅显示部分', en: 'too many links: only part of the network is shown' });
  }

  const [entities, cases] = await Promise.all([entitiesByIds(db, [...keptOwn, ...keptFurther]), caseSummaries(db, keptCases)]);
  const hubOf = new Map(rows.hubs.map((h) => [h.entityId, h.cases]));
  const hopOf = new Map<number, 1 | 3>([...keptOwn.map((id) => [id, 1] as const), ...keptFurther.map((id) => [id, 3] as const)]);

  const nodes: NetworkNode[] = [];
  const asCase = (c: (typeof cases)[number], hop: 0 | 2): NetworkNode => ({
    id: caseNode(c.id),
    type: 'case',
    label: `案件 #${c.id}`,
    hop,
    caseId: c.id,
    subject: c.subject,
    status: c.status,
    level: c.level,
    family: c.family,
    stage: c.stage,
  });
  nodes.push(asCase(root, 0));
  for (const e of entities) {
    const node: NetworkNode = {
      id: entityNode(e.id),
      type: e.type,
      label: e.value,
      hop: hopOf.get(e.id) ?? 1,
      entityId: e.id,
      value: e.value,
      knownBad: e.knownBad,
      reportCount: e.reportCount,
    };
    const hub = hubOf.get(e.id);
    if (hub !== undefined) node.hub = { cases: hub };
    nodes.push(node);
  }
  for (const c of cases) nodes.push(asCase(c, 2));

  const present = new Set(nodes.map((n) => n.id));
  const edges: NetworkEdge[] = [];
  const seen = new Set<string>();
  const edge = (caseId: number, entityId: number, role: string) => {
    const source = caseNode(caseId);
    const target = entityNode(entityId);
    const id = `${source}~${target}~${role}`;
    if (!present.has(source) || !present.has(target) || seen.has(id)) return;
    seen.add(id);
    edges.push({ id, source, target, role });
  };
  for (const l of rows.own) edge(caseId, l.entityId, l.role);
  for (const l of rows.shared) edge(l.caseId, l.entityId, l.role);
  for (const l of rows.further) edge(l.caseId, l.entityId, l.role);
  return { caseId, nodes, edges, truncated, notes };
}

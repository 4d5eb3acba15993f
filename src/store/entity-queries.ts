import { toDate, toNumber, type Queryable } from './db.js';
import { rowToEntity, type Entity, type EntityType } from './entities-repo.js';

/** One entity named by one stored event, already normalized (see service/entity-intake.ts). */
export interface EventEntityRow {
  /** entity type */
  t: EntityType;
  /** normalized value */
  v: string;
  /** role in the event: payee, peer, redeemer, link, otp-host, reported, order-merchant, order-courier */
  r: string;
  /** event id */
  e: string;
  /** subject */
  s: string;
}

/**
 * Repeats refresh `last_seen_at` at most this often: rewriting a hot entity's row for every event
 * that names it (a busy payee in a batch of 1,000) costs a new row version each time for a clock
 * nobody reads more finely than this.
 */
export const LAST_SEEN_GRANULARITY = '1 minute';

/**
 * Writes a batch's entities and their links to the events, normally in ONE statement
 * whatever the batch size: the batch's distinct (type, value)s are looked up, the missing ones inserted
 * (sorted, ON CONFLICT DO NOTHING, so concurrent writers lock in the same order), stale `last_seen_at`s
 * touched, and the links inserted. An entity another writer committed after this statement's snapshot
 * and before its insert is neither seen nor inserted; the statement counts such entities, and if there
 * are any the links are written again by a second statement (LINK_AGAIN_SQL), which runs on a fresh
 * snapshot and sees them. A single statement with DO UPDATE … RETURNING would rewrite every repeated row.
 * Links to subjects are not written: an entity's subjects are its events' subjects, which the readers
 * (entitiesOf, entityTargets) derive through `events`; it halved the rows this statement writes.
 */
export async function linkEventEntityRows(db: Queryable, rows: readonly EventEntityRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  const { rows: result } = await db.query<{ missing: unknown }>(LINK_SQL, [json], { name: 'kg_event_entities_v4' });
  if (toNumber(result[0]?.missing ?? 0) > 0) await db.query(LINK_AGAIN_SQL, [json], { name: 'kg_event_entities_again_v3' });
}

const LINK_SQL = `
WITH input AS (
  SELECT e->>'t' AS type, e->>'v' AS value, e->>'r' AS role, e->>'e' AS event_id FROM jsonb_array_elements($1::text::jsonb) AS b(e)),
keys AS (SELECT DISTINCT type, value FROM input),
-- One index probe per key (LATERAL … LIMIT 1 keeps the planner from hashing a scan of the whole table).
found AS (
  SELECT en.id, k.type, k.value, en.last_seen_at FROM keys k
  CROSS JOIN LATERAL (SELECT id, last_seen_at FROM entities WHERE type = k.type AND value = k.value LIMIT 1) AS en),
added AS (
  INSERT INTO entities (type, value)
  SELECT type, value FROM keys k WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.type = k.type AND f.value = k.value) ORDER BY 1, 2
  ON CONFLICT (type, value) DO NOTHING
  RETURNING id, type, value),
ids AS (SELECT id, type, value FROM found UNION ALL SELECT id, type, value FROM added),
-- By primary key (= ANY of an array): as a join (IN) the plan cached while the table was small scans every entity.
touched AS (
  UPDATE entities SET last_seen_at = now()
  WHERE id = ANY (ARRAY(SELECT id FROM found WHERE last_seen_at < now() - interval '${LAST_SEEN_GRANULARITY}'))),
hit AS (SELECT ids.id, i.role, i.event_id FROM input i JOIN ids ON ids.type = i.type AND ids.value = i.value),
linked AS (
  INSERT INTO entity_links (entity_id, target_type, target_id, role)
  SELECT DISTINCT id, 'event', event_id, role FROM hit
  ON CONFLICT DO NOTHING)
SELECT count(*) AS missing FROM keys k WHERE NOT EXISTS (SELECT 1 FROM ids WHERE ids.type = k.type AND ids.value = k.value)`;

const LINK_AGAIN_SQL = `
INSERT INTO entity_links (entity_id, target_type, target_id, role)
SELECT DISTINCT en.id, 'event', e->>'e', e->>'r'
FROM jsonb_array_elements($1::text::jsonb) AS b(e) JOIN entities en ON en.type = e->>'t' AND en.value = e->>'v'
ON CONFLICT DO NOTHING`;

const ENTITY_COLUMNS = 'en.id, en.type, en.value, en.known_bad, en.report_count, en.first_seen_at, en.last_seen_at';

export async function entityById(db: Queryable, id: number): Promise<Entity | null> {
  const { rows } = await db.query(`SELECT ${ENTITY_COLUMNS} FROM entities en WHERE en.id = $1::bigint`, [id]);
  return rows.length ? rowToEntity(rows[0]!) : null;
}

/** Entities of these types with exactly this (normalized) value. */
export async function entitiesByValue(db: Queryable, types: readonly EntityType[], value: string): Promise<Entity[]> {
  const { rows } = await db.query(
    `SELECT ${ENTITY_COLUMNS} FROM entities en
     WHERE en.type IN (SELECT jsonb_array_elements_text($1::text::jsonb)) AND en.value = $2::text ORDER BY en.id`,
    [JSON.stringify(types), value],
  );
  return rows.map(rowToEntity);
}

/**
 * URL entities on a host: the host itself and any URL on it (`https://host/…`). Reports usually
 * name a site, events the full link the person opened, and the engine matches them by host.
 */
export async function urlEntitiesOnHost(db: Queryable, host: string, limit: number): Promise<Entity[]> {
  const { rows } = await db.query(
    `SELECT ${ENTITY_COLUMNS} FROM entities en
     WHERE en.type = 'url' AND substring(en.value from '^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?([^/:?#]+)') = $1::text
     ORDER BY en.known_bad DESC, en.report_count DESC, en.id LIMIT $2::integer`,
    [host, limit],
  );
  return rows.map(rowToEntity);
}

/** Search by type and a fragment of the value: known bad first, then the most reported, then the latest seen. */
export async function searchEntityRows(
  db: Queryable,
  options: { type?: EntityType; q?: string; knownBad?: boolean; limit: number; offset: number },
): Promise<Entity[]> {
  const { rows } = await db.query(
    `SELECT ${ENTITY_COLUMNS} FROM entities en
     WHERE ($1::text IS NULL OR en.type = $1::text)
       AND ($2::text IS NULL OR strpos(en.value, $2::text) > 0)
       AND ($3::boolean IS NULL OR en.known_bad = $3::boolean)
     ORDER BY en.known_bad DESC, en.report_count DESC, en.last_seen_at DESC, en.id DESC
     LIMIT $4::integer OFFSET $5::integer`,
    [options.type ?? null, options.q ?? null, options.knownBad ?? null, options.limit, options.offset],
  );
  return rows.map(rowToEntity);
}

export interface EntityCaseRow {
  caseId: number;
  subject: string;
  status: string;
  outcome: string | null;
  level: string;
  family: string | null;
  stage: string | null;
  roles: string[];
  openedAt: Date;
}

/** The cases linked to an entity (most severe, then newest first), at most `limit`, and how many there are. */
export async function casesOfEntity(db: Queryable, entityId: number, limit: number): Promise<{ total: number; cases: EntityCaseRow[] }> {
  const { rows } = await db.query(
    `WITH linked AS (
       SELECT target_id::bigint AS case_id, array_agg(DISTINCT role ORDER BY role) AS roles
       FROM entity_links WHERE entity_id = $1::bigint AND target_type = 'case' GROUP BY target_id)
     SELECT c.id, c.subject, c.status, c.outcome, c.level, c.family, c.stage, c.opened_at, l.roles, count(*) OVER () AS total
     FROM linked l JOIN cases c ON c.id = l.case_id
     ORDER BY c.level_rank DESC, c.opened_at DESC, c.id DESC LIMIT $2::integer`,
    [entityId, limit],
  );
  return {
    total: rows.length ? toNumber(rows[0]!.total) : 0,
    cases: rows.map((r) => ({
      caseId: toNumber(r.id),
      subject: r.subject as string,
      status: r.status as string,
      outcome: (r.outcome as string | null) ?? null,
      level: r.level as string,
      family: (r.family as string | null) ?? null,
      stage: (r.stage as string | null) ?? null,
      roles: (r.roles as string[]) ?? [],
      openedAt: toDate(r.opened_at),
    })),
  };
}

/** Counts of the cases linked to an entity by status and by family (no subjects: what lookup shows). */
export async function caseCountsOfEntity(
  db: Queryable,
  entityIds: readonly number[],
): Promise<{ status: string; outcome: string | null; family: string | null; level: string; n: number }[]> {
  if (entityIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT c.status, c.outcome, c.family, c.level, count(*) AS n FROM cases c
     WHERE c.id IN (SELECT target_id::bigint FROM entity_links
                    WHERE target_type = 'case' AND entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint))
     GROUP BY c.status, c.outcome, c.family, c.level`,
    [JSON.stringify(entityIds)],
  );
  return rows.map((r) => ({
    status: r.status as string,
    outcome: (r.outcome as string | null) ?? null,
    family: (r.family as string | null) ?? null,
    level: r.level as string,
    n: toNumber(r.n),
  }));
}

/** Roles by which people meet an entity (as opposed to reporting it). */
export const PAID_ROLES = ['payee', 'redeemer'] as const;

/**
 * How many distinct people an entity's events name: in all, and since event time `sinceT`, split into
 * those who paid it (payee, redeemer) and those who met it (calls, messages, links). Report events
 * are left out: a report says nothing about who dealt with it.
 */
export async function peopleOfEntities(
  db: Queryable,
  entityIds: readonly number[],
  sinceT: number,
): Promise<{ total: number; recent: number; recentPaid: number; recentContacted: number }> {
  if (entityIds.length === 0) return { total: 0, recent: 0, recentPaid: 0, recentContacted: 0 };
  const { rows } = await db.query(
    `WITH ev AS (
       SELECT ev.subject, ev.t, l.role FROM entity_links l JOIN events ev ON ev.id = l.target_id
       WHERE l.target_type = 'event' AND l.entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint)
         AND l.role <> 'reported')
     SELECT count(DISTINCT subject) AS total,
            count(DISTINCT subject) FILTER (WHERE t >= $2::bigint) AS recent,
            count(DISTINCT subject) FILTER (WHERE t >= $2::bigint AND role IN ('payee', 'redeemer')) AS paid,
            count(DISTINCT subject) FILTER (WHERE t >= $2::bigint AND role NOT IN ('payee', 'redeemer')) AS contacted
     FROM ev`,
    [JSON.stringify(entityIds), sinceT],
  );
  const r = rows[0]!;
  return { total: toNumber(r.total), recent: toNumber(r.recent), recentPaid: toNumber(r.paid), recentContacted: toNumber(r.contacted) };
}

/** Distinct subjects linked to an entity by their own events (reports excluded), and the event-time span. */
export async function subjectsOfEntity(
  db: Queryable,
  entityId: number,
): Promise<{ subjects: number; firstT: number | null; lastT: number | null }> {
  const { rows } = await db.query(
    `SELECT count(DISTINCT ev.subject) AS subjects, min(ev.t) AS first_t, max(ev.t) AS last_t
     FROM entity_links l JOIN events ev ON ev.id = l.target_id
     WHERE l.entity_id = $1::bigint AND l.target_type = 'event' AND l.role <> 'reported'`,
    [entityId],
  );
  const r = rows[0]!;
  return {
    subjects: toNumber(r.subjects),
    firstT: r.first_t === null ? null : toNumber(r.first_t),
    lastT: r.last_t === null ? null : toNumber(r.last_t),
  };
}

/** The roles an entity has appeared in, with how many links each. */
export async function rolesOfEntity(db: Queryable, entityId: number): Promise<{ role: string; n: number }[]> {
  const { rows } = await db.query(
    `SELECT role, count(*) AS n FROM entity_links WHERE entity_id = $1::bigint AND target_type = 'event' GROUP BY role ORDER BY count(*) DESC, role`,
    [entityId],
  );
  return rows.map((r) => ({ role: r.role as string, n: toNumber(r.n) }));
}

export interface NetworkRows {
  /** The case's own entities. */
  own: { entityId: number; role: string }[];
  /** Links between the case's entities and other cases (second hop), capped. */
  shared: { entityId: number; caseId: number; role: string }[];
  /** The other cases' entities (third ring: what those cases also used), capped. */
  further: { entityId: number; caseId: number; role: string }[];
  /** Entities whose fan-out exceeded the cap and were not followed. */
  hubs: { entityId: number; cases: number }[];
}

/**
 * The rows of a case's two-hop network: case → its entities → other cases sharing them → their
 * entities. An entity shared by more than `maxFanout` cases (a platform's own account) is not
 * followed; each ring is capped at `maxRows` so the caller can say it truncated.
 */
export async function caseNetworkRows(
  db: Queryable,
  caseId: number,
  options: { maxFanout: number; maxRows: number },
): Promise<NetworkRows> {
  const own = await db.query<{ entity_id: unknown; role: string }>(
    `SELECT entity_id, role FROM entity_links WHERE target_type = 'case' AND target_id = $1::text ORDER BY entity_id, role LIMIT $2::integer`,
    [String(caseId), options.maxRows + 1],
  );
  const ownIds = [...new Set(own.rows.map((r) => toNumber(r.entity_id)))];
  if (ownIds.length === 0) return { own: [], shared: [], further: [], hubs: [] };
  const fan = await db.query<{ entity_id: unknown; n: unknown }>(
    `SELECT entity_id, count(DISTINCT target_id) AS n FROM entity_links
     WHERE target_type = 'case' AND entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint)
     GROUP BY entity_id`,
    [JSON.stringify(ownIds)],
  );
  const hubs = fan.rows
    .filter((r) => toNumber(r.n) > options.maxFanout)
    .map((r) => ({ entityId: toNumber(r.entity_id), cases: toNumber(r.n) }));
  const hubIds = new Set(hubs.map((h) => h.entityId));
  const followed = ownIds.filter((id) => !hubIds.has(id));
  const shared = await db.query<{ entity_id: unknown; target_id: string; role: string }>(
    `SELECT entity_id, target_id, role FROM entity_links
     WHERE target_type = 'case' AND target_id <> $2::text AND entity_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint)
     ORDER BY entity_id, target_id::bigint, role LIMIT $3::integer`,
    [JSON.stringify(followed), String(caseId), options.maxRows + 1],
  );
  const otherCases = [...new Set(shared.rows.map((r) => r.target_id))];
  const further =
    otherCases.length === 0
      ? { rows: [] as { entity_id: unknown; target_id: string; role: string }[] }
      : await db.query<{ entity_id: unknown; target_id: string; role: string }>(
          `SELECT entity_id, target_id, role FROM entity_links
           WHERE target_type = 'case' AND target_id IN (SELECT jsonb_array_elements_text($1::text::jsonb))
           ORDER BY target_id::bigint, entity_id, role LIMIT $2::integer`,
          [JSON.stringify(otherCases), options.maxRows + 1],
        );
  return {
    own: own.rows.map((r) => ({ entityId: toNumber(r.entity_id), role: r.role })),
    shared: shared.rows.map((r) => ({ entityId: toNumber(r.entity_id), caseId: Number(r.target_id), role: r.role })),
    further: further.rows.map((r) => ({ entityId: toNumber(r.entity_id), caseId: Number(r.target_id), role: r.role })),
    hubs,
  };
}

/** Entities by id (for labels of network nodes). */
export async function entitiesByIds(db: Queryable, ids: readonly number[]): Promise<Entity[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(
    `SELECT ${ENTITY_COLUMNS} FROM entities en WHERE en.id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint) ORDER BY en.id`,
    [JSON.stringify(ids)],
  );
  return rows.map(rowToEntity);
}

/** Cases by id with what a graph node shows. */
export async function caseSummaries(
  db: Queryable,
  ids: readonly number[],
): Promise<{ id: number; subject: string; status: string; level: string; family: string | null; stage: string | null }[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(
    `SELECT id, subject, status, level, family, stage FROM cases WHERE id IN (SELECT jsonb_array_elements_text($1::text::jsonb)::bigint) ORDER BY id`,
    [JSON.stringify(ids)],
  );
  return rows.map((r) => ({
    id: toNumber(r.id),
    subject: r.subject as string,
    status: r.status as string,
    level: r.level as string,
    family: (r.family as string | null) ?? null,
    stage: (r.stage as string | null) ?? null,
  }));
}

/** The entities linked to each of several targets of one type (e.g. a page of reports), in one query. */
export async function entitiesOfTargets(
  db: Queryable,
  /** Not subjects: their links are derived from their events' links (see entitiesOf). */
  targetType: 'case' | 'event' | 'report',
  targetIds: readonly (string | number)[],
): Promise<Map<string, (Entity & { role: string })[]>> {
  const out = new Map<string, (Entity & { role: string })[]>();
  if (targetIds.length === 0) return out;
  const { rows } = await db.query(
    `SELECT l.target_id, l.role, ${ENTITY_COLUMNS} FROM entity_links l JOIN entities en ON en.id = l.entity_id
     WHERE l.target_type = $1::text AND l.target_id IN (SELECT jsonb_array_elements_text($2::text::jsonb))
     ORDER BY l.target_id, en.type, en.value`,
    [targetType, JSON.stringify(targetIds.map(String))],
  );
  for (const row of rows) {
    const key = row.target_id as string;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push({ ...rowToEntity(row), role: row.role as string });
  }
  return out;
}

import { randomUUID } from 'node:crypto';
import type { Decision, RiskEngine } from '../engine/index.js';
import { validateEvent, type TimedEvent } from '../events/index.js';
import { normalizeEntity, unstorable, type EntityRef, type EntityType, type Queryable } from '../store/index.js';
import { entitiesOfTargets } from '../store/entity-queries.js';
import {
  fileReport,
  getFiledReport,
  listFiledReports,
  reserveReportId,
  reviewReport,
  type FiledReport,
  type ReportAnalysis,
  type ReportFilter,
  type ReportStatus,
} from '../store/reports-repo.js';
import type { TextAnalyzer } from '../text/index.js';
import type { Entity as TextEntity } from '../text/index.js';
import { MAX_ENTITY_CHARS } from './entity-intake.js';

/** What a report can name: the entity types the `report` event carries (DESIGN.md §3.1). */
export const REPORTABLE_TYPES = ['phone', 'account', 'qq', 'wechat', 'url'] as const;
export type ReportableType = (typeof REPORTABLE_TYPES)[number];

export interface ReportBody {
  kind: 'victim-report' | 'complaint';
  subject?: string;
  text?: string;
  entities?: { type: ReportableType; value: string }[];
  /** Who reported: a contact given by the public, a centre's reference. Defaults to the caller. */
  reporter?: string;
  /** Event time the engine learns the report at (default: now). */
  ts?: string | number;
}

/** A report the body cannot make: the route answers 400 naming the field. */
export class ReportInputError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ReportInputError';
  }
}

export interface ReportEntityView {
  id: number;
  type: EntityType;
  value: string;
  knownBad: boolean;
  reportCount: number;
}

export interface ReportView {
  id: number;
  kind: string;
  subject: string | null;
  eventId: string | null;
  text: string | null;
  reporter: string | null;
  status: ReportStatus;
  family: string | null;
  analysis: ReportAnalysis | null;
  t: number | null;
  createdAt: string;
  reviewedBy: number | null;
  reviewedAt: string | null;
  entities: ReportEntityView[];
}

export interface ReportDeps {
  db: Queryable;
  engine: RiskEngine;
  analyzer: TextAnalyzer;
  /** The event log's writer (the service's DecisionSink): resolves once the items are durable. */
  sink: {
    persist(items: readonly { event: TimedEvent; decision: Decision }[]): Promise<void>;
    /** Resolves once what was persisted is in the database (a journal writes it behind). */
    settled?(timeoutMs?: number): Promise<boolean>;
  };
}

/** The report's event could not be made durable: nothing of the report was written; retry later. */
export class ReportNotPersisted extends Error {
  constructor(cause: unknown) {
    super('the report event could not be persisted', { cause });
    this.name = 'ReportNotPersisted';
  }
}

const TEXT_TYPES: Partial<Record<TextEntity['type'], ReportableType>> = {
  phone: 'phone',
  'service-number': 'phone',
  'bank-card': 'account',
  qq: 'qq',
  wechat: 'wechat',
  url: 'url',
};

/** The reported entities, normalized as stored (so the engine and lookups key them alike), without repeats. */
export function reportedEntities(body: ReportBody): EntityRef[] {
  const out: EntityRef[] = [];
  (body.entities ?? []).forEach((e, i) => {
    const value = normalizeEntity(e.type, e.value);
    if (value === '' || (e.type === 'phone' && !/\d{3,}/.test(value))) {
      throw new ReportInputError(`/entities/${i}/value`, `第 ${i + 1} 个实体的值无效`, `entities[${i}].value is not a valid ${e.type}`);
    }
    if (value.length > MAX_ENTITY_CHARS) {
      throw new ReportInputError(
        `/entities/${i}/value`,
        `第 ${i + 1} 个实体过长（最多 ${MAX_ENTITY_CHARS} 个字符）`,
        `entities[${i}].value is too long`,
      );
    }
    if (!out.some((x) => x.type === e.type && x.value === value)) out.push({ type: e.type, value, role: 'reported' });
  });
  return out;
}

/** What the analyzer reads in the report's text: its family, and the entities worth reporting too. */
export function analyzeReport(analyzer: TextAnalyzer, text: string, reported: readonly EntityRef[]): ReportAnalysis {
  const a = analyzer.assess(text);
  const suggested: ReportAnalysis['suggested'] = [];
  for (const e of a.entities) {
    const type = TEXT_TYPES[e.type];
    if (!type) continue;
    const value = normalizeEntity(type, e.value);
    if (!value || value.length > MAX_ENTITY_CHARS) continue;
    if (reported.some((r) => r.type === type && r.value === value) || suggested.some((s) => s.type === type && s.value === value)) continue;
    suggested.push({ type, value });
  }
  return { verdict: a.verdict, score: a.score, family: a.family, stage: a.stage, suggested };
}

/**
 * Files a report: the `report-<id>` event goes through the engine first (its entities are known bad
 * from now on, and a restart that replays the log remembers it) and into the event log, then the
 * report is written pointing at that event, its entities linked, counted and marked known bad.
 * The order keeps the rule that the log holds everything the engine knows.
 */
export async function fileReportFromBody(
  deps: ReportDeps,
  body: ReportBody,
  filer: string,
): Promise<{ report: ReportView; decision: Decision }> {
  const entities = reportedEntities(body);
  const text = body.text?.trim() ? body.text : undefined;
  if (entities.length === 0 && text === undefined) {
    throw new ReportInputError(
      '/entities',
      '请至少提供一个被举报的号码、账户、QQ/微信号或网址，或描述经过',
      'give at least one entity or a text',
    );
  }
  const problem = unstorable(body);
  if (problem) throw new ReportInputError(problem.split(' ')[0] ?? '', '包含无法保存的字符（NUL 或不成对的代理字符）', problem);
  const analysis = text ? analyzeReport(deps.analyzer, text, entities) : null;

  const id = await reserveReportId(deps.db);
  const eventId = `report-${id}`;
  const raw: Record<string, unknown> = {
    id: eventId,
    ts: body.ts ?? Date.now(),
    subject: body.subject ?? eventId,
    type: 'report',
    source: 'kefuguard-report',
    kind: body.kind,
    entities: entities.map((e) => ({ type: e.type, value: e.value })),
  };
  if (text !== undefined) raw.text = text;
  const checked = validateEvent(raw);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    throw new ReportInputError(first.field, first.zh, `${first.field}: expected ${first.expected}`);
  }
  const decision = deps.engine.process(checked.value);
  try {
    await deps.sink.persist([{ event: checked.value, decision }]);
    // The report row points at its event's row, which a journal writes a moment later.
    if (deps.sink.settled && !(await deps.sink.settled(10_000))) throw new Error('the report event is not in the database yet');
  } catch (err) {
    throw new ReportNotPersisted(err);
  }

  const report = await fileReport(deps.db, {
    id,
    kind: body.kind,
    subject: body.subject ?? null,
    eventId,
    text: text ?? null,
    reporter: body.reporter ?? filer,
    entities,
    family: analysis?.family ?? null,
    analysis,
    t: checked.value.t,
  });
  return { report: (await reportViews(deps.db, [report]))[0]!, decision };
}

export async function reportViews(db: Queryable, reports: readonly FiledReport[]): Promise<ReportView[]> {
  const entities = await entitiesOfTargets(
    db,
    'report',
    reports.map((r) => r.id),
  );
  return reports.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    eventId: r.eventId,
    text: r.text,
    reporter: r.reporter,
    status: r.status,
    family: r.family,
    analysis: r.analysis,
    t: r.t,
    createdAt: r.createdAt.toISOString(),
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
    entities: (entities.get(String(r.id)) ?? []).map((e) => ({
      id: e.id,
      type: e.type,
      value: e.value,
      knownBad: e.knownBad,
      reportCount: e.reportCount,
    })),
  }));
}

export async function getReportView(db: Queryable, id: number): Promise<ReportView | null> {
  const report = await getFiledReport(db, id);
  return report ? (await reportViews(db, [report]))[0]! : null;
}

export async function listReportViews(db: Queryable, filter: ReportFilter): Promise<{ total: number; reports: ReportView[] }> {
  const { total, reports } = await listFiledReports(db, filter);
  return { total, reports: await reportViews(db, reports) };
}

/** One review at a time per report: the engine's marks and the stored status must end in the same order. */
const REVIEWS_IN_FLIGHT = new Map<number, Promise<unknown>>();

/**
 * An officer verifies or rejects a report. When the verdict moves the report in or out of
 * `rejected`, a `report.review` event (the report's event id, the verdict, its entities) goes
 * through the engine and into the event log first, so the engine stops (or resumes) treating those
 * entities as known bad, now and after a restart that replays the log; then the status is stored.
 */
export async function reviewReportView(
  deps: ReportDeps,
  id: number,
  status: 'verified' | 'rejected',
  reviewerId: number | null,
): Promise<ReportView | null> {
  const prior = REVIEWS_IN_FLIGHT.get(id) ?? Promise.resolve();
  const run = prior.catch(() => undefined).then(() => reviewOnce(deps, id, status, reviewerId));
  REVIEWS_IN_FLIGHT.set(id, run);
  try {
    return await run;
  } finally {
    if (REVIEWS_IN_FLIGHT.get(id) === run) REVIEWS_IN_FLIGHT.delete(id);
  }
}

async function reviewOnce(
  deps: ReportDeps,
  id: number,
  status: 'verified' | 'rejected',
  reviewerId: number | null,
): Promise<ReportView | null> {
  const before = await getReportView(deps.db, id);
  if (!before) return null;
  const entities = before.entities
    .filter((e): e is ReportEntityView & { type: ReportableType } => (REPORTABLE_TYPES as readonly string[]).includes(e.type))
    .map((e) => ({ type: e.type, value: e.value }));
  if (before.eventId && entities.length > 0 && (before.status === 'rejected') !== (status === 'rejected')) {
    const checked = validateEvent({
      id: `${before.eventId}-review-${randomUUID()}`,
      ts: Date.now(),
      subject: before.subject ?? before.eventId,
      type: 'report.review',
      source: 'kefuguard-report',
      report: before.eventId,
      status,
      entities,
    });
    if (!checked.ok) throw new Error(`report.review event: ${checked.errors.map((e) => `${e.field} ${e.expected}`).join('; ')}`);
    const decision = deps.engine.process(checked.value);
    try {
      await deps.sink.persist([{ event: checked.value, decision }]);
    } catch (err) {
      throw new ReportNotPersisted(err);
    }
  }
  const report = await reviewReport(deps.db, id, status, reviewerId);
  return report ? (await reportViews(deps.db, [report]))[0]! : null;
}

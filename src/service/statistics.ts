import { LEVELS } from '../engine/index.js';
import type { AlertLevel } from '../policy/index.js';
import type { Queryable } from '../store/index.js';
import {
  alertCountsByDayLevelFamily,
  caseOutcomesByFamily,
  firstStopsByStageFamily,
  stoppedMoney,
  type StatsWindow,
} from '../store/stats-repo.js';
import { TYPOLOGY } from '../typology/index.js';

/** Days are cut at midnight China Standard Time (UTC+8, no daylight saving). */
export const DAY_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Levels an alert can have (the engine raises alerts from `medium`; lower ones appear only if configured). */
const ALERT_LEVELS: readonly AlertLevel[] = LEVELS.filter((l) => l !== 'none');

type ByLevel = Record<AlertLevel, number>;
const emptyByLevel = (): ByLevel => Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0])) as ByLevel;

export interface Money {
  events: number;
  /** Of those, how many carried an amount in CNY. */
  withAmount: number;
  amount: number;
}
const emptyMoney = (): Money => ({ events: 0, withAmount: 0, amount: 0 });
const addMoney = (m: Money, row: { events: number; withAmount: number; amount: number }) => {
  m.events += row.events;
  m.withAmount += row.withAmount;
  m.amount = round2(m.amount + row.amount);
};

export interface CaseOutcomes {
  opened: number;
  resolved: number;
  dissuaded: number;
  lossConfirmed: number;
  /** Cases with a false_alarm label. */
  falseAlarms: number;
  /** falseAlarms / resolved; null when none was resolved. */
  falseAlarmRate: number | null;
  /** Yuan recorded on confirmed-loss labels. */
  lossAmount: number;
}

export interface Statistics {
  window: { since: string; until: string; clock: 'event-time'; dayUtcOffset: '+08:00' };
  alerts: {
    total: number;
    byLevel: ByLevel;
    byDay: { day: string; total: number; byLevel: ByLevel }[];
    byFamily: { family: string | null; total: number; byLevel: ByLevel }[];
  };
  stopped: {
    /** People (subjects) with a hold or block in the window. */
    subjects: number;
    byStage: { stage: string | null; zh: string; en: string; count: number; share: number }[];
    byFamily: { family: string | null; subjects: number; byStage: Record<string, number> }[];
  };
  money: {
    currency: 'CNY';
    held: Money;
    blocked: Money;
    total: Money;
    byType: ({ type: string } & Money)[];
    byFamily: { family: string | null; held: Money; blocked: Money; total: Money }[];
  };
  cases: CaseOutcomes & { byFamily: ({ family: string | null } & CaseOutcomes)[] };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 10_000);
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function group<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Families in typology order, unknown (null) last. */
function familyOrder(a: string | null, b: string | null): number {
  const rank = (f: string | null) => (f === null ? Infinity : TYPOLOGY.families.findIndex((x) => x.id === f) + 1 || 1000);
  return rank(a) - rank(b) || String(a).localeCompare(String(b));
}

/**
 * The anti-fraud centre's figures for a window of event time: alerts by level and day, where in the
 * scam people were stopped, the money held or blocked, and the false-alarm rate, each also by family.
 */
export async function statistics(db: Queryable, since: Date, until: Date): Promise<Statistics> {
  const w: StatsWindow = { since: since.getTime(), until: until.getTime(), dayOffsetMs: DAY_OFFSET_MS };
  const [alertRows, stopRows, moneyRows, caseRows] = await Promise.all([
    alertCountsByDayLevelFamily(db, w),
    firstStopsByStageFamily(db, w),
    stoppedMoney(db, w),
    caseOutcomesByFamily(db, w),
  ]);

  const alerts: Statistics['alerts'] = { total: 0, byLevel: emptyByLevel(), byDay: [], byFamily: [] };
  const days = new Map<number, { day: string; total: number; byLevel: ByLevel }>();
  const alertFamilies = new Map<string | null, { family: string | null; total: number; byLevel: ByLevel }>();
  for (const row of alertRows) {
    alerts.total += row.count;
    alerts.byLevel[row.level] = (alerts.byLevel[row.level] ?? 0) + row.count;
    const day = group(days, row.day, () => ({ day: dayText(row.day), total: 0, byLevel: emptyByLevel() }));
    day.total += row.count;
    day.byLevel[row.level] = (day.byLevel[row.level] ?? 0) + row.count;
    const fam = group(alertFamilies, row.family, () => ({ family: row.family, total: 0, byLevel: emptyByLevel() }));
    fam.total += row.count;
    fam.byLevel[row.level] = (fam.byLevel[row.level] ?? 0) + row.count;
  }
  alerts.byDay = [...days.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  alerts.byFamily = [...alertFamilies.values()].sort((a, b) => familyOrder(a.family, b.family));

  const stageCounts = new Map<string | null, number>();
  const stopFamilies = new Map<string | null, { family: string | null; subjects: number; byStage: Record<string, number> }>();
  let subjects = 0;
  for (const row of stopRows) {
    subjects += row.count;
    stageCounts.set(row.stage, (stageCounts.get(row.stage) ?? 0) + row.count);
    const fam = group(stopFamilies, row.family, () => ({ family: row.family, subjects: 0, byStage: {} as Record<string, number> }));
    fam.subjects += row.count;
    const key = row.stage ?? 'unknown';
    fam.byStage[key] = (fam.byStage[key] ?? 0) + row.count;
  }
  const byStage: Statistics['stopped']['byStage'] = [];
  for (const stage of TYPOLOGY.stages) {
    const count = stageCounts.get(stage.id) ?? 0;
    byStage.push({ stage: stage.id, zh: stage.zh, en: stage.en, count, share: rate(count, subjects) ?? 0 });
  }
  for (const [stage, count] of stageCounts) {
    if (stage !== null && TYPOLOGY.stages.some((s) => s.id === stage)) continue;
    byStage.push({ stage, zh: '未知阶段', en: 'unknown stage', count, share: rate(count, subjects) ?? 0 });
  }

  const money: Statistics['money'] = {
    currency: 'CNY',
    held: emptyMoney(),
    blocked: emptyMoney(),
    total: emptyMoney(),
    byType: [],
    byFamily: [],
  };
  const types = new Map<string, { type: string } & Money>();
  const moneyFamilies = new Map<string | null, { family: string | null; held: Money; blocked: Money; total: Money }>();
  for (const row of moneyRows) {
    addMoney(row.action === 'hold' ? money.held : money.blocked, row);
    addMoney(money.total, row);
    addMoney(
      group(types, row.type, () => ({ type: row.type, ...emptyMoney() })),
      row,
    );
    const fam = group(moneyFamilies, row.family, () => ({
      family: row.family,
      held: emptyMoney(),
      blocked: emptyMoney(),
      total: emptyMoney(),
    }));
    addMoney(row.action === 'hold' ? fam.held : fam.blocked, row);
    addMoney(fam.total, row);
  }
  money.byType = [...types.values()].sort((a, b) => b.amount - a.amount || a.type.localeCompare(b.type));
  money.byFamily = [...moneyFamilies.values()].sort((a, b) => familyOrder(a.family, b.family));

  const outcomes = (rows: typeof caseRows): CaseOutcomes => {
    const sum = (f: (r: (typeof caseRows)[number]) => number) => rows.reduce((acc, r) => acc + f(r), 0);
    const resolved = sum((r) => r.resolved);
    const falseAlarms = sum((r) => r.falseAlarmLabels);
    return {
      opened: sum((r) => r.cases),
      resolved,
      dissuaded: sum((r) => r.dissuaded),
      lossConfirmed: sum((r) => r.lossConfirmed),
      falseAlarms,
      falseAlarmRate: rate(falseAlarms, resolved),
      lossAmount: round2(sum((r) => r.lossAmount ?? 0)),
    };
  };
  const cases: Statistics['cases'] = {
    ...outcomes(caseRows),
    byFamily: [...caseRows].sort((a, b) => familyOrder(a.family, b.family)).map((r) => ({ family: r.family, ...outcomes([r]) })),
  };

  return {
    window: { since: since.toISOString(), until: until.toISOString(), clock: 'event-time', dayUtcOffset: '+08:00' },
    alerts,
    stopped: { subjects, byStage, byFamily: [...stopFamilies.values()].sort((a, b) => familyOrder(a.family, b.family)) },
    money,
    cases,
  };
}

import type { Queryable } from '../store/index.js';
import { leakCounts, type LeakKind } from '../store/leak-sources-repo.js';

export interface LeakSourceQuery {
  /** Order event time, inclusive (epoch ms). */
  sinceT?: number | null;
  /** Order event time, exclusive (epoch ms). */
  untilT?: number | null;
  kind?: LeakKind | null;
  /** Merchants and couriers with fewer victims are left out (default 2: one victim is an anecdote). */
  minVictims?: number;
  limit?: number;
}

export interface LeakSource {
  kind: LeakKind;
  name: string;
  platforms: string[];
  victims: number;
  ordinary: number;
  /** victims / victims with orders. */
  victimShare: number;
  /** ordinary / ordinary customers with orders. */
  ordinaryShare: number;
  /** Ratio of the two shares, smoothed (see `smoothedLift`). */
  lift: number;
  /**
   * One-sided 95% lower bound of the lift: what the data say it is at least. The ranking key, so a
   * big ratio from three orders does not outrank a slightly smaller one from thirty.
   */
  liftLow: number;
  /** Victims beyond what the ordinary customers' share would predict. */
  excessVictims: number;
  /**
   * Chance that at least this many victims would have ordered there if victims ordered like ordinary
   * customers (one-sided binomial tail). Small means the overlap is unlikely to be coincidence.
   */
  pValue: number;
  note: { zh: string; en: string };
}

export interface LeakSourceReport {
  victimsWithOrders: number;
  ordinaryWithOrders: number;
  /** How victims are defined, for the reader. */
  victimDefinition: { zh: string; en: string };
  sources: LeakSource[];
  /** Candidates before `limit` was applied. */
  total: number;
}

export const VICTIM_DEFINITION = {
  zh: '受害人：案件等级达到高或紧急且未被认定为误报的客户，或已确认损失（confirmed_loss 标签）的客户；其余下过单的客户为普通客户。',
  en: 'Victims: subjects with a case that reached high or urgent and was not a false alarm, or with a confirmed_loss label; everyone else with orders is an ordinary customer.',
};

/**
 * The lift (relative risk) with half a count added to every cell (Haldane): (v+½)/(V+1) over
 * (o+½)/(O+1). A shop no ordinary customer used would otherwise have an infinite lift from one victim.
 */
export function smoothedLift(v: number, V: number, o: number, O: number): number {
  return (v + 0.5) / (V + 1) / ((o + 0.5) / (O + 1));
}

/**
 * The one-sided 95% lower confidence bound of the smoothed lift (Katz log interval): few orders give
 * a wide interval and a low bound, so tiny counts cannot dominate the ranking.
 */
export function liftLowerBound(v: number, V: number, o: number, O: number): number {
  const a = v + 0.5;
  const c = o + 0.5;
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / (V + 1) + 1 / c - 1 / (O + 1)));
  return Math.exp(Math.log(smoothedLift(v, V, o, O)) - 1.645 * se);
}

/** log Γ(x) by Lanczos (g = 7, n = 9): enough precision for binomial tails. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lnC = (i: number) => logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(lnC(i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
    sum += term;
    if (term < sum * 1e-12 && i > n * p) break;
  }
  return Math.min(1, sum);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const times = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
const KIND_ZH: Record<LeakKind, string> = { merchant: '商家', courier: '快递' };
const PLATFORM_ZH: Record<string, string> = {
  taobao: '淘宝',
  tmall: '天猫',
  jd: '京东',
  pinduoduo: '拼多多',
  douyin: '抖音',
  kuaishou: '快手',
};

function noteFor(s: Omit<LeakSource, 'note'>): { zh: string; en: string } {
  const where =
    s.kind === 'merchant' && s.platforms.length ? `${s.name}（${s.platforms.map((p) => PLATFORM_ZH[p] ?? p).join('、')}）` : s.name;
  const whereEn = s.kind === 'merchant' && s.platforms.length ? `${s.name} (${s.platforms.join(', ')})` : s.name;
  const chance = s.pValue < 0.01 ? '' : s.pValue < 0.05 ? '；样本仍少，请结合案情判断' : '；可能只是巧合，样本太少';
  const chanceEn = s.pValue < 0.01 ? '' : s.pValue < 0.05 ? '; still a small sample' : '; may be coincidence, too few cases';
  const suspicious = s.liftLow > 1 && s.pValue < 0.05;
  return {
    zh:
      `${s.victims} 名受害人（${pct(s.victimShare)}）的订单经过${KIND_ZH[s.kind]}「${where}」，普通客户中仅 ${pct(s.ordinaryShare)}，` +
      `约为普通客户的 ${times(s.lift)} 倍` +
      (suspicious ? '，订单信息可能从此处泄露' : '') +
      chance +
      '。',
    en:
      `${s.victims} victims (${pct(s.victimShare)}) had orders with ${s.kind} ${whereEn}, against ${pct(s.ordinaryShare)} of ordinary customers: ` +
      `about ${times(s.lift)}×` +
      (suspicious ? '; order data may have leaked here' : '') +
      chanceEn +
      '.',
  };
}

/**
 * The merchants and couriers that victims' orders have in common, ranked against their share among
 * ordinary customers: by the lower bound of the lift, then the number of victims.
 */
export async function leakSources(db: Queryable, q: LeakSourceQuery): Promise<LeakSourceReport> {
  const counts = await leakCounts(db, { sinceT: q.sinceT, untilT: q.untilT, kind: q.kind });
  const V = counts.victimsWithOrders;
  const O = counts.ordinaryWithOrders;
  const minVictims = q.minVictims ?? 2;
  const sources: LeakSource[] = [];
  for (const row of counts.rows) {
    if (row.victims < Math.max(1, minVictims)) continue;
    const victimShare = V ? row.victims / V : 0;
    const ordinaryShare = O ? row.ordinary / O : 0;
    const base = (row.ordinary + 0.5) / (O + 1);
    const s = {
      ...row,
      victimShare,
      ordinaryShare,
      lift: smoothedLift(row.victims, V, row.ordinary, O),
      liftLow: liftLowerBound(row.victims, V, row.ordinary, O),
      excessVictims: row.victims - V * ordinaryShare,
      pValue: binomialUpperTail(row.victims, V, base),
    };
    sources.push({ ...s, note: noteFor(s) });
  }
  sources.sort((a, b) => b.liftLow - a.liftLow || b.victims - a.victims || a.name.localeCompare(b.name));
  const limit = q.limit ?? 50;
  return {
    victimsWithOrders: V,
    ordinaryWithOrders: O,
    victimDefinition: VICTIM_DEFINITION,
    sources: sources.slice(0, limit),
    total: sources.length,
  };
}

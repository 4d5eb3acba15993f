import type { Decision } from '../engine/index.js';

/** Ground truth for one subject, as `kefuguard simulate` writes it. */
export interface SubjectLabel {
  subject: string;
  role: 'victim' | 'ordinary';
  family?: string;
  moneyPaths?: string[];
  completed?: boolean;
  losses: { eventId: string; amount: number }[];
}

export interface GroupMetrics {
  group: string;
  victims: number;
  /** Victims with at least one loss in the labels (the ones interception is measured on). */
  victimsWithLoss: number;
  interceptedBeforeFirstLoss: number;
  warnedBeforeFirstLoss: number;
  lossAmount: number;
  preventedAmount: number;
  /** Victims who stopped before any loss, and how many of them were warned. */
  stoppedEarly: number;
  stoppedEarlyWarned: number;
  /** Median minutes between the first warning and the first loss, over warned victims with a loss. */
  medianLeadMin: number | null;
}

export interface EngineEvaluation {
  overall: GroupMetrics;
  families: GroupMetrics[];
  ordinary: { customers: number; heldOrBlocked: number; warned: number; highAlerts: number };
  decisions: number;
}

interface Seen {
  index: number;
  t: number;
  decision: Decision;
}

const INTERVENE = new Set(['hold', 'block']);

/**
 * Scores decisions against labels. Order is the stream's: a hold on the loss event itself counts
 * as intercepting it (the money did not leave); a warning on it counts as warned (shown at payment).
 */
export function evaluateJourneys(
  decisions: readonly { decision: Decision; t: number }[],
  labels: readonly SubjectLabel[],
): EngineEvaluation {
  const byEvent = new Map<string, Seen>();
  const bySubject = new Map<string, Seen[]>();
  decisions.forEach(({ decision, t }, index) => {
    if (decision.duplicate || byEvent.has(decision.eventId)) return;
    const seen = { index, t, decision };
    byEvent.set(decision.eventId, seen);
    let list = bySubject.get(decision.subject);
    if (!list) bySubject.set(decision.subject, (list = []));
    list.push(seen);
  });
  const groups = new Map<string, GroupMetrics & { leads: number[] }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) {
      g = {
        group: name,
        victims: 0,
        victimsWithLoss: 0,
        interceptedBeforeFirstLoss: 0,
        warnedBeforeFirstLoss: 0,
        lossAmount: 0,
        preventedAmount: 0,
        stoppedEarly: 0,
        stoppedEarlyWarned: 0,
        medianLeadMin: null,
        leads: [],
      };
      groups.set(name, g);
    }
    return g;
  };
  const ordinary = { customers: 0, heldOrBlocked: 0, warned: 0, highAlerts: 0 };
  for (const label of labels) {
    const seen = bySubject.get(label.subject) ?? [];
    if (label.role === 'ordinary') {
      ordinary.customers++;
      if (seen.some((s) => INTERVENE.has(s.decision.action))) ordinary.heldOrBlocked++;
      if (seen.some((s) => s.decision.action !== 'allow')) ordinary.warned++;
      if (seen.some((s) => s.decision.level === 'high' || s.decision.level === 'urgent')) ordinary.highAlerts++;
      continue;
    }
    const targets = [group('overall'), group(label.family ?? 'unknown')];
    const losses = label.losses.map((l) => ({ ...l, seen: byEvent.get(l.eventId) })).filter((l) => l.seen);
    const first = losses.reduce<Seen | undefined>((a, l) => (!a || l.seen!.index < a.index ? l.seen : a), undefined);
    const warned = first
      ? seen.find((s) => s.index <= first.index && s.decision.action !== 'allow')
      : seen.find((s) => s.decision.action !== 'allow');
    const intercepted = first ? seen.some((s) => s.index <= first.index && INTERVENE.has(s.decision.action)) : false;
    for (const g of targets) {
      g.victims++;
      if (!first) {
        g.stoppedEarly++;
        if (warned) g.stoppedEarlyWarned++;
        continue;
      }
      g.victimsWithLoss++;
      if (intercepted) g.interceptedBeforeFirstLoss++;
      if (warned) {
        g.warnedBeforeFirstLoss++;
        g.leads.push((first.t - warned.t) / 60_000);
      }
      for (const l of losses) {
        g.lossAmount += l.amount;
        if (INTERVENE.has(l.seen!.decision.action)) g.preventedAmount += l.amount;
      }
    }
  }
  const finish = ({ leads, ...g }: GroupMetrics & { leads: number[] }): GroupMetrics => {
    const sorted = leads.sort((a, b) => a - b);
    return { ...g, medianLeadMin: sorted.length ? Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10 : null };
  };
  const overall = finish(group('overall'));
  const families = [...groups.values()]
    .filter((g) => g.group !== 'overall')
    .map(finish)
    .sort((a, b) => (a.group < b.group ? -1 : 1));
  return { overall, families, ordinary, decisions: byEvent.size };
}

export function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`;
}

import type { Population } from './simulate.js';

/** Figures about a population, for docs, the CLI and reviews of what a seed produced. */
export interface PopulationSummary {
  subjects: number;
  ordinary: number;
  victims: number;
  events: number;
  eventsByType: Record<string, number>;
  victimsByFamily: Record<string, number>;
  /** Victims with at least one loss along each path. */
  victimsByMoneyPath: Record<string, number>;
  victimsWithLoss: number;
  victimsCompleted: number;
  stoppedBeforeLoss: number;
  stoppedAfterLoss: number;
  /** Victims with at least one message event of the scam. */
  victimsWithMessages: number;
  victimsReporting: number;
  lossEvents: number;
  lossTotal: number;
  lossPerVictimMedian: number;
  /** Ordinary customers per hard-negative tag. */
  ordinaryByConfuser: Record<string, number>;
  ordinaryWithAnyConfuser: number;
}

const inc = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by;
};

export function summarize(pop: Population): PopulationSummary {
  const eventsByType: Record<string, number> = {};
  const reporting = new Set<string>();
  const seen = new Set<string>();
  for (const e of pop.events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    inc(eventsByType, e.type);
    if (e.type === 'report') reporting.add(e.subject);
  }
  const victimsByFamily: Record<string, number> = {};
  const victimsByMoneyPath: Record<string, number> = {};
  const ordinaryByConfuser: Record<string, number> = {};
  let victims = 0;
  let withLoss = 0;
  let completed = 0;
  let before = 0;
  let after = 0;
  let lossEvents = 0;
  let lossTotal = 0;
  let anyConfuser = 0;
  let victimsWithMessages = 0;
  let victimsReporting = 0;
  const perVictim: number[] = [];
  for (const l of pop.labels) {
    if (l.role === 'ordinary') {
      for (const c of l.confusers ?? []) inc(ordinaryByConfuser, c);
      if (l.confusers?.length) anyConfuser++;
      continue;
    }
    victims++;
    inc(victimsByFamily, l.family ?? 'unknown');
    for (const p of l.moneyPaths ?? []) inc(victimsByMoneyPath, p);
    const sum = l.losses.reduce((a, x) => a + x.amount, 0);
    lossEvents += l.losses.length;
    lossTotal += sum;
    if (l.losses.length) {
      withLoss++;
      perVictim.push(sum);
    }
    if (l.completed) completed++;
    else if (l.losses.length) after++;
    else before++;
    if ((l.scamMessages ?? 0) > 0) victimsWithMessages++;
    if (reporting.has(l.subject)) victimsReporting++;
  }
  perVictim.sort((a, b) => a - b);
  return {
    subjects: pop.labels.length,
    ordinary: pop.labels.length - victims,
    victims,
    events: seen.size,
    eventsByType,
    victimsByFamily,
    victimsByMoneyPath,
    victimsWithLoss: withLoss,
    victimsCompleted: completed,
    stoppedBeforeLoss: before,
    stoppedAfterLoss: after,
    victimsWithMessages,
    victimsReporting,
    lossEvents,
    lossTotal: Math.round(lossTotal * 100) / 100,
    lossPerVictimMedian: perVictim.length ? perVictim[Math.floor(perVictim.length / 2)] : 0,
    ordinaryByConfuser,
    ordinaryWithAnyConfuser: anyConfuser,
  };
}

import { RiskEngine, type Decision, type EngineOptions } from '../src/engine/index.js';
import { validateEvent } from '../src/events/index.js';

export const T0 = Date.parse('2026-05-01T10:00:00+08:00');

export type Step = [minute: number, type: string, fields?: Record<string, unknown>];

/** Events for one subject at minutes after T0, with ids e-1, e-2 … */
export function journey(steps: readonly Step[], subject = 'u-1', idPrefix = 'e'): Record<string, unknown>[] {
  return steps.map(([min, type, fields], i) => ({ id: `${idPrefix}-${i + 1}`, ts: T0 + min * 60_000, subject, type, ...fields }));
}

/** Runs raw events through a fresh engine; throws on an invalid event so a typo fails the test loudly. */
export function run(
  events: readonly Record<string, unknown>[],
  options?: EngineOptions,
  engine = new RiskEngine({ explain: 'all', ...options }),
): Decision[] {
  return events.map((raw) => {
    const v = validateEvent(raw);
    if (!v.ok) throw new Error(`invalid test event ${JSON.stringify(raw)}: ${JSON.stringify(v.errors)}`);
    return engine.process(v.value);
  });
}

export const codes = (d: Decision): string[] => d.reasons.map((r) => r.code);

// A few building blocks of the seeds' scam, and their everyday twins.
export const scamCall: Step = [0, 'call.start', { peer: '17012345678', direction: 'in', claimedIdentity: '淘宝客服' }];
export const courierCall: Step = [0, 'call.start', { peer: '13812345678', direction: 'in', claimedIdentity: '快递员' }];
export const friendCall: Step = [0, 'call.start', { peer: '13900001111', direction: 'in', inContacts: true }];

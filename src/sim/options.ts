import { parseEventTime } from '../events/time.js';

/** Options of a simulated population. Everything but `seed` has a default. */
export interface SimOptions {
  seed: number;
  /** Ordinary customers (default 2000). */
  customers?: number;
  /** Scam victims (default 200). */
  victims?: number;
  /** Length of the window in days (default 7). */
  days?: number;
  /** Start of the window, ISO-8601 with offset (default 2026-05-01T00:00:00+08:00). */
  start?: string;
  /** Share of events delivered late, behind events that happened after them (default 0). */
  outOfOrderShare?: number;
  /** How late such an event can be delivered, in seconds (default 120). */
  outOfOrderMaxSec?: number;
  /** Share of events re-sent once more with the same id (default 0). */
  duplicateShare?: number;
}

export type ResolvedSimOptions = Required<SimOptions> & { startMs: number };

export const SIM_DEFAULTS = {
  customers: 2000,
  victims: 200,
  days: 7,
  start: '2026-05-01T00:00:00+08:00',
  outOfOrderShare: 0,
  outOfOrderMaxSec: 120,
  duplicateShare: 0,
} as const;

function count(name: string, v: number, max: number): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${name} must be an integer between 0 and ${max}, got ${v}`);
  return v;
}

function share(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new RangeError(`${name} must be a number between 0 and 1, got ${v}`);
  return v;
}

/** Fills defaults and checks ranges; throws a RangeError that names the option. */
export function resolveOptions(o: SimOptions): ResolvedSimOptions {
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff)
    throw new RangeError(`seed must be an integer between 0 and 4294967295, got ${o.seed}`);
  const start = o.start ?? SIM_DEFAULTS.start;
  const startMs = parseEventTime(start);
  if (typeof start !== 'string' || startMs === undefined) throw new RangeError(`start must be ISO-8601 with an offset, got ${start}`);
  const days = o.days ?? SIM_DEFAULTS.days;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError(`days must be an integer between 1 and 366, got ${days}`);
  const maxSec = o.outOfOrderMaxSec ?? SIM_DEFAULTS.outOfOrderMaxSec;
  if (!Number.isFinite(maxSec) || maxSec < 1 || maxSec > 86400)
    throw new RangeError(`outOfOrderMaxSec must be between 1 and 86400, got ${maxSec}`);
  return {
    seed: o.seed,
    customers: count('customers', o.customers ?? SIM_DEFAULTS.customers, 10_000_000),
    victims: count('victims', o.victims ?? SIM_DEFAULTS.victims, 1_000_000),
    days,
    start,
    startMs,
    outOfOrderShare: share('outOfOrderShare', o.outOfOrderShare ?? SIM_DEFAULTS.outOfOrderShare),
    outOfOrderMaxSec: maxSec,
    duplicateShare: share('duplicateShare', o.duplicateShare ?? SIM_DEFAULTS.duplicateShare),
  };
}

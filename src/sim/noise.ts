import type { KgEvent } from '../events/schema.js';
import { SEC } from './clock.js';
import type { Rng } from './prng.js';

/**
 * Delivery as real senders do it: a share of events arrives late (behind events that happened
 * after them), a share is sent twice with the same id. The events themselves are unchanged.
 */
export function deliver(
  events: readonly KgEvent[],
  times: readonly number[],
  outOfOrderShare: number,
  maxLateSec: number,
  duplicateShare: number,
  rng: Rng,
): KgEvent[] {
  if (outOfOrderShare === 0 && duplicateShare === 0) return events.slice();
  const slots: { at: number; order: number; event: KgEvent }[] = [];
  for (let i = 0; i < events.length; i++) {
    const late = outOfOrderShare > 0 && rng.chance(outOfOrderShare) ? rng.float(1, maxLateSec) * SEC : 0;
    slots.push({ at: times[i] + late, order: 2 * i, event: events[i] });
    if (duplicateShare > 0 && rng.chance(duplicateShare)) {
      slots.push({ at: times[i] + late + rng.float(0, 60) * SEC, order: 2 * i + 1, event: { ...events[i] } as KgEvent });
    }
  }
  slots.sort((a, b) => a.at - b.at || a.order - b.order);
  return slots.map((s) => s.event);
}

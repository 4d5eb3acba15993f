import { COURIERS, SHOPS } from './catalog.js';
import { DAY } from './clock.js';
import { FLIGHT } from './profiles.js';
import { makeGangs, type Gang } from './ring.js';
import { Rng, STREAM } from './prng.js';

/** What the whole population shares: the window, the leaky shops and couriers, the gangs. */
export interface World {
  seed: number;
  start: number;
  end: number;
  days: number;
  /** Shops whose order data reached the scammers (chosen from the seed, not fixed). */
  leakyShops: string[];
  /** Indices into COURIERS whose waybills leaked. */
  leakyCouriers: number[];
  /** A ticket agency whose bookings leaked (flight-compensation scams cite them). */
  leakyAgency: string;
  gangs: Gang[];
}

export function makeWorld(seed: number, start: number, days: number, victims: number): World {
  const rng = Rng.derive(seed, STREAM.world);
  const allShops = Object.values(SHOPS).flat();
  const leakyShops = rng.shuffle(allShops).slice(0, 4);
  const leakyCouriers = rng.shuffle(COURIERS.map((_, i) => i).filter((i) => i !== 5)).slice(0, 1);
  const leakyAgency = rng.pick(FLIGHT.agencies);
  const gangs = makeGangs(Rng.derive(seed, STREAM.rings), victims);
  return { seed, start, end: start + days * DAY, days, leakyShops, leakyCouriers, leakyAgency, gangs };
}

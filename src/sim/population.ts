import type { FamilyId } from '../typology/types.js';
import { PROFILES } from './profiles.js';
import type { Rng } from './prng.js';

/** Who is who: which subject numbers are victims, and each victim's family. */

/** Victims per family: every family at least once (when there are enough victims), the rest by share. */
export function allocateFamilies(rng: Rng, victims: number): FamilyId[] {
  const families = Object.keys(PROFILES) as FamilyId[];
  if (victims < families.length) return rng.shuffle(families).slice(0, victims);
  const rest = victims - families.length;
  const total = families.reduce((a, f) => a + PROFILES[f].share, 0);
  const exact = families.map((f) => (rest * PROFILES[f].share) / total);
  const counts = exact.map((x) => Math.floor(x) + 1);
  let left = victims - counts.reduce((a, b) => a + b, 0);
  const byRemainder = families
    .map((_, i) => i)
    .sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const i of byRemainder) {
    if (left-- <= 0) break;
    counts[i]++;
  }
  const list: FamilyId[] = [];
  families.forEach((f, i) => {
    for (let k = 0; k < counts[i]; k++) list.push(f);
  });
  return rng.shuffle(list);
}

/** Subject numbers (1-based) that are victims, spread at random among all subjects. */
export function pickVictims(rng: Rng, total: number, victims: number): number[] {
  const all = Array.from({ length: total }, (_, i) => i + 1);
  // Partial Fisher–Yates: only the first `victims` positions are needed.
  for (let i = 0; i < victims; i++) {
    const j = i + Math.floor(rng.next() * (total - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, victims).sort((a, b) => a - b);
}

export function subjectId(n: number): string {
  return `u-${String(n).padStart(6, '0')}`;
}

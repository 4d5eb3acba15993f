import type { KgEvent } from '../events/schema.js';
import type { FamilyId } from '../typology/types.js';
import { formatTs } from './clock.js';
import { Journal, type Draft } from './journal.js';
import type { SubjectLabel } from './labels.js';
import { live } from './life.js';
import { deliver } from './noise.js';
import { resolveOptions, type SimOptions } from './options.js';
import { makePersona } from './persona.js';
import { allocateFamilies, pickVictims, subjectId } from './population.js';
import { Rng, STREAM, mix32 } from './prng.js';
import { scam, type ScamOutcome } from './victim.js';
import { makeWorld } from './world.js';

/** Bump whenever the same seed and options would give different output. */
export const SIM_VERSION = 'kefuguard-sim@1.0.0';

export interface Population {
  /** Every event of every subject, in delivery order (event-time order unless the realism knobs are on). */
  events: KgEvent[];
  /** One label per subject, in subject order. */
  labels: SubjectLabel[];
}

interface Placed {
  t: number;
  n: number;
  d: Draft;
  subject: string;
}

/** A labelled synthetic population: a pure function of the options (same seed, same bytes). */
export function simulate(options: SimOptions): Population {
  const o = resolveOptions(options);
  const total = o.customers + o.victims;
  const world = makeWorld(o.seed, o.startMs, o.days, o.victims);
  const roles = Rng.derive(o.seed, STREAM.roles);
  const victimNos = pickVictims(roles, total, o.victims);
  const families = allocateFamilies(roles, o.victims);
  const familyOf = new Map<number, FamilyId>(victimNos.map((n, i) => [n, families[i]]));

  const placed: Placed[] = [];
  const subjects: { j: Journal; outcome?: ScamOutcome }[] = [];
  for (let n = 1; n <= total; n++) {
    const j = new Journal(subjectId(n), n);
    const rng = Rng.derive(o.seed, STREAM.life, n);
    const persona = makePersona(rng, n);
    const orders = live(j, persona, rng, world);
    const family = familyOf.get(n);
    const outcome = family ? scam({ j, persona, family, world, seed: o.seed, orders }, mix32(o.seed, STREAM.scam, n)) : undefined;
    subjects.push({ j, outcome });
    for (const d of j.drafts) placed.push({ t: d.t, n, d, subject: j.subject });
  }

  placed.sort((a, b) => a.t - b.t || a.n - b.n || a.d.seq - b.d.seq);
  const width = Math.max(7, String(placed.length).length);
  const events: KgEvent[] = new Array(placed.length);
  const times: number[] = new Array(placed.length);
  for (let i = 0; i < placed.length; i++) {
    const p = placed[i];
    p.d.id = `e-${String(i + 1).padStart(width, '0')}`;
    events[i] = { id: p.d.id, ts: formatTs(p.t), subject: p.subject, source: p.d.body.source, ...p.d.body } as KgEvent;
    times[i] = p.t;
  }

  const labels = subjects.map(({ j, outcome }): SubjectLabel => {
    const confusers = j.tags();
    if (!outcome) return { subject: j.subject, role: 'ordinary', losses: [], ...(confusers.length ? { confusers } : {}) };
    return {
      subject: j.subject,
      role: 'victim',
      family: outcome.family,
      moneyPaths: outcome.moneyPaths,
      plannedPaths: outcome.plannedPaths,
      completed: outcome.completed,
      exit: outcome.exit,
      ...(outcome.stoppedAt ? { stoppedAt: outcome.stoppedAt } : {}),
      gang: outcome.gang,
      scamMessages: outcome.scamMessages,
      losses: outcome.losses.map((d) => ({ eventId: d.id as string, amount: d.loss as number })),
      ...(confusers.length ? { confusers } : {}),
    };
  });

  const delivered = deliver(events, times, o.outOfOrderShare, o.outOfOrderMaxSec, o.duplicateShare, Rng.derive(o.seed, STREAM.noise));
  return { events: delivered, labels };
}

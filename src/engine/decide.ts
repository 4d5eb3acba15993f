import type { KgEvent } from '../events/index.js';
import type { Band, Policy } from '../policy/index.js';
import { REASONS, type Bilingual, type Typology } from '../typology/index.js';
import type { Decision, DecisionReason } from './decision.js';
import { reasonSentence, type JourneyStep } from './journey.js';

/** Turns a journey step into a decision: the first policy band that matches, the reasons in words, the advice. */
export class DecisionMaker {
  private readonly stageIds: readonly Decision['stage'][];
  private readonly stageAdvice = new Map<string, Bilingual>();
  private readonly familyFacts = new Map<string, Bilingual>();
  /** Stage advice joined with a family's fact, by the two (both the typology's own, so bounded by it). */
  private readonly joinedAdvice = new Map<Bilingual, Map<Bilingual, Bilingual>>();
  private readonly minStageRank: number[];
  /** Each band as decisions show it, built once and shared (frozen): most decisions are one of a few bands. */
  private readonly bandViews = new Map<Band, Decision['band']>();
  /**
   * Below this score no band but the last can match (each earlier one asks for more), so most
   * events, scored 0, skip the band conditions; -Infinity when some earlier band sets no minimum.
   */
  private readonly lastBandBelow: number;

  constructor(
    private readonly typology: Typology,
    private readonly policy: Policy,
    /** 'all' lists reasons on every decision; 'alerts' (default) only where the level is above none. */
    private readonly explain: 'alerts' | 'all' = 'alerts',
  ) {
    const ranked = [...typology.stages].sort((a, b) => a.order - b.order);
    this.stageIds = [null, ...ranked.map((s) => s.id)];
    for (const s of typology.advice.stages) this.stageAdvice.set(s.stage, s.now);
    for (const f of typology.advice.families) this.familyFacts.set(f.family, f.fact);
    for (const b of policy.bands) this.bandViews.set(b, Object.freeze({ id: b.id, zh: b.text.zh, en: b.text.en }));
    this.minStageRank = policy.bands.map((b) => (b.when.minStage ? typology.stages.find((s) => s.id === b.when.minStage)!.order : 0));
    const earlier = policy.bands.slice(0, -1).map((b) => b.when.minScore);
    this.lastBandBelow = earlier.every((m) => m !== undefined) ? Math.min(...earlier) : -Infinity;
  }

  decide(event: KgEvent, step: JourneyStep): Decision {
    const band = this.band(event, step);
    const score = Math.round(step.score * 1000) / 1000;
    const stage = step.reasons.length > 0 ? (this.stageIds[step.stageRank] ?? null) : null;
    // Below every alert level there is nothing to act on: the band says so, and most events are
    // like this, so they skip composing sentences nobody reads.
    const reasons: DecisionReason[] =
      band.level === 'none' && this.explain === 'alerts'
        ? []
        : step.reasons
            .slice()
            .sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1))
            .map((r) => {
              const def = REASONS[r.code];
              return {
                code: r.code,
                text: reasonSentence(def.text.zh, r),
                en: reasonSentence(def.text.en, r),
                events: r.events,
                weight: r.weight,
              };
            });
    return {
      eventId: event.id,
      subject: event.subject,
      action: band.action,
      level: band.level,
      score,
      stage,
      family: step.family,
      reasons,
      advice: band.action === 'allow' ? null : this.advice(stage, step.family),
      band: this.bandViews.get(band)!,
      typologyVersion: this.typology.version,
      policyVersion: this.policy.id,
    };
  }

  private band(event: KgEvent, step: JourneyStep): Band {
    const bands = this.policy.bands;
    if (step.score < this.lastBandBelow) return bands[bands.length - 1]!;
    for (let i = 0; i < bands.length; i++) {
      const { when } = bands[i]!;
      if (when.minScore !== undefined && step.score < when.minScore) continue;
      if (when.eventTypes && !when.eventTypes.includes(event.type)) continue;
      if (when.minStage && step.stageRank < this.minStageRank[i]!) continue;
      if (when.ownReason && step.own === 0) continue;
      if (when.anyReason && !step.reasons.some((r) => when.anyReason!.includes(r.code))) continue;
      return bands[i]!;
    }
    return bands[bands.length - 1]!;
  }

  /**
   * What to do now at this stage, and the one fact about this variant that breaks the spell. Each
   * stage and family's advice is joined once and shared (frozen, as the bands are): alerts of one
   * kind then hand the serializer the same object, whose JSON it keeps.
   */
  private advice(stage: Decision['stage'], family: Decision['family']): Bilingual {
    const now = (stage && this.stageAdvice.get(stage)) || this.typology.advice.general;
    const fact = family ? this.familyFacts.get(family) : undefined;
    if (!fact) return now;
    let byFamily = this.joinedAdvice.get(now);
    if (byFamily === undefined) this.joinedAdvice.set(now, (byFamily = new Map()));
    let joined = byFamily.get(fact);
    if (joined === undefined) byFamily.set(fact, (joined = Object.freeze({ zh: `${now.zh}${fact.zh}`, en: `${now.en} ${fact.en}` })));
    return joined;
  }
}

import type { TimedEvent } from '../events/index.js';
import { DEFAULT_POLICY, type Policy } from '../policy/index.js';
import { TextAnalyzer } from '../text/index.js';
import { TYPOLOGY, type Typology } from '../typology/index.js';
import { DecisionMaker } from './decide.js';
import type { Decision, DecisionReason } from './decision.js';
import { DuplicateWindow, type Remembered } from './duplicates.js';
import { advance, reasonCodeTable, type JourneyContext } from './journey.js';
import { Knowledge } from './knowledge.js';
import { NetworkIndex, type NetworkSnapshot } from './network.js';
import { newSubjectState, type SubjectState } from './state.js';
import { TextMemo } from './text-memo.js';

export interface EngineOptions {
  typology?: Typology;
  policy?: Policy;
  analyzer?: TextAnalyzer;
  /** An event up to this much older than its subject's latest is applied normally (default 5 min). */
  latenessMs?: number;
  /** A subject with no event for this long (event time) is forgotten (default 7 days). */
  idleMs?: number;
  /** Ids are remembered this long (event time) to recognise duplicates (default 48 h). */
  dedupeMs?: number;
  /** 'alerts' (default): reasons on decisions above level none; 'all': on every decision (audits, tests). */
  explain?: 'alerts' | 'all';
}

export interface EngineStats {
  events: number;
  duplicates: number;
  late: number;
  subjects: number;
  rememberedIds: number;
  evicted: number;
  networkKeys: number;
  knownBad: number;
}

const SWEEP_EVERY = 8192;

/**
 * Everything a RiskEngine remembers, as plain data in insertion order: restoring it into an engine
 * with the same typology and policy continues exactly where the original stood. (Infinite times are
 * kept as they are; the encoder must carry them, see service/snapshot-codec.ts.)
 */
export interface EngineSnapshot {
  format: 'kefuguard-engine@1';
  typologyVersion: string;
  policyVersion: string;
  latenessMs: number;
  idleMs: number;
  dedupeMs: number;
  watermark: number;
  counters: { events: number; duplicates: number; late: number; evicted: number };
  subjects: [string, SubjectState][];
  seen: [string, Remembered][];
  network: NetworkSnapshot;
}

/**
 * The risk engine: routes each event to its subject's journey and applies the policy. It owns
 * the per-subject states, the cross-subject network and the duplicate window; it never reads a
 * clock or does I/O, so the same events in the same order always give the same decisions.
 *
 * Lateness: an event older than its subject's latest event by at most `latenessMs` is applied
 * with its own time (windows compare event times, so it lands where it belongs). An event later
 * than that is recorded (`late: true`, action allow) but not applied: deciding it now would act
 * on a past that later decisions already assumed. Reports and their reviews are the exception: a
 * reported entity is known bad whenever the report arrives, and stops being so when it is rejected.
 */
export class RiskEngine {
  readonly typology: Typology;
  readonly policy: Policy;
  private readonly ctx: JourneyContext;
  private readonly decisions: DecisionMaker;
  private readonly subjects = new Map<string, SubjectState>();
  /**
   * Ids within the duplicate window. Most decisions are a plain allow at level none: for those
   * only `t × 1000 + score in thousandths` is kept (one number, exact below 2^53), which keeps
   * the window cheap; anything above level none keeps its reasonless decision.
   */
  private readonly seen = new DuplicateWindow();
  private readonly latenessMs: number;
  private readonly idleMs: number;
  private readonly dedupeMs: number;
  private watermark = -Infinity;
  private counters = { events: 0, duplicates: 0, late: 0, evicted: 0 };

  constructor(options: EngineOptions = {}) {
    this.typology = options.typology ?? TYPOLOGY;
    this.policy = options.policy ?? DEFAULT_POLICY;
    const stageOrder = new Map<string, number>(this.typology.stages.map((s) => [s.id, s.order]));
    const stageRank = (stage: string) => stageOrder.get(stage) ?? 0;
    this.ctx = {
      policy: this.policy,
      knowledge: new Knowledge(this.typology),
      network: new NetworkIndex(),
      texts: new TextMemo(options.analyzer ?? new TextAnalyzer(this.typology), stageRank),
      stageRank,
      codes: reasonCodeTable(this.policy, stageRank),
    };
    this.decisions = new DecisionMaker(this.typology, this.policy, options.explain);
    this.latenessMs = options.latenessMs ?? 5 * 60_000;
    this.idleMs = options.idleMs ?? 7 * 86_400_000;
    this.dedupeMs = options.dedupeMs ?? 48 * 3_600_000;
  }

  /** Decides one validated event. */
  process(timed: TimedEvent): Decision {
    const { event, t } = timed;
    const remembered = this.seen.get(event.id);
    const prior =
      remembered === undefined
        ? undefined
        : typeof remembered === 'number'
          ? this.plainAllow(event, (remembered % 1000) / 1000)
          : remembered.decision;
    if (prior) {
      this.counters.duplicates++;
      return repeatOf(prior, event);
    }
    this.counters.events++;
    if (t > this.watermark) this.watermark = t;
    let state = this.subjects.get(event.subject);
    let decision: Decision;
    if (state && t < state.lastT - this.latenessMs && event.type !== 'report' && event.type !== 'report.review') {
      this.counters.late++;
      decision = this.lateDecision(timed, state.lastT - t);
    } else {
      if (!state) this.subjects.set(event.subject, (state = newSubjectState(event.subject)));
      decision = this.decisions.decide(event, advance(state, timed, this.ctx));
    }
    this.remember(event.id, t, decision);
    if (this.counters.events % SWEEP_EVERY === 0) this.sweep();
    return decision;
  }

  stats(): EngineStats {
    const net = this.ctx.network.size;
    return { ...this.counters, subjects: this.subjects.size, rememberedIds: this.seen.size, networkKeys: net.keys, knownBad: net.bad };
  }

  /** The live state of one subject (for tests, snapshots and the console); undefined if unknown or evicted. */
  subjectState(subject: string): Readonly<SubjectState> | undefined {
    return this.subjects.get(subject);
  }

  /**
   * Forgets everything about one person (their journey; shared network facts stay). For deletion
   * requests, and for measuring what a subject costs. Returns whether the subject was known. The
   * memo of recent message texts goes too: it may hold their words.
   */
  forget(subject: string): boolean {
    this.clearCaches();
    return this.subjects.delete(subject);
  }

  /** Drops what the engine keeps only for speed (the memo of recent message texts); decisions do not change. */
  clearCaches(): void {
    this.ctx.texts.clear();
  }

  /**
   * The engine's whole memory. The arrays share objects with the live state: encode it before the
   * next `process` call (the service serializes it in the same synchronous step).
   */
  snapshot(): EngineSnapshot {
    return {
      format: 'kefuguard-engine@1',
      typologyVersion: this.typology.version,
      policyVersion: this.policy.id,
      latenessMs: this.latenessMs,
      idleMs: this.idleMs,
      dedupeMs: this.dedupeMs,
      watermark: this.watermark,
      counters: { ...this.counters },
      subjects: [...this.subjects],
      seen: this.seen.entries(),
      network: this.ctx.network.export(),
    };
  }

  /**
   * Replaces this engine's memory with a snapshot taken by an engine with the same typology, policy
   * and windows; throws (changing nothing) when they differ, since decisions would then differ too.
   */
  restore(snapshot: EngineSnapshot): void {
    const mismatch = this.snapshotMismatch(snapshot);
    if (mismatch) throw new Error(`cannot restore this engine snapshot: ${mismatch}`);
    this.subjects.clear();
    for (const [subject, state] of snapshot.subjects) this.subjects.set(subject, state);
    this.seen.clear();
    for (const [id, entry] of snapshot.seen) this.seen.set(id, entry);
    this.ctx.network.import(snapshot.network);
    this.watermark = snapshot.watermark;
    this.counters = { ...snapshot.counters };
  }

  /**
   * Whether an event at time `t` is older than the duplicate window reaches: its id may have been
   * seen and forgotten, so the caller should look it up in the event log first.
   */
  beyondDuplicateWindow(t: number): boolean {
    return t < this.watermark - this.dedupeMs;
  }

  /** Forgets everything, as if just constructed (before a rebuild from the event log). */
  reset(): void {
    this.clearCaches();
    this.subjects.clear();
    this.seen.clear();
    this.ctx.network.import({ touches: [], bad: [] });
    this.watermark = -Infinity;
    this.counters = { events: 0, duplicates: 0, late: 0, evicted: 0 };
  }

  /** Why a snapshot cannot be restored into this engine, or null. */
  snapshotMismatch(snapshot: EngineSnapshot): string | null {
    if (snapshot.format !== 'kefuguard-engine@1') return `unknown format ${String(snapshot.format)}`;
    const mine = {
      typologyVersion: this.typology.version,
      policyVersion: this.policy.id,
      latenessMs: this.latenessMs,
      idleMs: this.idleMs,
      dedupeMs: this.dedupeMs,
    };
    for (const key of Object.keys(mine) as (keyof typeof mine)[]) {
      if (snapshot[key] !== mine[key]) return `${key} is ${String(snapshot[key])} in the snapshot, ${String(mine[key])} here`;
    }
    return null;
  }

  private lateDecision({ event }: TimedEvent, behindMs: number): Decision {
    const minutes = Math.round(behindMs / 60_000);
    const reason: DecisionReason = {
      code: 'LATE_EVENT',
      text: `事件比该用户最新事件晚 ${minutes} 分钟到达，超过允许的延迟，已记录但不计入行程`,
      en: `Arrived ${minutes} min behind this person's latest event, beyond the allowed lateness: recorded, not applied`,
      events: [event.id],
    };
    return { ...this.plainAllow(event, 0), reasons: [reason], late: true };
  }

  private remember(id: string, t: number, decision: Decision): void {
    if (decision.level === 'none' && decision.action === 'allow' && !decision.late) {
      this.seen.set(id, t * 1000 + Math.round(decision.score * 1000));
      return;
    }
    // Reasons are dropped: a duplicate repeats the outcome, not the explanation.
    this.seen.set(id, { t, decision: { ...decision, reasons: [], advice: null } });
  }

  /** An allow at level none under the policy's last band: late events, and remembered plain allows (score kept, stage and family not). */
  private plainAllow(event: TimedEvent['event'], score: number): Decision {
    const allow = this.policy.bands[this.policy.bands.length - 1]!;
    return {
      eventId: event.id,
      subject: event.subject,
      action: 'allow',
      level: 'none',
      score,
      stage: null,
      family: null,
      reasons: [],
      advice: null,
      band: { id: allow.id, zh: allow.text.zh, en: allow.text.en },
      typologyVersion: this.typology.version,
      policyVersion: this.policy.id,
    };
  }

  /** Forgets idle subjects and old ids, by event time, so memory follows activity, not history. */
  private sweep(): void {
    const now = this.watermark;
    for (const [subject, state] of this.subjects) {
      if (now - state.lastT > this.idleMs) {
        this.subjects.delete(subject);
        this.counters.evicted++;
      }
    }
    this.ctx.network.sweep(now, this.policy.windows.muleMin * 60_000);
    this.seen.dropOlderThan(now, this.dedupeMs);
  }
}

/** The answer to a repeated event id: its first decision, flagged, with the reason first. */
export function repeatOf(prior: Decision, event: { id: string; subject: string }): Decision {
  return {
    ...prior,
    eventId: event.id,
    subject: event.subject,
    duplicate: true,
    reasons: [
      {
        code: 'DUPLICATE',
        text: '重复的事件编号，沿用首次决定，不重复计入',
        en: 'Repeated event id: the first decision stands and nothing is counted twice',
        events: [event.id],
      },
      ...prior.reasons,
    ],
  };
}

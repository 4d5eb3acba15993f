import { TYPOLOGY, type FamilyId, type StageId, type Typology } from '../typology/index.js';
import type { AssessedSignal, Assessment, Span, Verdict } from './assessment.js';
import {
  parseConversation,
  SpeakerDirectory,
  type ConversationInput,
  type ParsedTurn,
  type SpeakerRole,
  type Turn,
} from './conversation.js';
import { extractEntities, type Entity } from './entities.js';
import { compileLexicon, type CompiledLexicon } from './lexicon.js';
import { matchText } from './matcher.js';
import { normalize } from './normalize.js';
import { loadModel, Scorer, type ScorerModel } from './scorer.js';

/** The conversation analyzer: compiled once, then used for any number of conversations and streams. */
export class TextAnalyzer {
  readonly lexicon: CompiledLexicon;
  readonly scorer: Scorer;
  readonly speakers: SpeakerDirectory;
  private readonly stageOrder: Map<StageId, number>;

  constructor(
    readonly typology: Typology = TYPOLOGY,
    model: ScorerModel = loadModel(typology),
  ) {
    this.lexicon = compileLexicon(typology);
    this.scorer = new Scorer(model, typology.signals);
    this.speakers = new SpeakerDirectory(typology);
    this.stageOrder = new Map(typology.stages.map((s) => [s.id, s.order]));
  }

  parse(input: ConversationInput): ParsedTurn[] {
    return parseConversation(input, this.speakers);
  }

  assess(input: ConversationInput): Assessment {
    return this.assessTurns(this.parse(input));
  }

  assessTurns(turns: readonly ParsedTurn[]): Assessment {
    const stream = this.stream();
    for (const t of turns) stream.ingest(t);
    return stream.assessment();
  }

  stream(): ConversationStream {
    return new ConversationStream(this);
  }

  /** @internal */
  stageRank(stage: StageId): number {
    return this.stageOrder.get(stage) ?? 0;
  }
}

interface Evidence {
  spans: Span[];
  firstTurn: number;
  firstStart: number;
  /** Some of it is the other party's words (or a narrative's), not only the protected person's. */
  byOther: boolean;
  /** Some of it was spoken by the other party in a labelled turn, not retold by the person or a narrative. */
  live: boolean;
  /** The first turn in which the other party said it live, or -1. */
  liveTurn: number;
}

/**
 * A turn of the protected person longer than this (letters and digits, punctuation and spaces not
 * counted) says something of substance: after it, a problem the other party brings up may be an
 * answer to her (我的快递丢了 → 给您理赔), not an unsolicited pretext. 喂，哪位？ / 是我 / 在用，咋了 are not.
 */
export const PERSON_SPOKE_CHARS = 8;

/** The live attempt rule's inputs (see SignalDef.attempt). */
export interface LiveAttempt {
  claim: boolean;
  pretext: boolean;
  push: boolean;
  official: boolean;
  /** All of it: the other party's unsolicited attempt, a scam at the hook or pretext. */
  scam: boolean;
}

/**
 * Push turns one by one and read the assessment after each. The first turn at which the
 * conversation became a scam is kept, so a live call can be interrupted at that moment.
 */
export class ConversationStream {
  private readonly evidence = new Map<number, Evidence>();
  private readonly entities: Entity[] = [];
  private turnCount = 0;
  private firstScam: number | null = null;
  /** The first turn of the other party, and the first in which the protected person said something of substance. */
  private otherFirst = -1;
  private personSpoke = -1;
  /** The first turn in which the protected person retold someone else's call or message (有人打电话说…). */
  private personRetold = -1;
  /** Speakers whose turns read as a notice or retelling (a training, the news): their next turns continue it. */
  private readonly noticeSpeakers = new Set<string>();

  constructor(private readonly analyzer: TextAnalyzer) {}

  /** Adds a turn and returns the assessment of the conversation so far. */
  push(turn: Turn | string): Assessment {
    const t: Turn = typeof turn === 'string' ? { speaker: null, text: turn } : turn;
    this.ingest({ ...t, role: this.analyzer.speakers.role(t.speaker), offset: 0 });
    return this.assessment();
  }

  /** @internal Adds a parsed turn; cheap, so batch assessment builds the full result only once. */
  ingest(turn: ParsedTurn): void {
    const index = this.turnCount++;
    const { lexicon } = this.analyzer;
    const norm = normalize(turn.text, lexicon.aliases);
    if (turn.role === 'other' && this.otherFirst < 0) this.otherFirst = index;
    if (turn.role === 'self' && this.personSpoke < 0 && substance(turn.text) > PERSON_SPOKE_CHARS) this.personSpoke = index;
    const speakerKey = turn.speaker ?? '';
    const { signals, apps, notice, reported } = matchText(lexicon, norm, this.noticeSpeakers.has(speakerKey));
    if (notice) this.noticeSpeakers.add(speakerKey);
    if (turn.role === 'self' && this.personRetold < 0 && reported.length > 0) this.personRetold = index;
    for (const hit of signals) {
      const def = lexicon.signals[hit.signal];
      // 有人打电话说…，让我加他QQ: in the person's own turn, retold words are the caller's.
      const role = turn.role === 'self' && reported.some((r) => hit.start >= r.start && hit.start < r.end) ? 'unknown' : turn.role;
      if (!speaks(def.speaker, role)) continue;
      const start = norm.start[hit.start];
      const end = norm.end[hit.end - 1];
      const span: Span = { turn: index, start, end, text: turn.text.slice(start, end) };
      const byOther = role !== 'self';
      const live = role === 'other';
      const ev = this.evidence.get(hit.signal);
      if (ev) {
        mergeSpan(ev.spans, span, turn.text);
        ev.byOther ||= byOther;
        if (live && !ev.live) ev.liveTurn = index;
        ev.live ||= live;
      } else
        this.evidence.set(hit.signal, {
          spans: [span],
          firstTurn: index,
          firstStart: start,
          byOther,
          live,
          liveTurn: live ? index : -1,
        });
    }
    for (const e of extractEntities(norm, index, turn.text)) this.entities.push(e);
    for (const a of apps) {
      const start = norm.start[a.start];
      const end = norm.end[a.end - 1];
      this.entities.push({
        type: 'app',
        value: lexicon.typology.apps[a.app].name,
        turn: index,
        start,
        end,
        text: turn.text.slice(start, end),
      });
    }
    if (this.firstScam === null && this.evaluate().scam) this.firstScam = index;
  }

  /** Which signals the conversation raised and how many stages they span: the scorer's input. */
  features(): { present: number[]; stageSpan: number; mechanic: boolean; mechanicWeight: number; turnedAway: boolean } {
    const { lexicon, scorer } = this.analyzer;
    const present = [...this.evidence.keys()].sort((a, b) => a - b);
    const stages = new Set<StageId>();
    let mechanic = false;
    let mechanicWeight = 0;
    let liveMechanic = false;
    let refused = false;
    let complied = false;
    let debunkedLive = false;
    let firstLiveProblem = Infinity;
    const official = present.some((s) => {
      const ev = this.evidence.get(s) as Evidence;
      return ev.live && lexicon.signals[s].attempt?.includes('official') === true;
    });
    for (const s of present) {
      const def = lexicon.signals[s];
      const ev = this.evidence.get(s) as Evidence;
      // The scam's machinery as the other party (or a narrative) tells it: the protected person
      // saying 我不会共享屏幕 is not a screen share.
      if (def.mechanic && ev.byOther && !(def.paidOfficially && official)) {
        mechanic = true;
        mechanicWeight += scorer.weights[s];
        liveMechanic ||= ev.live;
      }
      if (def.outcome === 'refused') refused = true;
      // DEBUNKED: the real service (or a relative) in this conversation says that call was a fraud.
      if (def.outcome === 'refused' && def.speaker === 'other' && ev.live) debunkedLive = true;
      if (ev.live && def.stage !== 'hook' && def.stage !== 'exit') firstLiveProblem = Math.min(firstLiveProblem, ev.liveTurn);
      else if (def.outcome === 'complied') complied = true;
      if (def.marksStage !== false && def.stage !== 'exit') stages.add(def.stage);
    }
    // A story about an attempt that was turned away: every mechanic retold (none spoken by the other
    // party in this conversation), the person refused, and she tells of no step she followed.
    // The person checks with the real service: she retold a call or message (有人打电话说…) before the
    // other party brought up any problem or step, the other party tells her it was a fraud, and she
    // tells of no step she followed. Its 备用金 and 验证码 are warnings about that call, not the scam.
    const checkedWithService = debunkedLive && this.personRetold >= 0 && this.personRetold < firstLiveProblem;
    const turnedAway = mechanic && !complied && ((!liveMechanic && refused) || checkedWithService);
    return { present, stageSpan: stages.size, mechanic, mechanicWeight, turnedAway };
  }

  /**
   * A live attempt at the hook or pretext: the other party opened the conversation, brought up the
   * pretext before the person said anything of substance, claims to be the service (or recites the
   * order) and pushes (an unsolicited refund or cancellation, urgency, a threat), all in its own
   * labelled turns, and never points to the real process (原路退回, 在App订单页申请, 不会索取验证码).
   * By the labelling rule that is a scam however early the person refuses; retold attempts and
   * unlabelled texts never meet it (nothing in them is live).
   */
  liveAttempt(): LiveAttempt {
    const { lexicon } = this.analyzer;
    let claim = false;
    let pretext = false;
    let push = false;
    let official = false;
    const opened = this.otherFirst >= 0 && (this.personSpoke < 0 || this.otherFirst < this.personSpoke);
    for (const [s, ev] of this.evidence) {
      const def = lexicon.signals[s];
      if (!ev.live) continue;
      const roles = def.attempt;
      // A step of the machinery the other party asks for live pushes as hard as an offer, and only the
      // scam's "service" asks for it (not a mechanic whose roles are given as none: INFO_REQUEST).
      if (def.mechanic && roles?.length !== 0) push = claim = true;
      if (!roles) continue;
      for (const r of roles) {
        if (r === 'claim') claim = true;
        else if (r === 'push') push = true;
        else if (r === 'official') official = true;
        else if (this.personSpoke < 0 || ev.liveTurn < this.personSpoke) pretext = true;
      }
    }
    return { claim, pretext, push, official, scam: opened && claim && pretext && push && !official };
  }

  private evaluate(): { present: number[]; score: number; scam: boolean; verdict: Verdict; stageSpan: number } {
    const { scorer } = this.analyzer;
    const { present, stageSpan, mechanic, mechanicWeight, turnedAway } = this.features();
    const score = scorer.probability(present, stageSpan);
    const scam =
      (mechanic && !turnedAway && mechanicWeight >= (scorer.model.mechanicThreshold ?? -Infinity) && score >= scorer.model.threshold) ||
      this.liveAttempt().scam;
    const verdict: Verdict = scam ? 'scam' : score >= scorer.model.suspiciousThreshold || mechanic ? 'suspicious' : 'safe';
    return { present, score, scam, verdict, stageSpan };
  }

  assessment(): Assessment {
    const { lexicon, scorer, typology } = this.analyzer;
    const { present, score, scam, verdict } = this.evaluate();
    let stage: StageId | null = null;
    const reached = new Set<StageId>();
    const familyScore = new Map<FamilyId, { weight: number; turn: number; start: number }>();
    const signals: AssessedSignal[] = [];
    for (const s of present) {
      const def = lexicon.signals[s];
      const ev = this.evidence.get(s) as Evidence;
      if (def.marksStage !== false) {
        reached.add(def.stage);
        if (def.stage !== 'exit' && (stage === null || this.analyzer.stageRank(def.stage) > this.analyzer.stageRank(stage)))
          stage = def.stage;
      }
      if (def.family) {
        const f = familyScore.get(def.family);
        // The analyst's weights, not the trained ones: family is about what the pretext says,
        // and the trained weights lean towards whichever family the training data had most of.
        const w = def.weight;
        if (f) f.weight += w;
        else familyScore.set(def.family, { weight: w, turn: ev.firstTurn, start: ev.firstStart });
      }
      signals.push({
        code: def.code,
        stage: def.stage,
        ...(def.family ? { family: def.family } : {}),
        mechanic: def.mechanic,
        contribution: round(scorer.weights[s]),
        description: def.description,
        spans: ev.spans,
      });
    }
    signals.sort((a, b) => b.contribution - a.contribution);
    let family: FamilyId | null = null;
    let best: { weight: number; turn: number; start: number } | null = null;
    for (const [id, f] of familyScore) {
      if (
        !best ||
        f.weight > best.weight + 1e-9 ||
        (Math.abs(f.weight - best.weight) <= 1e-9 && (f.turn < best.turn || (f.turn === best.turn && f.start < best.start)))
      ) {
        best = f;
        family = id;
      }
    }
    if (verdict === 'safe') stage = null;
    const stagesReached = typology.stages.filter((s) => reached.has(s.id)).map((s) => s.id);
    return {
      typologyVersion: typology.version,
      modelVersion: scorer.model.version,
      scam,
      verdict,
      score: round(score),
      stage,
      family: verdict === 'safe' ? null : family,
      stagesReached,
      signals,
      entities: this.entities.slice(),
      advice: this.advice(verdict, stage, family),
      firstScamTurn: this.firstScam,
      turns: this.turnCount,
    };
  }

  private advice(verdict: Verdict, stage: StageId | null, family: FamilyId | null): { zh: string; en: string } {
    const { advice } = this.analyzer.typology;
    if (verdict === 'safe') return advice.safe;
    const now = advice.stages.find((a) => a.stage === (stage ?? 'hook'))?.now ?? advice.general;
    const fact = family ? advice.families.find((a) => a.family === family)?.fact : undefined;
    return fact ? { zh: `${now.zh}${fact.zh}`, en: `${now.en} ${fact.en}` } : now;
  }
}

/** Overlapping evidence for one signal becomes one span, so highlights never nest. */
function mergeSpan(spans: Span[], span: Span, text: string): void {
  for (const s of spans) {
    if (s.turn === span.turn && span.start < s.end && s.start < span.end) {
      s.start = Math.min(s.start, span.start);
      s.end = Math.max(s.end, span.end);
      s.text = text.slice(s.start, s.end);
      return;
    }
  }
  spans.push(span);
}

/** Letters, digits and CJK characters in a text: what a turn says, without punctuation and spaces. */
function substance(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x4e00 && c <= 0x9fff)) n++;
  }
  return n;
}

function speaks(scope: 'other' | 'self' | 'any', role: SpeakerRole): boolean {
  if (scope === 'any' || role === 'unknown') return true;
  return scope === role;
}

const round = (n: number): number => Math.round(n * 10000) / 10000;

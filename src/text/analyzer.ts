import { TYPOLOGY, type FamilyId, type StageId, type Typology } from '../typology/index.js';
import type { AssessedNgram, AssessedSignal, Assessment, Span, Verdict } from './assessment.js';
import {
  parseConversation,
  SpeakerDirectory,
  type ConversationInput,
  type ParsedTurn,
  type SpeakerRole,
  type Turn,
} from './conversation.js';
import { answerTo, askedStep, type AskedStep } from './answers.js';
import { extractEntities, type Entity } from './entities.js';
import { isClauseBoundary } from './fold.js';
import { compileLexicon, type CompiledLexicon } from './lexicon.js';
import { matchText } from './matcher.js';
import { GramTally, GramUnits, gramKeys, SIDE_NAMES, SIDE_NARRATIVE, SIDE_NEGATED, SIDE_NOTICE, SIDE_OTHER, SIDE_SELF } from './ngrams.js';
import { normalize, type NormalizedText } from './normalize.js';
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
    // The stream never outlives this call, so it may count n-grams in the analyzer's scratch tally
    // (grown once, not per conversation).
    const stream = new ConversationStream(this, {}, this.scratchTally());
    for (const t of turns) stream.ingest(t);
    return stream.assessment();
  }

  stream(options: StreamOptions = {}): ConversationStream {
    return new ConversationStream(this, options);
  }

  private scratch: GramTally | null = null;
  private scratchTally(): GramTally | null {
    const table = this.scorer.ngrams;
    if (table === null) return null;
    this.scratch ??= new GramTally(table);
    this.scratch.reset();
    return this.scratch;
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

export interface StreamOptions {
  /**
   * Collect every n-gram key of the conversation (`gramKeys()`), for training a vocabulary that does
   * not exist yet. Off in normal use: then only the model's n-grams are looked up.
   */
  collectGrams?: { min: number; max: number; negation: boolean };
}

interface Evaluation {
  present: number[];
  score: number;
  logit: number;
  scam: boolean;
  verdict: Verdict;
  stageSpan: number;
}

/**
 * Whether the person is the subject of a step told inside retold words (我加了, 我就按他说的加了, 俺点了): 我 or 俺
 * in the hit itself, or earlier in its clause with no 说 between (他说领了之后…: the caller's words from 说 on).
 */
function personIsSubject(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isPerson(text.charCodeAt(i))) return true;
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isClauseBoundary(c) || c === 0x8bf4) return false; // 说
    if (isPerson(c)) return true;
  }
  return false;
}

const isPerson = (c: number): boolean => c === 0x6211 || c === 0x4ffa; // 我, 俺

/** Scratch for the n-gram pass of one turn (analysis is synchronous). */
const UNITS = new GramUnits();

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
  /**
   * Whether every turn so far is a labelled turn of the other side, the first such label, and whether a
   * second, different one spoke: the service's own people talking among themselves (理赔员A / 理赔员B).
   */
  private staffOnly = true;
  private firstOtherLabel: string | null = null;
  private twoOtherLabels = false;
  /** The first turn in which the protected person retold someone else's call or message (有人打电话说…). */
  private personRetold = -1;
  /** The label of the first labelled turn when it is the other party's (a chat it opened), else null. */
  private openedByLabel: string | null = null;
  private labelled = false;
  /** The step the other party's last turn asked her about (你加了吗？), for her next turn's answer; null if none. */
  private askedStep: AskedStep | null = null;
  /** Speakers whose turns read as a notice or retelling (a training, the news): their next turns continue it. */
  private readonly noticeSpeakers = new Set<string>();
  /** Speakers whose last turn was a notice's header alone (`各位同学注意一下：`): their next turn may start the notice. */
  private readonly headerSpeakers = new Set<string>();
  /** The model's n-grams found so far, each once (the first place it was said), and their log-odds by side. */
  private readonly tally: GramTally | null;
  /** Each turn's text, to show the n-grams' evidence (only with an n-gram model). */
  private readonly texts: string[] = [];
  private readonly collected: string[] | null;

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly options: StreamOptions = {},
    tally?: GramTally | null,
  ) {
    this.collected = options.collectGrams ? [] : null;
    const table = analyzer.scorer.ngrams;
    this.tally = tally !== undefined ? tally : table ? new GramTally(table) : null;
  }

  /** Adds a turn and returns the assessment of the conversation so far. */
  push(turn: Turn | string): Assessment {
    const t: Turn = typeof turn === 'string' ? { speaker: null, text: turn } : turn;
    this.ingest({ ...t, role: this.analyzer.speakers.role(t.speaker), offset: 0 });
    return this.assessment();
  }

  /** @internal Adds a parsed turn; cheap, so batch assessment builds the full result only once. */
  ingest(turn: ParsedTurn): void {
    const index = this.turnCount++;
    this.evaluated = null;
    const { lexicon } = this.analyzer;
    const norm = normalize(turn.text, lexicon.aliases);
    if (turn.role === 'other' && this.otherFirst < 0) this.otherFirst = index;
    // A status bar or a number above a screenshot's chat (17:40 4G 55%) opens nothing; words before it (a buyer's own
    // lines the parser could not label) do.
    if (!this.labelled && (turn.speaker !== null || (turn.text.match(HAN) ?? []).length >= 6)) {
      this.labelled = true;
      if (turn.role === 'other' && turn.speaker !== null) this.openedByLabel = turn.speaker;
    }
    if (turn.role !== 'other' || turn.speaker === null) this.staffOnly = false;
    else if (this.firstOtherLabel === null) this.firstOtherLabel = turn.speaker;
    else if (turn.speaker !== this.firstOtherLabel) this.twoOtherLabels = true;
    if (turn.role === 'self' && this.personSpoke < 0 && substance(turn.text) > PERSON_SPOKE_CHARS) this.personSpoke = index;
    // 您昨天报案说车辆被盗了: the other party answers her own report, so she has in effect spoken first.
    if (turn.role === 'other' && this.personSpoke < 0 && lexicon.callbacks.some((c) => norm.text.includes(c))) this.personSpoke = index;
    const speakerKey = turn.speaker ?? '';
    // An interview's journalist or police officer, a talk's host, a quiz's questions, a forum thread's replies: a
    // notice from the first turn.
    const bystander = turn.speaker !== null && presenter(turn.speaker, lexicon.notice.bystanders);
    if (turn.speaker !== null && !this.noticeSpeakers.has(speakerKey) && (bystander || presenter(turn.speaker, lexicon.notice.speakers))) {
      this.noticeSpeakers.add(speakerKey);
    }
    const tally = this.tally;
    const negation = tally !== null ? tally.table.negation : this.options.collectGrams?.negation === true;
    const { signals, apps, notice, header, reported, noticeRanges, negatedRanges } = matchText(
      lexicon,
      norm,
      this.noticeSpeakers.has(speakerKey),
      negation,
      this.headerSpeakers.delete(speakerKey),
    );
    if (notice) this.noticeSpeakers.add(speakerKey);
    else if (header) this.headerSpeakers.add(speakerKey);
    if (turn.role === 'self' && this.personRetold < 0 && reported.length > 0) this.personRetold = index;
    for (const hit of signals) {
      const def = lexicon.signals[hit.signal];
      // 有人打电话说…，让我加他QQ: in the person's own turn, retold words are the caller's. A step of his reaching
      // into them is too (给我发了个短信，让我点进去, 1.19.0, dev22); her own outcome is hers where it starts (照他说的).
      const retold =
        turn.role === 'self' && reported.some((r) => (def.outcome ? hit.start >= r.start : hit.end > r.start) && hit.start < r.end);
      const role = retold ? 'unknown' : turn.role;
      if (!speaks(def.speaker, role)) continue;
      // A reply's 是骗子 / 赶紧挂了 is a bystander's advice: it says nothing of whether the poster turned away.
      if (bystander && def.outcome === 'refused') continue;
      // 他说领了之后把多出来的还给他就行: a step in the caller's retold instructions is hers only with her as its subject.
      if (retold && def.outcome === 'complied' && !personIsSubject(norm.text, hit.start, hit.end)) continue;
      const start = norm.start[hit.start];
      const end = norm.end[hit.end - 1];
      const span: Span = { turn: index, start, end, text: turn.text.slice(start, end) };
      this.record(hit.signal, span, turn.text, role !== 'self', role === 'other', index);
    }
    this.answer(turn, norm, index);
    if (tally !== null || this.collected !== null) {
      // The same sides as the signals' speaker scopes: a caller retold in the person's turn is a narrative's words.
      UNITS.fill(norm, turn.role === 'other' ? SIDE_OTHER : turn.role === 'self' ? SIDE_SELF : SIDE_NARRATIVE);
      if (turn.role === 'self') for (const r of reported) UNITS.setSide(r.start, r.end, SIDE_NARRATIVE);
      for (const r of negatedRanges) UNITS.setSide(r.start, r.end, SIDE_NEGATED);
      for (const r of noticeRanges) UNITS.setSide(r.start, r.end, SIDE_NOTICE);
      if (tally !== null) {
        tally.table.scan(UNITS, tally, norm, index);
        this.texts.push(turn.text);
      }
      if (this.collected !== null) {
        const { min, max } = this.options.collectGrams as { min: number; max: number };
        gramKeys(UNITS, min, max, this.collected);
      }
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

  private record(signal: number, span: Span, text: string, byOther: boolean, live: boolean, index: number): void {
    const ev = this.evidence.get(signal);
    if (ev) {
      mergeSpan(ev.spans, span, text);
      ev.byOther ||= byOther;
      if (live && !ev.live) ev.liveTurn = index;
      ev.live ||= live;
    } else
      this.evidence.set(signal, { spans: [span], firstTurn: index, firstStart: span.start, byOther, live, liveTurn: live ? index : -1 });
  }

  /** 你加了吗？ — 加了，刚加上: her short answer to the other party's question about a step tells the step. */
  private answer(turn: ParsedTurn, norm: NormalizedText, index: number): void {
    const { lexicon } = this.analyzer;
    if (turn.role === 'other') {
      this.askedStep = askedStep(norm.text, lexicon.answers);
      return;
    }
    const asked = this.askedStep;
    this.askedStep = null;
    if (asked === null || turn.role !== 'self') return;
    const found = answerTo(asked, norm.text, lexicon.answers);
    const signal = found === null ? -1 : found.outcome === 'complied' ? lexicon.complied : lexicon.refused;
    if (found === null || signal < 0) return;
    const start = norm.start[found.start];
    const end = norm.end[found.end - 1];
    this.record(signal, { turn: index, start, end, text: turn.text.slice(start, end) }, turn.text, false, false, index);
  }

  /** Every n-gram key said so far (with `collectGrams`), each once, in the order first said. */
  gramKeys(): string[] {
    return [...new Set(this.collected ?? [])];
  }

  /** The n-grams' share of the log-odds: all of them, and the other party's (live or a narrative's). */
  gramLogits(): { total: number; other: number; live: number } {
    if (this.tally === null) return { total: 0, other: 0, live: 0 };
    const g = this.tally.bySide;
    return { total: g[0] + g[1] + g[2] + g[3] + g[4], other: g[SIDE_OTHER] + g[SIDE_NARRATIVE], live: g[SIDE_OTHER] };
  }

  /**
   * Which signals the conversation raised and how many stages they span: the scorer's input.
   * `gramMechanic`: the other party's n-grams stand in for a mechanic (`any`), said live (`live`).
   */
  features(gramMechanic: { any: boolean; live: boolean } = { any: false, live: false }): {
    present: number[];
    stageSpan: number;
    mechanic: boolean;
    mechanicWeight: number;
    turnedAway: boolean;
    retoldFollowed: boolean;
  } {
    const { lexicon, scorer } = this.analyzer;
    const present = this.evidence.size === 0 ? [] : [...this.evidence.keys()].sort(ascending);
    const stages = new Set<StageId>();
    let mechanic = false;
    let mechanicWeight = 0;
    let retoldWeight = 0;
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
        if (!ev.live) retoldWeight += scorer.weights[s];
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
    const turnedAway =
      (mechanic || gramMechanic.any) && !complied && ((!liveMechanic && !gramMechanic.live && refused) || checkedWithService);
    // The person tells the real service (which says it was a fraud) what the caller had her do, and that she
    // did at least one step: by the labelling rule a scam, however reassuring the service's own words read.
    const threshold = scorer.model.mechanicThreshold ?? -Infinity;
    const retoldFollowed = debunkedLive && complied && this.personRetold >= 0 && retoldWeight >= threshold;
    return { present, stageSpan: stages.size, mechanic, mechanicWeight, turnedAway, retoldFollowed };
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
    // A chat's sender name is its claim (天猫售后, 京东物流-赔付组 王工), as 我是天猫客服 would be, when the chat is
    // theirs from its first labelled turn (1.20.0, dev23).
    let claim = this.openedByLabel !== null && SERVICE_LABEL.test(this.openedByLabel);
    let pretext = false;
    let push = false;
    let official = false;
    // Staff talking among themselves: nobody for an attempt to be made on.
    const opened =
      this.otherFirst >= 0 && (this.personSpoke < 0 || this.otherFirst < this.personSpoke) && !(this.staffOnly && this.twoOtherLabels);
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

  private evaluated: Evaluation | null = null;

  /** The verdict on the turns so far (kept until the next turn: ingest and assessment both ask for it). */
  private evaluate(): Evaluation {
    this.evaluated ??= this.evaluateNow();
    return this.evaluated;
  }

  private evaluateNow(): Evaluation {
    const { scorer } = this.analyzer;
    const grams = this.gramLogits();
    const gramThreshold = scorer.model.ngramMechanicThreshold ?? Infinity;
    const gramMechanic = { any: grams.other >= gramThreshold, live: grams.live >= gramThreshold };
    const { present, stageSpan, mechanic, mechanicWeight, turnedAway, retoldFollowed } = this.features(gramMechanic);
    const logit = scorer.logit(present, stageSpan) + grams.total;
    const score = scorer.calibrate(logit);
    // The machinery, as the lexicon knows it (mechanic signals with enough trained weight) or as the other
    // party's n-grams say it (a paraphrase nobody wrote down) — unless the other party points to the real
    // process live (原路退回, 拨打卡片背面的电话, 不会索取验证码): n-grams alone never outweigh that, as a bank's
    // own anti-fraud call reads much like the scam's opening.
    const lexiconMachinery = mechanic && mechanicWeight >= (scorer.model.mechanicThreshold ?? -Infinity);
    const machinery = lexiconMachinery || (gramMechanic.any && !this.liveAttempt().official);
    const scam = (machinery && !turnedAway && score >= scorer.model.threshold) || retoldFollowed || this.liveAttempt().scam;
    const verdict: Verdict = scam ? 'scam' : score >= scorer.model.suspiciousThreshold || mechanic ? 'suspicious' : 'safe';
    return { present, score, logit, scam, verdict, stageSpan };
  }

  assessment(): Assessment {
    const { lexicon, scorer, typology } = this.analyzer;
    const { present, score, logit, scam, verdict } = this.evaluate();
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
      const { code, mechanic, description } = def;
      const contribution = round(scorer.weights[s]);
      // Two literals rather than a spread of `family`: the spread took V8's generic property-copying path.
      signals.push(
        def.family
          ? { code, stage: def.stage, family: def.family, mechanic, contribution, description, spans: ev.spans }
          : { code, stage: def.stage, mechanic, contribution, description, spans: ev.spans },
      );
    }
    signals.sort(byContribution);
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
    const ngrams: AssessedNgram[] = [];
    if (this.tally !== null) {
      const { table, hits, top, topCount } = this.tally;
      for (let i = 0; i < topCount; i++) {
        const k = top[i];
        const entry = hits[4 * k];
        const turn = hits[4 * k + 1];
        const start = hits[4 * k + 2];
        const end = hits[4 * k + 3];
        ngrams.push({
          gram: table.gram(entry),
          side: SIDE_NAMES[table.sides[entry]],
          contribution: round(table.weights[entry]),
          span: { turn, start, end, text: this.texts[turn].slice(start, end) },
        });
      }
    }
    const stagesReached: StageId[] = [];
    for (const s of typology.stages) if (reached.has(s.id)) stagesReached.push(s.id);
    return {
      typologyVersion: typology.version,
      modelVersion: scorer.model.version,
      scam,
      verdict,
      score: round(score),
      logit: round(logit),
      bias: scorer.model.bias,
      ngramContribution: round(this.gramLogits().total),
      stage,
      family: verdict === 'safe' ? null : family,
      stagesReached,
      signals,
      ngrams,
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
const HAN = /\p{Script=Han}/gu;

/** A speaker label that names a company's service desk (天猫售后, 顺丰理赔中心, XX官方旗舰店). */
const SERVICE_LABEL = /客服|售后|理赔|赔付|专员|官方|旗舰店|服务中心/u;

const ascending = (a: number, b: number): number => a - b;
const byContribution = (a: AssessedSignal, b: AssessedSignal): number => b.contribution - a.contribution;

/** Whether a speaker label is an interview's or a talk's presenter (typology NOTICE.speakers). */
function presenter(label: string, speakers: readonly string[]): boolean {
  const l = label.trim();
  for (const w of speakers) if (l === w || (w.length > 1 && l.startsWith(w))) return true;
  return false;
}

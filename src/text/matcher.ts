import type { NoticeLexicon } from '../typology/lexicon.js';
import { MAX_PARTS, type CompiledLexicon } from './lexicon.js';
import type { NormalizedText } from './normalize.js';
import { isClauseBoundary, isPersonalPhone } from './fold.js';
import { collectNumbers, mergeHits, NUMBER } from './hits.js';
import { IntBuffer } from './int-buffer.js';

/** A signal raised in one piece of normalized text: [start, end) in normalized offsets. */
export interface RawSignalHit {
  signal: number;
  start: number;
  end: number;
}

export interface RawAppHit {
  app: number;
  start: number;
  end: number;
}

/** How far back a negator reaches, and how far ahead a "…是骗子" warning, within one clause. */
const NEGATION_WINDOW = 10;
/** A clause negator (不会, 从不…) reaches this far back, still within one clause. */
const CLAUSE_NEGATION_WINDOW = 40;
const WARNING_WINDOW = 12;
const CONDITIONAL_WINDOW = 3;
const UNLESS_WINDOW = 6;
/** How far a clause's or a sentence's veto (`unlessClause`, `unlessSentence`) reaches either way at most. */
const CLAUSE_REACH = 24;
const SENTENCE_REACH = 80;

export interface Range {
  start: number;
  end: number;
}

const NO_RANGES: readonly Range[] = Object.freeze([]);
const NO_CUES: NoticeCues = Object.freeze({ headers: NO_RANGES, actors: NO_RANGES, concepts: 0, hypotheticals: NO_RANGES });
/*
 * Scratch space reused from turn to turn (matching is synchronous: one text at a time, and nothing
 * here outlives the call): the automaton's match triples, the digit runs, both merged (hits.ts),
 * clause counts, and the pattern chains.
 */
const FOUND = new IntBuffer();
const NUMBERS = new IntBuffer();
const MERGED = new IntBuffer();
let BOUNDARIES = new Uint16Array(1024);
/**
 * The latest partial match of each (pattern, part), at `pattern * MAX_PARTS + part`; an entry counts only
 * when its stamp is the current turn's, so starting a turn costs one increment, not a clear.
 */
const CHAINS = { end: new Int32Array(0), start: new Int32Array(0), stamp: new Uint32Array(0), turn: 0 };

function startChains(patterns: number): void {
  const size = patterns * MAX_PARTS;
  if (CHAINS.stamp.length < size) {
    CHAINS.end = new Int32Array(size);
    CHAINS.start = new Int32Array(size);
    CHAINS.stamp = new Uint32Array(size);
    CHAINS.turn = 0;
  }
  if (CHAINS.turn === 0xffffffff) {
    CHAINS.stamp.fill(0);
    CHAINS.turn = 0;
  }
  CHAINS.turn++;
}

export interface TurnMatch {
  signals: RawSignalHit[];
  apps: RawAppHit[];
  /** The turn reads as a notice or retelling (温馨提示…, 诈骗分子会…): the speaker's next turns are read as one too. */
  notice: boolean;
  /**
   * A notice's header in a turn that does not itself talk about fraud (`@全体成员 各位同学注意一下：`): the same
   * speaker's next turn is a notice if it does.
   */
  header: boolean;
  /** Signal hits dropped because they sit in a notice or reported-speech sentence. */
  suppressed: number;
  /** Normalized ranges read as a notice or generic description (their signals are dropped). */
  noticeRanges: readonly Range[];
  /**
   * Normalized ranges a negator or a warning covers (我们不会【索取验证码】, 【让你加QQ退款】的都是骗子), where a
   * signal would be cancelled; computed only when asked for (`scopes`), for the n-grams' sides.
   */
  negatedRanges: readonly Range[];
  /**
   * Normalized ranges retelling someone else's words (…打电话说…，让我…, to the end of the sentence):
   * in the person's own turn these are the caller's words.
   */
  reported: readonly Range[];
}

/**
 * Finds the signals in one turn. Which turns count for which signal (speaker scope) is the caller's
 * business; this decides only what the text says: negation, warnings, and notices. `inNotice` says
 * the same speaker's earlier turn was a notice (a training, a retold news story), so this one is
 * read as its continuation; `headerBefore`, that it ended with a notice's header and nothing about fraud.
 */
export function matchText(
  lexicon: CompiledLexicon,
  norm: NormalizedText,
  inNotice = false,
  scopes = false,
  headerBefore = false,
): TurnMatch {
  const { text } = norm;
  const found = FOUND;
  found.clear();
  lexicon.automaton.collect(text, found);
  const numbers = NUMBERS;
  numbers.clear();
  if (lexicon.numRoles.length > 0) collectNumbers(text, numbers);
  const signals: RawSignalHit[] = [];
  const apps: RawAppHit[] = [];
  if (found.length === 0 && numbers.length === 0) {
    // Nothing matched, but a continued notice (the same speaker's training or news story) still covers it.
    const noticeRanges = inNotice ? findNotices(text, lexicon.notice, NO_CUES, true, BOUNDARIES).ranges : NO_RANGES;
    return { signals, apps, notice: inNotice, header: false, suppressed: 0, reported: NO_RANGES, noticeRanges, negatedRanges: NO_RANGES };
  }
  // `id, start, end` triples in order of end, then start (the automaton's order when no digit run needs merging in).
  let hits = found;
  if (numbers.length > 0) {
    hits = MERGED;
    hits.clear();
    mergeHits(found, numbers, hits);
  }
  const triples = hits.data;
  const count = hits.length;

  // Clause boundaries before each position: two offsets share a clause when the counts agree.
  if (BOUNDARIES.length < text.length + 1) BOUNDARIES = new Uint16Array(Math.max(text.length + 1, BOUNDARIES.length * 2));
  const boundaries = BOUNDARIES;
  boundaries[0] = 0;
  for (let i = 0, clauses = 0; i < text.length; i++) {
    if (isClauseBoundary(text.charCodeAt(i))) clauses++;
    boundaries[i + 1] = clauses;
  }

  const run = RUN.begin(lexicon, text, boundaries, signals);
  const { cues } = run;
  const { roles, otherRoles, partFrom, partPairs, numRoles } = lexicon;
  let reported: Range[] | null = null;
  for (let k = 0; k < count; k += 3) {
    const id = triples[k]!;
    // Most literals are only pattern parts, read in the second pass.
    if (id === NUMBER || otherRoles[id] === 0) continue;
    const h: Range = { start: triples[k + 1]!, end: triples[k + 2]! };
    for (const role of roles[id]) {
      if (role.kind === 'negator') run.negators.push(h);
      else if (role.kind === 'clause-negator') run.clauseNegators.push(h);
      else if (role.kind === 'notice-header') cues.headers.push(h);
      else if (role.kind === 'notice-actor') cues.actors.push(h);
      else if (role.kind === 'notice-concept') cues.concepts++;
      else if (role.kind === 'notice-hypothetical') cues.hypotheticals.push(h);
      else if (role.kind === 'reported') {
        reported ??= [];
        const last = reported[reported.length - 1];
        if (!last || h.start >= last.end) reported.push({ start: h.start, end: sentenceAround(text, h.start).end });
      } else if (role.kind === 'negator-exception') run.exceptions.push(h);
      else if (role.kind === 'conditional') run.conditionals.push(h);
      else if (role.kind === 'warning') run.warnings.push(h);
      else if (role.kind === 'app') apps.push({ app: role.app, start: h.start, end: h.end });
    }
  }
  run.settleNegators();
  // A header the turn before, and this turn talks about fraud: the notice starts here.
  const continued = inNotice || (headerBefore && cues.concepts + cues.actors.length > 0);
  const notice =
    continued || cues.headers.length > 0 || cues.actors.length > 0 || cues.hypotheticals.length > 0
      ? findNotices(text, lexicon.notice, cues, continued, boundaries)
      : null;
  run.notice = notice;
  for (let k = 0; k < count; k += 3) {
    const id = triples[k]!;
    const start = triples[k + 1]!;
    const end = triples[k + 2]!;
    if (id === NUMBER) {
      for (const r of numRoles) if (!r.phone || isPersonalPhone(text, start, end)) run.advance(r.pattern, r.part, start, end);
      continue;
    }
    for (let p = partFrom[id]!, to = partFrom[id + 1]!; p < to; p++) run.advance(partPairs[2 * p]!, partPairs[2 * p + 1]!, start, end);
  }
  return {
    signals,
    apps,
    notice: notice?.turn ?? false,
    header: cues.headers.length > 0 && !(notice?.turn ?? false),
    suppressed: run.suppressed,
    reported: reported ?? NO_RANGES,
    noticeRanges: notice?.ranges ?? NO_RANGES,
    negatedRanges: scopes ? run.negatedRanges() : NO_RANGES,
  };
}

/**
 * The pattern chains and context of one turn being matched. A class rather than closures inside
 * `matchText`: it runs for every message, and each closure costs an allocation (and, under tsx, a
 * naming call) per turn. One instance (RUN) serves every turn, its lists emptied by `begin`.
 */
class TurnRun {
  negators: Range[] = [];
  clauseNegators: Range[] = [];
  exceptions: Range[] = [];
  conditionals: Range[] = [];
  warnings: Range[] = [];
  readonly cues: { headers: Range[]; actors: Range[]; concepts: number; hypotheticals: Range[] } = {
    headers: [],
    actors: [],
    concepts: 0,
    hypotheticals: [],
  };
  notice: { turn: boolean; ranges: Range[] } | null = null;
  suppressed = 0;
  /**
   * What `emit` has seen at `seenEnd`, as (signal, start) pairs: hits are read in order of end and an
   * emitted match ends where its last hit does, so a repeat can only come at the same end.
   */
  private readonly seen = new IntBuffer(32);
  private seenEnd = -1;
  private lexicon!: CompiledLexicon;
  private text = '';
  private boundaries!: Uint16Array;
  private signals!: RawSignalHit[];

  /** Starts a turn. */
  begin(lexicon: CompiledLexicon, text: string, boundaries: Uint16Array, signals: RawSignalHit[]): this {
    this.lexicon = lexicon;
    this.text = text;
    this.boundaries = boundaries;
    this.signals = signals;
    empty(this.negators);
    empty(this.clauseNegators);
    empty(this.exceptions);
    empty(this.conditionals);
    empty(this.warnings);
    empty(this.cues.headers);
    empty(this.cues.actors);
    this.cues.concepts = 0;
    empty(this.cues.hypotheticals);
    this.notice = null;
    this.suppressed = 0;
    this.seen.clear();
    this.seenEnd = -1;
    startChains(lexicon.patterns.length);
    return this;
  }

  sameClause(a: number, b: number): boolean {
    return this.boundaries[a] === this.boundaries[b];
  }

  /** What each active negator and warning reaches, as `negated` and `emit` read it (NEGATION_WINDOW, WARNING_WINDOW). */
  negatedRanges(): Range[] {
    const out: Range[] = [];
    for (const n of this.negators) this.reach(n, NEGATION_WINDOW, out);
    for (const n of this.clauseNegators) this.reach(n, CLAUSE_NEGATION_WINDOW, out);
    for (const w of this.warnings) {
      let start = w.start;
      while (start > 0 && w.start - start < WARNING_WINDOW && !isSentenceEnd(this.text.charCodeAt(start - 1))) start--;
      if (start < w.start) out.push({ start, end: w.start });
    }
    return out;
  }

  private reach(n: Range, window: number, out: Range[]): void {
    let end = n.end;
    while (end < this.text.length && end - n.end < window && this.sameClause(n.end, end + 1)) end++;
    if (end > n.end) out.push({ start: n.end, end });
  }

  /** Drops negators that an exception overlaps or a conditional just before turns into a threat (如果不关闭…). */
  settleNegators(): void {
    if (this.exceptions.length === 0 && this.conditionals.length === 0) return;
    this.negators = this.negators.filter((n) => this.active(n, false));
    this.clauseNegators = this.clauseNegators.filter((n) => this.active(n, true));
  }

  /**
   * A clause negator that spells an exception within itself stands: 是不是 asks (an exception), while
   * 是不是有人让您… is the real service's check, a clause negator of its own.
   */
  private active(n: Range, clause: boolean): boolean {
    for (const x of this.exceptions) {
      if (clause && x.start >= n.start && x.end <= n.end) continue;
      if (x.start < n.end && n.start < x.end) return false;
    }
    for (const c of this.conditionals) {
      if (c.end <= n.start && n.start - c.end <= CONDITIONAL_WINDOW && this.sameClause(c.end, n.start)) return false;
    }
    return true;
  }

  advance(pattern: number, part: number, start: number, end: number): void {
    const p = this.lexicon.patterns[pattern];
    const key = pattern * MAX_PARTS + part;
    const chains = CHAINS;
    if (part === 0) {
      if (p.parts === 1) this.emit(pattern, start, end);
      else {
        chains.end[key] = end;
        chains.start[key] = start;
        chains.stamp[key] = chains.turn;
      }
      return;
    }
    if (chains.stamp[key - 1] !== chains.turn) return;
    const prevEnd = chains.end[key - 1];
    if (prevEnd > start || start - prevEnd > p.gaps[part - 1]) return;
    if (!this.sameClause(prevEnd, start) && !(p.spans[part - 1] && sameSentence(this.text, prevEnd, start))) return;
    const from = chains.start[key - 1];
    if (part === p.parts - 1) this.emit(pattern, from, end);
    else {
      chains.end[key] = end;
      chains.start[key] = from;
      chains.stamp[key] = chains.turn;
    }
  }

  private emit(pattern: number, start: number, end: number): void {
    const { lexicon, text } = this;
    const signalIndex = lexicon.patterns[pattern].signal;
    const seen = this.seen;
    if (end !== this.seenEnd) {
      seen.clear();
      this.seenEnd = end;
    }
    for (let k = 0; k < seen.length; k += 2) if (seen.data[k] === signalIndex && seen.data[k + 1] === start) return;
    seen.push2(signalIndex, start);
    const def = lexicon.signals[signalIndex];
    if (def.negatable !== false && this.negated(pattern, start, end)) return;
    // An outcome (挂了, 这是诈骗电话) is not cancelled by the warning that often follows it (…，不要理).
    if (!def.outcome) {
      for (const w of this.warnings) if (w.start >= end && w.start - end <= WARNING_WINDOW && sameSentence(text, end, w.start)) return;
    }
    if (def.unlessAfter && vetoedAfter(text, end, def.unlessAfter)) return;
    if (def.unlessClause && vetoedAround(text, start, end, def.unlessClause, isClauseBoundary, CLAUSE_REACH)) return;
    if (def.unlessSentence && vetoedAround(text, start, end, def.unlessSentence, isSentenceEnd, SENTENCE_REACH)) return;
    // Outcomes (那就是骗子的话术, 挂了) still count in a notice: they say how the story ended.
    if (this.notice && !def.outcome && this.notice.ranges.some((r) => start >= r.start && start < r.end)) {
      this.suppressed++;
      return;
    }
    this.signals.push({ signal: signalIndex, start, end });
  }

  private negated(pattern: number, start: number, end: number): boolean {
    for (const n of this.negators) if (n.end <= start && start - n.end <= NEGATION_WINDOW && this.sameClause(n.end, start)) return true;
    for (const n of this.clauseNegators) {
      if (n.end <= start && start - n.end <= CLAUSE_NEGATION_WINDOW && this.sameClause(n.end, start)) return true;
    }
    // 不需要支付任何费用: a negator that overlaps the hit's first word (不需要 ⊃ 需要支付) negates it.
    for (const n of this.negators) if (n.start < start && n.end > start) return true;
    // 验证码请勿告诉任何人: a negator between the parts of a pattern, unless the pattern spells it itself.
    const own = this.lexicon.patterns[pattern].literals;
    for (const n of this.negators) if (n.start >= start && n.end <= end && !own.includes(this.text.slice(n.start, n.end))) return true;
    return false;
  }
}

/** What a turn has that may make it a notice (see findNotices). */
interface NoticeCues {
  readonly headers: readonly Range[];
  readonly actors: readonly Range[];
  readonly concepts: number;
  readonly hypotheticals: readonly Range[];
}

const RUN = new TurnRun();

/** Empties a reused list; setting `length` is a runtime call even when it is empty already, and most are. */
function empty(list: unknown[]): void {
  if (list.length !== 0) list.length = 0;
}

/** Sentence ends: 。！？；and line breaks (folded forms). */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0x0a || c === 0x21 || c === 0x3f || c === 0x3b;
}

function sentenceAround(text: string, at: number): Range {
  let start = at;
  while (start > 0 && !isSentenceEnd(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < text.length && !isSentenceEnd(text.charCodeAt(end))) end++;
  return { start, end };
}

function followedBy(text: string, at: number, words: readonly string[], window: number): boolean {
  for (let k = 0; k <= window && at + k < text.length; k++) {
    const c = text.charCodeAt(at + k);
    if (isSentenceEnd(c)) return false;
    for (const w of words) if (text.startsWith(w, at + k)) return true;
  }
  return false;
}

/**
 * Which parts of a turn describe the scam in general rather than tell of it happening (DESIGN §3.3
 * signals must be about this person's conversation):
 * - a notice turn (a header such as 温馨提示/培训/看新闻, or 诈骗分子会… / 骗子往往…, in a turn that
 *   talks about fraud, or a continuation of the speaker's notice): every sentence in it;
 * - otherwise 诈骗分子冒充/谎称/诱导…: the rest of that sentence; 要是有人让你…: the rest of that clause.
 * A sentence where it happened to someone specific (我…, 李女士…) always counts, so a victim's own
 * story, or a warning that retells the call she just got, still raises its signals.
 */
function findNotices(
  text: string,
  lex: NoticeLexicon,
  cues: NoticeCues,
  inNotice: boolean,
  boundaries: Uint16Array,
): { turn: boolean; ranges: Range[] } {
  const cache = new Map<number, boolean>();
  const victims = victimNames(text);
  // Where the notice starts: a header or 诈骗分子会… in a sentence that is not someone's own story.
  // A police report that tells a case and ends with 警方提示 keeps the case.
  let from = inNotice ? 0 : -1;
  if (from < 0 && cues.concepts + cues.actors.length > 0) {
    for (const t of [...cues.headers, ...cues.actors.filter((a) => followedBy(text, a.end, lex.habitual, lex.habitualWindow))]) {
      const s = sentenceAround(text, t.start);
      if (!experiential(text, s, lex, cache, victims) && (from < 0 || s.start < from)) from = s.start;
    }
  }
  const turn = from >= 0;
  const ranges: Range[] = [];
  if (turn) {
    for (let start = from; start < text.length;) {
      const s = sentenceAround(text, start);
      if (!experiential(text, s, lex, cache, victims)) ranges.push(s);
      start = s.end + 1;
    }
    // A header late in the turn (…，请大家警惕。) covers its own sentence on; the sentences before it
    // still get the sentence-level rules below.
    if (from === 0) return { turn, ranges };
  }
  const before = turn ? from : text.length;
  for (const a of cues.actors) {
    if (a.start >= before) continue;
    if (!followedBy(text, a.end, lex.describing, lex.habitualWindow)) continue;
    const s = sentenceAround(text, a.start);
    if (!experiential(text, s, lex, cache, victims)) ranges.push({ start: a.start, end: s.end });
  }
  for (const h of cues.hypotheticals) {
    if (h.start >= before) continue;
    if (!followedBy(text, h.end, lex.hypotheticalActors, 3)) continue;
    const s = sentenceAround(text, h.start);
    if (experiential(text, s, lex, cache, victims)) continue;
    let end = h.end;
    while (end < s.end && boundaries[h.end] === boundaries[end + 1]) end++;
    ranges.push({ start: h.start, end: end + 1 });
  }
  return { turn, ranges };
}

/**
 * A case record's or judgment's named victim (被害人谭某某, 受害人张某, 事主王某, 市民卢某): the sentences that name
 * her tell what happened to someone specific, though the record reads as a notice (诈骗团伙, 被告人).
 */
const VICTIM_NAME = /(?:被害人|受害人|事主|报案人|被骗人|市民)(\p{Script=Han}某{1,2})/gu;

function victimNames(text: string): readonly string[] {
  if (!text.includes('某')) return NO_NAMES;
  const names: string[] = [];
  for (const m of text.matchAll(VICTIM_NAME)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/** Whether a sentence tells of it happening to someone specific (我…, 李女士…, 谭某某); cached by sentence start. */
function experiential(text: string, s: Range, lex: NoticeLexicon, cache: Map<number, boolean>, victims: readonly string[]): boolean {
  let e = cache.get(s.start);
  if (e === undefined) {
    let sentence = text.slice(s.start, s.end);
    for (const w of lex.notExperiential) if (sentence.includes(w)) sentence = sentence.split(w).join('|');
    e = lex.experiential.some((w) => sentence.includes(w)) || victims.some((v) => sentence.includes(v));
    cache.set(s.start, e);
  }
  return e;
}

/** "…共享屏幕的，马上挂" : a warning reaches back over commas, not over a full stop. */
function sameSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isSentenceEnd(text.charCodeAt(i))) return false;
  return true;
}

/** Whether one of `words` occurs in the clause or sentence (as `boundary` cuts it) around a hit. */
function vetoedAround(
  text: string,
  start: number,
  end: number,
  words: readonly string[],
  boundary: (c: number) => boolean,
  reach: number,
): boolean {
  // A transcript without punctuation (voice-to-text) is one long clause: the veto reaches only so far.
  const floor = Math.max(0, start - reach);
  const ceiling = Math.min(text.length, end + reach);
  let from = start;
  while (from > floor && !boundary(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < ceiling && !boundary(text.charCodeAt(to))) to++;
  const window = text.slice(from, to);
  return words.some((w) => window.includes(w));
}

function vetoedAfter(text: string, end: number, words: readonly string[]): boolean {
  let stop = Math.min(text.length, end + UNLESS_WINDOW);
  for (let i = end; i < stop; i++) if (isClauseBoundary(text.charCodeAt(i))) stop = i;
  const window = text.slice(end, stop);
  return words.some((w) => window.includes(w));
}

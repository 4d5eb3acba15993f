import type { NoticeLexicon } from '../typology/lexicon.js';
import type { CompiledLexicon } from './lexicon.js';
import type { NormalizedText } from './normalize.js';
import { isClauseBoundary } from './fold.js';

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

interface Hit {
  id: number;
  start: number;
  end: number;
}
export interface Range {
  start: number;
  end: number;
}

const NUMBER = -1;

export interface TurnMatch {
  signals: RawSignalHit[];
  apps: RawAppHit[];
  /** The turn reads as a notice or retelling (温馨提示…, 诈骗分子会…): the speaker's next turns are read as one too. */
  notice: boolean;
  /** Signal hits dropped because they sit in a notice or reported-speech sentence. */
  suppressed: number;
  /**
   * Normalized ranges retelling someone else's words (…打电话说…，让我…, to the end of the sentence):
   * in the person's own turn these are the caller's words.
   */
  reported: Range[];
}

/**
 * Finds the signals in one turn. Which turns count for which signal (speaker scope) is the caller's
 * business; this decides only what the text says: negation, warnings, and notices. `inNotice` says
 * the same speaker's earlier turn was a notice (a training, a retold news story), so this one is
 * read as its continuation.
 */
export function matchText(lexicon: CompiledLexicon, norm: NormalizedText, inNotice = false): TurnMatch {
  const { text } = norm;
  const hits: Hit[] = [];
  lexicon.automaton.scan(text, (id, start, end) => hits.push({ id, start, end }));
  if (lexicon.numRoles.length > 0) collectNumbers(text, hits);
  const signals: RawSignalHit[] = [];
  const apps: RawAppHit[] = [];
  if (hits.length === 0) return { signals, apps, notice: inNotice, suppressed: 0, reported: [] };
  hits.sort((a, b) => a.end - b.end || a.start - b.start);

  // Clause boundaries before each position: two offsets share a clause when the counts agree.
  const boundaries = new Uint16Array(text.length + 1);
  for (let i = 0; i < text.length; i++) boundaries[i + 1] = boundaries[i] + (isClauseBoundary(text.charCodeAt(i)) ? 1 : 0);
  const sameClause = (a: number, b: number): boolean => boundaries[a] === boundaries[b];

  const negators: Range[] = [];
  const clauseNegators: Range[] = [];
  const exceptions: Range[] = [];
  const conditionals: Range[] = [];
  const warnings: Range[] = [];
  const cues: NoticeCues = { headers: [], actors: [], concepts: 0, hypotheticals: [] };
  const reported: Range[] = [];
  for (const h of hits) {
    if (h.id === NUMBER) continue;
    for (const role of lexicon.roles[h.id]) {
      if (role.kind === 'negator') negators.push(h);
      else if (role.kind === 'clause-negator') clauseNegators.push(h);
      else if (role.kind === 'notice-header') cues.headers.push(h);
      else if (role.kind === 'notice-actor') cues.actors.push(h);
      else if (role.kind === 'notice-concept') cues.concepts++;
      else if (role.kind === 'notice-hypothetical') cues.hypotheticals.push(h);
      else if (role.kind === 'reported') {
        const last = reported[reported.length - 1];
        if (!last || h.start >= last.end) reported.push({ start: h.start, end: sentenceAround(text, h.start).end });
      } else if (role.kind === 'negator-exception') exceptions.push(h);
      else if (role.kind === 'conditional') conditionals.push(h);
      else if (role.kind === 'warning') warnings.push(h);
      else if (role.kind === 'app') apps.push({ app: role.app, start: h.start, end: h.end });
    }
  }
  const active = (n: Range): boolean =>
    !exceptions.some((x) => x.start < n.end && n.start < x.end) &&
    !conditionals.some((c) => c.end <= n.start && n.start - c.end <= CONDITIONAL_WINDOW && sameClause(c.end, n.start));
  const activeNegators = negators.filter(active);
  const activeClauseNegators = clauseNegators.filter(active);
  const notice =
    inNotice || cues.headers.length > 0 || cues.actors.length > 0 || cues.hypotheticals.length > 0
      ? findNotices(text, lexicon.notice, cues, inNotice, sameClause)
      : null;
  let suppressed = 0;

  // Chains of pattern parts: for each (pattern, part) the latest partial match.
  const chainEnd = new Map<number, number>();
  const chainStart = new Map<number, number>();
  const seen = new Set<string>();
  const emit = (pattern: number, start: number, end: number): void => {
    const signalIndex = lexicon.patterns[pattern].signal;
    const key = `${signalIndex}:${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    const def = lexicon.signals[signalIndex];
    if (def.negatable !== false) {
      if (activeNegators.some((n) => n.end <= start && start - n.end <= NEGATION_WINDOW && sameClause(n.end, start))) return;
      if (activeClauseNegators.some((n) => n.end <= start && start - n.end <= CLAUSE_NEGATION_WINDOW && sameClause(n.end, start))) return;
      // 验证码请勿告诉任何人: a negator between the parts of a pattern, unless the pattern spells it itself.
      // 不需要支付任何费用: a negator that overlaps the hit's first word (不需要 ⊃ 需要支付) negates it.
      if (activeNegators.some((n) => n.start < start && n.end > start)) return;
      const own = lexicon.patterns[pattern].literals;
      if (activeNegators.some((n) => n.start >= start && n.end <= end && !own.includes(text.slice(n.start, n.end)))) return;
    }
    // An outcome (挂了, 这是诈骗电话) is not cancelled by the warning that often follows it (…，不要理).
    if (!def.outcome && warnings.some((w) => w.start >= end && w.start - end <= WARNING_WINDOW && sameSentence(text, end, w.start))) return;
    if (def.unlessAfter && vetoedAfter(text, end, def.unlessAfter)) return;
    // Outcomes (那就是骗子的话术, 挂了) still count in a notice: they say how the story ended.
    if (notice && !def.outcome && notice.ranges.some((r) => start >= r.start && start < r.end)) {
      suppressed++;
      return;
    }
    signals.push({ signal: signalIndex, start, end });
  };
  const advance = (pattern: number, part: number, start: number, end: number): void => {
    const p = lexicon.patterns[pattern];
    const key = pattern * 16 + part;
    if (part === 0) {
      if (p.parts === 1) emit(pattern, start, end);
      else {
        chainEnd.set(key, end);
        chainStart.set(key, start);
      }
      return;
    }
    const prevEnd = chainEnd.get(key - 1);
    if (prevEnd === undefined || prevEnd > start || start - prevEnd > p.gaps[part - 1] || !sameClause(prevEnd, start)) return;
    const from = chainStart.get(key - 1) as number;
    if (part === p.parts - 1) emit(pattern, from, end);
    else {
      chainEnd.set(key, end);
      chainStart.set(key, from);
    }
  };
  for (const h of hits) {
    if (h.id === NUMBER) {
      for (const r of lexicon.numRoles) advance(r.pattern, r.part, h.start, h.end);
      continue;
    }
    for (const role of lexicon.roles[h.id]) if (role.kind === 'part') advance(role.pattern, role.part, h.start, h.end);
  }
  return { signals, apps, notice: notice?.turn ?? false, suppressed, reported };
}

interface NoticeCues {
  headers: Range[];
  actors: Range[];
  concepts: number;
  hypotheticals: Range[];
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
  sameClause: (a: number, b: number) => boolean,
): { turn: boolean; ranges: Range[] } {
  const experientialCache = new Map<number, boolean>();
  const experiential = (s: Range): boolean => {
    let e = experientialCache.get(s.start);
    if (e === undefined) {
      let sentence = text.slice(s.start, s.end);
      for (const w of lex.notExperiential) if (sentence.includes(w)) sentence = sentence.split(w).join('|');
      e = lex.experiential.some((w) => sentence.includes(w));
      experientialCache.set(s.start, e);
    }
    return e;
  };
  const habitual = (a: Range): boolean => followedBy(text, a.end, lex.habitual, lex.habitualWindow);
  // Where the notice starts: a header or 诈骗分子会… in a sentence that is not someone's own story.
  // A police report that tells a case and ends with 警方提示 keeps the case.
  let from = inNotice ? 0 : -1;
  if (from < 0 && cues.concepts + cues.actors.length > 0) {
    for (const t of [...cues.headers, ...cues.actors.filter(habitual)]) {
      const s = sentenceAround(text, t.start);
      if (!experiential(s) && (from < 0 || s.start < from)) from = s.start;
    }
  }
  const turn = from >= 0;
  const ranges: Range[] = [];
  if (turn) {
    for (let start = from; start < text.length;) {
      const s = sentenceAround(text, start);
      if (!experiential(s)) ranges.push(s);
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
    if (!experiential(s)) ranges.push({ start: a.start, end: s.end });
  }
  for (const h of cues.hypotheticals) {
    if (h.start >= before) continue;
    if (!followedBy(text, h.end, lex.hypotheticalActors, 3)) continue;
    const s = sentenceAround(text, h.start);
    if (experiential(s)) continue;
    let end = h.end;
    while (end < s.end && sameClause(h.end, end + 1)) end++;
    ranges.push({ start: h.start, end: end + 1 });
  }
  return { turn, ranges };
}

/** "…共享屏幕的，马上挂" : a warning reaches back over commas, not over a full stop. */
function sameSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3002 || c === 0x0a || c === 0x21 || c === 0x3f || c === 0x3b) return false;
  }
  return true;
}

function vetoedAfter(text: string, end: number, words: readonly string[]): boolean {
  let stop = Math.min(text.length, end + UNLESS_WINDOW);
  for (let i = end; i < stop; i++) if (isClauseBoundary(text.charCodeAt(i))) stop = i;
  const window = text.slice(end, stop);
  return words.some((w) => window.includes(w));
}

function collectNumbers(text: string, hits: Hit[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    let j = i + 1;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (
        (d >= 0x30 && d <= 0x39) ||
        (d === 0x2e && j + 1 < text.length && text.charCodeAt(j + 1) >= 0x30 && text.charCodeAt(j + 1) <= 0x39)
      )
        j++;
      else break;
    }
    hits.push({ id: NUMBER, start: i, end: j });
    i = j - 1;
  }
}

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
const WARNING_WINDOW = 12;
const CONDITIONAL_WINDOW = 3;
const UNLESS_WINDOW = 6;

interface Hit {
  id: number;
  start: number;
  end: number;
}
interface Range {
  start: number;
  end: number;
}

const NUMBER = -1;

/**
 * Finds the signals in one turn. Which turns count for which signal (speaker scope) is the caller's
 * business; this decides only what the text says, negation and warnings included.
 */
export function matchText(lexicon: CompiledLexicon, norm: NormalizedText): { signals: RawSignalHit[]; apps: RawAppHit[] } {
  const { text } = norm;
  const hits: Hit[] = [];
  lexicon.automaton.scan(text, (id, start, end) => hits.push({ id, start, end }));
  if (lexicon.numRoles.length > 0) collectNumbers(text, hits);
  const signals: RawSignalHit[] = [];
  const apps: RawAppHit[] = [];
  if (hits.length === 0) return { signals, apps };
  hits.sort((a, b) => a.end - b.end || a.start - b.start);

  // Clause boundaries before each position: two offsets share a clause when the counts agree.
  const boundaries = new Uint16Array(text.length + 1);
  for (let i = 0; i < text.length; i++) boundaries[i + 1] = boundaries[i] + (isClauseBoundary(text.charCodeAt(i)) ? 1 : 0);
  const sameClause = (a: number, b: number): boolean => boundaries[a] === boundaries[b];

  const negators: Range[] = [];
  const exceptions: Range[] = [];
  const conditionals: Range[] = [];
  const warnings: Range[] = [];
  for (const h of hits) {
    if (h.id === NUMBER) continue;
    for (const role of lexicon.roles[h.id]) {
      if (role.kind === 'negator') negators.push(h);
      else if (role.kind === 'negator-exception') exceptions.push(h);
      else if (role.kind === 'conditional') conditionals.push(h);
      else if (role.kind === 'warning') warnings.push(h);
      else if (role.kind === 'app') apps.push({ app: role.app, start: h.start, end: h.end });
    }
  }
  const activeNegators = negators.filter(
    (n) =>
      !exceptions.some((x) => x.start < n.end && n.start < x.end) &&
      !conditionals.some((c) => c.end <= n.start && n.start - c.end <= CONDITIONAL_WINDOW && sameClause(c.end, n.start)),
  );

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
      // 验证码请勿告诉任何人: a negator between the parts of a pattern, unless the pattern spells it itself.
      const own = lexicon.patterns[pattern].literals;
      if (activeNegators.some((n) => n.start >= start && n.end <= end && !own.includes(text.slice(n.start, n.end)))) return;
    }
    if (warnings.some((w) => w.start >= end && w.start - end <= WARNING_WINDOW && sameSentence(text, end, w.start))) return;
    if (def.unlessAfter && vetoedAfter(text, end, def.unlessAfter)) return;
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
  return { signals, apps };
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

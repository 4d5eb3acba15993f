import type { SignalDef, Typology } from '../typology/index.js';
import {
  CALLBACK_CUES,
  CLAUSE_NEGATORS,
  NOTICE,
  REPORTED_CUES,
  STEP_ANSWERS,
  type NoticeLexicon,
  type StepAnswerLexicon,
} from '../typology/lexicon.js';
import { AhoCorasick } from './aho-corasick.js';
import { AliasTable } from './normalize.js';

/** A compiled pattern: parts in order, each an alternation of literals, with the largest gap after each. */
export interface CompiledPattern {
  signal: number;
  source: string;
  parts: number;
  /** gaps[k]: how far part k+1 may start after part k ends. */
  gaps: number[];
  /** spans[k]: part k+1 may be in a later clause of the same sentence (`~N,`: 多给了三百五，要她退回去). */
  spans: boolean[];
  numParts: boolean[];
  /** All literals of the pattern joined, to tell its own words from a negator inside its span. */
  literals: string;
}

/** What an automaton literal means; one literal may play several roles. */
export type LiteralRole =
  | { kind: 'part'; pattern: number; part: number }
  | { kind: 'negator' }
  | { kind: 'clause-negator' }
  | { kind: 'notice-header' }
  | { kind: 'notice-actor' }
  | { kind: 'notice-concept' }
  | { kind: 'notice-hypothetical' }
  | { kind: 'reported' }
  | { kind: 'negator-exception' }
  | { kind: 'conditional' }
  | { kind: 'warning' }
  | { kind: 'app'; app: number };

export interface CompiledLexicon {
  typology: Typology;
  signals: readonly SignalDef[];
  patterns: CompiledPattern[];
  literals: string[];
  roles: LiteralRole[][];
  /**
   * The same roles laid out for the matcher, which looks them up for every literal found (twenty-odd
   * per chat line): `otherRoles[id]` is 1 when literal `id` plays any role but a pattern part (few
   * do), and its parts are the (pattern, part) pairs at `partPairs[2k]`, `partPairs[2k + 1]` for k
   * from `partFrom[id]` to `partFrom[id + 1]`, in the order of `roles[id]`.
   */
  otherRoles: Uint8Array;
  partFrom: Int32Array;
  partPairs: Int32Array;
  automaton: AhoCorasick;
  aliases: AliasTable;
  /**
   * Patterns with a `<num>` or `<phone>` part, by part index: numbers in the text feed them; a
   * `<phone>` part takes only a personal or local number (see `isPersonalPhone`).
   */
  numRoles: NumberRole[];
  /** Notices and reported speech (typology/lexicon.ts NOTICE). */
  notice: NoticeLexicon;
  /** The other party calling back about the person's own report (typology/lexicon.ts CALLBACK_CUES). */
  callbacks: readonly string[];
  /** Questions about a step and her short answers (typology/lexicon.ts STEP_ANSWERS). */
  answers: StepAnswerLexicon;
  /** The person's own outcome signals (`outcome` complied / refused, `speaker` self), which an answer raises; -1 if none. */
  complied: number;
  refused: number;
}

/** A pattern part that digit runs feed. */
export interface NumberRole {
  pattern: number;
  part: number;
  phone: boolean;
}

const GAP = /^~(\d+)(,?)$/;

/** Most parts in one pattern: the matcher keys a partial match by pattern × MAX_PARTS + part. */
export const MAX_PARTS = 16;

/**
 * Parses `a|b ~6 c|d` into parts and gaps; throws with the signal code on a malformed entry. `~N,` is a
 * gap that may cross clause boundaries (a comma) but not the end of the sentence.
 */
export function parsePattern(source: string, code: string): { parts: string[][]; gaps: number[]; spans: boolean[] } {
  const tokens = source.trim().split(/\s+/);
  const parts: string[][] = [];
  const gaps: number[] = [];
  const spans: boolean[] = [];
  let expectPart = true;
  for (const token of tokens) {
    const gap = GAP.exec(token);
    if (expectPart) {
      if (gap) throw new Error(`${code}: pattern "${source}" has a gap where a part is expected`);
      const alternatives = token.split('|');
      if (alternatives.some((a) => a.length === 0)) throw new Error(`${code}: empty alternative in "${source}"`);
      parts.push(alternatives);
      expectPart = false;
    } else {
      if (!gap) {
        // Adjacent words without a gap marker belong to one literal with a space; we never want that.
        throw new Error(`${code}: pattern "${source}" needs "~N" between parts`);
      }
      gaps.push(Number(gap[1]));
      spans.push(gap[2] === ',');
      expectPart = true;
    }
  }
  if (expectPart) throw new Error(`${code}: pattern "${source}" ends with a gap`);
  // The matcher keys partial matches by pattern × MAX_PARTS + part.
  if (parts.length > MAX_PARTS) throw new Error(`${code}: pattern "${source}" has ${parts.length} parts (at most ${MAX_PARTS})`);
  return { parts, gaps, spans };
}

export function compileLexicon(typology: Typology): CompiledLexicon {
  const literals: string[] = [];
  const roles: LiteralRole[][] = [];
  const index = new Map<string, number>();
  const literal = (text: string, role: LiteralRole): void => {
    let id = index.get(text);
    if (id === undefined) {
      id = literals.length;
      index.set(text, id);
      literals.push(text);
      roles.push([]);
    }
    roles[id].push(role);
  };
  const patterns: CompiledPattern[] = [];
  const numRoles: NumberRole[] = [];
  typology.signals.forEach((signal, s) => {
    for (const source of signal.lexicon) {
      const { parts, gaps, spans } = parsePattern(source, signal.code);
      const p = patterns.length;
      const numParts = parts.map((alts) => alts.includes('<num>') || alts.includes('<phone>'));
      patterns.push({ signal: s, source, parts: parts.length, gaps, spans, numParts, literals: parts.flat().join('|') });
      parts.forEach((alts, k) => {
        for (const alt of alts) {
          if (alt === '<num>' || alt === '<phone>') numRoles.push({ pattern: p, part: k, phone: alt === '<phone>' });
          else literal(alt, { kind: 'part', pattern: p, part: k });
        }
      });
    }
  });
  const norm = typology.normalization;
  for (const w of norm.negators) literal(w, { kind: 'negator' });
  for (const w of CLAUSE_NEGATORS) literal(w, { kind: 'clause-negator' });
  for (const w of NOTICE.headers) literal(w, { kind: 'notice-header' });
  for (const w of NOTICE.actors) literal(w, { kind: 'notice-actor' });
  for (const w of NOTICE.concepts) literal(w, { kind: 'notice-concept' });
  for (const w of NOTICE.hypotheticals) literal(w, { kind: 'notice-hypothetical' });
  for (const w of REPORTED_CUES) literal(w, { kind: 'reported' });
  for (const w of norm.negatorExceptions) literal(w, { kind: 'negator-exception' });
  for (const w of norm.conditionals) literal(w, { kind: 'conditional' });
  for (const w of norm.warnings) literal(w, { kind: 'warning' });
  typology.apps.forEach((app, a) => {
    for (const alias of app.aliases) literal(alias, { kind: 'app', app: a });
  });
  const otherRoles = new Uint8Array(literals.length);
  const partFrom = new Int32Array(literals.length + 1);
  const pairs: number[] = [];
  roles.forEach((rs, id) => {
    for (const role of rs) {
      if (role.kind === 'part') pairs.push(role.pattern, role.part);
      else otherRoles[id] = 1;
    }
    partFrom[id + 1] = pairs.length / 2;
  });
  return {
    typology,
    signals: typology.signals,
    patterns,
    literals,
    roles,
    otherRoles,
    partFrom,
    partPairs: Int32Array.from(pairs),
    automaton: new AhoCorasick(literals),
    aliases: new AliasTable(norm.aliases),
    numRoles,
    notice: NOTICE,
    callbacks: CALLBACK_CUES,
    answers: STEP_ANSWERS,
    complied: typology.signals.findIndex((d) => d.outcome === 'complied' && d.speaker === 'self'),
    refused: typology.signals.findIndex((d) => d.outcome === 'refused' && d.speaker === 'self'),
  };
}

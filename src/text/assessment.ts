import type { Bilingual, FamilyId, StageId } from '../typology/index.js';
import type { Entity } from './entities.js';

export type Verdict = 'scam' | 'suspicious' | 'safe';

/** Exact characters that raised a signal: `text.slice(start, end)` of turn `turn` as given. */
export interface Span {
  turn: number;
  start: number;
  end: number;
  text: string;
}

export interface AssessedSignal {
  code: string;
  stage: StageId;
  family?: FamilyId;
  mechanic: boolean;
  /** This signal's share of the log-odds; positive pushes towards "scam". */
  contribution: number;
  description: Bilingual;
  spans: Span[];
}

/** A learned character n-gram of the conversation and its share of the log-odds (typology 1.7.0). */
export interface AssessedNgram {
  /** The n-gram in normalized form (a run of digits reads `#`). */
  gram: string;
  /** Whose words: the other party's, the person's, a narrative's, a notice's, or words under a negator or warning. */
  side: 'other' | 'self' | 'narrative' | 'notice' | 'negated';
  /** Positive pushes towards "scam", negative away from it. */
  contribution: number;
  /** Where it was first said: exact characters, `text.slice(start, end)` of turn `turn`. */
  span: Span;
}

export interface Assessment {
  typologyVersion: string;
  modelVersion: string;
  scam: boolean;
  verdict: Verdict;
  score: number;
  /** Raw log-odds before calibration: bias + every signal's contribution + every n-gram's (`ngramContribution`). */
  logit: number;
  bias: number;
  /** All the n-grams' share of the log-odds; `ngrams` lists the largest of them. */
  ngramContribution: number;
  stage: StageId | null;
  family: FamilyId | null;
  stagesReached: StageId[];
  signals: AssessedSignal[];
  /** The n-grams with the largest contributions, either way (at most 8); empty for a signals-only model. */
  ngrams: AssessedNgram[];
  entities: Entity[];
  advice: Bilingual;
  /** The first turn (0-based) after which the conversation read as a scam, or null. */
  firstScamTurn: number | null;
  turns: number;
}

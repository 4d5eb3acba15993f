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

export interface Assessment {
  typologyVersion: string;
  modelVersion: string;
  scam: boolean;
  verdict: Verdict;
  score: number;
  stage: StageId | null;
  family: FamilyId | null;
  stagesReached: StageId[];
  signals: AssessedSignal[];
  entities: Entity[];
  advice: Bilingual;
  /** The first turn (0-based) after which the conversation read as a scam, or null. */
  firstScamTurn: number | null;
  turns: number;
}

import { readFileSync } from 'node:fs';
import type { SignalDef, Typology } from '../typology/index.js';
import { NgramTable, type NgramModelData } from './ngrams.js';

/**
 * The trained scorer: logistic regression over which signals a conversation raised (plus, since 1.7.0,
 * which character n-grams each side said: ngrams.ts), then Platt calibration. Trained by `npm run train` (scripts/train.ts); weights
 * live in models/text-scorer.json so every contribution can be read and explained.
 */
export interface ScorerModel {
  version: string;
  typologyVersion: string;
  bias: number;
  weights: Record<string, number>;
  stageSpanWeight: number;
  calibration: { a: number; b: number };
  /** Score at or above which a conversation with mechanic evidence is a scam. */
  threshold: number;
  /** Score at or above which it is worth a warning. */
  suspiciousThreshold: number;
  /**
   * Log-odds the mechanic signals alone must add up to (trained weights) for a `scam` verdict, so
   * identity, pretext and topic never make one however many of them there are. Absent: any mechanic.
   */
  mechanicThreshold?: number;
  /**
   * Learned character n-grams by side (typology 1.7.0), added to the signals' log-odds. Absent: the
   * score is the signals' alone (models before 1.7.0).
   */
  ngrams?: NgramModelData;
  /**
   * The other party's n-gram evidence (its live words' n-gram log-odds, narratives' included) that
   * stands in for the mechanic evidence of the lexicon: a paraphrase of a step nobody wrote down.
   * Absent: only lexicon mechanics count.
   */
  ngramMechanicThreshold?: number;
  trainedOn?: Record<string, unknown>;
}

export const MODEL_URL = new URL('../../models/text-scorer.json', import.meta.url);

/** Without a trained model the analyst's prior weights are the model. */
export function priorModel(typology: Typology): ScorerModel {
  return {
    version: 'prior',
    typologyVersion: typology.version,
    bias: -3,
    weights: Object.fromEntries(typology.signals.map((s) => [s.code, s.weight])),
    stageSpanWeight: 0.3,
    calibration: { a: 1, b: 0 },
    threshold: 0.5,
    suspiciousThreshold: 0.25,
  };
}

export function loadModel(typology: Typology, url: URL = MODEL_URL): ScorerModel {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    return priorModel(typology);
  }
  return JSON.parse(text) as ScorerModel;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Compiled for one typology: weight per signal index, a signal missing from the model keeps its prior. */
export class Scorer {
  readonly weights: Float64Array;
  /** The n-gram vocabulary, or null for a signals-only model. */
  readonly ngrams: NgramTable | null;
  constructor(
    readonly model: ScorerModel,
    signals: readonly SignalDef[],
  ) {
    this.weights = Float64Array.from(signals.map((s) => model.weights[s.code] ?? s.weight));
    this.ngrams = model.ngrams ? new NgramTable(model.ngrams) : null;
  }

  /** Raw log-odds before calibration. */
  logit(present: readonly number[], stageSpan: number): number {
    let z = this.model.bias + this.model.stageSpanWeight * stageSpan;
    for (const s of present) z += this.weights[s];
    return z;
  }

  /** Summed weight of the mechanic signals present: the scam's machinery, without its setting. */
  mechanicWeight(present: readonly number[], mechanic: ArrayLike<boolean>): number {
    let z = 0;
    for (const s of present) if (mechanic[s]) z += this.weights[s];
    return z;
  }

  probability(present: readonly number[], stageSpan: number, ngramLogit = 0): number {
    return this.calibrate(this.logit(present, stageSpan) + ngramLogit);
  }

  /** Calibrated probability of a raw log-odds. */
  calibrate(logit: number): number {
    const { a, b } = this.model.calibration;
    return sigmoid(a * logit + b);
  }
}

/**
 * The scorer's training, shared by `npm run train` (scripts/train.ts, all development data) and the
 * leave-one-author-out cross-validation (scripts/eval-text-cv.ts, one fold at a time).
 *
 * 1. Logistic regression over signal presence, MAP with a Gaussian prior centred on the analyst's
 *    typology weights, solved by Newton's method (deterministic, no random start) — the 1.6.0 method.
 * 2. Since 1.7.0, character n-grams by side (src/text/ngrams.ts) fitted over the signals' log-odds:
 *    L2 prior around 0, coordinate descent in a fixed order, pruned to the largest weights and refitted.
 * 3. Platt calibration of the whole log-odds on a fifth of the training data the fits never saw.
 * Nothing is random: the same rows in the same order give the same model, byte for byte.
 */
import { TYPOLOGY, type Typology } from '../../src/typology/index.js';
import { priorModel, TextAnalyzer, type ScorerModel } from '../../src/text/index.js';
import { sigmoid } from '../../src/text/scorer.js';
import { splitOf, type Example } from './datasets.js';

/**
 * Precision (1/σ²) of the Gaussian prior around each signal's typology weight, in units of the
 * weighted log-likelihood (an own-corpus conversation weighs 3, a TeleAntiFraud one 1; about 3,400
 * conversations). 2.0 since 1.6.0: at 1.0 the refit with dev6 moved many weights far from the
 * analyst's and let three benign items cross the threshold.
 */
export const PRIOR_PRECISION = 2.0;
const BIAS_PRIOR = { mean: -3, precision: 0.01 };
/**
 * The stage span is no longer a feature (typology 1.2.0): it rewarded a legitimate agent for touching
 * many topics (我是客服 + 退款 + 快递 + 验证码). Its weight is pinned at 0 by a prior with no variance;
 * the field stays in the model for compatibility.
 */
const SPAN_PRIOR = { mean: 0, precision: 1e12 };
/** Calibrated score at or above which a conversation with enough mechanic evidence is a scam. */
export const THRESHOLD = 0.6;
/**
 * Trained log-odds the other party's mechanic signals must add up to for a `scam` verdict: identity,
 * pretext and topic (我是客服, 退款, 快递) never make one, however strongly the data leans on them.
 */
export const MECHANIC_THRESHOLD = 1.0;
/** Our own corpora are the realistic ones (hard negatives, real scripts): they count more. */
export const SOURCE_WEIGHT = (source: string): number => (source.startsWith('own/') ? 3 : 1);

/** What training needs of one conversation; none of it depends on the model. */
export interface Extracted {
  id: string;
  source: string;
  /** Who wrote it: the own corpus part (one author each), or `taf` for TeleAntiFraud. */
  author: string;
  label: 'scam' | 'benign';
  /** Every n-gram key said (ids into GRAM_VOCAB.keys, ascending), when extracted with n-grams. */
  grams: Int32Array;
  /** Signal indices raised. */
  present: number[];
  stageSpan: number;
  /** A story of an attempt turned away before any step: decided by the outcome gate, never fitted. */
  turnedAway: boolean;
  /** In the calibration fifth (a second hash of the id), not the fit. */
  calib: boolean;
}

/** Every n-gram key met while extracting, interned: a row's `grams` are indices into `keys`. */
export const GRAM_VOCAB = { keys: [] as string[], ids: new Map<string, number>() };

/** The n-grams extracted: 2 to 4 units long; words under a negator or a warning on their own side (`x`). */
export const GRAM_RANGE = { min: 2, max: 4, negation: true };

const authorOf = (source: string): string => (source.startsWith('own/') ? (source.split('.').pop() as string) : 'taf');

/** Reads every example once with the analyst's prior model (the features do not depend on the model). */
export function extract(examples: readonly Example[], typology: Typology = TYPOLOGY, withGrams = true): Extracted[] {
  const analyzer = new TextAnalyzer(typology, priorModel(typology));
  return examples.map((e) => {
    const stream = analyzer.stream(withGrams ? { collectGrams: GRAM_RANGE } : {});
    for (const t of analyzer.parse(e.input)) stream.ingest(t);
    const f = stream.features();
    const ids: number[] = [];
    for (const key of stream.gramKeys()) {
      let id = GRAM_VOCAB.ids.get(key);
      if (id === undefined) {
        id = GRAM_VOCAB.keys.length;
        GRAM_VOCAB.keys.push(key);
        GRAM_VOCAB.ids.set(key, id);
      }
      ids.push(id);
    }
    return {
      id: e.id,
      source: e.source,
      author: authorOf(e.source),
      label: e.label,
      grams: Int32Array.from(ids).sort(),
      present: f.present,
      stageSpan: f.stageSpan,
      turnedAway: f.turnedAway,
      calib: splitOf(`calib:${e.id}`, 0.2) === 'train',
    };
  });
}

interface Row {
  x: number[]; // feature indices present (signals), stage span separately
  span: number;
  y: number;
  w: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

export function fit(
  rows: Row[],
  signalCount: number,
  priors: number[],
  upper: number[] = priors.map(() => Infinity),
  precisions: number[] = priors.map(() => PRIOR_PRECISION),
): { weights: number[]; bias: number; span: number } {
  // Parameter layout: [signals..., bias, span]
  const d = signalCount + 2;
  const mean = [...priors, BIAS_PRIOR.mean, SPAN_PRIOR.mean];
  const precision = [...precisions, BIAS_PRIOR.precision, SPAN_PRIOR.precision];
  const theta = mean.slice();
  for (let iter = 0; iter < 50; iter++) {
    const grad = theta.map((t, i) => -precision[i] * (t - mean[i]));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? -precision[i] : 0)));
    for (const r of rows) {
      const idx = [...r.x, signalCount];
      let z = theta[signalCount] + theta[signalCount + 1] * r.span;
      for (const i of r.x) z += theta[i];
      const p = sigmoid(z);
      const g = r.w * (r.y - p);
      const h = r.w * p * (1 - p);
      const feats: [number, number][] = [...idx.map((i) => [i, 1] as [number, number]), [signalCount + 1, r.span]];
      for (const [i, vi] of feats) {
        grad[i] += g * vi;
        for (const [j, vj] of feats) hess[i][j] -= h * vi * vj;
      }
    }
    const step = solve(
      hess,
      grad.map((g) => -g),
    );
    let change = 0;
    for (let i = 0; i < d; i++) {
      const before = theta[i];
      theta[i] += step[i];
      // Evidence of a scam never counts against one: signal weights are kept non-negative
      // (projected Newton), so every contribution reads the way an analyst expects.
      if (i < signalCount && theta[i] < 0) theta[i] = 0;
      if (i < signalCount && theta[i] > upper[i]) theta[i] = upper[i];
      change = Math.max(change, Math.abs(theta[i] - before));
    }
    if (change < 1e-8) break;
  }
  return { weights: theta.slice(0, signalCount), bias: theta[signalCount], span: theta[signalCount + 1] };
}

/** Platt scaling: p = σ(a·z + b), fitted by Newton on held-aside logits. */
export function platt(logits: number[], ys: number[], ws: number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0;
    for (let i = 0; i < logits.length; i++) {
      const p = sigmoid(a * logits[i] + b);
      const g = ws[i] * (ys[i] - p);
      const h = ws[i] * p * (1 - p);
      ga += g * logits[i];
      gb += g;
      haa += h * logits[i] * logits[i];
      hab += h * logits[i];
      hbb += h;
    }
    haa += 1e-6;
    hbb += 1e-6;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/**
 * Precision of each signal's prior. Outcome cues (挂了 / 照做) and the official process (原路退回) gate
 * the verdict; they are not evidence, so their weight stays at 0. Identity claims (我是客服, 这里是XX快递)
 * are held four times as close to the analyst's weight: a claim with a pretext and a push is decided by
 * the live-attempt rule, and a heavy claim weight only lets an inbound agent's greeting
 * (我是客服小张，很高兴为您服务) carry a weak mechanic over the threshold.
 */
export function signalPrecisions(typology: Typology): number[] {
  return typology.signals.map((s) =>
    s.outcome || s.attempt?.includes('official')
      ? 1e12
      : s.attempt?.includes('claim') && s.code !== 'ORDER_RECITAL'
        ? 4 * PRIOR_PRECISION
        : PRIOR_PRECISION,
  );
}

/** The learned n-gram component's settings (typology 1.7.0); chosen by leave-one-author-out CV. */
export interface GramOptions {
  /** Precision of the Gaussian prior (L2) around 0 on each n-gram weight. */
  precision: number;
  /** An n-gram enters the vocabulary when at least this many fitted conversations say it… */
  minDf: number;
  /** …written by at least this many authors (own parts; TeleAntiFraud counts as one): one author's habits are not evidence. */
  minAuthors: number;
  /** The model keeps at most this many n-grams, the largest weights, refitted without the rest. */
  keep: number;
  /** The model's `ngramMechanicThreshold`, or null: n-grams add to the score but never stand in for a mechanic. */
  mechanicThreshold: number | null;
}

export interface TrainOptions {
  /** Null: the signals-only model (the 1.6.0 method). */
  grams?: GramOptions | null;
  threshold?: number;
}

/** What `npm run train` ships (1.7.0), chosen by `npm run eval:text-cv` (docs/analyzer.md, "1.7.0"). */
export const SHIPPED_OPTIONS: TrainOptions = {
  grams: { precision: 0.5, minDf: 5, minAuthors: 3, keep: 4000, mechanicThreshold: 5 },
};

/**
 * Coordinate descent for L2-regularised (MAP) logistic regression over binary sparse features, each
 * with its own Gaussian prior and bounds: a one-dimensional Newton step per coordinate with a
 * backtracking line search, coordinates in a fixed order (bias, then features by index), so the
 * result is the same on every run. Feature `j` of row `r` is present when `j` is in `rows[r]`.
 */
export function fitSparse(
  rows: readonly Int32Array[],
  y: Float64Array,
  w: Float64Array,
  d: number,
  prior: { mean: Float64Array; precision: Float64Array; lower: Float64Array; upper: Float64Array },
  init: Float64Array,
  bias0 = BIAS_PRIOR.mean,
  offset: Float64Array | null = null,
  // At most 80 passes: the n-gram fits end a little short of the tolerance there (every weight within
  // 0.012 of a 300-pass fit, 1.7.0); a fixed count keeps the model the same from run to run.
  maxEpochs = 80,
  tolerance = 1e-4,
): { theta: Float64Array; bias: number; epochs: number } {
  const n = rows.length;
  const colStart = new Int32Array(d + 1);
  for (const r of rows) for (let k = 0; k < r.length; k++) colStart[r[k] + 1]++;
  for (let j = 0; j < d; j++) colStart[j + 1] += colStart[j];
  const colRows = new Int32Array(colStart[d]);
  const fill = colStart.slice(0, d);
  for (let i = 0; i < n; i++) for (const j of rows[i]) colRows[fill[j]++] = i;
  const theta = init.slice();
  let bias = bias0;
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let zi = bias + (offset ? offset[i] : 0);
    for (const j of rows[i]) zi += theta[j];
    z[i] = zi;
    p[i] = sigmoid(zi);
  }
  const all = Int32Array.from({ length: n }, (_, i) => i);
  // One coordinate's step (signed), already applied to the logits.
  const update = (
    idx: Int32Array,
    from: number,
    to: number,
    value: number,
    mean: number,
    precision: number,
    lo: number,
    hi: number,
  ): number => {
    let g = precision * (value - mean);
    let h = precision;
    for (let k = from; k < to; k++) {
      const i = idx[k];
      g += w[i] * (p[i] - y[i]);
      h += w[i] * p[i] * (1 - p[i]);
    }
    let delta = Math.min(Math.max(value - g / h, lo), hi) - value;
    if (Math.abs(delta) < 1e-12) return 0;
    for (let tries = 0; tries < 30; tries++) {
      let change = (precision / 2) * ((value + delta - mean) ** 2 - (value - mean) ** 2);
      for (let k = from; k < to; k++) {
        const i = idx[k];
        change += w[i] * (softplus(z[i] + delta) - softplus(z[i]) - y[i] * delta);
      }
      if (change <= 0.01 * g * delta) break;
      delta /= 2;
    }
    for (let k = from; k < to; k++) {
      const i = idx[k];
      z[i] += delta;
      p[i] = sigmoid(z[i]);
    }
    return delta;
  };
  let epoch = 0;
  while (epoch < maxEpochs) {
    epoch++;
    const db = update(all, 0, n, bias, BIAS_PRIOR.mean, BIAS_PRIOR.precision, -Infinity, Infinity);
    bias += db;
    let biggest = Math.abs(db);
    for (let j = 0; j < d; j++) {
      if (prior.precision[j] >= 1e11) continue;
      const dj = update(colRows, colStart[j], colStart[j + 1], theta[j], prior.mean[j], prior.precision[j], prior.lower[j], prior.upper[j]);
      theta[j] += dj;
      biggest = Math.max(biggest, Math.abs(dj));
    }
    if (biggest < tolerance) break;
  }
  return { theta, bias, epochs: epoch };
}

export interface Trained {
  model: ScorerModel;
  fitExamples: number;
  calibrationExamples: number;
  brier: number;
}

/**
 * Fits the scorer on the given conversations (their `train` rows only, as chosen by the caller).
 * Deterministic: the same rows in the same order give the same model.
 */
export function trainModel(data: readonly Extracted[], typology: Typology = TYPOLOGY, options: TrainOptions = {}): Trained {
  // A story of an attempt turned away before any step is decided by the outcome gate, not by the
  // score: fitting on it would teach the scorer that a retold 三倍赔偿 + 屏幕共享 is benign (1.4.0).
  const kept = data.filter((e) => !e.turnedAway);
  const fitData = kept.filter((e) => !e.calib);
  const calData = kept.filter((e) => e.calib);
  const priors = typology.signals.map((s) => s.weight);
  const precisions = signalPrecisions(typology);
  const threshold = options.threshold ?? THRESHOLD;
  const y = (e: Extracted): number => (e.label === 'scam' ? 1 : 0);

  // The signals first, exactly as in 1.6.0; then, with the n-gram component, the n-grams over them.
  const toRow = (e: Extracted): Row => ({ x: e.present, span: e.stageSpan, y: y(e), w: SOURCE_WEIGHT(e.source) });
  const signalFit = fit(fitData.map(toRow), priors.length, priors, undefined, precisions);
  const { weights, span } = signalFit;
  let bias = signalFit.bias;
  let gramWeights: Map<string, number> | null = null;
  let gramStats: Record<string, number> | null = null;
  if (options.grams) ({ bias, gramWeights, gramStats } = fitGrams(fitData, weights, bias, options.grams));
  const logit = (e: Extracted): number => {
    let z = bias + span * e.stageSpan;
    for (const i of e.present) z += weights[i];
    if (gramWeights) for (const g of e.grams) z += gramWeights.get(GRAM_VOCAB.keys[g]) ?? 0;
    return z;
  };
  const calibration = platt(
    calData.map(logit),
    calData.map(y),
    calData.map((e) => SOURCE_WEIGHT(e.source)),
  );
  const probs = calData.map((e) => sigmoid(calibration.a * logit(e) + calibration.b));
  const brier = probs.reduce((acc, p, i) => acc + (p - y(calData[i])) ** 2, 0) / probs.length;
  const model: ScorerModel = {
    version: `text-scorer@${typology.version.split('@')[1]}+${fitData.length}`,
    typologyVersion: typology.version,
    bias: round(bias),
    weights: Object.fromEntries(typology.signals.map((s, i) => [s.code, round(weights[i])])),
    stageSpanWeight: round(span),
    calibration: { a: round(calibration.a), b: round(calibration.b) },
    threshold,
    suspiciousThreshold: 0.25,
    mechanicThreshold: MECHANIC_THRESHOLD,
    ...(options.grams?.mechanicThreshold != null ? { ngramMechanicThreshold: options.grams.mechanicThreshold } : {}),
    trainedOn: {
      fitExamples: fitData.length,
      calibrationExamples: calData.length,
      positives: fitData.filter((e) => y(e) === 1).length,
      sources: [...new Set(data.map((e) => e.source))].sort(),
      calibrationBrier: round(brier),
      priorPrecision: PRIOR_PRECISION,
      ...(options.grams ? { ngrams: { ...options.grams, ...gramStats } } : {}),
    },
    ...(gramWeights ? { ngrams: { ...GRAM_RANGE, weights: Object.fromEntries(gramWeights) } } : {}),
  };
  return { model, fitExamples: fitData.length, calibrationExamples: calData.length, brier };
}

/**
 * The n-grams' fit (1.7.0), on top of the signals: the signals' weights are fitted first exactly as in
 * 1.6.0 (priors around the analyst's weights, non-negative) and stay as they are, so the mechanic
 * evidence the verdict asks for keeps its meaning; then the n-gram weights (L2 prior around 0, either
 * sign: 我们不会索取 may count against a scam) and the bias are fitted with the signals' log-odds as a
 * fixed offset, so the n-grams learn what the lexicon misses. The vocabulary is every n-gram said in
 * enough fitted conversations by enough authors; after a first fit only the `keep` largest weights
 * stay, and the n-grams are refitted on them.
 */
function fitGrams(
  fitData: readonly Extracted[],
  signalWeights: readonly number[],
  signalBias: number,
  options: GramOptions,
): { bias: number; gramWeights: Map<string, number>; gramStats: Record<string, number> } {
  const V = GRAM_VOCAB.keys.length;
  const df = new Int32Array(V);
  const authorMask = new Uint32Array(V);
  const authors = new Map<string, number>();
  for (const e of fitData) {
    let a = authors.get(e.author);
    if (a === undefined) authors.set(e.author, (a = authors.size));
    for (const g of e.grams) {
      df[g]++;
      authorMask[g] |= 1 << a;
    }
  }
  const popcount = (m: number): number => {
    let c = 0;
    for (; m; m &= m - 1) c++;
    return c;
  };
  const byKey = (a: number, b: number): number =>
    GRAM_VOCAB.keys[a] < GRAM_VOCAB.keys[b] ? -1 : GRAM_VOCAB.keys[a] > GRAM_VOCAB.keys[b] ? 1 : 0;
  const candidates: number[] = [];
  for (let g = 0; g < V; g++) if (df[g] >= options.minDf && popcount(authorMask[g]) >= options.minAuthors) candidates.push(g);
  candidates.sort(byKey);
  const y = Float64Array.from(fitData, (e) => (e.label === 'scam' ? 1 : 0));
  const w = Float64Array.from(fitData, (e) => SOURCE_WEIGHT(e.source));
  const offset = Float64Array.from(fitData, (e) => e.present.reduce((z, i) => z + signalWeights[i], 0));

  const solveFor = (vocab: number[], start: Map<number, number>, bias0: number): { theta: Float64Array; bias: number; epochs: number } => {
    const featureOf = new Int32Array(V).fill(-1);
    vocab.forEach((g, k) => (featureOf[g] = k));
    const rows = fitData.map((e) => {
      const x: number[] = [];
      for (const g of e.grams) if (featureOf[g] >= 0) x.push(featureOf[g]);
      return Int32Array.from(x);
    });
    const d = vocab.length;
    const prior = {
      mean: new Float64Array(d),
      precision: new Float64Array(d).fill(options.precision),
      lower: new Float64Array(d).fill(-Infinity),
      upper: new Float64Array(d).fill(Infinity),
    };
    const init = Float64Array.from(vocab, (g) => start.get(g) ?? 0);
    return fitSparse(rows, y, w, d, prior, init, bias0, offset);
  };

  const first = solveFor(candidates, new Map(), signalBias);
  const ranked = candidates
    .map((g, k) => ({ g, v: first.theta[k] }))
    .filter((c) => Math.abs(c.v) >= 1e-3)
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || byKey(a.g, b.g))
    .slice(0, options.keep);
  const vocab = ranked.map((c) => c.g).sort(byKey);
  const second = solveFor(vocab, new Map(ranked.map((c) => [c.g, c.v])), first.bias);
  const gramWeights = new Map<string, number>();
  vocab.forEach((g, k) => {
    const v = round(second.theta[k]);
    if (v !== 0) gramWeights.set(GRAM_VOCAB.keys[g], v);
  });
  return {
    bias: second.bias,
    gramWeights,
    gramStats: { candidates: candidates.length, kept: gramWeights.size, firstEpochs: first.epochs, secondEpochs: second.epochs },
  };
}

export const round = (n: number): number => Math.round(n * 10000) / 10000;

const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

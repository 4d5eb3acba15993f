/**
 * npm run train — fits the text scorer reproducibly and writes models/text-scorer.json.
 *
 * The method is in scripts/lib/train-model.ts (shared with the cross-validation, `npm run eval:text-cv`).
 * Only `train` splits are used: held-out sets (own *.heldout*, TeleAntiFraud test split, seeds and
 * the other TeleAntiFraud scam types) never reach this script; held-out files are not even opened.
 */
import { writeFileSync } from 'node:fs';
import { MODEL_URL } from '../src/text/scorer.js';
import { loadOwn, loadTeleAntiFraud, type Example } from './lib/datasets.js';
import { extract, SHIPPED_OPTIONS, trainModel } from './lib/train-model.js';
import { TYPOLOGY } from '../src/typology/index.js';

const examples: Example[] = [...loadTeleAntiFraud(), ...loadOwn({ heldout: false })].filter(
  (e) => e.split === 'train' && !e.source.startsWith('taf-other-scam'),
);
const { model, fitExamples, calibrationExamples, brier } = trainModel(extract(examples), TYPOLOGY, SHIPPED_OPTIONS);
writeFileSync(MODEL_URL, JSON.stringify(model, null, 2) + '\n');
console.log(`wrote ${MODEL_URL.pathname}: ${fitExamples} fit, ${calibrationExamples} calibration, Brier ${brier.toFixed(4)}`);

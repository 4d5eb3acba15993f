import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationInput } from '../../src/text/index.js';

/** One labelled conversation from one source. */
export interface Example {
  id: string;
  source: string;
  label: 'scam' | 'benign';
  family: string | null;
  input: ConversationInput;
  /** Whether this example may be used for training and tuning. */
  split: 'train' | 'test';
  /** The furthest scam stage its author labelled (own corpora only). */
  stage?: string | null;
}

export const REPO = new URL('../../', import.meta.url).pathname;
export const SHARED = process.env.KEFUGUARD_SHARED ?? join(REPO, '..', 'shared');

/**
 * A stable split by id: FNV-1a so the same example always lands on the same side on every machine.
 * 70 % of TeleAntiFraud trains; the rest is reported as its test split.
 */
export function splitOf(id: string, trainShare = 0.7): 'train' | 'test' {
  return hash32(id) % 1000 < trainShare * 1000 ? 'train' : 'test';
}

/** FNV-1a of a string's UTF-16 units: the same on every machine. */
export function hash32(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

interface TafRow {
  id: string;
  label: 'scam' | 'benign';
  type: string;
  turns: { speaker: string; text: string }[];
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

/** TeleAntiFraud: customer-service scams, the other scam types (reported, never trained on), benign types. */
export function loadTeleAntiFraud(): Example[] {
  const dir = join(SHARED, 'data', 'teleantifraud');
  const out: Example[] = [];
  for (const file of ['scam.jsonl', 'benign.jsonl']) {
    for (const row of readJsonl<TafRow>(join(dir, file))) {
      const cs = row.type === '客服诈骗';
      const source = row.label === 'benign' ? `taf-benign/${row.type}` : cs ? 'taf-scam/客服诈骗' : `taf-other-scam/${row.type}`;
      out.push({
        id: row.id,
        source,
        label: row.label,
        family: null,
        input: { turns: row.turns },
        split: row.label === 'scam' && !cs ? 'test' : splitOf(row.id),
      });
    }
  }
  return out;
}

/** The five seed articles with the family each one's main case belongs to. */
export const SEED_FAMILIES: Record<string, string> = {
  '000': 'quality-refund',
  '001': 'quality-refund',
  '002': 'quality-refund',
  '003': 'parcel-claim',
  '004': 'parcel-claim',
};

export function loadSeeds(): Example[] {
  const dir = join(SHARED, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      id: f,
      source: 'seeds',
      label: 'scam' as const,
      family: SEED_FAMILIES[f.slice(0, 3)] ?? null,
      input: readFileSync(join(dir, f), 'utf8'),
      split: 'test' as const,
    }));
}

interface OwnRow {
  id: string;
  label: 'scam' | 'benign';
  family: string | null;
  stage?: string | null;
  turns?: { speaker: string; text: string }[];
  text?: string;
}

/** Whether a corpus file part is held out: `heldout`, `heldout2`, … (a fresh set per analyzer round). */
export function isHeldOutPart(part: string | undefined): boolean {
  return part !== undefined && part.startsWith('heldout');
}

/**
 * Our own corpora. `<name>.<part>.jsonl`: held-out parts (`.heldout`, `.heldout2`, …) are only ever
 * reported (split `test`); every other part (`.dev`, `.dev2`, …: one per author) trains and tunes,
 * and is its own row (`own/<name>.<part>`) in the evaluation. `heldout: false` does not even open the
 * held-out files, for development loops (`npm run eval:text -- --dev`) and training.
 */
export function loadOwn(options: { heldout?: boolean } = {}): Example[] {
  const dir = join(REPO, 'data', 'corpus');
  const out: Example[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const [name, part] = file.replace(/\.jsonl$/, '').split('.');
    const heldOut = isHeldOutPart(part);
    if (heldOut && options.heldout === false) continue;
    for (const row of readJsonl<OwnRow>(join(dir, file))) {
      out.push({
        id: row.id,
        source: `own/${name}.${part}`,
        label: row.label,
        family: row.family ?? null,
        input: row.turns ? { turns: row.turns } : (row.text ?? ''),
        split: heldOut ? 'test' : 'train',
        stage: row.stage ?? null,
      });
    }
  }
  return out;
}

export function loadAll(options: { heldout?: boolean } = {}): Example[] {
  return [...loadTeleAntiFraud(), ...loadSeeds(), ...loadOwn(options)];
}

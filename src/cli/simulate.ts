import { createWriteStream } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { Writable } from 'node:stream';
import { simulate, summarize, type SimOptions } from '../sim/index.js';
import { InputError } from './input-error.js';

/** Options of `kefuguard simulate`. */
export interface SimulateCliOptions {
  seed: number;
  /** Events JSONL file; stdout when absent or `-`. */
  out?: string;
  /** Labels JSONL file; default `<out>.labels.jsonl`. Required when events go to stdout. */
  labels?: string;
  customers?: number;
  victims?: number;
  days?: number;
  start?: string;
  /** Share of events delivered late (0–1). */
  outOfOrder?: number;
  /** Share of events sent twice with the same id (0–1). */
  duplicates?: number;
}

export interface SimulateIo {
  stdout: Writable;
  stderr: Writable;
}

const LINES_PER_CHUNK = 2000;

/** Writes one JSON object per line, in chunks, respecting back-pressure. */
async function writeJsonl(stream: Writable, items: readonly unknown[]): Promise<void> {
  for (let i = 0; i < items.length; i += LINES_PER_CHUNK) {
    let chunk = '';
    for (const item of items.slice(i, i + LINES_PER_CHUNK)) chunk += JSON.stringify(item) + '\n';
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}

async function writeFileJsonl(path: string, items: readonly unknown[]): Promise<void> {
  const stream = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  try {
    await Promise.race([writeJsonl(stream, items), failed]);
    await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new InputError(path, `无法写入文件（${code}）`, `cannot write the file (${code})`, 'UNWRITABLE');
  }
}

/**
 * `kefuguard simulate --seed N [--out FILE] [--labels FILE] [--customers N] [--victims N] [--days N]`:
 * a labelled synthetic population. Events go to `out` (or stdout), labels to `labels` (default
 * `<out>.labels.jsonl`; when events go to stdout, `--labels` is required so the two never mix).
 * A one-line summary goes to stderr. Returns the exit code.
 */
export async function runSimulate(
  opts: SimulateCliOptions,
  io: SimulateIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const toStdout = opts.out === undefined || opts.out === '-';
  const labelsPath = opts.labels ?? (toStdout ? undefined : `${opts.out}.labels.jsonl`);
  if (labelsPath === undefined) {
    throw new InputError(
      '--labels',
      '输出到标准输出时必须用 --labels 指定标签文件',
      '--labels is required when events go to stdout',
      'USAGE',
    );
  }
  if (!toStdout && labelsPath === opts.out) {
    throw new InputError('--labels', '标签文件不能与事件文件相同', 'the labels file must differ from the events file', 'USAGE');
  }
  const options: SimOptions = {
    seed: opts.seed,
    ...(opts.customers !== undefined ? { customers: opts.customers } : {}),
    ...(opts.victims !== undefined ? { victims: opts.victims } : {}),
    ...(opts.days !== undefined ? { days: opts.days } : {}),
    ...(opts.start !== undefined ? { start: opts.start } : {}),
    ...(opts.outOfOrder !== undefined ? { outOfOrderShare: opts.outOfOrder } : {}),
    ...(opts.duplicates !== undefined ? { duplicateShare: opts.duplicates } : {}),
  };
  let pop;
  try {
    pop = simulate(options);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError('simulate', `参数无效：${e.message}`, e.message, 'USAGE');
    throw e;
  }
  if (toStdout) await writeJsonl(io.stdout, pop.events);
  else await writeFileJsonl(opts.out as string, pop.events);
  await writeFileJsonl(labelsPath, pop.labels);
  const s = summarize(pop);
  io.stderr.write(
    `simulate: seed ${opts.seed}: ${s.events} events, ${s.ordinary} ordinary, ${s.victims} victims ` +
      `(${s.victimsWithLoss} with losses, ${s.stoppedBeforeLoss + s.stoppedAfterLoss} stopped half-way), ` +
      `labels → ${labelsPath}\n`,
  );
  return 0;
}

/** Commander parser for a non-negative integer option (`--seed`, `--customers`, …). */
export function parseCountOption(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`应为非负整数 / expected a non-negative integer, got "${value}"`);
  return n;
}

/** Commander parser for a share in [0, 1] (`--out-of-order`, `--duplicates`). */
export function parseShareOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`应为 0 到 1 之间的数 / expected a number between 0 and 1, got "${value}"`);
  return n;
}

/**
 * Throughput of the text analyzer on one core, against two baselines measured in the same run on the
 * same inputs: one JavaScript RegExp built from the same lexicon, and JSON.parse of the same text.
 * Every rate is also given per second of this process's CPU time: on a shared machine other jobs stretch
 * wall time, not CPU time (compare rates on CPU time, or ratios taken in the same run).
 *
 *   npm run bench:text        (prints a table, writes docs/bench-text.json)
 *
 * On Linux the script re-runs itself under `taskset` pinned to a single CPU, so V8's helper threads
 * (GC, compiler) share that core with the benchmark instead of running beside it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import * as prettier from 'prettier';
import { Bench } from 'tinybench';
import { TextAnalyzer, type ConversationInput } from '../src/text/index.js';
import { loadOwn, loadTeleAntiFraud, REPO } from './lib/datasets.js';
import { allowedCpus, pinToOneCore } from './lib/pin-cpu.js';

const MAX_LINES = 20_000;
const LINES_PER_BLOCK = 500;
const DOC_BYTES = 100_000;
const DOC_COUNT = 8;
const TIME_MS = 2_500;
const WARMUP_MS = 400;
const TARGET_LONG_MBPS = 5;
const TARGET_CHAT_LPS = 50_000;

pinToOneCore();

// ---------------------------------------------------------------------------------------------------
// Inputs, in a fixed order.

interface Item {
  text: string;
  json: string;
  bytes: number;
}
interface Block {
  items: Item[];
  bytes: number;
}

const item = (text: string): Item => ({ text, json: JSON.stringify(text), bytes: Buffer.byteLength(text, 'utf8') });
const block = (items: Item[]): Block => ({ items, bytes: items.reduce((n, i) => n + i.bytes, 0) });

const examples = [...loadTeleAntiFraud(), ...loadOwn()];
const turnsOf = (input: ConversationInput): { speaker: string | null; text: string }[] =>
  typeof input === 'string' ? input.split('\n').map((text) => ({ speaker: null, text })) : input.turns;

// Chat lines: every turn text, thinned by a fixed stride so all sources are represented.
const allLines = examples.flatMap((e) => turnsOf(e.input).map((t) => t.text)).filter((t) => t.trim().length > 0);
const stride = Math.ceil(allLines.length / MAX_LINES);
const lines = allLines.filter((_, i) => i % stride === 0).map(item);
const chatBlocks: Block[] = [];
for (let i = 0; i < lines.length; i += LINES_PER_BLOCK) chatBlocks.push(block(lines.slice(i, i + LINES_PER_BLOCK)));

// Long transcripts: consecutive conversations as labelled plain text, starting at evenly spaced
// points of the corpus, until each document reaches ~100 KB.
const docs: Block[] = [];
for (let d = 0; d < DOC_COUNT; d++) {
  const parts: string[] = [];
  let bytes = 0;
  for (let e = Math.floor((d * examples.length) / DOC_COUNT); bytes < DOC_BYTES; e = (e + 1) % examples.length) {
    const conv = turnsOf(examples[e].input)
      .map((t) => (t.speaker ? `${t.speaker}：${t.text}` : t.text))
      .join('\n');
    parts.push(conv);
    bytes += Buffer.byteLength(conv, 'utf8') + 2;
  }
  docs.push(block([item(parts.join('\n\n'))]));
}

// ---------------------------------------------------------------------------------------------------
// The analyzer and the RegExp baseline over the same lexicon.

const analyzer = new TextAnalyzer();
const { patterns, literals } = analyzer.lexicon;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUM = String.raw`\d+(?:\.\d+)?`;
const inPatterns = new Set<string>();
function patternToRegExp(source: string): string {
  return source
    .trim()
    .split(/\s+/)
    .map((token) => {
      const gap = /^~(\d+)$/.exec(token);
      if (gap) return `[^。！？\\n]{0,${gap[1]}}`;
      const alts = token.split('|').map((a) => {
        if (a === '<num>') return NUM;
        inPatterns.add(a);
        return escape(a);
      });
      return `(?:${alts.join('|')})`;
    })
    .join('');
}
const alternatives = patterns.map((p) => patternToRegExp(p.source));
// Literals outside the signal patterns (negators, warnings, app names) are scanned for too.
const extraLiterals = literals.filter((l) => !inPatterns.has(l));
alternatives.push(...extraLiterals.map(escape));
const baselineRe = new RegExp(alternatives.join('|'), 'gi');

function countMatches(text: string): number {
  baselineRe.lastIndex = 0;
  let n = 0;
  while (baselineRe.exec(text) !== null) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Benchmark: each task iteration runs one block; work done during the timed run is counted exactly.

type Impl = 'kefuguard' | 'regexp' | 'json';
const IMPLS: Record<Impl, { label: string; run: (i: Item) => number }> = {
  kefuguard: { label: 'TextAnalyzer.assess', run: (i) => analyzer.assess(i.text).signals.length },
  regexp: { label: 'RegExp baseline', run: (i) => countMatches(i.text) },
  json: { label: 'JSON.parse baseline', run: (i) => (JSON.parse(i.json) as string).length },
};
type Case = 'chat' | 'long';
const CASES: Record<Case, { label: string; blocks: Block[] }> = {
  chat: { label: 'chat lines', blocks: chatBlocks },
  long: { label: 'long transcripts', blocks: docs },
};

interface Counter {
  calls: number;
  inputs: number;
  bytes: number;
  /** This process's CPU time (user + system) over the timed run, and where it started. */
  cpuSeconds: number;
  cpuStart: NodeJS.CpuUsage;
}
let sink = 0;
const bench = new Bench({ time: TIME_MS, warmupTime: WARMUP_MS, iterations: 16, warmupIterations: 4, throws: true });
const counters = new Map<string, Counter>();
for (const c of Object.keys(CASES) as Case[]) {
  for (const impl of Object.keys(IMPLS) as Impl[]) {
    const { blocks } = CASES[c];
    const { run } = IMPLS[impl];
    const counter: Counter = { calls: 0, inputs: 0, bytes: 0, cpuSeconds: 0, cpuStart: process.cpuUsage() };
    counters.set(`${c}/${impl}`, counter);
    let next = 0;
    bench.add(
      `${c}/${impl}`,
      () => {
        const b = blocks[next];
        next = (next + 1) % blocks.length;
        for (const i of b.items) sink += run(i);
        counter.calls++;
        counter.inputs += b.items.length;
        counter.bytes += b.bytes;
      },
      {
        beforeAll() {
          next = 0;
          counter.calls = counter.inputs = counter.bytes = 0;
          counter.cpuStart = process.cpuUsage();
        },
        afterAll() {
          const cpu = process.cpuUsage(counter.cpuStart);
          counter.cpuSeconds = (cpu.user + cpu.system) / 1e6;
        },
      },
    );
  }
}

const totalBytes = (bs: Block[]): number => bs.reduce((n, b) => n + b.bytes, 0);
console.log(
  `inputs: ${lines.length} chat lines (${(totalBytes(chatBlocks) / 1e6).toFixed(2)} MB, every ${stride}th of ${allLines.length}), ` +
    `${docs.length} documents (${(totalBytes(docs) / 1e6).toFixed(2)} MB)`,
);
console.log(
  `regexp: ${patterns.length} patterns + ${extraLiterals.length} other literals, ${baselineRe.source.length} chars; ` +
    `cpu affinity ${allowedCpus() ?? 'unknown'}; ${bench.tasks.length} tasks × ~${(TIME_MS + WARMUP_MS) / 1000} s`,
);
bench.runSync();

// ---------------------------------------------------------------------------------------------------
// Results.

interface Row {
  case: Case;
  impl: Impl;
  inputsPerSec: number;
  mbPerSec: number;
  /** The same rates per second of this process's CPU time (pinned to one core): other load on the machine stretches wall time, not these. */
  inputsPerCpuSec: number;
  mbPerCpuSec: number;
  iterations: number;
  rmePercent: number;
  vsRegExp?: number;
  vsJsonParse?: number;
}
const rows: Row[] = [];
for (const task of bench.tasks) {
  const [c, impl] = task.name.split('/') as [Case, Impl];
  const r = task.result;
  if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state}`);
  const counter = counters.get(task.name) as Counter;
  if (counter.calls !== task.runs) throw new Error(`${task.name}: counted ${counter.calls} calls, tinybench ${task.runs}`);
  const seconds = r.totalTime / 1000;
  rows.push({
    case: c,
    impl,
    inputsPerSec: counter.inputs / seconds,
    mbPerSec: counter.bytes / 1e6 / seconds,
    inputsPerCpuSec: counter.inputs / counter.cpuSeconds,
    mbPerCpuSec: counter.bytes / 1e6 / counter.cpuSeconds,
    iterations: task.runs,
    rmePercent: r.latency.rme,
  });
}
const find = (c: Case, impl: Impl): Row => rows.find((r) => r.case === c && r.impl === impl) as Row;
for (const r of rows) {
  r.vsRegExp = r.mbPerSec / find(r.case, 'regexp').mbPerSec;
  r.vsJsonParse = r.mbPerSec / find(r.case, 'json').mbPerSec;
}

const targetOf = (r: Row): { text: string; met: boolean } | null => {
  if (r.impl !== 'kefuguard') return null;
  return r.case === 'chat'
    ? { text: `≥ ${TARGET_CHAT_LPS.toLocaleString('en-US')} lines/s`, met: r.inputsPerSec >= TARGET_CHAT_LPS }
    : { text: `≥ ${TARGET_LONG_MBPS} MB/s`, met: r.mbPerSec >= TARGET_LONG_MBPS };
};

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = new Table({
  style: { head: [], border: [] },
  head: ['case', 'implementation', 'rate', 'MB/s', '±', 'rate per CPU-s', '× RegExp', '× JSON.parse', 'target'],
});
for (const r of rows) {
  const t = targetOf(r);
  table.push([
    CASES[r.case].label,
    IMPLS[r.impl].label,
    `${fmt(r.inputsPerSec, r.case === 'chat' ? 0 : 1)} ${r.case === 'chat' ? 'lines/s' : 'docs/s'}`,
    fmt(r.mbPerSec, 2),
    `${fmt(r.rmePercent, 1)} %`,
    `${fmt(r.inputsPerCpuSec, r.case === 'chat' ? 0 : 1)}, ${fmt(r.mbPerCpuSec, 2)} MB`,
    fmt(r.vsRegExp ?? 0, 3),
    fmt(r.vsJsonParse ?? 0, 3),
    t ? `${t.text} ${t.met ? 'PASS' : 'FAIL'}` : '',
  ]);
}
console.log(table.toString());
console.log('× columns: MB/s of the row divided by MB/s of the baseline on the same inputs (> 1 = faster than the baseline).');
console.log(
  'Rate per CPU-s: the same work per second of this process’s CPU time (it is pinned to one core), which other jobs on a shared machine do not stretch.',
);

const cpu = os.cpus()[0]?.model ?? 'unknown';
const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpu,
  cpuAffinity: allowedCpus(),
  platform: `${process.platform} ${os.release()} ${process.arch}`,
  typology: analyzer.typology.version,
  model: analyzer.scorer.model.version,
  settings: { timeMs: TIME_MS, warmupMs: WARMUP_MS, linesPerBlock: LINES_PER_BLOCK, docBytes: DOC_BYTES },
  inputs: {
    chat: { lines: lines.length, bytes: totalBytes(chatBlocks), stride, from: allLines.length },
    long: { documents: docs.length, bytes: totalBytes(docs) },
    regexp: {
      patterns: patterns.length,
      otherLiterals: extraLiterals.length,
      flags: baselineRe.flags,
      sourceChars: baselineRe.source.length,
    },
  },
  targets: { longMBps: TARGET_LONG_MBPS, chatLinesPerSec: TARGET_CHAT_LPS },
  results: rows.map((r) => ({
    case: r.case,
    impl: r.impl,
    [r.case === 'chat' ? 'linesPerSec' : 'docsPerSec']: Math.round(r.inputsPerSec * 10) / 10,
    mbPerSec: Math.round(r.mbPerSec * 1000) / 1000,
    [r.case === 'chat' ? 'linesPerCpuSec' : 'docsPerCpuSec']: Math.round(r.inputsPerCpuSec * 10) / 10,
    mbPerCpuSec: Math.round(r.mbPerCpuSec * 1000) / 1000,
    vsRegExp: Math.round((r.vsRegExp ?? 0) * 1000) / 1000,
    vsJsonParse: Math.round((r.vsJsonParse ?? 0) * 1000) / 1000,
    rmePercent: Math.round(r.rmePercent * 100) / 100,
    iterations: r.iterations,
    ...(targetOf(r) ? { targetMet: targetOf(r)?.met } : {}),
  })),
  checksum: sink,
};
const docsDir = join(REPO, 'docs');
if (!existsSync(docsDir)) mkdirSync(docsDir, { recursive: true });
const outPath = join(docsDir, 'bench-text.json');
const config = (await prettier.resolveConfig(outPath)) ?? {};
writeFileSync(outPath, await prettier.format(JSON.stringify(out), { ...config, filepath: outPath }));
console.log(`wrote ${outPath}`);

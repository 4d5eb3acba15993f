import { SingleBar } from 'cli-progress';
import { decodeEventLine } from '../events/index.js';
import { ACTIONS, LEVELS, RiskEngine, serializeDecision, type Decision } from '../engine/index.js';
import type { CheckIo } from './check.js';
import { readLines, statFile } from './files.js';

export interface ReplayOptions {
  strict?: boolean;
  /** Minutes an event may lag its subject's latest and still be applied. */
  latenessMin?: number;
  /** Print no summary (for scripts that only want decisions). */
  quiet?: boolean;
}

export interface ReplaySummary {
  lines: number;
  accepted: number;
  invalid: number;
  duplicates: number;
  late: number;
  subjects: number;
  actions: Record<string, number>;
  levels: Record<string, number>;
  seconds: number;
}

const FLUSH_LINES = 512;

/**
 * `kefuguard replay FILE.jsonl`: events in, one decision per line out, in order. Bad lines go to
 * stderr with their line number and are skipped; `--strict` stops at the first.
 */
export async function replay(file: string, options: ReplayOptions, io: CheckIo, now: () => number = Date.now): Promise<number> {
  const size = file === '-' ? 0 : statFile(file);
  const engine = new RiskEngine({ latenessMs: (options.latenessMin ?? 5) * 60_000 });
  const summary: ReplaySummary = {
    lines: 0,
    accepted: 0,
    invalid: 0,
    duplicates: 0,
    late: 0,
    subjects: 0,
    actions: Object.fromEntries(ACTIONS.map((a) => [a, 0])),
    levels: Object.fromEntries(LEVELS.map((l) => [l, 0])),
    seconds: 0,
  };
  const bar =
    io.stderr.isTTY && !options.quiet && size > 0
      ? new SingleBar({
          stream: io.stderr as NodeJS.WriteStream,
          format: '回放 replay [{bar}] {percentage}% | {value}/{total} bytes | {eta}s',
        })
      : undefined;
  bar?.start(size, 0);
  const started = now();
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!io.stdout.write(chunk)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
  };
  let exit = 0;
  for await (const { line, bytes } of readLines(file, io.stdin)) {
    summary.lines++;
    if (line.trim() === '') continue;
    const result = decodeEventLine(line);
    if (!result.ok) {
      summary.invalid++;
      const detail = result.errors.map((e) => `${e.zh}（${e.field || 'event'}: expected ${e.expected}）`).join('; ');
      io.stderr.write(`${file}:${summary.lines}: 无效事件 invalid event — ${detail}\n`);
      if (options.strict) {
        exit = 1;
        break;
      }
      continue;
    }
    const decision: Decision = engine.process(result.value);
    summary.accepted++;
    summary.actions[decision.action]!++;
    summary.levels[decision.level]!++;
    pending.push(`${serializeDecision(decision)}\n`);
    if (pending.length >= FLUSH_LINES) {
      await flush();
      bar?.update(bytes);
    }
  }
  await flush();
  bar?.update(size);
  bar?.stop();
  const stats = engine.stats();
  summary.duplicates = stats.duplicates;
  summary.late = stats.late;
  summary.subjects = stats.subjects;
  summary.seconds = (now() - started) / 1000;
  if (!options.quiet) io.stderr.write(renderSummary(summary));
  return exit;
}

function renderSummary(s: ReplaySummary): string {
  const rate = s.seconds > 0 ? Math.round(s.accepted / s.seconds) : 0;
  const actions = ACTIONS.map((a) => `${a} ${s.actions[a]}`).join(', ');
  const levels = LEVELS.map((l) => `${l} ${s.levels[l]}`).join(', ');
  return [
    `回放完成 replay done: ${s.lines} 行 lines, ${s.accepted} 个事件已决策 decided, ${s.invalid} 无效 invalid, ${s.duplicates} 重复 duplicates, ${s.late} 迟到 late`,
    `决定 actions: ${actions}`,
    `预警级别 levels: ${levels}`,
    `用户 subjects: ${s.subjects}; ${s.seconds.toFixed(2)} s, ${rate} events/s`,
    '',
  ].join('\n');
}

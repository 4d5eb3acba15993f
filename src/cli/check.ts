import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { TextAnalyzer } from '../text/index.js';
import { statFile } from './files.js';
import { InputError } from './input-error.js';
import { MAX_CONVERSATION_BYTES, parseBatchLine, parseDocument } from './conversation-input.js';
import { renderAssessment } from './render.js';

export interface CheckIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

async function readAll(stream: Readable, where: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > MAX_CONVERSATION_BYTES)
      throw new InputError(where, '输入过大，超过 1 MiB 上限', 'input exceeds the 1 MiB limit', 'TOO_LARGE');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readFile(file: string): string {
  if (statFile(file) > MAX_CONVERSATION_BYTES)
    throw new InputError(file, '输入过大，超过 1 MiB 上限', 'input exceeds the 1 MiB limit', 'TOO_LARGE');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, `无法读取文件（${code}）`, `cannot read the file (${code})`, 'UNREADABLE');
  }
}

/** `kefuguard check [FILE|-] [--json]`: one conversation. */
export async function checkOne(file: string | undefined, json: boolean, io: CheckIo, analyzer = new TextAnalyzer()): Promise<number> {
  let content: string;
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY)
      throw new InputError(
        'stdin',
        '请给出文件名，或通过标准输入传入文本（用 - 表示）',
        'give a file, or pipe text on standard input (use -)',
        'NO_INPUT',
      );
    content = await readAll(io.stdin, 'stdin');
  } else content = readFile(file);
  const input = parseDocument(content, file ?? 'stdin');
  const turns = analyzer.parse(input);
  if (turns.length === 0) throw new InputError(file ?? 'stdin', '输入为空，没有可分析的文本', 'input is empty: nothing to assess', 'EMPTY');
  const assessment = analyzer.assessTurns(turns);
  io.stdout.write(json ? JSON.stringify(assessment) + '\n' : renderAssessment(assessment, turns, Boolean(io.stdout.isTTY)) + '\n');
  return 0;
}

/**
 * `kefuguard check --batch FILE.jsonl`: one output line per input line, in order, same id. A bad line
 * yields `{"id", "line", "error"}` on stdout (so lines stay aligned) and a message on stderr.
 * Exit code 0 when every line was assessed, 1 when some lines were invalid.
 */
export async function checkBatch(file: string, io: CheckIo, analyzer = new TextAnalyzer()): Promise<number> {
  let source: Readable;
  if (file === '-') source = io.stdin;
  else {
    statFile(file);
    source = createReadStream(file, { encoding: 'utf8' });
  }
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim().length === 0) continue;
    let out: string;
    try {
      const { id, input } = parseBatchLine(line, lineNo);
      out = JSON.stringify({ id, ...analyzer.assess(input) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      bad++;
      io.stderr.write(`kefuguard: ${e.message}\n`);
      out = JSON.stringify({ id: idOf(line), line: lineNo, error: e.toJSON() });
    }
    if (!io.stdout.write(out + '\n')) await new Promise((r) => io.stdout.once('drain', r));
  }
  if (bad > 0) io.stderr.write(`kefuguard: ${bad} 行无效，已跳过 (${bad} invalid line(s) skipped)\n`);
  return bad > 0 ? 1 : 0;
}

/** Best effort: the id of a line we could not accept, so the caller can still match it up. */
function idOf(line: string): unknown {
  try {
    const v = JSON.parse(line) as { id?: unknown };
    return typeof v === 'object' && v !== null && (typeof v.id === 'string' || typeof v.id === 'number') ? v.id : null;
  } catch {
    return null;
  }
}

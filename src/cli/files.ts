import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InputError } from './input-error.js';

/** The size of a readable regular file, or an InputError saying why it cannot be read. */
export function statFile(file: string): number {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(file, '文件不存在', 'no such file', 'NOT_FOUND');
    throw new InputError(file, `无法读取文件（${code}）`, `cannot read the file (${code})`, 'UNREADABLE');
  }
  if (st.isDirectory()) throw new InputError(file, '这是一个目录，不是文件', 'is a directory, not a file', 'IS_DIRECTORY');
  return st.size;
}

/**
 * The lines of a file (or stdin for `-`), with the bytes read so far for a progress bar. A file
 * error becomes an InputError before the first line; a read error mid-way is rethrown as one.
 */
export async function* readLines(file: string, stdin: Readable): AsyncGenerator<{ line: string; bytes: number }> {
  const input = file === '-' ? stdin : createReadStream(file);
  let bytes = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      bytes += Buffer.byteLength(line) + 1;
      yield { line, bytes };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new InputError(file, `读取中断（${code}）`, `reading failed (${code})`, 'UNREADABLE');
  }
}

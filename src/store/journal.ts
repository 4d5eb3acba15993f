import { closeSync, constants, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { lockDir, unlockDir } from './dir-lock.js';

export interface JournalOptions {
  /** Start a new segment file once the current one is this large (default 64 MiB). */
  segmentBytes?: number;
}

/** One entry as written: its sequence number and the JSON text the caller gave. */
export interface JournalEntry {
  readonly seq: number;
  readonly body: string;
}

/** What append() hands back at once: the seqs given, and a promise that resolves once they are on disk. */
export interface JournalAppend {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly durable: Promise<void>;
}

const SEGMENT = /^(\d{16})\.jnl$/;
// O_DSYNC: a write returns once its data is on disk, so a group costs one trip to the I/O thread
// instead of two (write, then fdatasync); on a busy machine each trip is a context switch.
const APPEND_DURABLE = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC;
const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, '0')}.jnl`;

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The write-ahead journal: accepted events, appended to segment files in the order the engine saw
 * them, one line each (`seq TAB json`). An append is durable when its write has returned (the file is opened O_DSYNC); everything appended while one flush is in flight goes into the next (group commit), so
 * one sync serves many requests. The database is a projection of the journal, written behind it;
 * segments are deleted once the projection has passed them.
 *
 * A crash can leave a torn last line: it was never acknowledged, and open() cuts it off. Damage
 * anywhere else is refused with the file and line, for an operator to look at.
 */
export class Journal {
  private nextSeq: number;
  private durableSeq: number;
  private buffer: string[] = [];
  private bufferLastSeq = 0;
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  /** Deletions of released segment files, one after another, in the background. */
  private deleting: Promise<void> = Promise.resolve();
  private error: unknown = null;
  private closed = false;
  /** First seqs of the segment files, oldest first; the last is the active one. */
  private readonly segments: number[];

  private constructor(
    readonly dir: string,
    private handle: FileHandle,
    private segmentFirstSeq: number,
    private segmentSize: number,
    lastSeq: number,
    private readonly segmentBytes: number,
  ) {
    this.nextSeq = lastSeq + 1;
    this.durableSeq = lastSeq;
    this.segments = listSegments(dir);
  }

  /**
   * Opens (or creates) the journal in `dir`, cutting off a torn last line. `afterSeq` is where
   * numbering continues when the journal is empty or behind it (the database's last seq).
   */
  static async open(dir: string, afterSeq = 0, options: JournalOptions = {}): Promise<Journal> {
    const path = resolve(dir);
    mkdirSync(path, { recursive: true });
    lockDir(path, 'a journal has one writer');
    try {
      const segments = listSegments(path);
      let lastSeq = afterSeq;
      let active: { first: number; size: number } | null = null;
      if (segments.length > 0) {
        const last = segments[segments.length - 1]!;
        const { lastSeq: inLast, goodBytes } = scanSegment(join(path, segmentName(last)));
        lastSeq = Math.max(afterSeq, inLast ?? last - 1);
        active = { first: last, size: goodBytes };
        // Appending after a gap in numbering would make the segment's name lie about its contents.
        if (inLast !== null && lastSeq !== inLast) active = null;
        if (inLast === null && lastSeq !== last - 1) active = null;
      }
      const first = active ? active.first : lastSeq + 1;
      const handle = await open(join(path, segmentName(first)), APPEND_DURABLE, 0o644);
      if (!active) syncDir(path);
      return new Journal(path, handle, first, active ? active.size : 0, lastSeq, options.segmentBytes ?? 64 * 1024 * 1024);
    } catch (error) {
      unlockDir(path);
      throw error;
    }
  }

  /** The last seq handed out (durable or not). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Everything up to this seq is on disk. */
  get syncedSeq(): number {
    return this.durableSeq;
  }

  /** No append waiting for its sync. */
  get idle(): boolean {
    return this.flushing === null && this.buffer.length === 0;
  }

  /** The error that stopped the journal (a failed write or sync), if one did. */
  get failed(): unknown {
    return this.error;
  }

  /** Hands out the next seqs at once (call order is seq order) and writes the bodies in the next group. */
  append(bodies: readonly string[]): JournalAppend {
    if (this.closed) throw new Error('the journal is closed');
    if (this.error) throw new Error('the journal stopped after a failed write', { cause: this.error });
    if (bodies.length === 0) throw new Error('nothing to append');
    const firstSeq = this.nextSeq;
    for (const body of bodies) {
      if (body.includes('\n')) throw new Error('a journal entry must be one line');
      this.buffer.push(`${this.nextSeq++}\t${body}\n`);
    }
    const lastSeq = this.nextSeq - 1;
    this.bufferLastSeq = lastSeq;
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ seq: lastSeq, resolve, reject }));
    this.flushing ??= this.flushLoop();
    return { firstSeq, lastSeq, durable };
  }

  /** Waits until everything appended so far is durable (or the journal failed). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Entries with seq > afterSeq, in order, from the files (used when opening, before any append). */
  *entries(afterSeq: number): Generator<JournalEntry> {
    // The journal's own list, not the directory: a released segment may still be on disk.
    const segments = this.segments.slice();
    for (let i = 0; i < segments.length; i++) {
      const next = segments[i + 1];
      if (next !== undefined && next - 1 <= afterSeq) continue; // wholly before afterSeq
      const file = join(this.dir, segmentName(segments[i]!));
      for (const entry of readSegment(file)) if (entry.seq > afterSeq) yield entry;
    }
  }

  /**
   * Forgets the segments whose entries are all ≤ seq (the projection has them), never the active one,
   * and deletes their files in the background: unlinking 64 MiB that is already on disk takes tens of
   * milliseconds (more on a busy disk with online discard), which the deciding thread must not wait
   * for. A file whose deletion fails or has not happened yet is only disk space: its entries are
   * behind the database, so opening skips them and a later release deletes it.
   */
  release(seq: number): number {
    let removed = 0;
    while (this.segments.length > 1 && this.segments[0] !== this.segmentFirstSeq && this.segments[1]! - 1 <= seq) {
      const file = join(this.dir, segmentName(this.segments.shift()!));
      this.deleting = this.deleting.then(() => rm(file, { force: true })).catch(() => {});
      removed++;
    }
    return removed;
  }

  /** Segment files on disk (the active one included). */
  get segmentCount(): number {
    return this.segments.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    await this.deleting;
    this.closed = true;
    try {
      await this.handle.close();
    } finally {
      unlockDir(this.dir);
    }
  }

  private async flushLoop(): Promise<void> {
    // Let the current tick's appends join this group.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.buffer.length > 0 && !this.error) {
        const data = this.buffer.join('');
        const upTo = this.bufferLastSeq;
        this.buffer = [];
        try {
          const bytes = Buffer.from(data, 'utf8');
          await this.handle.write(bytes); // durable on return (O_DSYNC)
          this.segmentSize += bytes.length;
          this.durableSeq = upTo;
          this.settle(upTo, null);
          if (this.segmentSize >= this.segmentBytes) await this.rotate();
        } catch (error) {
          this.error = error;
          this.settle(Infinity, error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private settle(upTo: number, error: unknown): void {
    let k = 0;
    while (k < this.waiters.length && this.waiters[k]!.seq <= upTo) {
      const w = this.waiters[k++]!;
      if (error) w.reject(error);
      else w.resolve();
    }
    this.waiters.splice(0, k);
  }

  private async rotate(): Promise<void> {
    const first = this.nextSeq;
    const handle = await open(join(this.dir, segmentName(first)), APPEND_DURABLE, 0o644);
    // The new file's name must be durable before entries are acknowledged from it (off the deciding thread).
    const dirHandle = await open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    const old = this.handle;
    this.handle = handle;
    this.segments.push(first);
    this.segmentFirstSeq = first;
    this.segmentSize = 0;
    await old.close();
  }
}

function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SEGMENT.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function* readSegment(file: string): Generator<JournalEntry> {
  const text = readFileSync(file, 'utf8');
  let start = 0;
  let line = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break; // a torn tail: cut off when the journal was opened, or never acknowledged
    line++;
    yield parseLine(text.slice(start, end), file, line);
    start = end + 1;
  }
}

function parseLine(line: string, file: string, lineNo: number): JournalEntry {
  const tab = line.indexOf('\t');
  const seq = tab > 0 ? Number(line.slice(0, tab)) : NaN;
  if (!Number.isSafeInteger(seq) || seq <= 0) throw new Error(`${file}:${lineNo}: damaged journal entry (no sequence number)`);
  return { seq, body: line.slice(tab + 1) };
}

/**
 * Checks the active segment and returns its last seq and the length of its well-formed prefix: a
 * torn last line (no newline, or not JSON) is cut off; a bad line followed by good ones is damage.
 */
function scanSegment(file: string): { lastSeq: number | null; goodBytes: number } {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  let start = 0;
  let line = 0;
  let lastSeq: number | null = null;
  let goodChars = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    line++;
    const raw = text.slice(start, end < 0 ? text.length : end);
    let ok = end >= 0;
    let seq = NaN;
    if (ok) {
      try {
        const entry = parseLine(raw, file, line);
        try {
          JSON.parse(entry.body);
        } catch (error) {
          throw new Error(`${file}:${line}: damaged journal entry (${(error as Error).message})`, { cause: error });
        }
        seq = entry.seq;
        if (lastSeq !== null && seq !== lastSeq + 1) throw new Error(`${file}:${line}: seq ${seq} does not follow ${lastSeq}`);
      } catch (error) {
        if (text.indexOf('\n', end + 1) >= 0) throw error; // damage before the tail
        ok = false;
      }
    }
    if (!ok) break;
    lastSeq = seq;
    goodChars = end + 1;
    start = end + 1;
  }
  const goodBytes = Buffer.byteLength(text.slice(0, goodChars), 'utf8');
  if (goodBytes < bytes.length) {
    const fd = openSync(file, 'r+');
    try {
      ftruncateSync(fd, goodBytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return { lastSeq, goodBytes };
}

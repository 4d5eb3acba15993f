// The embedded database on a thread of its own (see pglite-thread.ts, which starts this file). Plain
// JavaScript so the thread starts without a TypeScript loader. Messages in:
//   { id, op: 'query', sql, params, name?, tx? } | { id, op: 'exec', sql, tx? } | { id, op: 'begin' }
//   | { id, op: 'end', tx, commit } | { id, op: 'close' }
// out: { id, ok: true, result } | { id, ok: false, error: { message, code, detail, hint, ... } }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { queryPrepared } from './pglite-prepared.js';

const { dataDir, schema } = workerData;
/** Open transactions by id: the PGlite transaction and how to end it. */
const open = new Map();
let nextTx = 1;
let pg;
/** Statements prepared (or being prepared) on this database, by name (see pglite-prepared.js). */
const prepared = new Map();

function errorInfo(error) {
  const info = { message: error instanceof Error ? error.message : String(error) };
  for (const key of ['code', 'detail', 'hint', 'position', 'severity', 'schema', 'table', 'column', 'constraint', 'where']) {
    if (error && typeof error === 'object' && error[key] !== undefined) info[key] = String(error[key]);
  }
  return info;
}

function target(tx) {
  if (tx === undefined) return pg;
  const entry = open.get(tx);
  if (!entry) throw new Error(`transaction ${tx} is not open`);
  return entry.tx;
}

function begin() {
  return new Promise((started, failed) => {
    const id = nextTx++;
    let began = false;
    const done = pg.transaction(
      (tx) =>
        new Promise((resolve, reject) => {
          open.set(id, { tx, resolve, reject, done });
          began = true;
          started(id);
        }),
    );
    open.set(id, { done }); // replaced once it has begun
    done.catch((error) => {
      if (!began) {
        open.delete(id);
        failed(error);
      }
    });
  });
}

async function end(tx, commit) {
  const entry = open.get(tx);
  if (!entry || !entry.resolve) throw new Error(`transaction ${tx} is not open`);
  open.delete(tx);
  if (commit) {
    entry.resolve();
    await entry.done;
  } else {
    entry.reject(new Error('rolled back'));
    await entry.done.catch(() => {});
  }
}

async function handle(message) {
  switch (message.op) {
    case 'query': {
      const result = await queryPrepared(target(message.tx), prepared, message.sql, message.params, message.name);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    }
    case 'exec':
      await target(message.tx).exec(message.sql);
      return null;
    case 'begin':
      return begin();
    case 'end':
      await end(message.tx, message.commit);
      return null;
    case 'close':
      await pg.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

try {
  pg = await PGlite.create(dataDir ? { dataDir } : {});
  // Values of prepared statements are written as '…' literals (pglite-prepared.js): safe only while
  // a backslash is an ordinary character in them.
  await pg.exec('SET standard_conforming_strings = on');
  if (schema) await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  parentPort.on('message', (message) => {
    handle(message).then(
      (result) => parentPort.postMessage({ id: message.id, ok: true, result }),
      (error) => parentPort.postMessage({ id: message.id, ok: false, error: errorInfo(error) }),
    );
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: errorInfo(error) });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/store/pglite.js';
import { openPgliteThread } from '../src/store/pglite-thread.js';

// Named queries on PGlite are prepared once and run as EXECUTE with the values written as literals:
// whatever a value holds, it must arrive as that value and never as SQL.
const NASTY = [
  "O'Brien",
  "'); DROP TABLE kg_prepared_probe; --",
  'back\\slash \\x27 \\\\',
  "$$ dollar $$ and $1 and ''",
  '退款 验证码 🧧 \u2028',
  '',
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each([
  ['in-process', () => openPglite()],
  [
    'worker thread',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kg-prepared-'));
      dirs.push(dir);
      return openPgliteThread({ dataDir: dir });
    },
  ],
])('PGlite named queries (%s)', (_name, open) => {
  it('carry strings, numbers, booleans and nulls as values, and are prepared once', async () => {
    const db = await open();
    try {
      await db.query('CREATE TABLE kg_prepared_probe (v text)');
      for (const value of NASTY) {
        const { rows } = await db.query<{ v: string; n: number; b: boolean; z: null }>(
          'SELECT $1::text AS v, $2::double precision AS n, $3::boolean AS b, $4::text AS z',
          [value, -12.5, false, null],
          { name: 'kg_test_prepared_probe_v1' },
        );
        expect(rows[0]).toEqual({ v: value, n: -12.5, b: false, z: null });
      }
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_prepared_statements WHERE name = 'kg_test_prepared_probe_v1'`,
      );
      expect(rows[0]!.n).toBe('1');
      // The table the injection attempt names is still there.
      await expect(db.query('SELECT count(*) FROM kg_prepared_probe')).resolves.toBeTruthy();
      // Two first uses of one name at once share its PREPARE.
      const both = await Promise.all(
        ['a', 'b'].map((v) => db.query<{ v: string }>('SELECT $1::text AS v', [v], { name: 'kg_test_prepared_twice_v1' })),
      );
      expect(both.map((r) => r.rows[0]!.v)).toEqual(['a', 'b']);
      // A NUL cannot be stored: PostgreSQL's own error, not a cut-off query, and the session goes on.
      await expect(db.query('SELECT $1::text AS v', ['a\0b'], { name: 'kg_test_prepared_probe_v1' })).rejects.toThrow(/0x00/);
      const after = await db.query<{ v: string }>('SELECT $1::text AS v', ['ok'], { name: 'kg_test_prepared_twice_v1' });
      expect(after.rows[0]!.v).toBe('ok');
    } finally {
      await db.close();
    }
  });
});

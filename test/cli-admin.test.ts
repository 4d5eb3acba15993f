import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RiskEngine } from '../src/engine/index.js';
import { buildApp } from '../src/server/index.js';
import { listAudit, openStore } from '../src/store/index.js';
import { TextAnalyzer } from '../src/text/index.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'kefuguard.js');
const dataDir = join(mkdtempSync(join(tmpdir(), 'kefuguard-cli-admin-')), 'db');
const PASSWORD = 'first-admin-password';

/** Runs the real command line in a child process, like an operator would; never against DATABASE_URL. */
function kefuguard(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}

const db = ['--data-dir', dataDir];

describe('kefuguard users and keys', { timeout: 120_000 }, () => {
  let key = '';

  it('creates the first admin from the command line, reading the password from stdin', async () => {
    const r = await kefuguard(
      ['users', 'add', '--username', 'admin', '--role', 'admin', '--display-name', '系统管理员', '--password-stdin', ...db],
      `${PASSWORD}\n`,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已创建用户 admin（admin）.*created user admin \(admin\), id 1/);
    expect(r.out).not.toContain(PASSWORD);
  });

  it('refuses a taken username, a short password, a bad role and a missing password, in Chinese and English, exit 2', async () => {
    const [taken, short, role, none] = await Promise.all([
      kefuguard(['users', 'add', '--username', 'admin', '--role', 'officer', '--password-stdin', ...db], `${PASSWORD}\n`),
      kefuguard(['users', 'add', '--username', 'li', '--role', 'officer', '--password-stdin', ...db], 'short\n'),
      kefuguard(['users', 'add', '--username', 'li', '--role', 'root', '--password-stdin', ...db], `${PASSWORD}\n`),
      // Not a terminal and no --password-stdin: nothing to read the password from.
      kefuguard(['users', 'add', '--username', 'li', '--role', 'officer', ...db]),
    ]);
    expect(taken.code).toBe(2);
    expect(taken.err).toMatch(/用户名 admin 已存在.*already exists/);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/至少需要 12 个字符.*at least 12 characters/);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/--role: 角色必须是/);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/需要密码.*--password-stdin/);
  });

  it('creates a key and prints it once, alone on stdout', async () => {
    const r = await kefuguard(['keys', 'add', '--name', '手机银行', '--scopes', 'events,check', '--rate', '1200', ...db]);
    expect(r.code).toBe(0);
    key = r.out.trim();
    expect(key).toMatch(/^kg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(r.err).toMatch(/只显示这一次.*shown only this once/s);
    expect(r.err).toContain('events,check');
    const [bad, rate] = await Promise.all([
      kefuguard(['keys', 'add', '--name', 'x', '--scopes', 'events,admin', ...db]),
      kefuguard(['keys', 'add', '--name', 'x', '--scopes', 'check', '--rate', 'fast', ...db]),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--scopes: .*不认识：admin.*unknown: admin/);
    expect(rate.code).toBe(2);
    expect(rate.err).toMatch(/--rate/);
  });

  it('lists keys without the secret, and revokes one', async () => {
    const list = await kefuguard(['keys', 'list', ...db]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^id\s+name\s+prefix/);
    expect(list.out).toContain('手机银行');
    expect(list.out).toContain(key.split('_')[1]);
    expect(list.out).not.toContain(key.split('_').slice(2).join('_'));
    const add = await kefuguard(['keys', 'add', '--name', 'to-revoke', '--scopes', 'lookup', ...db]);
    expect(add.code).toBe(0);
    const revoke = await kefuguard(['keys', 'revoke', '2', ...db]);
    expect(revoke.code).toBe(0);
    expect(revoke.out).toMatch(/已吊销密钥 2（to-revoke）/);
    const missing = await kefuguard(['keys', 'revoke', '99', ...db]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/没有编号为 99 的密钥/);
    const json = (await kefuguard(['keys', 'list', '--json', ...db])).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(json.map((k: { name: string; revokedAt: string | null }) => [k.name, k.revokedAt === null])).toEqual([
      ['手机银行', true],
      ['to-revoke', false],
    ]);
  });

  it('the admin logs in and the key works in the service; every change was audited as cli', async () => {
    const store = await openStore({ dataDir });
    try {
      // While the database is open here, another process cannot open it: said plainly.
      const busy = await kefuguard(['users', 'list', ...db]);
      expect(busy.code).toBe(2);
      expect(busy.err).toMatch(/数据目录正被进程 \d+ 使用.*is kefuguard serve running/);

      const actions = (await listAudit(store.db, { actorType: 'cli' })).map((e) => e.action).reverse();
      expect(actions).toEqual(['user.create', 'key.create', 'key.create', 'key.revoke']);
      expect(JSON.stringify(await listAudit(store.db))).not.toContain(key.split('_').slice(2).join('_'));

      const analyzer = new TextAnalyzer();
      const app = buildApp({ engine: new RiskEngine({ analyzer }), analyzer, store });
      try {
        const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
        expect(login.statusCode).toBe(200);
        expect(login.json().user).toMatchObject({ username: 'admin', role: 'admin', displayName: '系统管理员' });
        const check = await app.inject({
          method: 'POST',
          url: '/v1/check',
          headers: { authorization: `Bearer ${key}` },
          payload: { text: '快递到了吗' },
        });
        expect(check.statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }
  });

  it('sets a password from the command line and lists users', async () => {
    const r = await kefuguard(['users', 'set-password', '--username', 'admin', '--password-stdin', ...db], 'a-brand-new-password\n');
    expect(r.code).toBe(0);
    const list = await kefuguard(['users', 'list', ...db]);
    expect(list.out).toMatch(/1\s+admin\s+admin\s+系统管理员\s+active/);
  });
});

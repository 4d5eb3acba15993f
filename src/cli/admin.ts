import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  AccountError,
  addApiKey,
  addUser,
  checkPassword,
  checkRate,
  checkRole,
  checkScopes,
  checkUsername,
  PASSWORD_MIN_LENGTH,
  RATE_LIMIT_DEFAULT,
  resetPassword,
  revokeKey,
  type Actor,
} from '../service/accounts.js';
import { audit, getUserByName, listApiKeys, listUsers, openStore, pruneEventLog, type Store } from '../store/index.js';
import type { CheckIo } from './check.js';
import { InputError } from './input-error.js';

/**
 * `kefuguard users …` and `kefuguard keys …`: user and API-key administration on the service's
 * database, the way the first admin is created. Each change is audited with actor type `cli` (and
 * the operating-system account that ran it).
 */

export const DEFAULT_DATA_DIR = 'data/kefuguard-db';

interface StoreChoice {
  dataDir?: string;
}

/**
 * The database `kefuguard serve` would use: PostgreSQL when DATABASE_URL is set, else the embedded
 * database in --data-dir (default data/kefuguard-db). Both at once is refused rather than guessed.
 */
async function openAdminStore(opts: StoreChoice): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl && opts.dataDir !== undefined)
    throw new InputError(
      '--data-dir',
      '同时设置了 DATABASE_URL 和 --data-dir，请只用其一（serve 在有 DATABASE_URL 时使用 PostgreSQL）',
      'both DATABASE_URL and --data-dir are set: use one (serve uses PostgreSQL when DATABASE_URL is set)',
      'USAGE',
    );
  try {
    return await openStore(databaseUrl ? { databaseUrl } : { dataDir: opts.dataDir ?? DEFAULT_DATA_DIR });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const inUse = /in use by process (\d+)/.exec(message);
    if (inUse)
      throw new InputError(
        opts.dataDir ?? DEFAULT_DATA_DIR,
        `数据目录正被进程 ${inUse[1]} 使用（kefuguard serve 是否正在运行？）。内置数据库一次只能由一个进程打开：请先停止服务再执行，或改用 PostgreSQL（DATABASE_URL）`,
        `the data directory is in use by process ${inUse[1]} (is kefuguard serve running?). The embedded database allows one process at a time: stop the service first, or use PostgreSQL (DATABASE_URL)`,
        'DATA_DIR_IN_USE',
      );
    throw new InputError(
      databaseUrl ? 'DATABASE_URL' : (opts.dataDir ?? DEFAULT_DATA_DIR),
      `无法打开数据库：${message}`,
      `cannot open the database: ${message}`,
      'STORE',
    );
  }
}

async function withStore<T>(opts: StoreChoice, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openAdminStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function cliActor(): Actor {
  let account: string | null = null;
  try {
    account = userInfo().username;
  } catch {
    // no passwd entry (some containers): the entry still says it came from the command line
  }
  return { actorType: 'cli', actorId: account };
}

const OPTION_OF: Record<string, string> = {
  username: '--username',
  password: 'password',
  role: '--role',
  scopes: '--scopes',
  rateLimitPerMin: '--rate',
  name: '--name',
  disabled: '--username',
};

function asInputError(e: unknown): unknown {
  return e instanceof AccountError ? new InputError(OPTION_OF[e.field] ?? e.field, e.zh, e.en, e.code) : e;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** Reads a line from a terminal without echoing it. */
function promptHidden(io: CheckIo, prompt: string): Promise<string> {
  const input = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      io.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new InputError('password', '已取消', 'cancelled', 'CANCELLED'));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * The password from standard input (`--password-stdin`: the first line, for scripts and secret
 * stores), or typed twice at a terminal without echo. Never from an argument: it would be in the
 * shell history and in `ps`.
 */
async function readPassword(io: CheckIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const password = (await readAll(io.stdin)).split(/\r?\n/)[0] ?? '';
    if (password.length === 0)
      throw new InputError('--password-stdin', '标准输入中没有密码', 'no password on standard input', 'NO_PASSWORD');
    return password;
  }
  if (!(io.stdin as NodeJS.ReadStream).isTTY)
    throw new InputError(
      'password',
      '需要密码：请用 --password-stdin 从标准输入提供，或在终端中运行以输入',
      'a password is needed: give it on standard input with --password-stdin, or run this in a terminal to type it',
      'NO_PASSWORD',
    );
  const first = await promptHidden(io, `密码 / password (≥ ${PASSWORD_MIN_LENGTH}): `);
  const second = await promptHidden(io, '再输入一次 / again: ');
  if (first !== second) throw new InputError('password', '两次输入的密码不一致', 'the two passwords differ', 'PASSWORD_MISMATCH');
  return first;
}

function parseRate(value: string): number {
  if (!/^\d{1,7}$/.test(value.trim()))
    throw new InputError(
      '--rate',
      `应为每分钟请求数（正整数），收到 "${value}"`,
      `expected requests per minute (a whole number), got "${value}"`,
      'USAGE',
    );
  return Number(value.trim());
}

function parseId(value: string): number {
  if (!/^[1-9]\d{0,14}$/.test(value.trim()))
    throw new InputError('ID', `密钥编号应为正整数，收到 "${value}"`, `a key id is a positive whole number, got "${value}"`, 'USAGE');
  return Number(value.trim());
}

const day = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

const DATA_DIR_HELP = `内置数据库目录（默认 ${DEFAULT_DATA_DIR}；设置 DATABASE_URL 则用 PostgreSQL）/ embedded database directory`;

/** Adds `users` and `keys` to the program; `setCode` receives each command's exit code. */
export function registerAdminCommands(program: Command, io: CheckIo, setCode: (code: number) => void): void {
  const users = program.command('users').description('管理控制台用户 / manage console users');

  users
    .command('add')
    .description('创建用户（第一个管理员也这样创建）/ create a user (the first admin too)')
    .requiredOption('--username <name>', '用户名 / username')
    .requiredOption('--role <role>', 'admin | officer | analyst')
    .option('--display-name <text>', '显示名称 / display name')
    .option('--password-stdin', '从标准输入读取密码（第一行）/ read the password from stdin (first line)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { username: string; role: string; displayName?: string; passwordStdin?: boolean; dataDir?: string }) => {
      const password = await readPassword(io, Boolean(opts.passwordStdin));
      // Checked before the database is opened: a typo costs no start-up.
      try {
        checkUsername(opts.username);
        checkRole(opts.role);
        checkPassword(password);
      } catch (e) {
        throw asInputError(e);
      }
      const user = await withStore(opts, (store) =>
        addUser(store.db, { username: opts.username, password, role: opts.role, displayName: opts.displayName ?? null }, cliActor()).catch(
          (e: unknown) => {
            throw asInputError(e);
          },
        ),
      );
      io.stdout.write(
        `已创建用户 ${user.username}（${user.role}），编号 ${user.id} / created user ${user.username} (${user.role}), id ${user.id}\n`,
      );
      setCode(0);
    });

  users
    .command('set-password')
    .description('重设用户密码并结束其所有会话 / set a user’s password and end their sessions')
    .requiredOption('--username <name>', '用户名 / username')
    .option('--password-stdin', '从标准输入读取密码（第一行）/ read the password from stdin (first line)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { username: string; passwordStdin?: boolean; dataDir?: string }) => {
      const password = await readPassword(io, Boolean(opts.passwordStdin));
      try {
        checkPassword(password);
      } catch (e) {
        throw asInputError(e);
      }
      await withStore(opts, async (store) => {
        const user = await getUserByName(store.db, opts.username);
        if (!user) throw new InputError('--username', `没有用户 ${opts.username}`, `no user named ${opts.username}`, 'USER_NOT_FOUND');
        await resetPassword(store.db, user.id, password, cliActor()).catch((e: unknown) => {
          throw asInputError(e);
        });
      });
      io.stdout.write(`已重设 ${opts.username} 的密码 / password set for ${opts.username}\n`);
      setCode(0);
    });

  users
    .command('list')
    .description('列出用户 / list users')
    .option('--json', '每行一个 JSON / one JSON object per line')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const all = await withStore(opts, (store) => listUsers(store.db));
      if (opts.json) for (const u of all) io.stdout.write(JSON.stringify(u) + '\n');
      else
        io.stdout.write(
          table([
            ['id', 'username', 'role', 'name', 'status', 'last login'],
            ...all.map((u) => [
              String(u.id),
              u.username,
              u.role,
              u.displayName ?? '',
              u.disabled ? 'disabled' : 'active',
              day(u.lastLoginAt),
            ]),
          ]),
        );
      setCode(0);
    });

  const keys = program.command('keys').description('管理发送系统的 API 密钥 / manage API keys of sending systems');

  keys
    .command('add')
    .description('创建 API 密钥（只显示这一次）/ create an API key (shown once)')
    .requiredOption('--name <name>', '发送系统名称 / the sending system')
    .requiredOption('--scopes <list>', '逗号分隔：events,check,lookup / comma-separated: events,check,lookup')
    .option('--rate <n>', `每分钟请求上限（默认 ${RATE_LIMIT_DEFAULT}）/ requests per minute (default ${RATE_LIMIT_DEFAULT})`, parseRate)
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { name: string; scopes: string; rate?: number; dataDir?: string }) => {
      const scopes = opts.scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        checkScopes(scopes);
        if (opts.rate !== undefined) checkRate(opts.rate);
      } catch (e) {
        throw asInputError(e);
      }
      const { key, apiKey } = await withStore(opts, (store) =>
        addApiKey(store.db, { name: opts.name, scopes, rateLimitPerMin: opts.rate }, cliActor()).catch((e: unknown) => {
          throw asInputError(e);
        }),
      );
      // The key alone on stdout, so `KEY=$(kefuguard keys add …)` works; the rest on stderr.
      io.stdout.write(key + '\n');
      io.stderr.write(
        `已创建密钥 ${apiKey.id}（${apiKey.name}，${apiKey.scopes.join(',')}，每分钟 ${apiKey.rateLimitPerMin} 次）。密钥只显示这一次，请妥善保存。\n` +
          `created key ${apiKey.id} (${apiKey.name}, ${apiKey.scopes.join(',')}, ${apiKey.rateLimitPerMin}/min). It is shown only this once: store it safely.\n`,
      );
      setCode(0);
    });

  keys
    .command('list')
    .description('列出 API 密钥（不含密钥本身）/ list API keys (never the keys themselves)')
    .option('--json', '每行一个 JSON / one JSON object per line')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { json?: boolean; dataDir?: string }) => {
      const all = await withStore(opts, (store) => listApiKeys(store.db));
      if (opts.json) for (const k of all) io.stdout.write(JSON.stringify(k) + '\n');
      else
        io.stdout.write(
          table([
            ['id', 'name', 'prefix', 'scopes', 'rate/min', 'created', 'last used', 'status'],
            ...all.map((k) => [
              String(k.id),
              k.name,
              k.prefix,
              k.scopes.join(','),
              String(k.rateLimitPerMin),
              day(k.createdAt),
              day(k.lastUsedAt),
              k.revokedAt ? `revoked ${day(k.revokedAt)}` : 'active',
            ]),
          ]),
        );
      setCode(0);
    });

  keys
    .command('revoke')
    .description('吊销 API 密钥 / revoke an API key')
    .argument('<id>', '密钥编号（keys list 中的 id）/ key id (from keys list)', parseId)
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (id: number, opts: { dataDir?: string }) => {
      const { outcome, apiKey } = await withStore(opts, (store) => revokeKey(store.db, id, cliActor()));
      if (outcome === 'missing' || !apiKey)
        throw new InputError('ID', `没有编号为 ${id} 的密钥`, `no API key with id ${id}`, 'KEY_NOT_FOUND');
      io.stdout.write(
        outcome === 'already'
          ? `密钥 ${id}（${apiKey.name}）早已吊销 / key ${id} (${apiKey.name}) was already revoked\n`
          : `已吊销密钥 ${id}（${apiKey.name}）；运行中的服务最迟 30 秒内拒绝它 / revoked key ${id} (${apiKey.name}); running services refuse it within 30 s\n`,
      );
      setCode(0);
    });

  program
    .command('prune')
    .description(
      '数据保留：删除早于 N 天收到的事件日志个人数据（案件、举报、标签、审计日志保留）/ data retention: remove event-log personal data received more than N days ago (cases, reports, labels and the audit log stay)',
    )
    .requiredOption('--older-than <days>', `天数，至少 ${MIN_RETENTION_DAYS} / days, at least ${MIN_RETENTION_DAYS}`, parseRetentionDays)
    .option('--dry-run', '只统计，不删除 / count only, delete nothing')
    .option('--json', '输出 JSON / print JSON')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .action(async (opts: { olderThan: number; dryRun?: boolean; json?: boolean; dataDir?: string }) => {
      const receivedBefore = new Date(Date.now() - opts.olderThan * 86_400_000);
      const report = await withStore(opts, async (store) => {
        const r = await pruneEventLog(store.db, { receivedBefore, dryRun: opts.dryRun });
        if (!r.dryRun) {
          const { receivedBefore: _before, dryRun: _dry, ...counts } = r;
          await audit(store.db, { ...cliActor(), action: 'retention.prune', detail: { olderThanDays: opts.olderThan, ...counts } });
        }
        return r;
      });
      if (opts.json) io.stdout.write(JSON.stringify(report) + '\n');
      else if (report.snapshotSeq === null) {
        io.stdout.write('还没有引擎快照，事件日志暂不能删减 / no engine snapshot yet: the event log cannot be pruned\n');
      } else {
        const r = report;
        io.stdout.write(
          `${r.dryRun ? '将删除' : '已删除'}：事件 ${r.events} 条、决定 ${r.decisions} 条、未入案预警 ${r.alerts} 条、实体关联 ${r.eventLinks} 条、实体 ${r.entities} 个；` +
            `案件、举报或标签仍需的旧事件 ${r.keptForCases} 条保留\n` +
            `${r.dryRun ? 'would remove' : 'removed'}: ${r.events} events, ${r.decisions} decisions, ${r.alerts} alerts outside cases, ` +
            `${r.eventLinks} entity links, ${r.entities} entities; kept ${r.keptForCases} old events that cases, reports or labels need ` +
            `(received before ${r.receivedBefore.toISOString()}, up to engine snapshot seq ${r.snapshotSeq})\n`,
        );
      }
      setCode(0);
    });
}

/**
 * The shortest retention accepted: longer than every window the engine remembers (episode 72 h,
 * idle subjects 7 days, duplicates 48 h) with a wide margin, so a case opened now never needs an
 * event that is gone.
 */
const MIN_RETENTION_DAYS = 30;

function parseRetentionDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_RETENTION_DAYS || n > 36_500)
    throw new InputError(
      '--older-than',
      `应为 ${MIN_RETENTION_DAYS}–36500 的整数天，收到 ${value}`,
      `expected whole days ${MIN_RETENTION_DAYS}–36500, got ${value}`,
      'USAGE',
    );
  return n;
}

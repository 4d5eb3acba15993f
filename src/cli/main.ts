import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './admin.js';
import { checkBatch, checkOne, type CheckIo } from './check.js';
import { evalCommand } from './eval.js';
import { InputError } from './input-error.js';
import { parseLateness, parsePort } from './options.js';
import { replay } from './replay.js';
import { parseCountOption, parseShareOption, runSimulate, type SimulateCliOptions } from './simulate.js';

const VERSION = '0.1.0';

/** Entry point of `kefuguard`; returns the exit code so tests can run it in-process. */
export async function main(
  argv: string[],
  io: CheckIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('kefuguard')
    .description(
      '客服卫士 KefuGuard — 冒充客服退款/理赔诈骗的实时防御 / real-time defence against impersonated customer-service refund scams',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('check')
    .description('评估一段对话、短信或叙述 / assess one conversation, SMS or narrative')
    .argument('[file]', '文本或 JSON 文件，- 表示标准输入 / text or JSON file, - for stdin')
    .option('--json', '输出 JSON / print the assessment as JSON')
    .option('--batch <file>', 'JSONL 批量：每行 {"id","text"} 或 {"id","turns"} / JSONL batch, one assessment per line')
    .action(async (file: string | undefined, opts: { json?: boolean; batch?: string }) => {
      if (opts.batch !== undefined) {
        if (file !== undefined)
          throw new InputError('check', '--batch 与文件参数不能同时使用', '--batch cannot be combined with a file argument', 'USAGE');
        code = await checkBatch(opts.batch, io);
      } else code = await checkOne(file, Boolean(opts.json), io);
    });

  program
    .command('replay')
    .description('回放事件流，逐条输出决定 / replay events, one decision per line')
    .argument('<file>', 'JSONL 事件文件，- 表示标准输入 / JSONL events, - for stdin')
    .option('--strict', '遇到第一条无效事件即停止 / stop at the first invalid event')
    .option('--lateness <minutes>', '允许的乱序延迟（分钟，默认 5）/ allowed lateness in minutes (default 5)', parseLateness)
    .option('--quiet', '不输出汇总 / no summary on stderr')
    .action(async (file: string, opts: { strict?: boolean; lateness?: number; quiet?: boolean }) => {
      code = await replay(file, { strict: opts.strict, latenessMin: opts.lateness, quiet: opts.quiet }, io);
    });

  program
    .command('serve')
    .description('启动 HTTP 服务（API、/docs、/metrics）/ start the HTTP service (API, OpenAPI at /docs, /metrics)')
    .option('--port <port>', '端口 / port', parsePort, 8080)
    .option('--host <host>', '监听地址 / address to bind', '127.0.0.1')
    .option('--lateness <minutes>', '允许的乱序延迟（分钟，默认 5）/ allowed lateness in minutes (default 5)', parseLateness)
    .option('--data-dir <dir>', '内置数据库目录（默认 data/kefuguard-db；设置 DATABASE_URL 则用 PostgreSQL）/ embedded database directory')
    .option(
      '--journal-dir <dir>',
      '预写日志目录：事件写入日志即持久，数据库随后写入（内置数据库默认 <data-dir>-journal）/ write-ahead journal directory (embedded default <data-dir>-journal; PostgreSQL: none unless given)',
    )
    .option('--no-journal', '不用预写日志：每批事件先提交数据库再返回 / no journal: every batch commits to the database before replying')
    .option(
      '--trust-proxy <addresses>',
      '受信任的反向代理（逗号分隔的 IP/CIDR 或 loopback），只认它们转发的 X-Forwarded-For（默认取 KEFUGUARD_TRUST_PROXY，否则不信任）/ reverse proxies whose X-Forwarded-For is believed (comma list of IPs, CIDR ranges or loopback; default KEFUGUARD_TRUST_PROXY, else none)',
    )
    .option(
      '--snapshot-every <events>',
      '每提交多少事件保存一次引擎快照（默认 200000）/ engine snapshot after this many committed events (default 200000)',
      parseCountOption,
    )
    .action(
      async (opts: {
        port: number;
        host: string;
        lateness?: number;
        dataDir?: string;
        journalDir?: string;
        journal: boolean;
        snapshotEvery?: number;
        trustProxy?: string;
      }) => {
        // Loaded on demand: `check` and `replay` should not pay for the web framework.
        const { startServer } = await import('../server/serve.js');
        const { parseTrustedProxies } = await import('../server/trusted-proxies.js');
        const app = await startServer({
          port: opts.port,
          host: opts.host,
          latenessMin: opts.lateness,
          dataDir: opts.dataDir,
          journalDir: opts.journal ? opts.journalDir : false,
          snapshotEvery: opts.snapshotEvery,
          trustedProxies: opts.trustProxy === undefined ? undefined : parseTrustedProxies('--trust-proxy', opts.trustProxy),
        });
        const url = app.listeningOrigin;
        io.stderr.write(`KefuGuard 服务已启动 / listening on ${url}  (API 文档 / OpenAPI: ${url}/docs)\n`);
      },
    );

  program
    .command('simulate')
    .description('生成带标签的合成人群（事件 JSONL + 标签 JSONL）/ generate a labelled synthetic population')
    .requiredOption('--seed <n>', '随机种子 / seed', parseCountOption)
    .option('--out <file>', '事件 JSONL，- 或缺省为标准输出 / events JSONL, - or absent for stdout')
    .option('--labels <file>', '标签 JSONL，缺省 <out>.labels.jsonl / labels JSONL (default <out>.labels.jsonl)')
    .option('--customers <n>', '普通客户数 / ordinary customers (default 2000)', parseCountOption)
    .option('--victims <n>', '受害人数 / victims (default 200)', parseCountOption)
    .option('--days <n>', '天数 / days (default 7)', parseCountOption)
    .option('--start <iso>', '开始时间 / window start (default 2026-05-01T00:00:00+08:00)')
    .option('--out-of-order <share>', '迟到事件比例 / share of events delivered late (default 0)', parseShareOption)
    .option('--duplicates <share>', '重复发送比例 / share of events sent twice (default 0)', parseShareOption)
    .action(async (opts: SimulateCliOptions) => {
      code = await runSimulate(opts, io);
    });

  program
    .command('eval')
    .description('用带标签的事件评估引擎 / evaluate the engine on labelled events')
    .argument('<events>', 'JSONL 事件文件 / JSONL events')
    .argument('<labels>', 'JSONL 标签文件（kefuguard simulate 生成）/ JSONL labels from kefuguard simulate')
    .option('--json', '输出 JSON / print JSON')
    .action(async (events: string, labels: string, opts: { json?: boolean }) => {
      code = await evalCommand(events, labels, Boolean(opts.json), io);
    });

  registerAdminCommands(program, io, (c) => (code = c));

  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof InputError) {
      io.stderr.write(`kefuguard: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

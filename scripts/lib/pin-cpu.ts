import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const PIN_ENV = 'KEFUGUARD_BENCH_CPU';

export function allowedCpus(): string | null {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Re-runs this script under `taskset` on the first CPU it may use, so V8's helper threads (GC,
 * compiler) share that core with the benchmark instead of running beside it. Returns in the child.
 */
export function pinToOneCore(): void {
  if (process.platform !== 'linux' || process.env[PIN_ENV] !== undefined) return;
  const cpu = /^\d+/.exec(allowedCpus() ?? '')?.[0] ?? '0';
  const child = spawnSync('taskset', ['-c', cpu, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [PIN_ENV]: cpu },
  });
  if (!child.error) process.exit(child.status ?? 1);
  console.warn(`taskset unavailable (${child.error.message}); running unpinned`);
}

import { InputError } from './input-error.js';

/** Commander parsers for options shared by several commands; each names the option it rejects. */
export function parseLateness(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InputError('--lateness', `应为非负的分钟数，收到 ${value}`, `expected minutes ≥ 0, got ${value}`, 'USAGE');
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InputError('--port', `端口应为 0–65535 的整数，收到 ${value}`, `expected a port 0–65535, got ${value}`, 'USAGE');
  return n;
}

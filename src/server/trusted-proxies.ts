import { isIP } from 'node:net';
import { InputError } from '../cli/input-error.js';

/** Names proxy-addr understands for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed, from a comma
 * list (`where` names the option or variable it came from, for the error). Only a request whose
 * peer is one of them gets the client address from the header, so nobody else can choose the
 * address that login throttling and the audit log see.
 */
export function parseTrustedProxies(where: string, list: string): string[] {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (RANGE_NAMES.has(entry)) continue;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32)) || (family === 4 && isIP(bits) === 4);
    if (family === 0 || rest.length > 0 || !prefixOk) {
      throw new InputError(
        where,
        `受信任的代理地址“${entry}”无效：应为 IP 地址、CIDR 网段（如 10.0.0.0/8）或 loopback、linklocal、uniquelocal`,
        `trusted proxy "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
        'USAGE',
      );
    }
  }
  return entries;
}

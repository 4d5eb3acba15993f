import { isIP } from 'node:net';

/** Names proxy-addr understands for whole address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A `--trust-proxy` / KEFUGUARD_TRUST_PROXY entry that is not an address, a CIDR range or a range name. */
export class TrustedProxyError extends Error {
  constructor(
    readonly entry: string,
    readonly zh: string,
  ) {
    super(`trusted proxy "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
    this.name = 'TrustedProxyError';
  }
}

/**
 * The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed, from a comma
 * list. Only a request whose peer is one of them gets the client address from the header, so
 * nobody else can choose the address that login throttling and the audit log see.
 */
export function parseTrustedProxies(list: string): string[] {
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
      throw new TrustedProxyError(
        entry,
        `受信任的代理地址“${entry}”无效：应为 IP 地址、CIDR 网段（如 10.0.0.0/8）或 loopback/linklocal/uniquelocal`,
      );
    }
  }
  return entries;
}

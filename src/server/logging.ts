import type { FastifyServerOptions } from 'fastify';

/**
 * Logs carry no request bodies, phone numbers or card numbers. Bodies are never logged by the service;
 * as a second line of defence every message, stack and URL that reaches the log goes through `scrub`,
 * which masks any run of 7 or more digits (phones are 11, cards 16–19, QQ ids 5–11 — 7 keeps
 * ordinary counts and status codes readable), and fields that may hold them are redacted outright.
 */
const LONG_NUMBER = /\+?\d(?:[\s-]?\d){6,}/g;

export function scrub(text: string): string {
  return text.replace(LONG_NUMBER, (m) => `[number:${m.replace(/\D/g, '').length}]`);
}

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'body',
  'event',
  'events',
  'text',
  'turns',
  'peer',
  'payee',
  '*.body',
  '*.event',
  '*.text',
  '*.peer',
  '*.payee',
  'password',
  'currentPassword',
  'newPassword',
  'csrfToken',
  'key',
  '*.password',
  '*.key',
];

interface LoggedRequest {
  id?: string;
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
}

interface LoggedError {
  name?: string;
  code?: unknown;
  statusCode?: unknown;
  message?: string;
  stack?: string;
}

const SERIALIZERS = {
  req(req: LoggedRequest) {
    // The path without its query string: queries are where lookups would carry numbers.
    const path = scrub(
      String(req.url ?? '')
        .split('?')[0]
        .slice(0, 200),
    );
    return { id: req.id, method: req.method, url: path, route: req.routeOptions?.url, ip: req.ip };
  },
  res(res: { statusCode?: number }) {
    return { statusCode: res.statusCode };
  },
  err(err: LoggedError) {
    return {
      type: err.name,
      code: err.code,
      statusCode: err.statusCode,
      message: scrub(String(err.message ?? '')),
      stack: err.stack ? scrub(err.stack) : undefined,
    };
  },
};

/** Fastify's `logger` option with the service's redaction and serializers, whatever the caller passes. */
export function loggerOptions(option: boolean | object | undefined): FastifyServerOptions['logger'] {
  if (option === undefined || option === false) return false;
  const base = option === true ? { level: 'info' } : option;
  return {
    ...base,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: SERIALIZERS,
  } as unknown as FastifyServerOptions['logger'];
}

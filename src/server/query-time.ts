import { parseEventTime } from '../events/index.js';
import { ApiError } from './errors.js';

/**
 * A time bound from a query string: a date (midnight China time), or whatever an event's `ts` may be
 * (ISO-8601 with an offset, epoch milliseconds). `field` is the JSON pointer named in the 400.
 */
export function parseQueryTime(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? Date.parse(`${value}T00:00:00+08:00`)
    : /^\d+$/.test(value)
      ? Number(value)
      : (parseEventTime(value) ?? NaN);
  if (!Number.isFinite(t)) {
    throw new ApiError(
      400,
      'INVALID_FIELD',
      `字段 ${field} 应为日期（如 2026-05-01）、带时区的 ISO-8601 时间（如 2026-05-01T10:00:00+08:00）或毫秒时间戳`,
      `${field}: expected a date (2026-05-01), an ISO-8601 time with offset (2026-05-01T10:00:00+08:00) or epoch ms`,
      field,
    );
  }
  return new Date(t);
}

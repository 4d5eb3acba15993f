/** ISO-8601 date-time with an explicit offset (Z or ±hh:mm); a local time without one is ambiguous. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * The last day seen in the canonical form `YYYY-MM-DDThh:mm:ss±hh:mm` (or `…ssZ`): its date and its
 * offset as numbers read from the digits, and what Date.parse gives for midnight of it. Events
 * arrive roughly in time order, so most share the previous event's day and need only their time
 * of day added; comparing two numbers is cheaper than comparing the strings.
 */
let dayKey = -1;
let dayOffsetKey = -1;
let dayStart = NaN;

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The two digits at i and i + 1 as a number, or -1 when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Milliseconds into the day of a canonical timestamp's hh:mm:ss, or -1 when it is not one. */
function timeOfDay(ts: string): number {
  const h = twoDigits(ts, 11);
  const m = twoDigits(ts, 14);
  const s = twoDigits(ts, 17);
  if ((h | m | s) < 0 || ts.charCodeAt(13) !== 58 || ts.charCodeAt(16) !== 58) return -1;
  // 24:00 and leap seconds are left to Date.parse.
  return h <= 23 && m <= 59 && s <= 59 ? h * 3_600_000 + m * 60_000 + s * 1000 : -1;
}

/** `YYYY-MM-DD` at 0–9 as the number YYYYMMDD, or -1 when it is not in that form. */
function dateKey(ts: string): number {
  const c = twoDigits(ts, 0);
  const y = twoDigits(ts, 2);
  const mo = twoDigits(ts, 5);
  const d = twoDigits(ts, 8);
  if ((c | y | mo | d) < 0 || ts.charCodeAt(4) !== 45 || ts.charCodeAt(7) !== 45) return -1;
  return ((c * 100 + y) * 100 + mo) * 100 + d;
}

/**
 * Date.parse for the canonical form, from the cached day: the time of day is plain arithmetic
 * once the day and offset are known, and the day's validity (and its start) comes from Date.parse
 * itself. Undefined when the string is not in that form (the caller takes the general path).
 */
function canonicalTime(ts: string): number | undefined {
  const zulu = ts.length === 20;
  if ((!zulu && ts.length !== 25) || ts.charCodeAt(10) !== 84 /* T */) return undefined;
  if (zulu ? ts.charCodeAt(19) !== 90 /* Z */ : !isOffset(ts)) return undefined;
  const tod = timeOfDay(ts);
  if (tod < 0) return undefined;
  const date = dateKey(ts);
  if (date < 0) return undefined;
  // Z, or the sign (1 for +, 2 for −) then hhmm: distinct offsets, distinct keys.
  const offset = zulu ? 0 : (ts.charCodeAt(19) === 43 ? 10_000 : 20_000) + twoDigits(ts, 20) * 100 + twoDigits(ts, 23);
  if (date !== dayKey || offset !== dayOffsetKey) {
    dayKey = date;
    dayOffsetKey = offset;
    dayStart = Date.parse(`${ts.slice(0, 10)}T00:00:00${ts.slice(19)}`);
  }
  return Number.isNaN(dayStart) ? NaN : dayStart + tod;
}

/** `±hh:mm` at 19–24. */
function isOffset(ts: string): boolean {
  const sign = ts.charCodeAt(19);
  return (sign === 43 || sign === 45) && (twoDigits(ts, 20) | twoDigits(ts, 23)) >= 0 && ts.charCodeAt(22) === 58;
}

/** Event time in epoch ms, or undefined when the value is not a time the contract accepts. */
export function parseEventTime(ts: string | number): number | undefined {
  if (typeof ts === 'number') return Number.isFinite(ts) && ts >= 0 ? ts : undefined;
  const fast = canonicalTime(ts);
  if (fast !== undefined) return Number.isNaN(fast) ? undefined : fast;
  if (!ISO_WITH_OFFSET.test(ts)) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

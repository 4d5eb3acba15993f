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

/** Milliseconds into the day of a canonical timestamp's hh:mm:ss, or -1 when it is not one. */
function timeOfDay(ts: string): number {
  const h1 = digit(ts, 11);
  const h2 = digit(ts, 12);
  const m1 = digit(ts, 14);
  const m2 = digit(ts, 15);
  const s1 = digit(ts, 17);
  const s2 = digit(ts, 18);
  if ((h1 | h2 | m1 | m2 | s1 | s2) < 0 || ts.charCodeAt(13) !== 58 || ts.charCodeAt(16) !== 58) return -1;
  const h = h1 * 10 + h2;
  const m = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  // 24:00 and leap seconds are left to Date.parse.
  return h <= 23 && m <= 59 && s <= 59 ? h * 3_600_000 + m * 60_000 + s * 1000 : -1;
}

/** `YYYY-MM-DD` at 0–9 as the number YYYYMMDD, or -1 when it is not in that form. */
function dateKey(ts: string): number {
  const y1 = digit(ts, 0);
  const y2 = digit(ts, 1);
  const y3 = digit(ts, 2);
  const y4 = digit(ts, 3);
  const mo1 = digit(ts, 5);
  const mo2 = digit(ts, 6);
  const d1 = digit(ts, 8);
  const d2 = digit(ts, 9);
  if ((y1 | y2 | y3 | y4 | mo1 | mo2 | d1 | d2) < 0 || ts.charCodeAt(4) !== 45 || ts.charCodeAt(7) !== 45) return -1;
  return ((((((y1 * 10 + y2) * 10 + y3) * 10 + y4) * 10 + mo1) * 10 + mo2) * 10 + d1) * 10 + d2;
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
  const offset = zulu
    ? 0
    : (ts.charCodeAt(19) === 43 ? 10_000 : 20_000) + (digit(ts, 20) * 10 + digit(ts, 21)) * 100 + digit(ts, 23) * 10 + digit(ts, 24);
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
  return (sign === 43 || sign === 45) && (digit(ts, 20) | digit(ts, 21) | digit(ts, 23) | digit(ts, 24)) >= 0 && ts.charCodeAt(22) === 58;
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

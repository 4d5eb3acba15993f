/** ISO-8601 date-time with an explicit offset (Z or ±hh:mm); a local time without one is ambiguous. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Event time in epoch ms, or undefined when the value is not a time the contract accepts. */
export function parseEventTime(ts: string | number): number | undefined {
  if (typeof ts === 'number') return Number.isFinite(ts) && ts >= 0 ? ts : undefined;
  if (!ISO_WITH_OFFSET.test(ts)) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** Event time for the simulator: epoch ms inside, ISO-8601 with +08:00 (China Standard Time) outside. */

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

const OFFSET = 8 * HOUR;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2026-05-01T09:30:05+08:00` for an epoch-ms instant (second resolution). */
export function formatTs(t: number): string {
  const d = new Date(Math.floor(t / SEC) * SEC + OFFSET);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Midnight (China time) of the day containing `t`. */
export function localMidnight(t: number): number {
  return Math.floor((t + OFFSET) / DAY) * DAY - OFFSET;
}

/** Hour of day (0–23, China time). */
export function localHour(t: number): number {
  return Math.floor(((t + OFFSET) % DAY) / HOUR);
}

/** Day of week in China time, 0 = Sunday. */
export function localWeekday(t: number): number {
  return new Date(t + OFFSET).getUTCDay();
}

/** `MM月DD日` in China time, for message texts. */
export function zhDate(t: number): string {
  const d = new Date(t + OFFSET);
  return `${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日`;
}

/** `HH:MM` in China time, for message texts. */
export function zhClock(t: number): string {
  const d = new Date(t + OFFSET);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

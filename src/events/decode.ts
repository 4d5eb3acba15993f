import { validateEvent, type Validation } from './validate.js';

/** One line of a JSON Lines event stream → a validated event, or errors that say what is wrong. */
export function decodeEventLine(line: string): Validation {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const detail = (e as Error).message;
    return { ok: false, errors: [{ field: '', expected: 'one JSON object per line', zh: `不是合法的 JSON（${detail}）` }] };
  }
  return validateEvent(value);
}

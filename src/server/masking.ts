/**
 * What an analyst sees: phone, ID-card, bank-card and account numbers with their middle hidden
 * (`170****5678`), the way Chinese banks print them. Officers and admins see them whole, and every
 * such view is audited (see access.ts). Masking is applied to the whole response body centrally,
 * so a route cannot forget it.
 *
 * What counts as a personal number: a run of 7 or more digits (phones are 11, cards 16–19, accounts
 * and QQ ids 7–11), ASCII or full-width (Chinese input methods type `１７０…`), possibly grouped by
 * spaces or hyphens (`6222 0212 3456 7890`, `170-1234-5678`), and an 18-character ID number ending
 * in X. It is found inside Chinese text too (`请拨打17012345678联系`). What does not count, because
 * the analyst needs it whole: ISO dates and timestamps (`2026-05-01T10:00:00+08:00`), amounts
 * (`¥1200000`, `1200000元`, `1200000.50`), numbers typed as JSON numbers, and record identifiers
 * under the keys in STRUCTURAL_KEYS.
 */

const D = '[0-9\\uFF10-\\uFF19]';
const SEP = '[ \\u3000\\-\\uFF0D]';
// An ISO date, optionally with a time and offset; matched first so its digits are never taken for a number.
const ISO_DATE = `\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![0-9])`;
// `\\b` after the X: an ID number's check letter, not the start of a word.
const NUMBER = `\\+?${D}(?:${SEP}?${D}){6,}(?:[Xx]\\b)?`;
const PATTERN = new RegExp(`(${ISO_DATE})|${NUMBER}`, 'g');

// A number right after a currency sign, or followed by a decimal part or a unit of money or
// quantity, is an amount.
const AMOUNT_BEFORE = /[¥￥$]\s?$/;
const AMOUNT_AFTER = /^\s?(?:[.．]\d|元|块|圆|万|亿|千|百|%|％|CNY|RMB|USD)/i;

const FULL_WIDTH_ZERO = 0xff10;
const isDigit = (ch: string): boolean => /[0-9]/.test(ch) || (ch.charCodeAt(0) >= FULL_WIDTH_ZERO && ch.charCodeAt(0) <= 0xff19);

/** `17012345678` → `170****5678`; `6222 0212 3456 7890` → `622*********7890`; short runs keep 2 + 2. */
export function maskNumber(raw: string): string {
  const chars = [...raw].filter((ch) => isDigit(ch) || ch === 'X' || ch === 'x' || ch === '+');
  const keepHead = chars.length >= 11 ? 3 : 2;
  const keepTail = chars.length >= 11 ? 4 : 2;
  return chars.slice(0, keepHead).join('') + '*'.repeat(chars.length - keepHead - keepTail) + chars.slice(chars.length - keepTail).join('');
}

/** `text` with every personal number masked; the same string (===) when there is none. */
export function maskText(text: string): string {
  // Fast path: most strings (codes, names, short Chinese text) have no 7 digits at all.
  if (!/[0-9\uFF10-\uFF19]/.test(text)) return text;
  return text.replace(PATTERN, (match: string, date: string | undefined, offset: number) => {
    if (date !== undefined) return match;
    if (AMOUNT_BEFORE.test(text.slice(Math.max(0, offset - 2), offset))) return match;
    if (AMOUNT_AFTER.test(text.slice(offset + match.length, offset + match.length + 4))) return match;
    return maskNumber(match);
  });
}

/**
 * Keys whose values are identifiers of records, not personal numbers: they stay usable in links.
 * `events` holds event ids in reasons (`reasons[].events`); objects inside it are walked key by key.
 */
const STRUCTURAL_KEYS = new Set([
  'id',
  'eventId',
  'eventIds',
  'events',
  'caseId',
  'alertId',
  'reportId',
  'entityId',
  'userId',
  'keyId',
  'requestId',
  'seq',
  't',
  'ts',
  'at',
  'prefix',
  'typologyVersion',
  'policyVersion',
]);

/** A copy of `value` with every personal number in every string (and object key) masked; JSON numbers are left alone. */
export function maskDeep(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, key));
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return value;
    const source = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (source !== value) return maskDeep(source, key);
    const out: Record<string, unknown> = {};
    // A map keyed by phone number (`{ "17012345678": 3 }`) would leak through its keys.
    for (const [k, v] of Object.entries(value)) out[maskText(k)] = maskDeep(v, k);
    return out;
  }
  return value;
}

/** Whether a response body holds anything masking would change: only those views are audited as unmasked. */
export function holdsPersonalNumbers(value: unknown, key?: string): boolean {
  if (typeof value === 'string') return !(key !== undefined && STRUCTURAL_KEYS.has(key)) && maskText(value) !== value;
  if (Array.isArray(value)) return value.some((item) => holdsPersonalNumbers(item, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const source = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (source !== value) return holdsPersonalNumbers(source, key);
    for (const [k, v] of Object.entries(value)) if (maskText(k) !== k || holdsPersonalNumbers(v, k)) return true;
  }
  return false;
}

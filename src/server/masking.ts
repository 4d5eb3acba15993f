/**
 * What an analyst sees: phone, ID-card, bank-card and account numbers with their middle hidden
 * (`170****5678`), the way Chinese banks print them. Officers and admins see them whole, and every
 * such view is audited (see access.ts). Masking is applied to the whole response body centrally,
 * so a route cannot forget it.
 */

// 7+ digits (phones 11, cards 16–19, accounts, QQ ids 7–11), optionally separated, and 18-character
// resident ID numbers ending in X. Shorter runs are amounts, counts and times.
const PERSONAL_NUMBER = /\d{17}[\dXx]|\+?\d(?:[\s-]?\d){6,}/g;

export function maskNumber(raw: string): string {
  const chars = raw.replace(/[\s-]/g, '');
  const keepHead = chars.length >= 11 ? 3 : 2;
  const keepTail = chars.length >= 11 ? 4 : 2;
  return chars.slice(0, keepHead) + '*'.repeat(chars.length - keepHead - keepTail) + chars.slice(chars.length - keepTail);
}

export function maskText(text: string): string {
  return text.replace(PERSONAL_NUMBER, maskNumber);
}

/** Keys whose values are identifiers of records, not personal numbers: they stay usable in links. */
const STRUCTURAL_KEYS = new Set(['id', 'eventId', 'eventIds', 'caseId', 'alertId', 'reportId', 'entityId', 'seq', 't', 'ts', 'at']);

/** A copy of `value` with every personal number in every string masked (numbers as numbers are left alone). */
export function maskDeep(value: unknown, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, key));
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, k);
    return out;
  }
  return value;
}

/** Whether a response body holds anything masking would change: only those views are audited as unmasked. */
export function holdsPersonalNumbers(value: unknown): boolean {
  if (typeof value === 'string') {
    PERSONAL_NUMBER.lastIndex = 0;
    return PERSONAL_NUMBER.test(value);
  }
  if (Array.isArray(value)) return value.some(holdsPersonalNumbers);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) if (!STRUCTURAL_KEYS.has(k) && holdsPersonalNumbers(v)) return true;
  }
  return false;
}

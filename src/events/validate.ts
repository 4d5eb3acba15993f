import { Compile } from 'typebox/compile';
import { EVENT_SCHEMAS, EVENT_TYPES, type EventType, type KgEvent } from './schema.js';
import { parseEventTime } from './time.js';

/** One thing wrong with an event: the field (JSON pointer) and what was expected there. */
export interface FieldError {
  readonly field: string;
  readonly expected: string;
  readonly zh: string;
}

/** An accepted event and its time in epoch ms, parsed once so the engine never re-parses it. */
export interface TimedEvent {
  readonly t: number;
  readonly event: KgEvent;
}

export type Validation = { readonly ok: true; readonly value: TimedEvent } | { readonly ok: false; readonly errors: readonly FieldError[] };

type Checker = ReturnType<typeof Compile>;
const CHECKERS = new Map<string, Checker>(EVENT_TYPES.map((type) => [type, Compile(EVENT_SCHEMAS[type])]));
const TYPE_LIST = EVENT_TYPES.join(', ');
const TS_EXPECTED = 'ISO-8601 with an offset (2026-05-01T10:00:00+08:00) or epoch milliseconds';
const TS_ZH = 'ts 应为带时区的 ISO-8601 时间（如 2026-05-01T10:00:00+08:00）或毫秒时间戳';

function fail(field: string, expected: string, zh: string): Validation {
  return { ok: false, errors: [{ field, expected, zh }] };
}

/**
 * Checks one decoded JSON value against the event contract. It never throws and never returns a
 * half-valid event: either every field fits, or the errors name each field that does not.
 */
export function validateEvent(value: unknown): Validation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('', 'a JSON object', '应为 JSON 对象');
  }
  const type = (value as { type?: unknown }).type;
  if (type === undefined) return fail('/type', `one of ${TYPE_LIST}`, '缺少 type 字段');
  const checker = typeof type === 'string' ? CHECKERS.get(type) : undefined;
  if (!checker) return fail('/type', `one of ${TYPE_LIST}`, `未知的事件类型 type：${String(type).slice(0, 40)}`);
  if (!checker.Check(value)) return { ok: false, errors: describeErrors(checker, value) };
  const event = value as KgEvent;
  const t = parseEventTime(event.ts);
  if (t === undefined) return fail('/ts', TS_EXPECTED, TS_ZH);
  return { ok: true, value: { t, event } };
}

export function isEventType(type: string): type is EventType {
  return CHECKERS.has(type);
}

/** TypeBox reports each failed branch of a union; collapse them to one line per field. */
const MISSING = { en: 'required field is missing', zh: '缺少必填字段' };

function describeErrors(checker: Checker, value: unknown): FieldError[] {
  const byField = new Map<string, { consts: string[]; wants: Want[] }>();
  for (const error of checker.Errors(value)) {
    const field = error.instancePath || '';
    let entry = byField.get(field);
    if (!entry) byField.set(field, (entry = { consts: [], wants: [] }));
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'const') entry.consts.push(String(params.allowedValue));
    else if (error.keyword === 'required') {
      const missing = String(params.requiredProperties ?? params.missingProperty ?? '');
      for (const name of missing.split(',').filter(Boolean)) byField.set(`${field}/${name}`, { consts: [], wants: [MISSING] });
    } else if (error.keyword !== 'anyOf') entry.wants.push(expectation(error.keyword, params, error.message));
  }
  const errors: FieldError[] = [];
  for (const [field, { consts, wants }] of byField) {
    if (wants[0] === MISSING) errors.push({ field, expected: MISSING.en, zh: `缺少必填字段 ${field}` });
    else if (field === '/ts') errors.push({ field, expected: TS_EXPECTED, zh: TS_ZH });
    else if (consts.length > 0) {
      errors.push({ field, expected: `one of ${consts.join(', ')}`, zh: `${field || '事件'} 的取值应为 ${consts.join('、')} 之一` });
    } else if (wants.length > 0) {
      const unique = wants.filter((w, i) => wants.findIndex((x) => x.en === w.en) === i);
      errors.push({ field, expected: unique.map((w) => w.en).join('; '), zh: `${field} 应为${unique.map((w) => w.zh).join('，')}` });
    }
  }
  if (errors.length === 0) errors.push({ field: '', expected: 'a valid event', zh: '事件格式不正确' });
  return errors;
}

interface Want {
  en: string;
  zh: string;
}

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};

/** What the schema wanted, in words an integrator reads without knowing JSON Schema, in English and Chinese. */
function expectation(keyword: string, params: Record<string, unknown>, fallback: string): Want {
  const limit = String(params.limit);
  switch (keyword) {
    case 'type':
      return { en: `a ${String(params.type)}`, zh: TYPE_ZH[String(params.type)] ?? String(params.type) };
    case 'minLength':
      return params.limit === 1
        ? { en: 'a non-empty string', zh: '非空字符串' }
        : { en: `at least ${limit} characters`, zh: `至少 ${limit} 个字符` };
    case 'maxLength':
      return { en: `at most ${limit} characters`, zh: `不超过 ${limit} 个字符` };
    case 'exclusiveMinimum':
      return { en: `a number > ${limit}`, zh: `大于 ${limit} 的数字` };
    case 'minimum':
      return { en: `a number ≥ ${limit}`, zh: `不小于 ${limit} 的数字` };
    case 'maximum':
      return { en: `a number ≤ ${limit}`, zh: `不大于 ${limit} 的数字` };
    case 'pattern':
      return { en: `text matching ${String(params.pattern)}`, zh: `符合格式 ${String(params.pattern)} 的文本` };
    case 'maxItems':
      return { en: `at most ${limit} items`, zh: `不超过 ${limit} 项` };
    default:
      return { en: fallback, zh: fallback };
  }
}

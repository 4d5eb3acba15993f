import type { ConversationInput, Turn } from '../text/index.js';
import { InputError } from './input-error.js';

/** One conversation may be at most this big: a day of chat, far more than any call transcript. */
export const MAX_CONVERSATION_BYTES = 1024 * 1024;

/** Checks a `{turns: [...]}` object and returns it typed, or explains what is wrong and where. */
export function validateTurns(value: unknown, where: string): { turns: Turn[] } {
  if (!Array.isArray(value)) throw new InputError(where, '"turns" 必须是数组', '"turns" must be an array', 'TURNS_NOT_ARRAY');
  if (value.length === 0) throw new InputError(where, '"turns" 为空，没有可分析的内容', '"turns" is empty: nothing to assess', 'EMPTY');
  const turns: Turn[] = value.map((t, i) => {
    const at = `${where} turns[${i}]`;
    if (typeof t !== 'object' || t === null)
      throw new InputError(at, '每一轮必须是对象 {speaker, text}', 'each turn must be an object {speaker, text}', 'TURN_NOT_OBJECT');
    const { speaker, text } = t as { speaker?: unknown; text?: unknown };
    if (typeof text !== 'string') throw new InputError(`${at}.text`, '缺少文本或不是字符串', 'missing or not a string', 'TURN_TEXT');
    if (speaker !== undefined && speaker !== null && typeof speaker !== 'string')
      throw new InputError(`${at}.speaker`, '说话人必须是字符串', 'speaker must be a string', 'TURN_SPEAKER');
    return { speaker: (speaker as string | null | undefined) ?? null, text };
  });
  if (turns.every((t) => t.text.trim().length === 0)) throw new InputError(where, '所有轮次的文本都为空', 'every turn is empty', 'EMPTY');
  return { turns };
}

/** A whole input document: a JSON object with `turns`, or plain text. */
export function parseDocument(content: string, where: string): ConversationInput {
  if (Buffer.byteLength(content, 'utf8') > MAX_CONVERSATION_BYTES)
    throw new InputError(
      where,
      `输入过大，超过 ${MAX_CONVERSATION_BYTES / 1024 / 1024} MiB 上限`,
      `input exceeds the ${MAX_CONVERSATION_BYTES / 1024 / 1024} MiB limit`,
      'TOO_LARGE',
    );
  if (content.includes('\u0000'))
    throw new InputError(where, '输入不是文本（含有二进制数据）', 'input is not text (binary data)', 'BINARY');
  const trimmed = content.trim();
  if (trimmed.length === 0) throw new InputError(where, '输入为空，没有可分析的文本', 'input is empty: nothing to assess', 'EMPTY');
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(where, `JSON 格式错误：${(e as Error).message}`, `invalid JSON: ${(e as Error).message}`, 'BAD_JSON');
    }
    const obj = parsed as { turns?: unknown; text?: unknown };
    if (obj.turns !== undefined) return validateTurns(obj.turns, where);
    if (typeof obj.text === 'string') return parseDocument(obj.text, where);
    throw new InputError(where, 'JSON 中缺少 "turns" 或 "text"', 'JSON needs "turns" or "text"', 'NO_CONTENT');
  }
  return content;
}

/** One line of a batch: `{"id", "text"}` or `{"id", "turns"}`. */
export function parseBatchLine(line: string, lineNo: number): { id: unknown; input: ConversationInput } {
  const where = `第${lineNo}行 (line ${lineNo})`;
  if (Buffer.byteLength(line, 'utf8') > MAX_CONVERSATION_BYTES)
    throw new InputError(where, `该行过大，超过 1 MiB 上限`, 'line exceeds the 1 MiB limit', 'TOO_LARGE');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    throw new InputError(where, `不是有效的 JSON：${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`, 'BAD_JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(where, '每行必须是一个 JSON 对象', 'each line must be a JSON object', 'NOT_OBJECT');
  const obj = parsed as { id?: unknown; text?: unknown; turns?: unknown };
  if (obj.id === undefined) throw new InputError(where, '缺少 "id"', 'missing "id"', 'NO_ID');
  if (typeof obj.id !== 'string' && typeof obj.id !== 'number')
    throw new InputError(`${where} id`, '"id" 必须是字符串或数字', '"id" must be a string or number', 'BAD_ID');
  if (obj.turns !== undefined) return { id: obj.id, input: validateTurns(obj.turns, where) };
  if (obj.text === undefined) throw new InputError(where, '缺少 "text" 或 "turns"', 'missing "text" or "turns"', 'NO_CONTENT');
  if (typeof obj.text !== 'string') throw new InputError(`${where} text`, '"text" 必须是字符串', '"text" must be a string', 'BAD_TEXT');
  if (obj.text.trim().length === 0) throw new InputError(`${where} text`, '"text" 为空', '"text" is empty', 'EMPTY');
  return { id: obj.id, input: obj.text };
}

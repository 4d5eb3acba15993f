import type { Decision, DecisionReason } from './decision.js';

/*
 * Pieces of JSON that most decisions share, escaped once: the action and level, the stage and
 * family (closed sets), the band with the versions, reason codes. Every cache is bounded, in case
 * a caller feeds decisions with free text in those fields.
 */

const QUOTED = new Map<string, string>();

function quoted(s: string): string {
  let json = QUOTED.get(s);
  if (json === undefined) {
    json = JSON.stringify(s);
    if (QUOTED.size < 4096) QUOTED.set(s, json);
  }
  return json;
}

/**
 * A bounded two-level memo of JSON pieces: `build(a, b)` once per pair, at most `outer` values of a
 * and `inner` of b remembered (in case a caller feeds decisions with free text in those fields).
 * The last pair is checked first: decisions in a row mostly share their pieces, and comparing two
 * references is cheaper than two lookups.
 */
function pairMemo<A, B>(outer: number, inner: number, build: (a: A, b: B) => string): (a: A, b: B) => string {
  const cache = new Map<A, Map<B, string>>();
  let lastA: A | undefined;
  let lastB: B | undefined;
  let lastJson: string | undefined;
  return (a, b) => {
    if (lastJson !== undefined && a === lastA && b === lastB) return lastJson;
    let byB = cache.get(a);
    if (byB === undefined) {
      byB = new Map();
      if (cache.size < outer) cache.set(a, byB);
    }
    let json = byB.get(b);
    if (json === undefined) {
      json = build(a, b);
      if (byB.size < inner) byB.set(b, json);
    }
    lastA = a;
    lastB = b;
    lastJson = json;
    return json;
  };
}

/** `,"action":…,"level":…,"score":` */
const actionLevel = pairMemo<string, string>(
  64,
  64,
  (action, level) => `,"action":${JSON.stringify(action)},"level":${JSON.stringify(level)},"score":`,
);

/** `,"stage":…,"family":…,"reasons":` */
const stageFamily = pairMemo<string | null, string | null>(
  64,
  256,
  (stage, family) => `,"stage":${JSON.stringify(stage)},"family":${JSON.stringify(family)},"reasons":`,
);

/** The closing part of a decision (band, versions): the same for every decision under one band. */
interface Tail {
  zh: string;
  en: string;
  typologyVersion: string;
  policyVersion: string;
  json: string;
}
const TAILS = new Map<string, Tail>();

function tail(d: Decision): string {
  const { band, typologyVersion, policyVersion } = d;
  const cached = TAILS.get(band.id);
  if (
    cached !== undefined &&
    cached.zh === band.zh &&
    cached.en === band.en &&
    cached.typologyVersion === typologyVersion &&
    cached.policyVersion === policyVersion
  ) {
    return cached.json;
  }
  const json =
    `,"band":{"id":${JSON.stringify(band.id)},"zh":${JSON.stringify(band.zh)},"en":${JSON.stringify(band.en)}}` +
    `,"typologyVersion":${JSON.stringify(typologyVersion)},"policyVersion":${JSON.stringify(policyVersion)}}`;
  if (TAILS.size < 64) TAILS.set(band.id, { zh: band.zh, en: band.en, typologyVersion, policyVersion, json });
  return json;
}

/**
 * JSON of a free string. Ids and sentences are short and rarely need escaping, and a scan in JIT
 * code is cheaper than a call into JSON.stringify; anything with a quote, backslash, control character or surrogate
 * (JSON.stringify escapes lone ones) goes the long way.
 */
function str(s: string): string {
  if (s.length > 512) return JSON.stringify(s);
  // Sentences run to a hundred characters and more: the regular expression scans those faster than
  // a loop in JIT code; ids are short, and the loop wins there.
  return (s.length > 32 ? !NEEDS_ESCAPE.test(s) : isPlain(s)) ? `"${s}"` : JSON.stringify(s);
}

/** What isPlain looks for: a control character, a quote, a backslash or a surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

/**
 * `String(k / 1000)` for k = −10,000…10,000, made when first asked for: every score the engine
 * gives (rounded to thousandths) and every policy weight (tenths), without a number-to-text
 * conversion each time (about a quarter of a microsecond for a fraction). The same double gives
 * the same text, so this is exactly `num(x)`.
 */
const DECIMALS_MAX = 10_000;
const DECIMALS: (string | undefined)[] = new Array<string | undefined>(2 * DECIMALS_MAX + 1).fill(undefined);

function decimalJson(x: number): string {
  const k = Math.round(x * 1000);
  if (!(k >= -DECIMALS_MAX && k <= DECIMALS_MAX && k / 1000 === x)) return num(x);
  return (DECIMALS[k + DECIMALS_MAX] ??= String(x));
}

/** Whether `str(s)` is just `s` in quotes: nothing to escape (the check `str` makes, without building anything). */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * The end of a plain decision (no reasons, no advice) after its score: the stage and family piece,
 * `[],"advice":null` and the band's tail, joined and flattened once per combination (bounded).
 */
const plainEnd = pairMemo<string, string>(256, 64, (stageFamilyJson, tailJson) => {
  const json = `${stageFamilyJson}[],"advice":null${tailJson}`;
  json.charCodeAt(0); // flatten once, so decisions copy one flat piece
  return json;
});

/**
 * The JSON of an advice, kept for the engine's own (shared) advice objects: a few hundred
 * characters of Chinese and English per alert, the same for every alert of one stage and family.
 * Kept by object, checked by its two strings (the same strings make the same JSON), bounded.
 */
const ADVICE = new Map<object, { zh: string; en: string; json: string }>();

function adviceJson(a: { zh: string; en: string }): string {
  const cached = ADVICE.get(a);
  if (cached !== undefined && cached.zh === a.zh && cached.en === a.en) return cached.json;
  const json = `{"zh":${str(a.zh)},"en":${str(a.en)}}`;
  json.charCodeAt(0); // flatten once
  if (ADVICE.size < 256) ADVICE.set(a, { zh: a.zh, en: a.en, json });
  return json;
}

function reasonJson(r: DecisionReason): string {
  let events = '';
  for (let i = 0; i < r.events.length; i++) {
    const id = r.events[i];
    events += (i === 0 ? '' : ',') + (typeof id === 'string' ? str(id) : (JSON.stringify(id) ?? 'null'));
  }
  return (
    `{"code":${quoted(r.code)},"text":${str(r.text)},"en":${str(r.en)},"events":[${events}]` +
    (r.weight === undefined ? '}' : `,"weight":${decimalJson(r.weight)}}`)
  );
}

function isEngineReason(r: DecisionReason): boolean {
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.code === 'string' &&
    typeof r.text === 'string' &&
    typeof r.en === 'string' &&
    Array.isArray(r.events) &&
    (r.weight === undefined || typeof r.weight === 'number')
  );
}

/**
 * The JSON of a decision the engine returned: byte for byte what `JSON.stringify(decision)` gives,
 * but written in the decision's fixed field order (decision.ts) instead of walking the object. Most
 * decisions differ only in ids, score, stage and family; the rest is escaped once per value.
 * Decisions flagged `duplicate` or `late` (rare; in the engine's objects those flags follow the
 * versions) and anything not typed like the engine's own go through JSON.stringify. Objects built
 * elsewhere with the fields in another order are not the engine's: serialize those with
 * JSON.stringify. The result is a flat string, as JSON.stringify's is.
 */
export function serializeDecision(d: Decision): string {
  if (
    d.duplicate !== undefined ||
    d.late !== undefined ||
    typeof d.eventId !== 'string' ||
    typeof d.subject !== 'string' ||
    typeof d.action !== 'string' ||
    typeof d.level !== 'string' ||
    typeof d.score !== 'number' ||
    (d.stage !== null && typeof d.stage !== 'string') ||
    (d.family !== null && typeof d.family !== 'string') ||
    !Array.isArray(d.reasons) ||
    (d.advice !== null && (typeof d.advice !== 'object' || typeof d.advice.zh !== 'string' || typeof d.advice.en !== 'string')) ||
    typeof d.band !== 'object' ||
    d.band === null ||
    typeof d.band.id !== 'string' ||
    typeof d.band.zh !== 'string' ||
    typeof d.band.en !== 'string' ||
    typeof d.typologyVersion !== 'string' ||
    typeof d.policyVersion !== 'string'
  ) {
    return JSON.stringify(d);
  }
  // Most decisions: a plain allow with plain ids. Its JSON is the ids and the score between
  // pieces written once, and the ids go in as they are (no quoted copies of them first).
  if (d.reasons.length === 0 && d.advice === null && isPlain(d.eventId) && isPlain(d.subject)) {
    const end = plainEnd(stageFamily(d.stage, d.family), tail(d));
    const json = `{"eventId":"${d.eventId}","subject":"${d.subject}"${actionLevel(d.action, d.level)}${decimalJson(d.score)}${end}`;
    json.charCodeAt(json.length - 1); // flat, as below
    return json;
  }
  let reasons = '';
  for (let i = 0; i < d.reasons.length; i++) {
    const r = d.reasons[i]!;
    if (!isEngineReason(r)) return JSON.stringify(d);
    reasons += (i === 0 ? '' : ',') + reasonJson(r);
  }
  const advice = d.advice === null ? 'null' : adviceJson(d.advice);
  const json =
    `{"eventId":${str(d.eventId)},"subject":${str(d.subject)}${actionLevel(d.action, d.level)}${decimalJson(d.score)}` +
    `${stageFamily(d.stage, d.family)}[${reasons}],"advice":${advice}${tail(d)}`;
  // Concatenation leaves a rope; reading one character flattens it, so the caller gets what
  // JSON.stringify would hand over (and a benchmark that only reads `.length` pays for the copy).
  json.charCodeAt(json.length - 1);
  return json;
}

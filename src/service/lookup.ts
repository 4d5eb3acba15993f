import { hostOf, Knowledge, phoneKey } from '../engine/index.js';
import { normalizeEntity, type Entity, type Queryable } from '../store/index.js';
import { caseCountsOfEntity, entitiesByValue, peopleOfEntities, urlEntitiesOnHost } from '../store/entity-queries.js';
import { reportSummary } from '../store/reports-repo.js';
import type { Typology } from '../typology/index.js';
import { entityView, type EntityView } from './entities.js';
import { MAX_ENTITY_CHARS } from './entity-intake.js';

/** What can be looked up (风险查询): what a person can be asked to pay, call, add or open. */
export const LOOKUP_TYPES = ['phone', 'account', 'qq', 'wechat', 'url', 'redeemer'] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

export const TYPE_ZH: Record<LookupType, string> = {
  phone: '号码',
  account: '账户',
  qq: 'QQ号',
  wechat: '微信号',
  url: '网址',
  redeemer: '兑换账号',
};

/** A value the lookup cannot take: the route answers 400 naming the field. */
export class LookupInputError extends Error {
  constructor(
    readonly field: 'value' | 'type',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'LookupInputError';
  }
}

const MOBILE = /^1[3-9]\d{9}$/;
/** 95xxx/96xxx service numbers, 400/800 numbers, 5-digit carrier and government numbers (10086, 12315). */
const SERVICE = /^(?:9[56]\d{3,6}|[48]00\d{7}|1\d{4}|1010\d{4})$/;
const LANDLINE = /^0[1-9]\d{1,2}\d{7,8}$/;
const URL_LIKE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?[a-z0-9\u4e00-\u9fff-]+(?:\.[a-z0-9\u4e00-\u9fff-]+)*\.[a-z\u4e00-\u9fff]{2,}(?::\d+)?(?:[/?#].*)?$/i;
const WECHAT = /^(?:wxid_[a-z0-9_-]{4,40}|[a-z][-_a-z0-9]{5,19})$/i;
const QQ_HINT = /^(?:qq|ＱＱ)\s*(?:号|号码)?\s*[:：]?\s*/i;
const WECHAT_HINT = /^(?:微信号?|wechat|weixin|vx)\s*[:：]?\s*/i;

export interface DetectedValue {
  /** Types to try, most likely first; the first one the store knows wins. */
  types: LookupType[];
  /** The value without a hint prefix (`QQ：12345` → `12345`). */
  value: string;
  /** Given by the caller rather than detected. */
  given: boolean;
}

/**
 * The type of a looked-up value: 11-digit mobiles, service and landline numbers → phone; 16–19
 * digits → account (bank card); `QQ：…` or 5–11 digits → qq; a scheme or a domain → url; a WeChat id
 * (`wxid_…`, or a letter then 5–19 letters, digits, `_` or `-`) → wechat.
 */
export function detectValue(raw: string, given?: LookupType): DetectedValue {
  let value = raw.trim();
  if (value === '') throw new LookupInputError('value', '请输入要查询的号码、账户、QQ/微信号或网址', 'value is empty');
  if (value.length > MAX_ENTITY_CHARS)
    throw new LookupInputError(
      'value',
      `查询内容过长（最多 ${MAX_ENTITY_CHARS} 个字符）`,
      `value is longer than ${MAX_ENTITY_CHARS} characters`,
    );
  let hinted: LookupType | undefined;
  if (QQ_HINT.test(value) && QQ_HINT.exec(value)![0].length < value.length) {
    hinted = 'qq';
    value = value.replace(QQ_HINT, '');
  } else if (WECHAT_HINT.test(value) && WECHAT_HINT.exec(value)![0].length < value.length) {
    hinted = 'wechat';
    value = value.replace(WECHAT_HINT, '');
  }
  const hint = given ?? hinted;
  const digits = /^\+?[\d\s-]+$/.test(value) ? phoneKey(value) : '';
  if (hint) {
    checkFits(hint, value, digits);
    return { types: [hint], value, given: given !== undefined };
  }
  if (digits) {
    if (MOBILE.test(digits) || SERVICE.test(digits) || LANDLINE.test(digits)) return { types: ['phone'], value, given: false };
    if (digits.length >= 16 && digits.length <= 19) return { types: ['account'], value, given: false };
    if (digits.length >= 5 && digits.length <= 11) return { types: ['qq', 'phone', 'account'], value, given: false };
    if (digits.length >= 12 && digits.length <= 15) return { types: ['account'], value, given: false };
    throw new LookupInputError(
      'value',
      `无法识别的号码（${digits.length} 位数字），请指定 type`,
      `cannot tell what a ${digits.length}-digit number is: give type`,
    );
  }
  if (URL_LIKE.test(value)) return { types: ['url'], value, given: false };
  if (WECHAT.test(value)) return { types: ['wechat', 'redeemer'], value, given: false };
  throw new LookupInputError(
    'value',
    '无法识别查询内容：请输入手机号、银行卡号、QQ/微信号或网址，或指定 type',
    'cannot tell what this is: give a phone number, bank card, QQ/WeChat id or URL, or give type',
  );
}

function checkFits(type: LookupType, value: string, digits: string): void {
  const bad = (zh: string, en: string) => new LookupInputError('value', zh, en);
  switch (type) {
    case 'phone':
      if (!digits || digits.length < 3 || digits.length > 15) throw bad('号码应为 3–15 位数字', 'a phone number is 3–15 digits');
      return;
    case 'account':
      if (!/^[\dA-Za-z\s-]{6,40}$/.test(value)) throw bad('账户应为 6–40 位数字或字母', 'an account is 6–40 digits or letters');
      return;
    case 'qq':
      if (!/^\d{5,11}$/.test(digits)) throw bad('QQ号应为 5–11 位数字', 'a QQ id is 5–11 digits');
      return;
    case 'wechat':
      if (!/^[-_a-z0-9]{5,40}$/i.test(value) && !/^\+?\d{5,15}$/.test(digits)) throw bad('微信号格式不正确', 'not a WeChat id');
      return;
    case 'url':
      if (!URL_LIKE.test(value)) throw bad('网址格式不正确', 'not a URL or domain');
      return;
    default:
      return;
  }
}

export type Verdict = 'high' | 'medium' | 'low' | 'official' | 'unknown';

export interface LookupResult {
  query: { type: LookupType; value: string; detected: boolean; candidates?: LookupType[] };
  known: boolean;
  entity: EntityView | null;
  /** For a URL: every stored link on the same host. */
  related: EntityView[];
  knownBad: boolean;
  official: { owner: string } | null;
  reports: {
    /** Reports that are not rejected. */
    count: number;
    byStatus: { received: number; verified: number; rejected: number };
    latest: { id: number; kind: string; status: string; family: string | null; createdAt: string }[];
  };
  cases: {
    count: number;
    byStatus: Record<string, number>;
    byFamily: Record<string, number>;
    lossConfirmed: number;
    falseAlarms: number;
  };
  people: { windowDays: number; total: number; recent: number; recentPaid: number; recentContacted: number };
  verdict: { level: Verdict; zh: string; en: string };
}

export interface LookupOptions {
  /** "Recently" for the count of people who paid or met it: this many days of event time before `now`. */
  windowDays?: number;
  now?: number;
}

/**
 * 风险查询: what the service knows about a number, account, QQ/WeChat id or site: the reports that
 * name it, the cases linked to it (counted, no subjects), how many people paid or met it recently,
 * and a verdict in words. An unknown value is an answer (`unknown`), not an error.
 */
export async function lookup(
  db: Queryable,
  typology: Typology,
  raw: string,
  given?: LookupType,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const detected = detectValue(raw, given);
  const windowDays = options.windowDays ?? 30;
  const now = options.now ?? Date.now();
  let type = detected.types[0]!;
  let value = normalizeEntity(type, detected.value);
  let found: Entity[] = [];
  let related: Entity[] = [];
  for (const candidate of detected.types) {
    const v = normalizeEntity(candidate, detected.value);
    const hits = await entitiesByValue(db, [candidate], v);
    let host: Entity[] = [];
    if (candidate === 'url') host = await urlEntitiesOnHost(db, hostOf(v), 50);
    if (hits.length > 0 || host.length > 0) {
      type = candidate;
      value = v;
      found = hits;
      related = host.filter((h) => !hits.some((x) => x.id === h.id));
      break;
    }
  }
  const all = [...found, ...related];
  const ids = all.map((e) => e.id);
  const [reports, caseRows, people] = await Promise.all([
    reportSummary(db, ids, 5),
    caseCountsOfEntity(db, ids),
    peopleOfEntities(db, ids, now - windowDays * 86_400_000),
  ]);

  const cases: LookupResult['cases'] = { count: 0, byStatus: {}, byFamily: {}, lossConfirmed: 0, falseAlarms: 0 };
  for (const r of caseRows) {
    cases.count += r.n;
    cases.byStatus[r.status] = (cases.byStatus[r.status] ?? 0) + r.n;
    const family = r.family ?? 'unknown';
    cases.byFamily[family] = (cases.byFamily[family] ?? 0) + r.n;
    if (r.status === 'loss_confirmed' || r.outcome === 'loss_confirmed') cases.lossConfirmed += r.n;
    if (r.status === 'false_alarm' || r.outcome === 'false_alarm') cases.falseAlarms += r.n;
  }
  const reportCount = reports.byStatus.received + reports.byStatus.verified;
  const official = officialOwner(typology, type, value);
  const result: Omit<LookupResult, 'verdict'> = {
    query: { type, value, detected: !detected.given, ...(detected.types.length > 1 ? { candidates: detected.types } : {}) },
    known: all.length > 0,
    entity: found[0] ? entityView(found[0]) : null,
    related: related.map(entityView),
    knownBad: all.some((e) => e.knownBad),
    official,
    reports: {
      count: reportCount,
      byStatus: reports.byStatus,
      latest: reports.latest.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    },
    cases,
    people: { windowDays, ...people },
  };
  return { ...result, verdict: verdictOf(result, detected.types.length > 1 && all.length === 0) };
}

const KNOWLEDGE = new WeakMap<Typology, Knowledge>();

function officialOwner(typology: Typology, type: LookupType, value: string): { owner: string } | null {
  if (type === 'phone') {
    const hit = typology.providers.officialNumbers.find((n) => phoneKey(n.number) === value);
    return hit ? { owner: hit.owner } : null;
  }
  if (type === 'url') {
    let knowledge = KNOWLEDGE.get(typology);
    if (!knowledge) KNOWLEDGE.set(typology, (knowledge = new Knowledge(typology)));
    const host = hostOf(value);
    return knowledge.isOfficialHost(host) ? { owner: host } : null;
  }
  return null;
}

const ADVICE_ZH = '官方客服不会要求您转账、开通借款、共享屏幕或提供验证码。';
const ADVICE_EN = 'Real customer service never asks you to transfer money, take a loan, share your screen or give a code.';

/** The verdict and its explanation, Chinese first. */
export function verdictOf(r: Omit<LookupResult, 'verdict'>, ambiguous = false): LookupResult['verdict'] {
  const what = TYPE_ZH[r.query.type];
  const scamCases = r.cases.count - r.cases.falseAlarms;
  const facts: string[] = [];
  const factsEn: string[] = [];
  if (r.reports.count > 0) {
    facts.push(`已被举报 ${r.reports.count} 次${r.reports.byStatus.verified ? `（${r.reports.byStatus.verified} 次已核实）` : ''}`);
    factsEn.push(`reported ${r.reports.count} times${r.reports.byStatus.verified ? ` (${r.reports.byStatus.verified} verified)` : ''}`);
  }
  if (scamCases > 0) {
    facts.push(`关联 ${scamCases} 个涉诈预警案件${r.cases.lossConfirmed ? `（${r.cases.lossConfirmed} 个已确认损失）` : ''}`);
    factsEn.push(
      `linked to ${scamCases} fraud-alert cases${r.cases.lossConfirmed ? ` (${r.cases.lossConfirmed} with confirmed loss)` : ''}`,
    );
  }
  if (r.people.recent > 0) {
    const paid = r.people.recentPaid ? `${r.people.recentPaid} 人向其付款` : '';
    const met = r.people.recentContacted ? `${r.people.recentContacted} 人与其联系` : '';
    facts.push(`近 ${r.people.windowDays} 天有 ${[paid, met].filter(Boolean).join('、')}`);
    factsEn.push(
      `in the last ${r.people.windowDays} days ${r.people.recentPaid} people paid it and ${r.people.recentContacted} were in contact with it`,
    );
  }
  if (facts.length === 0 && r.knownBad) {
    facts.push('已被列为涉诈风险');
    factsEn.push('listed as known bad');
  }
  const list = facts.join('，');
  const listEn = factsEn.join('; ');

  if (r.official) {
    return {
      level: 'official',
      zh: `官方号码/网址：这是${r.official.owner}的官方${what}${list ? `（${list}）` : ''}。注意来电显示可以伪造，请挂断后自行拨打官方号码核实。${ADVICE_ZH}`,
      en: `Official: this is ${r.official.owner}'s official ${r.query.type}${listEn ? ` (${listEn})` : ''}. Caller ID can be spoofed: hang up and call the official number yourself. ${ADVICE_EN}`,
    };
  }
  if (r.knownBad || r.reports.count > 0 || r.cases.lossConfirmed > 0 || scamCases >= 2) {
    return {
      level: 'high',
      zh: `高风险：该${what}${list}。请勿向其转账、勿添加好友、勿点击链接或透露验证码；如已付款，请立即拨打 110 或 96110。`,
      en: `High risk: this ${r.query.type} was ${listEn}. Do not pay it, add it or open its links, and never share a code; if you have paid, call 110 or 96110 now.`,
    };
  }
  const muleLike = (r.query.type === 'account' || r.query.type === 'redeemer') && r.people.recentPaid >= 5;
  if (scamCases >= 1 || muleLike) {
    return {
      level: 'medium',
      zh: `中风险：该${what}${list}${muleLike && scamCases === 0 ? '，短期内多名不同的人向其付款，需警惕' : ''}。${ADVICE_ZH}`,
      en: `Medium risk: this ${r.query.type}: ${listEn}${muleLike && scamCases === 0 ? '; many different people paid it in a short time' : ''}. ${ADVICE_EN}`,
    };
  }
  if (r.known) {
    return {
      level: 'low',
      zh: `暂无风险记录：该${what}没有举报或关联案件${list ? `（${list}）` : ''}，但这不代表一定安全。${ADVICE_ZH}`,
      en: `No risk on record: no reports or cases name this ${r.query.type}${listEn ? ` (${listEn})` : ''}, which does not prove it is safe. ${ADVICE_EN}`,
    };
  }
  return {
    level: 'unknown',
    zh: `未查到记录：该${ambiguous ? '号码' : what}没有举报、案件或交易记录${ambiguous ? '（无法确定是QQ号、电话还是账户，可指定 type）' : ''}。未查到不代表安全。${ADVICE_ZH}`,
    en: `Nothing on record for this ${ambiguous ? 'number' : r.query.type}${ambiguous ? ' (QQ id, phone or account: give type to be sure)' : ''}. Not being on record does not make it safe. ${ADVICE_EN}`,
  };
}

import type { TestService, Credentials } from './service-fixture.js';

/** Test journeys for the case, alert and statistics tests: the engine's decisions for these are known. */

export type Raw = Record<string, unknown>;
const MIN = 60_000;

/**
 * A quality-refund scam (淘宝客服, formaldehyde, 腾讯会议, 备用金, transfers) for `subject`, from `t0`.
 * Decisions (engine 1.x policy): call none, message medium, app.install high, screen.share high,
 * credit.draw hold/high (credit-pivot), first transfer block/urgent (cash-out), second block/urgent.
 */
export function refundScam(subject: string, t0: number, prefix = subject): Raw[] {
  let n = 0;
  const at = (min: number, type: string, fields: Raw): Raw => ({ id: `${prefix}-${++n}`, ts: t0 + min * MIN, subject, type, ...fields });
  return [
    at(0, 'call.start', { peer: '17012345670', direction: 'in', claimedIdentity: '淘宝客服' }),
    at(1, 'message', {
      channel: 'call-transcript',
      direction: 'in',
      text: '您买的衣服甲醛超标，给您三倍赔偿，请下载腾讯会议，打开屏幕共享',
    }),
    at(2, 'app.install', { app: '腾讯会议' }),
    at(3, 'screen.share', { state: 'start', app: '腾讯会议' }),
    at(5, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 5000 }),
    at(8, 'transfer', { amount: 4999.5, payee: '6222021234567890123', payeeType: 'personal', channel: 'bank-app' }),
    at(9, 'transfer', { amount: 3000, payee: '6222021234567890123', payeeType: 'personal', channel: 'bank-app' }),
  ];
}

/**
 * The refund scam up to its first cash-out, called from `peer` (also on the transcript, so the
 * number is linked) and paying `payee`: for the entity, lookup and network tests.
 */
export function scamPaying(subject: string, t0: number, peer: string, payee: string): Raw[] {
  let n = 0;
  const at = (min: number, type: string, fields: Raw): Raw => ({ id: `${subject}-${++n}`, ts: t0 + min * MIN, subject, type, ...fields });
  return [
    at(0, 'call.start', { peer, direction: 'in', claimedIdentity: '淘宝客服' }),
    at(1, 'message', {
      channel: 'call-transcript',
      direction: 'in',
      peer,
      text: '您买的衣服甲醛超标，给您三倍赔偿，请下载腾讯会议，打开屏幕共享',
    }),
    at(2, 'app.install', { app: '腾讯会议' }),
    at(3, 'screen.share', { state: 'start', app: '腾讯会议' }),
    at(5, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 5000 }),
    at(8, 'transfer', { amount: 4999.5, payee, payeeType: 'personal', channel: 'bank-app' }),
  ];
}

/**
 * A parcel-claim scam (顺丰快递客服, 钉钉, 微粒贷): call none, message medium, app.install high,
 * screen.share high, credit.draw hold/high, transfer block/urgent.
 */
export function parcelScam(subject: string, t0: number, prefix = subject): Raw[] {
  let n = 0;
  const at = (min: number, type: string, fields: Raw): Raw => ({ id: `${prefix}-${++n}`, ts: t0 + min * MIN, subject, type, ...fields });
  return [
    at(0, 'call.start', { peer: '17098765432', direction: 'in', claimedIdentity: '顺丰快递客服' }),
    at(1, 'message', {
      channel: 'call-transcript',
      direction: 'in',
      text: '您的快递在运输途中丢失了，我们给您双倍理赔，请下载钉钉，打开屏幕共享',
    }),
    at(2, 'app.install', { app: '钉钉' }),
    at(3, 'screen.share', { state: 'start', app: '钉钉' }),
    at(4, 'credit.draw', { provider: '微信', product: '微粒贷', amount: 8000 }),
    at(6, 'transfer', { amount: 7999, payee: '6217001234567890', payeeType: 'personal', channel: 'bank-app' }),
  ];
}

/** An ordinary customer's day: nothing above low. */
export function ordinaryDay(subject: string, t0: number, prefix = subject): Raw[] {
  let n = 0;
  const at = (min: number, type: string, fields: Raw): Raw => ({ id: `${prefix}-${++n}`, ts: t0 + min * MIN, subject, type, ...fields });
  return [
    at(0, 'call.start', { peer: '13900001111', direction: 'in', inContacts: true }),
    at(3, 'transfer', { amount: 120, payee: 'shop-1', payeeType: 'business' }),
    at(5, 'order', { platform: 'taobao', merchant: '某某旗舰店', item: '连衣裙', amount: 199, courier: '中通' }),
  ];
}

export interface Posted {
  results: (Raw & { eventId?: string; level?: string; action?: string; error?: unknown })[];
}

/** Posts a batch with an `events` key; fails the test on anything but 200 with every item accepted. */
export async function post(svc: TestService, key: Credentials, events: readonly Raw[]): Promise<Posted> {
  const res = await svc.call(key, { method: 'POST', url: '/v1/events', payload: events as Raw[] });
  if (res.statusCode !== 200) throw new Error(`POST /v1/events ${res.statusCode}: ${res.body}`);
  const body = res.json() as Posted & { rejected: number };
  if (body.rejected !== 0) throw new Error(`rejected items: ${res.body}`);
  return body;
}

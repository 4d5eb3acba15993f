import { describe, expect, it } from 'vitest';
import { decodeEventLine, EVENT_TYPES, validateEvent } from '../src/events/index.js';

const base = { id: 'e-1', ts: '2026-05-01T10:00:00+08:00', subject: 'u-1' };

describe('event contract', () => {
  it('accepts every type of DESIGN.md §3.1 (and the service-written report.review) with its fields, keeps unknown fields and parses ts once', () => {
    const samples: Record<string, object> = {
      'call.start': { peer: '17012345678', direction: 'in', claimedIdentity: '淘宝客服' },
      'call.end': { peer: '17012345678', durationSec: 300 },
      message: { channel: 'qq', direction: 'in', text: '你好' },
      'app.install': { app: '腾讯会议' },
      'app.open': { app: '腾讯会议', category: 'meeting' },
      'screen.share': { state: 'start' },
      'credit.open': { provider: '支付宝', limit: 500 },
      'credit.draw': { provider: '支付宝', product: '备用金', amount: 500 },
      transfer: { amount: 500, payee: 'p', payeeType: 'personal', channel: 'bank-app' },
      'giftcard.purchase': { merchant: '当当', amount: 1000, quantity: 2 },
      'giftcard.redeem': { merchant: '当当', amount: 1000, redeemer: 'r' },
      'otp.issued': { purpose: 'login' },
      'otp.used': { host: 'jd.com' },
      'link.open': { url: 'https://jd.com' },
      report: { kind: 'victim-report', entities: [{ type: 'phone', value: '17012345678' }] },
      'report.review': { report: 'report-1', status: 'rejected', entities: [{ type: 'phone', value: '17012345678' }] },
      order: { platform: 'taobao', merchant: '童装店', courier: '中通', trackingNo: '7312' },
    };
    expect(Object.keys(samples).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [type, fields] of Object.entries(samples)) {
      const v = validateEvent({ ...base, type, ...fields, extra: { kept: true } });
      expect(v.ok, type).toBe(true);
      if (v.ok) {
        expect(v.value.t).toBe(Date.parse('2026-05-01T02:00:00Z'));
        expect((v.value.event as unknown as { extra: unknown }).extra).toEqual({ kept: true });
      }
    }
    expect(validateEvent({ ...base, ts: 1777600800000, type: 'link.open', url: 'x' }).ok).toBe(true);
  });

  it.each([
    [{ ...base, type: 'transfer', amount: -5, payee: 'p' }, '/amount', /> 0/],
    [{ ...base, type: 'transfer', payee: 'p' }, '/amount', /required/],
    [{ ...base, type: 'transfer', amount: 5, payee: 'p', channel: 'pigeon' }, '/channel', /bank-app/],
    [{ ...base, type: 'call.start', peer: '1', direction: 'sideways' }, '/direction', /in, out/],
    [{ ...base, type: 'teleport' }, '/type', /call\.start/],
    [{ ...base, ts: '2026-05-01 10:00', type: 'link.open', url: 'x' }, '/ts', /offset/],
    [{ ...base, ts: '2026-05-01T10:00:00', type: 'link.open', url: 'x' }, '/ts', /offset/],
    [{ ...base, subject: '', type: 'link.open', url: 'x' }, '/subject', /non-empty/],
    [{ ...base, type: 'message', channel: 'qq', direction: 'in', text: 5 }, '/text', /string/],
    [[1, 2], '', /JSON object/],
  ])('rejects %j naming the field', (event, field, expected) => {
    const v = validateEvent(event);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      const error = v.errors.find((e) => e.field === field);
      expect(error, JSON.stringify(v.errors)).toBeDefined();
      expect(error!.expected).toMatch(expected);
      expect(error!.zh.length).toBeGreaterThan(0);
    }
  });

  it('reports a line that is not JSON', () => {
    const v = decodeEventLine('{"id": ');
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]!.zh).toMatch(/不是合法的 JSON/);
  });
});

import { describe, expect, it } from 'vitest';
import { normalize } from '../src/text/index.js';
import { parseChineseNumber } from '../src/text/numerals.js';
import { analyzer } from './analyzer-fixture.js';

const norm = (s: string): string => normalize(s, analyzer.lexicon.aliases).text;

describe('normalize', () => {
  it('folds full-width and case', () => {
    expect(norm('加ＱＱ１２３')).toBe('加qq123');
  });
  it('turns traditional characters into simplified ones', () => {
    expect(norm('驗證碼 銀行卡 備用金')).toBe('验证码银行卡备用金');
  });
  it('drops spaces and symbols inserted between characters', () => {
    expect(norm('验 证 码')).toBe('验证码');
    expect(norm('加*微*信')).toBe('加微信');
    expect(norm('138-1234-5678')).toBe('13812345678');
  });
  it('keeps the dots and slashes that build URLs and decimals', () => {
    expect(norm('http://a.b.cn/x')).toBe('http://a.b.cn/x');
    expect(norm('19999.58元')).toBe('19999.58元');
  });
  it('undoes the usual disguises', () => {
    expect(norm('加扣扣')).toBe('加qq');
    expect(norm('加V信')).toBe('加微信');
    expect(norm('薇信')).toBe('微信');
    expect(norm('打开zfb')).toBe('打开支付宝');
    expect(norm('报一下yzm')).toBe('报一下验证码');
    expect(norm('银行kǎ号')).toBe('银行卡号');
  });
  it('leaves latin aliases inside words and URLs alone', () => {
    expect(norm('www.vxyz.com')).toBe('www.vxyz.com');
    expect(norm('vx://abc')).toBe('vx://abc');
  });
  it('reads a latin alias before a label colon (vx：<id>) as the app', () => {
    expect(norm('加客服vx：kf_0931')).toBe('加客服微信:kf_0931');
    expect(norm('VX:kf0931')).toBe('微信:kf0931');
  });
  it('writes Chinese numerals in amounts as digits', () => {
    expect(norm('转一千二百元')).toBe('转1200元');
    expect(norm('借了两万')).toBe('借了20000');
    expect(norm('一万九千九百九十九点五八元')).toBe('19999.58元');
  });
  it('does not turn words into numbers', () => {
    expect(norm('千万别转')).toBe('千万别转');
    expect(norm('百万保障')).toBe('百万保障');
  });
  it('drops zero-width characters and NULs, and maps a text with nothing to fold onto itself', () => {
    expect(norm('验\u200b证\u0000码')).toBe('验证码');
    const n = normalize('退款到原账户', analyzer.lexicon.aliases);
    expect(n.text).toBe('退款到原账户');
    expect([...n.start]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...n.end]).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('keeps every unit it does not fold as it is, lone surrogates included, at any length', () => {
    expect(norm('退款\ud800，\udc00😀')).toBe('退款\ud800,\udc00😀');
    const long = '请加微信，退款\ud83d'.repeat(2000);
    expect(norm(long)).toBe(long.replaceAll('，', ','));
  });
  it('maps every normalized character back to the exact original characters', () => {
    const src = '请加 扣 扣，转一千二百元';
    const n = normalize(src, analyzer.lexicon.aliases);
    const at = n.text.indexOf('1200元');
    expect(src.slice(n.start[at], n.end[at + 5 - 1])).toBe('一千二百元');
    const qq = n.text.indexOf('qq');
    expect(src.slice(n.start[qq], n.end[qq + 1])).toBe('扣 扣');
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['一千二百', 1200],
    ['两万五', 25000],
    ['三千五', 3500],
    ['十二', 12],
    ['一千零五', 1005],
    ['2.5万', 25000],
    ['一亿两千万', 120000000],
    ['一九九九九', 19999],
  ])('%s = %d', (s, n) => expect(parseChineseNumber(s)).toBe(n));
});

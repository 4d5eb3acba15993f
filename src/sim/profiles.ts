import type { FamilyId } from '../typology/types.js';

/**
 * How each family tends to unfold, from the seed articles: first contact, whether a real order is
 * recited, how often the victim is moved to QQ/WeChat or a meeting app, which loans are pushed and
 * which money paths are used. Weights, not rules: every victim draws their own journey from them.
 */

export const MONEY_PATHS = [
  'return-excess',
  'bank-transfer',
  'qr-payment',
  'giftcard',
  'otp-theft',
  'code-amount',
  'activation',
  'deposit',
] as const;
export type MoneyPath = (typeof MONEY_PATHS)[number];

export type Contact = 'call' | 'sms' | 'qq' | 'wechat';

export interface FamilyProfile {
  /** Share of all victims (before every family gets at least one). */
  share: number;
  contact: readonly (readonly [Contact, number])[];
  /** Probability the scammer recites a real order (and the victim has one, leaked). */
  recitesOrder: number;
  channelMove: number;
  control: number;
  credit: number;
  /** Loan products the scammer pushes, in the order he tends to push them. */
  products: readonly string[];
  paths: readonly (readonly [MoneyPath, number])[];
}

export const PROFILES: Readonly<Record<FamilyId, FamilyProfile>> = {
  'quality-refund': {
    share: 25,
    contact: [
      ['call', 80],
      ['sms', 8],
      ['qq', 8],
      ['wechat', 4],
    ],
    recitesOrder: 0.92,
    channelMove: 0.8,
    control: 0.6,
    credit: 0.8,
    products: ['备用金', '还呗', '58好借', '借呗', '微粒贷', '小米贷款', '安逸花', '拍拍贷'],
    paths: [
      ['return-excess', 35],
      ['bank-transfer', 40],
      ['code-amount', 8],
      ['giftcard', 8],
      ['otp-theft', 5],
      ['qr-payment', 4],
    ],
  },
  'parcel-claim': {
    share: 20,
    contact: [
      ['call', 80],
      ['sms', 10],
      ['wechat', 10],
    ],
    recitesOrder: 0.95,
    channelMove: 0.75,
    control: 0.55,
    credit: 0.6,
    products: ['备用金', '借呗', '微粒贷', '58好借', '还呗', '京东金条'],
    paths: [
      ['activation', 20],
      ['bank-transfer', 30],
      ['giftcard', 15],
      ['otp-theft', 12],
      ['qr-payment', 8],
      ['return-excess', 10],
      ['deposit', 5],
    ],
  },
  'membership-cancel': {
    share: 10,
    contact: [
      ['call', 75],
      ['sms', 25],
    ],
    recitesOrder: 0.2,
    channelMove: 0.6,
    control: 0.65,
    credit: 0.6,
    products: ['借呗', '微粒贷', '京东金条', '有钱花', '安逸花', '好期贷'],
    paths: [
      ['bank-transfer', 60],
      ['qr-payment', 15],
      ['code-amount', 12],
      ['otp-theft', 8],
      ['deposit', 5],
    ],
  },
  'million-protection': {
    share: 8,
    contact: [
      ['call', 85],
      ['sms', 15],
    ],
    recitesOrder: 0.1,
    channelMove: 0.55,
    control: 0.6,
    credit: 0.5,
    products: ['借呗', '微粒贷', '京东金条', '有钱花'],
    paths: [
      ['bank-transfer', 55],
      ['otp-theft', 20],
      ['qr-payment', 15],
      ['code-amount', 10],
    ],
  },
  'jd-credit': {
    share: 8,
    contact: [
      ['call', 85],
      ['sms', 15],
    ],
    recitesOrder: 0.3,
    channelMove: 0.6,
    control: 0.7,
    credit: 0.95,
    products: ['京东金条', '京东白条', '借呗', '微粒贷', '有钱花', '360借条'],
    paths: [
      ['bank-transfer', 75],
      ['giftcard', 15],
      ['code-amount', 10],
    ],
  },
  'student-loan': {
    share: 7,
    contact: [
      ['call', 80],
      ['sms', 20],
    ],
    recitesOrder: 0,
    channelMove: 0.6,
    control: 0.7,
    credit: 0.95,
    products: ['京东金条', '借呗', '微粒贷', '有钱花', '分期乐', '360借条', '好期贷'],
    paths: [
      ['bank-transfer', 80],
      ['giftcard', 10],
      ['qr-payment', 10],
    ],
  },
  'flight-compensation': {
    share: 7,
    contact: [
      ['sms', 60],
      ['call', 40],
    ],
    recitesOrder: 0.8,
    channelMove: 0.5,
    control: 0.5,
    credit: 0.3,
    products: ['借呗', '微粒贷', '备用金'],
    paths: [
      ['otp-theft', 30],
      ['activation', 25],
      ['bank-transfer', 35],
      ['deposit', 10],
    ],
  },
  'credit-repair': {
    share: 5,
    contact: [
      ['qq', 40],
      ['wechat', 30],
      ['sms', 15],
      ['call', 15],
    ],
    recitesOrder: 0,
    channelMove: 0.9,
    control: 0.4,
    credit: 0.5,
    products: ['借呗', '微粒贷', '安逸花', '拍拍贷', '360借条'],
    paths: [
      ['deposit', 45],
      ['bank-transfer', 40],
      ['qr-payment', 15],
    ],
  },
  'loan-interest-refund': {
    share: 5,
    contact: [
      ['call', 60],
      ['sms', 25],
      ['qq', 15],
    ],
    recitesOrder: 0,
    channelMove: 0.7,
    control: 0.6,
    credit: 0.9,
    products: ['360借条', '安逸花', '拍拍贷', '有钱花', '分期乐', '借呗', '微粒贷'],
    paths: [
      ['bank-transfer', 65],
      ['deposit', 25],
      ['code-amount', 10],
    ],
  },
  'account-security': {
    share: 5,
    contact: [
      ['call', 60],
      ['sms', 40],
    ],
    recitesOrder: 0,
    channelMove: 0.4,
    control: 0.45,
    credit: 0.3,
    products: ['借呗', '微粒贷', '京东金条'],
    paths: [
      ['otp-theft', 50],
      ['bank-transfer', 50],
    ],
  },
};

/** Flight bookings: the orders flight-compensation scammers recite. Agencies are invented. */
export const FLIGHT = {
  platforms: ['ctrip', 'fliggy', 'qunar'],
  agencies: ['蓝天航空票务代理', '畅行商旅旗舰店', '易途机票专营店', '云程票务'],
  airlines: [
    { zh: '东方航空', code: 'MU' },
    { zh: '南方航空', code: 'CZ' },
    { zh: '中国国航', code: 'CA' },
    { zh: '海南航空', code: 'HU' },
    { zh: '四川航空', code: '3U' },
  ],
  routes: ['上海-成都', '北京-广州', '深圳-杭州', '重庆-北京', '广州-昆明', '西安-厦门', '南京-三亚'],
};

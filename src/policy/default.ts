import type { EventType } from '../events/index.js';
import type { Policy } from './types.js';

const MONEY_OUT: readonly EventType[] = ['transfer', 'giftcard.purchase', 'otp.used'];
const MONEY_MOVES: readonly EventType[] = ['transfer', 'giftcard.purchase', 'otp.used', 'credit.draw', 'credit.open'];

/**
 * The default policy. Weights are log-odds added to `bias`; "anchored" applies when the step
 * follows contact with a likely scammer (an impersonating caller, a scam script in messages, a
 * reported number). Tuned on simulator seeds 1–3 only (see docs/engine.md); reported on others.
 */
export const DEFAULT_POLICY: Policy = Object.freeze({
  id: 'kefuguard-policy@1.0.0',
  description: 'Warn early, hold money once the pattern is clear, block money leaving under control.',
  bias: -5,
  weights: {
    UNKNOWN_CALL: { base: 0.5, anchored: 0.5 },
    SERVICE_IMPERSONATION: { base: 2.0, anchored: 2.0 },
    LONG_UNKNOWN_CALL: { base: 1.0, anchored: 1.0 },
    REPORTED_CONTACT: { base: 2.5, anchored: 2.5 },
    KNOWN_BAD_ENTITY: { base: 3.5, anchored: 3.5 },
    MULE_PHONE: { base: 1.5, anchored: 1.5 },
    TEXT_SCAM: { base: 3.0, anchored: 3.0 },
    TEXT_SUSPICIOUS: { base: 1.2, anchored: 1.2 },
    UNFAMILIAR_LINK: { base: 0.2, anchored: 0.8 },
    MEETING_APP_INSTALL: { base: 0.3, anchored: 1.2 },
    REMOTE_CONTROL_APP: { base: 1.0, anchored: 2.0 },
    SCREEN_SHARE: { base: 0.3, anchored: 2.0 },
    MONEY_UNDER_SHARE: { base: 0.8, anchored: 1.5 },
    LOAN_APP_INSTALL: { base: 0.3, anchored: 1.0 },
    CREDIT_OPENED: { base: 0.2, anchored: 1.2 },
    CREDIT_DRAWN: { base: 0.2, anchored: 1.5 },
    MULTI_PROVIDER_CREDIT: { base: 1.0, anchored: 1.5 },
    LOAN_THEN_TRANSFER: { base: 1.0, anchored: 1.5 },
    NEW_PERSONAL_PAYEE: { base: 0.3, anchored: 0.8 },
    CODE_AMOUNT: { base: 1.0, anchored: 1.5 },
    ACTIVATION_PATTERN: { base: 1.5, anchored: 2.0 },
    REPEATED_NEW_PAYEES: { base: 1.0, anchored: 1.5 },
    SCAM_MEMO: { base: 0.8, anchored: 1.5 },
    GIFTCARD_WITH_CREDIT: { base: 1.0, anchored: 1.5 },
    GIFTCARD_FOREIGN_ACCOUNT: { base: 0.3, anchored: 1.0 },
    GIFTCARD_FAST_REDEEM: { base: 1.5, anchored: 2.0 },
    MULE_PAYEE: { base: 2.0, anchored: 2.5 },
    MULE_REDEEMER: { base: 2.0, anchored: 2.5 },
    OTP_FOREIGN_HOST: { base: 1.5, anchored: 2.5 },
    REPEAT_AFTER_CASHOUT: { base: 1.0, anchored: 1.5 },
  },
  windows: {
    episodeMin: 72 * 60,
    anchorMin: 48 * 60,
    callOngoingMaxMin: 180,
    longCallSec: 600,
    shareMaxMin: 180,
    loanToPaymentMin: 180,
    activationMin: 60,
    fastRedeemMin: 60,
    multiProviderMin: 24 * 60,
    muleMin: 24 * 60,
  },
  thresholds: {
    codeAmountMin: 1000,
    activationMax: 10,
    activationFollowMin: 1000,
    loanShareOfDraw: 0.3,
    repeatedPayees: 3,
    multiProviders: 2,
    mulePayeeSubjects: 3,
    mulePhoneSubjects: 3,
    muleRedeemerSubjects: 2,
    textSuspiciousScore: 0.3,
    suspiciousScore: 0.5,
  },
  bands: [
    {
      id: 'block-controlled-cashout',
      when: {
        minScore: 0.9,
        eventTypes: MONEY_OUT,
        anyReason: ['MONEY_UNDER_SHARE', 'KNOWN_BAD_ENTITY', 'MULE_PAYEE', 'REPEAT_AFTER_CASHOUT'],
      },
      action: 'block',
      level: 'urgent',
      text: {
        zh: '资金正在受控转出（屏幕共享中、收款方已被举报或循环付款），拦截并立即通知反诈中心',
        en: 'Money is leaving under the scammer’s control; block and alert the anti-fraud centre now',
      },
    },
    {
      id: 'hold-money-clear-pattern',
      when: { minScore: 0.8, eventTypes: MONEY_MOVES },
      action: 'hold',
      level: 'high',
      text: {
        zh: '诈骗步骤已清楚，暂缓本笔借款/付款并联系本人核实',
        en: 'The scam pattern is clear; hold this loan or payment and contact the person',
      },
    },
    {
      id: 'warn-high',
      when: { minScore: 0.8 },
      action: 'warn',
      level: 'high',
      text: { zh: '高度疑似正在被冒充客服诈骗，请立即劝阻', en: 'Very likely under an impersonation scam right now; intervene' },
    },
    {
      id: 'warn-medium',
      when: { minScore: 0.5 },
      action: 'warn',
      level: 'medium',
      text: { zh: '出现冒充客服诈骗的典型步骤，向本人显示针对性提醒', en: 'Typical scam steps; show the person a targeted warning' },
    },
    {
      id: 'watch',
      when: { minScore: 0.25 },
      action: 'allow',
      level: 'low',
      text: { zh: '有可疑迹象，继续观察', en: 'Some suspicious signs; keep watching' },
    },
    {
      id: 'allow',
      when: {},
      action: 'allow',
      level: 'none',
      text: { zh: '未见诈骗迹象', en: 'No sign of a scam' },
    },
  ],
}) as Policy;

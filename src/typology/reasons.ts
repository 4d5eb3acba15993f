import type { Bilingual, StageId } from './types.js';

/**
 * Every reason the journey can give, with the stage it is evidence of and the sentence an analyst
 * or a customer reads. `{…}` placeholders are filled from the facts that raised it. Weights are not
 * here: they are policy (src/policy), so a risk team can retune them without touching the engine.
 */
export const REASON_CODES = [
  'UNKNOWN_CALL',
  'SERVICE_IMPERSONATION',
  'LONG_UNKNOWN_CALL',
  'REPORTED_CONTACT',
  'KNOWN_BAD_ENTITY',
  'MULE_PHONE',
  'TEXT_SCAM',
  'TEXT_SUSPICIOUS',
  'UNFAMILIAR_LINK',
  'MEETING_APP_INSTALL',
  'REMOTE_CONTROL_APP',
  'SCREEN_SHARE',
  'MONEY_UNDER_SHARE',
  'LOAN_APP_INSTALL',
  'CREDIT_OPENED',
  'CREDIT_DRAWN',
  'MULTI_PROVIDER_CREDIT',
  'LOAN_THEN_TRANSFER',
  'NEW_PERSONAL_PAYEE',
  'NEW_MERCHANT_AFTER_CONTACT',
  'CODE_AMOUNT',
  'ACTIVATION_PATTERN',
  'REPEATED_NEW_PAYEES',
  'SCAM_MEMO',
  'GIFTCARD_PURCHASE',
  'GIFTCARD_WITH_CREDIT',
  'GIFTCARD_FOREIGN_ACCOUNT',
  'GIFTCARD_FAST_REDEEM',
  'KNOWN_BAD_PAYEE',
  'MULE_PAYEE',
  'MULE_REDEEMER',
  'OTP_FOREIGN_HOST',
  'REPEAT_AFTER_CASHOUT',
  'SCAM_SEQUENCE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReasonDef {
  stage: StageId;
  /** Raised by contact with someone who is likely the scammer: later steps are read against it. */
  anchor?: boolean;
  text: Bilingual;
}

export const REASONS: Readonly<Record<ReasonCode, ReasonDef>> = {
  UNKNOWN_CALL: { stage: 'hook', text: { zh: '接到陌生号码来电 {peer}', en: 'Call from an unknown number {peer}' } },
  SERVICE_IMPERSONATION: {
    stage: 'hook',
    anchor: true,
    text: {
      zh: '来电自称“{identity}”，但号码 {peer} 不是官方客服号码',
      en: 'Caller claims to be "{identity}" from {peer}, not an official number',
    },
  },
  LONG_UNKNOWN_CALL: {
    stage: 'hook',
    anchor: true,
    text: { zh: '与陌生号码通话已 {minutes} 分钟', en: 'On a call with an unknown number for {minutes} minutes' },
  },
  REPORTED_CONTACT: {
    stage: 'hook',
    anchor: true,
    text: { zh: '来电号码 {peer} 被标记为“{tag}”', en: 'The caller {peer} is tagged "{tag}"' },
  },
  KNOWN_BAD_ENTITY: {
    stage: 'hook',
    anchor: true,
    text: { zh: '{what} {value} 已被受害人举报', en: '{what} {value} was reported by a victim' },
  },
  MULE_PHONE: {
    stage: 'hook',
    anchor: true,
    text: {
      zh: '号码 {peer} 在 24 小时内以客服身份联系了 {count} 位不同用户',
      en: '{peer} called {count} different people as "customer service" within 24 h',
    },
  },
  TEXT_SCAM: {
    stage: 'pretext',
    anchor: true,
    text: { zh: '消息内容符合冒充客服诈骗话术（{signals}）', en: 'Messages match the impersonation-scam script ({signals})' },
  },
  TEXT_SUSPICIOUS: {
    stage: 'pretext',
    text: { zh: '消息内容可疑（{signals}）', en: 'Suspicious messages ({signals})' },
  },
  UNFAMILIAR_LINK: {
    stage: 'channel-move',
    text: { zh: '打开了非官方链接 {host}{after}', en: 'Opened a non-official link {host}{afterEn}' },
  },
  MEETING_APP_INSTALL: {
    stage: 'control',
    text: { zh: '安装了会议/共享屏幕软件“{app}”{after}', en: 'Installed meeting/screen-share app "{app}"{afterEn}' },
  },
  REMOTE_CONTROL_APP: {
    stage: 'control',
    text: { zh: '安装了远程控制软件“{app}”{after}', en: 'Installed remote-control app "{app}"{afterEn}' },
  },
  SCREEN_SHARE: { stage: 'control', text: { zh: '开始共享屏幕{after}', en: 'Started sharing the screen{afterEn}' } },
  MONEY_UNDER_SHARE: {
    stage: 'control',
    text: { zh: '屏幕共享进行中时操作借款或付款', en: 'Borrowing or paying while the screen is being shared' },
  },
  LOAN_APP_INSTALL: { stage: 'credit-pivot', text: { zh: '安装了借贷软件“{app}”{after}', en: 'Installed loan app "{app}"{afterEn}' } },
  CREDIT_OPENED: { stage: 'credit-pivot', text: { zh: '开通了 {provider} 借款额度{after}', en: 'Opened credit at {provider}{afterEn}' } },
  CREDIT_DRAWN: {
    stage: 'credit-pivot',
    text: { zh: '从 {provider} 借款 ¥{amount}{after}', en: 'Drew ¥{amount} from {provider}{afterEn}' },
  },
  MULTI_PROVIDER_CREDIT: {
    stage: 'credit-pivot',
    text: { zh: '24 小时内在 {count} 家平台开通或借款', en: 'Credit opened or drawn at {count} providers within 24 h' },
  },
  LOAN_THEN_TRANSFER: {
    stage: 'cash-out',
    text: { zh: '借款到账后 {minutes} 分钟内向新收款人付款', en: 'Paying a new payee {minutes} minutes after a loan arrived' },
  },
  NEW_PERSONAL_PAYEE: {
    stage: 'cash-out',
    text: { zh: '向从未付过款的个人账户转账 ¥{amount}', en: 'Transfer of ¥{amount} to a personal account never paid before' },
  },
  NEW_MERCHANT_AFTER_CONTACT: {
    stage: 'cash-out',
    text: {
      zh: '可疑联系后向从未付过款的商户/公司账户付款 ¥{amount}',
      en: 'After the suspicious contact, ¥{amount} to a company account never paid before',
    },
  },
  CODE_AMOUNT: {
    stage: 'cash-out',
    text: {
      zh: '转账金额 ¥{amount} 带零头，像骗子让输入的“验证码”金额',
      en: 'Odd amount ¥{amount}, like a "code" typed into the amount field',
    },
  },
  ACTIVATION_PATTERN: {
    stage: 'cash-out',
    text: {
      zh: '先转小额 ¥{small} “激活/验证”，{minutes} 分钟后转 ¥{amount}',
      en: 'A ¥{small} "activation" then ¥{amount} {minutes} minutes later',
    },
  },
  REPEATED_NEW_PAYEES: {
    stage: 'cash-out',
    text: { zh: '24 小时内第 {count} 次向新收款人转账', en: 'Transfer number {count} to new payees within 24 h' },
  },
  SCAM_MEMO: { stage: 'cash-out', text: { zh: '转账备注“{memo}”', en: 'Transfer memo "{memo}"' } },
  GIFTCARD_PURCHASE: {
    stage: 'cash-out',
    text: { zh: '购买礼品卡 ¥{amount}{after}', en: 'Gift cards bought for ¥{amount}{afterEn}' },
  },
  GIFTCARD_WITH_CREDIT: {
    stage: 'cash-out',
    text: { zh: '借款后 {minutes} 分钟内购买礼品卡 ¥{amount}', en: 'Gift cards for ¥{amount} bought {minutes} minutes after a loan' },
  },
  GIFTCARD_FOREIGN_ACCOUNT: {
    stage: 'cash-out',
    text: { zh: '用陌生购物账号 {account} 购买礼品卡', en: 'Gift cards bought on an unfamiliar shopping account {account}' },
  },
  GIFTCARD_FAST_REDEEM: {
    stage: 'cash-out',
    text: {
      zh: '礼品卡在购买后 {minutes} 分钟内被他人账号 {redeemer} 兑换',
      en: 'Gift cards redeemed by another account {redeemer} {minutes} minutes after purchase',
    },
  },
  KNOWN_BAD_PAYEE: {
    stage: 'cash-out',
    text: { zh: '{what} {value} 已被受害人举报', en: '{what} {value} was reported by a victim' },
  },
  MULE_PAYEE: {
    stage: 'cash-out',
    text: {
      zh: '收款账户 {payee} 24 小时内收到 {count} 位不同用户的转账',
      en: 'Payee {payee} received money from {count} different people within 24 h',
    },
  },
  MULE_REDEEMER: {
    stage: 'cash-out',
    text: {
      zh: '兑换账号 {redeemer} 24 小时内兑换了 {count} 位不同用户的礼品卡',
      en: 'Redeemer {redeemer} redeemed cards of {count} different people within 24 h',
    },
  },
  OTP_FOREIGN_HOST: {
    stage: 'cash-out',
    text: { zh: '验证码被输入到非官方网站 {host}', en: 'A verification code was typed into a non-official site {host}' },
  },
  REPEAT_AFTER_CASHOUT: {
    stage: 'retention',
    text: {
      zh: '可疑付款后再次借款或付款（“超时卡单/保证金”循环）',
      en: 'Borrowing or paying again after a suspicious payment (the retention loop)',
    },
  },
  SCAM_SEQUENCE: {
    stage: 'cash-out',
    text: {
      zh: '{minutes} 分钟内依次出现：{control} → 借款 → 付款，正是冒充客服诈骗的步骤',
      en: 'Within {minutes} minutes: {controlEn} → borrowing → paying, the impersonation scam’s sequence',
    },
  },
};

/** Templates split once into text and placeholder names (odd indexes); private memo, bounded by the catalogue. */
const SPLIT_TEMPLATES = new Map<string, string[]>();

/**
 * A reason's sentence with its `{name}` placeholders filled, from a record or from a lookup (the
 * engine's, which adds the time since the suspicious contact without copying the parameters).
 */
export function fillTemplate(
  template: string,
  params: Readonly<Record<string, string | number>> | ((name: string) => string | number | undefined),
): string {
  let parts = SPLIT_TEMPLATES.get(template);
  if (!parts) SPLIT_TEMPLATES.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = typeof params === 'function' ? params(name) : params[name];
    out += String(value ?? '') + parts[i + 1]!;
  }
  return out;
}

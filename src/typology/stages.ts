import type { Stage } from './types.js';

/** The eight steps of DESIGN.md §1, in the order a victim goes through them. */
export const STAGES: readonly Stage[] = [
  { id: 'hook', order: 1, zh: '冒充客服来电', en: 'Impersonated customer-service contact' },
  { id: 'pretext', order: 2, zh: '编造理由、主动退款/理赔', en: 'Pretext and unprompted refund offer' },
  { id: 'channel-move', order: 3, zh: '引导加QQ/微信、点链接、下载App', en: 'Move to QQ/WeChat, links or apps' },
  { id: 'control', order: 4, zh: '会议软件、屏幕共享、远程指挥', en: 'Meeting app, screen sharing, remote guidance' },
  { id: 'credit-pivot', order: 5, zh: '诱导开通备用金、网贷借款', en: 'Pushed into 备用金 and loans' },
  { id: 'cash-out', order: 6, zh: '转账、礼品卡、验证码套现', en: 'Money out: transfers, gift cards, codes' },
  { id: 'retention', order: 7, zh: '卡单、操作失误、反复转账', en: 'Stuck order, "errors", repeated payments' },
  { id: 'exit', order: 8, zh: '识破、报警或被劝阻', en: 'Victim realises, reports or is stopped' },
];

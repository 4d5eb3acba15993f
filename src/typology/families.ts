import type { Family } from './types.js';

export const FAMILIES: readonly Family[] = [
  {
    id: 'quality-refund',
    zh: '商品质量问题退款',
    en: 'Product quality / allergy / recall refund',
    pretext: {
      zh: '您买的商品有质量问题（甲醛、过敏、召回），给您双倍退款',
      en: 'Your item is faulty or recalled; we will refund you double',
    },
  },
  {
    id: 'parcel-claim',
    zh: '快递丢失/损坏理赔',
    en: 'Lost or damaged parcel claim',
    pretext: { zh: '您的快递在运输中丢失或损毁，给您理赔', en: 'Your parcel was lost or damaged in transit; we will compensate you' },
  },
  {
    id: 'membership-cancel',
    zh: '取消会员/代理/直播自动扣费',
    en: 'Cancel a membership / agent / live-stream auto-charge',
    pretext: {
      zh: '您开通了会员或代理，不取消将每月自动扣费',
      en: 'You joined a membership or agent plan that will auto-charge unless cancelled',
    },
  },
  {
    id: 'million-protection',
    zh: '取消百万保障/百万医疗',
    en: 'Cancel "百万保障 / 百万医疗" insurance',
    pretext: { zh: '您的百万保障试用期已过，不关闭将自动扣费', en: 'Your free million-yuan cover ends and will charge you unless closed' },
  },
  {
    id: 'jd-credit',
    zh: '京东金条/白条利率不合规或关闭',
    en: 'JD 金条 / 白条 rate "not compliant" or closure',
    pretext: {
      zh: '您的京东金条/白条利率不合规或需要关闭，否则影响征信',
      en: 'Your JD credit product is non-compliant and must be closed or it hurts your credit',
    },
  },
  {
    id: 'student-loan',
    zh: '注销校园贷/学生账户',
    en: 'Close a student-loan (校园贷) account',
    pretext: {
      zh: '您上学时开过校园贷账户，现在要注销，否则影响征信',
      en: 'A student-loan account from your school years must be closed or it hurts your credit',
    },
  },
  {
    id: 'flight-compensation',
    zh: '航班取消/延误改签理赔',
    en: 'Cancelled or delayed flight compensation',
    pretext: { zh: '您的航班取消了，给您改签并赔偿', en: 'Your flight is cancelled; we will rebook and compensate you' },
  },
  {
    id: 'credit-repair',
    zh: '征信修复',
    en: 'Credit-record repair',
    pretext: { zh: '可以帮您修复征信、消除逾期记录', en: 'We can repair your credit record and remove late payments' },
  },
  {
    id: 'loan-interest-refund',
    zh: '贷款利息退还',
    en: 'Loan-platform interest "refund"',
    pretext: { zh: '您在贷款平台的利息超标，给您退还利息', en: 'Your loan interest was above the legal cap; we will refund it' },
  },
  {
    id: 'account-security',
    zh: '账户异常/冻结（冒充银行、支付平台客服）',
    en: 'Account anomaly or freeze (fake bank / wallet service)',
    pretext: {
      zh: '您的账户有异常交易或将被冻结，需要配合验证',
      en: 'Your account shows suspicious activity or will be frozen; verify with us',
    },
  },
];

import type { SignalDef } from '../types.js';

export const RETENTION_SIGNALS: SignalDef[] = [
  {
    code: 'STUCK_ORDER',
    stage: 'retention',
    weight: 2.0,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '称“超时卡单”“通道拥堵”“系统故障”，钱被卡住',
      en: 'Claims the order is "stuck", the channel congested or the system broken',
    },
    lexicon: [
      '卡单|超时卡单|通道拥堵|系统拥堵|资金冻结在|资金卡在|卡在系统',
      '超时 ~6 未完成|失败|卡|关闭|未到账|认证',
      '系统 ~4 故障|出错|卡住|异常 ~8 无法|不能|重新|到账',
      '资金归还超时|归还超时|还款超时',
    ],
    examples: {
      hit: ['您操作超时，订单卡单了', '通道拥堵，需要重新提交'],
      miss: ['快递因为天气原因晚一天到'],
    },
  },
  {
    code: 'OPERATION_ERROR',
    stage: 'retention',
    weight: 1.4,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '称您“操作失误”“操作错误”，需要重新转账或认证',
      en: 'Says you made an "operation error" and must pay or verify again',
    },
    lexicon: [
      '操作失误|操作错误|操作有误|误操作|操作不当|输入错误|填写错误',
      '操作 ~4 失败 ~8 重新|再',
      '重新 ~4 转|汇|认证|验证|操作一遍',
    ],
    examples: {
      hit: ['您刚才操作失误了，需要重新转一次'],
      miss: ['这个开关打开就行'],
    },
  },
  {
    code: 'CLOSE_OR_PAY_INTEREST',
    stage: 'retention',
    weight: 2.0,
    mechanic: true,
    attempt: ['push'],
    speaker: 'other',
    negatable: false,
    description: {
      zh: '称不关闭通道/账户就会每天扣利息、扣费或影响征信',
      en: 'Says unless a channel or account is closed you will pay interest daily or hurt your credit',
    },
    lexicon: [
      '不关闭|没关闭|未关闭|没有关闭|不注销|没注销|未注销|不取消|不处理 ~12 扣|收取|利息|费用|影响|产生',
      '每天|每日|每月|每年 ~6 扣|收|产生 ~10 利息|费用|手续费|滞纳金|违约金|管理费',
      '通道|账户|功能|理赔 ~4 没有关闭|未关闭|没关闭|没关|不关闭',
      '产生 ~4 高额 ~4 利息|费用',
      '关闭|注销 ~4 理赔通道|通道|备用金|学生账户|校园贷|百万保障',
    ],
    examples: {
      hit: ['理赔通道不关闭的话，每天都会扣您利息', '如果不注销，每年要收取2万元费用'],
      miss: ['您可以随时在设置里关掉提醒'],
    },
  },
  {
    code: 'CREDIT_THREAT',
    stage: 'retention',
    weight: 1.2,
    mechanic: false,
    attempt: ['push'],
    marksStage: false,
    speaker: 'other',
    description: {
      zh: '以“影响征信”“上黑名单”“影响买房买车”相威胁',
      en: 'Threatens your credit record, a blacklist, or future mortgages',
    },
    lexicon: [
      '影响 ~6 征信|信用|个人信誉|信誉|买房|买车|贷款',
      '上征信|进征信|纳入征信|上报征信|报送征信|征信黑名单|黑名单|不良记录|征信污点|征信有问题',
    ],
    examples: {
      hit: ['不处理会影响您的征信，以后买房买车都贷不了款'],
      miss: ['按时还款就好'],
    },
  },
  {
    code: 'REPEAT_DEMAND',
    stage: 'retention',
    weight: 1.4,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '要求再转一笔、继续借款、“最后一步”',
      en: 'Demands one more payment or loan, "the last step"',
    },
    lexicon: [
      '再转|再汇|再打|再借|再贷 ~4 一笔|一次|<num>',
      '还需要|还要|还得 ~4 再 ~4 转|汇|借|交|操作',
      '还要|还得|还需要|又要 ~3 交|转|付|借|缴 ~4 一笔|<num>',
      '继续 ~4 转|汇|借|贷',
      '最后一笔|最后一步|最后一次|还差一步',
      // 需要再做一笔同等金额的解冻，解冻必须同卡同额 (1.6.0)
      '再做一笔|同卡同额|同额解冻',
    ],
    examples: {
      hit: ['还需要您再转一笔，这是最后一步', '需要再做一笔同等金额的解冻'],
      miss: ['最后祝您生活愉快', '您可以再下一单，运费我们承担'],
    },
  },
  {
    code: 'FAKE_PROGRESS',
    stage: 'retention',
    weight: 1.8,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '称“已激活93%”“认证成功后本金一并返还”',
      en: 'Fake progress: "93% activated", "principal returned once verified"',
    },
    lexicon: [
      '激活 ~4 <num>|百分之',
      '本金 ~6 一起|一并|全部 ~4 返还|退回|退还|返回',
      '成功后 ~6 返还|退回|退还|返回 ~4 本金|全部|所有',
      '全部 ~2 返还|退还|退回 ~4 给您|给你',
      '验证完|核对完|认证完|核验完|核实完|清理后|清零后|关闭后|注销后|激活后|修复好了|验证成功|认证成功|激活成功|验证通过|核验通过 ~8 退还|返还|退回|退给|一起退|一并|本金|原路|自动退',
      '前面的|之前的|两笔 ~8 一起|一并 ~4 退|返',
      '连本带|本金和|连同 ~6 赔|理赔|补偿|退',
    ],
    examples: {
      hit: ['系统已经激活93%，认证成功后本金一并返还'],
      miss: ['退款已提交，请耐心等待'],
    },
  },
];

import type { SignalDef } from '../types.js';

export const PRETEXT_SIGNALS: SignalDef[] = [
  {
    code: 'PRETEXT_QUALITY',
    stage: 'pretext',
    weight: 0.6,
    mechanic: false,
    family: 'quality-refund',
    speaker: 'other',
    description: {
      zh: '称商品有质量问题（甲醛、过敏、重金属、不合格、召回）',
      en: 'Claims the item is faulty: formaldehyde, allergy, heavy metals, failed inspection, recall',
    },
    lexicon: [
      '甲醛|重金属|荧光剂|致癌|有毒物质|过敏原',
      '质量 ~2 问题|不合格|有问题|缺陷',
      '检测|质检|抽检|印染 ~4 不合格|不达标|超标|有问题',
      '召回|下架处理',
      '引起|导致|造成|会 ~4 过敏|起泡|起疹|皮炎',
      '商品 ~4 出现问题|有问题|存在问题',
      '订单 ~4 出现问题|有问题|异常',
      '过敏|红肿|起红疹|起疹子|不良反应|批次问题|问题批次|过期食材|变质|超标|检出|查出来',
    ],
    examples: {
      hit: ['您购买的香水含有甲醛，需要召回', '这批奶瓶质检不合格，会导致宝宝嘴巴起泡'],
      miss: ['衣服收到了，挺合身的'],
    },
  },
  {
    code: 'PRETEXT_PARCEL',
    stage: 'pretext',
    weight: 0.6,
    mechanic: false,
    family: 'parcel-claim',
    speaker: 'other',
    description: {
      zh: '称快递在运输途中丢失、损毁或被扣留，要给理赔',
      en: 'Claims the parcel was lost, damaged or held in transit and offers a claim',
    },
    lexicon: [
      '快递|包裹|快件|货物|件 ~8 丢失|丢了|遗失|损毁|损坏|破损|弄丢|被扣|扣留|销毁',
      '运输|运送|中转 ~8 丢失|遗失|损毁|损坏|破损|弄丢|事故',
      '丢件|物流事故|车辆事故|仓库 ~4 着火|失火',
      '包裹|快递|快件 ~8 异常|有问题|出现问题|清关|海关|税费|违禁|未支付',
      '摔碎|压坏|摔坏|压碎|被浸泡|浸泡|出了事故|运输车|冷链车|分拣|转运中心|中转站',
    ],
    examples: {
      hit: ['您的包裹在运输途中丢失了，我们给您理赔', '快件在运送途中损毁'],
      miss: ['您的快递已经放到菜鸟驿站了'],
    },
  },
  {
    code: 'PRETEXT_AUTO_CHARGE',
    stage: 'pretext',
    weight: 0.7,
    mechanic: false,
    family: 'membership-cancel',
    speaker: 'other',
    description: {
      zh: '称您开通了会员、代理或直播服务，不取消会自动扣费',
      en: 'Claims you signed up for a membership, agent or live-stream plan that will auto-charge',
    },
    lexicon: [
      '会员|代理|直播|主播|vip|商家服务 ~10 自动扣费|扣费|自动续费|收费|扣款',
      '开通了 ~6 会员|代理|直播|主播|服务',
      '代理权限|代理资格|直播权限|主播权限|会员权限',
      '不取消 ~10 扣费|扣款|收费|扣除',
      '每月|每年|每个月 ~6 自动扣|扣除|扣费',
    ],
    examples: {
      hit: ['您开通了抖音直播代理，不取消的话每月自动扣费800元'],
      miss: ['您的视频会员已续费成功'],
    },
  },
  {
    code: 'PRETEXT_MILLION_PROTECTION',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    family: 'million-protection',
    speaker: 'other',
    description: {
      zh: '称您的“百万保障/百万医疗”到期，要取消否则扣费',
      en: 'Claims your "百万保障 / 百万医疗" cover will start charging unless cancelled',
    },
    lexicon: ['百万保障|百万医疗|百万保险|百万医疗险|百万险', '保障|保险 ~4 试用期|免费期 ~8 扣费|收费|到期'],
    examples: {
      hit: ['您的百万保障免费期到了，不关闭会自动扣费'],
      miss: ['我想咨询一下车险怎么续保'],
    },
  },
  {
    code: 'PRETEXT_JD_CREDIT',
    stage: 'pretext',
    weight: 1.0,
    mechanic: false,
    family: 'jd-credit',
    speaker: 'other',
    description: {
      zh: '称您的京东金条/白条利率不合规、要关闭或注销',
      en: 'Claims your JD 金条 / 白条 rate is non-compliant or the product must be closed',
    },
    lexicon: ['金条|白条 ~10 利率|利息|不合规|违规|关闭|注销|降低|下调', '利率 ~4 不合规|过高|违规 ~10 金条|白条'],
    examples: {
      hit: ['您的京东金条利率不合规，需要帮您关闭', '白条需要注销，否则影响征信'],
      miss: ['白条这个月的账单是多少'],
    },
  },
  {
    code: 'PRETEXT_STUDENT_LOAN',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    family: 'student-loan',
    speaker: 'other',
    description: {
      zh: '称您上学时开通过校园贷或学生账户，现在必须注销',
      en: 'Claims a student-loan account from your school years must now be closed',
    },
    lexicon: [
      '校园贷|学生贷|学生账户|学生身份|大学生贷款|校园分期',
      '上学|大学|在校 ~8 注册|开通|开过 ~6 贷款|账户|分期',
      '学生 ~6 账户|贷款 ~8 注销|清空|关闭',
    ],
    examples: {
      hit: ['您上大学时开通过校园贷账户，现在国家要求注销'],
      miss: ['我想问问国家助学贷款怎么还'],
    },
  },
  {
    code: 'PRETEXT_FLIGHT',
    stage: 'pretext',
    weight: 0.8,
    mechanic: false,
    family: 'flight-compensation',
    speaker: 'other',
    description: {
      zh: '称您的航班取消或延误，要改签并给赔偿',
      en: 'Claims your flight is cancelled or delayed and offers rebooking compensation',
    },
    lexicon: [
      '航班 ~8 取消|延误|故障|停飞|调整',
      '飞机 ~4 故障|机械故障',
      '改签 ~8 补偿|赔偿|理赔|补贴|延误险',
      '延误 ~4 补偿|赔偿|理赔|补贴',
    ],
    examples: {
      hit: ['您乘坐的航班因机械故障取消，我们给您改签并补偿300元'],
      miss: ['我想改签到明天下午的航班'],
    },
  },
  {
    code: 'PRETEXT_CREDIT_REPAIR',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    family: 'credit-repair',
    speaker: 'other',
    description: {
      zh: '称可以修复征信、消除逾期记录',
      en: 'Offers to repair a credit record or delete late payments',
    },
    lexicon: [
      '征信修复|修复征信|修复信用|信用修复|洗白征信|征信洗白|异议修复|修复入口',
      '消除|删除|撤销|抹掉|删 ~6 逾期|不良记录|征信记录|黑名单',
      '修复 ~4 征信|不良|记录|逾期',
    ],
    examples: {
      hit: ['我们可以帮您修复征信，消除逾期记录'],
      miss: ['我想查一下自己的征信报告'],
    },
  },
  {
    code: 'PRETEXT_LOAN_INTEREST',
    stage: 'pretext',
    weight: 1.0,
    mechanic: false,
    family: 'loan-interest-refund',
    speaker: 'other',
    description: {
      zh: '称您在贷款平台的利息超标，要退还利息',
      en: 'Claims your loan interest exceeded the legal cap and will be refunded',
    },
    lexicon: [
      '利息|利率 ~6 过高|超标|超过|违规|不合法|高于 ~12 退还|退回|返还|补偿|赔偿',
      '退还|退回|返还 ~6 利息|多收的利息|多扣的利息',
      '利息 ~4 退款|补偿|清退',
      '利息 ~6 退还|退回|返还|可以退|能退',
      '退息|退利息|息费退还|多收利息',
    ],
    examples: {
      hit: ['您之前在贷款平台的利息超标了，国家要求退还利息'],
      miss: ['这个月的利息已经自动扣款了'],
    },
  },
  {
    code: 'PRETEXT_ACCOUNT_ANOMALY',
    stage: 'pretext',
    weight: 0.8,
    // The fabricated alarm is itself the first mechanic of the account-security family.
    mechanic: true,
    family: 'account-security',
    speaker: 'other',
    description: {
      zh: '称您的银行卡或账户有异常交易、被盗刷或将被冻结',
      en: 'Claims your card or account shows suspicious activity or will be frozen',
    },
    lexicon: [
      '账户|账号|银行卡|卡 ~6 异常|冻结|被盗|盗刷|风险|被锁|涉嫌',
      '异常 ~2 交易|消费|登录|转账|活动|记录',
      '盗刷|被冻结|将被冻结|资金风险|被转出|盗号|被盗',
      '为了|保障 ~4 资金安全|账户安全',
    ],
    examples: {
      hit: ['我们检测到您的账户有异常交易，为了资金安全需要核实', '您的银行卡即将被冻结'],
      miss: ['我的银行卡余额还剩多少'],
    },
  },
  {
    code: 'MULTIPLE_COMPENSATION',
    stage: 'pretext',
    weight: 1.4,
    mechanic: false,
    speaker: 'other',
    description: {
      zh: '主动提出双倍、三倍或多倍赔偿',
      en: 'Offers double, triple or multiple compensation unprompted',
    },
    lexicon: [
      '双倍|两倍|三倍|多倍|加倍|翻倍|原价的 ~4 赔偿|理赔|退款|赔付|补偿|返还',
      '退一赔三|假一赔十|十倍赔偿',
      '赔|退|返|补 ~3 双倍|两倍|三倍|多倍|加倍|翻倍',
    ],
    examples: {
      hit: ['我们按原价双倍理赔给您'],
      miss: ['退款会原路退回您的支付账户'],
    },
  },
  {
    code: 'REFUND_OFFER',
    stage: 'pretext',
    weight: 0.3,
    mechanic: false,
    speaker: 'other',
    description: {
      zh: '主动提出给您退款、理赔或补偿',
      en: 'Offers you a refund, claim or compensation',
    },
    lexicon: ['给您|为您|帮您 ~4 退款|理赔|赔偿|补偿|办理退款|办理理赔|赔付', '主动 ~4 退款|理赔|赔偿', '理赔金|理赔款|赔偿金|补偿金'],
    examples: {
      hit: ['我们这边给您办理退款', '理赔金已经下发了'],
      miss: ['退货需要您在订单页面自己申请'],
    },
  },
  {
    code: 'VERIFICATION_PRETEXT',
    stage: 'pretext',
    weight: 0.3,
    // An unsolicited caller asking you to "cooperate" is the first move of the account-security family.
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '以身份验证、实名认证、安全验证为名要求配合',
      en: 'Asks you to cooperate with an "identity / security verification"',
    },
    lexicon: ['身份验证|安全验证|实名验证|实名认证|身份核实|辅助认证|资金验证|信息核实', '配合 ~6 验证|认证|核实|核对|处理|调查'],
    examples: {
      hit: ['需要您配合我们进行安全验证'],
      miss: ['您可以在设置里修改登录密码'],
    },
  },
];

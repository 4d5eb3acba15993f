import type { SignalDef } from '../types.js';

export const PRETEXT_SIGNALS: SignalDef[] = [
  {
    code: 'PRETEXT_QUALITY',
    stage: 'pretext',
    weight: 0.6,
    mechanic: false,
    attempt: ['pretext'],
    family: 'quality-refund',
    speaker: 'other',
    // 过敏史 is a question on a form, not a claim about the item.
    unlessAfter: ['史'],
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
      '有毒|漏电|漏液|起火风险|安全隐患|鼓包|违禁成分|非法添加|激素|霉菌|不过关|掉色|致癌',
    ],
    examples: {
      hit: ['您购买的香水含有甲醛，需要召回', '这批奶瓶质检不合格，会导致宝宝嘴巴起泡'],
      miss: ['衣服收到了，挺合身的', '如果有任何健康状况或过敏史，也请提前告知'],
    },
  },
  {
    code: 'PRETEXT_PARCEL',
    stage: 'pretext',
    weight: 0.6,
    mechanic: false,
    attempt: ['pretext'],
    family: 'parcel-claim',
    speaker: 'other',
    description: {
      zh: '称快递在运输途中丢失、损毁或被扣留，要给理赔',
      en: 'Claims the parcel was lost, damaged or held in transit and offers a claim',
    },
    lexicon: [
      '快递|包裹|快件|货物|件 ~8 丢失|丢了|遗失|损毁|损坏|破损|弄丢|被扣|扣留|销毁',
      // 您家买的老人鞋丢了 (1.16.0, dev19)
      '您买的|你买的|您家买的|你家买的|您在 ~12 丢了|丢失了|弄丢了|遗失了',
      '运输|运送|中转|转运 ~8 丢失|遗失|损毁|损坏|破损|弄丢|事故|压裂|摔裂|压坏|摔坏|碎了',
      '冷链断|冷链中断|冷链出了问题|坏了不派送|不派送了',
      '丢件|物流事故|车辆事故|仓库 ~4 着火|失火',
      '包裹|快递|快件 ~8 异常|有问题|出现问题|清关|海关|税费|违禁|未支付',
      '摔碎|压坏|摔坏|压碎|被浸泡|浸泡|出了事故|运输车|冷链车|分拣|转运中心|中转站',
      // 装车的时候被叉车撞凹了 (1.15.0, dev17)
      '叉车 ~6 撞|压|碰|戳',
      '撞凹|撞瘪|撞变形|压扁了|压变形',
      '路上|途中|半路 ~6 磕坏|碰坏|坏了|丢了|受潮|烧了|烧没',
      '丢件|丢了件|快件丢|包裹丢|快递丢',
      // 在衡阳分拨中心被雨水泡了 (1.14.0, dev16)
      '分拨中心|分拣中心|转运中心|中转站|中转场|仓库|站点|驿站|网点 ~8 泡了|泡水|进水|淋湿|受潮|被淹',
    ],
    examples: {
      hit: ['您的包裹在运输途中丢失了，我们给您理赔', '快件在运送途中损毁', '您买的书柜运输中压裂了'],
      miss: ['您的快递已经放到菜鸟驿站了'],
    },
  },
  {
    code: 'PRETEXT_AUTO_CHARGE',
    stage: 'pretext',
    weight: 0.7,
    mechanic: false,
    attempt: ['pretext', 'push'],
    family: 'membership-cancel',
    speaker: 'other',
    description: {
      zh: '称您开通了会员、代理或直播服务，不取消会自动扣费',
      en: 'Claims you signed up for a membership, agent or live-stream plan that will auto-charge',
    },
    lexicon: [
      '会员|代理|直播|主播|vip|商家服务 ~10 自动扣费|扣费|自动续费|收费|扣款|自动扣|开始扣|要扣|会扣',
      // 我开了支付宝商家会员，每月要扣580 (1.6.0)
      '会员|代理 ~2, 每月|每个月|每年 ~3 要扣|会扣|自动扣|扣',
      '开通了|开通过|注册过|注册了|升级成|升级为 ~6 会员|代理|直播|主播|服务',
      // 您名下开通了一个多多推广员的身份，每个月1200的服务费 (1.6.0)
      '开通了|开通过 ~8 推广员|推客|团长|分销商',
      '每个月|每月|每年 ~4 <num> ~3 服务费|会员费|年费|管理费 ~8, 扣|扣费|扣款',
      '代理权限|代理资格|直播权限|主播权限|会员权限',
      '不取消 ~10 扣费|扣款|收费|扣除',
      // 每月将从您绑定的银行卡自动扣除 (window 6 → 12 in 1.11.0, dev13)
      '每月|每年|每个月 ~12 自动扣|扣除|扣费',
      // “淘宝直播达人推广”服务将于明日自动续费，扣款¥1680.00/年 (1.10.0)
      '将于|即将|明日|明天|今晚 ~6 自动续费|自动扣费|自动扣款|开始扣费',
      // 到期后将按680元/月自动续费 / 目前试用期已满，从本月25号开始每月将…自动扣除 (1.11.0, dev13)
      '到期后 ~10 自动续费|自动扣费|自动扣款|自动扣除',
      '试用期已满|试用期满了|试用期已到|试用期已经到了|免费期已过|免费期已满 ~24 扣|收费|续费',
    ],
    examples: {
      hit: [
        '您开通了抖音直播代理，不取消的话每月自动扣费800元',
        '您名下开通了一个多多推广员的身份，每个月1200的服务费，明天开始扣',
        '我开了支付宝商家会员，每月要扣580',
        '您开通的“快手直播代理”服务将于今日到期，到期后将按680元/月自动续费',
        '您申请的团长代理目前试用期已满，从本月25号开始每月将从您绑定的银行卡自动扣除管理费',
        '您的直播会员试用期已满即将开始收费',
      ],
      miss: ['您的视频会员已续费成功', '您的会员已经帮您取消了，不会再收费'],
    },
  },
  {
    code: 'PRETEXT_MILLION_PROTECTION',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    attempt: ['pretext', 'push'],
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
    attempt: ['pretext'],
    family: 'jd-credit',
    speaker: 'other',
    description: {
      zh: '称您的京东金条/白条利率不合规、要关闭或注销',
      en: 'Claims your JD 金条 / 白条 rate is non-compliant or the product must be closed',
    },
    lexicon: [
      '金条|白条 ~10 利率|利息|不合规|违规|关闭|注销|降低|下调',
      '利率 ~4 不合规|过高|违规 ~10 金条|白条',
      '利率|利息 ~14 不合规|不符合规定|不符合监管|不符合新规',
    ],
    examples: {
      hit: ['您的京东金条利率不合规，需要帮您关闭', '白条需要注销，否则影响征信', '当时的利率按现在的监管新规属于不合规'],
      miss: ['白条这个月的账单是多少'],
    },
  },
  {
    code: 'PRETEXT_STUDENT_LOAN',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    attempt: ['pretext'],
    family: 'student-loan',
    speaker: 'other',
    description: {
      zh: '称您上学时开通过校园贷或学生账户，现在必须注销',
      en: 'Claims a student-loan account from your school years must now be closed',
    },
    lexicon: [
      '校园贷|学生贷|学生账户|学生账号|学生身份|大学生贷款|校园分期',
      '上学|大学|在校 ~8 注册|开通|开过|开了 ~6 贷款|账户|账号|分期',
      '学生 ~6 账户|贷款 ~8 注销|清空|关闭',
      // 您在大学期间开了白条，现在国家不允许学生开通
      '大学期间|上大学时|在校期间|上学时|读书时|上学的时候|大学的时候 ~10 开了|开通|开过|注册|办了|申请了',
      '不允许学生|学生不能|学生不允许|学生不得',
    ],
    examples: {
      hit: ['您上大学时开通过校园贷账户，现在国家要求注销', '您在大学期间开了白条，现在国家不允许学生开通'],
      miss: ['我想问问国家助学贷款怎么还', '我大学期间在图书馆勤工俭学'],
    },
  },
  {
    code: 'PRETEXT_FLIGHT',
    stage: 'pretext',
    weight: 0.8,
    mechanic: false,
    attempt: ['pretext'],
    family: 'flight-compensation',
    speaker: 'other',
    description: {
      zh: '称您的航班取消或延误，要改签并给赔偿',
      en: 'Claims your flight is cancelled or delayed and offers rebooking compensation',
    },
    lexicon: [
      '航班 ~8 取消|延误|故障|停飞|调整',
      '飞机 ~4 故障|机械故障',
      // 我们后天飞昆明的飞机取消了 (1.13.0, dev15)
      '飞机 ~3 取消了|被取消|停飞',
      '改签 ~8 补偿|赔偿|理赔|补贴|延误险',
      '延误 ~4 补偿|赔偿|理赔|补贴',
    ],
    examples: {
      hit: ['航空公司打电话说我们后天飞昆明的飞机取消了 要给我们改签', '您乘坐的航班因机械故障取消，我们给您改签并补偿300元'],
      miss: ['我想改签到明天下午的航班'],
    },
  },
  {
    code: 'PRETEXT_CREDIT_REPAIR',
    stage: 'pretext',
    weight: 1.2,
    mechanic: false,
    attempt: ['pretext'],
    family: 'credit-repair',
    speaker: 'other',
    description: {
      zh: '称可以修复征信、消除逾期记录',
      en: 'Offers to repair a credit record or delete late payments',
    },
    lexicon: [
      '征信修复|修复征信|修复信用|信用修复|洗白征信|征信洗白|异议修复|修复入口|征信花了|能洗白',
      '消除|删除|撤销|抹掉|删 ~6 逾期|不良记录|征信记录|黑名单',
      // 征信上有一条担保记录…可以帮您撤销 / 疫情期间的逾期可以申请修复
      '征信|逾期|担保记录|不良记录 ~24, 撤销|消除|删除|申请修复|可以修复|帮您修复',
      // 能给俺把征信上那两条网贷逾期修掉 (1.14.0, dev16)
      '征信|逾期|不良记录 ~16 修掉|消掉|洗掉|抹掉|删掉|弄掉',
      '征信异常|信用重置|重置征信',
      '修复 ~4 征信|不良|记录|逾期',
    ],
    examples: {
      hit: [
        '我们可以帮您修复征信，消除逾期记录',
        '您的征信上有一条担保记录，可能会影响您贷款，我们这边可以帮您撤销',
        '您的征信异常，需要做一次信用重置',
      ],
      miss: ['我想查一下自己的征信报告', '征信报告上的记录。撤销要去人民银行申请'],
    },
  },
  {
    code: 'PRETEXT_LOAN_INTEREST',
    stage: 'pretext',
    weight: 1.0,
    mechanic: false,
    attempt: ['pretext', 'push'],
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
      '多收了|多扣了 ~4 利息',
      '利息 ~6 退给|退您|退你',
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
    attempt: ['pretext'],
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
      '非法交易|可疑交易|可疑的交易|可疑转账|可疑的转账|异常操作',
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
    attempt: ['pretext', 'push'],
    speaker: 'other',
    description: {
      zh: '主动提出双倍、三倍或多倍赔偿',
      en: 'Offers double, triple or multiple compensation unprompted',
    },
    lexicon: [
      '双倍|两倍|三倍|多倍|加倍|翻倍|原价的 ~4 赔偿|理赔|退款|赔付|补偿|返还|赔|退赔',
      '退一赔十|退一赔三|赔三倍|赔双倍|赔两倍',
      '退一赔三|假一赔十|十倍赔偿',
      '赔|退|返|补 ~3 双倍|两倍|三倍|多倍|加倍|翻倍',
      // 平台按3倍赔付 (1.16.0, dev19)
      '<num> ~0 倍 ~4 赔偿|理赔|赔付|补偿|退款|退赔|赔',
      // 全额理赔459，另外补偿100: the whole price back and money on top (1.14.0, dev16)
      '全额 ~2 理赔|赔付|退款|赔偿 ~12, 另外|额外|再额外 ~2 补偿|补|赔 ~2 <num>',
      // 给您全额退款再赔您500 (1.15.0, dev17)
      '全额 ~2 理赔|赔付|退款|赔偿 ~2 再赔|再补|再补偿|再给 ~3 <num>',
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
    attempt: ['push'],
    speaker: 'other',
    description: {
      zh: '主动提出给您退款、理赔或补偿',
      en: 'Offers you a refund, claim or compensation',
    },
    lexicon: [
      '给您|为您|帮您 ~4 退款|理赔|赔偿|补偿|办理退款|办理理赔|赔付',
      '主动 ~4 退款|理赔|赔偿',
      '理赔金|理赔款|赔偿金|补偿金|安抚金|赔付款',
      '给我|给俺|给你 ~3 退钱|赔钱|理赔|赔偿|补偿',
      '赔我|赔给我|赔俺|赔你|赔您 ~2 钱|<num>',
      // 我们要赔您钱 (1.16.0, dev19)
      '要赔您|要赔你|我们赔您|我们赔你',
      '补偿您|赔偿您|赔付您|补偿你|赔偿你|退您全款|退你全款|给您退全款|全额赔偿|先行赔付|先行赔偿',
      '补偿|赔偿|赔付 ~1 <num>',
      '<num> ~2 可以退|能退|可退',
    ],
    examples: {
      hit: ['我们这边给您办理退款', '理赔金已经下发了', '平台先行赔付1960元', '您有1800可以退', '为表歉意可为您办理改签并补偿300元'],
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
      zh: '以身份验证、安全验证为名要求配合',
      en: 'Asks you to cooperate with an "identity / security verification"',
    },
    lexicon: ['身份验证|安全验证|身份核实|辅助认证|资金验证|信息核实', '配合 ~6 验证|认证|核实|核对|处理|调查'],
    examples: {
      hit: ['需要您配合我们进行安全验证'],
      miss: ['您可以在设置里修改登录密码'],
    },
  },
];

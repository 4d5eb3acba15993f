import type { SignalDef } from '../types.js';

const PLATFORMS =
  '淘宝|天猫|京东|支付宝|拼多多|抖音|快手|唯品会|闲鱼|美团|饿了么|苏宁|当当|小红书|得物|携程|去哪儿|飞猪|航空公司|快递|顺丰|中通|圆通|韵达|申通|极兔|菜鸟|邮政|ems|银行|平台|商家|店铺|商城|微信支付|财付通|花呗|借呗|白条|金条|保险公司';

export const HOOK_SIGNALS: SignalDef[] = [
  {
    code: 'CS_IMPERSONATION',
    stage: 'hook',
    weight: 0.4,
    mechanic: false,
    speaker: 'other',
    description: {
      zh: '对方自称平台、商家、快递或银行客服',
      en: 'The caller claims to be platform, merchant, courier or bank customer service',
    },
    lexicon: [
      `${PLATFORMS} ~4 客服|售后|理赔专员|理赔部|工作人员|专员|客服中心`,
      '自称 ~8 客服|工作人员|专员|理赔',
      '中转站 ~4 工作人员',
      '我是 ~4 客服',
      '这里是 ~8 客服',
    ],
    examples: {
      hit: ['您好，我是淘宝客服，工号3021', '她接到一个自称快递中转站工作人员的电话'],
      miss: ['我想联系一下你们的人工服务'],
    },
  },
  {
    code: 'ORDER_RECITAL',
    stage: 'hook',
    weight: 0.6,
    mechanic: false,
    speaker: 'other',
    description: {
      zh: '对方准确报出订单、商品、价格或快递单号，以取得信任',
      en: 'The caller recites the order, item, price or tracking number to win trust',
    },
    lexicon: [
      '您 ~8 在 ~6 购买|买的|买了|下单',
      '您 ~6 购买的|买的那|下单的',
      '您的 ~2 订单号|快递单号|物流单号|运单号',
      '快递单号是|订单号是|运单号是|单号尾号',
      '核实 ~4 收货|订单|物流 ~4 信息',
      '报出 ~6 单号|订单|购物信息',
      '知道 ~6 购买|订单|买的东西|个人信息',
    ],
    examples: {
      hit: ['您在11月3日在天猫购买了一款面膜，价格198元对吧', '对方报出了她的快递单号'],
      miss: ['请问您的订单号是多少？我帮您查一下'],
    },
  },
  {
    code: 'UNSOLICITED_CONTACT',
    stage: 'hook',
    weight: 0.5,
    mechanic: false,
    speaker: 'any',
    description: {
      zh: '陌生号码主动来电或私信，自称可以办理退款理赔',
      en: 'An unknown number calls or messages first, offering refunds or claims',
    },
    lexicon: ['接到 ~6 陌生|自称|电话称', '陌生 ~2 电话|来电|号码|短信|私信', '主动 ~4 联系|打来|来电|加我', '突然 ~4 打来|来电|加我|联系'],
    examples: {
      hit: ['10月5日我接到一个陌生电话', '对方主动联系我说要退款'],
      miss: ['我打了京东的官方客服电话咨询'],
    },
  },
];

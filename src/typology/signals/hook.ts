import type { SignalDef } from '../types.js';

const PLATFORMS =
  '淘宝|天猫|京东|支付宝|拼多多|抖音|快手|唯品会|闲鱼|美团|饿了么|苏宁|当当|小红书|得物|携程|去哪儿|飞猪|航空公司|快递|顺丰|中通|圆通|韵达|申通|极兔|菜鸟|邮政|ems|银行|平台|商家|店铺|商城|微信支付|财付通|花呗|借呗|白条|金条|保险公司';

/** Lenders, card networks and airlines whose service a caller claims to be. */
const LENDERS =
  '京东金融|分期乐|拍拍贷|招联|微粒贷|度小满|360借条|马上消费|消费金融|东方航空|南方航空|海南航空|四川航空|国航|东航|南航|银联|微保';

/** Who the caller claims to be hints at the family when the pretext itself is vague. */
const identity = (
  code: string,
  family: SignalDef['family'],
  who: string,
  zh: string,
  en: string,
  hit: string,
  miss: string,
  also: readonly string[] = [],
): SignalDef => ({
  code,
  stage: 'hook',
  weight: 0.2,
  mechanic: false,
  attempt: ['claim'],
  family,
  speaker: 'other',
  description: { zh, en },
  lexicon: [`${who} ~4 客服|售后|理赔|工作人员|专员|物流`, `我是 ~3 ${who}`, `这里是 ~3 ${who}`, ...also],
  examples: { hit: [hit], miss: [miss] },
});

export const HOOK_SIGNALS: SignalDef[] = [
  identity(
    'COURIER_IDENTITY',
    'parcel-claim',
    '快递|顺丰|中通|圆通|韵达|申通|极兔|京东物流|菜鸟|驿站|邮政|ems|德邦',
    '自称快递公司或驿站工作人员',
    'Claims to be from a courier or parcel station',
    '您好，我是中通快递理赔中心的',
    '您的快递放在门口了',
    // 放我们站点的，韵达…我们站点给你赔 (1.16.0, dev19)
    ['我们 ~0 站点|驿站|网点|快递站|快递点'],
  ),
  identity(
    'MERCHANT_IDENTITY',
    'quality-refund',
    '淘宝|天猫|拼多多|抖音|快手|唯品会|店铺|旗舰店|商家|电商|母婴店|饿了么|美团',
    '自称网店、平台或商家客服',
    'Claims to be the shop, platform or merchant service',
    '我是淘宝雪颜旗舰店的客服',
    '这家店的衣服质量不错',
  ),
  identity(
    'AIRLINE_IDENTITY',
    'flight-compensation',
    '航空|航空公司|机场|航班|携程|去哪儿|飞猪|同程',
    '自称航空公司或订票平台客服',
    'Claims to be an airline or travel agency',
    '您好，这里是东方航空客服',
    '我明天坐飞机去上海',
  ),
  {
    code: 'CS_IMPERSONATION',
    stage: 'hook',
    weight: 0.4,
    mechanic: false,
    attempt: ['claim'],
    speaker: 'other',
    // 拨打银行的官方客服电话核实: advice to call the real one, not a claim to be it.
    unlessAfter: ['电话核实', '电话进行', '电话查询', '电话咨询', '热线', '核实', '渠道'],
    description: {
      zh: '对方自称平台、商家、快递或银行客服',
      en: 'The caller claims to be platform, merchant, courier or bank customer service',
    },
    lexicon: [
      `${PLATFORMS}|${LENDERS} ~4 客服|售后|理赔专员|理赔部|工作人员|专员|客服中心|服务中心|风控中心|安全中心|客户经理|会员中心|风控部`,
      // 【圆通速递】尊敬的客户…: a text message's sender tag is the sender's claim.
      `【 ~4 ${PLATFORMS}|${LENDERS}`,
      // 我是支付宝的 / 我是京东白条的: the caller names the firm it speaks for.
      `我是|我这边是|这边是 ~0 ${PLATFORMS}|${LENDERS} ~4 的`,
      // 您好，京东金融的，您的金条账户… / 喂你好，360借条的 (1.6.0): the firm named as the caller's opening words.
      `您好|你好|喂 ~3, ${PLATFORMS}|${LENDERS} ~0 的,`,
      // 我这边是学生信贷核查中心 / 我们是征信服务的合作机构: an official-sounding office.
      '我是|这边是|这里是|我们是 ~8 核查中心|风控中心|安全中心|修复中心|信用服务部|合作机构',
      '自称 ~8 客服|工作人员|专员|理赔',
      '中转站 ~4 工作人员',
      '我是 ~4 客服',
      '这里是 ~8 客服',
    ],
    examples: {
      hit: [
        '您好，我是淘宝客服，工号3021',
        '她接到一个自称快递中转站工作人员的电话',
        '同学你好，我是支付宝的',
        '我这边是学生信贷核查中心',
        '【圆通速递】尊敬的客户，您的快件于中转途中遗失',
        '您好，京东金融的，您的金条账户利率不合规',
      ],
      miss: ['我想联系一下你们的人工服务', '这里是XX服务中心，有什么可以帮您', '【社区广播】各位居民请注意', '您好，京东的快递到了'],
    },
  },
  {
    code: 'ORDER_RECITAL',
    stage: 'hook',
    weight: 0.6,
    mechanic: false,
    attempt: ['claim'],
    speaker: 'other',
    description: {
      zh: '对方准确报出订单、商品、价格或快递单号，以取得信任',
      en: 'The caller recites the order, item, price or tracking number to win trust',
    },
    lexicon: [
      '您|你 ~8 在 ~6 购买|买的|买了|下单|拍了|拍的',
      '您|你 ~6 购买的|买的那|下单的|拍的那',
      '快递单号是|订单号是|运单号是 ~2 <num>',
      '单号尾号',
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
    attempt: ['push'],
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

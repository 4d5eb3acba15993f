import type { Rng } from './prng.js';

/** Benign message texts of ordinary days: couriers, banks, platforms, family, work. Written for this simulator. */

export type Slots = Record<string, string | number>;

/** Fills `{slot}` placeholders; an unknown slot is left visible so a missing value shows in review. */
export function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}

export function say(rng: Rng, templates: readonly string[], slots: Slots): string {
  return fill(rng.pick(templates), slots);
}

export const PICKUP_SMS = [
  '【菜鸟驿站】您的{courier}包裹已到{station}，请凭取件码{code}于今日20:00前取件，如有疑问请联系驿站。',
  '【丰巢】您的{courier}快递已存入{station}快递柜，取件码{code}，超时将收取保管费。',
  '【{courier}】您的快件{tracking}正在派送中，派送员{courier_name}，电话{courier_phone}，请保持电话畅通。',
  '【{courier}】您好，您的快件{tracking}已签收，签收人：门卫。如有疑问请致电{hotline}。',
];

export const BANK_SMS = [
  '【{bank}】您尾号{tail}的储蓄卡{date}{clock}消费支出人民币{amount}元，活期余额{balance}元。',
  '【{bank}】您尾号{tail}的信用卡本期账单{amount}元，最后还款日{date}，请按时还款。',
  '【{bank}】尊敬的客户，您的账户{date}{clock}入账人民币{amount}元，摘要：代发工资。',
  '【{bank}】您尾号{tail}的账户{date}{clock}转账支出{amount}元。如非本人操作，请致电客服。',
  '【{bank}】您购买的理财产品已于{date}到期，本金及收益已转入尾号{tail}账户。',
];

export const SALARY_SMS = ['【{bank}】您尾号{tail}的账户{date}{clock}入账工资人民币{amount}元，余额{balance}元。'];
export const PENSION_SMS = ['【{bank}】您尾号{tail}的社保卡{date}入账养老金人民币{amount}元。'];

export const OTP_SMS = [
  '【支付宝】验证码{code}，您正在登录支付宝，5分钟内有效。验证码切勿告诉他人，支付宝客服不会向您索要。',
  '【京东】验证码：{code}，您正在进行登录操作，切勿将验证码泄露于他人，如非本人操作请忽略。',
  '【淘宝】{code}是您的登录验证码，有效期10分钟，请勿泄露。',
  '【{bank}】您正在进行快捷支付，验证码{code}，金额{amount}元，请勿向任何人提供。',
  '【微信支付】您的验证码为{code}，用于绑定银行卡，请勿转发。',
  '【12306】您的验证码为{code}，请在5分钟内使用。',
];

export const PROMO_SMS = [
  '【{platform}】618预售开启，{item}直降100元，戳 {url} 退订回T',
  '【{platform}】您关注的{item}降价啦，到手价{amount}元，速抢！退订回T',
  '【{bank}】尊敬的客户，您有一笔最高{limit}元的备用金额度待领取，日利率低至0.02%，详询App。拒收请回复R',
  '【中国移动】尊敬的客户，您本月已使用流量18.5GB，套餐内剩余1.5GB。',
  '【美团】您有3张外卖红包即将过期，快去使用吧！退订回T',
];

export const FAMILY_MSG_OUT = [
  '{rel}，给你转了{amount}，收一下',
  '钱转过去了，买点好吃的',
  '今晚回家吃饭吗？',
  '周末带孩子回去看你们',
  '红包收到了没',
  '我到家了，别担心',
];

export const FAMILY_MSG_IN = ['收到了，不用老给我转钱', '晚上早点回来', '你爸说周末想吃饺子', '天冷了多穿点', '电话里说的那个事再商量'];

export const WORK_MSG = [
  '下午{hour}点项目评审会，{app}会议号{meeting}，麻烦把方案共享一下屏幕',
  '周会改到{hour}点，{app}链接已发群里，记得开摄像头',
  '@所有人 明天{hour}点培训，请提前下载{app}，会上需要共享屏幕演示',
  '客户那边要看演示，{hour}点{app}上开个会，你来共享屏幕讲一下',
  '面试官已经在{app}会议室等您了，会议号{meeting}，需要您共享屏幕做一道题',
];

export const AFTER_SALES_OUT = [
  '你好，我买的{item}收到有破损，可以退吗',
  '收到的{item}颜色和图片不一样，想退货',
  '{item}用了两天就坏了，怎么处理',
];

export const AFTER_SALES_IN = [
  '亲，非常抱歉给您带来不便，已为您同意退款{amount}元，款项将原路退回您的支付账户，请注意查收~',
  '亲亲，您在订单页面点击“申请售后”选择退货退款，快递员上门取件，不需要您垫付运费哦',
  '亲，已经为您补发新的{item}，单号稍后同步到订单里，给您添麻烦了',
];

export const LOST_PARCEL_IN = [
  '亲，您的包裹{tracking}在运输途中遗失，{courier}已确认，我们已为您办理退款{amount}元，原路退回，1-3个工作日到账。',
  '您好，您的订单包裹经{courier}核实丢失，平台已为您发起退款{amount}元，请在订单详情查看进度。',
];

export const REFUND_SMS = [
  '【{platform}】您的退款{amount}元已原路退回，请在支付账户中查收。',
  '【支付宝】您有一笔{amount}元的退款已到账，来自{shop}。',
];

export const COURIER_CALL_TOPICS = ['快递员', '快递员', '快递员', '外卖骑手', '网约车司机'];
export const MARKETING_IDENTITIES = [
  '装修公司',
  '教育机构',
  '保险顾问',
  '银行信用卡中心',
  '房产中介',
  '健身房会籍顾问',
  '贷款中介',
  '运营商客户经理',
];

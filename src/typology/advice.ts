import type { Bilingual, FamilyAdvice, StageAdvice } from './types.js';

/** Built from what the police say in the seed articles (shared/seeds). */
export const GENERAL_ADVICE: Bilingual = {
  zh: '正规客服不会主动打电话给您退款，不会让您加QQ/微信、共享屏幕、开通备用金或借款，也不会索要验证码。请挂断电话，通过购物平台App或官方客服电话核实；已经转账请立即拨打110或96110报警，并联系银行止付。',
  en: 'Real customer service never calls to refund you, never asks you to add QQ/WeChat, share your screen, open 备用金 or borrow, and never asks for a code. Hang up and check in the shopping app or on the official number; if money has left, call 110 or 96110 now and ask your bank to stop the payment.',
};

export const SAFE_ADVICE: Bilingual = {
  zh: '未发现冒充客服诈骗的迹象。退款一般由买家在平台发起，并原路退回；如有疑问，请通过平台App或官方客服电话核实。',
  en: 'No sign of an impersonation scam. Refunds are started by the buyer on the platform and go back the way you paid; if in doubt, check in the app or on the official number.',
};

export const STAGE_ADVICE: readonly StageAdvice[] = [
  {
    stage: 'hook',
    now: {
      zh: '挂断电话。退货退款由买家在平台发起，主动来电要给您退款的“客服”基本都是骗子。请自己打开购物App或拨打官方客服电话核实。',
      en: 'Hang up. Refunds are started by the buyer; a "customer service" agent who calls to refund you is almost always a scammer. Check in the shopping app or call the official number yourself.',
    },
  },
  {
    stage: 'pretext',
    now: {
      zh: '商品质量、快递丢失等问题在购物平台上就能处理，退款会原路退回，不需要您另外操作。不要相信“双倍赔偿”，请在App订单页面核实。',
      en: 'Quality or lost-parcel problems are handled on the platform and refunds go back the way you paid, with nothing for you to do. Do not believe "double compensation"; check the order page in the app.',
    },
  },
  {
    stage: 'channel-move',
    now: {
      zh: '不要添加对方QQ/微信，不要进群，不要点链接、扫二维码或下载App。正规客服不会让您到平台以外的渠道沟通和交易。',
      en: 'Do not add their QQ/WeChat, join groups, open links, scan QR codes or install apps. Real customer service never moves you off the platform.',
    },
  },
  {
    stage: 'control',
    now: {
      zh: '立即关闭屏幕共享、退出会议并挂断。任何让您共享屏幕的“客服”都是骗子，对方能看到您的验证码和密码。尽快修改支付密码。',
      en: 'Stop screen sharing, leave the meeting and hang up now. Anyone asking you to share your screen is a scammer: they can see your codes and passwords. Change your payment passwords.',
    },
  },
  {
    stage: 'credit-pivot',
    now: {
      zh: '停止操作！备用金、借呗、微粒贷等是借给您的贷款，不是退款，也不是商家的钱，要由您本人偿还。不要借款，不要提取额度。',
      en: "Stop! 备用金, 借呗, 微粒贷 and the like are loans to you, not refunds and not the merchant's money: you must repay them. Do not borrow or draw any credit.",
    },
  },
  {
    stage: 'cash-out',
    now: {
      zh: '不要转账、不要买礼品卡、不要说出或填写验证码。已经转账请立即拨打110或96110报警，并联系银行申请止付、冻结对方账户。',
      en: 'Do not transfer, buy gift cards, or give or type any code. If you have paid, call 110 or 96110 now and ask your bank to stop the payment and freeze the payee account.',
    },
  },
  {
    stage: 'retention',
    now: {
      zh: '“卡单”“操作失误”“不关闭要扣利息”都是骗子让您继续转钱的借口，钱不会退回。立刻停止，拨打110或96110报警，保留聊天和转账记录。',
      en: '"Stuck order", "operation error" and "interest unless closed" are excuses to take more money; nothing will come back. Stop now, call 110 or 96110, and keep the chat and payment records.',
    },
  },
  {
    stage: 'exit',
    now: {
      zh: '请立即拨打110或96110报警，联系银行冻结对方账户，保留通话、聊天和转账记录；已借的贷款请联系借款平台说明被骗情况。',
      en: 'Call 110 or 96110 now, ask your bank to freeze the payee account, keep call, chat and payment records, and tell the lenders you were defrauded.',
    },
  },
];

export const FAMILY_ADVICE: readonly FamilyAdvice[] = [
  {
    family: 'quality-refund',
    fact: {
      zh: '网络退货退款一般由买家发起，商品有问题在平台申请即可，款项原路退回，不需要另外转账。',
      en: 'Online returns are started by the buyer on the platform; the money goes back the way you paid, with no transfer needed.',
    },
  },
  {
    family: 'parcel-claim',
    fact: {
      zh: '快递丢失或损坏的理赔在快递公司官方App或官方电话（如顺丰95338）办理，不需要开通借款或转账。',
      en: "Lost or damaged parcels are claimed in the courier's official app or hotline (e.g. SF 95338), never through loans or transfers.",
    },
  },
  {
    family: 'membership-cancel',
    fact: {
      zh: '会员、代理、直播服务的自动续费在App设置里就能自己关闭，不会因此扣您巨额费用，也不需要借款或转账。',
      en: 'Auto-renewals are switched off in the app settings; nothing needs a loan or a transfer.',
    },
  },
  {
    family: 'million-protection',
    fact: {
      zh: '“百万保障”在支付宝/微信里自己就能查看和关闭，不会因为不关闭而扣大额费用，也不需要转账。',
      en: '"百万保障" can be checked and closed yourself in Alipay/WeChat; there is no large charge for leaving it and no transfer is needed.',
    },
  },
  {
    family: 'jd-credit',
    fact: {
      zh: '京东金条/白条的利率和关闭只能在京东金融App或官方客服950618办理，不会要求您借款转账来“关闭”。',
      en: 'JD 金条/白条 are managed only in the JD Finance app or on 950618; nobody closes them by making you borrow and transfer.',
    },
  },
  {
    family: 'student-loan',
    fact: {
      zh: '不存在“注销校园贷账户”的业务，不注销也不会影响征信，任何让您借款转账来“注销”的都是诈骗。',
      en: 'There is no such thing as "closing a student-loan account"; your credit is not affected, and anyone who makes you borrow to "close" one is a scammer.',
    },
  },
  {
    family: 'flight-compensation',
    fact: {
      zh: '航班取消或延误请以航空公司官方短信和App为准，改签退票在官方渠道免费办理，不需要先转账或提供验证码。',
      en: "Trust only the airline's official SMS and app; rebooking and refunds are done there free of charge, with no transfers or codes.",
    },
  },
  {
    family: 'credit-repair',
    fact: {
      zh: '征信记录只能由人民银行征信中心和金融机构依法更正，不存在收费“修复征信”，交钱只会被骗。',
      en: 'Credit records are corrected only by the PBoC credit centre and lenders; paid "credit repair" does not exist.',
    },
  },
  {
    family: 'loan-interest-refund',
    fact: {
      zh: '贷款平台不会打电话主动“退还利息”，更不会要求您先借款、转账或提供验证码。',
      en: 'Lenders do not call to "refund interest", and never ask you to borrow, transfer or give a code first.',
    },
  },
  {
    family: 'account-security',
    fact: {
      zh: '银行和支付平台不会打电话要求您提供身份证号、银行卡号、密码或验证码，也没有“安全账户”。请拨打卡背面的官方电话核实。',
      en: 'Banks and wallets never call to ask for ID, card numbers, passwords or codes, and there is no "safe account". Call the number on the back of your card.',
    },
  },
];

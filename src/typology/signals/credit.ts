import type { SignalDef } from '../types.js';

const LOANS =
  '借呗|微粒贷|58好借|好借|还呗|金条|白条|安逸花|拍拍贷|360借条|借条|分期乐|小米贷款|招联|度小满|放心借|有钱花|平安普惠|消费金融|网贷|贷款平台|借款平台|信用贷';

/**
 * A sentence of the real lender or platform about the person's own credit: a repayment reminder
 * (微粒贷借据本期应还…自动扣款, 备用金…将于…自动还款), early repayment in the app, a refund that goes back into
 * the credit product (退回白条…账单冲减…额度也会恢复), or the fact that a loan is not a refund (备用金…不是退款).
 * The scam draws money out of the credit line; these put it back or warn.
 */
const REAL_CREDIT_SERVICE = [
  '应还',
  '自动还款',
  '自动扣款',
  '提前还款',
  '按时还款',
  '还款日',
  '冲减',
  '额度也会恢复',
  '额度会恢复',
  '不是退款',
];

export const CREDIT_SIGNALS: SignalDef[] = [
  {
    code: 'RESERVE_FUND',
    stage: 'credit-pivot',
    weight: 2.2,
    mechanic: true,
    speaker: 'any',
    unlessSentence: REAL_CREDIT_SERVICE,
    description: {
      zh: '诱导开通或领取支付宝“备用金”（实为借款）',
      en: 'Pushes you to open or draw Alipay 备用金, which is a loan',
    },
    lexicon: ['备用金'],
    examples: {
      hit: ['您打开支付宝，找到备用金，把500领出来', '理赔款已经打到您的备用金里'],
      miss: ['支付宝余额里的钱可以提现到银行卡', '备用金是借呗提供的小额借款服务，不是退款或理赔款'],
    },
  },
  {
    code: 'MERCHANT_MONEY_CLAIM',
    stage: 'credit-pivot',
    weight: 2.4,
    mechanic: true,
    speaker: 'other',
    negatable: false,
    // 质量问题退货运费由商家承担: who pays the return postage, not who repays a loan.
    unlessClause: ['运费', '邮费'],
    description: {
      zh: '称借来的钱“是商家的钱”“不用您还”“由平台承担”',
      en: 'Says the borrowed money "is the merchant\'s", "you need not repay", "the platform pays it"',
    },
    lexicon: [
      '是商家的钱|商家的钱|平台的钱|公司的钱|不是您的钱|不是你的钱|不是您自己的钱|不是你自己的钱',
      '由商家|商家会|平台会|我们会|厂家会 ~4 归还|还款|承担|来还|偿还|自己还|结清|清零',
      '不用|不需要|无需 ~3 您|你|本人 ~2 还款|还|偿还|承担',
      '清空 ~4 无需|不用 ~4 还款',
      '借|贷|额度|借款 ~12 不用还|不需要还|无需偿还|不用还款|跟您没关系|跟你没关系',
      '商家|平台|厂家|商户 ~4 给您|给你 ~2 退的|赔的',
      '后台 ~6 结清|清零|注销|还款|给您还|帮您还',
      '商家|厂家|商户|平台 ~4 担保|承担|预存|预授权',
    ],
    examples: {
      hit: ['这500是商家的钱，由商家来归还，不用您还', '这笔借款由商家承担'],
      miss: ['借款到期后需要按时还款', '质量问题退货运费由商家承担'],
    },
  },
  {
    code: 'REFUND_VIA_LOAN',
    stage: 'credit-pivot',
    weight: 2.4,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '称理赔款、退款已“下发”到借贷产品里，要您提取',
      en: 'Says the refund has been "issued" into a loan product for you to draw',
    },
    lexicon: [
      `理赔款|理赔金|退款|赔偿款|赔付款|认证资金|保证金|款项|资金 ~10 下发|发放|打到|转到|放到|存到|在 ~6 ${LOANS}`,
      `${LOANS} ~8 理赔|退款|赔付|认证资金|领取`,
      '额度 ~8 是|就是 ~14 理赔|退款|赔付|赔偿|补偿|认证资金|安抚金|退息|保证金|预授权|授权|赔付款|补偿金|赔款',
      // 需要先开通备用金作为理赔承接账户 / 赔款已经放到您的备用金里 (1.16.0, dev19)
      '备用金 ~6 作为|当作|当成|用作|用来 ~6 理赔|退款|赔付|赔款|承接|收款',
      '理赔款|理赔金|退款|赔款|赔偿款|赔付款 ~10 下发|发放|打到|转到|放到|存到 ~6 备用金',
      '出来 ~4 就是 ~8 退给您|退给你|理赔|赔偿|补偿|您的钱|你的钱',
    ],
    examples: {
      hit: ['认证资金已经下发到您的58好借', '退款已经发放到您的借呗里了'],
      miss: ['退款已原路退回到您的支付宝余额'],
    },
  },
  {
    code: 'LOAN_INSTRUCTION',
    stage: 'credit-pivot',
    weight: 2.0,
    mechanic: true,
    speaker: 'other',
    unlessSentence: REAL_CREDIT_SERVICE,
    description: {
      zh: '要求在借贷平台借款、提现额度或去“贷款”',
      en: 'Tells you to borrow on a loan platform or draw down your credit line',
    },
    lexicon: [
      `开通|申请|打开|借|贷|提现|提取|领取|取出 ~6 ${LOANS}`,
      `${LOANS} ~8 借|贷|提现|取出|额度|申请`,
      '把额度 ~4 借|提|取|贷',
      '借出来|贷出来|去借|去贷|贷款出来|借一笔|贷一笔',
      '借|贷 ~6 出来',
      '在 ~4 贷款app|借款app|几个平台|好几个平台|网贷平台 ~6 借|贷',
    ],
    examples: {
      hit: ['您在借呗上借2万出来', '打开微粒贷把额度提出来'],
      miss: [
        '这笔车贷我们是在银行柜台办的',
        '您的微粒贷借据本期应还1043元，将从尾号6612的银行卡自动扣款',
        '退款会退回白条，分期账单会一起冲减，白条额度也会恢复',
      ],
    },
  },
  {
    code: 'LOAN_PRODUCT_MENTION',
    stage: 'credit-pivot',
    weight: 0.4,
    mechanic: false,
    speaker: 'any',
    description: { zh: '提到网贷、消费贷产品', en: 'Mentions online or consumer loan products' },
    lexicon: [LOANS],
    examples: {
      hit: ['她又在微粒贷上借了一笔'],
      miss: ['我用信用卡付的款'],
    },
  },
  {
    code: 'CREDIT_SCORE_LOW',
    stage: 'credit-pivot',
    weight: 2.0,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '称您的芝麻信用分/信用额度不够，理赔款无法到账',
      en: 'Says your credit score is too low for the refund to arrive',
    },
    lexicon: [
      '信用分|芝麻分|芝麻信用|信用积分|信用值|信誉分 ~6 太低|不够|不足|过低|低了|偏低|不达标',
      '信用 ~2 不足|不够 ~8 无法|不能|到不了|到账',
      '提高|提升|增加 ~4 信用分|芝麻分|信用额度|信誉',
    ],
    examples: {
      hit: ['您的芝麻信用分太低，理赔款无法到账'],
      miss: ['芝麻信用可以免押金租充电宝'],
    },
  },
  {
    code: 'TURNOVER',
    stage: 'credit-pivot',
    weight: 2.4,
    mechanic: true,
    speaker: 'other',
    description: { zh: '要求“走流水”“做流水”刷信用', en: 'Asks you to "make turnover" (走流水) to raise credit' },
    lexicon: [
      '走流水|做流水|刷流水|做一笔流水|走一笔流水|流水验证|资金流水验证|流水账户',
      '流水 ~6 提高|提升|证明',
      '走|做|刷 ~3 流水',
      // 收款卡余额在一万以上，证明是活跃账户…在借呗上借七千，凑够一万 (1.6.0)
      '余额 ~8 以上 ~8, 证明|活跃账户|接收条件',
      '活跃账户|接收条件',
      '凑够|凑齐|凑满 ~2 <num>',
    ],
    examples: {
      hit: ['需要您配合走一下流水，提高信用分', '收款卡余额在一万以上，证明是活跃账户', '您在借呗上借七千，凑够一万'],
      miss: ['请打印近半年的工资流水', '请确保银行卡余额充足'],
    },
  },
  {
    code: 'CLEAR_CREDIT_LINE',
    stage: 'credit-pivot',
    weight: 2.0,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '要求清空、结清贷款额度或关联账户额度',
      en: 'Asks you to "clear" a credit line or linked account limit',
    },
    lexicon: ['额度 ~6 清空|清零|结清|注销|取出来|提出来', '清空|清零|结清 ~6 额度|关联账户', '关联账户|关联额度|认证资金|授权资金'],
    examples: {
      hit: ['需要把您名下的贷款额度清空才能注销'],
      miss: ['信用卡账单已经结清了'],
    },
  },
  {
    code: 'CLAIM_CHANNEL',
    stage: 'credit-pivot',
    weight: 1.6,
    mechanic: true,
    speaker: 'any',
    description: {
      zh: '“理赔通道”“退款通道”等虚构通道',
      en: 'A made-up "claims / refund channel"',
    },
    lexicon: [
      '理赔通道|退款通道|赔付通道|退赔通道|备用金通道|还呗通道|理赔系统|退款系统|理赔回收|回收通道|关闭通道',
      '支付宝 ~4 理赔金|理赔中心',
    ],
    examples: {
      hit: ['我帮您开通理赔通道'],
      miss: ['售后服务中心在三楼'],
    },
  },
];

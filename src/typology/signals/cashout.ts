import type { SignalDef } from '../types.js';

/** A refund goes to the customer; these words after a hit mean the money moves towards them. */
const TOWARDS_CUSTOMER = ['给您', '给你', '到您', '到你', '退回您', '退到您', '原路'];

export const CASHOUT_SIGNALS: SignalDef[] = [
  {
    code: 'RETURN_EXCESS',
    stage: 'cash-out',
    weight: 2.4,
    mechanic: true,
    speaker: 'other',
    unlessAfter: TOWARDS_CUSTOMER,
    description: {
      zh: '要求把“多领”的钱、差价退还给对方',
      en: 'Asks you to send back the "excess" or the "difference"',
    },
    lexicon: [
      '多领|误领|多提|多借|多出来|多出的|多出|多给|多打|超出的|多了的 ~10 退还|返还|还回|转回|转给|退回|还给|归还|退给|转到|打回|转过去|转还',
      // 多给了三百五，要她退回去: the excess and the demand in two clauses of one sentence.
      '多给了|多打了|多转了|多赔了|多退了|多领了|多出了 ~12, 退回|退还|返还|还回|转回|退给|还给|打回',
      '退还|返还|归还|转回|还回 ~4 多余|多出|多领|误领|超出|差价',
      '差价 ~8 转给|转到|还给|返还给|转回|退给我们|转过来',
      '把|将 ~4 差价|多余的 ~6 转|还|退',
      '剩下的 ~6 转到|转给|转回',
      '退还给我们|返还给我们|转回给我们|还给我们|退回给我们|转给我们|退还给商家|返还给商家',
      '退|转|还|打 ~3 <num> ~2 回来|回去|给我们',
      '多领了|误领了|多提了|多借了|多领的|误领的',
    ],
    examples: {
      hit: [
        '您多领了302元，需要把多出来的钱退还给我们',
        '自己留300，把剩下的200转到指定账户',
        '多打了一万。麻烦您退一万回来',
        '说是赔一百五，多给了三百五，要她退回去',
      ],
      miss: ['价保的差价已经退到您的账户了', '多给了三百五。后来商家自己退回去了'],
    },
  },
  {
    code: 'SAFE_ACCOUNT',
    stage: 'cash-out',
    weight: 2.4,
    mechanic: true,
    speaker: 'any',
    // 个人账户养老金 / 个人账户累计储存额: the pension's personal account, not a payee.
    unlessAfter: ['养老金', '累计', '储存额'],
    description: {
      zh: '要求转到“安全账户”“验证账户”“回收账户”或指定个人账户',
      en: 'Asks you to pay a "safe", "verification", "recovery" or designated personal account',
    },
    lexicon: [
      '安全账户|验证账户|回收账户|理赔回收|授权账户|清算账户|监管账户|备付账户|核验账户|保护账户|核实账户|退订账户|解冻账户',
      // 收款人填我发您的清算中心账户 / 先把资金转化成安全形式 (1.6.0)
      '清算中心账户|结算中心账户|安全形式',
      '指定 ~2 账户|账号|银行卡|卡号|的卡|的账户',
      '转 ~4 到 ~4 这个账户|这个卡号|这张卡|我发的|下面的账户|对公账户|个人账户',
      // 把200转到他给的一个支付宝账户: a payee the caller supplied.
      '转到|转进|打到|汇到|转给 ~2 他给的|对方给的|他发的|他提供的|对方提供的|他指定的|对方指定的',
      '个人账户|个人银行卡|私人账户|个人卡|私人卡|个人的卡|个人名下的卡',
      '专户|专用账户|专用卡|结算账户|结算卡|财务账户|核销账户|注销账户|清零账户|清理账户|认证账户|验证专户|退订账户|理赔账户|赔付账户|回收专户|召回专户',
      '对公 ~8 太慢|慢|三天|三个工作日|走账|审核',
      '防止|怕|以免 ~8 冒领|被冒领|被别人领|被扣走',
      '清查账户|资金保护账户|干净的账户|干净账户|保管账户|过渡账户|缓冲账户|中转账户|代收账户|核查账户|过账账户',
      '钱|余额|存款|资金|积蓄 ~8 放到|挪到|存到|转移到|移到|放进|挪去 ~10 账户|地方|卡里|卡上 ~6 保管|保护|清查|核查|验资',
      '钱|余额|存款|资金|积蓄 ~6 挪到|挪去|转移到|放到 ~8 一个|指定|他们|我们',
    ],
    examples: {
      hit: [
        '把钱转到我们的安全账户',
        '转到指定的银行卡里',
        '把卡里所有的钱先放到一个干净的账户里',
        '现在要转到征信核查账户，核查完才能修复',
        '我把200转到他给的一个支付宝账户了',
        '收款人填我发您的清算中心账户',
        '先把资金转化成安全形式',
      ],
      miss: [
        '退款会退回到您付款的银行卡',
        '个人账户养老金是个人账户累计储存额除以计发月数',
        '我把200转到我妈的支付宝了',
        '退款会原路退回您的支付账户',
      ],
    },
  },
  {
    code: 'TRANSFER_INSTRUCTION',
    stage: 'cash-out',
    weight: 1.0,
    mechanic: true,
    speaker: 'other',
    unlessAfter: TOWARDS_CUSTOMER,
    description: { zh: '要求您转账、汇款、打款', en: 'Tells you to transfer, wire or pay money' },
    lexicon: [
      '转账|汇款|打款|转钱|转款 ~4 到|给|过来|过去',
      // 点转账，收款人填我发您的账户 (1.6.0)
      '收款人 ~4 填|写|输入|选',
      '把钱 ~4 转|汇|打',
      '您|你 ~2 转|汇 ~2 <num>|一下|过来',
      '您|你 ~0 打 ~2 <num>|过来',
      '再转|先转',
      '把|将 ~8 余额|钱|存款|积蓄|零钱 ~6 转|汇|打|存 ~2 到|至|入|给',
      '转至|转入|汇至|汇入|转到 ~8 我们|以下|这个|下面|指定',
      '往|向 ~8 账户|卡上|卡里 ~4 转|汇|打',
      '余额 ~4 一致|全部转|都转',
      '打到|转到|汇到|还到|存到 ~6 我们|中心|公司|平台|对公|财务 ~6 账户|卡上|卡里|账上',
      '缴纳到|交到|缴到|先缴纳到 ~8 账户|卡上|卡里',
      '转完|转好|付完|汇完 ~4 发我|截图|告诉我',
    ],
    examples: {
      hit: ['您先转账到这个账户', '把钱打过来就能解冻', '修复费两千八，打到我们中心的账户上', '点转账，收款人填我发您的那个账户'],
      miss: ['退款三个工作日内到账', '如有疑问请您拨打96110', '您在订单里填写收货人姓名'],
    },
  },
  {
    code: 'ACTIVATION_TRANSFER',
    stage: 'cash-out',
    weight: 2.6,
    mechanic: true,
    speaker: 'any',
    description: {
      zh: '以“激活账户”“验证是否开通”为名先转1元、再转大额',
      en: '"Activate the account" with ¥1, then a large amount',
    },
    lexicon: [
      '转|汇|打|付 ~6 1元|1块|<num> ~10 激活|验证',
      '激活 ~6 账户|通道|银行卡|功能|成功',
      '验证 ~4 账户 ~6 激活|是否',
      '双向结算|系统是双向|双向的|翻倍返回|翻倍返还|双倍返还|双倍返回|原路翻倍|进行对冲|对冲后',
      '付出去|付款后|支付后|转出去|扫码付 ~6 返回|返还|翻倍|退回来',
    ],
    examples: {
      hit: [
        '您先转1元激活账户，再转9999验证是否激活成功',
        '那是双向结算，稍后会双倍返还',
        '解绑需要输入您的续费金额进行对冲，对冲后全部退回',
      ],
      miss: ['新卡请在手机银行激活后使用'],
    },
  },
  {
    code: 'CODE_AS_AMOUNT',
    stage: 'cash-out',
    weight: 3.0,
    mechanic: true,
    speaker: 'any',
    description: {
      zh: '让您在转账金额处输入“代码”（如19999.58）',
      en: 'Tells you to type a "code" (e.g. 19999.58) into the amount field',
    },
    // 在订单里申请“仅退款”，金额填79: the platform's own refund form and the price, not a code.
    unlessSentence: ['仅退款', '退货退款'],
    lexicon: [
      '金额 ~6 输入|填写|填入|填 ~6 代码|编码|数字|<num>',
      '金额 ~6 输入|填写|填入|填 ~12 代码|授权码|指令码|编码',
      '代码 ~8 输入|填写|填入 ~6 金额',
      '输入|填写 ~4 代码|关闭代码|注销代码|验证代码',
      '关闭代码|注销代码|通道代码|验证代码|激活代码',
      '输入|输 ~2 <num> ~6 确认|领取|就是您要领|就能领|到账',
    ],
    examples: {
      hit: ['在转账金额处输入代码19999.58，就能拿到关闭代码', '在金额一栏输入取消百万保障的授权代码38800.26'],
      miss: ['转账金额请输入您要转的钱数', '您在订单里申请“仅退款”，金额填79'],
    },
  },
  {
    code: 'OTP_REQUEST',
    stage: 'cash-out',
    weight: 2.4,
    mechanic: true,
    speaker: 'other',
    // 验证码是发给您自己的手机，在App里自己输入: where the code goes, not a request for it.
    unlessAfter: ['您自己', '你自己', '您本人'],
    // 还把工单号念给我: an order or ticket number read out, not a code.
    unlessClause: ['工单号', '理赔单号', '快递单号', '订单号', '工号'],
    description: { zh: '索要短信验证码', en: 'Asks you for an SMS verification code' },
    lexicon: [
      '验证码 ~8 告诉|报|提供|发给|念|读|说一下|发过来|截图',
      // 说她手机收不到验证码 is not asking for one: 说 only as 说一下/说给/说出.
      '告诉|报|提供|发给|念|读|说一下|说给|说出 ~6 验证码',
      '报一下|念一下|读一下|提供一下 ~12 验证码',
      '念给|读给|报给 ~3 听|他|我|客服',
      // 您手机会收到一个验证码，麻烦读一下
      '验证码|授权码 ~12, 念一下|读一下|报一下|说一下|告诉我|发给我|报给我|念给我|读给我',
      '念|读|报 ~3 给我|给他|给客服',
      '把 ~6 验证码',
      '地址码|设备代码|授权码|连接码|远程码|协助码 ~8 告诉|报|念|读|发给|发过来',
    ],
    examples: {
      hit: [
        '您收到一个验证码，报给我一下',
        '把验证码发过来就能退款',
        '您装一个ToDesk，把设备代码告诉我',
        '您手机会收到一个京东发的验证码，麻烦读一下',
        '授权码已经发到您手机了，您念一下',
      ],
      miss: [
        '验证码请勿告诉任何人',
        '你打开公司发的远程协助软件，把识别码发给我',
        '我妈说她手机收不到验证码',
        '验证码已发送，请勿告诉他人',
        '他说好的，还把工单号念给我',
        '验证码是发给您自己的手机，在App页面里自己输入',
      ],
    },
  },
  {
    code: 'CARD_INTO_PAGE',
    stage: 'cash-out',
    weight: 2.0,
    mechanic: true,
    speaker: 'any',
    description: {
      zh: '要求在链接或页面里填写银行卡号、密码或验证码',
      en: 'Asks you to type card numbers, passwords or codes into a page or link',
    },
    lexicon: [
      '链接|页面|网页|网站|入口 ~10 填写|输入|填入|登记|填 ~8 银行卡|卡号|密码|验证码|身份证',
      '填写|输入 ~6 银行卡|卡号|密码|验证码 ~8 链接|页面|网页',
      '填写|输入|填 ~6 银行卡|卡号|身份证 ~10 密码|验证码',
      '输|填|填写|输入 ~2 卡号|银行卡号 ~6 密码|取款密码|支付密码|验证码|安全码|有效期',
    ],
    examples: {
      hit: ['在链接页面填写银行卡号和验证码'],
      miss: ['在App里输入验证码完成登录'],
    },
  },
  {
    code: 'SENSITIVE_INFO_REQUEST',
    stage: 'cash-out',
    weight: 1.8,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '索要身份证号、银行卡号、密码等敏感信息',
      en: 'Asks for ID, bank card numbers, passwords or other sensitive data',
    },
    lexicon: [
      '提供|告诉|报|发|核对|说一下|念 ~8 银行卡|卡号|密码|cvv|安全码|有效期',
      '银行卡号|卡号|银行卡密码|支付密码|取款密码|登录密码|交易密码 ~6 告诉|提供|报|发',
      '密码 ~4 告诉我|发给我|报给我|提供给我|告诉客服|发过来',
      '背面|背后 ~4 三位数|三位|安全码',
      '余额是多少|余额有多少|卡里有多少钱|里面有多少钱|余额 ~4 截图|给我看',
    ],
    examples: {
      hit: ['请您提供身份证号码和银行卡号，我们帮您核实', '把银行卡密码告诉我'],
      miss: ['请您核对一下收货地址'],
    },
  },
  {
    code: 'INFO_REQUEST',
    stage: 'cash-out',
    weight: 0.5,
    mechanic: true,
    attempt: [],
    speaker: 'other',
    description: {
      zh: '要求提供个人信息、资料以“核实”',
      en: 'Asks for personal details "to verify"',
    },
    lexicon: [
      '提供|告诉|报一下|说一下|核对 ~8 信息|资料|个人信息|手机号|姓名|住址|身份证|账户信息|账号信息',
      '身份证号|身份证号码|账户信息 ~6 告诉|提供|报|发',
    ],
    examples: {
      hit: ['为了处理这个问题，需要您提供一些个人信息'],
      miss: ['您的信息我们会严格保密'],
    },
  },
  {
    code: 'GIFT_CARD',
    stage: 'cash-out',
    weight: 2.0,
    mechanic: true,
    speaker: 'any',
    description: { zh: '要求购买礼品卡、购物卡或提供卡密', en: 'Asks you to buy gift or shopping cards, or send card secrets' },
    lexicon: [
      '礼品卡|购物卡|充值卡|京东e卡|e卡|苹果卡|appstore卡|游戏点卡|卡密|电子卡',
      '当当 ~6 卡|购买|账号',
      '用 ~4 我|我们|提供 ~6 账号 ~6 登录|购买',
    ],
    examples: {
      hit: ['用我们提供的当当账号购买礼品卡'],
      miss: ['这张会员卡可以积分'],
    },
  },
  {
    code: 'DEPOSIT_FEE',
    stage: 'cash-out',
    weight: 2.0,
    mechanic: true,
    speaker: 'other',
    paidOfficially: true,
    description: {
      zh: '要求先交保证金、押金、手续费、认证金',
      en: 'Asks for a deposit, guarantee, handling or "verification" fee first',
    },
    lexicon: [
      '保证金|认证金|解冻金|激活费|检验费|验资|解冻费|认证费|通道费|查询费|验证金|激活金|注销费|保障押金|清关费',
      '支付|缴纳|补交|补缴|交纳|缴清 ~8 税费|关税',
      '未支付|未缴纳|未缴|没交|欠缴 ~6 税费|关税',
      '买家保障|消费者保障 ~8 开通|未开通|没有开通',
      '没有开通|未开通|没开通 ~6 保障|保险服务|理赔保障',
      '先交|先付|先缴|先支付 ~6 手续费|服务费|押金|税费|公证费|费用|一半|定金|订金',
      // 换屏要交99元服务费: a repair's fee is not a fee before a refund (服务费 only with 先, above).
      '需要交|需要支付|要交|得交 ~6 手续费|税费|公证费|定金|订金',
      '修复费|加急费|打点费|退息手续费|解约费|注销手续费',
      '退款前|到账前|领取前|提现前|注销前|放款前|理赔前 ~8 缴纳|交|支付|付|扣 ~12 手续费|服务费|费用|保证金|押金',
      '当|作为|当作 ~2 手续费|服务费|保证金',
      '差额|差价|保价费 ~8 补一下|补上|补齐|补交|补缴|补给',
      '缴纳|缴|交 ~8 个人所得税|所得税|偶然所得税',
    ],
    examples: {
      hit: [
        '您没有开通买家保障，需要先交3000元保证金',
        '您的国际包裹被海关扣留了，需要您支付相关税费才能放行',
        '退款前需要缴纳退款金额10%的手续费420元',
      ],
      miss: ['这单包邮，不收运费', '关闭后不需要支付任何费用', '工程师说在保，换屏只要交99元服务费'],
    },
  },
];

import type { SignalDef } from '../types.js';

export const EXIT_SIGNALS: SignalDef[] = [
  {
    code: 'VICTIM_REALIZES',
    stage: 'exit',
    weight: 0.8,
    mechanic: false,
    speaker: 'any',
    description: { zh: '事主发现被骗、报警', en: 'The victim realises it was a scam or reports it' },
    lexicon: [
      '发现 ~6 被骗|上当|受骗',
      '才知道 ~6 骗|假的',
      '被骗了|上当受骗|被骗走|被骗|遭骗|着了道',
      '报警|报案|立案',
      '拉黑|联系不上|打不通|失联|不接电话|不回了',
    ],
    examples: {
      hit: ['转完钱她才发现被骗，立即报警'],
      miss: ['他说这家店的东西很好用'],
    },
  },
  {
    code: 'MONEY_LOST',
    stage: 'exit',
    weight: 0.8,
    mechanic: false,
    speaker: 'any',
    description: { zh: '事主讲述钱被转走、卡里少了钱', en: 'The person tells that money left the account' },
    lexicon: ['卡里|账户里|余额 ~6 少了|没了|被转走|被刷|被取走', '被转走了|被刷了|被取走了|一分没回来|一分钱没回来|钱没了'],
    examples: {
      hit: ['念完验证码卡里少了四千多'],
      miss: ['卡里余额还有三千'],
    },
  },
  {
    code: 'POLICE_INTERVENTION',
    stage: 'exit',
    weight: 0.5,
    mechanic: false,
    speaker: 'any',
    description: { zh: '反诈民警预警、上门劝阻', en: 'Anti-fraud police warn or arrive to stop the payment' },
    lexicon: ['高危预警|预警劝阻|反诈民警|96110', '民警 ~6 赶到|劝阻|制止|上门'],
    examples: {
      hit: ['接到高危预警的反诈民警及时赶到制止了她'],
      miss: ['小区门口的交警在指挥交通'],
    },
  },
  {
    code: 'SELF_REFUSED',
    stage: 'exit',
    weight: 0,
    mechanic: false,
    marksStage: false,
    outcome: 'refused',
    speaker: 'self',
    negatable: false,
    // 我根本没开过啊: she denies the pretext (the membership she never opened), she does not refuse a step (1.19.0, dev22).
    unlessClause: ['没开过', '根本没开', '从来没开', '没开通过', '没借过', '根本没借', '从来没借'],
    description: {
      zh: '本人讲述自己拒绝、挂断、核实或举报（没加、没下载、没转）',
      en: 'The person tells she refused, hung up, checked with the real service or reported it (did not add, install or pay)',
    },
    lexicon: [
      '挂了|挂断了|挂掉了|直接挂|就挂|给挂了|把电话挂|挂了电话',
      // Cantonese: 我就收线咗 (1.14.0, dev16)
      '收线|收咗线',
      '没加|没有加|没下|没有下|没下载|没装|没理|没有理|不理他|没搭理|没转|没有转|没给他|没给|没操作|没有操作|没点|没扫|没开|没借|没信|没填|没按|没照|一分没转|一分钱没转|没交|没有交|没付|没告诉|没报|没念',
      '拒绝了|拉黑|标记了|举报|识破|没上当|没被骗|不上当|骗不了',
      '报给了96110|打了96110|打96110|报了警|打了110',
      '是骗子|是诈骗|诈骗电话|骗子电话|诈骗短信|钓鱼短信|骗子短信|是假的',
    ],
    examples: {
      hit: ['他让我加QQ，我没加，直接挂了', '我一听就知道是骗子，把号码报给了96110'],
      miss: ['您先别挂，我教您操作', '他说电话不要挂断，一直开着'],
    },
  },
  {
    code: 'SELF_COMPLIED',
    stage: 'exit',
    weight: 0,
    mechanic: false,
    marksStage: false,
    outcome: 'complied',
    speaker: 'self',
    // 下载了吗 / 链接点了没: a question, not a step followed (没 since 1.17.0, dev20).
    // 开着会议呢 is a statement: 呢 asks only before a question mark (1.20.0, dev23).
    unlessAfter: ['吗', '么', '呢？', '呢?', '没'],
    // 到我们这个区的网点了 (网点 is a word); 说我之前在直播间开通了…: the caller's claim about her, not her step.
    // 来电人均未按对方要求操作 / 我差点就信了: a step not followed (1.11.0, dev13).
    unlessClause: [
      '网点了',
      '说我之前',
      '说我在',
      '说您之前',
      '说您在',
      '称我之前',
      '称我在',
      '未按',
      '没按',
      '没有按',
      '未照',
      '没照',
      '均未',
      '都未',
      '差点',
      '差一点',
      '险些',
      // 我上个月借了五千 / 他还晓得我借了多少钱: a loan of her own, told to the real lender (1.16.0, dev19).
      '上个月借了',
      '之前借了',
      '以前借了',
      '去年借了',
      '借了多少',
      // 我没有转过钱 / 没转过一分钱 (1.19.0, dev22).
      '没转过',
      '没有转过',
      '没交过',
      '没付过',
    ],
    description: {
      zh: '本人讲述自己照做了某一步（加了、下好了、转了、借了、验证码报了）',
      en: 'The person tells she followed a step (added, installed, paid, borrowed, read out a code)',
    },
    lexicon: [
      // Believing is not a step: 我一开始真信了…我直接挂了 (1.15.0, dev17).
      '照做|照着做|按他说的|按她说的|按对方说的|按照对方|按照他|按着他|听了他的|照他说的|照她说的|照对方说的',
      '转了|转过去|转账了|汇了|汇过去|打了款|打款了|借了|借出来了|提出来了|领了|付了|交了|充了|买了礼品卡|买了卡',
      '加了他|加了她|加了对方|加了qq|加了微信|加上了|下好了|下载了|装好了|进了会议|进去了|进了房间|共享了|开了共享|开通了|扫了|填了|输了|输入了|点了|点开了',
      '发过去了|发给他了|发给了他|念给他了|报给他了|报给了他|告诉了他|告诉他了',
      '被骗了|被骗走|骗走|上当了|受骗了|损失了',
      // 我就申请了 / 我就下了 (1.6.0)
      '我就申请了|就申请了|我就下了|我就下载了|我就点了|我就填了',
      // 让我加他QQ…我就加了 / 他让我加他QQ 我加了 2756013398 (1.12.0, dev14)
      '我就加了|就加了|我加了|我也加了|也加了',
      '加|开|下|装|进|转|借|领|扫|点|填|输|挪|共享|下载|打开|登录 ~0 了以后|了之后|上以后|上之后|完以后|完之后|好以后|好之后|好了以后',
      '挪过去|挪到|挪完|挪了|转完|转账后|汇款后|付完|交完|借完|借出来以后',
      '装到一半|下到一半|装了一半|下了一半|正准备借|准备借钱|准备转|正要转|正要借|就要转',
      '把我拉黑|把我删|被拉黑|被删了|删了我|拉黑了我|将 ~6 拉黑',
      '开了|开通了 ~4 备用金|借呗|微粒贷|金条|白条|额度|共享|会议',
      '被骗着|被他骗着|被哄着',
      // 我那个手机现在还在跟你们理赔部开会呢 / 我现在手机上开着你们的会议 (1.16.0, dev19); 呢 ends a statement here, not a question
      '还在 ~10 开会|开会呢|会议里|会议里呢|共享屏幕|屏幕共享',
      '开着 ~6 会议|共享|钉钉',
      // Posts written mid-scam: 我现在在飞书会议里 / 他让我下了钉钉 进了一个会议 / 现在让我把屏幕共享打开了 / 我还没退会议 /
      // 我下了，注册的时候要填银行卡号 (1.18.0, dev21).
      '现在在|我在|正在|我还在 ~8 会议里|会议中|会议里面',
      '让我|叫我 ~0 下了|下载了|装了|加了|进了|开了|扫了|点了|填了',
      '让我把|叫我把 ~8 打开了|开了|共享了|下好了|装好了|转了|借了',
      '进了 ~4 会议|会议室|房间',
      '还没退 ~2 会议|出来|出去',
      '进去以后|进去之后|进去后',
      '我下了|我装了 ~1, 注册|打开|安装|登录|进去',
      // Told to the 96110 officer mid-scam: 已经买了五千了 / 转过一个500的建档费 / 刚加上 / 刚装好 (1.19.0, dev22).
      '已经 ~2 买了|转了|借了|交了|付了|加了|下了|装了|点了|开了|填了|输了|扫了|加上|装好|下好|装上',
      '转过一|转过两|转过三|转过几|交过一|付过一',
      '刚加上|加上他了|加上她了|加上对方了|刚装好|刚下好|刚装上|刚刚装好|刚刚加上',
      // To the bank's risk-control callback: 是我转的 / 是我付的，但不是买东西 / 我念了三回 (1.20.0, dev23).
      '是我转的|是我付的|是我借的|是我自己转的|是我本人转的|我自己转的|我自己付的',
      '我念了|都念了|念了三|念了两|念了几',
      '才知道|才发现|才反应过来|才意识到|才明白|发现被骗|事后发现',
      '按对方要求|按照对方要求|按对方的要求|在对方引导下|在对方的引导下',
      // A case report: 诱导其…转入对方账户, 先后转账3笔, 共计4.6万元, 才知被骗.
      '诱导其|诱导她|诱导他|诱导受害人 ~24 转|借|购买|下载|开启|共享|贷款|汇',
      '先后 ~12 转账|转入|汇款|借款|购买',
      '分 ~1 <num> ~1 次|笔 ~6 转入|转到|转给|汇入|汇给',
      '共计 ~4 <num>',
      '才知被骗|方知被骗|才知道被骗|察觉被骗|发觉被骗|被他人消费|被人消费|被他人使用',
    ],
    examples: {
      hit: [
        '我照他说的下好了软件，进去了',
        '转过去以后才知道被骗了',
        '我开了以后他让我打开借呗',
        '转完钱对方就把我拉黑了',
        '后来看到警方提示才知道是诈骗',
        '对方诱导其将存款分5次转入对方账户，事后才知被骗',
        '他让我申请贷款，我就申请了',
        '让我加他QQ，号是3307518926，我就加了',
        '他让我下了钉钉 进了一个会议',
      ],
      miss: [
        '我没转，直接挂了',
        '对方诱导我下载会议软件，我没下，直接挂了',
        '物流显示已经到我们这个区的网点了',
        '他说我之前在直播间开通了代理会员',
        '来电人均未按对方要求操作',
        '我当时心一慌，差点就信了',
        '我下了单，注册了会员',
      ],
    },
  },
  {
    code: 'DEBUNKED',
    stage: 'exit',
    weight: 0,
    mechanic: false,
    marksStage: false,
    outcome: 'refused',
    speaker: 'other',
    description: {
      zh: '对话里的正规客服、银行或亲友明确说那通电话/短信是诈骗',
      en: 'The real service, bank or a relative in this conversation says the call or message was a fraud',
    },
    lexicon: [
      '是诈骗|诈骗电话|诈骗短信|钓鱼短信|钓鱼链接|骗子短信|骗子电话|是骗子|是骗局|是假的|是冒充|冒充客服诈骗|典型的诈骗|典型诈骗',
      // 96110's callback: 你刚才接了一个冒充京东客服的电话 / 你刚刚接了个涉诈电话 (1.9.0).
      '涉诈电话|涉诈来电|诈骗来电|涉诈号码',
      '接了|接到|接过 ~6 冒充 ~10 的电话|的来电|打来的',
      // The 96110 officer: 谢师傅，这钱是被骗了 / 您这是被骗了 (1.19.0, dev22).
      '是被骗了|你被骗了|您被骗了|你这是被骗|您这是被骗|你上当了|您上当了',
      // The real courier: 别加，骗子。件好好在我手上呢 (1.18.0, dev21).
      '别加|别理|别信|别转|别点|不要加|不要理|不要转|不要信 ~1, 骗子|诈骗',
    ],
    examples: {
      hit: ['您遇到的应该是诈骗电话，请不要添加', '那个电话是诈骗，请不要理会', '别加，骗子。件好好在我手上呢'],
      miss: ['您放心，我们不是骗子，是官方客服'],
    },
  },
  {
    code: 'OFFICIAL_PROCESS',
    stage: 'exit',
    weight: 0,
    mechanic: false,
    marksStage: false,
    attempt: ['official'],
    speaker: 'other',
    // These phrases carry their own negation (不会索取验证码).
    negatable: false,
    // App里申请不了 / 订单页看不到: the scammer's "it cannot be done in the app", not the real process.
    unlessAfter: ['不了', '不到', '不掉', '不行', '没用', '不能', '没有'],
    // 原路退款的话呢是需要商家那边操作的 流程会比较慢 (then: 我们理赔中心当天到账): the real route run down (1.19.0, dev22).
    unlessClause: ['比较慢', '会很慢', '太慢', '慢一些', '比较麻烦', '很麻烦'],
    description: {
      zh: '对方指向正规流程：原路退回、在App或订单页申请、不会索取验证码或要求转账',
      en: 'The other party points to the real process: refund to the original payment, apply in the app or order page, never asks for codes or transfers',
    },
    lexicon: [
      '原路退回|原路返回|原路退还|原路返还|原路退|退回原支付|退到原支付|原支付方式',
      'app|订单页|订单页面|订单详情|订单里|订单中|官网|小程序 ~8 申请|提交|点击|操作|处理|查看|自助|通知|办理|选择|点仅退款|仅退款|点退货|点售后',
      '上传到|提交到|上传至 ~4 app|官网|页面|系统',
      // 可在抖音App“设置-自动续费”中关闭 (1.10.0): the platform's own SMS about a renewal.
      'app|设置 ~12 中关闭|里关闭|内关闭|中取消|里取消|内取消|取消自动续费|关闭自动续费|取消续费',
      '不会|从不|绝不|不需要|无需|不用 ~16 验证码|转账|加微信|加qq|加您微信|私人|屏幕共享|共享屏幕|密码|任何费用|支付任何',
      '官方客服电话|拨打官方|卡背面的客服|卡背面的电话',
      // 在中国邮政App里点“待缴税费”，直接付: a fee paid on the service's own page.
      'app里|app上|官方app ~16, 付|缴|支付|缴费',
      // 请您携带本人身份证到就近网点办理 (1.13.0, dev15): a bank sends you to its branch; the scam never does.
      '携带 ~8 身份证|证件 ~8 网点|营业厅|柜台|营业部',
      '到就近网点|前往就近网点|到就近的网点|到附近网点|到柜台办理|前往网点',
      // 你现在登录学生在线服务系统，点还款 (1.17.0, dev20): the student-loan servicer's own site.
      '学生在线服务系统|学生在线系统|资助中心办公室|到县资助中心',
    ],
    examples: {
      hit: [
        '退款会原路退回您的支付账户',
        '您在京东App订单里点申请售后就可以',
        '京东客服不会让您提供验证码',
        '你在中国邮政App里点“待缴税费”就能看到，直接付',
        '您的账户近期交易存在异常，请携带本人身份证到就近网点办理',
      ],
      miss: ['App里看不到的，只有我们后台能关', '我们后台帮您处理'],
    },
  },
];

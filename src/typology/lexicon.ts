/**
 * Everyday disguises, negation and speaker labels. All entries are written in folded form
 * (lower case, simplified, half-width) because they are matched after folding.
 */

export const ALIASES: Readonly<Record<string, string>> = {
  扣扣: 'qq',
  企鹅号: 'qq号',
  企鹅: 'qq',
  徵信: '征信',
  企鹅群: 'qq群',
  球球: 'qq',
  'q q': 'qq',
  v信: '微信',
  威信: '微信',
  薇信: '微信',
  // 添加专属客服薇：ks-kefu8821 (1.11.0, dev13); not 薇 alone, a common given name.
  客服薇: '客服微信',
  加薇: '加微信',
  薇号: '微信号',
  '薇:': '微信:',
  微芯: '微信',
  为信: '微信',
  vx: '微信',
  wx: '微信',
  weixin: '微信',
  wechat: '微信',
  zfb: '支付宝',
  支付包: '支付宝',
  吱付宝: '支付宝',
  支fu宝: '支付宝',
  alipay: '支付宝',
  某宝: '淘宝',
  tb: '淘宝',
  pdd: '拼多多',
  某东: '京东',
  jd: '京东',
  yzm: '验证码',
  验证玛: '验证码',
  验正码: '验证码',
  效验码: '验证码',
  校验码: '验证码',
  动态码: '验证码',
  银行ka: '银行卡',
  银hang卡: '银行卡',
  银行k: '银行卡',
  yhk: '银行卡',
  腾x会议: '腾讯会议',
  // 他喊我下个叮叮 (voice-to-text, 1.13.0, dev15)
  叮叮: '钉钉',
  腾讯会仪: '腾讯会议',
  腾迅会议: '腾讯会议',
  t讯会议: '腾讯会议',
  备用jin: '备用金',
  备用j: '备用金',
  借bei: '借呗',
  花bei: '花呗',
  平x消费金融: '消费金融',
  屏幕共亨: '屏幕共享',
  共亨: '共享',
  徽信: '微信',
  抠抠: 'qq',
  借贝: '借呗',
  备佣金: '备用金',
  备永金: '备用金',
  理陪: '理赔',
  帐户: '账户',
  帐号: '账号',
  转帐: '转账',
  确认码: '验证码',
};

export const NEGATORS: readonly string[] = [
  '不会',
  '不要',
  '不用',
  '不加',
  '不需要',
  '无需',
  '请勿',
  '切勿',
  '勿',
  '千万别',
  '别',
  '不可',
  '不能',
  '不得',
  '绝不',
  '从不',
  '从来不',
  '从未',
  '不存在',
  '谨防',
  '警惕',
  '小心',
  '提防',
  '防范',
  '防止',
  '避免',
  '以防',
  '不是',
  '并非',
  '不影响',
  '没有任何',
  '根本没有',
  // 也没有什么“注销学生账户”的说法 / 都没有“安全账户”这个说法 (1.10.0)
  '没有什么',
  '都没有',
  '所谓的',
  // The real bank's finding: 那卡是安全的，没有盗刷 / 没有被冻结 / 未发现异常交易 (1.14.0, dev16).
  '没有被',
  '没被',
  '未被',
  '没有盗刷',
  '未发现',
  '没发现',
  '没有发现',
  '并无',
  // Cantonese: 唔会叫你加QQ / 唔好打佢畀嘅号码 (1.14.0, dev16)
  '唔会',
  '唔好',
  '唔使',
];

/**
 * Negators whose scope is the rest of the clause, not just the next few characters:
 * 京东客服不会以订单异常、商品召回等理由要求您提供银行卡号、验证码.
 */
export const CLAUSE_NEGATORS: readonly string[] = [
  '不会',
  '从不',
  '从来不',
  '绝不',
  '不存在',
  '从未',
  '也不会',
  '更不会',
  '唔会',
  '不要求',
  // 不要相信任何私下联系您要求提供卡号、验证码的人: the warning covers the whole description that follows.
  '不要相信',
  '请勿相信',
  '切勿相信',
  '别相信',
  '不要轻信',
  '请勿轻信',
  '切勿轻信',
  // A question about what already happened is not a request: 您有没有接到过要求转到安全账户的电话 (a bank's
  // real anti-fraud call). Not 有没有收到 alone: 您有没有收到验证码 is how the scammer asks for it.
  '有没有接到',
  '有没有接过',
  '有没有遇到',
  '有没有碰到',
  '有没有收到过',
  '是否接到',
  '是否遇到',
  '是否有人',
  '有没有人',
  // The real bank's or police's check asks whether a third party asked for the step (是有人让您把钱转到安全账户吗,
  // 最近没人跟您说要开备用金吧); the scammer asks for the step himself and never names another "someone".
  '是有人',
  '是不是有人',
  '有人让您',
  '有人让你',
  '有人叫您',
  '有人叫你',
  '有人要您',
  '有人要你',
  '没人跟您说',
  '没人跟你说',
  '没人让您',
  '没人让你',
  '没有人让您',
  '没有人让你',
  '有谁接到',
  '对方有没有让',
  // 他有没有让你下载什么App、开会议: the real service asks what the caller did (1.14.0, dev16).
  '有没有让您',
  '有没有让你',
  '有没有叫您',
  '有没有叫你',
  '有没有要您',
  '有没有要你',
  '对方让您做什么',
  '对方让你做什么',
];

/** Words that contain a negator but do not negate (别人 is not 别). */
export const NEGATOR_EXCEPTIONS: readonly string[] = [
  '别人',
  '别的',
  '分别',
  '特别',
  '区别',
  '级别',
  '类别',
  '识别',
  '辨别',
  '告别',
  '鉴别',
  '个别',
  '性别',
  '差别',
  '不要紧',
  '不会吧',
  // 您是不是在支付宝上开了一个百万医疗 asks, it does not deny (1.11.0, dev13); 是不是有人让您… stays a clause negator.
  '是不是',
  '小心翼翼',
  // 为避免影响您的出行，请联系客服…: the purpose, not a denial of what follows (1.15.0, dev17).
  '为避免',
  '为了避免',
];

export const CONDITIONALS: readonly string[] = ['如果', '要是', '假如', '若', '万一', '否则', '不然', '如'];

export const WARNINGS: readonly string[] = [
  '都是骗子',
  '是骗子',
  '都是诈骗',
  '是诈骗',
  '是骗局',
  '都是假的',
  '是假客服',
  '的骗局',
  '马上挂',
  '直接挂',
  // “安全账户”这个东西根本不存在 (1.14.0, dev16). Not 不存在 alone: 打开屏幕共享，这个操作不存在任何风险 is the
  // scammer's reassurance, not a warning (1.15.0 review).
  '东西根本不存在',
  '东西不存在',
  '是不存在的',
  '说法不存在',
  '别理',
  '不要理',
  '不用理',
];

export const SELF_SPEAKERS: readonly string[] = [
  'callee',
  'customer',
  'user',
  'client',
  'buyer',
  'victim',
  'me',
  '我',
  '本人',
  '用户',
  '顾客',
  '客户',
  '买家',
  '消费者',
  '事主',
  '受害人',
  '被叫',
];

export const OTHER_SPEAKERS: readonly string[] = [
  'caller',
  'agent',
  'scammer',
  'staff',
  'service',
  'cs',
  '客服',
  '坐席',
  '对方',
  '来电',
  '主叫',
  '商家',
  '卖家',
  '店家',
  '快递员',
  '邮递员',
  '送货员',
  '配送员',
  '快递',
  '骗子',
  '陌生人',
  '工作人员',
  '专员',
];

/**
 * Notices and reported speech: a bank SMS, a police post, a training or a friend retelling the news
 * describe the scam's steps without the scam happening to anyone in the conversation. Signals in
 * such sentences do not count. All entries in folded form.
 */
export interface NoticeLexicon {
  /** Words that open a notice or a retelling (温馨提示, 警方提醒, 培训, 新闻…): the turn is a notice. */
  headers: readonly string[];
  /** The generic "fraudster" of a notice (诈骗分子, 不法分子, 骗子…). */
  actors: readonly string[];
  /** Right after an actor (≤ `habitualWindow` chars): a habit, so the turn describes what fraudsters do. */
  habitual: readonly string[];
  /** Right after an actor: a description, so the rest of the sentence describes what fraudsters do. */
  describing: readonly string[];
  /** A turn is a notice only if it also talks about fraud. */
  concepts: readonly string[];
  /** Hypotheticals (要是有人让你…): the rest of the sentence is not something that happened. */
  hypotheticals: readonly string[];
  /** What follows a hypothetical for it to be about someone else's instruction. */
  hypotheticalActors: readonly string[];
  /**
   * A sentence with one of these is about a specific person it happened to (我, 您的账户, 李女士),
   * so it counts even inside a notice.
   */
  experiential: readonly string[];
  /** Occurrences of 我 that are not someone it happened to (我们, 我行, 告诉我, 我听说). */
  notExperiential: readonly string[];
  /**
   * Speaker labels of an interview, a talk or a Q&A about the scam (记者, 主持人, 民警, 问): such a speaker's
   * turns read as a notice from the first one. A label matches exactly, or starts with an entry of two
   * or more characters (记者小李, 民警王某). The person's own turns (我, 受害人, 答) are never among them.
   */
  speakers: readonly string[];
  /**
   * Speaker labels of bystanders, as a forum thread's replies (评论1, 吧友A): their turns read as a notice, and their
   * `是骗子` / `别理他` is their advice, not the person's refusal (a bystander's own story of a step still counts).
   */
  bystanders: readonly string[];
  habitualWindow: number;
}

export const NOTICE: NoticeLexicon = {
  headers: [
    '温馨提示',
    '温馨提醒',
    '警方提示',
    '警方提醒',
    '民警提醒',
    '反诈提醒',
    '反诈提示',
    '防诈提示',
    '防骗提示',
    '反诈课',
    '反诈宣传',
    '讲反诈',
    '聊反诈',
    '反诈小册子',
    '反诈手册',
    '反诈宣传册',
    '反诈讲座',
    '防诈讲座',
    '反诈知识',
    '防骗提醒',
    '防骗小贴士',
    '防骗指南',
    '防骗海报',
    '防骗宣传',
    '安全提醒',
    '风险提示',
    '我行提醒',
    '提醒您',
    '提醒大家',
    '提醒广大',
    '广大市民',
    '广大用户',
    '广大消费者',
    '各位居民',
    '居民朋友',
    '同学们',
    '叔叔阿姨们',
    '大爷大妈们',
    '大爷大娘们',
    // A talk addresses an audience; a scammer talks to one person.
    '给大家讲',
    '跟大家讲',
    '和大家讲',
    '跟大家聊',
    '和大家聊',
    '给大家说',
    '跟大家说',
    '给大家提个醒',
    '耽误大家',
    // 这种叫注销校园贷诈骗，后面会让你…: naming the scam, then describing its next steps.
    // A report about a gang, not one victim's steps: 该团伙…诱导其下载会议软件 (1.10.0).
    '该团伙',
    '犯罪团伙',
    '诈骗窝点',
    '打掉一个',
    '捣毁',
    '这种叫',
    '这就叫',
    // 1.11.0: the press and its genres: a quiz, a scenario question, a hotline's log, a card for parents (dev13).
    '本报',
    '本台',
    '记者',
    '读者',
    '小测验',
    '测验',
    '情景题',
    '参考做法',
    '来电汇总',
    '热线汇总',
    '消费热线',
    '小卡片',
    // 1.12.0: a company's notice to its own agents about a wave of impersonation calls (dev14).
    '各位同事',
    '同事们',
    '内部通知',
    '答复口径',
    '应答口径',
    '应答要点',
    '标准应答',
    '乡亲们',
    '街坊们',
    '各位老板',
    '今天讲一个',
    // 导员让我今天班会念一下反诈的东西 / 这种打过去就是让你… (1.17.0, dev20)
    '班会',
    '反诈的东西',
    '防骗的东西',
    '防诈的东西',
    '这种打过去',
    '打过去就是',
    '今天给大家讲',
    '家长们',
    '各位同学',
    '培训',
    '讲座',
    '宣传单',
    '看新闻',
    '这个新闻',
    '新闻说',
    '新闻话',
    '新闻讲',
    '新闻里',
    '新闻上',
    '报道',
    '常见套路',
    '诈骗套路',
    '常用套路',
    '诈骗话术',
    '诈骗手法',
    '作案手法',
    '典型诈骗',
    '典型的诈骗',
    '是典型',
    '讲一个骗局',
    '骗子的说法',
    '骗子的话术',
    '骗子的套路',
    '骗子常用',
    '骗子一般',
    '说一个骗局',
    '一种骗局',
    '新型骗局',
    '这种骗局',
    '请大家警惕',
    '请大家提高警惕',
    '请大家注意',
    '大家注意',
    '请广大',
    // A village's, an estate's or a grid worker's group notice (【村务通知】…县公安局反诈中心提醒, 各位业主…派出所刚通报) (1.18.0, dev21).
    '各位乡亲',
    '各位业主',
    '业主们',
    '各位车主',
    '车主朋友',
    '各位家长',
    '反诈中心提醒',
    '派出所提醒',
    '公安局提醒',
    '派出所通报',
    '刚通报',
    '村务通知',
    '网格员通知',
    '社区通知',
    '请大家记住',
    '大家记住',
    '麻烦转告',
    '请转告',
  ],
  actors: [
    '诈骗分子',
    '不法分子',
    '犯罪分子',
    '电诈分子',
    '诈骗团伙',
    '诈骗犯',
    '骗子们',
    // Cantonese: 有骗子扮快递客服 (1.14.0, dev16)
    '骗子扮',
    '骗徒',
    '这伙人',
    '这帮人',
    '那伙人',
    '那帮人',
    '骗子',
    '假客服',
    '有人',
    '他们',
    // 有不法机构…宣称可以帮助消费者“消除逾期记录”: a regulator's alert about agents, not one victim (1.16.0, dev19).
    '不法机构',
    '非法机构',
    '非法中介',
    '不法中介',
  ],
  habitual: [
    '会',
    '常',
    '往往',
    '一般',
    '通常',
    '经常',
    '惯用',
    '多以',
    '总是',
    '都会',
    '就会',
    '还会',
    '先',
    '怎么',
    '如何',
    '的套路',
    '的手段',
    '的话术',
  ],
  // 骗子，让你借钱再转给他们: a generic "you" after the actor describes what fraudsters do.
  describing: ['冒充', '假冒', '谎称', '诱导', '让你', '让您', '叫你', '要你'],
  // 不会以任何理由…要求您 / 如遇此类情况: an official warning lists the scam's steps without saying 诈骗.
  concepts: [
    '诈骗',
    '骗子',
    '骗局',
    '不法分子',
    '犯罪分子',
    '冒充',
    '假冒',
    '上当',
    '受骗',
    '骗术',
    '套路',
    '电诈',
    '涉诈',
    '怎么骗',
    // 今天跟大家聊十五分钟反诈: a talk about fraud that names it only as what it fights.
    '反诈',
    '防诈',
    '防骗',
    '不会以任何理由',
    '此类情况',
    '非法代理',
    '不法机构',
    // 1.11.0: an anti-fraud quiz or scenario question may never say 诈骗: the genre is the topic.
    '小测验',
    '情景题',
    '参考做法',
  ],
  hypotheticals: ['如果', '要是', '假如', '万一', '一旦', '凡是', '倘若', '若是', '遇到', '碰到', '任何', '如接到', '如遇到', '如遇'],
  hypotheticalActors: [
    // 任何人以"缴纳保证金"为由要求您付钱，都请不要相信 (1.18.0, dev21).
    '人以',
    '有人',
    '有客服',
    '有"客服',
    '有“客服',
    '客服',
    '对方',
    '陌生人',
    '骗子',
    '任何人',
    '别人',
    '谁',
    '自称',
    '有个',
    '通过',
    '要求',
    '让你',
    '让您',
    '叫你',
    '主动',
  ],
  experiential: ['我', '俺', '女士', '先生'],
  notExperiential: [
    '我们',
    // 近期我县多人接到…: the county, not the speaker (1.18.0, dev21).
    '我省',
    '我市',
    '我县',
    '我区',
    '我镇',
    '我乡',
    '我村',
    '我街道',
    '我社区',
    '我行',
    '我司',
    '我国',
    '我院',
    '我校',
    '我局',
    '我平台',
    '我中心',
    '跟我说',
    '和我说',
    '对我说',
    '告诉我',
    '提醒我',
    '给我讲',
    '我听说',
    '我知道',
    '我同事',
    '我看新闻',
    '我今天看新闻',
    '我刚看新闻',
    '我看到新闻',
    '我在新闻',
    '我得',
    '我是反诈',
    '我是民警',
  ],
  // 1.11.0: a journalist's interview with the police, a talk's host, a quiz's questions (dev13).
  // 答案：B / 参考答案: a quiz's answers, and the next question the same line runs on to (1.16.0, dev9's quiz).
  speakers: [
    '记者',
    '主持人',
    '嘉宾',
    '民警',
    '反诈民警',
    '讲师',
    '主讲',
    '主讲人',
    '专家',
    '问',
    '提问',
    '答案',
    '参考答案',
    '正确答案',
    '解析',
    // 国家反诈中心：近期冒充电商、快递客服… — a sender that names the anti-fraud centre is a notice (1.20.0).
    '国家反诈中心',
    '反诈中心',
  ],
  // A forum thread's replies (评论1, 回复2, 吧友A, 回答, 版主) (1.18.0, dev21): the poster (楼主) stays a narrative.
  bystanders: ['评论', '回复', '回答', '吧友', '网友', '热心网友', '另一个吧友', '另一个网友', '版主', '组员', '层主'],
  habitualWindow: 3,
};

/**
 * A yes-or-no question about a step (你加了吗？ / 他让您下载什么东西没有 / 屏幕还在共享吗？) and the person's short
 * answer (加了，刚加上 / 说了 / 还在 / 没，我说晚上再说): the answer tells a step followed or not, in words no
 * lexicon entry can hold (1.19.0, dev22's 96110 calls). Folded form.
 */
export interface StepAnswerLexicon {
  /** The steps a question may ask about (the verb she repeats to say yes). */
  verbs: readonly string[];
  /** What may come before her answer's verb (嗯, 对, 已经, 刚). */
  fillers: readonly string[];
  /** How she says no (没, 还没, 没有). */
  no: readonly string[];
}

export const STEP_ANSWERS: StepAnswerLexicon = {
  // 还在 first: 屏幕还在共享吗？ asks whether she is still in it.
  verbs: [
    '还在',
    '加',
    '装',
    '下载',
    '下',
    '点',
    '填',
    '转',
    '借',
    '开',
    '扫',
    '输',
    '共享',
    '登录',
    '登',
    '付',
    '交',
    '买',
    '告诉',
    '报',
    '发',
    '给',
  ],
  fillers: ['嗯', '对', '是的', '是', '啊', '哎', '呃', '额', '哦', '噢', '唉', '好', '已经', '刚刚', '刚', '都'],
  no: ['还没', '没有', '没'],
};

/**
 * The other party calls back about something the person raised herself (您昨天报案说车辆被盗了, 您反映的异响, 您预约的
 * 保养): the problem it brings up is her own report, not an unsolicited pretext (1.18.0, dev21's claims desk). The
 * scam's own openings (您之前在我们店购买的…, 您申请的退款) are not among them. Folded form.
 */
export const CALLBACK_CUES: readonly string[] = [
  '您报案',
  '您昨天报',
  '您刚才报',
  '您上午报',
  '您下午报',
  '您报的',
  '您反映的',
  '您投诉的',
  '您咨询的',
  '您预约的',
  '你报案',
  '你反映的',
  '你投诉的',
  '你预约的',
];

/**
 * Reported speech in the person's own turn: 有人打电话说我…，让我加他QQ. What follows one of these
 * (to the end of the sentence) is the caller's words retold, so it counts as the caller's.
 */
export const REPORTED_CUES: readonly string[] = [
  '打电话说',
  '打电话来说',
  '打来电话说',
  '来电说',
  '打给我',
  '打来说',
  '说是',
  '自称',
  '他说',
  '她说',
  '对方说',
  '那人说',
  '客服说',
  '骗子说',
  '让我',
  '叫我',
  '要我',
  '喊我',
  '跟我说',
  '问我要',
  '发短信说',
  '短信说',
  // 人家说我前年借的钱利息收高了 / 京东客服打电话，说我白条利率不合规 (1.19.0, dev22).
  '人家说',
  '电话，说',
  '电话来，说',
  '打过来，说',
  // 讲 for 说, 俺 for 我: 他讲我刚才那笔押金备注填错了 / 叫俺加了个QQ / 先让俺在借呗借了一万 (1.20.0, dev23).
  '他讲',
  '她讲',
  '对方讲',
  '那人讲',
  '又讲',
  '让俺',
  '叫俺',
  '要俺',
  '客服打电话',
  // 我收到个短信 你帮我看看: she brings a message to the real service (1.18.0, dev21).
  '收到个短信',
  '收到一条短信',
  '收到条短信',
  '收到一个短信',
];

import type { SignalDef } from '../types.js';

export const CHANNEL_SIGNALS: SignalDef[] = [
  {
    code: 'ADD_QQ',
    stage: 'channel-move',
    weight: 1.8,
    mechanic: true,
    speaker: 'other',
    // 装了QQ音乐 / QQ邮箱: another app of the same name (1.19.0).
    unlessAfter: ['音乐', '邮箱', '空间', '浏览器', '游戏'],
    description: { zh: '要求添加QQ（客服QQ、理赔QQ）沟通', en: 'Asks you to add a QQ account to continue' },
    lexicon: [
      // 叫我装个QQ加他 (1.19.0, dev22)
      '加|添加|搜索|通过|登录|下载|装|安装 ~10 qq',
      'qq ~2 <num>',
      'qq ~6 联系|沟通|理赔|退款|处理|加我|加一下|好友|客服',
      'qq号|qq是|qq:',
      'q: ~0 <num>',
    ],
    examples: {
      hit: ['您加一下我们的客服QQ，在QQ上给您办理理赔', '加我扣扣 283746512', '您装个QQ加我，我在QQ上教您弄'],
      miss: ['我平时不怎么用电脑聊天', '我手机上装了QQ音乐'],
    },
  },
  {
    code: 'ADD_WECHAT',
    stage: 'channel-move',
    weight: 1.0,
    mechanic: true,
    speaker: 'other',
    description: { zh: '要求添加微信或私人账号沟通', en: 'Asks you to add a WeChat or private account' },
    // 请问您的微信号是什么 / 发到了您的微信号: the person's own account she asked to be sent to, not his to add.
    unlessClause: ['您的微信号', '你的微信号'],
    lexicon: [
      '加|添加|搜索 ~6 微信|好友|私人号|企业微信',
      '微信 ~6 联系|沟通|理赔|退款|处理|加我|好友',
      '微信号|微信是',
      // 加一下我们征信修复中心的vx：zxxf-8816 (1.6.0): an id given to add.
      '加|添加 ~14 微信:|qq:|v:',
      '微信名片|企业微信名片|扫一下添加|扫码添加|扫一扫添加',
    ],
    examples: {
      hit: [
        '您加我微信，我在微信上指导您操作',
        '加一下我V信',
        '我把他的企业微信名片推给您，扫一下添加',
        '加一下我们征信修复中心的vx：zxxf-8816',
      ],
      miss: [
        '您也可以用微信支付',
        '请问您的微信号或昵称是什么，我把链接发给您',
        '我们店铺客服只在旺旺服务，不加个人微信哈',
        '付款方式：微信：128元',
      ],
    },
  },
  {
    code: 'QQ_GROUP',
    stage: 'channel-move',
    weight: 1.5,
    mechanic: true,
    speaker: 'any',
    description: { zh: '被拉进QQ群、理赔群或“维权群”', en: 'Pulled into a QQ group or "claims group"' },
    lexicon: ['qq群|微信群|理赔群|维权群|退款群|售后群|福利群', '拉 ~4 进群|入群|进一个群|群里', '进群|扫码进群|加群'],
    examples: {
      hit: ['对方把她拉进一个QQ群', '进群后按群里的要求操作'],
      miss: ['公司群里发了放假通知'],
    },
  },
  {
    code: 'SEND_LINK',
    stage: 'channel-move',
    weight: 1.0,
    mechanic: true,
    speaker: 'other',
    description: { zh: '发来链接、网址，要求点击填写', en: 'Sends a link or web address to open and fill in' },
    lexicon: [
      '点击|打开|点开|点一下|进入 ~6 链接|网址|网页|网站',
      '发 ~6 链接|网址',
      '发个|发您一个|发你一个|给您发个|给你发个|发了个|发了一个 ~8 页面|网页',
      '理赔链接|退款链接|赔付链接|理赔网址|退款网址|认证链接|专属链接',
      '链接 ~8 填写|输入|登记|提交',
      // 给我发了个短信，让我点进去 (1.19.0, dev22)
      '短信 ~6, 让我点|叫我点|让您点|让你点|点进去',
      '登录|打开|访问|点击|进入 ~4 http|www.',
      '点击|点开|访问|打开|进入|登录 ~12 .cn|.com|.cc|.top|.xyz|.net|.vip|.icu|.shop|.site',
    ],
    examples: {
      hit: ['我发您一个理赔链接，您点开填写一下信息', '我给您发个取消代理的页面', '他发了个改签理赔的网页让我填'],
      miss: ['您可以在淘宝App的订单详情里看到'],
    },
  },
  {
    code: 'QR_CODE',
    stage: 'channel-move',
    weight: 0.8,
    mechanic: true,
    speaker: 'other',
    description: { zh: '要求扫描对方发来的二维码', en: 'Asks you to scan a QR code they send' },
    lexicon: [
      '扫 ~6 二维码|码',
      '二维码 ~8 扫|发给您|发你|识别',
      '收款码|付款码 ~8 扫|发给您|发您|发你',
      // 我发您一个解绑码，您用微信扫一下
      '解绑码|付款码|收款码|二维码 ~10, 扫一下|扫一扫|扫描一下',
    ],
    examples: {
      hit: ['您扫一下我发的二维码', '我发您一个解绑码，您用微信扫一下'],
      miss: ['快递柜取件请输入取件码'],
    },
  },
  {
    code: 'DOWNLOAD_APP',
    stage: 'channel-move',
    weight: 1.0,
    mechanic: true,
    speaker: 'other',
    description: { zh: '要求下载App、会议软件或贷款软件', en: 'Asks you to download an app, meeting or loan software' },
    lexicon: [
      '下载|安装|下个|下一个|装一个|装个|下了个|下了一个|装了个|装了一个 ~8 app|软件|客户端|会议|云闪付|当当|银行|贷款|借款|平台',
      '下载|安装 ~2 我们的|我们 ~10 app|软件|客户端',
      '应用商店 ~4 搜索',
    ],
    examples: {
      hit: ['您先下载一个云闪付App', '需要您安装一个会议软件', '对方让我下了一个叫“全时云会议”的东西', '取消要下载我们的“平安安心保”App'],
      miss: ['App已经更新到最新版了'],
    },
  },
  {
    // 1.10.0: a text message's "hotline" that is somebody's mobile or a local landline (dev12).
    code: 'UNOFFICIAL_HOTLINE',
    stage: 'channel-move',
    weight: 1.4,
    mechanic: true,
    attempt: ['push'],
    speaker: 'other',
    description: {
      zh: '让您拨打它给的“专线”“人工客服”（手机号或座机），而不是平台的官方客服',
      en: 'Tells you to call a "hotline" it gives (a mobile or landline number) instead of the official service',
    },
    lexicon: ['致电|拨打|联系|回电|来电|打 ~10 专线|热线|人工|客服 ~8 <phone>', '专线|热线|专员电话|人工坐席 ~4 <phone>'],
    examples: {
      hit: ['如非本人开通，请于今日18:00前致电人工专线0571-87392605办理取消', '请致电退息专线021-60583319确认退款'],
      miss: ['如有疑问请致电95378', '详询客服热线400-820-1234', '快递员电话13812345678，请保持电话畅通'],
    },
  },
  {
    code: 'OFF_PLATFORM',
    stage: 'channel-move',
    weight: 1.0,
    mechanic: true,
    attempt: ['push'],
    speaker: 'other',
    // App里看不到的话，可以更新版本: a condition with a way forward in the app, not "it cannot be done there".
    unlessAfter: ['的话'],
    // 请只在后台操作 / 在商家后台补缴: a merchant's own back office is the platform (1.17.0, dev20).
    unlessClause: ['商家后台', '只在后台', '在后台自己'],
    description: {
      zh: '称平台内无法办理，要走“专属/绿色通道”或私下处理',
      en: 'Says it cannot be done on the platform and uses a "special channel" instead',
    },
    lexicon: [
      '平台 ~4 无法|不能|没办法 ~6 退款|理赔|处理|操作',
      '绿色通道|专属通道|快速通道|内部通道|专属理赔|专门的通道|特殊通道',
      '不用 ~4 申请退货|退货|寄回',
      '私下 ~4 处理|退款|联系',
      'app上|app里|平台上|平台里|官网上 ~6 看不到|查不到|取消不了|退不了|办不了|拿不到|只能退|没有入口|找不到',
      '内部通道|内部流程|后台操作|只有专员',
      // 您在微信里看不到 / App 里关不掉，要后台人工 / 只有我们后台能关
      '微信里|支付宝里|京东里|您那里|您那边|您那看|app里|app上 ~4 看不到|关不掉|关不了|取消不了|没法关',
      '只有 ~4 后台|我们|专员|人工 ~4 能|才能|可以 ~4 关|取消|处理|办理|退',
      '后台绑定|后台人工|内部系统|合作的险种|合作险种|系统还没同步|系统没同步',
      // 理赔单独走，退不到拼多多 (1.14.0, dev16): the claim must go round the platform.
      '退不到|退不回 ~3 拼多多|淘宝|京东|抖音|快手|平台|店铺',
      '理赔|赔付 ~3 单独走|另外走|不走平台',
    ],
    examples: {
      hit: [
        '系统原因平台无法直接退款，我给您走绿色通道',
        '您那里看不到的，这是合作的险种，只有我们后台能关',
        '我们有专门的通道，需要您提供一些资料',
      ],
      miss: ['您在平台上申请退款，商家同意后原路退回', '您在App里看不到的话，可以更新到最新版本'],
    },
  },
];

import type { SignalDef } from '../types.js';

export const CONTROL_SIGNALS: SignalDef[] = [
  {
    code: 'MEETING_APP',
    stage: 'control',
    weight: 1.3,
    mechanic: true,
    speaker: 'any',
    description: { zh: '要求进入腾讯会议、ZOOM、钉钉等会议', en: 'Asks you into a 腾讯会议 / ZOOM / 钉钉 meeting' },
    lexicon: [
      '腾讯会议|zoom|云视讯|云视听|小鱼易连|瞩目|umeet|welink|会议号|会议室号|会议id|视频会议|会议码|房间号|全时云会议|全时会议',
      '钉钉|飞书 ~6 会议|房间|入会|视频',
      '进入|加入|打开|拉您进|拉你进|进 ~4 会议|房间',
    ],
    examples: {
      hit: ['您下载腾讯会议，输入会议号 824 331 907', '她按提示进入了会议房间', '我发您一个全时云会议，您点进去'],
      miss: ['明天的周会改到下午三点', '会议链接稍后会通过短信发送给您'],
    },
  },
  {
    code: 'SCREEN_SHARE',
    stage: 'control',
    weight: 2.2,
    mechanic: true,
    speaker: 'any',
    description: { zh: '要求开启屏幕共享、共享桌面', en: 'Asks you to share your screen' },
    lexicon: [
      '屏幕共享|共享屏幕|分享屏幕|屏幕分享|共享桌面|桌面共享|画面共享|共享画面|投屏',
      '共享 ~4 屏幕|桌面|画面|手机',
      // 他喊我把屏幕给他看 (1.13.0, dev15)
      '把屏幕|把手机屏幕|把手机画面 ~2 给他看|给她看|给你看|给您看|给对方看|让他看|让你看',
      // 您点下面「共享」，我就能看到您的手机了 (1.6.0)
      '我就能看到|我能看到|我这边能看到|我就可以看到 ~3 您的手机|你的手机|您的屏幕|你的屏幕|您手机|你手机',
      // 进来后点“共享”，选“屏幕”
      '点|点击|点一下 ~3 共享 ~6, 屏幕|桌面|画面',
      '开启|打开|点击|点一下|开一下 ~8 共享',
      '屏幕录制|录屏 ~6 共享|给我看',
      '让我|我要|我能 ~2 看到|看着|看见 ~4 您的|你的 ~2 屏幕|界面|手机|画面',
    ],
    examples: {
      hit: [
        '您点一下共享屏幕，我看着您操作',
        '他喊我把屏幕给他看 我点了那个共享',
        '需要共享手机桌面才能认证',
        '进来后点“共享”，选“屏幕”',
        '您点下面「共享」，我就能看到您的手机了',
      ],
      miss: ['这个文档我们一起编辑', '您点共享单车的图标。屏幕右上角就是', '我这边看不到您的手机，麻烦您截图发在对话里'],
    },
  },
  {
    // 1.9.0: hiding the bank's alerts is how the person stays blind while the money leaves (dev10, dev11).
    code: 'SILENCE_ALERTS',
    stage: 'control',
    weight: 1.8,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '要求关掉短信或消息通知、开免打扰，让您看不到银行的提醒',
      en: "Asks you to turn off SMS or app notifications so you miss the bank's alerts",
    },
    lexicon: [
      '把|先把 ~10 短信通知|消息通知|微信通知|通知提醒|短信提醒|动账提醒|消息提醒|推送|通知 ~3 关|关掉|关闭|关了|关上|屏蔽',
      '关闭|关掉|关一下|屏蔽 ~6 短信通知|消息通知|短信提醒|动账提醒|消息提醒|推送 ~10, 以免|免得|防止|不然|别 ~8, 弹|打断|干扰|影响',
      '开启|打开|开一下|开个|设置 ~3 免打扰|勿扰模式|静音 ~10, 以免|免得|防止|不然|别 ~8, 弹|打断|干扰|影响|看到',
    ],
    examples: {
      hit: ['您先把手机的短信通知关一下，免得待会推送影响操作', '把微信和支付宝的消息通知关掉，以免弹窗打断'],
      miss: ['退款到账后会有短信通知您', '您不想收营销短信，可以在App里设置免打扰'],
    },
  },
  {
    code: 'REMOTE_CONTROL',
    stage: 'control',
    weight: 1.6,
    mechanic: true,
    speaker: 'other',
    description: {
      zh: '要求安装远程控制软件（向日葵、ToDesk等）或报出识别码',
      en: 'Asks you to install remote-control software (向日葵, ToDesk…) or read out its access code',
    },
    lexicon: ['向日葵|todesk|teamviewer|anydesk|远程控制|远程操控', '远程 ~4 帮您|帮你|操作|填', '识别码 ~6 告诉|发给|报|念'],
    examples: {
      hit: ['您装一个向日葵，把识别码告诉我，我远程帮您填理赔单'],
      miss: ['您可以在设置里打开远程通知'],
    },
  },
  {
    code: 'REMOTE_GUIDANCE',
    stage: 'control',
    weight: 0.4,
    mechanic: false,
    speaker: 'other',
    description: { zh: '要求完全按照对方的指示一步步操作', en: 'Insists you follow their instructions step by step' },
    lexicon: [
      '按照|按|跟着|听 ~4 我的 ~4 操作|指示|提示|步骤|指引|要求',
      '我说 ~4 您做|你做|一步一步',
      '一步一步 ~4 操作|来|跟着',
      '指导 ~4 操作|您操作|你操作',
      '带您|带你|教您|教你 ~4 操作|弄|一步一步|走流程',
    ],
    examples: {
      hit: ['您按照我的提示一步一步操作就行'],
      miss: ['这个自己看说明书就能装好'],
    },
  },
  {
    code: 'SECRECY',
    stage: 'control',
    weight: 1.0,
    mechanic: false,
    attempt: ['push'],
    marksStage: false,
    speaker: 'other',
    negatable: false,
    description: {
      zh: '要求保密、不要告诉家人，或不要挂断、不要接别的电话',
      en: 'Demands secrecy, not telling family, staying on the line, not taking other calls',
    },
    lexicon: [
      '不要|别|不能|不可以 ~3 告诉 ~4 家人|家里人|老公|老婆|父母|朋友|别人|其他人|警察|银行',
      '不要|别 ~2 挂 ~2 电话|断|语音',
      // 柜员问您转给谁，您就说转给表哥装修用的 (1.6.0): coached to lie at the bank counter.
      '柜员|银行|工作人员|民警|警察 ~10 问 ~12, 您就说|你就说|就说是|就说没有',
      '不要|别 ~4 接 ~4 电话|其他电话',
      '保密|不要声张|不能透露给',
      '银行 ~6 问 ~6 就说',
      '就说是 ~6 自己|朋友|家人|亲戚',
      '莫挂|莫要挂|莫告诉|莫跟',
      '不要|别 ~2 跟|和|对 ~4 家人|家里人|你们|老公|老婆 ~2 说|讲',
      '先别|先不要|办完再|弄完再 ~4 跟|告诉|和 ~4 家人|家里人|老公|老婆|父母',
    ],
    examples: {
      hit: ['这件事不要告诉家里人，不然流程会中断', '别挂电话，我一直陪着您操作', '等会柜员问您转给谁，您就说转给表哥装修用的'],
      miss: ['有问题可以随时打我们客服电话', '柜员问您什么，您如实说就行'],
    },
  },
  {
    code: 'URGENCY',
    stage: 'control',
    weight: 0.3,
    mechanic: false,
    attempt: ['push'],
    marksStage: false,
    speaker: 'other',
    // 电子保单半小时内会发到您手机 / 今天之内给您回电: the service's own promise, not a deadline on her (1.18.0, dev21).
    unlessAfter: ['会发', '发到', '发给您', '到账', '送达', '会到', '出结果', '回复您', '联系您', '给您回', '回电', '回访'],
    description: { zh: '催促马上操作、限时完成', en: 'Urges immediate action under a deadline' },
    lexicon: [
      '尽快|马上|立即|立刻|赶紧|抓紧 ~2 操作|转|完成|开通',
      '限时|倒计时|来不及|过时不候|今天之内|半小时内|十分钟内|超过时间|过了时间',
      '过期作废|逾期作废|逾期视为|视为放弃|视为自动放弃|过期不候|过期无效|逾期无效|今日内|今日之内|小时内有效',
    ],
    examples: {
      hit: ['请您抓紧时间操作，十分钟内完成', '需要现在办理，过期作废'],
      miss: ['您有空的时候再处理就行', '电子保单半小时内会发到您手机'],
    },
  },
];

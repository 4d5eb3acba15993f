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
      '腾讯会议|zoom|云视讯|云视听|小鱼易连|瞩目|umeet|welink|会议号|会议室号|会议id',
      '钉钉|飞书 ~6 会议|房间|入会|视频',
      '进入|加入|打开 ~4 会议|房间',
    ],
    examples: {
      hit: ['您下载腾讯会议，输入会议号 824 331 907', '她按提示进入了会议房间'],
      miss: ['明天的周会改到下午三点'],
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
      '开启|打开|点击 ~4 共享',
    ],
    examples: {
      hit: ['您点一下共享屏幕，我看着您操作', '需要共享手机桌面才能认证'],
      miss: ['这个文档我们一起编辑'],
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
      '不要|别 ~4 接 ~4 电话|其他电话',
      '保密|不要声张|不能透露给',
      '银行 ~6 问 ~6 就说',
      '就说是 ~6 自己|朋友|家人|亲戚',
    ],
    examples: {
      hit: ['这件事不要告诉家里人，不然流程会中断', '别挂电话，我一直陪着您操作'],
      miss: ['有问题可以随时打我们客服电话'],
    },
  },
  {
    code: 'URGENCY',
    stage: 'control',
    weight: 0.3,
    mechanic: false,
    marksStage: false,
    speaker: 'other',
    description: { zh: '催促马上操作、限时完成', en: 'Urges immediate action under a deadline' },
    lexicon: [
      '尽快|马上|立即|立刻|赶紧|抓紧 ~4 操作|处理|转|完成|开通|办理',
      '限时|倒计时|来不及|过时不候|今天之内|半小时内|十分钟内|超过时间|过了时间',
    ],
    examples: {
      hit: ['请您抓紧时间操作，十分钟内完成'],
      miss: ['您有空的时候再处理就行'],
    },
  },
];

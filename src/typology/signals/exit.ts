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
    description: {
      zh: '本人讲述自己拒绝、挂断或举报（没加、没下载、没转）',
      en: 'The person tells she refused, hung up or reported it (did not add, install or pay)',
    },
    lexicon: [
      '挂了|挂断了|挂掉了|直接挂|就挂|给挂了|电话挂',
      '没加|没有加|没下|没有下|没下载|没装|没理|没有理|不理他|没搭理|没转|没有转|没给他|没操作|没点|没扫|没开|没借|没信',
      '拒绝了|标记了|举报了|识破|没上当|没被骗|不上当',
      '报给了96110|打了96110|打96110|报了警|打了110',
      '是骗子|是诈骗|诈骗电话|骗子电话|骗局|是假的',
    ],
    examples: {
      hit: ['他让我加QQ，我没加，直接挂了', '我一听就知道是骗子，把号码报给了96110'],
      miss: ['您先别挂，我教您操作', '收了钱就把我拉黑了'],
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
    description: {
      zh: '本人讲述自己照做了某一步（加了、下好了、转了、借了、验证码报了）',
      en: 'The person tells she followed a step (added, installed, paid, borrowed, read out a code)',
    },
    lexicon: [
      '照做|照着做|按他说的|按对方|按照对方|按照他|按着说的|信以为真|听了他的',
      '转了|转过去|转账了|汇了|汇过去|打了款|打款了|借了|借出来了|领了|领出来|提出来了|付了|交了',
      '加了|下好了|下载了|装好了|装了|进去了|进了房间|共享了|分享了|开了以后|开通了|扫了|填了|输了|点了|买了',
      '发过去|发给他了|念给|报给他|告诉了他',
      '被骗了|被骗走|骗走|损失|上当了|受骗了',
    ],
    examples: {
      hit: ['我照他说的下好了软件，进去了', '转过去以后才知道被骗了'],
      miss: ['我没转，直接挂了'],
    },
  },
];

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
];

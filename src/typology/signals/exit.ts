import type { SignalDef } from '../types.js';

export const EXIT_SIGNALS: SignalDef[] = [
  {
    code: 'VICTIM_REALIZES',
    stage: 'exit',
    weight: 0.8,
    mechanic: false,
    speaker: 'any',
    description: { zh: '事主发现被骗、报警', en: 'The victim realises it was a scam or reports it' },
    lexicon: ['发现 ~6 被骗|上当|受骗', '才知道 ~6 骗|假的', '被骗了|上当受骗|被骗走|被骗', '报警|报案|立案'],
    examples: {
      hit: ['转完钱她才发现被骗，立即报警'],
      miss: ['他说这家店的东西很好用'],
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

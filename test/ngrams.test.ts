import { describe, expect, it } from 'vitest';
import { TextAnalyzer, normalize, type ScorerModel } from '../src/text/index.js';
import { GramTally, GramUnits, gramKeys, NgramTable, SIDE_OTHER } from '../src/text/ngrams.js';
import { TYPOLOGY } from '../src/typology/index.js';
import { loadOwn } from '../scripts/lib/datasets.js';
import { extract, trainModel, SHIPPED_OPTIONS } from '../scripts/lib/train-model.js';
import { analyzer } from './analyzer-fixture.js';

const SCAM_CHAT = {
  turns: [
    { speaker: 'caller', text: '您好，我这边是淘宝售后客服，您上周买的面膜检测出甲醛超标，我们给您三倍赔偿。' },
    { speaker: 'callee', text: '啊？那怎么退？' },
    { speaker: 'caller', text: '您先把余额挪到我们指定的核验账户，核验完原数返还，金额是3,980.5元。' },
  ],
};

describe('the learned n-grams (1.7.0)', () => {
  it('ship with the model, within the size budget', () => {
    const table = analyzer.scorer.ngrams;
    expect(table).not.toBeNull();
    expect(table?.size).toBeGreaterThan(1000);
    expect(table?.size).toBeLessThanOrEqual(40000);
  });

  it('add up, with the signals and the bias, to the logit', () => {
    for (const input of [
      SCAM_CHAT,
      '客服：您好，请问有什么可以帮您？\n我：我的快递三天没动了',
      { turns: [{ speaker: 'agent', text: '我们不会索取验证码。' }] },
    ]) {
      const a = analyzer.assess(input);
      const signals = a.signals.reduce((z, s) => z + s.contribution, 0);
      expect(a.bias + signals + a.ngramContribution).toBeCloseTo(a.logit, 2);
      expect(analyzer.scorer.calibrate(a.logit)).toBeCloseTo(a.score, 3);
      // Every n-gram the stream counted, not only the listed ones, makes up ngramContribution.
      const stream = analyzer.stream();
      for (const t of analyzer.parse(input)) stream.ingest(t);
      expect(stream.gramLogits().total).toBeCloseTo(a.ngramContribution, 3);
    }
  });

  it('list the largest contributions with exact spans of the original text', () => {
    const text = '客服：您好，我這邊是淘寶售後，您的訂單有質量問題，給您退款３，９８０元，加一下ＱＱ';
    const a = analyzer.assess(text);
    const turns = analyzer.parse(text);
    expect(a.ngrams.length).toBeGreaterThan(0);
    expect(a.ngrams.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < a.ngrams.length; i++)
      expect(Math.abs(a.ngrams[i - 1].contribution)).toBeGreaterThanOrEqual(Math.abs(a.ngrams[i].contribution));
    for (const g of a.ngrams) {
      expect(turns[g.span.turn].text.slice(g.span.start, g.span.end)).toBe(g.span.text);
      // The span normalizes back to the n-gram (a run of digits reads #).
      const norm = normalize(g.span.text, analyzer.lexicon.aliases).text.replace(/\d+(?:[.,]\d+)*/g, '#');
      expect(norm.replace(/[^\p{L}#]/gu, '')).toBe(g.gram);
    }
  });

  it('never make a real agent’s warning a scam', () => {
    for (const input of [
      { turns: [{ speaker: 'agent', text: '我们不会索取验证码，请勿转账，也不需要您开通备用金。' }] },
      { turns: [{ speaker: 'agent', text: '温馨提示：凡是自称客服让您共享屏幕、下载会议软件、转账到安全账户的都是骗子。' }] },
      '【京东】温馨提示：京东客服不会以订单异常、商品召回等理由要求您提供银行卡号、验证码，谨防诈骗。',
      {
        turns: [
          { speaker: 'agent', text: '您好，这里是中国工商银行客服中心，您刚才转账五万元，想跟您确认是否本人操作。' },
          { speaker: 'customer', text: '是我本人，给我女儿转的。' },
          { speaker: 'agent', text: '好的。如果有人让您转账到所谓的安全账户，请第一时间挂断并拨打110。' },
        ],
      },
    ])
      expect(analyzer.assess(input).scam).toBe(false);
  });

  it('are the same whether a conversation is read alone or interleaved with another', () => {
    const other = {
      turns: [
        { speaker: 'customer', text: '我的快递丢了，能赔吗' },
        { speaker: 'agent', text: '可以的，我们按保价赔付，原路退回' },
      ],
    };
    const alone = analyzer.assess(SCAM_CHAT);
    const a = analyzer.stream();
    const b = analyzer.stream();
    const ta = analyzer.parse(SCAM_CHAT);
    const tb = analyzer.parse(other);
    for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
      if (ta[i]) a.ingest(ta[i]);
      if (tb[i]) b.ingest(tb[i]);
      analyzer.assess('客服：加我微信'); // the batch scratch tally in between
    }
    expect(a.assessment()).toEqual(alone);
    expect(b.assessment()).toEqual(analyzer.assess(other));
  });

  it('are looked up exactly: the table finds what training would have extracted, nothing else', () => {
    const weights: Record<string, number> = { o验证: 1, o验证码: 0.5, 'o#元': 0.25, s验证: -1, oqq: 2, o证码发: 0.1 };
    const table = new NgramTable({ min: 2, max: 4, weights });
    const units = new GramUnits();
    for (const text of ['把验证码发给我，先转1,000元', '加qq：12345，验证一下', '验证码']) {
      const norm = normalize(text, analyzer.lexicon.aliases);
      units.fill(norm, SIDE_OTHER);
      const keys: string[] = [];
      gramKeys(units, 2, 4, keys);
      const expected = [...new Set(keys.filter((k) => k in weights))].sort();
      const tally = new GramTally(table);
      table.scan(units, tally, norm, 0);
      const found = Array.from({ length: tally.count }, (_, k) => table.keys[tally.hits[4 * k]]).sort();
      expect(found).toEqual(expected);
      expect(tally.bySide[SIDE_OTHER]).toBeCloseTo(
        expected.reduce((z, k) => z + weights[k], 0),
        9,
      );
    }
  });

  it('are trained deterministically', () => {
    // The repo's own development corpora only: the TeleAntiFraud files live outside the repo
    // (../shared), which a fresh clone elsewhere does not have.
    const sample = loadOwn({ heldout: false }).filter((_, i) => i % 6 === 0);
    const options = { ...SHIPPED_OPTIONS, grams: { ...SHIPPED_OPTIONS.grams!, minDf: 2, keep: 500 } };
    const first = trainModel(extract(sample), TYPOLOGY, options).model;
    const second = trainModel(extract(sample), TYPOLOGY, options).model;
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(Object.keys(first.ngrams?.weights ?? {}).length).toBeGreaterThan(50);
    // A signals-only model (the 1.6.0 method) has no n-grams and scores as before.
    const plain: ScorerModel = { ...first, ngrams: undefined, ngramMechanicThreshold: undefined };
    const a = new TextAnalyzer(TYPOLOGY, plain).assess(SCAM_CHAT);
    expect(a.ngrams).toEqual([]);
    expect(a.ngramContribution).toBe(0);
  }, 60000);
});

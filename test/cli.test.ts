import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dir, file, run } from './cli-fixture.js';

const SCAM =
  '客服：我是淘宝客服，您买的面膜甲醛超标，给您双倍理赔。\n客服：您加一下理赔QQ 283746512，打开支付宝备用金把500领出来，这是商家的钱不用您还。';

describe('kefuguard check', () => {
  it('prints verdict, stage, family, highlighted evidence and advice', async () => {
    const { code, out } = await run(['check', file('scam.txt', SCAM)]);
    expect(code).toBe(0);
    expect(out).toContain('诈骗 SCAM');
    expect(out).toContain('[quality-refund]');
    expect(out).toContain('【备用金】');
    expect(out).toContain('建议 Advice');
  });

  it('prints the assessment as JSON with --json, reading stdin with -', async () => {
    const { code, out } = await run(['check', '-', '--json'], SCAM);
    expect(code).toBe(0);
    const a = JSON.parse(out);
    expect(a.scam).toBe(true);
    expect(a.typologyVersion).toMatch(/@/);
  });

  it('accepts a JSON conversation with turns', async () => {
    const { out } = await run([
      'check',
      '--json',
      file('t.json', JSON.stringify({ turns: [{ speaker: 'agent', text: '请勿向任何人透露验证码' }] })),
    ]);
    expect(JSON.parse(out).scam).toBe(false);
  });

  it.each([
    [['check', join(dir, 'missing.txt')], /文件不存在/],
    [['check', file('empty.txt', '  \n')], /输入为空/],
    [['check', file('big.txt', '退'.repeat(400_000))], /输入过大/],
    [['check', file('bad.json', '{"turns": [')], /JSON/],
    [['check', file('noturns.json', '{"turns": [{"speaker": "a"}]}')], /turns\[0\]\.text/],
  ])('rejects bad input with a clear error: %s', async (args, message) => {
    const { code, err, out } = await run(args as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('--batch answers every line in input order with the same id; bad lines do not stop it', async () => {
    const lines = [
      JSON.stringify({ id: 'a', text: SCAM }),
      '{not json',
      JSON.stringify({ id: 'c', turns: [{ speaker: 'customer', text: '我想退货' }] }),
      JSON.stringify({ id: 'd' }),
      JSON.stringify({ id: 5, text: '' }),
      JSON.stringify({ id: 'f', text: '快递到了吗' }),
    ];
    const { code, out, err } = await run(['check', '--batch', file('b.jsonl', lines.join('\n') + '\n')]);
    expect(code).toBe(1);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['a', null, 'c', 'd', 5, 'f']);
    expect(rows[0].scam).toBe(true);
    expect(rows[1].error.code).toBe('BAD_JSON');
    expect(rows[3].error.code).toBe('NO_CONTENT');
    expect(rows[4].error.code).toBe('EMPTY');
    expect(rows[5].scam).toBe(false);
    expect(err).toContain('第2行');
    expect(err).toContain('第4行');
  });
});

import { describe, expect, it } from 'vitest';
import { file, run } from './cli-fixture.js';
import { journey, scamCall } from './engine-fixture.js';

const stream = journey([
  scamCall,
  [5, 'screen.share', { state: 'start', app: '腾讯会议' }],
  [10, 'credit.draw', { provider: '支付宝', product: '备用金', amount: 5000 }],
  [15, 'transfer', { amount: 4999.5, payee: '6222020000000001', payeeType: 'personal' }],
]).map((e) => JSON.stringify(e));

describe('kefuguard replay', () => {
  it('writes one decision per event, in order, and a summary on stderr', async () => {
    const { code, out, err } = await run(['replay', file('events.jsonl', stream.join('\n') + '\n')]);
    expect(code).toBe(0);
    const decisions = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventId: string; action: string });
    expect(decisions.map((d) => d.eventId)).toEqual(['e-1', 'e-2', 'e-3', 'e-4']);
    expect(decisions[3]!.action).toBe('block');
    expect(err).toMatch(/4 个事件已决策 decided/);
  });

  it('is byte-identical across runs', async () => {
    const f = file('same.jsonl', stream.join('\n'));
    expect((await run(['replay', f, '--quiet'])).out).toBe((await run(['replay', f, '--quiet'])).out);
  });

  it('reports bad lines with their number and skips them; --strict stops at the first', async () => {
    const lines = [
      stream[0],
      '{oops',
      JSON.stringify({ id: 'x', ts: 0, subject: 'u', type: 'transfer', amount: 'ten', payee: 'p' }),
      stream[1],
    ];
    const f = file('bad.jsonl', lines.join('\n'));
    const lenient = await run(['replay', f]);
    expect(lenient.code).toBe(0);
    expect(lenient.out.trim().split('\n')).toHaveLength(2);
    expect(lenient.err).toMatch(/bad\.jsonl:2: .*JSON/);
    expect(lenient.err).toMatch(/bad\.jsonl:3: .*\/amount/);
    const strict = await run(['replay', f, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.out.trim().split('\n')).toHaveLength(1);
  });

  it('reads stdin with - and names a missing file', async () => {
    expect((await run(['replay', '-', '--quiet'], stream.join('\n'))).out.trim().split('\n')).toHaveLength(4);
    const missing = await run(['replay', '/nonexistent/events.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/文件不存在/);
  });
});

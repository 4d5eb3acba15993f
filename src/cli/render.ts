import { TYPOLOGY, type Typology } from '../typology/index.js';
import type { Assessment, ParsedTurn } from '../text/index.js';

const VERDICT: Record<Assessment['verdict'], string> = {
  scam: '诈骗 SCAM',
  suspicious: '可疑 SUSPICIOUS',
  safe: '未见诈骗迹象 NO SIGN OF SCAM',
};

interface Style {
  mark: (s: string) => string;
  bold: (s: string) => string;
  verdict: (v: Assessment['verdict'], s: string) => string;
}

const plain: Style = { mark: (s) => `【${s}】`, bold: (s) => s, verdict: (_v, s) => s };
const ansi: Style = {
  mark: (s) => `\x1b[1;30;43m${s}\x1b[0m`,
  bold: (s) => `\x1b[1m${s}\x1b[0m`,
  verdict: (v, s) => `\x1b[1;${v === 'scam' ? 31 : v === 'suspicious' ? 33 : 32}m${s}\x1b[0m`,
};

/** The human-readable report of `kefuguard check`: verdict, stage, family, evidence in context, advice. */
export function renderAssessment(a: Assessment, turns: readonly ParsedTurn[], color: boolean, typology: Typology = TYPOLOGY): string {
  const st = color ? ansi : plain;
  const out: string[] = [];
  const stage = a.stage ? typology.stages.find((s) => s.id === a.stage) : undefined;
  const family = a.family ? typology.families.find((f) => f.id === a.family) : undefined;
  out.push(`${st.bold('结论 Verdict')}: ${st.verdict(a.verdict, VERDICT[a.verdict])}  (score ${a.score.toFixed(2)})`);
  out.push(`${st.bold('阶段 Stage')}: ${stage ? `${stage.zh} / ${stage.en} [${stage.id}]` : '—'}`);
  out.push(`${st.bold('类型 Family')}: ${family ? `${family.zh} / ${family.en} [${family.id}]` : '—'}`);
  if (a.firstScamTurn !== null) out.push(`${st.bold('判定轮次 Became a scam at turn')}: ${a.firstScamTurn + 1}`);
  out.push('');
  const marks = new Map<number, { start: number; end: number }[]>();
  for (const s of a.signals)
    for (const sp of s.spans) marks.set(sp.turn, [...(marks.get(sp.turn) ?? []), { start: sp.start, end: sp.end }]);
  if (marks.size > 0) {
    out.push(st.bold('证据 Evidence:'));
    turns.forEach((t, i) => {
      const ranges = marks.get(i);
      if (!ranges) return;
      const label = t.speaker ? `${t.speaker}：` : '';
      out.push(`  ${i + 1}. ${label}${highlight(t.text, ranges, st)}`);
    });
    out.push('');
    out.push(st.bold('信号 Signals:'));
    for (const s of a.signals) {
      const sign = s.contribution >= 0 ? '+' : '';
      out.push(`  ${sign}${s.contribution.toFixed(2)}  ${s.code}  ${s.description.zh} / ${s.description.en}`);
    }
    out.push('');
  }
  if (a.ngrams.length > 0) {
    out.push(st.bold(`字词片段 Learned n-grams (all together ${a.ngramContribution >= 0 ? '+' : ''}${a.ngramContribution.toFixed(2)}):`));
    for (const g of a.ngrams) {
      const sign = g.contribution >= 0 ? '+' : '';
      out.push(`  ${sign}${g.contribution.toFixed(2)}  「${g.span.text}」 (${g.side}, turn ${g.span.turn + 1})`);
    }
    out.push('');
  }
  if (a.entities.length > 0) {
    out.push(st.bold('实体 Entities:'));
    for (const e of a.entities) out.push(`  ${e.type}: ${e.value}${e.text !== e.value ? `  「${e.text}」` : ''}`);
    out.push('');
  }
  out.push(st.bold('建议 Advice:'));
  out.push(`  ${a.advice.zh}`);
  out.push(`  ${a.advice.en}`);
  out.push('');
  out.push(`${a.typologyVersion} · ${a.modelVersion}`);
  return out.join('\n');
}

/** Marks the union of evidence ranges in a turn's text. */
function highlight(text: string, ranges: { start: number; end: number }[], st: Style): string {
  const sorted = ranges.slice().sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = '';
  let pos = 0;
  for (const r of merged) {
    out += text.slice(pos, r.start) + st.mark(text.slice(r.start, r.end));
    pos = r.end;
  }
  out += text.slice(pos);
  return out.replace(/\n/g, '\n     ');
}

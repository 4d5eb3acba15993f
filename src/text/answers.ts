import type { StepAnswerLexicon } from '../typology/lexicon.js';

/** What a short answer to a question about a step says: she followed it, she did not, or neither. */
export type StepAnswer = { outcome: 'complied' | 'refused'; start: number; end: number };

/** The step asked about, and whether the question asks about her past (借过什么贷款吗: a no denies a history). */
export interface AskedStep {
  verb: string;
  ever: boolean;
}

/** Punctuation and spaces that may open an answer or end a question (folded text). */
const PUNCT = /[\s…。，,.、！!？?~～"“”'‘’：:；;]/u;
const ASPECT = ['了', '上', '好', '过', '完', '着'];
const RETOLD_AFTER = ['让我', '叫我', '要我', '喊我', '给我'];

/**
 * The step a turn of the other party asks about, in its last question: `加了吗`, `下载什么东西没有`, `有没有告诉他`,
 * `还在共享吗`. Returns the verb (as `lexicon.verbs` spells it), or null when the turn asks about no step.
 */
export function askedStep(text: string, lexicon: StepAnswerLexicon): AskedStep | null {
  const q = Math.max(text.lastIndexOf('？'), text.lastIndexOf('?'));
  if (q < 0) return null;
  // The question's own clause: back to the previous clause or sentence mark.
  let from = q - 1;
  while (from >= 0 && !/[。，,！!？?；;\n]/u.test(text[from]!)) from--;
  const clause = text.slice(from + 1, q);
  const yesNo = /(?:吗|没有|没|了没|否)$/u.test(clause) || /有没有|是不是|是否/u.test(clause);
  if (!yesNo) return null;
  for (const verb of lexicon.verbs) {
    const at = clause.indexOf(verb);
    if (at >= 0) return { verb, ever: clause[at + verb.length] === '过' };
  }
  return null;
}

/**
 * Her answer to a question about a step (`asked`, from `askedStep`), from its first words: `加了，刚加上` / `对，转了` /
 * `给过两个` (to 有没有给过他验证码) / `还在。` say she did; `没，我说晚上再说` / `还没点` say she did not. Offsets are in `text`
 * (folded), for the evidence span.
 */
export function answerTo(asked: AskedStep, text: string, lexicon: StepAnswerLexicon): StepAnswer | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && PUNCT.test(text[i]!)) i++;
  };
  // 没有啊 to 借过什么贷款吗: she never had one, which says nothing of this call's steps.
  const refusal = (): StepAnswer | null => {
    if (asked.ever) return null;
    for (const no of lexicon.no) if (text.startsWith(no, i)) return { outcome: 'refused', start, end: i + no.length };
    return null;
  };
  skip();
  const start = i;
  // Fillers (嗯，对，已经…) may come before the verb; a filler alone (对。) is not yet a yes.
  for (let guard = 0; guard < 4; guard++) {
    const no = refusal();
    if (no) return no;
    const filler = lexicon.fillers.find((f) => text.startsWith(f, i));
    if (!filler) break;
    i += filler.length;
    skip();
  }
  const no = refusal();
  if (no) return no;
  // 还在 is its own answer (to 还在共享吗); any step verb needs its aspect (加了, 加上, 装好, 开着): 加 alone may be a new question.
  if (asked.verb === '还在' && text.startsWith('还在', i)) return { outcome: 'complied', start, end: i + 2 };
  for (const verb of lexicon.verbs) {
    if (verb === '还在' || !text.startsWith(verb, i)) continue;
    const aspect = text[i + verb.length];
    if (aspect === undefined || !ASPECT.includes(aspect)) continue;
    const end = i + verb.length + 1;
    // 发了让我下载…: what he did to her, not her step.
    if (RETOLD_AFTER.some((w) => text.startsWith(w, end))) return null;
    return { outcome: 'complied', start, end };
  }
  return null;
}

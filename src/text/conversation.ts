import type { Typology } from '../typology/index.js';

/** Whose words a turn holds: the possible scammer's (`other`), the person's own (`self`), or unknown. */
export type SpeakerRole = 'other' | 'self' | 'unknown';

export interface Turn {
  speaker: string | null;
  text: string;
}

export interface ParsedTurn extends Turn {
  role: SpeakerRole;
  /** Where this turn's text starts in the original document (plain-text input); 0 for JSON turns. */
  offset: number;
}

export type ConversationInput = string | { turns: Turn[] };

/**
 * A chat export's timestamp before the speaker (2025-03-11 16:02 客服：, [16:02] 我:): not part of the label.
 */
const STAMP = String.raw`(?:(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?[ \t]+)?\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+)?`;
/** Characters a speaker's name may hold (no colon, sentence punctuation or brackets). */
const NAME = String.raw`[^\s：:，。,！？!?【】[\]（()）]`;
/**
 * Speaker label at the start of a line: 客服：, 我:, A:, 【坐席】, [客服], and as chat exports write them:
 * 【众安理赔】专员 李静（工号0731）：, 2025-03-11 16:02 清理办-李主任：. Groups: 1 【…】 alone, 2 […]
 * alone, 3 a name (one inner space allowed) with its colon, 4 an aside after the name (A（自称银行）：,
 * B（我）：), which may say who the speaker is; an organisation tag before the name is not part of the label.
 */
const LABEL = new RegExp(
  String.raw`^[ \t]*${STAMP}(?:【([^】\n]{1,12})】[ \t]*[：:]?(?!${NAME}{1,12}(?: ${NAME}{1,8})?[ \t]*(?:[（(][^）)\n]{1,16}[）)])?[ \t]*[：:])|\[([^\]\n]{1,12})\][ \t]*[：:]?|(?:【[^】\n]{1,12}】)?(${NAME}{1,12}(?: ${NAME}{1,8})?)[ \t]*(?:[（(]([^）)\n]{1,16})[）)])?[ \t]*[：:])[ \t]*`,
  'u',
);
const TIME_LIKE = /^\d{1,2}$/;
/**
 * A text message as received: a sender's tag (【天猫售后】, 【圆通速递】) opening the only paragraph, the
 * reader addressed as 您, nobody telling it as 我. Its words are the sender's own (role `other`), not a
 * retelling. Tags of notices, case reports and transcripts (【警情通报】, 【温馨提示】, 【通话录音整理】) are not senders.
 */
const SMS_TAG = /^[ \t]*【([^】\n]{2,12})】/u;
const NOT_A_SENDER = /案|通报|提示|提醒|预警|警|反诈|防骗|课|知识|培训|纪要|海报|广播|台词|通知|公告|记录|录音|整理|简报|说法|求助|转/u;
const NARRATOR = /我(?!司|们|行|公司)/u;
const MAX_KNOWN_LABEL = 6;

export class SpeakerDirectory {
  private readonly self: Set<string>;
  private readonly other: Set<string>;
  constructor(typology: Typology) {
    this.self = new Set(typology.speakers.self.map((s) => s.toLowerCase()));
    this.other = new Set(typology.speakers.other.map((s) => s.toLowerCase()));
  }

  role(label: string | null | undefined): SpeakerRole {
    if (!label) return 'unknown';
    const l = label.trim().toLowerCase();
    if (this.self.has(l)) return 'self';
    if (this.other.has(l)) return 'other';
    if (l.startsWith('我')) return 'self';
    // A title names someone acting for an organisation (清理办-李主任, 远程工程师), never the person.
    // 京东物流-赔付组 王工, 招商银行, 官方旗舰店: a screenshot's sender names the organisation (1.20.0, dev23).
    if (
      /客服|坐席|专员|商家|快递|骗子|对方|工作人员|经理|主管|主任|工程师|顾问|科长|处长|警官|理赔|售后|物流|赔付|银行|旗舰店|官方|中心|银保监|监管|清理办/.test(
        l,
      )
    )
      return 'other';
    return 'unknown';
  }

  known(label: string): boolean {
    return this.role(label) !== 'unknown';
  }
}

/** A third person's name as a record gives it (叶某, 王某某) or a sex, then a separator: a field, not speech. */
const RECORD_FIELD = /^\s*(?:\p{Script=Han}{1,2}某{1,2}|[男女])(?:[，,、（(\s]|$)/u;

/**
 * Splits plain text into turns. A line starting with a speaker label opens a turn; a label counts
 * when it is a known speaker word or labels at least two lines, so "注意：…" in prose stays prose.
 * Unlabelled lines continue the previous labelled turn, or are narrative turns of their own.
 */
export function splitPlainText(text: string, speakers: SpeakerDirectory): ParsedTurn[] {
  // Each line's label is read once, for the counts and then for the turns.
  const lines: { text: string; offset: number; label: ReturnType<typeof labelOf> }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, offset, label: labelOf(line) ?? meetingSender(line) });
    offset += line.length + 1;
  }
  // Most texts (a chat line) have no label at all: no maps for them.
  let counts: Map<string, number> | null = null;
  /** Roles a transcript's asides give its labels: A（自称京东客服）, B（我）. */
  let asides: Map<string, SpeakerRole> | null = null;
  for (const { label: l } of lines) {
    if (!l) continue;
    (counts ??= new Map()).set(l.label, (counts.get(l.label) ?? 0) + 1);
    const role = l.aside === null ? 'unknown' : asideRole(l.aside);
    if (role !== 'unknown' && !asides?.has(l.label)) (asides ??= new Map()).set(l.label, role);
  }
  const turns: ParsedTurn[] = [];
  let current: ParsedTurn | null = null;
  for (const line of lines) {
    const l = line.label;
    const role = l && (l.header || accepted(l.label, speakers, counts)) ? (asides?.get(l.label) ?? speakers.role(l.label)) : null;
    // 受害人：叶某，女，27岁: a case record's field names the person in the third person; the record is a narrative.
    const field = l !== null && role === 'self' && RECORD_FIELD.test(line.text.slice(l.length));
    if (l && role !== null && !field) {
      current = { speaker: l.label, role, text: line.text.slice(l.length), offset: line.offset + l.length };
      turns.push(current);
    } else if (line.text.trim().length === 0) {
      current = current && current.speaker === null ? null : current;
    } else if (current && current.speaker !== null && !field) {
      current.text += '\n' + line.text;
    } else {
      current = { speaker: null, role: 'unknown', text: line.text, offset: line.offset };
      turns.push(current);
    }
  }
  const kept = turns.filter((t) => t.text.trim().length > 0);
  // Text messages as received, one or several in a row (【快手】…\n【快手】温馨提示…): the sender's own words.
  const sender = kept.length > 0 && kept.every((t) => t.speaker === null) ? smsSender(kept[0].text) : null;
  if (sender && kept.every((t) => SMS_TAG.exec(t.text)?.[1].trim() === sender && !NARRATOR.test(t.text))) {
    return kept.map((t) => ({ ...t, speaker: sender, role: 'other' }));
  }
  return kept;
}

/** The sender of a text message as received (see SMS_TAG), or null. */
export function smsSender(text: string): string | null {
  const m = SMS_TAG.exec(text);
  if (!m || NOT_A_SENDER.test(m[1]) || !text.includes('您') || NARRATOR.test(text)) return null;
  return m[1].trim();
}

/** 我 / 本人 / 受害人 is the person; 自称… / 冒充… / 骗子 is the other party. */
function asideRole(aside: string): SpeakerRole {
  if (/^(?:我|本人|受害人|事主|机主)/u.test(aside)) return 'self';
  if (/自称|冒充|骗子|假冒|客服|专员/u.test(aside)) return 'other';
  return 'unknown';
}

interface LineLabel {
  label: string;
  length: number;
  aside: string | null;
  /** A meeting chat's sender line (`来自 孙老师 发送给 所有人：`): a label whatever its name, on a line of its own. */
  header?: true;
}

function labelOf(line: string): LineLabel | null {
  const m = LABEL.exec(line);
  if (!m) return null;
  const label = (m[1] ?? m[2] ?? m[3]).trim();
  if (TIME_LIKE.test(label) || label.length === 0) return null;
  return { label, length: m[0].length, aside: m[4] ?? null };
}

/**
 * A meeting app's chat pane as copied or read off a screenshot (腾讯会议, Zoom): `来自 银保监学生账户清理办-孙老师 发送给
 * 所有人：` on its own line, the message on the lines after it (1.20.0, dev23).
 */
const MEETING_SENDER = /^\s*来自\s*(\S.*?)\s*(?:发送给|发给|对)\s*(?:所有人|大家|我|你|您)\s*[：:]?\s*$/u;

function meetingSender(line: string): LineLabel | null {
  const m = MEETING_SENDER.exec(line);
  return m ? { label: m[1], length: line.length, aside: null, header: true } : null;
}

/** 我同事去年被骗过：… is a sentence with a colon, not the speaker 我: a known label is short. */
function accepted(label: string, speakers: SpeakerDirectory, counts: ReadonlyMap<string, number> | null): boolean {
  return (speakers.known(label) && label.length <= MAX_KNOWN_LABEL) || (counts?.get(label) ?? 0) >= 2;
}

export function parseConversation(input: ConversationInput, speakers: SpeakerDirectory): ParsedTurn[] {
  if (typeof input === 'string') return inferRoles(splitPlainText(input, speakers));
  return inferRoles(input.turns.map((t) => ({ speaker: t.speaker ?? null, text: t.text, role: speakers.role(t.speaker), offset: 0 })));
}

/**
 * The caller introducing itself as an organisation: 这边是支付宝的…客服中心, 我是中通快递的, 您好，京东客服.
 * A transcriber's A:/B: or a name (许：) says nothing of who is who; this does.
 */
const SERVICE_INTRO =
  /(?:我是|我们是|这边是|这里是|我这边是|我这里是|我们这边是|这是)[^，。,.!?！？\n]{0,14}?(?:客服|专员|售后|理赔|中心|工作人员|经理|平台|快递|物流|银行|公司|部门|总部|保险|金融|驿站)|^[ \t]*(?:喂[，, ]*)?(?:您好|你好)[，, ]*[^，。,.!?！？\n]{0,10}?(?:客服|专员|服务中心)/u;

/**
 * Roles for labels that do not say them (1.11.0): in a two-party conversation whose one label is the
 * other party (【坐席】) the remaining label is the person; where neither label says it (A:/B:), the one
 * that introduces itself as an organisation is the other party and the remaining one the person; opposite the
 * person (事主), a label that introduces an organisation is the other party (1.19.0). Anything else (three
 * speakers, both or neither introducing themselves) stays unknown.
 */
export function inferRoles(turns: ParsedTurn[]): ParsedTurn[] {
  let first: string | null = null;
  let second: string | null = null;
  for (const t of turns) {
    if (t.speaker === null || t.speaker === first || t.speaker === second) continue;
    if (first === null) first = t.speaker;
    else if (second === null) second = t.speaker;
    else return turns;
  }
  if (first === null || second === null) return turns;
  const roleOf = (label: string) => turns.find((t) => t.speaker === label)!.role;
  const [a, b] = [roleOf(first), roleOf(second)];
  let roles: Map<string, SpeakerRole> | null = null;
  const introduces = (label: string) => turns.some((t) => t.speaker === label && SERVICE_INTRO.test(t.text));
  if (a === 'other' && b === 'unknown') roles = new Map([[second, 'self']]);
  else if (a === 'unknown' && b === 'other') roles = new Map([[first, 'self']]);
  // The person (事主) and someone who introduces an organisation (这里是…反诈中心, 我是…客服): the other party (1.19.0, dev22).
  else if (a === 'self' && b === 'unknown' && introduces(second)) roles = new Map([[second, 'other']]);
  else if (a === 'unknown' && b === 'self' && introduces(first)) roles = new Map([[first, 'other']]);
  else if (a === 'unknown' && b === 'unknown') {
    const [ia, ib] = [introduces(first), introduces(second)];
    if (ia !== ib) {
      roles = new Map<string, SpeakerRole>([
        [first, ia ? 'other' : 'self'],
        [second, ia ? 'self' : 'other'],
      ]);
    }
  }
  if (!roles) return turns;
  const known = roles;
  return turns.map((t) => (t.speaker !== null && known.has(t.speaker) ? { ...t, role: known.get(t.speaker)! } : t));
}

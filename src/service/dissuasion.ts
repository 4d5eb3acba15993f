import { TYPOLOGY, TYPOLOGY_VERSION, type Bilingual, type FamilyId, type StageId } from '../typology/index.js';

/**
 * The dissuasion script (劝阻话术): what the officer says on the phone to someone the engine thinks
 * is being scammed right now, for the step the scam has reached and its story. The stage names,
 * the family's pretext, the fact that takes it apart and the advice are the typology's data; this
 * file adds only what an officer says that a warning screen does not (how to open the call, what to
 * ask), so a typology change shows up in the script without touching it.
 */

export type ScriptPart = 'opening' | 'stage' | 'stop' | 'fact' | 'next' | 'ask' | 'if-paid' | 'closing';

export interface ScriptLine extends Bilingual {
  part: ScriptPart;
}

export interface DissuasionScript {
  /** The case's stage; null when unknown (the script then starts from the hook). */
  stage: { id: StageId; zh: string; en: string } | null;
  family: { id: FamilyId; zh: string; en: string } | null;
  typologyVersion: string;
  lines: ScriptLine[];
}

const OPENING: Bilingual = {
  zh: '您好，我是反诈中心的民警。系统提示您可能正在遭遇冒充客服退款诈骗，请先不要挂电话，也先不要按对方说的做任何操作。我们不会问您要钱，也不会问您要验证码或密码。',
  en: 'Hello, I am a police officer at the anti-fraud centre. Our system shows you may be the target of a fake customer-service refund scam right now. Please stay on the line and do nothing the other person tells you. We will never ask you for money, codes or passwords.',
};

/** What the officer asks the person to do at once, by the step the scam has reached. */
const STOP_NOW: Readonly<Record<StageId, Bilingual>> = {
  hook: {
    zh: '刚才打电话说要给您退款的不是平台客服。请不要再接这个号码的电话，也不要回拨。',
    en: 'The caller who offered you a refund is not the platform. Do not answer that number again and do not call it back.',
  },
  pretext: {
    zh: '您的订单不需要“理赔”“退款”这类额外操作，平台的退款会原路退回。请不要按对方说的去办理。',
    en: 'Your order needs no "claim" or "refund" procedure; platform refunds go back the way you paid. Do not follow their instructions.',
  },
  'channel-move': {
    zh: '请不要添加对方的QQ或微信，已经加了请马上删除；不要点对方发来的链接，不要扫码，不要下载对方让您装的App。',
    en: 'Do not add their QQ or WeChat, and delete them if you already have; do not open their links, scan their codes or install their apps.',
  },
  control: {
    zh: '请您现在就结束屏幕共享，退出会议软件（腾讯会议、钉钉、ZOOM等）并把它卸载。对方通过共享屏幕能看到您的验证码和密码。',
    en: 'Please end the screen share now, leave the meeting app (Tencent Meeting, DingTalk, ZOOM…) and uninstall it. Through the share they can see your codes and passwords.',
  },
  'credit-pivot': {
    zh: '备用金、借呗、微粒贷、京东金条这些是以您的名义借的贷款，不是退款，要您自己连本带息还。请马上停止借款，已经借到的钱一分也不要转出去。',
    en: '备用金, 借呗, 微粒贷 and 京东金条 are loans in your name, not refunds: you will repay them with interest. Stop borrowing now, and do not send out any money you have already drawn.',
  },
  'cash-out': {
    zh: '请马上停止转账，不要购买礼品卡，不要把验证码告诉任何人或填到对方给的网页里。对方说的“安全账户”“验证账户”都是骗子的账户。',
    en: 'Stop transferring now, do not buy gift cards, and do not tell anyone a code or type it into a page they sent. Their "safe account" or "verification account" belongs to the scammer.',
  },
  retention: {
    zh: '“卡单”“操作失误”“不处理每天扣利息”都是骗局，您再转多少钱都不会退回来。请立刻停止，一分钱也不要再转。',
    en: '"Stuck order", "operation error" and "daily interest unless you fix it" are the scam: nothing you send will come back. Stop now and do not send another yuan.',
  },
  exit: {
    zh: '请保存好通话记录、聊天记录和转账记录，我们帮您报案，并联系银行止付、冻结对方账户。',
    en: 'Keep the call, chat and payment records; we will file the case with you and ask the bank to stop the payment and freeze the payee account.',
  },
};

/** What the officer asks to learn where the person stands, by step. */
const ASK: Readonly<Record<StageId, Bilingual>> = {
  hook: {
    zh: '是不是有人自称淘宝、京东、快递或支付宝客服给您打过电话？',
    en: 'Did someone call you claiming to be Taobao, JD, courier or Alipay customer service?',
  },
  pretext: {
    zh: '对方说要给您退款或理赔，说的是什么原因？',
    en: 'What reason did they give for the refund or compensation?',
  },
  'channel-move': {
    zh: '对方有没有让您加QQ、微信，或者点链接、下载App？',
    en: 'Did they ask you to add a QQ or WeChat, open a link or install an app?',
  },
  control: {
    zh: '您的手机现在是不是开着会议软件，在共享屏幕？',
    en: 'Is a meeting app open on your phone right now, sharing your screen?',
  },
  'credit-pivot': {
    zh: '您有没有在支付宝、微信、京东或其他App里开通备用金或借款？借了多少？',
    en: 'Have you opened 备用金 or taken a loan in Alipay, WeChat, JD or another app? How much?',
  },
  'cash-out': {
    zh: '您有没有已经转出钱、买礼品卡，或者把验证码告诉对方？转到了哪个账户、多少钱？',
    en: 'Have you already sent money, bought gift cards or given them a code? To which account, and how much?',
  },
  retention: {
    zh: '对方是不是说卡单了、操作失误了，要您再转一次或者交保证金？',
    en: 'Did they say the order is stuck or you made an error, and ask you to pay again or pay a deposit?',
  },
  exit: {
    zh: '一共转出了多少钱？转账的时间和对方账户还记得吗？',
    en: 'How much has left in total? Do you have the times and the payee accounts?',
  },
};

const IF_PAID: Bilingual = {
  zh: '如果钱已经转出去了，请马上告诉我转账时间、金额和对方账户，我们立即联系银行止付。',
  en: 'If money has already left, tell me the time, amount and payee account now so we can ask the bank to stop it.',
};

const ORDER: readonly StageId[] = [...TYPOLOGY.stages].sort((a, b) => a.order - b.order).map((s) => s.id);

function isStage(value: string | null): value is StageId {
  return value !== null && (ORDER as readonly string[]).includes(value);
}

function isFamily(value: string | null): value is FamilyId {
  return value !== null && TYPOLOGY.families.some((f) => f.id === value);
}

/**
 * The script for a case at `stage` in `family` (either may be unknown: the script then starts from
 * the hook and leaves out the family's story). Lines in the order they are said.
 */
export function dissuasionScript(stage: string | null, family: string | null): DissuasionScript {
  const stageId: StageId = isStage(stage) ? stage : 'hook';
  const stageDef = TYPOLOGY.stages.find((s) => s.id === stageId)!;
  const familyDef = isFamily(family) ? TYPOLOGY.families.find((f) => f.id === family)! : null;
  const at = ORDER.indexOf(stageId);
  const lines: ScriptLine[] = [{ part: 'opening', ...OPENING }];

  lines.push({
    part: 'stage',
    zh: `根据系统记录，对方已经进行到“${stageDef.zh}”这一步。`,
    en: `From what the system has seen, the scam has reached: ${stageDef.en}.`,
  });
  lines.push({ part: 'stop', ...STOP_NOW[stageId] });
  const stageAdvice = TYPOLOGY.advice.stages.find((a) => a.stage === stageId);
  if (stageAdvice) lines.push({ part: 'stop', ...stageAdvice.now });

  if (familyDef) {
    const fact = TYPOLOGY.advice.families.find((a) => a.family === familyDef.id);
    lines.push({
      part: 'fact',
      zh: `对方说“${familyDef.pretext.zh}”，这是骗子的固定说法。${fact ? fact.fact.zh : ''}`,
      en: `They told you "${familyDef.pretext.en}": that is the scammer's script. ${fact ? fact.fact.en : ''}`.trim(),
    });
  }

  // What comes next in the scam, so the person recognises it when the scammer calls back.
  const next = ORDER[at + 1];
  if (next && next !== 'exit') {
    const nextDef = TYPOLOGY.stages.find((s) => s.id === next)!;
    lines.push({
      part: 'next',
      zh: `接下来对方通常会让您“${nextDef.zh}”。${STOP_NOW[next].zh}`,
      en: `Next they usually push you to: ${nextDef.en}. ${STOP_NOW[next].en}`,
    });
  }

  // Ask about this step and the money steps still ahead of or at it: where the person stands now.
  const cashOut = ORDER.indexOf('cash-out');
  for (const id of ORDER) {
    const i = ORDER.indexOf(id);
    if (id === 'exit') continue;
    if (i === at || (i > at && i <= Math.max(at + 1, cashOut))) lines.push({ part: 'ask', ...ASK[id] });
  }

  lines.push({ part: 'if-paid', ...IF_PAID });
  // Past the first payment, what to do about the money that left is part of the call.
  const exitAdvice = TYPOLOGY.advice.stages.find((a) => a.stage === 'exit');
  if (at >= cashOut && exitAdvice) lines.push({ part: 'if-paid', ...exitAdvice.now });

  lines.push({ part: 'closing', ...TYPOLOGY.advice.general });
  return {
    stage: isStage(stage) ? { id: stageDef.id, zh: stageDef.zh, en: stageDef.en } : null,
    family: familyDef ? { id: familyDef.id, zh: familyDef.zh, en: familyDef.en } : null,
    typologyVersion: TYPOLOGY_VERSION,
    lines,
  };
}

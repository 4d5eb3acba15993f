/**
 * The vocabulary of the typology. Everything under src/typology is data typed by these
 * shapes; the analyzer (src/text) and later the engine read it and never hard-code a phrase.
 */

export const STAGE_IDS = ['hook', 'pretext', 'channel-move', 'control', 'credit-pivot', 'cash-out', 'retention', 'exit'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const FAMILY_IDS = [
  'quality-refund',
  'parcel-claim',
  'membership-cancel',
  'million-protection',
  'jd-credit',
  'student-loan',
  'flight-compensation',
  'credit-repair',
  'loan-interest-refund',
  'account-security',
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Stage extends Bilingual {
  id: StageId;
  /** Position in the scam sequence; a later stage is further along. */
  order: number;
}

export interface Family extends Bilingual {
  id: FamilyId;
  /** What the scammer claims, in one line, for analysts and the console. */
  pretext: Bilingual;
}

/**
 * Who has to say a phrase for it to count. `other` is the caller / agent / "customer service"
 * side; `self` the person we protect. Narratives and unlabelled text count for both.
 */
export type SpeakerScope = 'other' | 'self' | 'any';

export interface SignalDef {
  code: string;
  stage: StageId;
  /**
   * Expert prior in log-odds. The trained scorer starts from it and is pulled back towards it
   * (a Gaussian prior), so a rare signal with little data keeps the weight an analyst gave it.
   */
  weight: number;
  /** True when the phrase is a step of the scam's machinery, not just its setting. */
  mechanic: boolean;
  /** False for modifiers (urgency, secrecy) that colour any stage but do not mark one. */
  marksStage?: boolean;
  /** A pretext signal names the variant family it belongs to. */
  family?: FamilyId;
  /**
   * How the protected person's story ended, told by her (or a narrative): `refused` (挂了, 没加, 拉黑)
   * or `complied` (照做, 转了, 下好了). Not evidence for the scorer (its weight is pinned at 0): a
   * conversation whose mechanics are all retold, none spoken by the other party in a labelled turn,
   * and that tells of a refusal and of no step followed is a story about an attempt that was turned
   * away, not a scam to stop (the corpus rule: a person who hung up without following a step is benign).
   */
  outcome?: 'refused' | 'complied';
  /**
   * The part a signal plays in a live attempt at the hook or pretext (a scam by the labelling rule
   * however early the person refuses): `claim` (the other party says it is the platform, courier,
   * airline, lender or bank, or recites the order), `pretext` (the problem it brings up unasked),
   * `push` (an unsolicited refund, compensation or cancellation, urgency, a threat of charges or of
   * the credit record, "it cannot be done in the app"), `official` (the real process: refund to the
   * original payment, apply in the app's order page, we never ask for codes). A conversation the
   * other party opened, whose pretext it raised before the person said anything of substance, with a
   * claim and a push in the other party's live words and no `official` word from it, is a `scam`
   * without a mechanic. `official` signals are not evidence (weight pinned at 0). A mechanic the other
   * party asks for live counts as claim and push, unless its list is empty (`[]`: INFO_REQUEST, a name,
   * a phone number or an address is what a real agent calling about a parcel asks for too).
   */
  attempt?: readonly ('claim' | 'pretext' | 'push' | 'official')[];
  speaker: SpeakerScope;
  /** Negation cancels a hit (我们不会索取验证码). Off for phrases that carry their own negation. */
  negatable?: boolean;
  /**
   * A fee is the scam's step only when it is paid the scam's way: when the other party also points to the
   * real process live (在中国邮政App里点“待缴税费”…直接付, `OFFICIAL_PROCESS`), this mechanic does not count.
   */
  paidOfficially?: boolean;
  /** Words that, found right after a hit in the same clause, show the hit means something else. */
  unlessAfter?: string[];
  /** Words anywhere in the hit's clause (before or after it) that show it means something else: 把工单号念给我. */
  unlessClause?: string[];
  /**
   * Words anywhere in the hit's sentence that show it is the real service's own process, not the scam's
   * step: a repayment reminder (微粒贷借据本期应还…自动扣款), a refund that goes back into the credit
   * product (退回白条…额度也会恢复).
   */
  unlessSentence?: string[];
  description: Bilingual;
  /**
   * Phrases and patterns over normalized text. A pattern is parts joined by ` ~N `: each part an
   * alternation `a|b|c` of literals, the next part starting at most N characters after the previous
   * one ends, in the same clause. `<num>` matches a number.
   */
  lexicon: string[];
  /** Every signal proves itself: each `hit` raises it, each `miss` (its nearest benign twin) does not. */
  examples: { hit: string[]; miss: string[] };
}

export interface StageAdvice {
  stage: StageId;
  /** What to do right now at this step. */
  now: Bilingual;
}

export interface FamilyAdvice {
  family: FamilyId;
  /** The fact that takes this pretext apart. */
  fact: Bilingual;
}

export interface Typology {
  /** `id@version`, reported by every assessment. */
  version: string;
  stages: readonly Stage[];
  families: readonly Family[];
  signals: readonly SignalDef[];
  advice: {
    general: Bilingual;
    safe: Bilingual;
    stages: readonly StageAdvice[];
    families: readonly FamilyAdvice[];
  };
  normalization: {
    /** Disguised spellings and their canonical form (扣扣 → qq). Matched after folding. */
    aliases: Readonly<Record<string, string>>;
    /** Words that cancel a following hit in the same clause. */
    negators: readonly string[];
    negatorExceptions: readonly string[];
    /** A negator right after one of these is a threat, not a negation (如果不关闭…). */
    conditionals: readonly string[];
    /** Words that, after a hit, mark it as a warning about scams (…的都是骗子). */
    warnings: readonly string[];
  };
  speakers: {
    self: readonly string[];
    other: readonly string[];
  };
  apps: readonly AppDef[];
  providers: Providers;
}

export interface OfficialNumber {
  number: string;
  owner: string;
}

/** Parties in the money path the engine should know without being told (see providers.ts). */
export interface Providers {
  officialNumbers: readonly OfficialNumber[];
  officialHosts: readonly string[];
  giftcardMerchants: readonly string[];
  serviceIdentityWords: readonly string[];
  everydayIdentityWords: readonly string[];
  identityFamilies: readonly { family: FamilyId; words: readonly string[] }[];
  scamMemoWords: readonly string[];
}

export type AppCategory =
  'meeting' | 'screen-share' | 'remote-control' | 'loan' | 'bank' | 'payment' | 'shopping' | 'im' | 'giftcard' | 'other';

export interface AppDef {
  name: string;
  aliases: string[];
  category: AppCategory;
}

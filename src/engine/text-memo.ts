import type { TextAnalyzer } from '../text/index.js';
import type { FamilyId } from '../typology/index.js';

/** What the journey takes from the analyzer's assessment of one inbound message (see applyMessage). */
export interface TextDigest {
  score: number;
  scam: boolean;
  /** Some signal tells the scam's story (a hook or a pretext), not only its mechanics. */
  story: boolean;
  /** The typology rank of the assessed stage (0: none). */
  stageRank: number;
  family: FamilyId | null;
  /** Signal codes, strongest first, as the assessment lists them. */
  codes: readonly string[];
  /** Phone numbers, QQ and WeChat ids and URLs in the text: contacts that may be known bad. */
  contacts: readonly { type: 'phone' | 'qq' | 'wechat' | 'url'; value: string }[];
}

const DEFAULT_CAPACITY = 4096;

/**
 * The analyzer's verdicts on recent message texts, so a text seen again is not analyzed again.
 * Platforms and people send the same words to many (a courier's notice, a shop's coupon, 天冷了多穿点),
 * and an assessment is a pure function of the text (the engine asks for it with the same speaker
 * every time), so a repeat gets exactly what a fresh analysis would give. Bounded: when full it
 * starts over (a plain cache, not state: decisions never depend on what it holds). It holds message
 * texts, so the engine empties it when it forgets a person.
 */
export class TextMemo {
  private readonly digests = new Map<string, TextDigest>();

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly stageRank: (stage: string) => number,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  digest(text: string): TextDigest {
    let digest = this.digests.get(text);
    if (digest === undefined) {
      digest = this.assess(text);
      if (this.digests.size >= this.capacity) this.digests.clear();
      this.digests.set(text, digest);
    }
    return digest;
  }

  clear(): void {
    this.digests.clear();
  }

  get size(): number {
    return this.digests.size;
  }

  private assess(text: string): TextDigest {
    const a = this.analyzer.assess({ turns: [{ speaker: 'caller', text }] });
    const contacts: { type: 'phone' | 'qq' | 'wechat' | 'url'; value: string }[] = [];
    for (const entity of a.entities) {
      if (entity.type === 'qq' || entity.type === 'wechat' || entity.type === 'phone' || entity.type === 'url') {
        contacts.push({ type: entity.type, value: entity.value });
      }
    }
    return {
      score: a.score,
      scam: a.scam,
      // "Share your screen in the 3 o'clock meeting" is work; the scam's words come with its story (who, why, a refund).
      story: a.signals.some((x) => x.stage === 'hook' || x.stage === 'pretext'),
      stageRank: a.stage ? this.stageRank(a.stage) : 0,
      family: a.family,
      codes: a.signals.map((s) => s.code),
      contacts,
    };
  }
}

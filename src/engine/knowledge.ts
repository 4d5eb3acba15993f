import type { AppCategory, FamilyId, Typology } from '../typology/index.js';

/**
 * The typology's parties (apps, official numbers and hosts, identity words) compiled into the
 * lookups the journey needs per event. Built once per engine; every lookup is O(length of input).
 */
export class Knowledge {
  private readonly appExact = new Map<string, AppCategory>();
  private readonly appAliases: { alias: string; category: AppCategory }[] = [];
  private readonly officialNumbers: Set<string>;
  private readonly officialHosts: readonly string[];
  /** `.host` for each official host, built once (a subdomain ends with it). */
  private readonly officialSuffixes: readonly string[];
  private readonly giftcardMerchants: readonly string[];
  private readonly appCache = new Map<string, AppCategory | undefined>();

  constructor(private readonly typology: Typology) {
    for (const app of typology.apps) {
      for (const alias of [app.name, ...app.aliases]) {
        const key = foldName(alias);
        if (!this.appExact.has(key)) this.appExact.set(key, app.category);
        this.appAliases.push({ alias: key, category: app.category });
      }
    }
    // Longest alias first, so 京东金条 wins over 京东 in "京东金条App".
    this.appAliases.sort((a, b) => b.alias.length - a.alias.length);
    this.officialNumbers = new Set(typology.providers.officialNumbers.map((n) => phoneKey(n.number)));
    this.officialHosts = typology.providers.officialHosts;
    this.officialSuffixes = this.officialHosts.map((o) => `.${o}`);
    this.giftcardMerchants = typology.providers.giftcardMerchants.map(foldName);
  }

  /** The category of an app by the name the user sees, or undefined for an app we do not know. */
  appCategory(name: string): AppCategory | undefined {
    const key = foldName(name);
    const exact = this.appExact.get(key);
    if (exact) return exact;
    if (this.appCache.has(key)) return this.appCache.get(key);
    const hit = this.appAliases.find((a) => a.alias.length >= 2 && key.includes(a.alias))?.category;
    if (this.appCache.size < 10_000) this.appCache.set(key, hit);
    return hit;
  }

  isOfficialNumber(peer: string): boolean {
    return this.officialNumbers.has(phoneKey(peer));
  }

  /** True for a host that is, or is under, an official platform, courier, bank or government host. */
  isOfficialHost(host: string): boolean {
    const h = host.toLowerCase();
    const hosts = this.officialHosts;
    for (let i = 0; i < hosts.length; i++) if (h === hosts[i] || h.endsWith(this.officialSuffixes[i]!)) return true;
    return false;
  }

  isGiftcardMerchant(merchant: string): boolean {
    const key = foldName(merchant);
    return this.giftcardMerchants.some((m) => key.includes(m));
  }

  /** "淘宝客服", "快递理赔专员": someone claiming to act for a platform, not an everyday caller. */
  isServiceClaim(identity: string): boolean {
    const p = this.typology.providers;
    if (p.everydayIdentityWords.some((w) => identity.includes(w))) return false;
    return p.serviceIdentityWords.some((w) => identity.includes(w));
  }

  familyOfIdentity(identity: string): FamilyId | null {
    for (const { family, words } of this.typology.providers.identityFamilies) {
      if (words.some((w) => identity.includes(w))) return family;
    }
    return null;
  }

  isScamMemo(memo: string): boolean {
    return this.typology.providers.scamMemoWords.some((w) => memo.includes(w));
  }
}

function foldName(name: string): string {
  return name.toLowerCase().replace(/[\s\-_·.]/g, '');
}

/** Digits only, without the +86/0086 country prefix, so 95188, +86 95188 and 9-5-1-8-8 are one number. */
export function phoneKey(peer: string): string {
  const digits = peer.replace(/\D/g, '');
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/** The host of a URL, lower-cased, or the input itself when it has no scheme (e.g. "jd.com/refund"). */
export function hostOf(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url.trim());
  return (m?.[1] ?? url).toLowerCase();
}

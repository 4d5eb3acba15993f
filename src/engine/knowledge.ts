import type { AppCategory, FamilyId, Typology } from '../typology/index.js';
import { isAsciiDigit } from '../text/fold.js';

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
  /** Hosts already looked up: links and codes come from a few sites again and again. */
  private readonly hostCache = new Map<string, boolean>();

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
    let official = this.hostCache.get(h);
    if (official === undefined) {
      official = false;
      const hosts = this.officialHosts;
      for (let i = 0; i < hosts.length && !official; i++) official = h === hosts[i] || h.endsWith(this.officialSuffixes[i]!);
      if (this.hostCache.size >= 10_000) this.hostCache.clear();
      this.hostCache.set(h, official);
    }
    return official;
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
  const digits = digitsOf(peer);
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}

/** `s.replace(/\D/g, '')`; most numbers arrive as bare digits, and those are returned as they are. */
function digitsOf(s: string): string {
  let i = 0;
  while (i < s.length && isAsciiDigit(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  let digits = s.slice(0, i);
  for (; i < s.length; i++) if (isAsciiDigit(s.charCodeAt(i))) digits += s[i];
  return digits;
}

/**
 * The host of a URL, lower-cased, or the input itself when it has no scheme (e.g. "jd.com/refund").
 * What /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([^/:?#]+)/i captures, found by scanning (every
 * link and code event asks, and the match array is garbage at once): the first of scheme and user,
 * scheme only, user only, neither that leaves a host of at least one character.
 */
export function hostOf(url: string): string {
  const s = url.trim();
  const scheme = schemeEnd(s);
  if (scheme > 0) {
    const host = hostAfterUser(s, scheme);
    if (host !== undefined) return host;
  }
  return hostAfterUser(s, 0) ?? url.toLowerCase();
}

/** The index after `scheme://` at the start of `s` (`[a-z][a-z0-9+.-]*://`, any case), or -1. */
function schemeEnd(s: string): number {
  if (!isLetter(s.charCodeAt(0))) return -1;
  let i = 1;
  while (i < s.length && isSchemeChar(s.charCodeAt(i))) i++;
  return s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === 47 ? i + 3 : -1;
}

/** The host from `from`, after `user@` if one is there and leaves a host, lower-cased; undefined when there is none. */
function hostAfterUser(s: string, from: number): string | undefined {
  let i = from;
  while (i < s.length && !isUserEnd(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 64 /* @ */) {
    const end = hostEnd(s, i + 1);
    if (end > i + 1) return s.slice(i + 1, end).toLowerCase();
  }
  const end = hostEnd(s, from);
  return end > from ? s.slice(from, end).toLowerCase() : undefined;
}

/** The end of the run of host characters (anything but / : ? #) from `from`. */
function hostEnd(s: string, from: number): number {
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 47 || c === 58 || c === 63 || c === 35) break;
  }
  return i;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `[a-z0-9+.-]`, any case. */
function isSchemeChar(c: number): boolean {
  return isLetter(c) || isAsciiDigit(c) || c === 43 || c === 46 || c === 45;
}

/** Where `[^@/?#]*` stops. */
function isUserEnd(c: number): boolean {
  return c === 64 || c === 47 || c === 63 || c === 35;
}

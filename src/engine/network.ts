/**
 * What is shared across people: a payee account, phone number or gift-card redeemer that many
 * unrelated people pay, meet or feed in a short time is a mule; entities named in `report` events
 * are known bad. Keys are typed strings (`account:…`, `phone:…`, `qq:…`, `wechat:…`, `url:…`,
 * `redeemer:…`). Bounded: each key keeps its last few touches and idle keys are swept.
 */

export interface Touch {
  subject: string;
  t: number;
  id: string;
}

export interface BadMark {
  t: number;
  /** The report event that marked it (the first still standing). */
  id: string;
  /** Later reports naming the same entity, oldest first: the mark stands while any report does. */
  others?: { t: number; id: string }[];
}

const TOUCH_CAP = 8;
/** Reports remembered per entity beyond the first: enough that withdrawing a few leaves the mark. */
const OTHER_REPORTS_CAP = 16;

export interface NetworkSnapshot {
  touches: [string, Touch[]][];
  bad: [string, BadMark][];
}

export class NetworkIndex {
  private readonly touches = new Map<string, Touch[]>();
  private readonly bad = new Map<string, BadMark>();

  /**
   * Records that `subject` touched `key` and returns the touches by distinct other subjects
   * within `windowMs` before `t` (this touch included, first), for mule reasons.
   */
  touch(key: string, subject: string, t: number, id: string, windowMs: number): Touch[] {
    let list = this.touches.get(key);
    if (!list) this.touches.set(key, (list = []));
    const distinct: Touch[] = [{ subject, t, id }];
    for (let i = list.length - 1; i >= 0; i--) {
      const x = list[i]!;
      if (Math.abs(t - x.t) > windowMs) continue;
      if (!distinct.some((d) => d.subject === x.subject)) distinct.push(x);
    }
    list.push({ subject, t, id });
    if (list.length > TOUCH_CAP) list.shift();
    return distinct;
  }

  /** `id` (a report event) names `key` as bad. Idempotent per report. */
  markBad(key: string, t: number, id: string): void {
    const mark = this.bad.get(key);
    if (!mark) {
      this.bad.set(key, { t, id });
      return;
    }
    if (mark.id === id || mark.others?.some((o) => o.id === id)) return;
    if ((mark.others?.length ?? 0) >= OTHER_REPORTS_CAP) return;
    mark.others = [...(mark.others ?? []), { t, id }];
  }

  /**
   * Report `id` no longer names `key` (an officer rejected it). The entity stays known bad while
   * another report still names it; the next one then stands as the mark.
   */
  withdrawBad(key: string, id: string): void {
    const mark = this.bad.get(key);
    if (!mark) return;
    const others = mark.others ?? [];
    if (mark.id !== id) {
      const rest = others.filter((o) => o.id !== id);
      if (rest.length !== others.length)
        this.bad.set(key, rest.length ? { t: mark.t, id: mark.id, others: rest } : { t: mark.t, id: mark.id });
      return;
    }
    const [next, ...rest] = others;
    if (!next) this.bad.delete(key);
    else this.bad.set(key, rest.length ? { t: next.t, id: next.id, others: rest } : { t: next.t, id: next.id });
  }

  badMark(key: string): BadMark | undefined {
    return this.bad.get(key);
  }

  /** Drops touches older than `horizonMs` before `now`. Known-bad marks are kept: a report does not expire (it can be rejected). */
  sweep(now: number, horizonMs: number): void {
    for (const [key, list] of this.touches) {
      if (now - list[list.length - 1]!.t > horizonMs) this.touches.delete(key);
    }
  }

  /** Everything the index holds, in insertion order (snapshots). */
  export(): NetworkSnapshot {
    return { touches: [...this.touches], bad: [...this.bad] };
  }

  /** Replaces the contents with a snapshot's (insertion order kept, so sweeps run as they would have). */
  import(snapshot: NetworkSnapshot): void {
    this.touches.clear();
    this.bad.clear();
    for (const [key, list] of snapshot.touches) this.touches.set(key, list);
    for (const [key, mark] of snapshot.bad) this.bad.set(key, mark);
  }

  /** How many entities are known bad (cheap: no object, for the per-event check). */
  get badCount(): number {
    return this.bad.size;
  }

  get size(): { keys: number; bad: number } {
    return { keys: this.touches.size, bad: this.bad.size };
  }
}

export function entityKey(type: string, value: string): string {
  return `${type}:${value.trim().toLowerCase()}`;
}

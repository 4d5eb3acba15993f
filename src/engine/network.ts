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
  id: string;
}

const TOUCH_CAP = 8;

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

  markBad(key: string, t: number, id: string): void {
    if (!this.bad.has(key)) this.bad.set(key, { t, id });
  }

  badMark(key: string): BadMark | undefined {
    return this.bad.get(key);
  }

  /** Drops touches older than `horizonMs` before `now`. Known-bad marks are kept: a report does not expire. */
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

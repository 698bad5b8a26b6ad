// Share sets as the ownership screen reads them: the set of a holding in force on a day, and every holding's sets
// newest first (a later first day first; the later record first for the same day). Pure, like the core's history.
import type { Holding } from "../../bindings/Holding";
import type { ShareSet } from "../../bindings/ShareSet";

export const sameHolding = (a: Holding, b: Holding) => a.kind === b.kind && a.id === b.id;

/** Today in the window's calendar, as the core writes days (`YYYY-MM-DD`). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** Newest first: by first day in force (a set "from the start" is the oldest), then by when it was recorded. */
export function newestFirst(sets: readonly ShareSet[]): ShareSet[] {
  return [...sets].sort((a, b) => (b.effectiveFrom ?? "").localeCompare(a.effectiveFrom ?? "") || b.recordedAt.localeCompare(a.recordedAt));
}

/** The set of `holding` in force on `day`: the newest whose first day is not after it. */
export function inForce(sets: readonly ShareSet[], holding: Holding, day: string): ShareSet | undefined {
  return newestFirst(sets.filter((set) => sameHolding(set.holding, holding))).find((set) => (set.effectiveFrom ?? "") <= day);
}

/** Each holding's sets, newest first, holdings in the order they first appear. */
export function historyByHolding(sets: readonly ShareSet[]): { holding: Holding; sets: ShareSet[] }[] {
  const groups: { holding: Holding; sets: ShareSet[] }[] = [];
  for (const set of sets) {
    const group = groups.find((g) => sameHolding(g.holding, set.holding));
    if (group) group.sets.push(set);
    else groups.push({ holding: set.holding, sets: [set] });
  }
  return groups.map((group) => ({ ...group, sets: newestFirst(group.sets) }));
}

// Whose figures a read asks the core for: the household's (every account whole) or one owner's, with the right its
// view counts besides full ownership. Every view-following read spreads a scope into its input and its query key,
// so switching the view changes the keys and nothing is invalidated by hand.
import type { Basis } from "../bindings/Basis";
import type { OwnerId } from "../bindings/OwnerId";

export interface ViewScope {
  /** The owner whose view it is; null for the household. */
  view: OwnerId | null;
  /** The right counted besides full ownership; null for the household, which counts every account whole. */
  basis: Basis | null;
}

export const HOUSEHOLD: ViewScope = { view: null, basis: null };

/** The scope of a view: the household's carries no basis, so one household read has one key whatever the basis. */
export function scopeOf(view: OwnerId | null, basis: Basis): ViewScope {
  return view === null ? HOUSEHOLD : { view, basis };
}

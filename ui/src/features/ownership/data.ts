// The ownership screen's reads (owners, share sets and proposals, the household's view) and the invalidation every
// change of ownership calls for: one prefix, so no view is left stale.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getOwnership, householdView, listOwners } from "../../api/commands";
import { queryKeys } from "../../api/query-keys";

export function useOwnershipData() {
  const owners = useQuery({ queryKey: queryKeys.owners, queryFn: listOwners });
  const overview = useQuery({ queryKey: queryKeys.ownershipOverview, queryFn: getOwnership });
  const household = useQuery({ queryKey: queryKeys.household(null), queryFn: () => householdView({ view: null, asOf: null, basis: null }) });
  return { owners, overview, household, error: owners.error ?? overview.error ?? household.error };
}

/** Makes every ownership read stale (owners, sets, proposals, each view and its net worths). */
export function useOwnershipChanged(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.ownership });
}

// The ownership screen's reads (owners, share sets and proposals, the household's view and the selected one, the
// structure chart) and the invalidation every change of ownership calls for: one prefix, so no view is left stale.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getOwnership, householdView, ownershipChart } from "../../api/commands";
import { useOwners } from "../../api/queries";
import { queryKeys } from "../../api/query-keys";
import { HOUSEHOLD, type ViewScope } from "../../api/scope";
import { usePreferences } from "../../preferences/hooks";

function useHouseholdView(scope: ViewScope) {
  return useQuery({ queryKey: queryKeys.household(scope), queryFn: () => householdView({ ...scope, asOf: null }) });
}

export function useOwnershipData() {
  const { reportLocale: locale, theme, viewScope } = usePreferences();
  const owners = useOwners();
  const overview = useQuery({ queryKey: queryKeys.ownershipOverview, queryFn: getOwnership });
  // Every active account, whoever the view is: the forms assign accounts the selected owner does not hold.
  const household = useHouseholdView(HOUSEHOLD);
  // The same query as `household` while the household is shown.
  const viewed = useHouseholdView(viewScope);
  const chart = useQuery({ queryKey: queryKeys.ownershipChart(locale, theme), queryFn: () => ownershipChart({ asOf: null, locale, theme }) });
  return { owners, overview, household, viewed, chart, error: owners.error ?? overview.error ?? household.error ?? viewed.error ?? chart.error };
}

/** Makes every ownership read stale (owners, sets, proposals, each view and its net worths, the chart). */
export function useOwnershipChanged(): () => void {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.ownership });
}

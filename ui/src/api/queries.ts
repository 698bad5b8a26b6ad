// The reads several screens share, one hook each, so that a query's key and its call (with the view's scope in
// both) are written once and cannot drift apart.
import { useQuery } from "@tanstack/react-query";
import { getBalances, listAccounts, listOwners } from "./commands";
import { queryKeys } from "./query-keys";
import type { ViewScope } from "./scope";

/** The accounts of a view; `enabled` waits for the core when the caller needs to. */
export function useAccounts(includeInactive: boolean, scope: ViewScope, enabled = true) {
  return useQuery({ queryKey: queryKeys.accounts(includeInactive, scope), queryFn: () => listAccounts(includeInactive, scope), enabled });
}

/** Every account's balances in a view (the consolidated history is the view's part). */
export function useBalances(scope: ViewScope) {
  return useQuery({ queryKey: queryKeys.balances(scope), queryFn: () => getBalances([], scope) });
}

/** The household's owners (people and entities), for names, colours and the view selector. */
export function useOwners(enabled = true) {
  return useQuery({ queryKey: queryKeys.owners, queryFn: listOwners, enabled });
}

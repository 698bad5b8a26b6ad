// Every TanStack Query key in one place, so invalidation after a sync cannot miss one.
import type { TransactionsListInput } from "../bindings/TransactionsListInput";

export const queryKeys = {
  status: ["app-status"] as const,
  accounts: (includeInactive: boolean) => ["accounts", { includeInactive }] as const,
  allAccounts: ["accounts"] as const,
  transactions: (filters: Partial<TransactionsListInput>) => ["transactions", filters] as const,
  allTransactions: ["transactions"] as const,
  balances: ["balances"] as const,
  dashboard: (locale: string, theme: string) => ["balances", "dashboard", locale, theme] as const,
  accountBalances: (accountId: string) => ["balances", accountId] as const,
  runs: ["runs"] as const,
  telemetry: ["runs", "telemetry"] as const,
  settings: ["settings"] as const,
  webhooks: ["settings", "webhooks"] as const,
  overviews: ["overviews"] as const,
  overview: (revision: number | null) => ["overviews", "document", revision] as const,
  charts: (revision: number | null, locale: string, theme: string) => ["overviews", "charts", revision, locale, theme] as const,
  rates: ["rates"] as const,
  baseCurrency: ["base-currency"] as const,
  ownership: ["ownership"] as const,
  owners: ["ownership", "owners"] as const,
  ownershipOverview: ["ownership", "overview"] as const,
  household: (view: string | null) => ["ownership", "household", view] as const,
};

/** What a finished refresh makes stale. */
export const refreshedKeys = [queryKeys.allAccounts, queryKeys.allTransactions, queryKeys.balances, queryKeys.runs, queryKeys.ownership];

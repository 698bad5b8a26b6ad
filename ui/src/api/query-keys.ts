// Every TanStack Query key in one place, so invalidation after a sync cannot miss one. Reads that follow the view
// carry its scope (view and basis) in their key: switching the view asks for new keys, and nothing is invalidated.
import type { TransactionsListInput } from "../bindings/TransactionsListInput";
import type { ViewScope } from "./scope";

export const queryKeys = {
  status: ["app-status"] as const,
  /** The app lock's status: the one query kept while locked. */
  lock: ["app-lock"] as const,
  accounts: (includeInactive: boolean, scope: ViewScope) => ["accounts", { includeInactive, ...scope }] as const,
  allAccounts: ["accounts"] as const,
  /** The core's alerts about the bank connections (consent, a login needing someone, stale data) and the money. */
  alerts: ["alerts"] as const,
  /** Every alert raised, seen and cleared (a refresh adds to it, so it sits under the alerts' key). */
  alertHistory: ["alerts", "history"] as const,
  /** Which alerts are on (Settings); not under the alerts' key: a refresh leaves them as they are. */
  alertSettings: ["alert-settings"] as const,
  /** The input itself carries the view and basis. */
  transactions: (input: Partial<TransactionsListInput>) => ["transactions", input] as const,
  allTransactions: ["transactions"] as const,
  balances: (scope: ViewScope) => ["balances", "all", scope] as const,
  allBalances: ["balances"] as const,
  dashboard: (locale: string, theme: string, scope: ViewScope) => ["balances", "dashboard", locale, theme, scope] as const,
  accountBalances: (accountId: string, scope: ViewScope) => ["balances", accountId, scope] as const,
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
  household: (scope: ViewScope) => ["ownership", "household", scope] as const,
  ownershipChart: (locale: string, theme: string) => ["ownership", "chart", locale, theme] as const,
  wealth: (scope: ViewScope) => ["wealth", scope] as const,
  allWealth: ["wealth"] as const,
  investments: (accountIds: string[], includeEnded: boolean, scope: ViewScope) => ["investments", { accountIds, includeEnded, ...scope }] as const,
  investmentHistory: (positionId: string) => ["investments", "history", positionId] as const,
  allInvestments: ["investments"] as const,
  /** Loans are whole whatever the view: no scope. */
  loans: (schedule: boolean) => ["loans", { schedule }] as const,
  allLoans: ["loans"] as const,
};

/** What a finished refresh makes stale. */
export const refreshedKeys = [queryKeys.allAccounts, queryKeys.alerts, queryKeys.allTransactions, queryKeys.allBalances, queryKeys.runs, queryKeys.ownership, queryKeys.allWealth, queryKeys.allInvestments, queryKeys.allLoans];

// The only file that calls `invoke`: one typed function per Tauri command. Types come from Rust (ts-rs).
import { invoke } from "@tauri-apps/api/core";
import type { AccountsListOutput } from "../bindings/AccountsListOutput";
import type { AppStatus } from "../bindings/AppStatus";
import type { BalancesGetOutput } from "../bindings/BalancesGetOutput";
import type { IntegrationSettings } from "../bindings/IntegrationSettings";
import type { IpcError } from "../bindings/IpcError";
import type { RefreshOutcome } from "../bindings/RefreshOutcome";
import type { RunRecord } from "../bindings/RunRecord";
import type { TransactionsListInput } from "../bindings/TransactionsListInput";
import type { TransactionsListOutput } from "../bindings/TransactionsListOutput";

export function appStatus(): Promise<AppStatus> {
  return invoke<AppStatus>("app_status");
}

export function listAccounts(includeInactive: boolean): Promise<AccountsListOutput> {
  return invoke<AccountsListOutput>("list_accounts", { includeInactive });
}

export function refresh(): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("refresh");
}

export function addBank(): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("add_bank");
}

export function reconnectBank(connectionId: string): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("reconnect_bank", { connectionId });
}

export function listTransactions(input: Partial<TransactionsListInput>): Promise<TransactionsListOutput> {
  return invoke<TransactionsListOutput>("list_transactions", { input });
}

export function getBalances(): Promise<BalancesGetOutput> {
  return invoke<BalancesGetOutput>("get_balances", { input: {} });
}

export function integrationSettings(): Promise<IntegrationSettings> {
  return invoke<IntegrationSettings>("integration_settings");
}

export function listRuns(limit = 50): Promise<RunRecord[]> {
  return invoke<RunRecord[]>("list_runs", { limit });
}

/** Commands reject with `{code, message}`; anything else (a bug, a lost IPC channel) gets a generic shape. */
export function asIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error as IpcError;
  }
  return { code: "internal", message: typeof error === "string" ? error : "Something went wrong." };
}

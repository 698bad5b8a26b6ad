// The only file that calls `invoke`: one typed function per Tauri command. Types come from Rust (ts-rs).
import { invoke } from "@tauri-apps/api/core";
import type { AccountsListOutput } from "../bindings/AccountsListOutput";
import type { AccountsSyncOutput } from "../bindings/AccountsSyncOutput";
import type { AppStatus } from "../bindings/AppStatus";
import type { IpcError } from "../bindings/IpcError";

export function appStatus(): Promise<AppStatus> {
  return invoke<AppStatus>("app_status");
}

export function listAccounts(includeInactive: boolean): Promise<AccountsListOutput> {
  return invoke<AccountsListOutput>("list_accounts", { includeInactive });
}

export function syncAccounts(): Promise<AccountsSyncOutput> {
  return invoke<AccountsSyncOutput>("sync_accounts");
}

/** Commands reject with `{code, message}`; anything else (a bug, a lost IPC channel) gets a generic shape. */
export function asIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error as IpcError;
  }
  return { code: "internal", message: typeof error === "string" ? error : "Something went wrong." };
}

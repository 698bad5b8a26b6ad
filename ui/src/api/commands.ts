// The only file that calls `invoke`: one typed function per Tauri command. Types come from Rust (ts-rs). The core's
// operations (the table in `pfo_core::ops`) all take one `input` object; the shell's own commands (refresh, the
// connect window, backups, the webhook listener) take their arguments by name.
import { invoke } from "@tauri-apps/api/core";
import type { AccountsListOutput } from "../bindings/AccountsListOutput";
import type { AlertHistoryInput } from "../bindings/AlertHistoryInput";
import type { AlertOccurrence } from "../bindings/AlertOccurrence";
import type { AlertSettings } from "../bindings/AlertSettings";
import type { AlertsOutput } from "../bindings/AlertsOutput";
import type { AppStatus } from "../bindings/AppStatus";
import type { BalancesGetOutput } from "../bindings/BalancesGetOutput";
import type { ConnectionRequest } from "../bindings/ConnectionRequest";
import type { ConnectionSyncInput } from "../bindings/ConnectionSyncInput";
import type { ConnectionSyncOutput } from "../bindings/ConnectionSyncOutput";
import type { IntegrationSettings } from "../bindings/IntegrationSettings";
import type { WebhookReceiverStatus } from "../bindings/WebhookReceiverStatus";
import type { IpcError } from "../bindings/IpcError";
import type { RefreshOutcome } from "../bindings/RefreshOutcome";
import type { RunRecord } from "../bindings/RunRecord";
import type { TransactionsListInput } from "../bindings/TransactionsListInput";
import type { TransactionsListOutput } from "../bindings/TransactionsListOutput";
import type { ChartTheme } from "../bindings/ChartTheme";
import type { DocumentSummary } from "../bindings/DocumentSummary";
import type { ExchangeRate } from "../bindings/ExchangeRate";
import type { GenerateOverviewInput } from "../bindings/GenerateOverviewInput";
import type { GenerateOverviewOutput } from "../bindings/GenerateOverviewOutput";
import type { OverviewCharts } from "../bindings/OverviewCharts";
import type { ReportLocale } from "../bindings/ReportLocale";
import type { SavedFile } from "../bindings/SavedFile";
import type { StoredOverview } from "../bindings/StoredOverview";
import type { DashboardOverview } from "../bindings/DashboardOverview";
import type { PowensConnected } from "../bindings/PowensConnected";
import type { BackupSummary } from "../bindings/BackupSummary";
import type { RestoreSummary } from "../bindings/RestoreSummary";
import type { HouseholdView } from "../bindings/HouseholdView";
import type { HouseholdViewInput } from "../bindings/HouseholdViewInput";
import type { Owner } from "../bindings/Owner";
import type { OwnerAddInput } from "../bindings/OwnerAddInput";
import type { OwnerEditInput } from "../bindings/OwnerEditInput";
import type { OwnerRemoveInput } from "../bindings/OwnerRemoveInput";
import type { OwnershipOverview } from "../bindings/OwnershipOverview";
import type { OwnershipSetInput } from "../bindings/OwnershipSetInput";
import type { ProposalInput } from "../bindings/ProposalInput";
import type { ShareSet } from "../bindings/ShareSet";
import type { DashboardInput } from "../bindings/DashboardInput";
import type { OwnershipChartInput } from "../bindings/OwnershipChartInput";
import type { StructureChart } from "../bindings/StructureChart";
import type { InvestmentHistoryOutput } from "../bindings/InvestmentHistoryOutput";
import type { InvestmentsListOutput } from "../bindings/InvestmentsListOutput";
import type { LoansGetOutput } from "../bindings/LoansGetOutput";
import type { LockConfigureInput } from "../bindings/LockConfigureInput";
import type { LockStatus } from "../bindings/LockStatus";
import type { Wealth } from "../bindings/Wealth";
import type { ViewScope } from "./scope";

export function appStatus(): Promise<AppStatus> {
  return invoke<AppStatus>("app_status");
}

/** Tells the shell a start-up mark was reached (logged once, for the cold-start benchmark). */
export function reportStartup(mark: "shell" | "data"): Promise<void> {
  return invoke<void>("report_startup", { mark });
}

/** The accounts of a view (an owner's omits what they do not hold), each active one with its owners and the view's part. */
export function listAccounts(includeInactive: boolean, scope: ViewScope): Promise<AccountsListOutput> {
  return invoke<AccountsListOutput>("list_accounts", { input: { includeInactive, ...scope } });
}

export function refresh(): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("refresh");
}

/** Opens the Powens connect webview in the UI's language. */
export function addBank(locale: ReportLocale): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("add_bank", { locale });
}

export function reconnectBank(connectionId: string, locale: ReportLocale): Promise<RefreshOutcome> {
  return invoke<RefreshOutcome>("reconnect_bank", { connectionId, locale });
}

/** Asks Powens to sync one bank connection now, or to renew its consent or resume a login the bank's app approved
 * (`request` null: the core picks from the connection's state). The answer says what was asked and the connection
 * as Powens reports it then, with the one action it calls for next. */
export function syncConnection(connectionId: string, request: ConnectionRequest | null): Promise<ConnectionSyncOutput> {
  const input: ConnectionSyncInput = { connectionId, request };
  return invoke<ConnectionSyncOutput>("sync_connection", { input });
}

/** The alerts the core raises about the bank connections (consent ending, a login needing someone, stale data) and
 * the money (a large movement, a current account below its threshold, a balance its transactions do not explain),
 * those that need someone first, each with its message and, when one fixes it, the connection's action. */
export function listAlerts(): Promise<AlertsOutput> {
  return invoke<AlertsOutput>("list_alerts");
}

/** Which alerts are on, with their windows and thresholds (amounts as exact decimal text, in the base currency). */
export function getAlertSettings(): Promise<AlertSettings> {
  return invoke<AlertSettings>("get_alert_settings");
}

/** Saves the alert settings; the core refuses a window or threshold out of range, naming the field. */
export function setAlertSettings(input: AlertSettings): Promise<AlertSettings> {
  return invoke<AlertSettings>("set_alert_settings", { input });
}

/** Every time an alert was raised, newest first: when, its latest wording, and when it cleared (null: it stands). */
export function alertHistory(limit: number | null = 100): Promise<AlertOccurrence[]> {
  const input: AlertHistoryInput = { limit };
  return invoke<AlertOccurrence[]>("alert_history", { input });
}

export function listTransactions(input: Partial<TransactionsListInput>): Promise<TransactionsListOutput> {
  return invoke<TransactionsListOutput>("list_transactions", { input });
}

/** Balances of a view's accounts; `consolidated` is the view's part, `latest` and `history` whole balances. */
export function getBalances(accountIds: string[], scope: ViewScope): Promise<BalancesGetOutput> {
  return invoke<BalancesGetOutput>("get_balances", { input: { accountIds, ...scope } });
}

export function integrationSettings(): Promise<IntegrationSettings> {
  return invoke<IntegrationSettings>("integration_settings");
}

export function listRuns(limit = 50): Promise<RunRecord[]> {
  return invoke<RunRecord[]>("list_runs", { input: { limit } });
}

/** Commands reject with `{code, message}`; anything else (a bug, a lost IPC channel) gets a generic shape. */
export function exportTransactionsCsv(input: Partial<TransactionsListInput>): Promise<SavedFile> {
  return invoke<SavedFile>("export_transactions_csv", { input: { filter: input } });
}

export function generateOverview(input: GenerateOverviewInput): Promise<GenerateOverviewOutput> {
  return invoke<GenerateOverviewOutput>("generate_overview", { input });
}

export function dashboardOverview(input: DashboardInput): Promise<DashboardOverview> {
  return invoke<DashboardOverview>("dashboard_overview", { input });
}

export function listOverviews(): Promise<DocumentSummary[]> {
  return invoke<DocumentSummary[]>("list_overviews");
}

export function getOverview(revision: number | null): Promise<StoredOverview | null> {
  return invoke<StoredOverview | null>("get_overview", { input: { revision } });
}

export function overviewCharts(revision: number | null, locale: ReportLocale, theme: ChartTheme): Promise<OverviewCharts> {
  return invoke<OverviewCharts>("overview_charts", { input: { revision, locale, theme } });
}

export function exportOverview(revision: number | null, format: "md" | "html", locale: ReportLocale): Promise<SavedFile> {
  return invoke<SavedFile>("export_overview", { input: { revision, format, locale } });
}

export function listExchangeRates(): Promise<ExchangeRate[]> {
  return invoke<ExchangeRate[]>("list_exchange_rates");
}

export function setExchangeRate(currency: string, rate: string, asOf: string): Promise<ExchangeRate> {
  return invoke<ExchangeRate>("set_exchange_rate", { input: { currency, rate, asOf } });
}

export function deleteExchangeRate(currency: string, asOf: string): Promise<boolean> {
  return invoke<boolean>("delete_exchange_rate", { input: { currency, asOf } });
}

export function getBaseCurrency(): Promise<string> {
  return invoke<string>("get_base_currency");
}

export function setBaseCurrency(code: string): Promise<string> {
  return invoke<string>("set_base_currency", { input: { code } });
}

/** A telemetry event as the core logged it (already redacted). */
export interface TelemetryEvent {
  name: string;
  at: string;
  properties: Record<string, unknown>;
}

export function telemetryTail(limit = 50): Promise<TelemetryEvent[]> {
  return invoke<TelemetryEvent[]>("telemetry_tail", { input: { limit } });
}

/** The settings form's values; the secret is sent once and kept only in the OS keyring. */
export interface PowensSetup {
  environment: "production" | "sandbox";
  baseUrl: string;
  region: string | null;
  pollingIntervalMs: number | null;
  clientId: string;
  clientSecret: string;
  apiKey: string | null;
  webhookSecret: string | null;
}

export function configurePowens(setup: PowensSetup): Promise<PowensConnected> {
  return invoke<PowensConnected>("configure_powens", { setup });
}

/** The webhook receiver of the Settings switch. */
export function webhookReceiverStatus(): Promise<WebhookReceiverStatus> {
  return invoke<WebhookReceiverStatus>("webhook_receiver_status");
}

export function startWebhookReceiver(): Promise<WebhookReceiverStatus> {
  return invoke<WebhookReceiverStatus>("start_webhook_receiver", { port: null });
}

export function stopWebhookReceiver(): Promise<WebhookReceiverStatus> {
  return invoke<WebhookReceiverStatus>("stop_webhook_receiver");
}

/** Writes a backup (into the Downloads folder) under a passphrase that is sent once and never kept. */
export function createBackup(passphrase: string): Promise<BackupSummary> {
  return invoke<BackupSummary>("create_backup", { passphrase });
}

/** Restores a backup; the core then opens the restored store and every screen reads again. */
export function restoreBackup(path: string, passphrase: string): Promise<RestoreSummary> {
  return invoke<RestoreSummary>("restore_backup", { path, passphrase });
}

/** The household's owners: people and entities. */
export function listOwners(): Promise<Owner[]> {
  return invoke<Owner[]>("list_owners", { input: {} });
}

export function addOwner(input: OwnerAddInput): Promise<Owner> {
  return invoke<Owner>("add_owner", { input });
}

export function editOwner(input: OwnerEditInput): Promise<Owner> {
  return invoke<Owner>("edit_owner", { input });
}

export function removeOwner(input: OwnerRemoveInput): Promise<boolean> {
  return invoke<boolean>("remove_owner", { input });
}

/** Every owner, every share set recorded (the history) and the banks' proposals. */
export function getOwnership(): Promise<OwnershipOverview> {
  return invoke<OwnershipOverview>("get_ownership", { input: {} });
}

/** Records a holding's owners from a day on; the core refuses shares that do not add up to 100 %. */
export function setOwnership(input: OwnershipSetInput): Promise<ShareSet> {
  return invoke<ShareSet>("set_ownership", { input });
}

export function acceptOwnershipProposal(input: ProposalInput): Promise<ShareSet> {
  return invoke<ShareSet>("accept_ownership_proposal", { input });
}

export function dismissOwnershipProposal(input: ProposalInput): Promise<boolean> {
  return invoke<boolean>("dismiss_ownership_proposal", { input });
}

/** One owner's view (the household's when `view` is null): accounts with exact parts, and every owner's net worth. */
export function householdView(input: HouseholdViewInput): Promise<HouseholdView> {
  return invoke<HouseholdView>("household_view", { input });
}

/** The household's structure as the core draws it (names included: the window's picture, never a report's), with
 * each owner's box in the SVG's pixels. */
export function ownershipChart(input: OwnershipChartInput): Promise<StructureChart> {
  return invoke<StructureChart>("ownership_chart", { input });
}

/** The balance sheet of a view today: net worth by asset class, currency and account, the holdings rolled up by ISIN. */
export function getWealth(scope: ViewScope): Promise<Wealth> {
  return invoke<Wealth>("get_wealth", { input: { ...scope } });
}

/** The positions of investment accounts (every one when `accountIds` is empty), each with the view's part. */
export function listInvestments(accountIds: string[], includeEnded: boolean, scope: ViewScope): Promise<InvestmentsListOutput> {
  return invoke<InvestmentsListOutput>("list_investments", { input: { accountIds, includeEnded, ...scope } });
}

/** One position's value on every value day a sync has seen, oldest first (whole: history is not shared out). */
export function investmentHistory(positionId: string): Promise<InvestmentHistoryOutput> {
  return invoke<InvestmentHistoryOutput>("investment_history", { input: { positionId } });
}

/** Every active loan with its capital due, terms and coming payments; with `schedule`, every period of it too. Loans
 * are whole: the core does not share them out by owner yet. */
export function getLoans(schedule: boolean): Promise<LoansGetOutput> {
  return invoke<LoansGetOutput>("get_loans", { input: { schedule } });
}

/** The app lock: whether one is set, whether the app is locked now, and its settings. Answered even while locked. */
export function lockStatus(): Promise<LockStatus> {
  return invoke<LockStatus>("lock_status");
}

/** Opens the window and every command with the lock's passphrase, sent once and never kept. */
export function unlockApp(passphrase: string): Promise<LockStatus> {
  return invoke<LockStatus>("unlock_app", { passphrase });
}

/** Locks now (the lock button, Ctrl+L, the idle timer). */
export function lockApp(): Promise<LockStatus> {
  return invoke<LockStatus>("lock_app");
}

/** Sets a first lock, or changes its passphrase or settings (the current passphrase required then). Does not lock. */
export function configureAppLock(input: LockConfigureInput): Promise<LockStatus> {
  return invoke<LockStatus>("configure_app_lock", { input });
}

export function removeAppLock(current: string): Promise<LockStatus> {
  return invoke<LockStatus>("remove_app_lock", { current });
}

export function asIpcError(error: unknown): IpcError {
  if (error && typeof error === "object" && "code" in error && "message" in error) {
    return error as IpcError;
  }
  return { code: "internal", message: typeof error === "string" ? error : "Something went wrong." };
}

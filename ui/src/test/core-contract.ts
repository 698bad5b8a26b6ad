// The IPC contract as the fake core must honour it: every command name the UI invokes, tied to the function of
// api/commands.ts that invokes it. A fake answer's type is that function's result (types generated from Rust by
// ts-rs) as JSON carries it, so `tsc --noEmit` fails when the fake and the bindings drift apart; core-contract.test.ts
// proves each name is the one its function invokes, and that no function of commands.ts is left out.
import * as api from "../api/commands";

export const COMMANDS = {
  app_status: api.appStatus,
  report_startup: api.reportStartup,
  list_accounts: api.listAccounts,
  refresh: api.refresh,
  add_bank: api.addBank,
  reconnect_bank: api.reconnectBank,
  sync_connection: api.syncConnection,
  list_alerts: api.listAlerts,
  get_alert_settings: api.getAlertSettings,
  set_alert_settings: api.setAlertSettings,
  alert_history: api.alertHistory,
  list_transactions: api.listTransactions,
  get_balances: api.getBalances,
  integration_settings: api.integrationSettings,
  list_runs: api.listRuns,
  export_transactions_csv: api.exportTransactionsCsv,
  generate_overview: api.generateOverview,
  dashboard_overview: api.dashboardOverview,
  list_overviews: api.listOverviews,
  get_overview: api.getOverview,
  overview_charts: api.overviewCharts,
  export_overview: api.exportOverview,
  list_exchange_rates: api.listExchangeRates,
  set_exchange_rate: api.setExchangeRate,
  delete_exchange_rate: api.deleteExchangeRate,
  get_base_currency: api.getBaseCurrency,
  set_base_currency: api.setBaseCurrency,
  telemetry_tail: api.telemetryTail,
  configure_powens: api.configurePowens,
  webhook_receiver_status: api.webhookReceiverStatus,
  start_webhook_receiver: api.startWebhookReceiver,
  stop_webhook_receiver: api.stopWebhookReceiver,
  create_backup: api.createBackup,
  restore_backup: api.restoreBackup,
  list_owners: api.listOwners,
  add_owner: api.addOwner,
  edit_owner: api.editOwner,
  remove_owner: api.removeOwner,
  get_ownership: api.getOwnership,
  set_ownership: api.setOwnership,
  accept_ownership_proposal: api.acceptOwnershipProposal,
  dismiss_ownership_proposal: api.dismissOwnershipProposal,
  household_view: api.householdView,
  ownership_chart: api.ownershipChart,
  get_wealth: api.getWealth,
  list_investments: api.listInvestments,
  investment_history: api.investmentHistory,
  get_loans: api.getLoans,
  lock_status: api.lockStatus,
  unlock_app: api.unlockApp,
  lock_app: api.lockApp,
  configure_app_lock: api.configureAppLock,
  remove_app_lock: api.removeAppLock,
} as const;

export type CommandName = keyof typeof COMMANDS;

/** A binding type as it arrives over IPC: Rust's u64/i64 (bigint in ts-rs) are plain JSON numbers. */
export type Wire<T> = T extends bigint
  ? number
  : T extends ReadonlyArray<infer Item>
    ? Wire<Item>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** What the core answers to `name`. */
export type Output<Name extends CommandName> = Wire<Awaited<ReturnType<(typeof COMMANDS)[Name]>>>;

/** A fake command: the invoke payload in, the command's answer out (or a rejection: throw `{ code, message }`). */
export type Handler<Name extends CommandName> = (args: Record<string, unknown>) => Output<Name> | Promise<Output<Name>>;

export type FakeCommands = { [Name in CommandName]: Handler<Name> };

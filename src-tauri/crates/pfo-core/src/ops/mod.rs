//! The one door into the core: every operation the window, the CLI and `pfo contracts call` reach, registered once.
//!
//! [`operation_table!`] is the table: one row per operation, with its IPC command name, its contract name, whether
//! it changes state, its typed input and output, its handler and what it does. From it come the contract registry
//! ([`registry`], printed by `pfo contracts`), the JSON dispatch ([`call`], behind `pfo contracts call`), and in
//! the desktop shell the Tauri command of each row and the command list (`pfo-desktop/src/commands/ipc.rs`). The
//! CLI's subcommands call the same typed handlers. Adding a capability is one row here and one handler.
//!
//! Commands that reach the bank data provider run as their workflow (guardrail, run record, telemetry): their
//! handlers live in [`workflows`]. The shells keep only what needs them: windows, events, the webhook listener's
//! lifetime, swapping the core after a restore.

pub mod alerts;
pub mod consolidation;
pub mod files;
pub mod history;
pub mod household;
pub mod overview;
pub mod status;
pub mod wealth;
pub mod workflows;

use crate::app::App;
use crate::error::{Error, Result};
use schemars::{JsonSchema, Schema};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The table of operations. Invokes `$callback!` with one row per operation:
/// `ipc_name, "contract.name", Kind, Input, Output, handler, "description";`.
#[macro_export]
macro_rules! operation_table {
    ($callback:ident) => {
        $callback! {
            app_status, "pfo.app.status", Query, $crate::ops::NoInput, $crate::ops::status::AppStatus,
                $crate::ops::status::app_status, "Which profile is open (demo or live) and the app version.";
            integration_settings, "pfo.integrations.settings", Query, $crate::ops::NoInput, $crate::settings::IntegrationSettings,
                $crate::ops::status::integration_settings, "The open-banking integration: spec, configured values, which secrets the keyring holds (never their values).";
            list_accounts, "openbanking.accounts.list", Query, $crate::contracts::accounts::AccountsListInput, $crate::contracts::accounts::AccountsListOutput,
                $crate::contracts::accounts::list, "Lists the stored accounts and connections; IBANs and account numbers are masked.";
            sync_accounts, "openbanking.accounts.sync", Command, $crate::contracts::accounts::AccountsSyncInput, $crate::contracts::accounts::AccountsSyncOutput,
                $crate::ops::workflows::sync_accounts, "Reads every connection and account from the open-banking provider and stores them.";
            list_transactions, "openbanking.transactions.list", Query, $crate::contracts::transactions::TransactionsListInput, $crate::contracts::transactions::TransactionsListOutput,
                $crate::contracts::transactions::list, "Lists stored transactions with filters, full-text search, sort, keyset pages and totals.";
            sync_transactions, "openbanking.transactions.sync", Command, $crate::contracts::transactions::TransactionsSyncInput, $crate::contracts::transactions::TransactionsSyncOutput,
                $crate::ops::workflows::sync_transactions, "Reads transactions changed since the last sync (deletions and bookings included) and stores them.";
            export_transactions_csv, "pfo.transactions.export-csv", Command, $crate::ops::files::TransactionsExportInput, $crate::export::SavedFile,
                $crate::ops::files::export_transactions_csv, "Writes every transaction of a filter as CSV into a new file (the export folder by default).";
            get_balances, "openbanking.balances.get", Query, $crate::contracts::balances::BalancesGetInput, $crate::contracts::balances::BalancesGetOutput,
                $crate::contracts::balances::get, "Latest balances, per-account history and the consolidated history per currency.";
            refresh_balances, "openbanking.balances.refresh", Command, $crate::contracts::balances::BalancesRefreshInput, $crate::contracts::balances::BalancesRefreshOutput,
                $crate::ops::workflows::refresh_balances, "Reads every active account's balances and stores them as a dated snapshot.";
            list_investments, "openbanking.investments.list", Query, $crate::contracts::investments::InvestmentsListInput, $crate::contracts::investments::InvestmentsListOutput,
                $crate::contracts::investments::list, "The positions of the investment accounts (with a view, the owner's part of each) and each account's total.";
            investment_history, "openbanking.investments.history", Query, $crate::contracts::investments::InvestmentHistoryInput, $crate::contracts::investments::InvestmentHistoryOutput,
                $crate::contracts::investments::history, "One position's value on every value day a sync has seen.";
            list_market_orders, "openbanking.investments.orders", Query, $crate::ops::NoInput, $crate::contracts::investments::MarketOrdersOutput,
                $crate::contracts::investments::orders, "The buy and sale orders of the investment accounts, newest first.";
            sync_investments, "openbanking.investments.sync", Command, $crate::contracts::investments::InvestmentsSyncInput, $crate::contracts::investments::InvestmentsSyncOutput,
                $crate::ops::workflows::sync_investments, "Reads every position of the investment accounts and stores it with its value of the day.";
            get_loans, "openbanking.loans.get", Query, $crate::contracts::loans::LoansGetInput, $crate::contracts::loans::LoansGetOutput,
                $crate::contracts::loans::get, "Every loan with its capital still due, its coming payments, the interest and insurance still to pay, and its schedule.";
            sync_loans, "openbanking.loans.sync", Command, $crate::contracts::loans::LoansSyncInput, $crate::contracts::loans::LoansSyncOutput,
                $crate::ops::workflows::sync_loans, "Reads every loan's amortization schedule and stores it.";
            sync_connection, "openbanking.connections.sync", Command, $crate::contracts::connections::ConnectionSyncInput, $crate::contracts::connections::ConnectionSyncOutput,
                $crate::ops::workflows::sync_connection, "Asks the provider to sync one bank connection now (the user is present; the bank may ask for SCA) and stores its state.";
            generate_overview, "pfo.openbanking.generate-overview", Command, $crate::overview::GenerateOverviewInput, $crate::overview::GenerateOverviewOutput,
                $crate::ops::workflows::generate_overview, "Aggregates balances and transactions of a period into the financial overview and files it in knowledge.financial-overview.";
            list_overviews, "pfo.overview.list", Query, $crate::ops::NoInput, Vec<$crate::knowledge::DocumentSummary>,
                $crate::ops::overview::list, "The overviews the knowledge space keeps, newest first.";
            get_overview, "pfo.overview.get", Query, $crate::ops::overview::OverviewGetInput, Option<$crate::ops::overview::StoredOverview>,
                $crate::ops::overview::get, "A kept overview (the latest without a revision), redacted; null when none was generated yet.";
            overview_charts, "pfo.overview.charts", Query, $crate::ops::overview::OverviewChartsInput, $crate::overview::charts::Charts,
                $crate::ops::overview::charts, "The SVG charts of a kept overview, in a language and theme.";
            export_overview, "pfo.overview.export", Command, $crate::ops::overview::OverviewExportInput, $crate::export::SavedFile,
                $crate::ops::overview::export, "Writes the advisor report (md or html) of a kept overview into a new file (the export folder by default).";
            dashboard_overview, "pfo.overview.dashboard", Query, $crate::ops::overview::DashboardInput, $crate::ops::overview::DashboardOverview,
                $crate::ops::overview::dashboard, "The last 12 months computed now from the store (not filed), with its charts.";
            get_base_currency, "pfo.base-currency.get", Query, $crate::ops::NoInput, String,
                $crate::ops::consolidation::base_currency, "The base currency consolidated figures are reported in.";
            set_base_currency, "pfo.base-currency.set", Command, $crate::ops::consolidation::BaseCurrencyInput, String,
                $crate::ops::consolidation::set_base_currency, "Sets the base currency (ISO 4217); returns it normalised.";
            list_exchange_rates, "pfo.rates.list", Query, $crate::ops::NoInput, Vec<$crate::fx::ExchangeRate>,
                $crate::ops::consolidation::rates, "Every exchange rate the household recorded.";
            set_exchange_rate, "pfo.rates.set", Command, $crate::ops::consolidation::RateSetInput, $crate::fx::ExchangeRate,
                $crate::ops::consolidation::set_rate, "Records 1 currency = rate in the base currency, taken on a day (today by default).";
            delete_exchange_rate, "pfo.rates.delete", Command, $crate::ops::consolidation::RateDeleteInput, bool,
                $crate::ops::consolidation::delete_rate, "Forgets a rate; answers whether one was there.";
            list_alerts, "pfo.alerts.list", Query, $crate::ops::NoInput, $crate::ops::alerts::AlertsOutput,
                $crate::ops::alerts::list, "The alerts standing now, by the household's settings: a consent ending, a connection needing the household, stale data (each with the action that fixes it), a large movement, a low balance, a balance its transactions do not explain.";
            get_alert_settings, "pfo.alerts.settings.get", Query, $crate::ops::NoInput, $crate::alerts::AlertSettings,
                $crate::ops::alerts::settings, "Which alerts are on, their windows and thresholds, and whether new ones become desktop notifications.";
            set_alert_settings, "pfo.alerts.settings.set", Command, $crate::alerts::AlertSettings, $crate::alerts::AlertSettings,
                $crate::ops::alerts::set_settings, "Saves which alerts are on, with their windows (days) and thresholds (base currency).";
            alert_history, "pfo.alerts.history", Query, $crate::ops::alerts::AlertHistoryInput, Vec<$crate::store::alerts::AlertOccurrence>,
                $crate::ops::alerts::history, "Every time an alert was raised, newest first, with when a refresh last saw it and when it cleared.";
            list_owners, "pfo.owners.list", Query, $crate::ops::NoInput, Vec<$crate::domain::Owner>,
                $crate::ops::household::list_owners, "The household's owners (people and entities), the primary one first.";
            add_owner, "pfo.owners.add", Command, $crate::ops::household::OwnerAddInput, $crate::domain::Owner,
                $crate::ops::household::add_owner, "Adds a person or an entity; the first owner added is the primary one.";
            edit_owner, "pfo.owners.edit", Command, $crate::ops::household::OwnerEditInput, $crate::domain::Owner,
                $crate::ops::household::edit_owner, "Renames an owner, changes its role, currency or colour, or makes it the primary owner.";
            remove_owner, "pfo.owners.remove", Command, $crate::ops::household::OwnerRemoveInput, bool,
                $crate::ops::household::remove_owner, "Removes an owner that appears in no ownership history.";
            get_ownership, "pfo.ownership.get", Query, $crate::ops::NoInput, $crate::ops::household::OwnershipOverview,
                $crate::ops::household::ownership_overview, "Owners, every share set ever recorded, and the banks' ownership proposals.";
            set_ownership, "pfo.ownership.set", Command, $crate::ops::household::OwnershipSetInput, $crate::household::ShareSet,
                $crate::ops::household::set_ownership, "Records who owns an account or an entity, with exact percentages, from a day on.";
            accept_ownership_proposal, "pfo.ownership.accept-proposal", Command, $crate::ops::household::ProposalInput, $crate::household::ShareSet,
                $crate::ops::household::accept_proposal, "Applies the bank's holders of an account as its owners, in equal shares.";
            dismiss_ownership_proposal, "pfo.ownership.dismiss-proposal", Command, $crate::ops::household::ProposalInput, bool,
                $crate::ops::household::dismiss_proposal, "Sets aside the bank's holders of an account.";
            household_view, "pfo.household.view", Query, $crate::ops::household::HouseholdViewInput, $crate::household::view::HouseholdView,
                $crate::ops::household::household_view, "The accounts and net worth of the household or one owner (look-through shares), and every owner's net worth.";
            ownership_chart, "pfo.ownership.chart", Query, $crate::ops::household::OwnershipChartInput, $crate::household::chart::StructureChart,
                $crate::ops::household::ownership_chart, "The structure as an SVG chart: people above the entities they own, each share on its arrow.";
            get_wealth, "pfo.wealth.get", Query, $crate::wealth::WealthInput, $crate::wealth::Wealth,
                $crate::ops::wealth::get, "The balance sheet of the household or one owner: net worth by asset class, currency and account, and the holdings rolled up by ISIN.";
            list_runs, "pfo.runs.list", Query, $crate::ops::history::RunsListInput, Vec<$crate::domain::RunRecord>,
                $crate::ops::history::runs, "The most recent workflow runs, newest first.";
            telemetry_tail, "pfo.telemetry.tail", Query, $crate::ops::history::TelemetryTailInput, Vec<serde_json::Value>,
                $crate::ops::history::telemetry, "The latest local telemetry events, newest first (redacted when written).";
        }
    };
}

/// The input of an operation that takes none: `{}` (or nothing).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NoInput {}

/// Whether an operation changes state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContractKind {
    /// Writes (syncs, refreshes, settings, files).
    Command,
    /// Reads only.
    Query,
}

/// An operation's public description, as `pfo contracts` prints it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractSpec {
    /// Dotted name, e.g. `openbanking.accounts.sync`.
    pub name: &'static str,
    /// The IPC command the window calls it by.
    pub ipc: &'static str,
    /// Version of its input/output shape.
    pub version: u32,
    /// Command or query.
    pub kind: ContractKind,
    /// What it does.
    pub description: &'static str,
    /// JSON Schema of the input.
    pub input_schema: Schema,
    /// JSON Schema of the output.
    pub output_schema: Schema,
}

fn spec<I: JsonSchema, O: JsonSchema>(ipc: &'static str, name: &'static str, kind: ContractKind, description: &'static str) -> ContractSpec {
    ContractSpec { name, ipc, version: 1, kind, description, input_schema: schemars::schema_for!(I), output_schema: schemars::schema_for!(O) }
}

macro_rules! define_dispatch {
    ($( $ipc:ident, $name:literal, $kind:ident, $input:ty, $output:ty, $handler:path, $description:literal; )*) => {
        /// Every operation this build offers.
        pub fn registry() -> Vec<ContractSpec> {
            vec![$( spec::<$input, $output>(stringify!($ipc), $name, ContractKind::$kind, $description) ),*]
        }

        /// Runs the operation `name` from JSON; `None` when there is no such operation.
        async fn dispatch(app: &App, name: &str, input: serde_json::Value) -> Result<Option<serde_json::Value>> {
            Ok(Some(match name {
                $( $name => to_json($handler(app, parse_input::<$input>(input)?).await?), )*
                _ => return Ok(None),
            }))
        }
    };
}

operation_table!(define_dispatch);

/// Parses an operation's input, naming the offending field on error.
pub fn parse_input<I: DeserializeOwned>(input: serde_json::Value) -> Result<I> {
    let input = if input.is_null() { serde_json::json!({}) } else { input };
    serde_path_to_error::deserialize(input).map_err(|error| {
        let path = error.path().to_string();
        Error::InvalidInput { field: if path == "." { "input".into() } else { path }, reason: error.inner().to_string() }
    })
}

/// What [`call`] answers.
#[derive(Debug)]
pub enum CallAnswer {
    /// The operation's output.
    Output(serde_json::Value),
    /// A command run as its workflow: the run, and the contract's output when the run succeeded.
    Run {
        /// The run record (status, counts, error code and message).
        run: Box<crate::domain::RunRecord>,
        /// The contract's output.
        output: Option<crate::contracts::CommandOutput>,
    },
}

impl CallAnswer {
    /// The answer as JSON: the output, or `{"run": …, "output": …}` for a command run as a workflow.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            CallAnswer::Output(value) => value.clone(),
            CallAnswer::Run { run, output } => serde_json::json!({ "run": run, "output": output.as_ref().map(crate::contracts::CommandOutput::to_json) }),
        }
    }
}

/// Runs the operation `name` with a JSON input (`pfo contracts call`).
///
/// A command that a workflow declares runs through that workflow, like the window's and the CLI's own calls, and
/// the answer carries the run record; every other operation answers its output.
pub async fn call(app: &App, name: &str, input: serde_json::Value) -> Result<CallAnswer> {
    if let Some(workflow) = crate::blueprint::WORKFLOWS.iter().find(|w| w.contract == name) {
        let (run, output) = crate::workflow::run_contract_of(app, workflow, input).await?;
        return Ok(CallAnswer::Run { run: Box::new(run), output });
    }
    match dispatch(app, name, input).await? {
        Some(output) => Ok(CallAnswer::Output(output)),
        None => Err(Error::NotFound { what: format!("operation `{name}`"), fix: "`pfo contracts` lists them" }),
    }
}

pub(crate) fn to_json<T: Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).expect("operation outputs serialize to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_inputs_are_objects_and_every_workflow_contract_is_registered() {
        let specs = registry();
        for key in [|s: &ContractSpec| s.name, |s: &ContractSpec| s.ipc] {
            let mut names: Vec<_> = specs.iter().map(key).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), specs.len(), "each name once");
        }
        for spec in &specs {
            assert_eq!(spec.input_schema.get("type").and_then(|t| t.as_str()), Some("object"), "{}", spec.name);
        }
        for workflow in crate::blueprint::WORKFLOWS {
            let spec = specs.iter().find(|s| s.name == workflow.contract).unwrap_or_else(|| panic!("{} is not registered", workflow.contract));
            assert_eq!(spec.kind, ContractKind::Command, "{}", spec.name);
        }
    }

    #[test]
    fn invalid_input_names_the_field() {
        use crate::contracts::accounts::AccountsListInput;
        let error = parse_input::<AccountsListInput>(serde_json::json!({"includeInactive": "yes"})).unwrap_err();
        assert!(matches!(&error, Error::InvalidInput { field, .. } if field == "includeInactive"), "{error}");
        let error = parse_input::<AccountsListInput>(serde_json::json!({"bogus": 1})).unwrap_err();
        assert!(error.to_string().contains("bogus"), "{error}");
        assert!(parse_input::<AccountsListInput>(serde_json::Value::Null).is_ok());
        assert!(parse_input::<NoInput>(serde_json::json!({"x": 1})).is_err(), "no input means none");
    }

    #[test]
    fn a_day_that_is_not_one_is_refused_in_plain_words_naming_the_field() {
        use crate::contracts::transactions::TransactionsListInput;
        use crate::ops::consolidation::{RateDeleteInput, RateSetInput};
        let error = parse_input::<RateSetInput>(serde_json::json!({"currency": "USD", "rate": "1", "asOf": "2026-13-01"})).unwrap_err();
        assert!(matches!(&error, Error::InvalidInput { field, reason } if field == "asOf" && reason == "`2026-13-01` is not a date; use YYYY-MM-DD"), "{error}");
        let error = parse_input::<RateDeleteInput>(serde_json::json!({"currency": "USD", "asOf": "yesterday"})).unwrap_err();
        assert!(matches!(&error, Error::InvalidInput { field, .. } if field == "asOf"), "{error}");
        let error = parse_input::<TransactionsListInput>(serde_json::json!({"dateTo": "2026-02-30"})).unwrap_err();
        assert!(matches!(&error, Error::InvalidInput { field, .. } if field == "dateTo"), "{error}");
        let read = parse_input::<TransactionsListInput>(serde_json::json!({"dateFrom": "2026-02-01", "dateTo": null})).unwrap();
        assert_eq!((read.date_from, read.date_to), (Some(crate::domain::time::on("2026-02-01")), None));
        let read = parse_input::<RateSetInput>(serde_json::json!({"currency": "USD", "rate": "1", "asOf": ""})).unwrap();
        assert_eq!(read.as_of, None, "an empty day is no day: today, for a rate");
    }
}

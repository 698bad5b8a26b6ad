//! Contracts: the typed commands and queries every caller goes through (the desktop shell and the CLI alike).
//!
//! Each contract has a versioned name, an input and an output type with JSON Schemas, and one async handler.
//! [`registry`] lists them (for `pfo contracts`); [`call`] runs one by name from JSON, refusing unknown or
//! ill-typed fields with an error that names the field.

pub mod accounts;
pub mod balances;
pub mod connections;
pub mod transactions;

use crate::app::App;
use crate::error::{Error, Result};
use schemars::{JsonSchema, Schema};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Whether a contract changes state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContractKind {
    /// Writes (syncs, refreshes).
    Command,
    /// Reads only.
    Query,
}

/// A contract's public description.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContractSpec {
    /// Dotted name, e.g. `openbanking.accounts.sync`.
    pub name: &'static str,
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

fn spec<I: JsonSchema, O: JsonSchema>(name: &'static str, version: u32, kind: ContractKind, description: &'static str) -> ContractSpec {
    ContractSpec {
        name,
        version,
        kind,
        description,
        input_schema: schemars::schema_for!(I),
        output_schema: schemars::schema_for!(O),
    }
}

/// Every contract this build offers.
pub fn registry() -> Vec<ContractSpec> {
    use accounts::*;
    use balances::*;
    use transactions::*;
    vec![
        spec::<AccountsSyncInput, AccountsSyncOutput>(
            accounts::SYNC, 1, ContractKind::Command,
            "Reads every connection and account from the open-banking provider and stores them.",
        ),
        spec::<AccountsListInput, AccountsListOutput>(
            accounts::LIST, 1, ContractKind::Query,
            "Lists the stored accounts and connections; IBANs and account numbers are masked.",
        ),
        spec::<TransactionsSyncInput, TransactionsSyncOutput>(
            transactions::SYNC, 1, ContractKind::Command,
            "Reads transactions changed since the last sync (deletions and bookings included) and stores them.",
        ),
        spec::<TransactionsListInput, TransactionsListOutput>(
            transactions::LIST, 1, ContractKind::Query,
            "Lists stored transactions with filters, full-text search, sort, keyset pages and totals.",
        ),
        spec::<BalancesRefreshInput, BalancesRefreshOutput>(
            REFRESH, 1, ContractKind::Command,
            "Reads every active account's balances and stores them as a dated snapshot.",
        ),
        spec::<BalancesGetInput, BalancesGetOutput>(
            GET, 1, ContractKind::Query,
            "Latest balances, per-account history and the consolidated history per currency.",
        ),
        spec::<connections::ConnectionSyncInput, connections::ConnectionSyncOutput>(
            connections::SYNC, 1, ContractKind::Command,
            "Asks the provider to sync one bank connection now (the user is present; the bank may ask for SCA) and stores its state.",
        ),
        spec::<crate::overview::GenerateOverviewInput, crate::overview::GenerateOverviewOutput>(
            crate::overview::GENERATE, 1, ContractKind::Command,
            "Aggregates balances and transactions of a period into the financial overview and files it in knowledge.financial-overview.",
        ),
    ]
}

/// Parses a contract input, naming the offending field on error.
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
    /// A query's output.
    Query(serde_json::Value),
    /// A command, run as its workflow: the run, and the contract's output when the run succeeded.
    Run {
        /// The run record (status, counts, error code and message).
        run: Box<crate::store::runs::RunRecord>,
        /// The contract's output.
        output: Option<CommandOutput>,
    },
}

impl CallAnswer {
    /// The answer as JSON: a query's output, or `{"run": …, "output": …}` for a command.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            CallAnswer::Query(value) => value.clone(),
            CallAnswer::Run { run, output } => serde_json::json!({ "run": run, "output": output.as_ref().map(CommandOutput::to_json) }),
        }
    }
}

/// Runs the contract `name` with a JSON input.
///
/// A query runs as it is. A command (it reaches the provider or writes the store) runs through the workflow that
/// declares it, like the window's and the CLI's own calls: guardrail, run record, telemetry.
pub async fn call(app: &App, name: &str, input: serde_json::Value) -> Result<CallAnswer> {
    if let Some(workflow) = crate::blueprint::WORKFLOWS.iter().find(|w| w.contract == name) {
        let (run, output) = crate::workflow::run_contract_of(app, workflow, input).await?;
        return Ok(CallAnswer::Run { run: Box::new(run), output });
    }
    let output = match name {
        accounts::LIST => to_json(accounts::list(app, parse_input(input)?).await?),
        transactions::LIST => to_json(transactions::list(app, parse_input(input)?).await?),
        balances::GET => to_json(balances::get(app, parse_input(input)?).await?),
        other => {
            return Err(Error::InvalidInput { field: "contract".into(), reason: format!("unknown contract `{other}`; `pfo contracts` lists them") })
        }
    };
    Ok(CallAnswer::Query(output))
}

/// What a command contract returned, typed, for the workflow that ran it.
#[derive(Debug)]
pub enum CommandOutput {
    /// `openbanking.accounts.sync`.
    Accounts(accounts::AccountsSyncOutput),
    /// `openbanking.transactions.sync`.
    Transactions(transactions::TransactionsSyncOutput),
    /// `openbanking.balances.refresh`.
    Balances(balances::BalancesRefreshOutput),
    /// `openbanking.connections.sync`.
    Connection(connections::ConnectionSyncOutput),
    /// `pfo.openbanking.generate-overview`.
    Overview(Box<crate::overview::GenerateOverviewOutput>),
}

impl CommandOutput {
    /// The output as its contract's JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            CommandOutput::Accounts(o) => to_json(o),
            CommandOutput::Transactions(o) => to_json(o),
            CommandOutput::Balances(o) => to_json(o),
            CommandOutput::Connection(o) => to_json(o),
            CommandOutput::Overview(o) => to_json(o),
        }
    }
}

/// Runs the command contract `name` with `input` (a workflow's step).
pub(crate) async fn run_command(app: &App, name: &str, input: serde_json::Value) -> Result<CommandOutput> {
    Ok(match name {
        accounts::SYNC => CommandOutput::Accounts(accounts::sync(app, parse_input(input)?).await?),
        transactions::SYNC => CommandOutput::Transactions(transactions::sync(app, parse_input(input)?).await?),
        balances::REFRESH => CommandOutput::Balances(balances::refresh(app, parse_input(input)?).await?),
        connections::SYNC => CommandOutput::Connection(connections::sync(app, parse_input(input)?).await?),
        crate::overview::GENERATE => CommandOutput::Overview(Box::new(crate::overview::generate(app, parse_input(input)?).await?)),
        other => return Err(Error::InvalidInput { field: "contract".into(), reason: format!("`{other}` is not a command contract") }),
    })
}

fn to_json<T: Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).expect("contract outputs serialize to JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names_are_unique_and_schemas_are_objects() {
        let specs = registry();
        let mut names: Vec<_> = specs.iter().map(|s| s.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), specs.len());
        for spec in &specs {
            assert_eq!(spec.input_schema.get("type").and_then(|t| t.as_str()), Some("object"), "{}", spec.name);
        }
        assert!(names.contains(&"openbanking.accounts.sync") && names.contains(&"openbanking.accounts.list"));
    }

    #[test]
    fn invalid_input_names_the_field() {
        let error = parse_input::<accounts::AccountsListInput>(serde_json::json!({"includeInactive": "yes"})).unwrap_err();
        assert!(matches!(&error, Error::InvalidInput { field, .. } if field == "includeInactive"), "{error}");
        let error = parse_input::<accounts::AccountsListInput>(serde_json::json!({"bogus": 1})).unwrap_err();
        assert!(error.to_string().contains("bogus"), "{error}");
        assert!(parse_input::<accounts::AccountsListInput>(serde_json::Value::Null).is_ok());
    }
}

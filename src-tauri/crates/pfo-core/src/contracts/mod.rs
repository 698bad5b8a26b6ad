//! Contracts: the bank-data operations, each with a versioned name, typed input and output (JSON Schemas in
//! [`crate::ops::registry`]) and one async handler. Queries are called as they are; the commands here are the steps
//! of the workflows ([`crate::workflow`]), run through [`run_command`] and never directly by a shell.

pub mod accounts;
pub mod balances;
pub mod connections;
pub mod investments;
pub mod loans;
pub mod transactions;

use crate::app::App;
use crate::error::{Error, Result};
use crate::ops::{parse_input, to_json};

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
    /// `openbanking.investments.sync`.
    Investments(investments::InvestmentsSyncOutput),
    /// `openbanking.loans.sync`.
    Loans(loans::LoansSyncOutput),
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
            CommandOutput::Investments(o) => to_json(o),
            CommandOutput::Loans(o) => to_json(o),
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
        investments::SYNC => CommandOutput::Investments(investments::sync(app, parse_input(input)?).await?),
        loans::SYNC => CommandOutput::Loans(loans::sync(app, parse_input(input)?).await?),
        crate::overview::GENERATE => CommandOutput::Overview(Box::new(crate::overview::generate(app, parse_input(input)?).await?)),
        // The blueprint names only command contracts: anything else is a bug of this build.
        other => return Err(Error::Task(format!("the blueprint runs `{other}`, which is not a command contract"))),
    })
}

//! The typed handlers of the commands that run as workflows (guardrail, run record, telemetry): each runs its
//! blueprint workflow and answers the contract's output, or the run's failure as an error with its own code.

use crate::app::App;
use crate::contracts::{accounts, balances, connections, investments, loans, transactions, CommandOutput};
use crate::error::Result;
use crate::overview::{GenerateOverviewInput, GenerateOverviewOutput};
use serde::Serialize;

/// Runs the workflow declaring `contract` with `input`; the output of `pick`, or the run's failure.
async fn run<I: Serialize, O>(app: &App, contract: &str, input: I, pick: fn(CommandOutput) -> Option<O>) -> Result<O> {
    let (run, output) = crate::workflow::run_command(app, contract, input, pick).await?;
    output.ok_or_else(|| run.failure())
}

/// `openbanking.accounts.sync`, as `pfo.workflow.sync-openbanking-accounts`.
pub async fn sync_accounts(app: &App, input: accounts::AccountsSyncInput) -> Result<accounts::AccountsSyncOutput> {
    run(app, accounts::SYNC, input, |o| if let CommandOutput::Accounts(o) = o { Some(o) } else { None }).await
}

/// `openbanking.transactions.sync`, as `pfo.workflow.sync-openbanking-transactions`.
pub async fn sync_transactions(app: &App, input: transactions::TransactionsSyncInput) -> Result<transactions::TransactionsSyncOutput> {
    run(app, transactions::SYNC, input, |o| if let CommandOutput::Transactions(o) = o { Some(o) } else { None }).await
}

/// `openbanking.balances.refresh`, as `pfo.workflow.refresh-openbanking-balances`.
pub async fn refresh_balances(app: &App, input: balances::BalancesRefreshInput) -> Result<balances::BalancesRefreshOutput> {
    run(app, balances::REFRESH, input, |o| if let CommandOutput::Balances(o) = o { Some(o) } else { None }).await
}

/// `openbanking.investments.sync`, as `pfo.workflow.sync-openbanking-investments`.
pub async fn sync_investments(app: &App, input: investments::InvestmentsSyncInput) -> Result<investments::InvestmentsSyncOutput> {
    run(app, investments::SYNC, input, |o| if let CommandOutput::Investments(o) = o { Some(o) } else { None }).await
}

/// `openbanking.loans.sync`, as `pfo.workflow.sync-openbanking-loans`.
pub async fn sync_loans(app: &App, input: loans::LoansSyncInput) -> Result<loans::LoansSyncOutput> {
    run(app, loans::SYNC, input, |o| if let CommandOutput::Loans(o) = o { Some(o) } else { None }).await
}

/// `openbanking.connections.sync`, as `pfo.workflow.sync-bank-connection`.
pub async fn sync_connection(app: &App, input: connections::ConnectionSyncInput) -> Result<connections::ConnectionSyncOutput> {
    let (run, output) = crate::workflow::sync_connection(app, input).await?;
    output.ok_or_else(|| run.failure())
}

/// `pfo.openbanking.generate-overview`, as `pfo.workflow.generate-openbanking-overview`.
pub async fn generate_overview(app: &App, input: GenerateOverviewInput) -> Result<GenerateOverviewOutput> {
    let (run, output) = crate::workflow::generate_overview(app, input).await?;
    output.ok_or_else(|| run.failure())
}

//! `pfo investments`, `pfo wealth` and `pfo loans`: the positions of the investment accounts and each one's value
//! history, the balance sheet, and the loans with what they still cost, through the same operations as the window
//! (`pfo_core::contracts::{investments, loans}`, `pfo_core::ops::wealth`). Amounts are exact in the core and
//! rounded here, once, for people; `--json` keeps them exact.

use crate::household::{cents, percent, ViewArgs};
use clap::Subcommand;
use pfo_core::contracts::investments::{self as ops, InvestmentHistoryInput, InvestmentsListInput, InvestmentsListOutput};
use pfo_core::domain::{AccountId, PositionId};
use pfo_core::App;
use rust_decimal::Decimal;

#[derive(Debug, Subcommand)]
pub enum InvestmentsCommand {
    /// The positions held, account by account, largest first (with `--view`, the owner's part of each).
    List {
        /// Only this account (`powens:1005`); repeat for several.
        #[arg(long = "account", value_parser = account_argument)]
        accounts: Vec<AccountId>,
        /// Also the positions that ended (sold, or gone at the bank).
        #[arg(long)]
        include_ended: bool,
        #[command(flatten)]
        view: ViewArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One position's value on every value day a sync has seen, oldest first.
    History {
        /// The position's id, as `pfo investments list` shows it.
        #[arg(value_parser = position_argument)]
        position: PositionId,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn account_argument(text: &str) -> Result<AccountId, String> {
    AccountId::parse("account", text).map_err(|e| e.to_string())
}

fn position_argument(text: &str) -> Result<PositionId, String> {
    PositionId::parse("position", text).map_err(|e| e.to_string())
}

pub async fn investments(app: &App, command: InvestmentsCommand) -> pfo_core::Result<()> {
    match command {
        InvestmentsCommand::List { accounts, include_ended, view, json } => {
            let listing = ops::list(app, InvestmentsListInput { account_ids: accounts, include_ended, view: view.view, basis: view.basis }).await?;
            if json {
                crate::output::json(&listing);
            } else {
                print_positions(&listing);
            }
        }
        InvestmentsCommand::History { position, json } => {
            let history = ops::history(app, InvestmentHistoryInput { position_id: position.to_string() }).await?;
            if json {
                crate::output::json(&history);
            } else {
                for snapshot in &history.snapshots {
                    let quantity = snapshot.quantity.map_or("-".to_string(), |q| q.normalize().to_string());
                    let unit = snapshot.unit_value.map_or("-".to_string(), |v| v.normalize().to_string());
                    outln!("{}  {:>14} × {:>12} = {:>14}", snapshot.value_date, quantity, unit, cents(snapshot.valuation));
                }
                if history.snapshots.is_empty() {
                    outln!("No value recorded yet: run `pfo sync`.");
                }
            }
        }
    }
    Ok(())
}

fn print_positions(listing: &InvestmentsListOutput) {
    if listing.positions.is_empty() {
        outln!("No positions stored: run `pfo sync` (investments need the bank data provider's wealth product).");
        return;
    }
    for portfolio in &listing.portfolios {
        outln!("{}  {} {}{}", portfolio.account_id, cents(portfolio.share_valuation), portfolio.currency, if portfolio.unvalued > 0 { format!("  ({} not valued by the bank)", portfolio.unvalued) } else { String::new() });
        for line in listing.positions.iter().filter(|l| l.position.account_id == portfolio.account_id) {
            let position = &line.position;
            let code = position.code.as_ref().map_or("-", |c| c.code.as_str());
            let value = line.share_valuation.map_or("not valued".to_string(), cents);
            let gain = position.gain_ratio.map_or(String::new(), |g| format!("{:>9}", percent(g)));
            let ended = position.ended_on.map_or(String::new(), |day| format!("  (ended {day})"));
            outln!("  {:<14} {:<12} {:<34} {:>14} {gain}{ended}", position.id, code, position.label, value);
        }
    }
    // Positions of ended-only accounts have no portfolio line: list them too.
    for line in listing.positions.iter().filter(|l| !listing.portfolios.iter().any(|p| p.account_id == l.position.account_id)) {
        let day = line.position.ended_on.map_or(String::new(), |d| d.to_string());
        outln!("  {:<14} {:<34} ended {day}", line.position.id, line.position.label);
    }
}

/// `pfo wealth`: the balance sheet by class, currency and holding.
pub async fn wealth(app: &App, view: ViewArgs, json: bool) -> pfo_core::Result<()> {
    let sheet = pfo_core::ops::wealth::get(app, pfo_core::wealth::WealthInput { view: view.view, basis: view.basis }).await?;
    if json {
        crate::output::json(&sheet);
        return Ok(());
    }
    let base = &sheet.base_currency;
    match sheet.net_worth {
        Some(net) => outln!("Net worth {}: {} {base} (assets {}, liabilities {})", sheet.as_of, cents(net), cents(sheet.assets), cents(sheet.liabilities)),
        None => outln!("Net worth {}: nothing to count", sheet.as_of),
    }
    for line in &sheet.by_class {
        outln!("  {:<16} {:>16} {base}", line.class.as_str(), cents(line.amount));
    }
    outln!("Exposure by currency:");
    for line in &sheet.by_currency {
        outln!("  {:<16} {:>16} {base}", line.currency, cents(line.amount));
    }
    outln!("Holdings:");
    for holding in &sheet.holdings {
        let value = holding.value_in_base.map_or("-".to_string(), cents);
        let parts = if holding.parts.len() > 1 { format!("  ({} accounts)", holding.parts.len()) } else { String::new() };
        outln!("  {:<12} {:<34} {:>16} {base}{parts}", holding.code.as_deref().unwrap_or("-"), holding.label, value);
    }
    if !sheet.unconverted.is_empty() {
        let codes: Vec<&str> = sheet.unconverted.iter().map(|c| c.as_str()).collect();
        outln!("Left out (no rate to {base}): {}; record one with `pfo rates set`.", codes.join(", "));
    }
    if sheet.stale_positions > 0 {
        outln!("{} position(s) valued more than {} days ago.", sheet.stale_positions, pfo_core::wealth::STALE_AFTER_DAYS);
    }
    Ok(())
}

/// `pfo loans`: every loan, what it still costs and its coming payments.
pub async fn loans(app: &App, schedule: bool, json: bool) -> pfo_core::Result<()> {
    let output = pfo_core::contracts::loans::get(app, pfo_core::contracts::loans::LoansGetInput { schedule }).await?;
    if json {
        crate::output::json(&output);
        return Ok(());
    }
    if output.loans.is_empty() {
        outln!("No loan accounts.");
    }
    let amount = |value: Option<Decimal>| value.map_or("-".to_string(), cents);
    for loan in &output.loans {
        let rate = loan.terms.as_ref().and_then(|t| t.rate_percent).map_or(String::new(), |r| format!(" at {}%", r.normalize()));
        outln!("{}  capital due {} {}{rate}", loan.account_id, amount(loan.remaining_capital), loan.currency);
        outln!("  interest still to pay {}, insurance {}, last payment {}", amount(loan.interest_to_pay), amount(loan.insurance_to_pay), loan.last_payment.map_or("-".to_string(), |d| d.to_string()));
        for period in loan.next_payments.iter().chain(loan.schedule.iter()) {
            outln!("  {}  {:>10} = {:>10} principal + {:>8} interest + {:>7} insurance, {:>12} left", period.payment_date, cents(period.total), cents(period.principal), cents(period.interest), cents(period.insurance), cents(period.remaining_capital));
        }
    }
    Ok(())
}

//! How the CLI prints results: aligned tables for people, JSON for scripts. Formatting only, no finance.

use pfo_core::contracts::accounts::AccountsListOutput;
use pfo_core::contracts::balances::BalancesGetOutput;
use pfo_core::contracts::transactions::TransactionsListOutput;
use pfo_core::ops::ContractSpec;
use pfo_core::domain::{AccountStatus, BalanceType};
use pfo_core::domain::{RunRecord, RunStatus};
use pfo_core::workflow::RefreshOutcome;
use serde::Serialize;

/// Pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) {
    outln!("{}", serde_json::to_string_pretty(value).expect("outputs serialize"));
}

fn status_word(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Running => "running",
        RunStatus::Succeeded => "ok",
        RunStatus::Failed => "FAILED",
        RunStatus::Blocked => "BLOCKED",
    }
}

/// One line per workflow of a refresh.
pub fn refresh_summary(outcome: &RefreshOutcome) {
    for run in &outcome.runs {
        let short = run.workflow.trim_start_matches("pfo.workflow.");
        match run.status {
            RunStatus::Succeeded => outln!(
                "{short}: {} received, {} new, {} updated, {} gone ({} ms)",
                run.received, run.inserted, run.updated, run.removed, run.duration_ms.unwrap_or_default()
            ),
            status => outln!(
                "{short}: {} [{}] {}",
                status_word(status),
                run.error_code.map_or("-", |c| c.as_str()),
                run.error_message.as_deref().unwrap_or("")
            ),
        }
    }
}

/// Reports a workflow run that did not succeed on stderr, with its own code (`guardrail.*`, `powens.*`, …) and
/// message, and gives the exit status a script sees.
pub fn run_failed(run: &RunRecord) -> std::process::ExitCode {
    eprintln!(
        "error [{}]: {} was {}: {}",
        run.error_code.map_or("internal", |c| c.as_str()),
        run.workflow,
        status_word(run.status),
        run.error_message.as_deref().unwrap_or("no detail was recorded")
    );
    std::process::ExitCode::FAILURE
}

/// Prints rows as an aligned table; `right` lists the columns aligned to the right.
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).chain(std::iter::once(header[i].len())).max().unwrap_or(0))
        .collect();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let pad = " ".repeat(widths[i] - cell.chars().count());
                if right.contains(&i) { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
            })
            .collect();
        outln!("{}", cells.join("  ").trim_end());
    }
}

/// Transactions as a table, with the filter's totals.
pub fn transactions_table(page: &TransactionsListOutput) {
    if page.transactions.is_empty() {
        outln!("No transactions match. Run `pfo sync` to fetch them, or widen the filters.");
        return;
    }
    let rows: Vec<Vec<String>> = page
        .transactions
        .iter()
        .map(|t| {
            let status = match t.status {
                pfo_core::domain::TransactionStatus::Pending => "pending",
                pfo_core::domain::TransactionStatus::Booked => "",
                pfo_core::domain::TransactionStatus::Deleted => "deleted",
            };
            vec![t.booking_date.to_string(), t.label.clone(), t.category.clone().unwrap_or_default(), format!("{:.2} {}", t.amount, t.currency), status.into()]
        })
        .collect();
    table(&["DATE", "LABEL", "CATEGORY", "AMOUNT", "STATUS"], &rows, &[3]);
    for total in page.totals.iter().flatten() {
        outln!("{} transactions in {}, total {:.2}", total.count, total.currency, total.sum);
    }
}

/// Latest balances and consolidated totals.
pub fn balances_table(view: &BalancesGetOutput) {
    if view.latest.is_empty() {
        outln!("No balance snapshot yet. Run `pfo sync` to take one.");
        return;
    }
    let rows: Vec<Vec<String>> = view
        .latest
        .iter()
        .filter(|b| b.balance_type == BalanceType::Current)
        .map(|b| vec![b.account_id.to_string(), format!("{:.2} {}", b.amount, b.currency), b.as_of.to_string()])
        .collect();
    table(&["ACCOUNT", "BALANCE", "AS OF"], &rows, &[1]);
    if let Some(last) = view.consolidated.last() {
        for point in view.consolidated.iter().filter(|p| p.as_of == last.as_of) {
            outln!("Total {}: {:.2}", point.currency, point.amount);
        }
    }
}

/// Workflow runs as a table.
pub fn runs_table(runs: &[RunRecord]) {
    if runs.is_empty() {
        outln!("No workflow has run yet. Run `pfo sync`.");
        return;
    }
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|r| {
            vec![
                r.started_at.to_string(),
                r.workflow.trim_start_matches("pfo.workflow.").to_string(),
                status_word(r.status).to_string(),
                format!("{}/{}/{}", r.inserted, r.updated, r.removed),
                r.error_code.map(|c| c.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    table(&["STARTED", "WORKFLOW", "STATUS", "NEW/UPD/GONE", "ERROR"], &rows, &[]);
}

/// The accounts as an aligned table.
/// The accounts; in an owner's view (`viewed`) with the owner's percentage and part of each balance.
pub fn accounts_table(listing: &AccountsListOutput, viewed: bool) {
    if listing.accounts.is_empty() {
        outln!("{}", if viewed { "This owner holds no account." } else { "No accounts stored yet. Run `pfo sync` to fetch them." });
        return;
    }
    let rows: Vec<[String; 6]> = listing
        .accounts
        .iter()
        .map(|a| {
            let number = a.iban.as_ref().or(a.number.as_ref()).map(|n| n.masked()).unwrap_or_default();
            let balance = a.balance.map(|b| format!("{:.2} {}", b, a.currency)).unwrap_or_else(|| "—".into());
            let status = match a.status {
                AccountStatus::Active => "",
                AccountStatus::Disabled => "disabled",
                AccountStatus::Deleted => "deleted",
            };
            [a.institution.clone(), a.name.clone(), a.account_type.code().to_string(), number, balance, status.to_string()]
        })
        .collect();
    let mut rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    if !viewed {
        table(&["INSTITUTION", "ACCOUNT", "TYPE", "NUMBER", "BALANCE", "STATUS"], &rows, &[4]);
        return;
    }
    for (row, account) in rows.iter_mut().zip(&listing.accounts) {
        let share = listing.ownership.iter().find(|s| s.account_id == account.id);
        row.push(share.map(|s| crate::household::percent(s.fraction)).unwrap_or_default());
        row.push(share.and_then(|s| s.share_balance).map(|b| format!("{} {}", crate::household::cents(b), account.currency)).unwrap_or_else(|| "—".into()));
    }
    table(&["INSTITUTION", "ACCOUNT", "TYPE", "NUMBER", "BALANCE", "STATUS", "SHARE", "PART"], &rows, &[4, 7]);
}

/// The contract registry.
pub fn contracts(specs: &[ContractSpec], as_json: bool) {
    if as_json {
        json(&specs);
        return;
    }
    for spec in specs {
        let kind = match spec.kind {
            pfo_core::ops::ContractKind::Command => "command",
            pfo_core::ops::ContractKind::Query => "query",
        };
        outln!("{:<34} v{}  {:<8} {}", spec.name, spec.version, kind, spec.description);
    }
}

/// The overviews kept in the knowledge space.
pub fn overview_table(kept: &[pfo_core::knowledge::DocumentSummary]) {
    if kept.is_empty() {
        outln!("No overview kept yet; `pfo overview generate` makes one.");
        return;
    }
    outln!("{:>8}  {:<23}  {:<10}  {:<10}  kept until", "revision", "generated", "from", "to");
    for doc in kept {
        outln!("{:>8}  {:<23}  {:<10}  {:<10}  {}", doc.revision, doc.created_at, doc.period_start, doc.period_end, doc.expires_at);
    }
}

//! How the CLI prints results: aligned tables for people, JSON for scripts. Formatting only, no finance.

use pfo_core::contracts::accounts::{AccountsListOutput, AccountsSyncOutput};
use pfo_core::contracts::ContractSpec;
use pfo_core::domain::AccountStatus;
use serde::Serialize;

/// Pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) {
    println!("{}", serde_json::to_string_pretty(value).expect("outputs serialize"));
}

/// One line per sync.
pub fn sync_summary(result: &AccountsSyncOutput) {
    let c = result.accounts;
    println!(
        "Synced {} connections: {} accounts new, {} updated, {} unchanged, {} gone.",
        result.connections, c.inserted, c.updated, c.unchanged, c.removed
    );
}

/// The accounts as an aligned table.
pub fn accounts_table(listing: &AccountsListOutput) {
    if listing.accounts.is_empty() {
        println!("No accounts stored yet. Run `pfo sync` to fetch them.");
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
    let header = ["INSTITUTION", "ACCOUNT", "TYPE", "NUMBER", "BALANCE", "STATUS"].map(String::from);
    let widths: Vec<usize> = (0..6)
        .map(|i| rows.iter().chain(std::iter::once(&header)).map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in std::iter::once(&header).chain(rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let pad = widths[i] - cell.chars().count();
                if i == 4 { format!("{}{cell}", " ".repeat(pad)) } else { format!("{cell}{}", " ".repeat(pad)) }
            })
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

/// The contract registry.
pub fn contracts(specs: &[ContractSpec], as_json: bool) {
    if as_json {
        json(&specs);
        return;
    }
    for spec in specs {
        let kind = match spec.kind {
            pfo_core::contracts::ContractKind::Command => "command",
            pfo_core::contracts::ContractKind::Query => "query",
        };
        println!("{:<34} v{}  {:<8} {}", spec.name, spec.version, kind, spec.description);
    }
}

//! `openbanking.balances.refresh` and `openbanking.balances.get`.

use crate::app::App;
use crate::domain::{AccountBalanceRecord, AccountId, AccountStatus, BalanceType, Currency, Timestamp};
use crate::error::{Error, Result};
use crate::profile::Mode;
use crate::store::{accounts, balances};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Contract name of the balance refresh.
pub const REFRESH: &str = "openbanking.balances.refresh";
/// Contract name of the balance query.
pub const GET: &str = "openbanking.balances.get";

/// Input of `openbanking.balances.refresh`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct BalancesRefreshInput {}

/// Output of `openbanking.balances.refresh`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BalancesRefreshOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// Snapshots written (current and coming per active account).
    pub snapshots: u32,
    /// The snapshot instant.
    pub as_of: Timestamp,
}

/// Reads every active account's balances and stores them as a dated snapshot (see [`crate::sync::balances`]).
pub async fn refresh(app: &App, _input: BalancesRefreshInput) -> Result<BalancesRefreshOutput> {
    crate::sync::balances::run(app).await
}

/// Input of `openbanking.balances.get`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct BalancesGetInput {
    /// Only these accounts (canonical ids); empty for all.
    #[serde(default)]
    pub account_ids: Vec<AccountId>,
    /// Earliest snapshot (RFC 3339 or `YYYY-MM-DD`), inclusive.
    #[serde(default)]
    pub from: Option<String>,
    /// Latest snapshot (RFC 3339 or `YYYY-MM-DD`), inclusive.
    #[serde(default)]
    pub to: Option<String>,
    /// Only the accounts this owner holds a part of on some day; `consolidated` is then the owner's part, each
    /// snapshot weighted by the shares in force on its day (`latest` and `history` stay whole balances).
    #[serde(default)]
    pub view: Option<crate::domain::OwnerId>,
    /// Which rights the view counts besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<crate::domain::Basis>,
}

/// The consolidated balance of one currency at one snapshot instant.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConsolidatedBalance {
    /// The instant.
    pub as_of: Timestamp,
    /// ISO 4217 code.
    pub currency: Currency,
    /// Sum over accounts of their latest known balance at that instant.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub amount: Decimal,
}

/// Output of `openbanking.balances.get`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BalancesGetOutput {
    /// The latest current and coming balance of each active account.
    pub latest: Vec<AccountBalanceRecord>,
    /// Current-balance snapshots per account, oldest first.
    pub history: Vec<AccountBalanceRecord>,
    /// Consolidated current balance per currency at each snapshot instant.
    pub consolidated: Vec<ConsolidatedBalance>,
}

/// A bound given as a day (its first or its last second) or as an instant.
fn check_instant(value: &Option<String>, field: &str, end_of_day: bool) -> Result<Option<Timestamp>> {
    value
        .as_deref()
        .map(|v| {
            if let Ok(day) = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                let time = if end_of_day { chrono::NaiveTime::from_hms_opt(23, 59, 59) } else { Some(chrono::NaiveTime::MIN) };
                return Ok(Timestamp::from_datetime(day.and_time(time.unwrap_or_default()).and_utc()));
            }
            Timestamp::parse(v).ok_or_else(|| Error::InvalidInput { field: field.into(), reason: "must be YYYY-MM-DD or an RFC 3339 instant".into() })
        })
        .transpose()
}

/// Latest balances, per-account history and the consolidated history per currency.
pub async fn get(app: &App, input: BalancesGetInput) -> Result<BalancesGetOutput> {
    let from = check_instant(&input.from, "from", false)?;
    let to = check_instant(&input.to, "to", true)?;
    let (view, basis) = (input.view, input.basis.unwrap_or(crate::domain::Basis::Usufruct));
    app.store()
        .call(move |conn| {
            let Some(account_ids) = crate::ops::household::narrow_to_view(conn, input.account_ids, view.as_ref(), basis)? else {
                return Ok(BalancesGetOutput { latest: Vec::new(), history: Vec::new(), consolidated: Vec::new() });
            };
            let rows = accounts::row_ids(conn, &account_ids)?;
            let latest = balances::latest(conn)?
                .into_iter()
                .filter(|b| account_ids.is_empty() || account_ids.contains(&b.account_id))
                .collect();
            let history = balances::history(conn, &rows, from, to, BalanceType::Current)?;
            let inactive: BTreeSet<AccountId> =
                accounts::list(conn, true)?.into_iter().filter(|a| a.status != AccountStatus::Active).map(|a| a.id).collect();
            let consolidated = match &view {
                None => consolidate(&history, &inactive),
                Some(viewer) => {
                    let fractions = crate::ops::household::view_fractions(conn, viewer, basis)?;
                    let parts: Vec<AccountBalanceRecord> = history
                        .iter()
                        .map(|record| AccountBalanceRecord { amount: record.amount * fractions.on(&record.account_id, record.as_of.date()), ..record.clone() })
                        .collect();
                    consolidate(&parts, &inactive)
                }
            };
            Ok(BalancesGetOutput { latest, history, consolidated })
        })
        .await
}

/// At each snapshot instant, the per-currency sum of every account's latest balance known at that instant.
/// `history` must be ordered by instant. An account that is no longer active (`inactive`: deleted or disabled at
/// the bank) counts up to its last snapshot and no further: carried forward for ever, it kept a closed account in
/// every later total, and the totals disagreed with the latest balances, which list active accounts only.
pub fn consolidate(history: &[AccountBalanceRecord], inactive: &BTreeSet<AccountId>) -> Vec<ConsolidatedBalance> {
    let mut last_snapshot: BTreeMap<&AccountId, Timestamp> = BTreeMap::new();
    for record in history.iter().filter(|r| inactive.contains(&r.account_id)) {
        last_snapshot.insert(&record.account_id, record.as_of);
    }
    let mut latest: BTreeMap<&AccountId, &AccountBalanceRecord> = BTreeMap::new();
    let mut points = Vec::new();
    let mut index = 0;
    while index < history.len() {
        let instant = history[index].as_of;
        while index < history.len() && history[index].as_of == instant {
            latest.insert(&history[index].account_id, &history[index]);
            index += 1;
        }
        latest.retain(|account, _| last_snapshot.get(account).is_none_or(|last| *last >= instant));
        let mut sums: BTreeMap<&Currency, Decimal> = BTreeMap::new();
        for record in latest.values() {
            *sums.entry(&record.currency).or_default() += record.amount;
        }
        points.extend(sums.into_iter().map(|(currency, amount)| ConsolidatedBalance { as_of: instant, currency: currency.clone(), amount }));
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Snapshot instants `t1`, `t2`: the first and second day of December 2026 at noon.
    fn instant(name: &str) -> Timestamp {
        Timestamp::parse(&format!("2026-12-0{}T12:00:00Z", &name[1..])).unwrap()
    }

    fn snapshot(account: &str, amount: i64, currency: &str, as_of: &str) -> AccountBalanceRecord {
        AccountBalanceRecord { account_id: AccountId::new("powens", account), balance_type: BalanceType::Current, amount: Decimal::from(amount), currency: Currency::parse("currency", currency).unwrap(), as_of: instant(as_of) }
    }

    #[test]
    fn consolidation_carries_each_account_forward_and_keeps_currencies_apart() {
        let history = vec![
            snapshot("a", 100, "EUR", "t1"),
            snapshot("b", 50, "EUR", "t1"),
            snapshot("c", 10, "CHF", "t1"),
            snapshot("a", 120, "EUR", "t2"),
        ];
        let points = consolidate(&history, &BTreeSet::new());
        let at = |t: &str, c: &str| points.iter().find(|p| p.as_of == instant(t) && p.currency == c).map(|p| p.amount);
        assert_eq!(at("t1", "EUR"), Some(Decimal::from(150)));
        assert_eq!(at("t1", "CHF"), Some(Decimal::from(10)));
        assert_eq!(at("t2", "EUR"), Some(Decimal::from(170)), "b carried forward at t2");
        assert_eq!(at("t2", "CHF"), Some(Decimal::from(10)));
    }

    #[test]
    fn an_account_no_longer_active_counts_up_to_its_last_snapshot_only() {
        let history = vec![snapshot("a", 100, "EUR", "t1"), snapshot("b", 50, "EUR", "t1"), snapshot("a", 120, "EUR", "t2")];
        let closed = BTreeSet::from([AccountId::new("powens", "b")]);
        let points = consolidate(&history, &closed);
        let at = |t: &str| points.iter().find(|p| p.as_of == instant(t) && p.currency == "EUR").map(|p| p.amount);
        assert_eq!(at("t1"), Some(Decimal::from(150)), "b counted while it was reported");
        assert_eq!(at("t2"), Some(Decimal::from(120)), "b not carried past its last snapshot");
    }
}

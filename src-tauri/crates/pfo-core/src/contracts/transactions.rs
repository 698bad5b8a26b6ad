//! `openbanking.transactions.sync` and `openbanking.transactions.list`.

use crate::app::App;
use crate::domain::{AccountId, BankTransactionRecord, Timestamp, TransactionStatus};
use crate::error::{Error, Result};
use crate::profile::Mode;
use crate::store::transactions::{self, Listing, Sort};
use crate::store::accounts;
use rusqlite::types::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Contract name of the transaction sync.
pub const SYNC: &str = "openbanking.transactions.sync";
/// Contract name of the transaction listing.
pub const LIST: &str = "openbanking.transactions.list";

/// Input of `openbanking.transactions.sync`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsSyncInput {
    /// Ignore the high-water mark and read the whole history again.
    #[serde(default)]
    pub full: bool,
}

/// Output of `openbanking.transactions.sync`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsSyncOutput {
    /// Demo or live data.
    pub mode: Mode,
    /// Transactions received from the provider.
    pub received: u64,
    /// New transactions stored.
    pub inserted: u64,
    /// Stored transactions that changed (booked, edited, deleted at the bank).
    pub updated: u64,
    /// Pages read.
    pub pages: u32,
    /// Whether the whole history was read (first sync, or `full`).
    pub full: bool,
    /// When the sync ran.
    pub synced_at: Timestamp,
}

/// Reads what changed since the last complete sync and stores it (see [`crate::sync::transactions`]).
pub async fn sync(app: &App, input: TransactionsSyncInput) -> Result<TransactionsSyncOutput> {
    crate::sync::transactions::run(app, input.full).await
}

/// Orders of `openbanking.transactions.list`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum TransactionSort {
    /// Newest first.
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Largest outflow first.
    AmountAsc,
    /// Largest inflow first.
    AmountDesc,
}

/// Input of `openbanking.transactions.list`: filters, order and a keyset page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsListInput {
    /// Only these accounts (canonical ids); empty for all.
    #[serde(default)]
    pub account_ids: Vec<AccountId>,
    /// Earliest booking date `YYYY-MM-DD`, inclusive.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[ts(type = "string | null")]
    pub date_from: Option<chrono::NaiveDate>,
    /// Latest booking date `YYYY-MM-DD`, inclusive.
    #[serde(default, with = "crate::domain::input_optional_day")]
    #[schemars(with = "Option<chrono::NaiveDate>")]
    #[ts(type = "string | null")]
    pub date_to: Option<chrono::NaiveDate>,
    /// Smallest signed amount, as a decimal string.
    #[serde(default)]
    pub amount_min: Option<String>,
    /// Largest signed amount, as a decimal string.
    #[serde(default)]
    pub amount_max: Option<String>,
    /// Words to find in labels (all of them, as prefixes).
    #[serde(default)]
    pub text: Option<String>,
    /// Category or parent category code.
    #[serde(default)]
    pub category: Option<String>,
    /// Statuses to include; empty means pending and booked.
    #[serde(default)]
    pub statuses: Vec<TransactionStatus>,
    /// Order.
    #[serde(default)]
    pub sort: TransactionSort,
    /// Rows per page, 1 to 500 (default 100).
    #[serde(default)]
    pub limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Also compute count and sum per currency of everything the filters match.
    #[serde(default)]
    pub include_totals: bool,
    /// Only the accounts this owner holds a part of on some day (amounts stay whole: a movement is not split).
    #[serde(default)]
    pub view: Option<crate::domain::OwnerId>,
    /// Which rights the view counts besides full ownership; usufruct by default.
    #[serde(default)]
    pub basis: Option<crate::domain::Basis>,
}

/// Count and sum of one currency.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyTotal {
    /// ISO 4217 code.
    pub currency: String,
    /// Matching transactions.
    pub count: u64,
    /// Their signed sum.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub sum: Decimal,
}

/// Output of `openbanking.transactions.list`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TransactionsListOutput {
    /// The page.
    pub transactions: Vec<BankTransactionRecord>,
    /// Pass as `cursor` to get the next page; absent on the last one.
    pub next_cursor: Option<String>,
    /// Per-currency totals of the whole filter, when asked for.
    pub totals: Option<Vec<CurrencyTotal>>,
}

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput { field: field.to_string(), reason: reason.into() }
}

fn check_amount(value: &Option<String>, field: &str) -> Result<Option<i64>> {
    value
        .as_deref()
        .map(|v| {
            let amount = Decimal::from_str(v.trim()).map_err(|_| invalid(field, "must be a decimal number such as -12.50"))?;
            crate::store::amounts_e4(amount).map_err(|_| invalid(field, "is out of range"))
        })
        .transpose()
}

fn sort_tag(sort: Sort) -> char {
    match sort {
        Sort::DateDesc => 'd',
        Sort::DateAsc => 'D',
        Sort::AmountAsc => 'a',
        Sort::AmountDesc => 'A',
    }
}

fn encode_cursor(sort: Sort, key: &Value, id: i64) -> String {
    let key = match key {
        Value::Text(text) => text.clone(),
        Value::Integer(number) => number.to_string(),
        _ => String::new(),
    };
    format!("{}~{key}~{id}", sort_tag(sort))
}

fn decode_cursor(cursor: &str, sort: Sort) -> Result<(Value, i64)> {
    let bad = || invalid("cursor", "is not a cursor returned by this listing with the same sort; start again without it");
    let mut parts = cursor.splitn(3, '~');
    let (Some(tag), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    if !tag.starts_with(sort_tag(sort)) || tag.len() != 1 {
        return Err(bad());
    }
    let id: i64 = id.parse().map_err(|_| bad())?;
    let key = match sort {
        Sort::DateDesc | Sort::DateAsc => {
            chrono::NaiveDate::parse_from_str(key, "%Y-%m-%d").map_err(|_| bad())?;
            Value::Text(key.to_string())
        }
        Sort::AmountAsc | Sort::AmountDesc => Value::Integer(key.parse().map_err(|_| bad())?),
    };
    Ok((key, id))
}

/// Lists stored transactions with filters, order and keyset pages; never touches the network.
pub async fn list(app: &App, input: TransactionsListInput) -> Result<TransactionsListOutput> {
    let limit = input.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(invalid("limit", "must be between 1 and 500"));
    }
    let sort = match input.sort {
        TransactionSort::DateDesc => Sort::DateDesc,
        TransactionSort::DateAsc => Sort::DateAsc,
        TransactionSort::AmountAsc => Sort::AmountAsc,
        TransactionSort::AmountDesc => Sort::AmountDesc,
    };
    let (date_from, date_to) = (input.date_from, input.date_to);
    let amount_min_e4 = check_amount(&input.amount_min, "amountMin")?;
    let amount_max_e4 = check_amount(&input.amount_max, "amountMax")?;
    if let Some(text) = &input.text {
        if text.chars().count() > 200 {
            return Err(invalid("text", "must be at most 200 characters"));
        }
    }
    let after = input.cursor.as_deref().map(|c| decode_cursor(c, sort)).transpose()?;
    let statuses = if input.statuses.is_empty() { vec![TransactionStatus::Pending, TransactionStatus::Booked] } else { input.statuses.clone() };
    let fts_query = input.text.as_deref().and_then(transactions::fts_query);
    let text_given = input.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let account_ids = input.account_ids.clone();
    let (view, basis) = (input.view.clone(), input.basis.unwrap_or(crate::domain::Basis::Usufruct));
    let category = input.category.clone().filter(|c| !c.trim().is_empty());
    let include_totals = input.include_totals;
    app.store()
        .call(move |conn| {
            let Some(account_ids) = crate::ops::household::narrow_to_view(conn, account_ids, view.as_ref(), basis)? else {
                return Ok(TransactionsListOutput { transactions: Vec::new(), next_cursor: None, totals: include_totals.then(Vec::new) });
            };
            let rows = accounts::row_ids(conn, &account_ids)?;
            let listing = Listing { accounts: rows, date_from, date_to, amount_min_e4, amount_max_e4, fts_query, category, statuses, sort, limit, after };
            // Text made only of punctuation matches nothing rather than everything.
            if text_given && listing.fts_query.is_none() {
                return Ok(TransactionsListOutput { transactions: Vec::new(), next_cursor: None, totals: include_totals.then(Vec::new) });
            }
            let page = transactions::list(conn, &listing)?;
            let totals = include_totals
                .then(|| transactions::totals(conn, &listing))
                .transpose()?
                .map(|rows| {
                    rows.into_iter()
                        .map(|(currency, count, sum_e4)| CurrencyTotal { currency, count, sum: Decimal::new(sum_e4, 4).normalize() })
                        .collect()
                });
            Ok(TransactionsListOutput {
                transactions: page.rows,
                next_cursor: page.next.map(|(key, id)| encode_cursor(sort, &key, id)),
                totals,
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_another_sort() {
        let cursor = encode_cursor(Sort::DateDesc, &Value::Text("2024-05-01".into()), 42);
        assert_eq!(decode_cursor(&cursor, Sort::DateDesc).unwrap(), (Value::Text("2024-05-01".into()), 42));
        assert!(decode_cursor(&cursor, Sort::AmountAsc).is_err());
        let amount = encode_cursor(Sort::AmountAsc, &Value::Integer(-1_250_000), 7);
        assert_eq!(decode_cursor(&amount, Sort::AmountAsc).unwrap(), (Value::Integer(-1_250_000), 7));
        for garbage in ["", "d~x~1", "d~2024-01-01~x", "z~2024-01-01~1", "d~2024-01-01"] {
            assert!(decode_cursor(garbage, Sort::DateDesc).is_err(), "{garbage}");
        }
    }
}

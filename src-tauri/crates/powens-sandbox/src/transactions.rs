//! `GET /users/{u}/transactions` and `/users/{u}/accounts/{id}/transactions`: filters, keyset pages and the
//! envelope, as Powens documents them.
//!
//! Pages follow the ledger's order (date descending, id descending). The `next` link is absolute, carries the
//! original filters, and adds an opaque `cursor` (base64 of the last item's date and id), so a client follows it
//! verbatim. The result-set summary (`total`, `result_min_date`, `result_max_date`) is computed once per query and
//! set of account clocks and reused by the following pages. Each transaction is seen at its account's clock (see
//! [`crate::served`]): a connection that stopped syncing shows what it had then.

use crate::error::ApiError;
use crate::ledger::{Instant, Txn};
use crate::state::World;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// The most a page may hold (Powens' documented maximum).
pub const MAX_LIMIT: usize = 1000;

/// The query, parsed and validated.
#[derive(Debug, Clone, Default)]
pub struct Query {
    limit: usize,
    min_date: Option<NaiveDate>,
    max_date: Option<NaiveDate>,
    last_update: Option<Instant>,
    include_deleted: bool,
    deleted: Option<bool>,
    income: Option<bool>,
    wording: Option<String>,
    search: Option<String>,
    account: Option<u16>,
    cursor: Option<(NaiveDate, i64)>,
}

/// Totals of a whole result set.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    total: usize,
    min_date: Option<NaiveDate>,
    max_date: Option<NaiveDate>,
}

fn boolean(params: &HashMap<String, String>, name: &str) -> Result<Option<bool>, ApiError> {
    match params.get(name).map(String::as_str) {
        None => Ok(None),
        Some("" | "1" | "true" | "True") => Ok(Some(true)),
        Some("0" | "false" | "False") => Ok(Some(false)),
        Some(_) => Err(ApiError::invalid_value(format!("{name} must be a boolean"))),
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a month or year bound covers its whole period (start for min, end for max).
fn calendar_bound(text: &str, name: &str, end: bool) -> Result<NaiveDate, ApiError> {
    let invalid = || ApiError::invalid_value(format!("{name} must be YYYY-MM-DD, YYYY-MM or YYYY"));
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| invalid());
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?).ok_or_else(invalid),
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, 1).ok_or_else(invalid)?;
            if end {
                first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).ok_or_else(invalid)
            } else {
                Ok(first)
            }
        }
        [y] => {
            let year = number(y)? as i32;
            if end { NaiveDate::from_ymd_opt(year, 12, 31) } else { NaiveDate::from_ymd_opt(year, 1, 1) }.ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

fn decode_cursor(text: &str) -> Result<(NaiveDate, i64), ApiError> {
    let invalid = || ApiError::invalid_value("cursor is not valid");
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (date, id) = text.split_once('|').ok_or_else(invalid)?;
    Ok((NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| invalid())?, id.parse().map_err(|_| invalid())?))
}

fn encode_cursor(txn: &Txn) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{}", txn.date, txn.id))
}

impl Query {
    /// Parses and validates the query string (`account` comes from the path, when any).
    pub fn parse(params: &HashMap<String, String>, account: Option<u16>) -> Result<Self, ApiError> {
        let limit = params
            .get("limit")
            .ok_or_else(|| ApiError::missing_parameter("limit"))?
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=MAX_LIMIT).contains(l))
            .ok_or_else(|| ApiError::invalid_value(format!("limit must be an integer between 1 and {MAX_LIMIT}")))?;
        let last_update = params
            .get("last_update")
            .map(|t| {
                NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S")
                    .map(crate::ledger::instant)
                    .map_err(|_| ApiError::invalid_value("last_update must be YYYY-MM-DD HH:MM:SS"))
            })
            .transpose()?;
        if let Some(filter) = params.get("filter") {
            if filter != "date" && filter != "application_date" {
                return Err(ApiError::invalid_value("filter must be date or application_date"));
            }
        }
        Ok(Self {
            limit,
            min_date: params.get("min_date").map(|t| calendar_bound(t, "min_date", false)).transpose()?,
            max_date: params.get("max_date").map(|t| calendar_bound(t, "max_date", true)).transpose()?,
            last_update,
            include_deleted: boolean(params, "all")?.unwrap_or(false),
            deleted: boolean(params, "deleted")?,
            income: boolean(params, "income")?,
            wording: params.get("wording").filter(|w| !w.is_empty()).map(|w| w.to_lowercase()),
            search: params.get("search").filter(|w| !w.is_empty()).map(|w| w.to_lowercase()),
            account,
            cursor: params.get("cursor").map(|c| decode_cursor(c)).transpose()?,
        })
    }

    /// Whether `txn`, seen at its account's clock `now` (its connection's stand-stills `gaps`), is in the result set.
    fn matches(&self, txn: &Txn, now: Instant, gaps: &[(Instant, Instant)]) -> bool {
        if !txn.visible(now) {
            return false;
        }
        let deleted = txn.deleted(now);
        match self.deleted {
            Some(wanted) if wanted != deleted => return false,
            None if deleted && !self.include_deleted => return false,
            _ => {}
        }
        if self.account.is_some_and(|a| a != txn.account) {
            return false;
        }
        if self.min_date.is_some_and(|d| txn.date < d) || self.max_date.is_some_and(|d| txn.date > d) {
            return false;
        }
        if self.last_update.is_some_and(|after| crate::consent::reached_powens_at(gaps, txn.last_update(now)) <= after) {
            return false;
        }
        if self.income.is_some_and(|income| income != (txn.value_minor > 0)) {
            return false;
        }
        let label = &crate::ledger::LABELS[txn.label as usize];
        if let Some(needle) = &self.wording {
            if !label.simplified.to_lowercase().contains(needle) {
                return false;
            }
        }
        if let Some(needle) = &self.search {
            if !label.simplified.to_lowercase().contains(needle) && !label.original.to_lowercase().contains(needle) {
                return false;
            }
        }
        true
    }
}

/// One page with its envelope, serialized as Powens JSON.
#[derive(serde::Serialize)]
pub struct PageEnvelope<'a> {
    transactions: Vec<crate::wire::WireTransaction<'a>>,
    first_date: Option<String>,
    last_date: Option<String>,
    result_min_date: Option<String>,
    result_max_date: Option<String>,
    total: usize,
    #[serde(rename = "_links")]
    links: serde_json::Value,
}

/// The envelope of one page.
pub fn page<'a>(world: &'a World, user_id: i64, query: &Query, raw_query: &str) -> PageEnvelope<'a> {
    let clocks = world.account_clocks();
    let gaps = world.account_gaps();
    let txns = &world.ledger.txns;
    // Keyset: skip everything at or before the cursor in (date desc, id desc) order.
    let start = match query.cursor {
        Some((date, id)) => txns.partition_point(|t| (t.date, t.id) >= (date, id)),
        None => 0,
    };
    let mut items: Vec<&Txn> = Vec::with_capacity(query.limit);
    let mut more = false;
    for txn in &txns[start..] {
        if query.matches(txn, clocks[txn.account as usize], &gaps[txn.account as usize]) {
            if items.len() == query.limit {
                more = true;
                break;
            }
            items.push(txn);
        }
    }
    let summary = summary(world, query, raw_query, &clocks, &gaps);
    let (first_date, last_date) = world.visible_span(&clocks);
    let base = world.base_url.get().cloned().unwrap_or_default();
    let path = match query.account {
        Some(index) => format!("/users/me/accounts/{}/transactions", world.household.accounts[index as usize].id),
        None => "/users/me/transactions".to_string(),
    };
    let self_href = format!("{base}{path}?{raw_query}");
    let next = more.then(|| {
        let last = items.last().expect("a full page has a last item");
        let kept: Vec<&str> = raw_query.split('&').filter(|p| !p.is_empty() && !p.starts_with("cursor=")).collect();
        serde_json::json!({ "href": format!("{base}{path}?{}&cursor={}", kept.join("&"), encode_cursor(last)) })
    });
    PageEnvelope {
        transactions: items.iter().map(|t| crate::wire::transaction(world, t, user_id, clocks[t.account as usize], &gaps[t.account as usize])).collect(),
        first_date: first_date.map(|d| d.to_string()),
        last_date: last_date.map(|d| d.to_string()),
        result_min_date: summary.min_date.map(|d| d.to_string()),
        result_max_date: summary.max_date.map(|d| d.to_string()),
        total: summary.total,
        links: serde_json::json!({ "self": { "href": self_href }, "prev": null, "next": next }),
    }
}

fn summary(world: &World, query: &Query, raw_query: &str, clocks: &[Instant], gaps: &[Vec<(Instant, Instant)>]) -> Summary {
    let key: Vec<&str> = raw_query.split('&').filter(|p| !p.starts_with("cursor=")).collect();
    // The clocks differ from the sandbox clock only while a connection or an account stops syncing.
    let key = (format!("{:?}|{}|{:?}|{:?}", query.account, key.join("&"), clocks, gaps), world.now());
    let mut cache = world.summaries.lock().expect("summaries lock");
    if let Some(summary) = cache.get(&key) {
        return *summary;
    }
    let mut summary = Summary { total: 0, min_date: None, max_date: None };
    let unpaged = Query { cursor: None, ..query.clone() };
    for txn in world.ledger.txns.iter().filter(|t| unpaged.matches(t, clocks[t.account as usize], &gaps[t.account as usize])) {
        summary.total += 1;
        summary.min_date = Some(summary.min_date.map_or(txn.date, |d| d.min(txn.date)));
        summary.max_date = Some(summary.max_date.map_or(txn.date, |d| d.max(txn.date)));
    }
    if cache.len() > 256 {
        cache.clear();
    }
    cache.insert(key, summary);
    summary
}

/// Used by `wire` for `application_date`: Powens defaults it to the debit date.
pub fn application_date(txn: &Txn) -> NaiveDate {
    txn.date
}

/// Realisation date: card payments are made a day or two before they are debited.
pub fn rdate(txn: &Txn) -> NaiveDate {
    let label = &crate::ledger::LABELS[txn.label as usize];
    if label.kind == "card" {
        txn.date - chrono::Days::new(1 + (txn.id as u64 % 2))
    } else {
        txn.date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn calendar_bounds_cover_days_months_and_years() {
        assert_eq!(calendar_bound("2024-02", "min_date", false).unwrap(), NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
        assert_eq!(calendar_bound("2024-02", "max_date", true).unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(calendar_bound("2024", "max_date", true).unwrap().ordinal(), 366);
        assert!(calendar_bound("2024-13", "min_date", false).is_err());
        assert!(calendar_bound("yesterday", "min_date", false).is_err());
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let txn = Txn {
            id: 42,
            account: 0,
            date: NaiveDate::from_ymd_opt(2020, 3, 8).unwrap(),
            value_minor: 1,
            label: 0,
            other_account: None,
            appears_at: 0,
            books_at: 0,
            deleted_at: crate::ledger::NEVER,
            original: None,
        };
        assert_eq!(decode_cursor(&encode_cursor(&txn)).unwrap(), (txn.date, 42));
        assert!(decode_cursor("%%%").is_err());
    }
}

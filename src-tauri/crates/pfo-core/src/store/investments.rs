//! The `investment_positions` and `investment_snapshots` tables: each position of an investment account as last
//! synced, and its value per value day (the last sync of a day wins), so that history outlives Powens' month.

use super::amounts::{decimal, optional_decimal, to_e4};
use crate::domain::{AccountId, CodeScheme, Currency, ForeignValues, FundDetails, InvestmentPositionRecord, PositionId, PositionSnapshot, SecurityCode, SyncCounts, Timestamp};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{named_params, params_from_iter, Connection, Row};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// A position to store with the row id of its account.
pub struct PositionRow {
    /// The account's row id.
    pub account_row: i64,
    /// The position as the provider reports it now.
    pub record: InvestmentPositionRecord,
}

/// Writes what the provider reports now: new positions inserted, changed ones updated, the others touched. A
/// position of an active account that the (complete, unpaginated) listing no longer names has ended at the bank:
/// it is kept, with the sync's day as its end, so that its history stays readable.
pub fn replace_provider_positions(tx: &Connection, provider: &str, rows: &[PositionRow], synced_at: Timestamp) -> Result<SyncCounts> {
    let stored = stored_positions(tx, provider)?;
    let mut counts = SyncCounts::default();
    for row in rows {
        match stored.get(row.record.id.external()) {
            None => {
                write(tx, row, Write::Insert)?;
                counts.inserted += 1;
            }
            Some(before) if same_content(before, &row.record) => {
                tx.execute(
                    "UPDATE investment_positions SET last_synced_at = :at WHERE provider = :provider AND external_id = :id",
                    named_params! { ":at": row.record.synced_at, ":provider": provider, ":id": row.record.id.external() },
                )
                .map_err(Error::storage("touching an investment position"))?;
                counts.unchanged += 1;
            }
            Some(before) => {
                if before.ended_on.is_none() && row.record.ended_on.is_some() {
                    counts.removed += 1;
                } else {
                    counts.updated += 1;
                }
                write(tx, row, Write::Update)?;
            }
        }
    }
    let reported: HashSet<&str> = rows.iter().map(|r| r.record.id.external()).collect();
    let mut vanished = tx
        .prepare_cached(
            "SELECT p.external_id FROM investment_positions p JOIN accounts a ON a.id = p.account_id
             WHERE p.provider = :provider AND p.ended_on IS NULL AND a.status = 'active'",
        )
        .map_err(Error::storage("preparing the vanished-position query"))?;
    let open: Vec<String> = vanished
        .query_map(named_params! { ":provider": provider }, |row| row.get(0))
        .map_err(Error::storage("listing held positions"))?
        .collect::<rusqlite::Result<_>>()
        .map_err(Error::storage("reading held positions"))?;
    for external in open.iter().filter(|id| !reported.contains(id.as_str())) {
        tx.execute(
            "UPDATE investment_positions SET ended_on = :day, last_synced_at = :at WHERE provider = :provider AND external_id = :id",
            named_params! { ":day": synced_at.date(), ":at": synced_at, ":provider": provider, ":id": external },
        )
        .map_err(Error::storage("ending a vanished position"))?;
        counts.removed += 1;
    }
    Ok(counts)
}

/// Keeps the value of every held, valued position on its value day (the sync's day when the bank gives none),
/// replacing an earlier reading of the same day. Returns how many snapshots were written.
pub fn record_snapshots(tx: &Connection, provider: &str, records: &[InvestmentPositionRecord]) -> Result<u32> {
    let mut statement = tx
        .prepare_cached(
            "INSERT INTO investment_snapshots (position_id, value_date, quantity, unit_value, valuation, valuation_e4, synced_at)
             SELECT id, :day, :quantity, :unit_value, :valuation, :e4, :at FROM investment_positions
             WHERE provider = :provider AND external_id = :id
             ON CONFLICT (position_id, value_date) DO UPDATE SET quantity = excluded.quantity,
                 unit_value = excluded.unit_value, valuation = excluded.valuation,
                 valuation_e4 = excluded.valuation_e4, synced_at = excluded.synced_at",
        )
        .map_err(Error::storage("preparing the position snapshot insert"))?;
    let mut written = 0;
    for record in records.iter().filter(|r| r.ended_on.is_none()) {
        let Some(valuation) = record.valuation else { continue };
        written += statement
            .execute(named_params! {
                ":day": record.value_date.unwrap_or_else(|| record.synced_at.date()),
                ":quantity": record.quantity.map(|q| q.to_string()),
                ":unit_value": record.unit_value.map(|v| v.to_string()),
                ":valuation": valuation.to_string(),
                ":e4": to_e4(valuation)?,
                ":at": record.synced_at,
                ":provider": provider,
                ":id": record.id.external(),
            })
            .map_err(Error::storage("saving a position snapshot"))? as u32;
    }
    Ok(written)
}

const COLUMNS: &str = "p.provider, p.external_id, a.provider, a.external_id, p.label, p.code_scheme, p.code, p.stock_symbol,
    p.currency, p.quantity, p.unit_price, p.unit_value, p.valuation, p.gain, p.gain_ratio, p.portfolio_share, p.value_date,
    p.foreign_currency, p.foreign_valuation, p.foreign_unit_value, p.foreign_unit_price, p.details, p.calculated,
    p.ended_on, p.last_synced_at";

/// Which positions a listing reads.
#[derive(Debug, Clone, Default)]
pub struct PositionFilter {
    /// Only these accounts' (row ids); every account when empty.
    pub accounts: Vec<i64>,
    /// Ended positions too.
    pub include_ended: bool,
}

/// Positions of active accounts, by account then largest valuation first.
pub fn list(connection: &Connection, filter: &PositionFilter) -> Result<Vec<InvestmentPositionRecord>> {
    let mut clauses = vec!["a.status = 'active'".to_string()];
    let mut values = Vec::new();
    if !filter.include_ended {
        clauses.push("p.ended_on IS NULL".into());
    }
    if !filter.accounts.is_empty() {
        clauses.push(format!("p.account_id IN ({})", vec!["?"; filter.accounts.len()].join(", ")));
        values.extend(filter.accounts.iter().map(|id| Value::Integer(*id)));
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM investment_positions p JOIN accounts a ON a.id = p.account_id
         WHERE {} ORDER BY a.institution, a.name, p.ended_on IS NOT NULL, coalesce(p.valuation_e4, 0) DESC, p.label, p.external_id",
        clauses.join(" AND ")
    );
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the position list"))?;
    let rows = statement.query_map(params_from_iter(values.iter()), from_row).map_err(Error::storage("listing positions"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading positions"))
}

/// The stored value days of one position, oldest first; `None` when no such position is stored.
pub fn history(connection: &Connection, position: &PositionId) -> Result<Option<Vec<PositionSnapshot>>> {
    let row_id: Option<i64> = connection
        .query_row(
            "SELECT id FROM investment_positions WHERE provider = :provider AND external_id = :id",
            named_params! { ":provider": position.provider(), ":id": position.external() },
            |row| row.get(0),
        )
        .map(Some)
        .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })
        .map_err(Error::storage("finding a position"))?;
    let Some(row_id) = row_id else { return Ok(None) };
    let mut statement = connection
        .prepare_cached(
            "SELECT value_date, quantity, unit_value, valuation FROM investment_snapshots WHERE position_id = :id ORDER BY value_date",
        )
        .map_err(Error::storage("preparing the position history"))?;
    let rows = statement
        .query_map(named_params! { ":id": row_id }, |row| {
            Ok(PositionSnapshot {
                position_id: position.clone(),
                value_date: row.get(0)?,
                quantity: optional_decimal(row, 1)?,
                unit_value: optional_decimal(row, 2)?,
                valuation: decimal(row, 3)?,
            })
        })
        .map_err(Error::storage("reading the position history"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading the position history")).map(Some)
}

/// Every stored position of `provider`, by its external id.
fn stored_positions(connection: &Connection, provider: &str) -> Result<HashMap<String, InvestmentPositionRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM investment_positions p JOIN accounts a ON a.id = p.account_id WHERE p.provider = ?");
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the stored positions query"))?;
    let rows = statement
        .query_map([provider], from_row)
        .map_err(Error::storage("reading stored positions"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading stored positions"))?;
    Ok(rows.into_iter().map(|record| (record.id.external().to_string(), record)).collect())
}

/// Whether two readings of a position say the same (when they were read aside).
fn same_content(stored: &InvestmentPositionRecord, fresh: &InvestmentPositionRecord) -> bool {
    let mut fresh = fresh.clone();
    fresh.synced_at = stored.synced_at;
    *stored == fresh
}

enum Write {
    Insert,
    Update,
}

fn write(tx: &Connection, row: &PositionRow, how: Write) -> Result<()> {
    let record = &row.record;
    let sql = match how {
        Write::Insert => {
            "INSERT INTO investment_positions (provider, external_id, account_id, label, code_scheme, code, stock_symbol,
                 currency, quantity, unit_price, unit_value, valuation, valuation_e4, gain, gain_ratio, portfolio_share,
                 value_date, foreign_currency, foreign_valuation, foreign_unit_value, foreign_unit_price, details,
                 calculated, ended_on, first_seen_at, last_synced_at)
             VALUES (:provider, :id, :account, :label, :scheme, :code, :symbol, :currency, :quantity, :unit_price,
                 :unit_value, :valuation, :e4, :gain, :gain_ratio, :share, :day, :fx, :fx_valuation, :fx_unit_value,
                 :fx_unit_price, :details, :calculated, :ended, :at, :at)"
        }
        Write::Update => {
            "UPDATE investment_positions SET account_id = :account, label = :label, code_scheme = :scheme, code = :code,
                 stock_symbol = :symbol, currency = :currency, quantity = :quantity, unit_price = :unit_price,
                 unit_value = :unit_value, valuation = :valuation, valuation_e4 = :e4, gain = :gain,
                 gain_ratio = :gain_ratio, portfolio_share = :share, value_date = :day, foreign_currency = :fx,
                 foreign_valuation = :fx_valuation, foreign_unit_value = :fx_unit_value, foreign_unit_price = :fx_unit_price,
                 details = :details, calculated = :calculated, ended_on = :ended, last_synced_at = :at
             WHERE provider = :provider AND external_id = :id"
        }
    };
    let text = |value: Option<Decimal>| value.map(|v| v.to_string());
    let foreign = record.foreign.as_ref();
    let details = record.details.as_ref().map(|d| serde_json::to_string(&StoredDetails::from(d))).transpose().map_err(|e| Error::Task(format!("encoding fund details: {e}")))?;
    let calculated = serde_json::to_string(&record.calculated).map_err(|e| Error::Task(format!("encoding a field list: {e}")))?;
    tx.prepare_cached(sql)
        .map_err(Error::storage("preparing a position write"))?
        .execute(named_params! {
            ":provider": record.id.provider(),
            ":id": record.id.external(),
            ":account": row.account_row,
            ":label": record.label,
            ":scheme": record.code.as_ref().map(|c| c.scheme),
            ":code": record.code.as_ref().map(|c| c.code.as_str()),
            ":symbol": record.stock_symbol,
            ":currency": record.currency,
            ":quantity": text(record.quantity),
            ":unit_price": text(record.unit_price),
            ":unit_value": text(record.unit_value),
            ":valuation": text(record.valuation),
            ":e4": record.valuation.map(to_e4).transpose()?,
            ":gain": text(record.gain),
            ":gain_ratio": text(record.gain_ratio),
            ":share": text(record.portfolio_share),
            ":day": record.value_date,
            ":fx": foreign.map(|f| &f.currency),
            ":fx_valuation": text(foreign.and_then(|f| f.valuation)),
            ":fx_unit_value": text(foreign.and_then(|f| f.unit_value)),
            ":fx_unit_price": text(foreign.and_then(|f| f.unit_price)),
            ":details": details,
            ":calculated": calculated,
            ":ended": record.ended_on,
            ":at": record.synced_at,
        })
        .map_err(Error::storage("saving an investment position"))?;
    Ok(())
}

/// Fund details as stored: decimals as exact text (JSON numbers would go through floats).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredDetails {
    performance_1y: Option<String>,
    performance_3y: Option<String>,
    performance_5y: Option<String>,
    srri: Option<u8>,
    asset_category: Option<String>,
    recommended_period: Option<String>,
}

impl From<&FundDetails> for StoredDetails {
    fn from(d: &FundDetails) -> Self {
        let text = |value: Option<Decimal>| value.map(|v| v.to_string());
        Self {
            performance_1y: text(d.performance_1y),
            performance_3y: text(d.performance_3y),
            performance_5y: text(d.performance_5y),
            srri: d.srri,
            asset_category: d.asset_category.clone(),
            recommended_period: d.recommended_period.clone(),
        }
    }
}

impl StoredDetails {
    fn read(self) -> std::result::Result<FundDetails, rust_decimal::Error> {
        let exact = |text: Option<String>| text.map(|t| t.parse::<Decimal>()).transpose();
        Ok(FundDetails {
            performance_1y: exact(self.performance_1y)?,
            performance_3y: exact(self.performance_3y)?,
            performance_5y: exact(self.performance_5y)?,
            srri: self.srri,
            asset_category: self.asset_category,
            recommended_period: self.recommended_period,
        })
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<InvestmentPositionRecord> {
    let unreadable = |index: usize, why: String| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, why.into());
    let provider: String = row.get(0)?;
    let external: String = row.get(1)?;
    let account_provider: String = row.get(2)?;
    let account_external: String = row.get(3)?;
    let scheme: Option<CodeScheme> = row.get(5)?;
    let code: Option<String> = row.get(6)?;
    let foreign_currency: Option<Currency> = row.get(17)?;
    let details: Option<String> = row.get(21)?;
    let details = details
        .map(|json| serde_json::from_str::<StoredDetails>(&json).map_err(|e| unreadable(21, e.to_string())).and_then(|d| d.read().map_err(|e| unreadable(21, e.to_string()))))
        .transpose()?;
    let calculated: String = row.get(22)?;
    Ok(InvestmentPositionRecord {
        id: PositionId::new(&provider, &external),
        account_id: AccountId::new(&account_provider, &account_external),
        label: row.get(4)?,
        code: scheme.zip(code).map(|(scheme, code)| SecurityCode { scheme, code }),
        stock_symbol: row.get(7)?,
        currency: row.get(8)?,
        quantity: optional_decimal(row, 9)?,
        unit_price: optional_decimal(row, 10)?,
        unit_value: optional_decimal(row, 11)?,
        valuation: optional_decimal(row, 12)?,
        gain: optional_decimal(row, 13)?,
        gain_ratio: optional_decimal(row, 14)?,
        portfolio_share: optional_decimal(row, 15)?,
        value_date: row.get::<_, Option<NaiveDate>>(16)?,
        foreign: match foreign_currency {
            Some(currency) => Some(ForeignValues {
                currency,
                valuation: optional_decimal(row, 18)?,
                unit_value: optional_decimal(row, 19)?,
                unit_price: optional_decimal(row, 20)?,
            }),
            None => None,
        },
        details,
        calculated: serde_json::from_str(&calculated).map_err(|e| unreadable(22, e.to_string()))?,
        ended_on: row.get::<_, Option<NaiveDate>>(23)?,
        synced_at: row.get(24)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn database() -> Connection {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate(&mut connection, None).unwrap();
        for (id, external, status) in [(1, "10", "active"), (2, "11", "active"), (3, "12", "disabled")] {
            connection
                .execute(
                    "INSERT INTO accounts (id, provider, external_id, connection_external_id, institution, name, account_type,
                         currency, status, last_synced_at) VALUES (?1, 'powens', ?2, '1', 'Bank', 'PEA', 'pea', 'EUR', ?3, '2026-12-01T08:00:00Z')",
                    rusqlite::params![id, external, status],
                )
                .unwrap();
        }
        connection
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn money(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn position(id: &str, account: &str, quantity: &str, unit_value: &str, day: &str, synced: &str) -> InvestmentPositionRecord {
        let (quantity, unit_value) = (money(quantity), money(unit_value));
        InvestmentPositionRecord {
            id: PositionId::new("powens", id),
            account_id: AccountId::new("powens", account),
            label: format!("Fund {id}"),
            code: Some(SecurityCode { scheme: CodeScheme::Isin, code: "LU1681043599".into() }),
            stock_symbol: None,
            currency: Currency::parse("currency", "EUR").unwrap(),
            quantity: Some(quantity),
            unit_price: Some(money("100.1234")),
            unit_value: Some(unit_value),
            valuation: Some((quantity * unit_value).round_dp(2)),
            gain: None,
            gain_ratio: Some(money("0.0123")),
            portfolio_share: None,
            value_date: Some(NaiveDate::from_str(day).unwrap()),
            foreign: None,
            details: Some(FundDetails { performance_1y: Some(money("0.1")), srri: Some(5), ..FundDetails::default() }),
            calculated: vec!["diff".into()],
            ended_on: None,
            synced_at: at(synced),
        }
    }

    fn rows(records: &[InvestmentPositionRecord]) -> Vec<PositionRow> {
        records.iter().map(|r| PositionRow { account_row: if r.account_id.external() == "10" { 1 } else if r.account_id.external() == "11" { 2 } else { 3 }, record: r.clone() }).collect()
    }

    fn sync(connection: &mut Connection, records: &[InvestmentPositionRecord], synced: &str) -> (SyncCounts, u32) {
        crate::store::with_tx(connection, |tx| {
            let counts = replace_provider_positions(tx, "powens", &rows(records), at(synced))?;
            Ok((counts, record_snapshots(tx, "powens", records)?))
        })
        .unwrap()
    }

    #[test]
    fn a_position_reads_back_exactly_as_stored() {
        let mut connection = database();
        let mut record = position("7", "10", "12.345678", "452.3141", "2026-12-01", "2026-12-01T08:00:00Z");
        record.foreign = Some(ForeignValues { currency: Currency::parse("c", "USD").unwrap(), valuation: Some(money("6100.55")), unit_value: None, unit_price: Some(money("0.0001")) });
        sync(&mut connection, std::slice::from_ref(&record), "2026-12-01T08:00:00Z");
        assert_eq!(list(&connection, &PositionFilter::default()).unwrap(), vec![record]);
    }

    #[test]
    fn syncs_count_what_changed_keep_one_value_per_day_and_end_what_vanished() {
        let mut connection = database();
        let day1 = [position("7", "10", "10", "100.5", "2026-12-01", "2026-12-01T08:00:00Z"), position("8", "10", "2", "50", "2026-12-01", "2026-12-01T08:00:00Z")];
        assert_eq!(sync(&mut connection, &day1, "2026-12-01T08:00:00Z"), (SyncCounts { inserted: 2, ..Default::default() }, 2));
        // The same reading later the same day: unchanged, and the day's snapshots are replaced, not added.
        let again: Vec<_> = day1.iter().cloned().map(|mut r| { r.synced_at = at("2026-12-01T12:00:00Z"); r }).collect();
        assert_eq!(sync(&mut connection, &again, "2026-12-01T12:00:00Z"), (SyncCounts { unchanged: 2, ..Default::default() }, 2));
        // The next day: one price moved, the other position is no longer listed.
        let day2 = [position("7", "10", "10", "101.25", "2026-12-02", "2026-12-02T08:00:00Z")];
        assert_eq!(sync(&mut connection, &day2, "2026-12-02T08:00:00Z"), (SyncCounts { updated: 1, removed: 1, ..Default::default() }, 1));

        let held = list(&connection, &PositionFilter::default()).unwrap();
        assert_eq!(held.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["powens:7"]);
        let all = list(&connection, &PositionFilter { include_ended: true, ..Default::default() }).unwrap();
        assert_eq!(all.iter().find(|p| p.id == "powens:8").and_then(|p| p.ended_on), NaiveDate::from_ymd_opt(2026, 12, 2));
        let seven = history(&connection, &PositionId::new("powens", "7")).unwrap().unwrap();
        let values: Vec<(String, Decimal)> = seven.iter().map(|s| (s.value_date.to_string(), s.valuation)).collect();
        assert_eq!(values, [("2026-12-01".to_string(), money("1005.00")), ("2026-12-02".to_string(), money("1012.50"))]);
        assert_eq!(history(&connection, &PositionId::new("powens", "99")).unwrap(), None);
    }

    #[test]
    fn a_position_the_bank_marks_deleted_ends_and_positions_of_a_disabled_account_are_left_alone() {
        let mut connection = database();
        let held = [position("7", "10", "1", "10", "2026-12-01", "2026-12-01T08:00:00Z"), position("9", "12", "1", "10", "2026-12-01", "2026-12-01T08:00:00Z")];
        sync(&mut connection, &held, "2026-12-01T08:00:00Z");
        let mut sold = position("7", "10", "1", "10", "2026-12-01", "2026-12-03T08:00:00Z");
        sold.ended_on = NaiveDate::from_ymd_opt(2026, 12, 2);
        // Position 9's account is disabled: a listing that leaves it out says nothing about it.
        let (counts, snapshots) = sync(&mut connection, &[sold], "2026-12-03T08:00:00Z");
        assert_eq!(counts, SyncCounts { removed: 1, ..Default::default() });
        assert_eq!(snapshots, 0, "an ended position has no value of the day");
        let ended: Option<NaiveDate> = connection.query_row("SELECT ended_on FROM investment_positions WHERE external_id = '9'", [], |r| r.get(0)).unwrap();
        assert_eq!(ended, None);
    }

    #[test]
    fn listings_follow_their_filter_and_put_the_largest_first() {
        let mut connection = database();
        let records = [
            position("1", "10", "1", "10", "2026-12-01", "2026-12-01T08:00:00Z"),
            position("2", "10", "1", "30", "2026-12-01", "2026-12-01T08:00:00Z"),
            position("3", "11", "1", "20", "2026-12-01", "2026-12-01T08:00:00Z"),
        ];
        sync(&mut connection, &records, "2026-12-01T08:00:00Z");
        let ids = |filter: PositionFilter| list(&connection, &filter).unwrap().into_iter().map(|p| p.id.external().to_string()).collect::<Vec<_>>();
        assert_eq!(ids(PositionFilter { accounts: vec![1], ..Default::default() }), ["2", "1"]);
        assert_eq!(ids(PositionFilter { accounts: vec![2], ..Default::default() }), ["3"]);
    }
}

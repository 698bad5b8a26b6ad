//! The `loan_terms` and `loan_periods` tables: each loan account's terms as last synced, and its schedule, whose
//! paid periods are kept as history and whose periods to come follow the latest sync.

use super::amounts::{decimal, optional_decimal};
use crate::domain::{AccountId, LoanPeriod, LoanTerms};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, Row};
use rust_decimal::Decimal;

/// Replaces the terms of the loan accounts the provider describes (`(account row id, terms)`); a loan account it no
/// longer describes keeps its last terms.
pub fn save_terms(tx: &Connection, rows: &[(i64, LoanTerms)]) -> Result<()> {
    let mut statement = tx
        .prepare_cached(
            "INSERT INTO loan_terms (account_id, loan_type, currency, borrowed, rate_percent, insurance_rate_percent,
                 insurance_amount, next_payment_amount, next_payment_date, subscription_date, start_repayment_date,
                 maturity_date, payments_total, payments_done, synced_at)
             VALUES (:account, :type, :currency, :borrowed, :rate, :insurance_rate, :insurance, :next_amount, :next_date,
                 :subscribed, :start, :maturity, :total, :done, :at)
             ON CONFLICT (account_id) DO UPDATE SET loan_type = excluded.loan_type, currency = excluded.currency,
                 borrowed = excluded.borrowed, rate_percent = excluded.rate_percent,
                 insurance_rate_percent = excluded.insurance_rate_percent, insurance_amount = excluded.insurance_amount,
                 next_payment_amount = excluded.next_payment_amount, next_payment_date = excluded.next_payment_date,
                 subscription_date = excluded.subscription_date, start_repayment_date = excluded.start_repayment_date,
                 maturity_date = excluded.maturity_date, payments_total = excluded.payments_total,
                 payments_done = excluded.payments_done, synced_at = excluded.synced_at",
        )
        .map_err(Error::storage("preparing the loan terms write"))?;
    let text = |value: Option<Decimal>| value.map(|v| v.to_string());
    for (row, terms) in rows {
        statement
            .execute(named_params! {
                ":account": row,
                ":type": terms.loan_type,
                ":currency": terms.currency,
                ":borrowed": text(terms.borrowed),
                ":rate": text(terms.rate_percent),
                ":insurance_rate": text(terms.insurance_rate_percent),
                ":insurance": text(terms.insurance_amount),
                ":next_amount": text(terms.next_payment_amount),
                ":next_date": terms.next_payment_date,
                ":subscribed": terms.subscription_date,
                ":start": terms.start_repayment_date,
                ":maturity": terms.maturity_date,
                ":total": terms.payments_total,
                ":done": terms.payments_done,
                ":at": terms.synced_at,
            })
            .map_err(Error::storage("saving loan terms"))?;
    }
    Ok(())
}

/// Writes a loan's schedule as the provider reports it now: its periods are upserted, and the stored periods from
/// `today` on that it no longer lists are dropped (the schedule changed). Returns how many periods it wrote.
pub fn replace_schedule(tx: &Connection, account_row: i64, periods: &[LoanPeriod], today: NaiveDate) -> Result<u32> {
    let mut upsert = tx
        .prepare_cached(
            "INSERT INTO loan_periods (account_id, payment_date, currency, principal, interest, insurance, total,
                 remaining_capital, calculated, synced_at)
             VALUES (:account, :day, :currency, :principal, :interest, :insurance, :total, :remaining, :calculated, :at)
             ON CONFLICT (account_id, payment_date) DO UPDATE SET currency = excluded.currency,
                 principal = excluded.principal, interest = excluded.interest, insurance = excluded.insurance,
                 total = excluded.total, remaining_capital = excluded.remaining_capital,
                 calculated = excluded.calculated, synced_at = excluded.synced_at",
        )
        .map_err(Error::storage("preparing the loan schedule write"))?;
    for period in periods {
        let calculated = serde_json::to_string(&period.calculated).map_err(|e| Error::Task(format!("encoding a field list: {e}")))?;
        upsert
            .execute(named_params! {
                ":account": account_row,
                ":day": period.payment_date,
                ":currency": period.currency,
                ":principal": period.principal.to_string(),
                ":interest": period.interest.to_string(),
                ":insurance": period.insurance.to_string(),
                ":total": period.total.to_string(),
                ":remaining": period.remaining_capital.to_string(),
                ":calculated": calculated,
                ":at": period.synced_at,
            })
            .map_err(Error::storage("saving a loan period"))?;
    }
    let listed: Vec<NaiveDate> = periods.iter().map(|p| p.payment_date).collect();
    let mut stored = tx
        .prepare_cached("SELECT payment_date FROM loan_periods WHERE account_id = :account AND payment_date >= :today")
        .map_err(Error::storage("preparing the loan schedule query"))?;
    let upcoming: Vec<NaiveDate> = stored
        .query_map(named_params! { ":account": account_row, ":today": today }, |row| row.get(0))
        .map_err(Error::storage("reading a loan schedule"))?
        .collect::<rusqlite::Result<_>>()
        .map_err(Error::storage("reading a loan schedule"))?;
    for day in upcoming.into_iter().filter(|day| !listed.contains(day)) {
        tx.execute("DELETE FROM loan_periods WHERE account_id = :account AND payment_date = :day", named_params! { ":account": account_row, ":day": day })
            .map_err(Error::storage("dropping a period the schedule no longer has"))?;
    }
    Ok(periods.len() as u32)
}

/// The terms of every active loan account, by institution and name.
pub fn terms(connection: &Connection) -> Result<Vec<LoanTerms>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT a.provider, a.external_id, t.loan_type, t.currency, t.borrowed, t.rate_percent, t.insurance_rate_percent,
                 t.insurance_amount, t.next_payment_amount, t.next_payment_date, t.subscription_date, t.start_repayment_date,
                 t.maturity_date, t.payments_total, t.payments_done, t.synced_at
             FROM loan_terms t JOIN accounts a ON a.id = t.account_id WHERE a.status = 'active' ORDER BY a.institution, a.name",
        )
        .map_err(Error::storage("preparing the loan terms query"))?;
    let rows = statement
        .query_map([], |row| {
            Ok(LoanTerms {
                account_id: AccountId::new(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?),
                loan_type: row.get(2)?,
                currency: row.get(3)?,
                borrowed: optional_decimal(row, 4)?,
                rate_percent: optional_decimal(row, 5)?,
                insurance_rate_percent: optional_decimal(row, 6)?,
                insurance_amount: optional_decimal(row, 7)?,
                next_payment_amount: optional_decimal(row, 8)?,
                next_payment_date: row.get(9)?,
                subscription_date: row.get(10)?,
                start_repayment_date: row.get(11)?,
                maturity_date: row.get(12)?,
                payments_total: row.get(13)?,
                payments_done: row.get(14)?,
                synced_at: row.get(15)?,
            })
        })
        .map_err(Error::storage("reading loan terms"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading loan terms"))
}

/// Every stored period of the active loan accounts, by account then payment day.
pub fn periods(connection: &Connection) -> Result<Vec<LoanPeriod>> {
    let mut statement = connection
        .prepare_cached(
            "SELECT a.provider, a.external_id, p.payment_date, p.currency, p.principal, p.interest, p.insurance, p.total,
                 p.remaining_capital, p.calculated, p.synced_at
             FROM loan_periods p JOIN accounts a ON a.id = p.account_id WHERE a.status = 'active'
             ORDER BY a.institution, a.name, p.payment_date",
        )
        .map_err(Error::storage("preparing the loan schedule query"))?;
    let rows = statement.query_map([], period_from_row).map_err(Error::storage("reading loan schedules"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::storage("reading loan schedules"))
}

fn period_from_row(row: &Row<'_>) -> rusqlite::Result<LoanPeriod> {
    let calculated: String = row.get(9)?;
    Ok(LoanPeriod {
        account_id: AccountId::new(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?),
        payment_date: row.get(2)?,
        currency: row.get(3)?,
        principal: decimal(row, 4)?,
        interest: decimal(row, 5)?,
        insurance: decimal(row, 6)?,
        total: decimal(row, 7)?,
        remaining_capital: decimal(row, 8)?,
        calculated: serde_json::from_str(&calculated).map_err(|e| rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, Box::new(e)))?,
        synced_at: row.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, Timestamp};
    use std::str::FromStr;

    fn database() -> Connection {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate(&mut connection, None).unwrap();
        connection
            .execute(
                "INSERT INTO accounts (id, provider, external_id, connection_external_id, institution, name, account_type,
                     currency, status, last_synced_at) VALUES (1, 'powens', '4', '1', 'Bank', 'Mortgage', 'loan', 'EUR', 'active', '2026-12-01T08:00:00Z')",
                [],
            )
            .unwrap();
        connection
    }

    fn period(day: &str, principal: &str, remaining: &str) -> LoanPeriod {
        LoanPeriod {
            account_id: AccountId::new("powens", "4"),
            payment_date: NaiveDate::from_str(day).unwrap(),
            currency: Currency::parse("c", "EUR").unwrap(),
            principal: Decimal::from_str(principal).unwrap(),
            interest: Decimal::from_str("300.25").unwrap(),
            insurance: Decimal::from_str("42.09").unwrap(),
            total: Decimal::from_str(principal).unwrap() + Decimal::from_str("342.34").unwrap(),
            remaining_capital: Decimal::from_str(remaining).unwrap(),
            calculated: vec!["total_payment_amount".into()],
            synced_at: Timestamp::parse("2026-12-01T08:00:00Z").unwrap(),
        }
    }

    fn days(connection: &Connection) -> Vec<String> {
        periods(connection).unwrap().iter().map(|p| p.payment_date.to_string()).collect()
    }

    #[test]
    fn paid_periods_stay_and_coming_ones_follow_the_latest_schedule() {
        let mut connection = database();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let first = [period("2026-11-05", "700", "3000"), period("2026-12-05", "710", "2290"), period("2027-01-05", "720", "1570")];
        crate::store::with_tx(&mut connection, |tx| replace_schedule(tx, 1, &first, today)).unwrap();
        assert_eq!(periods(&connection).unwrap(), first.to_vec(), "read back exactly");
        // Renegotiated: the bank now lists December on, with January moved to the 10th and a larger payment.
        let later = [period("2026-12-05", "710", "2290"), period("2027-01-10", "900", "1390")];
        crate::store::with_tx(&mut connection, |tx| replace_schedule(tx, 1, &later, today)).unwrap();
        assert_eq!(days(&connection), ["2026-11-05", "2026-12-05", "2027-01-10"], "November kept as history, the old January dropped");
        let january = periods(&connection).unwrap().into_iter().find(|p| p.payment_date.to_string() == "2027-01-10").unwrap();
        assert_eq!(january.principal, Decimal::from(900));
    }
}

//! The alerts about the money, from what the store holds: a movement at least as large as the household's threshold
//! booked in the last [`MOVEMENT_DAYS`] days, a current account below its threshold, and an account whose balance
//! moved by an amount its transactions do not explain (transactions missing, or a balance the bank got wrong).
//! Thresholds are in the base currency; an amount in another currency is compared through the household's rates,
//! and one without a rate is not compared (no guess).

use super::{Alert, AlertKind};
use crate::domain::{AccountId, ConnectionAction, ConnectionId, Currency};
use crate::fx::RateTable;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

/// How long a large movement stays an alert after its booking day.
pub const MOVEMENT_DAYS: u64 = 7;

/// The account an alert is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRef {
    /// The account.
    pub id: AccountId,
    /// Its name, as the household sees it.
    pub name: String,
    /// Its connection.
    pub connection_id: ConnectionId,
    /// Its bank.
    pub institution: String,
    /// Its currency.
    pub currency: Currency,
}

/// A booked movement of the last days.
#[derive(Debug, Clone)]
pub struct Movement {
    /// The transaction's row id (the alert's identity).
    pub row: i64,
    /// Its account.
    pub account: AccountRef,
    /// Its booking day.
    pub booked_on: NaiveDate,
    /// Its amount, in the account's currency.
    pub amount: Decimal,
}

/// A current account's balance now.
#[derive(Debug, Clone)]
pub struct CurrentBalance {
    /// The account.
    pub account: AccountRef,
    /// Its balance.
    pub balance: Decimal,
}

/// One stored balance of an account, beside the sums of its booked transactions up to that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BalancePoint {
    /// When the balance was read.
    pub as_of: NaiveDateTime,
    /// The balance.
    pub balance: Decimal,
    /// The booked transactions up to and including that day.
    pub through_day: Decimal,
    /// The booked transactions before that day (the day's own may have come after the reading).
    pub before_day: Decimal,
}

/// An account's first and latest stored balances.
#[derive(Debug, Clone)]
pub struct Reconciliation {
    /// The account.
    pub account: AccountRef,
    /// Its first stored balance.
    pub first: BalancePoint,
    /// Its latest stored balance.
    pub latest: BalancePoint,
}

fn alert(kind: AlertKind, subject: String, account: &AccountRef, needs_action: bool, action: Option<ConnectionAction>, message: String) -> Alert {
    Alert {
        key: format!("{kind}:{subject}"),
        kind,
        needs_action,
        connection_id: Some(account.connection_id.clone()),
        account_id: Some(account.id.clone()),
        institution: account.institution.clone(),
        action,
        message,
    }
}

/// `amount` of `currency` in the base currency on `day`, when the household has a rate for it.
fn in_base(rates: &RateTable, amount: Decimal, currency: &Currency, day: NaiveDate) -> Option<Decimal> {
    rates.rate_on(currency.as_str(), day).map(|(rate, _)| amount * rate)
}

/// Money as the alert's message shows it (the one rounding, for display).
fn shown(amount: Decimal, currency: &str) -> String {
    format!("{} {currency}", amount.round_dp(2))
}

/// The movements at least `threshold` (base currency) either way.
pub fn large_movements(movements: &[Movement], threshold: Decimal, rates: &RateTable) -> Vec<Alert> {
    movements
        .iter()
        .filter(|m| in_base(rates, m.amount.abs(), &m.account.currency, m.booked_on).is_some_and(|size| size >= threshold))
        .map(|m| {
            let message = format!(
                "{} ({}): a movement of {} on {}, at or above your threshold of {}.",
                m.account.name,
                m.account.institution,
                shown(m.amount, m.account.currency.as_str()),
                m.booked_on,
                shown(threshold, rates.base())
            );
            alert(AlertKind::LargeMovement, m.row.to_string(), &m.account, false, None, message)
        })
        .collect()
}

/// The current accounts whose balance is below `threshold` (base currency) `today`.
pub fn low_balances(accounts: &[CurrentBalance], threshold: Decimal, rates: &RateTable, today: NaiveDate) -> Vec<Alert> {
    accounts
        .iter()
        .filter(|a| in_base(rates, a.balance, &a.account.currency, today).is_some_and(|balance| balance < threshold))
        .map(|a| {
            let message = format!(
                "{} ({}): the balance is {}, below your threshold of {}.",
                a.account.name,
                a.account.institution,
                shown(a.balance, a.account.currency.as_str()),
                shown(threshold, rates.base())
            );
            alert(AlertKind::LowBalance, a.account.id.to_string(), &a.account, true, None, message)
        })
        .collect()
}

/// How far back the balance check looks: the earliest reading within this many days is compared to the latest.
pub const RECONCILE_DAYS: i64 = 30;

/// The accounts whose balance moved, between its first and latest readings of the window, by an amount no reading
/// of the booked transactions explains. A balance minus the transactions booked up to it is the account's opening
/// balance, the same at every reading; the day of each reading counts either way (its transactions may have been
/// booked after the balance was read), so only a gap no timing explains is an alert.
pub fn mismatches(accounts: &[Reconciliation]) -> Vec<Alert> {
    let opening = |p: &BalancePoint| {
        let (a, b) = (p.balance - p.through_day, p.balance - p.before_day);
        (a.min(b), a.max(b))
    };
    accounts
        .iter()
        .filter(|r| r.latest.as_of > r.first.as_of)
        .filter_map(|r| {
            let (first_low, first_high) = opening(&r.first);
            let (latest_low, latest_high) = opening(&r.latest);
            let gap = if latest_low > first_high { latest_low - first_high } else if first_low > latest_high { latest_high - first_low } else { return None };
            let currency = r.account.currency.as_str();
            let message = format!(
                "{} ({}): since {} the balance has moved {} away from what its transactions add up to; some may be missing. Sync it now, or check it at the bank.",
                r.account.name,
                r.account.institution,
                r.first.as_of.date(),
                shown(gap.abs(), currency)
            );
            Some(alert(AlertKind::BalanceMismatch, r.account.id.to_string(), &r.account, false, Some(ConnectionAction::SyncNow), message))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fx::validated;

    fn account(currency: &str) -> AccountRef {
        AccountRef {
            id: AccountId::new("powens", "11"),
            name: "Compte courant".into(),
            connection_id: ConnectionId::new("7"),
            institution: "Banque Test".into(),
            currency: Currency::parse("currency", currency).unwrap(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        crate::domain::time::on(text)
    }

    fn money(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn rates() -> RateTable {
        RateTable::new("EUR", &[validated("USD", "EUR", "0.9", day("2026-01-01")).unwrap()])
    }

    #[test]
    fn a_movement_counts_either_way_in_the_base_currency_and_one_without_a_rate_is_not_guessed() {
        let movement = |row, currency, amount| Movement { row, account: account(currency), booked_on: day("2026-11-24"), amount: money(amount) };
        let found = large_movements(
            &[movement(1, "EUR", "-5000.00"), movement(2, "EUR", "4999.99"), movement(3, "USD", "5600"), movement(4, "USD", "5500"), movement(5, "CHF", "90000")],
            money("5000"),
            &rates(),
        );
        let rows: Vec<&str> = found.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(rows, ["money.large_movement:1", "money.large_movement:3"], "5,600 USD is 5,040 EUR; 5,500 USD is 4,950; CHF has no rate");
        assert!(found[0].message.contains("-5000.00 EUR") && found[0].message.contains("5000 EUR"), "{}", found[0].message);
        assert!(!found[0].needs_action && found[0].action.is_none());
    }

    #[test]
    fn a_current_account_below_the_threshold_needs_someone() {
        let balance = |amount| CurrentBalance { account: account("EUR"), balance: money(amount) };
        assert!(low_balances(&[balance("100.00")], money("100"), &rates(), day("2026-11-25")).is_empty(), "at the threshold is not below it");
        let low = low_balances(&[balance("99.99")], money("100"), &rates(), day("2026-11-25"));
        assert_eq!((low.len(), low[0].kind, low[0].needs_action), (1, AlertKind::LowBalance, true));
    }

    #[test]
    fn a_balance_its_transactions_explain_is_quiet_whatever_the_timing_and_a_gap_is_named() {
        let point = |at: &str, balance, through, before| BalancePoint {
            as_of: NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap(),
            balance: money(balance),
            through_day: money(through),
            before_day: money(before),
        };
        let first = point("2026-11-01 08:00:00", "1000.00", "-200.00", "-150.00");
        // Opening 1,200 by the first reading (or 1,150 if that day's 50 came after it).
        let explained = Reconciliation { account: account("EUR"), first, latest: point("2026-11-20 08:00:00", "700.00", "-500.00", "-450.00") };
        let timing = Reconciliation { account: account("EUR"), first, latest: point("2026-11-20 08:00:00", "750.00", "-500.00", "-400.00") };
        let missing = Reconciliation { account: account("EUR"), first, latest: point("2026-11-20 08:00:00", "580.00", "-500.00", "-500.00") };
        assert!(mismatches(&[explained, timing]).is_empty());
        let found = mismatches(&[missing]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains(" 70.00 EUR away"), "opening 1,080 against at least 1,150: {}", found[0].message);
        assert_eq!(found[0].action, Some(ConnectionAction::SyncNow));
    }
}

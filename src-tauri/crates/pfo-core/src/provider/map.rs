//! The one boundary where Powens wire types become canonical records. Nothing past this module sees a Powens
//! payload. Field by field:
//!
//! | canonical | Powens | notes |
//! |---|---|---|
//! | `BankConnection.id` / `institution` / `state` | `connection.id` / `connector.name` (`?expand=connector`) / `state` | empty or null state = OK; `health` classifies it |
//! | `.provider_updated_at` / `.consent_expires_at` | `last_update` / `expire` | the first kept verbatim (it goes back to Powens as `last_update` filter); the second read as a naive time, dropped when unreadable |
//! | `.next_try` | `next_try` | read as a naive time, dropped when unreadable |
//! | `BankAccountRecord.id` | `account.id` | as `powens:<id>` |
//! | `.connection_id` / `.institution` | `id_connection` / its connection's connector name | |
//! | `.name` | `name`, else `original_name`, else `Account <id>` | |
//! | `.account_type` | `type` (a string code live) | unknown codes kept as `Other` |
//! | `.iban` / `.number` / `.bic` / `.usage` | `iban` / `number` / `bic` / `usage` | identifiers masked whenever shown |
//! | `.currency` | `currency.id` | required, 3 letters, upper-cased |
//! | `.balance` / `.coming_balance` | `balance` / `coming` | number or string, exact decimal |
//! | `.status` | `deleted` set → deleted; `disabled` set → disabled; else active | |
//! | `BankTransactionRecord.id` / `.account_id` | `id` / `id_account` | the account must be stored already |
//! | `.booking_date` / `.value_date` / `.realisation_date` | `date` (required) / `vdate` / `rdate` | `YYYY-MM-DD`, validated |
//! | `.amount` / `.currency` | `value` (required) / the account's currency | |
//! | `.original_amount` / `.original_currency` | `original_value` / `original_currency.id` | payments abroad |
//! | `.label` / `.original_label` | `wording`, else `simplified_wording`, else `original_wording` / `original_wording` | |
//! | `.kind` / `.category` / `.category_parent` | `type` / `categories[0].code` / `categories[0].parent_code` | |
//! | `.counterparty` | `counterparty.{label, account_identification (IBAN when scheme is iban), type}` | identifier masked |
//! | `.status` | `deleted` set → deleted; `coming` → pending; else booked | |
//! | `AccountBalanceRecord` | active accounts' `balance` (current) and `coming` (coming, 0 when absent) | one pair per refresh |
//!
//! A refusal ([`Error::ProviderPayload`]) names the record's Powens id and the field, never the field's value: the
//! reason is shown and logged (`pfo-core/tests/payload_fuzz.rs` fails if one quotes a value of the payload).

use super::{AccountsSnapshot, PowensOpenBankingProvider};
use crate::domain::{Timestamp,
    AccountBalanceRecord, AccountId, AccountIdentifier, AccountStatus, AccountType, BalanceType, BankAccountRecord, BankConnection, ConnectionHealth,
    BankTransactionRecord, ConnectionId, Counterparty, Currency, TransactionId, TransactionStatus,
};
use crate::error::{Error, Result};
use powens_client::model;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

mod investments;
mod loans;

pub use investments::{investments, market_orders};
pub use loans::{loan_periods, loan_terms};

const PROVIDER: &str = PowensOpenBankingProvider::NAME;

/// Maps one listing of connections and accounts; fails as a whole if any account cannot be mapped, so a sync
/// never writes half of a bad payload.
pub fn accounts_snapshot(
    connections: &[model::Connection],
    accounts: &[model::Account],
    synced_at: Timestamp,
) -> Result<AccountsSnapshot> {
    let connections: Vec<BankConnection> = connections.iter().map(|c| connection(c, synced_at)).collect();
    let institutions: HashMap<&str, &str> =
        connections.iter().map(|c| (c.id.as_str(), c.institution.as_str())).collect();
    let accounts = accounts
        .iter()
        .map(|a| account(a, &institutions, synced_at))
        .collect::<Result<Vec<_>>>()?;
    Ok(AccountsSnapshot { connections, accounts, holders: None, loans: Vec::new() })
}

/// Maps Powens account ownerships. A party without a name cannot be matched or shown, so it is left out; an
/// account whose parties are all nameless proposes nothing and is left out too.
pub fn holders(wire: &[model::AccountOwnership]) -> Vec<super::AccountHolders> {
    use crate::household::{Party, PartyRole};
    use model::PartyRole as Wire;
    wire.iter()
        .map(|ownership| {
            let parties = ownership
                .parties
                .iter()
                .filter_map(|party| {
                    let name = party.identity.full_name.as_deref().map(str::trim).filter(|n| !n.is_empty())?;
                    let role = match party.role {
                        Wire::Holder => PartyRole::Holder,
                        Wire::CoHolder => PartyRole::CoHolder,
                        Wire::Attorney => PartyRole::Attorney,
                        Wire::CustodianForMinor => PartyRole::CustodianForMinor,
                        Wire::LegalGuardian => PartyRole::LegalGuardian,
                        Wire::Nominee => PartyRole::Nominee,
                        Wire::SuccessorOnDeath => PartyRole::SuccessorOnDeath,
                        Wire::Trustee => PartyRole::Trustee,
                        Wire::Unknown => PartyRole::Unknown,
                    };
                    Some(Party { role, name: name.to_string(), is_user: party.identity.is_user.unwrap_or(false) })
                })
                .collect();
            super::AccountHolders {
                account: AccountId::new(PROVIDER, &ownership.id_account.to_string()),
                usage: ownership.usage.and_then(|u| u.code()).map(str::to_string),
                parties,
            }
        })
        .filter(|holders| !holders.parties.is_empty())
        .collect()
}

/// Powens treats a missing, null or empty state as "last sync OK".
fn normalized_state(state: &Option<String>) -> Option<String> {
    state.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

/// Reads one of Powens' naive times (`YYYY-MM-DD HH:MM:SS`, or a bare date meaning its midnight). A consent end the
/// bank reports in another form is dropped rather than failing the sync: the connection's data is still good, and
/// the household is then simply not warned ahead of that consent's end.
fn provider_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text.get(..19).unwrap_or(text), "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?.and_hms_opt(0, 0, 0))
}

/// Maps one connection.
pub fn connection(wire: &model::Connection, synced_at: Timestamp) -> BankConnection {
    let institution = wire
        .connector
        .as_ref()
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| format!("Bank connection {}", wire.id));
    let state = normalized_state(&wire.state);
    BankConnection {
        id: ConnectionId::new(wire.id.to_string()),
        provider: PROVIDER.to_string(),
        institution,
        health: ConnectionHealth::of(state.as_deref()),
        state,
        provider_updated_at: wire.last_update.clone(),
        consent_expires_at: wire.expire.as_deref().and_then(provider_time),
        consent_ends_in_days: None,
        next_try: wire.next_try.as_deref().and_then(provider_time),
        last_synced_at: synced_at,
        action: None,
    }
}

/// The account's currency, refused unless it is a three-letter code.
fn account_currency(wire: &model::Account) -> Result<Currency> {
    wire.currency
        .as_ref()
        .and_then(|c| Currency::parse("currency", &c.id).ok())
        .ok_or_else(|| Error::ProviderPayload { reason: format!("account {} has no valid currency", wire.id) })
}

fn account(wire: &model::Account, institutions: &HashMap<&str, &str>, synced_at: Timestamp) -> Result<BankAccountRecord> {
    let currency = account_currency(wire)?;
    let connection_id = wire
        .id_connection
        .ok_or_else(|| Error::ProviderPayload { reason: format!("account {} has no connection", wire.id) })?
        .to_string();
    let connection_id = ConnectionId::new(connection_id);
    let institution = institutions
        .get(connection_id.as_str())
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("Bank connection {connection_id}"));
    let status = if wire.deleted.is_some() {
        AccountStatus::Deleted
    } else if wire.disabled.is_some() {
        AccountStatus::Disabled
    } else {
        AccountStatus::Active
    };
    let name = wire
        .name
        .clone()
        .or_else(|| wire.original_name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("Account {}", wire.id));
    Ok(BankAccountRecord {
        id: AccountId::new(PROVIDER, &wire.id.to_string()),
        provider: PROVIDER.to_string(),
        connection_id,
        institution,
        name,
        account_type: AccountType::from_code(wire.account_type.as_deref().unwrap_or("unknown")),
        usage: wire.usage.clone(),
        iban: wire.iban.clone().filter(|i| !i.trim().is_empty()).map(AccountIdentifier::iban),
        bic: wire.bic.clone().filter(|b| !b.trim().is_empty()),
        number: wire.number.clone().filter(|n| !n.trim().is_empty()).map(AccountIdentifier::number),
        currency,
        balance: wire.balance,
        coming_balance: wire.coming,
        status,
        provider_updated_at: wire.last_update.clone(),
        last_synced_at: synced_at,
    })
}

/// Maps one page of transactions; fails as a whole on the first unusable one, naming it and the field.
pub fn transactions(
    wire: &[model::Transaction],
    currencies: &HashMap<String, String>,
    synced_at: Timestamp,
) -> Result<Vec<BankTransactionRecord>> {
    wire.iter().map(|t| transaction(t, currencies, synced_at)).collect()
}

/// Reads a `YYYY-MM-DD` date (Powens may append a time).
fn date(value: &Option<String>, id: i64, field: &str) -> Result<Option<NaiveDate>> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            let day = v.get(..10).unwrap_or(v);
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|_| Error::ProviderPayload { reason: format!("transaction {id} has an invalid `{field}` date") })
        })
        .transpose()
}

fn transaction(wire: &model::Transaction, currencies: &HashMap<String, String>, synced_at: Timestamp) -> Result<BankTransactionRecord> {
    let id = wire.id;
    let account = wire.id_account.to_string();
    let currency = currencies.get(&account).and_then(|code| Currency::parse("currency", code).ok()).ok_or_else(|| Error::ProviderPayload {
        reason: format!("transaction {id} belongs to account {account}, which the accounts sync has not stored"),
    })?;
    let booking_date = date(&wire.date, id, "date")?
        .ok_or_else(|| Error::ProviderPayload { reason: format!("transaction {id} has no `date`") })?;
    let amount = wire.value.ok_or_else(|| Error::ProviderPayload { reason: format!("transaction {id} has no `value`") })?;
    let label = [&wire.wording, &wire.simplified_wording, &wire.original_wording]
        .into_iter()
        .flatten()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or("(no label)")
        .to_string();
    let category = wire.categories.as_ref().and_then(|c| c.first());
    let counterparty = wire.counterparty.as_ref().map(|c| Counterparty {
        label: c.label.clone().filter(|l| !l.trim().is_empty()),
        identifier: c.account_identification.clone().filter(|i| !i.trim().is_empty()).map(|i| {
            if c.account_scheme_name.as_deref() == Some("iban") {
                AccountIdentifier::iban(i)
            } else {
                AccountIdentifier::number(i)
            }
        }),
        kind: c.kind.clone(),
    });
    let status = if wire.deleted.as_deref().is_some_and(|d| !d.is_empty()) {
        TransactionStatus::Deleted
    } else if wire.coming == Some(true) {
        TransactionStatus::Pending
    } else {
        TransactionStatus::Booked
    };
    Ok(BankTransactionRecord {
        id: TransactionId::new(PROVIDER, &id.to_string()),
        account_id: AccountId::new(PROVIDER, &account),
        booking_date,
        value_date: date(&wire.vdate, id, "vdate")?,
        realisation_date: date(&wire.rdate, id, "rdate")?,
        amount,
        currency,
        original_amount: wire.original_value,
        // An original currency that is not a code is dropped, like an empty one: the amount in the account's currency stands.
        original_currency: wire.original_currency.as_ref().and_then(|c| Currency::parse("original_currency", &c.id).ok()),
        label,
        original_label: wire.original_wording.clone(),
        kind: wire.kind.clone(),
        category: category.and_then(|c| c.code.clone()),
        category_parent: category.and_then(|c| c.parent_code.clone()),
        counterparty: counterparty.filter(|c| c.label.is_some() || c.identifier.is_some()),
        status,
        provider_updated_at: wire.last_update.clone(),
        last_synced_at: synced_at,
    })
}

/// Current and coming balances of the listed active accounts.
pub fn balances(accounts: &[model::Account], as_of: Timestamp) -> Result<Vec<AccountBalanceRecord>> {
    let mut records = Vec::new();
    for wire in accounts.iter().filter(|a| a.disabled.is_none() && a.deleted.is_none()) {
        let currency = account_currency(wire)?;
        let account_id = AccountId::new(PROVIDER, &wire.id.to_string());
        for (balance_type, amount) in [(BalanceType::Current, wire.balance), (BalanceType::Coming, wire.coming.or(Some(rust_decimal::Decimal::ZERO)))] {
            if let Some(amount) = amount {
                records.push(AccountBalanceRecord { account_id: account_id.clone(), balance_type, amount, currency: currency.clone(), as_of });
            }
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire_account(json: serde_json::Value) -> model::Account {
        serde_json::from_value(json).unwrap()
    }

    fn wire_connection() -> model::Connection {
        serde_json::from_value(serde_json::json!({
            "id": 7, "state": "", "connector": {"name": "BNP Paribas"}, "last_update": "2026-11-20 08:00:00"
        }))
        .unwrap()
    }

    #[test]
    fn maps_a_full_account() {
        let snapshot = accounts_snapshot(
            &[wire_connection()],
            &[wire_account(serde_json::json!({
                "id": 12, "id_connection": 7, "name": "Compte", "iban": "FR7630004000031234567890143",
                "number": "0212366548", "balance": 10.5, "coming": "-2.25", "type": "livret_a",
                "currency": {"id": "eur"}, "disabled": null, "deleted": null, "usage": "PRIV"
            }))],
            crate::domain::time::at("2026-11-25T00:00:00Z"),
        )
        .unwrap();
        assert_eq!(snapshot.connections[0].state, None, "an empty state means OK");
        let account = &snapshot.accounts[0];
        assert_eq!(account.id, "powens:12");
        assert_eq!(account.institution, "BNP Paribas");
        assert_eq!(account.currency, "EUR");
        assert_eq!(account.account_type, AccountType::LivretA);
        assert_eq!(account.balance.unwrap().to_string(), "10.5");
        assert_eq!(account.coming_balance.unwrap().to_string(), "-2.25");
        assert_eq!(account.status, AccountStatus::Active);
        assert_eq!(account.number.as_ref().unwrap().masked(), "•••• 6548");
    }

    #[test]
    fn a_consent_end_is_read_as_powens_writes_it_and_dropped_when_unreadable() {
        let at = |text| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(provider_time("2027-03-01 12:30:00"), Some(at("2027-03-01 12:30:00")));
        assert_eq!(provider_time("2027-03-01 12:30:00.123456"), Some(at("2027-03-01 12:30:00")));
        assert_eq!(provider_time("2027-03-01"), Some(at("2027-03-01 00:00:00")), "a bare date is its midnight");
        assert_eq!(provider_time("garbage"), None);
        assert_eq!(provider_time("2027-02-30 00:00:00"), None);
    }

    #[test]
    fn disabled_and_deleted_accounts_are_flagged() {
        let disabled = wire_account(serde_json::json!({"id": 1, "id_connection": 7, "currency": {"id": "EUR"},
                                                       "disabled": "2026-01-01 00:00:00"}));
        let deleted = wire_account(serde_json::json!({"id": 2, "id_connection": 7, "currency": {"id": "EUR"},
                                                      "disabled": "2026-01-01 00:00:00", "deleted": "2026-02-01 00:00:00"}));
        let snapshot = accounts_snapshot(&[wire_connection()], &[disabled, deleted], crate::domain::time::at("2026-11-25T00:00:00Z")).unwrap();
        assert_eq!(snapshot.accounts[0].status, AccountStatus::Disabled);
        assert_eq!(snapshot.accounts[1].status, AccountStatus::Deleted);
        assert_eq!(snapshot.accounts[0].name, "Account 1");
    }

    #[test]
    fn an_account_without_currency_fails_the_whole_snapshot() {
        let good = wire_account(serde_json::json!({"id": 1, "id_connection": 7, "currency": {"id": "EUR"}}));
        let bad = wire_account(serde_json::json!({"id": 2, "id_connection": 7, "iban": "FR7630004000031234567890143"}));
        let error = accounts_snapshot(&[wire_connection()], &[good, bad], crate::domain::time::at("2026-11-25T00:00:00Z")).unwrap_err();
        assert_eq!(error.code(), "provider.bad_payload");
        assert!(!error.to_string().contains("FR76"), "errors never quote identifiers");
    }
}

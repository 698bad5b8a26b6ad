//! The one boundary where Powens wire types become canonical records. Nothing past this module sees a Powens
//! payload.

use super::{AccountsSnapshot, PowensOpenBankingProvider};
use crate::domain::{AccountIdentifier, AccountStatus, AccountType, BankAccountRecord, BankConnection};
use crate::error::{Error, Result};
use crate::store::accounts::canonical_id;
use powens_client::model;
use std::collections::HashMap;

const PROVIDER: &str = PowensOpenBankingProvider::NAME;

/// Maps one listing of connections and accounts; fails as a whole if any account cannot be mapped, so a sync
/// never writes half of a bad payload.
pub fn accounts_snapshot(
    connections: &[model::Connection],
    accounts: &[model::Account],
    synced_at: &str,
) -> Result<AccountsSnapshot> {
    let connections: Vec<BankConnection> = connections.iter().map(|c| connection(c, synced_at)).collect();
    let institutions: HashMap<&str, &str> =
        connections.iter().map(|c| (c.id.as_str(), c.institution.as_str())).collect();
    let accounts = accounts
        .iter()
        .map(|a| account(a, &institutions, synced_at))
        .collect::<Result<Vec<_>>>()?;
    Ok(AccountsSnapshot { connections, accounts })
}

/// Powens treats a missing, null or empty state as "last sync OK".
fn normalized_state(state: &Option<String>) -> Option<String> {
    state.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

fn connection(wire: &model::Connection, synced_at: &str) -> BankConnection {
    let institution = wire
        .connector
        .as_ref()
        .and_then(|c| c.name.clone())
        .unwrap_or_else(|| format!("Bank connection {}", wire.id));
    BankConnection {
        id: wire.id.to_string(),
        provider: PROVIDER.to_string(),
        institution,
        state: normalized_state(&wire.state),
        provider_updated_at: wire.last_update.clone(),
        consent_expires_at: wire.expire.clone(),
        last_synced_at: synced_at.to_string(),
    }
}

fn account(wire: &model::Account, institutions: &HashMap<&str, &str>, synced_at: &str) -> Result<BankAccountRecord> {
    let currency = wire
        .currency
        .as_ref()
        .map(|c| c.id.trim().to_uppercase())
        .filter(|code| code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()))
        .ok_or_else(|| Error::ProviderPayload { reason: format!("account {} has no valid currency", wire.id) })?;
    let connection_id = wire
        .id_connection
        .ok_or_else(|| Error::ProviderPayload { reason: format!("account {} has no connection", wire.id) })?
        .to_string();
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
        id: canonical_id(PROVIDER, &wire.id.to_string()),
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
        last_synced_at: synced_at.to_string(),
    })
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
            "2026-11-25T00:00:00Z",
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
    fn disabled_and_deleted_accounts_are_flagged() {
        let disabled = wire_account(serde_json::json!({"id": 1, "id_connection": 7, "currency": {"id": "EUR"},
                                                       "disabled": "2026-01-01 00:00:00"}));
        let deleted = wire_account(serde_json::json!({"id": 2, "id_connection": 7, "currency": {"id": "EUR"},
                                                      "disabled": "2026-01-01 00:00:00", "deleted": "2026-02-01 00:00:00"}));
        let snapshot = accounts_snapshot(&[wire_connection()], &[disabled, deleted], "now").unwrap();
        assert_eq!(snapshot.accounts[0].status, AccountStatus::Disabled);
        assert_eq!(snapshot.accounts[1].status, AccountStatus::Deleted);
        assert_eq!(snapshot.accounts[0].name, "Account 1");
    }

    #[test]
    fn an_account_without_currency_fails_the_whole_snapshot() {
        let good = wire_account(serde_json::json!({"id": 1, "id_connection": 7, "currency": {"id": "EUR"}}));
        let bad = wire_account(serde_json::json!({"id": 2, "id_connection": 7, "iban": "FR7630004000031234567890143"}));
        let error = accounts_snapshot(&[wire_connection()], &[good, bad], "now").unwrap_err();
        assert_eq!(error.code(), "provider.bad_payload");
        assert!(!error.to_string().contains("FR76"), "errors never quote identifiers");
    }
}

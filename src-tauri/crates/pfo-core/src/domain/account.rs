//! `BankAccountRecord`: one bank account as the household sees it, whichever provider it came from.

use super::{AccountId, ConnectionId, Currency, Timestamp};
use super::AccountIdentifier;
use rust_decimal::Decimal;
use serde::Serialize;

/// The kind of account. Provider codes we do not know yet are kept as [`AccountType::Other`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountType {
    /// Current account.
    Checking,
    /// Generic savings account.
    Savings,
    /// Term deposit.
    Deposit,
    /// French regulated savings (Livret A).
    LivretA,
    /// Other regulated savings (LDDS, Livret B, CEL, PEL).
    RegulatedSavings(String),
    /// French equity savings plan.
    Pea,
    /// Securities account.
    Market,
    /// Life insurance or capitalisation contract.
    LifeInsurance,
    /// Retirement plan (PER, PERP, PERCO, Madelin, Article 83).
    Retirement(String),
    /// A loan: its balance is a liability.
    Loan,
    /// A deferred-debit card account: a liability.
    Card,
    /// Any other provider code, kept verbatim.
    Other(String),
}

impl AccountType {
    /// Maps a provider type code (Powens `type`) to a kind.
    pub fn from_code(code: &str) -> Self {
        match code {
            "checking" => Self::Checking,
            "savings" => Self::Savings,
            "deposit" => Self::Deposit,
            "livret_a" => Self::LivretA,
            "livret_b" | "ldds" | "cel" | "pel" => Self::RegulatedSavings(code.to_string()),
            "pea" => Self::Pea,
            "market" => Self::Market,
            "lifeinsurance" | "capitalisation" => Self::LifeInsurance,
            "per" | "perp" | "perco" | "madelin" | "article83" => Self::Retirement(code.to_string()),
            "loan" => Self::Loan,
            "card" => Self::Card,
            other => Self::Other(other.to_string()),
        }
    }

    /// The provider code, as stored.
    pub fn code(&self) -> &str {
        match self {
            Self::Checking => "checking",
            Self::Savings => "savings",
            Self::Deposit => "deposit",
            Self::LivretA => "livret_a",
            Self::Pea => "pea",
            Self::Market => "market",
            Self::LifeInsurance => "lifeinsurance",
            Self::Loan => "loan",
            Self::Card => "card",
            Self::RegulatedSavings(code) | Self::Retirement(code) | Self::Other(code) => code,
        }
    }

    /// True for accounts whose balance is owed rather than owned.
    pub fn is_liability(&self) -> bool {
        matches!(self, Self::Loan | Self::Card)
    }
}

impl Serialize for AccountType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl schemars::JsonSchema for AccountType {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AccountType".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "provider account type code, e.g. checking, livret_a, loan" })
    }
}

stored_enum! {
    /// Whether the account takes part in balances.
    pub enum AccountStatus {
        /// Synced and counted.
        Active = "active",
        /// Switched off at the provider (never consented, or disabled by the user): not synced, not counted.
        Disabled = "disabled",
        /// No longer found at the bank: kept for history, not counted.
        Deleted = "deleted",
    }
}

/// One bank account: institution, naming, masked identifiers, balances and sync timestamps.
///
/// Money is `Decimal` and crosses every interface as a string; IBAN and number serialize masked.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BankAccountRecord {
    /// Canonical id, stable across syncs: `<provider>:<provider account id>`.
    pub id: AccountId,
    /// The provider it came from (`powens`).
    pub provider: String,
    /// The provider's id of the connection (bank login) it belongs to.
    pub connection_id: ConnectionId,
    /// The bank's name.
    pub institution: String,
    /// The account's display name.
    pub name: String,
    /// The kind of account.
    #[ts(type = "string")]
    pub account_type: AccountType,
    /// `PRIV`, `ORGA`, `ASSO`, when the provider says.
    pub usage: Option<String>,
    /// IBAN, masked whenever shown.
    #[ts(type = "string | null")]
    pub iban: Option<AccountIdentifier>,
    /// BIC of the bank.
    pub bic: Option<String>,
    /// Account number, masked whenever shown.
    #[ts(type = "string | null")]
    pub number: Option<AccountIdentifier>,
    /// ISO 4217 currency code.
    pub currency: Currency,
    /// Booked balance (negative for loans).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub balance: Option<Decimal>,
    /// Pending operations not yet booked.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<String>")]
    pub coming_balance: Option<Decimal>,
    /// Active, disabled or deleted.
    pub status: AccountStatus,
    /// When the provider last updated the account (provider's naive time, as given).
    pub provider_updated_at: Option<String>,
    /// When we last saw it in a sync.
    pub last_synced_at: Timestamp,
}

impl BankAccountRecord {
    /// True when the record's content equals `other`'s. Timestamps are not content: Powens moves an account's
    /// `last_update` on every background sync, which says nothing about the account itself.
    pub fn same_content(&self, other: &Self) -> bool {
        let strip = |r: &Self| Self { last_synced_at: other.last_synced_at, provider_updated_at: None, ..r.clone() };
        strip(self) == strip(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_type_codes_round_trip_and_unknown_codes_survive() {
        for code in ["checking", "savings", "livret_a", "ldds", "pea", "lifeinsurance", "per", "loan", "crowdlending"] {
            assert_eq!(AccountType::from_code(code).code(), code);
        }
        assert_eq!(AccountType::from_code("crowdlending"), AccountType::Other("crowdlending".into()));
        assert!(AccountType::from_code("loan").is_liability());
        assert!(!AccountType::from_code("pea").is_liability());
    }
}

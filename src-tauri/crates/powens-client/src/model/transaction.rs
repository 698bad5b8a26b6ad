//! Bank transactions and the paged envelope `GET /users/{u}/transactions` returns.

use super::decimal::optional_amount;
use super::Currency;
use rust_decimal::Decimal;
use serde::Deserialize;

/// One page of transactions.
#[derive(Debug, Deserialize)]
pub struct TransactionPage {
    /// The transactions of this page. Required: a page without its list is a bad payload, not an empty page
    /// (read as empty, it would end the sync early and call it complete).
    pub transactions: Vec<Transaction>,
    /// Size of the whole result set (undocumented, present live).
    #[serde(default)]
    pub total: Option<u64>,
    /// Relational links; `next` is absent or null on the last page.
    #[serde(default, rename = "_links")]
    pub links: Option<Links>,
}

/// `_links` of a paged response.
#[derive(Debug, Default, Deserialize)]
pub struct Links {
    /// The next page, when there is one.
    #[serde(default)]
    pub next: Option<Link>,
}

/// One link: `{ "href": "<absolute URL>" }`.
#[derive(Debug, Deserialize)]
pub struct Link {
    /// Absolute URL, to be followed verbatim.
    pub href: String,
}

/// A counterparty of a transaction. Personal data: `Debug` prints only its kind.
#[derive(Clone, Deserialize)]
pub struct Counterparty {
    /// Name of the other party.
    #[serde(default)]
    pub label: Option<String>,
    /// `iban`, `bban`, …
    #[serde(default)]
    pub account_scheme_name: Option<String>,
    /// The other party's account identifier.
    #[serde(default)]
    pub account_identification: Option<String>,
    /// `creditor` or `debtor`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

impl std::fmt::Debug for Counterparty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counterparty").field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// A category as the categorisation product reports it.
#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    /// Category code.
    #[serde(default)]
    pub code: Option<String>,
    /// Parent category code.
    #[serde(default)]
    pub parent_code: Option<String>,
}

/// A bank transaction. Labels and counterparty are personal data: `Debug` hides them.
#[derive(Clone, Deserialize)]
pub struct Transaction {
    /// Powens transaction id.
    pub id: i64,
    /// Account it belongs to.
    pub id_account: i64,
    /// Debit date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Realisation date.
    #[serde(default)]
    pub rdate: Option<String>,
    /// Value date (null while pending).
    #[serde(default)]
    pub vdate: Option<String>,
    /// Date used by personal finance features.
    #[serde(default)]
    pub application_date: Option<String>,
    /// Signed amount in the account's currency.
    #[serde(default, deserialize_with = "optional_amount")]
    pub value: Option<Decimal>,
    /// Amount in the original currency, for foreign payments.
    #[serde(default, deserialize_with = "optional_amount")]
    pub original_value: Option<Decimal>,
    /// The original currency.
    #[serde(default)]
    pub original_currency: Option<Currency>,
    /// Transaction type (open set).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Editable label.
    #[serde(default)]
    pub wording: Option<String>,
    /// Raw bank label.
    #[serde(default)]
    pub original_wording: Option<String>,
    /// Cleaned label.
    #[serde(default)]
    pub simplified_wording: Option<String>,
    /// Categories.
    #[serde(default)]
    pub categories: Option<Vec<Category>>,
    /// True while not yet booked.
    #[serde(default)]
    pub coming: Option<bool>,
    /// Last change.
    #[serde(default)]
    pub last_update: Option<String>,
    /// Set when deleted at the bank.
    #[serde(default)]
    pub deleted: Option<String>,
    /// The other party.
    #[serde(default)]
    pub counterparty: Option<Counterparty>,
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("id", &self.id)
            .field("id_account", &self.id_account)
            .field("date", &self.date)
            .field("kind", &self.kind)
            .field("coming", &self.coming)
            .field("deleted", &self.deleted.is_some())
            .finish_non_exhaustive()
    }
}

//! Bank accounts as `GET /users/{u}/accounts` returns them.

use super::decimal::optional_amount;
use rust_decimal::Decimal;
use serde::Deserialize;

/// Envelope of the accounts list.
#[derive(Debug, Deserialize)]
pub struct AccountList {
    /// The accounts. Required: an envelope without its list is a bad payload, not an empty one (read as empty,
    /// every stored account would be marked deleted).
    pub accounts: Vec<Account>,
}

impl crate::page::OffsetListing for AccountList {
    fn item_count(&self) -> usize {
        self.accounts.len()
    }
}

/// A bank account. `number` and `iban` are personal data: this type's `Debug` hides them.
#[derive(Clone, Deserialize)]
pub struct Account {
    /// Powens account id.
    pub id: i64,
    /// Owning connection.
    #[serde(default)]
    pub id_connection: Option<i64>,
    /// Account number at the bank.
    #[serde(default)]
    pub number: Option<String>,
    /// IBAN.
    #[serde(default)]
    pub iban: Option<String>,
    /// BIC.
    #[serde(default)]
    pub bic: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Name at the bank.
    #[serde(default)]
    pub original_name: Option<String>,
    /// Booked balance.
    #[serde(default, deserialize_with = "optional_amount")]
    pub balance: Option<Decimal>,
    /// Pending operations not yet booked.
    #[serde(default, deserialize_with = "optional_amount")]
    pub coming: Option<Decimal>,
    /// Currency object.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Account type code (a string live, although the docs describe an object).
    #[serde(rename = "type", default)]
    pub account_type: Option<String>,
    /// `PRIV`, `ORGA`, `ASSO` or null, as sent (an open list: [`Account::usage_kind`] reads it).
    #[serde(default)]
    pub usage: Option<String>,
    /// Set when disabled.
    #[serde(default)]
    pub disabled: Option<String>,
    /// Set when the account vanished at the bank.
    #[serde(default)]
    pub deleted: Option<String>,
    /// Last successful update.
    #[serde(default)]
    pub last_update: Option<String>,
    /// Account-level sync error code.
    #[serde(default)]
    pub error: Option<String>,
    /// Loan details.
    #[serde(default)]
    pub loan: Option<Loan>,
}

impl Account {
    /// What the account is for, read from its `usage` (`None` when Powens sent none).
    pub fn usage_kind(&self) -> Option<AccountUsage> {
        self.usage.as_deref().map(AccountUsage::from_code)
    }
}

/// What an account is for: Powens' `usage` (BankAccountUsage). An open list, as the docs warn ("additional usages
/// may be added in the future"), so a value this version does not know is [`AccountUsage::Unknown`], not an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountUsage {
    /// `PRIV`: a private account.
    Private,
    /// `ORGA`: a professional account (a company's, an SCI's).
    Professional,
    /// `ASSO`: an association's ("community" in the OpenAPI; not in the docs' list).
    Association,
    /// A usage this version does not know.
    Unknown,
}

impl AccountUsage {
    /// The usage a wire code stands for.
    pub fn from_code(code: &str) -> Self {
        match code {
            "PRIV" => AccountUsage::Private,
            "ORGA" => AccountUsage::Professional,
            "ASSO" => AccountUsage::Association,
            _ => AccountUsage::Unknown,
        }
    }

    /// The wire code, `None` for [`AccountUsage::Unknown`].
    pub fn code(self) -> Option<&'static str> {
        match self {
            AccountUsage::Private => Some("PRIV"),
            AccountUsage::Professional => Some("ORGA"),
            AccountUsage::Association => Some("ASSO"),
            AccountUsage::Unknown => None,
        }
    }
}

impl<'de> Deserialize<'de> for AccountUsage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(AccountUsage::from_code(&code))
    }
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("id_connection", &self.id_connection)
            .field("account_type", &self.account_type)
            .field("currency", &self.currency.as_ref().map(|c| &c.id))
            .field("disabled", &self.disabled.is_some())
            .field("deleted", &self.deleted.is_some())
            .finish_non_exhaustive()
    }
}

/// Powens' currency object.
#[derive(Debug, Clone, Deserialize)]
pub struct Currency {
    /// ISO 4217 code.
    pub id: String,
    /// Decimal places.
    #[serde(default)]
    pub precision: Option<u32>,
}

/// Loan details of a loan account (the Loan object of the bank-accounts page, with the fields the current docs
/// added: `start_repayment_date`, `deferred`, `insurance_amount`, `insurance_rate`).
#[derive(Debug, Clone, Deserialize)]
pub struct Loan {
    /// Borrowed amount.
    #[serde(default, deserialize_with = "optional_amount")]
    pub total_amount: Option<Decimal>,
    /// Annual rate, in percent (`1.97` is 1.97 %).
    #[serde(default, deserialize_with = "optional_amount")]
    pub rate: Option<Decimal>,
    /// Next payment, insurance included.
    #[serde(default, deserialize_with = "optional_amount")]
    pub next_payment_amount: Option<Decimal>,
    /// Day of the next payment.
    #[serde(default)]
    pub next_payment_date: Option<String>,
    /// Day the loan was subscribed.
    #[serde(default)]
    pub subscription_date: Option<String>,
    /// Day of the first repayment.
    #[serde(default)]
    pub start_repayment_date: Option<String>,
    /// Maturity date.
    #[serde(default)]
    pub maturity_date: Option<String>,
    /// Number of payments in all, done and left.
    #[serde(default)]
    pub nb_payments_total: Option<i64>,
    /// Payments made.
    #[serde(default)]
    pub nb_payments_done: Option<i64>,
    /// Payments left.
    #[serde(default)]
    pub nb_payments_left: Option<i64>,
    /// Monthly insurance premium.
    #[serde(default, deserialize_with = "optional_amount")]
    pub insurance_amount: Option<Decimal>,
    /// Insurance rate, as a ratio (0.0023 is 0.23 %), unlike `rate`.
    #[serde(default, deserialize_with = "optional_amount")]
    pub insurance_rate: Option<Decimal>,
    /// (Beta) repayment has not begun yet.
    #[serde(default)]
    pub deferred: Option<bool>,
    /// `mortgage`, `consumercredit`, …
    #[serde(rename = "type", default)]
    pub loan_type: Option<String>,
}

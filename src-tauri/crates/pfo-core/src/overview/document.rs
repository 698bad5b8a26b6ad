//! The overview document: what `pfo.openbanking.generate-overview` produces and the knowledge space keeps.
//!
//! Everything in it is derived (sums, trends, counts). Accounts appear by their user-visible name and masked
//! number only; no label, counterparty or identifier is ever part of it. Amounts are exact decimal strings with
//! two decimals; shares are numbers in percent.
//!
//! Long because it is the whole shape of one versioned document (the JSON Schema and the UI's types are generated
//! from it): read top to bottom it is the document.

use crate::domain::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An exact amount of money in a document: rounded once, to the cent (half to even), when the overview is computed,
/// and never again. It keeps its canonical text (`-1234.50`), which is how it crosses JSON and the TypeScript
/// bindings; renderings format it for a locale, and charts read it as a number only to place it on an axis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct Money(String);

impl Money {
    /// An exact amount, rounded to the cent.
    pub fn from_decimal(amount: Decimal) -> Self {
        let cents = amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven);
        // `+ 0` would not clear a negative zero in `Decimal`; a share of a tiny negative amount rounds to `0.00`.
        let cents = if cents.is_zero() { Decimal::ZERO } else { cents };
        Self(format!("{cents:.2}"))
    }

    /// The exact value.
    pub fn decimal(&self) -> Decimal {
        self.0.parse().expect("money holds a decimal by construction")
    }

    /// The canonical text, two decimals.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a number, for placing it on a chart's axis (never for arithmetic or display).
    pub fn to_f64(&self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self.decimal()).unwrap_or(0.0)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for Money {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let value: Decimal = text.parse().map_err(|_| serde::de::Error::custom(format!("`{text}` is not an amount")))?;
        Ok(Self(format!("{:.2}", value)))
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^-?[0-9]+\\.[0-9]{2}$", "description": "an exact amount, two decimals" })
    }
}

/// The shape version of [`OverviewDocument`]; bumped when a field changes meaning or is added. Version 2 added
/// the view and net worth by owner; version 1 documents read as the household's view with no owner table.
pub const SCHEMA_VERSION: u32 = 2;

/// Whose figures a document shows, and the shares it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DocumentView {
    /// The owner whose view it is; `null`: the household's (every account whole).
    pub owner: Option<crate::domain::OwnerId>,
    /// Which rights count besides full ownership.
    pub basis: crate::domain::Basis,
    /// An owner's view: its part of each account at the period's end, in percent, exact.
    pub shares: Vec<ViewShare>,
    /// Days from the previous period's start to the period's end on which shares changed; figures of each day use
    /// the shares in force that day.
    pub share_changes: Vec<String>,
}

impl Default for DocumentView {
    fn default() -> Self {
        Self { owner: None, basis: crate::domain::Basis::Usufruct, shares: Vec::new(), share_changes: Vec::new() }
    }
}

/// An account's part in an owner's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ViewShare {
    /// The account.
    pub account: crate::domain::AccountId,
    /// Percent, exact (`"30"`, `"33.3333"`).
    pub percent: String,
}

/// One owner's net worth in the base currency, and how it is held. Owners are named by id and role only: names
/// stay in the store and the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OwnerWorth {
    /// The owner.
    pub owner: crate::domain::OwnerId,
    /// What it is (principal, spouse, holding…).
    pub role: crate::domain::OwnerRole,
    /// All it holds, directly and through entities (look-through).
    pub net_worth: Money,
    /// What it holds in its own name.
    pub direct: Money,
    /// What it holds through each entity it has a share of; `direct` plus these is `netWorth`.
    pub through: Vec<Through>,
}

/// The part of an owner's net worth held through one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Through {
    /// The entity.
    pub entity: crate::domain::OwnerId,
    /// The owner's direct share of it, in percent, exact.
    pub percent: String,
    /// That share of the entity's own look-through net worth.
    pub amount: Money,
}

/// An account as the overview names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "OverviewAccount")]
pub struct AccountRef {
    /// Canonical account id (provider and its id), to link to the account page.
    pub id: crate::domain::AccountId,
    /// The name the bank shows.
    pub name: String,
    /// The bank.
    pub institution: String,
    /// Masked number (`•••• 6548`) or IBAN (`FR76 •••• 0143`), when known.
    pub masked_number: Option<String>,
    /// Account type code (checking, livret_a, loan…).
    pub account_type: String,
    /// Currency of the account.
    pub currency: String,
    /// Whether it is a liability (loans, deferred-debit cards).
    pub liability: bool,
}

/// The period covered and the one compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "OverviewPeriod")]
pub struct PeriodView {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// `day` or `month`: the spacing of trend points.
    pub granularity: crate::overview::period::Granularity,
    /// The equally long period just before, for comparisons.
    pub previous_start: String,
    /// Its last day.
    pub previous_end: String,
}

/// A rate the document used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RateUsed {
    /// Converted from.
    pub currency: String,
    /// 1 `currency` = `rate` base.
    pub rate: String,
    /// Day the household took the rate.
    pub as_of: String,
}

/// Assets, liabilities and their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Position {
    /// Currency of the figures.
    pub currency: String,
    /// Sum of asset balances.
    pub assets: Money,
    /// Sum of liability balances (negative or zero).
    pub liabilities: Money,
    /// Assets plus liabilities.
    pub net: Money,
}

/// One account's place in net worth.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountPosition {
    /// The account.
    pub account: AccountRef,
    /// Balance at the period's end, in the account's currency.
    pub balance: Money,
    /// The same in the base currency, when a rate exists.
    pub base_value: Option<Money>,
}

/// Consolidated net worth at the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetWorth {
    /// Per currency, unconverted.
    pub per_currency: Vec<Position>,
    /// In the base currency, over the accounts that could be converted.
    pub base: Position,
    /// Every included account.
    pub accounts: Vec<AccountPosition>,
}

/// Income, expenses, transfers and net of one month, in the base currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CashflowLine {
    /// `YYYY-MM`, or `total`.
    pub month: String,
    /// Money in (positive), transfers excluded.
    pub income: Money,
    /// Money out (positive figure), transfers excluded.
    pub expenses: Money,
    /// Net of movements between the household's own accounts, savings and loan principal.
    pub transfers: Money,
    /// Income − expenses + transfers: the change of the balances.
    pub net: Money,
    /// (Income − expenses) / income, in percent; none without income.
    pub savings_rate: Option<f64>,
}

/// Native-currency cashflow totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyCashflow {
    /// Currency.
    pub currency: String,
    /// Money in.
    pub income: Money,
    /// Money out (positive).
    pub expenses: Money,
    /// Transfers net.
    pub transfers: Money,
    /// Net.
    pub net: Money,
}

/// Cashflow of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cashflow {
    /// Per month, base currency.
    pub months: Vec<CashflowLine>,
    /// The whole period, base currency.
    pub total: CashflowLine,
    /// The whole period per currency, unconverted.
    pub per_currency: Vec<CurrencyCashflow>,
}

/// One category's amounts (positive figures), base currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CategoryLine {
    /// Category code (the provider's parent category, e.g. `food`), or `uncategorized`.
    pub category: String,
    /// Amount per month of the period, in the order of [`CategoryBreakdown::months`].
    pub months: Vec<Money>,
    /// The period's total.
    pub total: Money,
    /// The previous period's total.
    pub previous_total: Money,
    /// Total − previous total.
    pub change: Money,
    /// Change in percent of the previous total; none when it was zero.
    pub change_percent: Option<f64>,
    /// Share of all spending (or income) of the period, in percent.
    pub share_percent: f64,
}

/// Spending and income by category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CategoryBreakdown {
    /// The months, `YYYY-MM`.
    pub months: Vec<String>,
    /// Spending categories, largest first.
    pub spending: Vec<CategoryLine>,
    /// Income categories, largest first.
    pub income: Vec<CategoryLine>,
}

/// One account's balance trend, in its currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountTrend {
    /// The account.
    pub account: AccountRef,
    /// Balance at the end of the day before the period.
    pub opening: Money,
    /// Balance at each point of [`Trends::dates`].
    pub values: Vec<Money>,
    /// Per point: computed backwards from transactions because it lies before the first stored snapshot.
    pub reconstructed: Vec<bool>,
}

/// One currency's (or the base currency's) consolidated trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CurrencyTrend {
    /// Currency.
    pub currency: String,
    /// Balance at the end of the day before the period.
    pub opening: Money,
    /// Sum at each point.
    pub values: Vec<Money>,
}

/// Balance trends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Trends {
    /// The points: each bucket's last day.
    pub dates: Vec<String>,
    /// Per account.
    pub accounts: Vec<AccountTrend>,
    /// Per currency, summed over accounts.
    pub per_currency: Vec<CurrencyTrend>,
    /// Net worth in the base currency over the convertible accounts.
    pub base: CurrencyTrend,
}

/// A large single movement, named by category and account only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Movement {
    /// Booking day.
    pub date: String,
    /// Category code.
    pub category: String,
    /// The account.
    pub account: AccountRef,
    /// Signed amount in the account's currency.
    pub amount: Money,
}

/// A charge that comes back at a steady rhythm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecurringCharge {
    /// Category code.
    pub category: String,
    /// The account charged.
    pub account: AccountRef,
    /// `weekly`, `monthly`, `quarterly` or `yearly`.
    pub cadence: crate::overview::recurring::Cadence,
    /// Median amount (negative), account currency.
    pub typical_amount: Money,
    /// Times seen.
    pub occurrences: u32,
    /// Last charge.
    pub last_date: String,
    /// When the next is due, by its rhythm.
    pub next_expected: String,
}

/// Pending (not yet booked) movements of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PendingTotal {
    /// Currency.
    pub currency: String,
    /// How many.
    pub count: u32,
    /// Their sum.
    pub amount: Money,
}

/// An account whose balance moved differently from its transactions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BalanceMismatch {
    /// The account.
    pub account: AccountRef,
    /// First snapshot compared (RFC 3339).
    pub from: Timestamp,
    /// Last snapshot compared.
    pub to: Timestamp,
    /// How the bank's balance moved.
    pub balance_change: Money,
    /// What the transactions booked in between add up to.
    pub transactions_sum: Money,
    /// Balance change − transactions.
    pub difference: Money,
}

/// A bank connection whose consent runs out soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConsentExpiry {
    /// The bank.
    pub institution: String,
    /// Day the consent ends.
    pub expires_on: String,
    /// Days left (negative: already expired).
    #[ts(type = "number")]
    pub days_left: i64,
}

/// What deserves a look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notable {
    /// The largest single movements of the period (income and spending), by category.
    pub largest_movements: Vec<Movement>,
    /// Charges that recur.
    pub recurring_charges: Vec<RecurringCharge>,
    /// Pending totals.
    pub pending: Vec<PendingTotal>,
    /// Accounts whose balance disagrees with their transactions.
    pub balance_mismatches: Vec<BalanceMismatch>,
    /// Consents ending within 30 days.
    pub expiring_consents: Vec<ConsentExpiry>,
}

/// An account left out of the figures, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ExcludedAccount {
    /// The account.
    pub account: AccountRef,
    /// `disabled`, `deleted`, `no-balance`, or `no-rate` (kept in per-currency figures, left out of base totals).
    pub reason: ExclusionReason,
}

/// The financial overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OverviewDocument {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// When it was generated (RFC 3339).
    pub generated_at: Timestamp,
    /// Period covered.
    pub period: PeriodView,
    /// Currency of consolidated figures.
    pub base_currency: String,
    /// Whose figures these are (the household's in documents made before views existed).
    #[serde(default)]
    pub view: DocumentView,
    /// Rates used for consolidation (the latest on or before the period's end).
    pub rates_used: Vec<RateUsed>,
    /// Accounts left out, entirely or of base-currency totals.
    pub excluded_accounts: Vec<ExcludedAccount>,
    /// Net worth at the period's end.
    pub net_worth: NetWorth,
    /// Net worth by owner at the period's end, directly and through entities (empty without owners).
    #[serde(default)]
    pub by_owner: Vec<OwnerWorth>,
    /// Cashflow.
    pub cashflow: Cashflow,
    /// Categories.
    pub categories: CategoryBreakdown,
    /// Trends.
    pub trends: Trends,
    /// Notable items.
    pub notable: Notable,
}

stored_enum! {
    /// Why an account is left out of the base-currency totals.
    pub enum ExclusionReason {
        /// Switched off at the bank.
        Disabled = "disabled",
        /// No longer found at the bank.
        Deleted = "deleted",
        /// No balance is known for the period's end.
        NoBalance = "no-balance",
        /// No exchange rate to the base currency is recorded.
        NoRate = "no-rate",
    }
}


//! What the overview's arithmetic is computed from: aggregates and facts the store hands over
//! (`store::overview` builds them), and who owns what. Plain data, no behaviour beyond defaults.

use super::super::document::*;
use super::super::period::Period;
use super::super::recurring;
use crate::fx::RateTable;
use crate::domain::{Basis, Owner, OwnerId, Timestamp};
use crate::household::ShareSet;
use chrono::NaiveDate;

/// An account and what the store knows of its balance.
#[derive(Debug, Clone)]
pub struct AccountInput {
    /// Store row id (joins the other inputs).
    pub row_id: i64,
    /// How the document names it.
    pub reference: AccountRef,
    /// Why it is left out entirely (`disabled`, `deleted`), if it is.
    pub excluded: Option<ExclusionReason>,
    /// Balance at the end of the period's last day; none when the store has never seen a balance.
    pub end_balance_e4: Option<i64>,
    /// Day of the first stored balance snapshot.
    pub first_snapshot: Option<NaiveDate>,
}

/// Booked money in and out of one account, one bucket and one category.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Account row id.
    pub account: i64,
    /// In the period (true) or the previous one (false).
    pub in_period: bool,
    /// `YYYY-MM-DD` for day granularity, `YYYY-MM` for month granularity.
    pub bucket: String,
    /// The effective category (`transactions.effective_category`: the parent category, else the category, else
    /// `uncategorized`).
    pub parent: String,
    /// Sum of positive amounts.
    pub inflow_e4: i64,
    /// Sum of negative amounts (zero or negative).
    pub outflow_e4: i64,
}

/// A candidate for the largest movements.
#[derive(Debug, Clone)]
pub struct MovementInput {
    /// Account row id.
    pub account: i64,
    /// Booking day.
    pub day: NaiveDate,
    /// Parent category code.
    pub parent: String,
    /// Signed amount.
    pub amount_e4: i64,
}

/// Pending movements of one account.
#[derive(Debug, Clone)]
pub struct PendingInput {
    /// Account row id.
    pub account: i64,
    /// How many.
    pub count: u32,
    /// Sum.
    pub sum_e4: i64,
}

/// A comparison of one account's balance change with its transactions between two snapshots.
#[derive(Debug, Clone)]
pub struct MismatchInput {
    /// Account row id.
    pub account: i64,
    /// First snapshot time.
    pub from: Timestamp,
    /// Last snapshot time.
    pub to: Timestamp,
    /// Balance change between them.
    pub balance_change_e4: i64,
    /// Transactions booked between them.
    pub transactions_e4: i64,
}

/// A connection's consent end.
#[derive(Debug, Clone)]
pub struct ConsentInput {
    /// The bank.
    pub institution: String,
    /// Day it ends.
    pub expires_on: NaiveDate,
}

/// Everything the overview is computed from.
#[derive(Debug, Clone)]
pub struct OverviewInputs {
    /// Generation time (RFC 3339).
    pub generated_at: Timestamp,
    /// Today, for consent warnings.
    pub today: NaiveDate,
    /// The period.
    pub period: Period,
    /// Rates into the base currency.
    pub rates: RateTable,
    /// Every account.
    pub accounts: Vec<AccountInput>,
    /// Booked flows of the period and the previous one.
    pub flows: Vec<Flow>,
    /// Outgoing booked charges of the last 13 months of the period, for recurring detection.
    pub charges: Vec<recurring::Charge>,
    /// Candidates for the largest movements.
    pub movements: Vec<MovementInput>,
    /// Pending totals.
    pub pending: Vec<PendingInput>,
    /// Snapshot-to-transactions comparisons.
    pub mismatches: Vec<MismatchInput>,
    /// Consent ends.
    pub consents: Vec<ConsentInput>,
    /// Who owns what, and whose view it is.
    pub ownership: OwnershipInput,
}

/// Who owns what, and whose figures the overview shows.
#[derive(Debug, Clone)]
pub struct OwnershipInput {
    /// Every owner.
    pub owners: Vec<Owner>,
    /// Every share set ever recorded.
    pub sets: Vec<ShareSet>,
    /// The owner whose view it is; `None`: the household's.
    pub view: Option<OwnerId>,
    /// Which rights the view counts besides full ownership.
    pub basis: Basis,
}

impl OwnershipInput {
    /// The household's view of a household without owners.
    pub fn household() -> Self {
        Self { owners: Vec::new(), sets: Vec::new(), view: None, basis: Basis::Usufruct }
    }
}

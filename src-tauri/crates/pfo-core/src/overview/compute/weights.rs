//! How much of each account a view counts on each day: all of it for the household, the owner's look-through
//! fraction in force that day otherwise (`household::fractions`). A balance is weighted on its own day, a month's
//! flows on the month's last day.

use super::{e4, AccountInput, Amount, Flow, OverviewInputs};
use crate::domain::AccountId;
use crate::household::fractions::ViewFractions;
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The last day of a bucket (`YYYY-MM-DD` or `YYYY-MM`): the day whose shares weigh its flows.
pub(super) fn bucket_day(bucket: &str) -> Option<NaiveDate> {
    match bucket.len() {
        10 => NaiveDate::parse_from_str(bucket, "%Y-%m-%d").ok(),
        7 => NaiveDate::parse_from_str(&format!("{bucket}-01"), "%Y-%m-%d").ok()?.checked_add_months(Months::new(1))?.pred_opt(),
        _ => None,
    }
}

/// How much of each account the view counts on a day: all of it for the household, the owner's look-through
/// fraction in force that day otherwise.
pub(super) struct Weights<'a> {
    pub(super) fractions: Option<ViewFractions>,
    ids: HashMap<i64, &'a AccountId>,
}

impl<'a> Weights<'a> {
    pub(super) fn new(inputs: &'a OverviewInputs) -> Self {
        let ids: HashMap<i64, &AccountId> = inputs.accounts.iter().map(|a| (a.row_id, &a.reference.id)).collect();
        let ownership = &inputs.ownership;
        let fractions = ownership.view.as_ref().map(|viewer| {
            let accounts: Vec<AccountId> = inputs.accounts.iter().map(|a| a.reference.id.clone()).collect();
            ViewFractions::new(&ownership.owners, &ownership.sets, &accounts, viewer, ownership.basis)
        });
        Self { fractions, ids }
    }

    pub(super) fn on(&self, account: i64, day: NaiveDate) -> Decimal {
        match (&self.fractions, self.ids.get(&account)) {
            (None, _) => Decimal::ONE,
            (Some(fractions), Some(id)) => fractions.on(id, day),
            (Some(_), None) => Decimal::ZERO,
        }
    }

    pub(super) fn held_between(&self, account: &AccountInput, start: NaiveDate, end: NaiveDate) -> bool {
        self.fractions.as_ref().is_none_or(|f| f.held_between(&account.reference.id, start, end))
    }

    /// A flow's part in the view, weighted by the shares of its bucket's last day.
    pub(super) fn flow(&self, flow: &Flow, fallback: NaiveDate) -> (Amount, Amount) {
        let weight = self.on(flow.account, bucket_day(&flow.bucket).unwrap_or(fallback));
        (e4(flow.inflow_e4) * weight, e4(flow.outflow_e4) * weight)
    }
}

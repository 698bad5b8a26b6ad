//! One view's part of every account through time: the fractions [`super::lookthrough`] gives, recomputed at each
//! day a share set starts, so that a figure dated `d` is weighted by the shares in force on `d`.
//!
//! The household's view is no [`ViewFractions`] at all (every account counts whole); an owner's view holds one
//! step per distinct start day. Share changes are rare (a gift, a sale, a death), so the steps are few and a
//! lookup is a short scan.

use super::lookthrough::Holding;
use super::{structure_on, ShareSet};
use crate::domain::{AccountId, Basis, Owner, OwnerId};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

/// An owner's fraction of each account, per period of unchanged shares.
#[derive(Debug, Clone)]
pub struct ViewFractions {
    viewer: OwnerId,
    basis: Basis,
    /// (first day, fractions), oldest first; the first step starts at the beginning of time.
    steps: Vec<(Option<NaiveDate>, HashMap<AccountId, Decimal>)>,
}

impl ViewFractions {
    /// The fractions of `accounts` that `viewer` holds in `basis`, for every day.
    pub fn new(owners: &[Owner], sets: &[ShareSet], accounts: &[AccountId], viewer: &OwnerId, basis: Basis) -> Self {
        let mut starts: BTreeSet<Option<NaiveDate>> = sets.iter().map(|s| s.effective_from).collect();
        starts.insert(None);
        let steps = starts
            .into_iter()
            .map(|start| {
                let structure = structure_on(owners, sets, start.unwrap_or(NaiveDate::MIN));
                let fractions = accounts.iter().map(|a| (a.clone(), structure.fraction(viewer, &Holding::Account(a.clone()), basis))).collect();
                (start, fractions)
            })
            .collect();
        Self { viewer: viewer.clone(), basis, steps }
    }

    /// Whose view this is.
    pub fn viewer(&self) -> &OwnerId {
        &self.viewer
    }

    /// Which rights it counts.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// The fraction of `account` the viewer holds on `day` (zero for an account it was not given).
    pub fn on(&self, account: &AccountId, day: NaiveDate) -> Decimal {
        self.step_on(day).get(account).copied().unwrap_or_default()
    }

    /// Every account's fraction on `day`.
    pub fn step_on(&self, day: NaiveDate) -> &HashMap<AccountId, Decimal> {
        let index = self.steps.iter().rposition(|(start, _)| start.is_none_or(|s| s <= day)).unwrap_or(0);
        &self.steps[index].1
    }

    /// Whether the viewer holds any part of `account` on some day from `start` to `end`.
    pub fn held_between(&self, account: &AccountId, start: NaiveDate, end: NaiveDate) -> bool {
        let held = |fractions: &HashMap<AccountId, Decimal>| fractions.get(account).is_some_and(|f| !f.is_zero());
        held(self.step_on(start)) || self.steps.iter().any(|(from, fractions)| from.is_some_and(|f| f > start && f <= end) && held(fractions))
    }

    /// The days from `start` to `end` on which a share set started.
    pub fn changes_between(&self, start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
        self.steps.iter().filter_map(|(from, _)| *from).filter(|d| *d > start && *d <= end).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{OwnerKind, OwnerRole, Right};
    use crate::household::testing::{account, entity, owner, set, share};

    #[test]
    fn a_figure_is_weighted_by_the_shares_in_force_on_its_day() {
        let owners = [owner(1, OwnerRole::Principal), owner(2, OwnerRole::Spouse), owner(3, OwnerRole::Holding)];
        assert_eq!(owners[2].kind, OwnerKind::Entity);
        let (joint, company) = (AccountId::new("powens", "1"), AccountId::new("powens", "2"));
        let full = |o, p| share(o, Right::Full, p);
        let sets = [
            set(account("1"), None, vec![full(1, "100")]),
            // On 1 June the principal gives half of the account to the spouse.
            set(account("1"), Some("2026-06-01"), vec![full(1, "50"), full(2, "50")]),
            set(account("2"), None, vec![full(3, "100")]),
            set(entity(3), Some("2026-03-01"), vec![full(2, "60"), full(1, "40")]),
        ];
        let spouse = ViewFractions::new(&owners, &sets, &[joint.clone(), company.clone()], &OwnerId::from_row(2), Basis::Usufruct);
        let day = crate::domain::time::on;
        assert_eq!(spouse.on(&joint, day("2026-05-31")), Decimal::ZERO);
        assert_eq!(spouse.on(&joint, day("2026-06-01")), "0.5".parse::<Decimal>().unwrap());
        assert_eq!(spouse.on(&company, day("2026-02-28")), Decimal::ZERO, "nobody owned the holding yet");
        assert_eq!(spouse.on(&company, day("2026-03-01")), "0.6".parse::<Decimal>().unwrap());
        assert!(spouse.held_between(&joint, day("2026-01-01"), day("2026-12-31")));
        assert!(!spouse.held_between(&joint, day("2026-01-01"), day("2026-05-31")));
        assert_eq!(spouse.changes_between(day("2026-01-01"), day("2026-12-31")), vec![day("2026-03-01"), day("2026-06-01")]);
    }
}

//! The family office's structure: who owns each account and entity, from which day ([`ShareSet`]), what the banks
//! say about it ([`Party`], turned into proposals the household confirms), and the views that follow the shares
//! ([`view`]: one owner's or the household's accounts and net worth).
//!
//! Owners and their rules are in [`crate::domain::owner`]; the look-through arithmetic in [`lookthrough`]; the SQL
//! in `store::owners` and `store::ownership`; the operations in `ops::household`.

pub mod chart;
pub mod fractions;
pub mod lookthrough;
pub mod proposals;
#[cfg(test)]
pub(crate) mod testing;
pub mod view;

use crate::domain::{Owner, OwnerKind, Share, Timestamp};
use chrono::NaiveDate;
use lookthrough::{Holding, Structure};
use serde::Serialize;

/// The whole ownership of one holding from a day on (until the next set of the same holding).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShareSet {
    /// The account or entity owned.
    pub holding: Holding,
    /// First day in force; `null`: from the start.
    #[ts(type = "string | null")]
    pub effective_from: Option<NaiveDate>,
    /// When it was recorded.
    pub recorded_at: Timestamp,
    /// The shares, adding up to 100 % in each view.
    pub shares: Vec<Share>,
}

stored_enum! {
    /// A party's role on an account, as Powens reports it (`account_ownerships[].parties[].role`).
    pub enum PartyRole {
        /// Holds the account.
        Holder = "holder",
        /// Holds it with others.
        CoHolder = "co_holder",
        /// May operate it for the holder.
        Attorney = "attorney",
        /// Operates a minor's account.
        CustodianForMinor = "custodian_for_minor",
        /// Legal guardian of the holder.
        LegalGuardian = "legal_guardian",
        /// Holds it in name for someone else.
        Nominee = "nominee",
        /// Receives it on the holder's death.
        SuccessorOnDeath = "successor_on_death",
        /// Trustee of a trust holding it.
        Trustee = "trustee",
        /// A role Powens did not name.
        Unknown = "unknown",
    }
}

impl PartyRole {
    /// Whether the role owns the money (holders do; attorneys, custodians and trustees act for someone else).
    pub fn owns(self) -> bool {
        matches!(self, Self::Holder | Self::CoHolder)
    }
}

/// A person or organisation the bank names on an account. The name stays in the encrypted store and the window.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Party {
    /// Their role.
    pub role: PartyRole,
    /// The full name the bank holds.
    pub name: String,
    /// Whether it is the Powens user who connected the bank.
    pub is_user: bool,
}

stored_enum! {
    /// Where a proposal from the bank stands.
    pub enum ProposalStatus {
        /// Waiting for the household.
        Pending = "pending",
        /// Applied by the household.
        Accepted = "accepted",
        /// Set aside by the household (it comes back only if the bank's parties change).
        Dismissed = "dismissed",
    }
}

/// The structure in force on `day`: for each holding, its latest set that started on or before it.
pub fn structure_on(owners: &[Owner], sets: &[ShareSet], day: NaiveDate) -> Structure {
    let mut structure = new_structure(owners);
    // `sets` is per holding oldest first, so the last one in force wins.
    for set in sets.iter().filter(|s| s.effective_from.is_none_or(|from| from <= day)) {
        structure.set(set.holding.clone(), set.shares.clone());
    }
    structure
}

/// Every ownership link ever recorded at once, for refusing cycles: an entity must not own itself on any day, and
/// a link that holds on one day and not another would otherwise slip through.
pub fn structure_ever(owners: &[Owner], sets: &[ShareSet]) -> Structure {
    let mut structure = new_structure(owners);
    let mut merged: std::collections::BTreeMap<Holding, Vec<Share>> = Default::default();
    for set in sets {
        merged.entry(set.holding.clone()).or_default().extend(set.shares.iter().cloned());
    }
    for (holding, shares) in merged {
        structure.set(holding, shares);
    }
    structure
}

fn new_structure(owners: &[Owner]) -> Structure {
    let primary = owners.iter().find(|o| o.primary).map(|o| o.id.clone());
    Structure::new(owners.iter().map(|o| (o.id.clone(), o.kind)), primary)
}

/// The owners that are entities.
pub fn entities(owners: &[Owner]) -> impl Iterator<Item = &Owner> {
    owners.iter().filter(|o| o.kind == OwnerKind::Entity)
}

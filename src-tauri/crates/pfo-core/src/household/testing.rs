//! Builders for tests of views and look-through: owners, shares and share sets with fixed dates.

use super::ShareSet;
use crate::domain::time::{at, on};
use crate::domain::{Currency, Owner, OwnerId, OwnerRole, Right, Share};
use crate::household::lookthrough::Holding;

/// Owner `o<row>` in `role`, the first one primary.
pub fn owner(row: i64, role: OwnerRole) -> Owner {
    Owner {
        id: OwnerId::from_row(row),
        name: format!("Owner {row}"),
        role,
        kind: role.kind(),
        base_currency: Currency::parse("c", "EUR").unwrap(),
        colour: "#336699".into(),
        primary: row == 1,
        created_at: at("2026-01-01T00:00:00Z"),
    }
}

/// `percent` % of something, held by `o<owner>` with `right`.
pub fn share(owner: i64, right: Right, percent: &str) -> Share {
    Share { owner: OwnerId::from_row(owner), right, percent: percent.parse().unwrap() }
}

/// The set of `holding` in force from `from` (`None`: from the start).
pub fn set(holding: Holding, from: Option<&str>, shares: Vec<Share>) -> ShareSet {
    ShareSet { holding, effective_from: from.map(on), recorded_at: at("2026-01-01T00:00:00Z"), shares }
}

/// Account `powens:<id>` as a holding.
pub fn account(id: &str) -> Holding {
    Holding::Account(crate::domain::AccountId::new("powens", id))
}

/// Entity `o<row>` as a holding.
pub fn entity(row: i64) -> Holding {
    Holding::Entity(OwnerId::from_row(row))
}

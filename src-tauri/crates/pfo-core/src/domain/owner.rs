//! Who owns what: [`Owner`] (a person or an entity of the household), [`OwnerId`], the [`Right`] a share carries and
//! [`Share`] (one owner's percentage of an account or of an entity). How shares combine along a chain of entities is
//! in [`crate::household::lookthrough`]; the SQL in `store::owners` and `store::ownership`.
//!
//! Percentages are exact decimals (`rust_decimal`), never floats: a person's share of an account held through a
//! holding and an SCI is a product of percentages, and the household's total must equal the sum of the accounts to
//! the last digit.

use super::{Currency, Timestamp};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An owner's stable id: `o` and a number (`o1`, `o7`). It names no one, so it may appear in logs and errors.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct OwnerId(String);

impl OwnerId {
    /// The id of the owner stored in row `row`.
    pub fn from_row(row: i64) -> Self {
        Self(format!("o{row}"))
    }

    /// Reads `o<number>`, refusing anything else with the field named.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let text = text.trim();
        match text.strip_prefix('o').and_then(|n| n.parse::<i64>().ok()) {
            Some(row) if row > 0 && text == format!("o{row}") => Ok(Self(text.to_string())),
            _ => Err(Error::InvalidInput { field: field.into(), reason: format!("`{text}` is not an owner id; ids read `o1`, `o2`… (`pfo owners list` shows them)") }),
        }
    }

    /// The row it is stored in.
    pub fn row(&self) -> i64 {
        self.0[1..].parse().unwrap_or_default()
    }

    /// The id, `o<number>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OwnerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for OwnerId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("owner", &text).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

impl schemars::JsonSchema for OwnerId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OwnerId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^o[1-9][0-9]*$", "description": "owner id, `o<number>`" })
    }
}

impl rusqlite::types::ToSql for OwnerId {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.row()))
    }
}

impl rusqlite::types::FromSql for OwnerId {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Ok(Self::from_row(value.as_i64()?))
    }
}

stored_enum! {
    /// What an owner is to the household. People and entities (legal structures) share one list so that an entity
    /// can be owned like an account is.
    pub enum OwnerRole {
        /// The person the household is organised around.
        Principal = "principal",
        /// The principal's spouse.
        Spouse = "spouse",
        /// A partner (PACS, cohabitation).
        Partner = "partner",
        /// A child.
        Child = "child",
        /// A parent or grandparent.
        Parent = "parent",
        /// Another person.
        OtherPerson = "other_person",
        /// A holding company.
        Holding = "holding",
        /// A société civile immobilière.
        Sci = "sci",
        /// A trust.
        Trust = "trust",
        /// A foundation.
        Foundation = "foundation",
        /// An operating company.
        Company = "company",
        /// An undivided estate (indivision).
        Indivision = "indivision",
        /// Another structure.
        OtherEntity = "other_entity",
    }
}

stored_enum! {
    /// A person or an entity.
    pub enum OwnerKind {
        /// A person.
        Person = "person",
        /// A legal structure that can itself be owned.
        Entity = "entity",
    }
}

impl OwnerRole {
    /// Whether the role is a person's or an entity's.
    pub fn kind(self) -> OwnerKind {
        match self {
            Self::Principal | Self::Spouse | Self::Partner | Self::Child | Self::Parent | Self::OtherPerson => OwnerKind::Person,
            Self::Holding | Self::Sci | Self::Trust | Self::Foundation | Self::Company | Self::Indivision | Self::OtherEntity => OwnerKind::Entity,
        }
    }
}

/// A person or an entity of the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Owner {
    /// Stable id.
    pub id: OwnerId,
    /// A first name, or an entity's name. Private: shown in the window and in exports of this owner's own view only.
    pub name: String,
    /// What the owner is.
    pub role: OwnerRole,
    /// Person or entity (follows from the role).
    pub kind: OwnerKind,
    /// The currency this owner's views are reported in.
    pub base_currency: Currency,
    /// A `#rrggbb` colour for charts and badges.
    pub colour: String,
    /// Whether this is the household's primary owner: the default owner of an account nobody assigned yet.
    pub primary: bool,
    /// When it was added.
    pub created_at: Timestamp,
}

stored_enum! {
    /// The right a share carries. French law splits full ownership (pleine propriété) into usufruct (the use and the
    /// income) and bare ownership (nue-propriété, the capital, which becomes full at the usufructuary's death).
    pub enum Right {
        /// Full ownership: counts in every view.
        Full = "full",
        /// Usufruct only.
        Usufruct = "usufruct",
        /// Bare ownership only.
        BareOwnership = "bare_ownership",
    }
}

stored_enum! {
    /// Which rights a view counts, besides full ownership (which every view counts).
    pub enum Basis {
        /// Usufruct: who has the use and the income. This is how the French wealth tax (IFI) assigns a split asset:
        /// the usufructuary is taxed on its full value (CGI art. 968), so it is the default.
        Usufruct = "usufruct",
        /// Bare ownership: who holds the capital.
        BareOwnership = "bare_ownership",
    }
}

impl Basis {
    /// Whether a share with `right` counts in this view.
    pub fn counts(self, right: Right) -> bool {
        matches!((self, right), (_, Right::Full) | (Self::Usufruct, Right::Usufruct) | (Self::BareOwnership, Right::BareOwnership))
    }
}

/// One owner's part of an account or of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct Share {
    /// Who.
    pub owner: OwnerId,
    /// Which right.
    #[serde(default = "full_right")]
    pub right: Right,
    /// Exact percentage, `0 < percent <= 100`, as a decimal string (`"33.34"`).
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub percent: Decimal,
}

fn full_right() -> Right {
    Right::Full
}

/// Checks that `shares` can stand for one holding: each percentage above 0 and at most 100, an owner at most once
/// per right, and for each view the counted shares summing to exactly 100.
pub fn check_shares(shares: &[Share]) -> Result<()> {
    let invalid = |reason: String| Error::InvalidInput { field: "shares".into(), reason };
    if shares.is_empty() {
        return Err(invalid("give at least one owner; owners and percentages read `o1=50 o2=50`".into()));
    }
    let hundred = Decimal::from(100);
    for (index, share) in shares.iter().enumerate() {
        if share.percent <= Decimal::ZERO || share.percent > hundred {
            return Err(invalid(format!("{}% for {} is not a share; each is above 0 and at most 100", share.percent.normalize(), share.owner)));
        }
        if shares[..index].iter().any(|s| s.owner == share.owner && s.right == share.right) {
            return Err(invalid(format!("{} is given twice with the same right; give each owner once", share.owner)));
        }
    }
    for basis in Basis::ALL {
        let total: Decimal = shares.iter().filter(|s| basis.counts(s.right)).map(|s| s.percent).sum();
        if total != hundred {
            let what = match basis {
                Basis::Usufruct => "full ownership and usufruct",
                Basis::BareOwnership => "full ownership and bare ownership",
            };
            return Err(invalid(format!("the shares of {what} add up to {}%, not 100%", total.normalize())));
        }
    }
    Ok(())
}

/// Splits 100 % into `count` equal shares to the hundredth, the remainder going to the first ones, so that they
/// add up to exactly 100 (three co-holders: 33.34, 33.33, 33.33).
pub fn equal_percents(count: usize) -> Vec<Decimal> {
    if count == 0 {
        return Vec::new();
    }
    let hundredths = 10_000_i64;
    let (each, remainder) = (hundredths / count as i64, hundredths % count as i64);
    (0..count as i64).map(|i| Decimal::new(each + i64::from(i < remainder), 2)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(owner: &str, right: Right, percent: &str) -> Share {
        Share { owner: OwnerId::parse("owner", owner).unwrap(), right, percent: percent.parse().unwrap() }
    }

    #[test]
    fn owner_ids_are_o_and_a_row_number_and_nothing_else() {
        assert_eq!(OwnerId::parse("owner", " o12 ").unwrap().row(), 12);
        for bad in ["o0", "o-1", "o01", "12", "o", "owner1", "o1x"] {
            let error = OwnerId::parse("owner", bad).unwrap_err();
            assert!(error.to_string().contains("not an owner id"), "{bad}: {error}");
        }
    }

    #[test]
    fn shares_must_make_exactly_one_hundred_percent_in_each_view() {
        assert!(check_shares(&[share("o1", Right::Full, "50"), share("o2", Right::Full, "50")]).is_ok());
        assert!(check_shares(&[share("o1", Right::Usufruct, "100"), share("o2", Right::BareOwnership, "50"), share("o3", Right::BareOwnership, "50")]).is_ok());
        assert!(check_shares(&[share("o1", Right::Full, "33.34"), share("o2", Right::Full, "33.33"), share("o3", Right::Full, "33.33")]).is_ok());
        for (shares, says) in [
            (vec![share("o1", Right::Full, "50"), share("o2", Right::Full, "49.99")], "add up to 99.99%"),
            (vec![share("o1", Right::Usufruct, "100")], "full ownership and bare ownership add up to 0%"),
            (vec![share("o1", Right::Full, "0"), share("o2", Right::Full, "100")], "above 0"),
            (vec![share("o1", Right::Full, "150")], "at most 100"),
            (vec![share("o1", Right::Full, "50"), share("o1", Right::Full, "50")], "twice"),
            (vec![], "at least one owner"),
        ] {
            let error = check_shares(&shares).unwrap_err();
            assert!(matches!(&error, Error::InvalidInput { field, reason } if field == "shares" && reason.contains(says)), "{says}: {error}");
        }
    }

    #[test]
    fn equal_shares_add_up_to_exactly_one_hundred() {
        assert_eq!(equal_percents(3), ["33.34", "33.33", "33.33"].map(|p| p.parse::<Decimal>().unwrap()));
        assert_eq!(equal_percents(2), ["50.00", "50.00"].map(|p| p.parse::<Decimal>().unwrap()));
        for count in 1..=12 {
            assert_eq!(equal_percents(count).iter().sum::<Decimal>(), Decimal::from(100), "{count}");
        }
    }
}

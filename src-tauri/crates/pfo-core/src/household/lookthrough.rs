//! Look-through: how much of an account each owner holds once shares are followed through the entities that hold
//! it (a person with 60 % of a holding that owns 50 % of an SCI holds 30 % of the SCI's accounts).
//!
//! Pure arithmetic over a [`Structure`], the share sets in force on one day. Fractions are exact decimals between 0
//! and 1; nothing here rounds. An account with no share set is held whole by the household's primary owner until
//! someone assigns it.

use crate::domain::{AccountId, Basis, OwnerId, OwnerKind, Share};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a share set is a set of. In JSON `{"kind": "account", "id": "powens:1001"}` or `{"kind": "entity", "id": "o4"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(tag = "kind", content = "id", rename_all = "camelCase")]
#[ts(export)]
pub enum Holding {
    /// An account.
    Account(AccountId),
    /// An entity, owned in turn.
    Entity(OwnerId),
}

/// The ownership of everything on one day: each holding's share set, and each owner's kind.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    sets: HashMap<Holding, Vec<Share>>,
    kinds: HashMap<OwnerId, OwnerKind>,
    primary: Option<OwnerId>,
}

/// Bound on the depth of entity chains: far beyond any real structure, it keeps a stored cycle (which
/// [`Structure::check_acyclic`] refuses on the way in) from recursing without end.
const MAX_DEPTH: usize = 32;

impl Structure {
    /// A structure of these owners (id and kind), with `primary` holding what nobody assigned.
    pub fn new(owners: impl IntoIterator<Item = (OwnerId, OwnerKind)>, primary: Option<OwnerId>) -> Self {
        Self { sets: HashMap::new(), kinds: owners.into_iter().collect(), primary }
    }

    /// Records the share set of `holding` (replacing any).
    pub fn set(&mut self, holding: Holding, shares: Vec<Share>) {
        self.sets.insert(holding, shares);
    }

    /// The share set of `holding`, if one is recorded.
    pub fn shares(&self, holding: &Holding) -> Option<&[Share]> {
        self.sets.get(holding).map(Vec::as_slice)
    }

    /// Whether the account has a share set (otherwise it is "to assign" and held by the primary owner).
    pub fn is_assigned(&self, account: &AccountId) -> bool {
        self.sets.contains_key(&Holding::Account(account.clone()))
    }

    /// Refuses a structure in which an entity owns itself, directly or through others; names the chain by ids.
    pub fn check_acyclic(&self) -> Result<()> {
        fn visit(structure: &Structure, entity: &OwnerId, path: &mut Vec<OwnerId>, done: &mut BTreeSet<OwnerId>) -> Result<()> {
            if let Some(start) = path.iter().position(|seen| seen == entity) {
                let chain: Vec<&str> = path[start..].iter().chain(std::iter::once(entity)).map(OwnerId::as_str).collect();
                return Err(Error::InvalidInput {
                    field: "shares".into(),
                    reason: format!("an entity cannot own itself, and these shares would make {} own itself ({})", entity, chain.join(" → ")),
                });
            }
            if done.contains(entity) {
                return Ok(());
            }
            path.push(entity.clone());
            for share in structure.shares(&Holding::Entity(entity.clone())).unwrap_or_default() {
                if structure.kinds.get(&share.owner) == Some(&OwnerKind::Entity) {
                    visit(structure, &share.owner, path, done)?;
                }
            }
            path.pop();
            done.insert(entity.clone());
            Ok(())
        }
        let mut done = BTreeSet::new();
        let mut entities: Vec<&OwnerId> = self.sets.keys().filter_map(|h| if let Holding::Entity(e) = h { Some(e) } else { None }).collect();
        entities.sort();
        for entity in entities {
            visit(self, entity, &mut Vec::new(), &mut done)?;
        }
        Ok(())
    }

    /// The direct shares of an account counted in `basis`, as (owner, fraction); the primary owner's whole when the
    /// account is not assigned; empty when there is no owner at all.
    pub fn direct_parts(&self, holding: &Holding, basis: Basis) -> Vec<(OwnerId, Decimal)> {
        match self.sets.get(holding) {
            Some(shares) => shares.iter().filter(|s| basis.counts(s.right)).map(|s| (s.owner.clone(), s.percent / Decimal::ONE_HUNDRED)).collect(),
            None if matches!(holding, Holding::Account(_)) => self.primary.iter().map(|p| (p.clone(), Decimal::ONE)).collect(),
            None => Vec::new(),
        }
    }

    /// The fraction of `holding` that `viewer` holds, directly or through entities.
    pub fn fraction(&self, viewer: &OwnerId, holding: &Holding, basis: Basis) -> Decimal {
        self.fraction_at(viewer, holding, basis, 0)
    }

    fn fraction_at(&self, viewer: &OwnerId, holding: &Holding, basis: Basis, depth: usize) -> Decimal {
        if depth > MAX_DEPTH {
            return Decimal::ZERO;
        }
        self.direct_parts(holding, basis)
            .into_iter()
            .map(|(owner, part)| {
                if &owner == viewer {
                    part
                } else if self.kinds.get(&owner) == Some(&OwnerKind::Entity) {
                    part * self.fraction_at(viewer, &Holding::Entity(owner), basis, depth + 1)
                } else {
                    Decimal::ZERO
                }
            })
            .sum()
    }

    /// Who holds `holding` in the end: people, and entities nobody is recorded as owning, with their fractions.
    /// The fractions add up to exactly 1 (or 0 for an account of a household without owners).
    pub fn ultimate_holders(&self, holding: &Holding, basis: Basis) -> BTreeMap<OwnerId, Decimal> {
        let mut holders = BTreeMap::new();
        self.collect_holders(holding, basis, Decimal::ONE, 0, &mut holders);
        holders
    }

    fn collect_holders(&self, holding: &Holding, basis: Basis, weight: Decimal, depth: usize, holders: &mut BTreeMap<OwnerId, Decimal>) {
        for (owner, part) in self.direct_parts(holding, basis) {
            let owned_entity = Holding::Entity(owner.clone());
            if self.kinds.get(&owner) == Some(&OwnerKind::Entity) && self.sets.contains_key(&owned_entity) && depth < MAX_DEPTH {
                self.collect_holders(&owned_entity, basis, weight * part, depth + 1, holders);
            } else {
                *holders.entry(owner).or_default() += weight * part;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Right;
    use proptest::prelude::*;

    fn id(text: &str) -> OwnerId {
        OwnerId::parse("owner", text).unwrap()
    }

    fn share(owner: &str, right: Right, percent: &str) -> Share {
        Share { owner: id(owner), right, percent: percent.parse().unwrap() }
    }

    fn account(n: u32) -> Holding {
        Holding::Account(AccountId::new("powens", &n.to_string()))
    }

    /// o1 and o2 are spouses, o3 a child, o4 a holding (o1 60 %, o2 40 %), o5 an SCI (o4 50 %, o1 50 %).
    fn family() -> Structure {
        let people = ["o1", "o2", "o3"].map(|o| (id(o), OwnerKind::Person));
        let entities = ["o4", "o5"].map(|o| (id(o), OwnerKind::Entity));
        let mut structure = Structure::new(people.into_iter().chain(entities), Some(id("o1")));
        structure.set(Holding::Entity(id("o4")), vec![share("o1", Right::Full, "60"), share("o2", Right::Full, "40")]);
        structure.set(Holding::Entity(id("o5")), vec![share("o4", Right::Full, "50"), share("o1", Right::Full, "50")]);
        structure.set(account(1), vec![share("o1", Right::Full, "50"), share("o2", Right::Full, "50")]);
        structure.set(account(2), vec![share("o5", Right::Full, "100")]);
        structure.set(account(3), vec![share("o1", Right::Usufruct, "100"), share("o3", Right::BareOwnership, "100")]);
        structure
    }

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_share_through_a_chain_is_the_product_along_it_exactly() {
        let structure = family();
        let usufruct = Basis::Usufruct;
        assert_eq!(structure.fraction(&id("o1"), &account(1), usufruct), dec("0.5"), "a joint account at 50 %");
        // o2 holds 40 % of the holding, which holds 50 % of the SCI: 20 % of the SCI's account.
        assert_eq!(structure.fraction(&id("o2"), &account(2), usufruct), dec("0.2"));
        // o1: 60 % × 50 % through the holding, plus 50 % directly.
        assert_eq!(structure.fraction(&id("o1"), &account(2), usufruct), dec("0.8"));
        assert_eq!(structure.fraction(&id("o4"), &account(2), usufruct), dec("0.5"), "the holding's own view");
        assert_eq!(structure.ultimate_holders(&account(2), usufruct), BTreeMap::from([(id("o1"), dec("0.8")), (id("o2"), dec("0.2"))]));
    }

    #[test]
    fn usufruct_and_bare_ownership_are_separate_views() {
        let structure = family();
        assert_eq!(structure.fraction(&id("o1"), &account(3), Basis::Usufruct), Decimal::ONE);
        assert_eq!(structure.fraction(&id("o3"), &account(3), Basis::Usufruct), Decimal::ZERO);
        assert_eq!(structure.fraction(&id("o3"), &account(3), Basis::BareOwnership), Decimal::ONE);
        assert_eq!(structure.fraction(&id("o1"), &account(1), Basis::BareOwnership), dec("0.5"), "full ownership counts in both");
    }

    #[test]
    fn an_unassigned_account_is_the_primary_owners_until_assigned() {
        let structure = family();
        assert!(!structure.is_assigned(&AccountId::new("powens", "9")));
        assert_eq!(structure.fraction(&id("o1"), &account(9), Basis::Usufruct), Decimal::ONE);
        assert_eq!(structure.ultimate_holders(&account(9), Basis::Usufruct), BTreeMap::from([(id("o1"), Decimal::ONE)]));
        let nobody = Structure::new([], None);
        assert!(nobody.ultimate_holders(&account(9), Basis::Usufruct).is_empty());
    }

    #[test]
    fn an_entity_owning_itself_through_others_is_refused_naming_the_chain() {
        let mut structure = family();
        structure.check_acyclic().unwrap();
        structure.set(Holding::Entity(id("o4")), vec![share("o5", Right::Full, "10"), share("o1", Right::Full, "90")]);
        let error = structure.check_acyclic().unwrap_err();
        assert!(error.to_string().contains("o4 → o5 → o4"), "{error}");
        let mut direct = family();
        direct.set(Holding::Entity(id("o5")), vec![share("o5", Right::Full, "100")]);
        assert!(direct.check_acyclic().unwrap_err().to_string().contains("o5 → o5"));
    }

    /// A random household: `people` persons, then entities each owned by owners of lower index (so the structure is
    /// acyclic by construction) and accounts owned by anyone, every set splitting 100 % into random hundredths.
    fn random_structure() -> impl Strategy<Value = (Structure, usize, usize)> {
        (1usize..5, 0usize..5, 1usize..6).prop_flat_map(|(people, entities, accounts)| {
            let owners = people + entities;
            let entity_sets = proptest::collection::vec(proptest::collection::vec((0..owners, 1u32..10_000), 1..4), entities);
            let account_sets = proptest::collection::vec(proptest::collection::vec((0..owners, 1u32..10_000), 1..5), accounts);
            (Just(people), Just(entities), entity_sets, account_sets).prop_map(|(people, entities, entity_sets, account_sets)| {
                let owner = |i: usize| OwnerId::from_row(i as i64 + 1);
                let kinds = (0..people + entities).map(|i| (owner(i), if i < people { OwnerKind::Person } else { OwnerKind::Entity }));
                let mut structure = Structure::new(kinds, Some(owner(0)));
                let to_shares = |parts: &[(usize, u32)], below: usize| -> Vec<Share> {
                    // Owners are taken below `below`, once each; weights become hundredths adding up to 100.00 %.
                    let mut chosen: BTreeMap<usize, u32> = BTreeMap::new();
                    for (who, weight) in parts {
                        *chosen.entry(who % below).or_default() += weight;
                    }
                    let total: u64 = chosen.values().map(|w| u64::from(*w)).sum();
                    let mut hundredths: Vec<(usize, i64)> = chosen.iter().map(|(who, weight)| (*who, (u64::from(*weight) * 10_000 / total) as i64)).collect();
                    let remainder = 10_000 - hundredths.iter().map(|(_, h)| h).sum::<i64>();
                    hundredths[0].1 += remainder;
                    hundredths.into_iter().filter(|(_, h)| *h > 0).map(|(who, h)| Share { owner: owner(who), right: Right::Full, percent: Decimal::new(h, 2) }).collect()
                };
                for (index, parts) in entity_sets.iter().enumerate() {
                    let entity = people + index;
                    structure.set(Holding::Entity(owner(entity)), to_shares(parts, entity));
                }
                for (index, parts) in account_sets.iter().enumerate() {
                    structure.set(account(index as u32 + 1), to_shares(parts, people + entities));
                }
                (structure, people + entities, account_sets.len())
            })
        })
    }

    proptest! {
        #[test]
        fn every_account_is_held_whole_by_its_ultimate_holders((structure, owners, accounts) in random_structure()) {
            structure.check_acyclic().unwrap();
            for n in 1..=accounts as u32 {
                let holders = structure.ultimate_holders(&account(n), Basis::Usufruct);
                prop_assert_eq!(holders.values().copied().sum::<Decimal>(), Decimal::ONE);
                // The look-through fraction of each ultimate holder equals what the walk gave it, and the views of
                // every owner who is not an ultimate holder sum, with theirs, to more only through entities.
                for (holder, part) in &holders {
                    prop_assert_eq!(structure.fraction(holder, &account(n), Basis::Usufruct), *part);
                }
                let ultimate_sum: Decimal = (0..owners).map(|i| OwnerId::from_row(i as i64 + 1))
                    .filter(|o| holders.contains_key(o))
                    .map(|o| structure.fraction(&o, &account(n), Basis::Usufruct)).sum();
                prop_assert_eq!(ultimate_sum, Decimal::ONE);
            }
        }
    }
}

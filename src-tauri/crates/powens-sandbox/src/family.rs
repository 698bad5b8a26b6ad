//! The demo family behind the household's accounts: its invented people and entities, and who holds each account at
//! the bank, as Powens' account ownerships report it.
//!
//! The Powens user is the principal, who connected every bank. Their spouse shares the joint account, their minor
//! child has a savings account the principal keeps as custodian, and the family's holding company and SCI (a
//! property company) have accounts the principal runs under a mandate. Every name is made up ("Exemple" is French
//! for "example") so that no demo, screenshot or test can carry a real person's name.

/// The principal: the Powens user who connected the banks.
pub const PRINCIPAL: &str = "Camille Exemple";
/// The principal's spouse.
pub const SPOUSE: &str = "Dominique Exemple";
/// The couple's minor child.
pub const CHILD: &str = "Léa Exemple";
/// The family's holding company.
pub const HOLDING: &str = "Exemple Participations SAS";
/// The family's SCI (société civile immobilière), which owns a rented flat.
pub const SCI: &str = "SCI Exemple Patrimoine";

/// Who holds an account at the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldBy {
    /// The principal alone.
    Principal,
    /// The principal and the spouse, jointly.
    Spouses,
    /// The minor child, with the principal as custodian.
    Child,
    /// The holding company, with the principal holding a mandate.
    Holding,
    /// The SCI, with the principal holding a mandate.
    Sci,
}

impl HeldBy {
    /// Held by the Powens user, alone or jointly: the accounts the family's everyday life runs through. The
    /// others live their own lives (a child's savings, a company's books).
    pub fn by_the_user(self) -> bool {
        matches!(self, HeldBy::Principal | HeldBy::Spouses)
    }

    /// The parties Powens lists for such an account, holders first.
    pub fn parties(self) -> Vec<Party> {
        let user = |role| Party { role, full_name: PRINCIPAL, is_user: Some(true) };
        let other = |role, full_name| Party { role, full_name, is_user: Some(false) };
        match self {
            HeldBy::Principal => vec![user(Role::Holder)],
            HeldBy::Spouses => vec![user(Role::Holder), other(Role::CoHolder, SPOUSE)],
            HeldBy::Child => vec![other(Role::Holder, CHILD), user(Role::CustodianForMinor)],
            HeldBy::Holding => vec![other(Role::Holder, HOLDING), user(Role::Attorney)],
            HeldBy::Sci => vec![other(Role::Holder, SCI), user(Role::Attorney)],
        }
    }

    /// Whether the account has several holders (a custodian or an attorney is not a holder).
    pub fn multiple_holders(self) -> bool {
        self == HeldBy::Spouses
    }

    /// The deprecated per-account `ownership` Powens still sends: the user's relation to the account
    /// (`owner`, `co-owner` or `attorney`).
    pub fn deprecated_ownership(self) -> &'static str {
        match self {
            HeldBy::Principal => "owner",
            HeldBy::Spouses => "co-owner",
            HeldBy::Child | HeldBy::Holding | HeldBy::Sci => "attorney",
        }
    }
}

/// A party's role on an account, as Powens names it (`AccountPartyRole`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `holder`.
    Holder,
    /// `co_holder`: shares the holding of the account with others.
    CoHolder,
    /// `attorney`: holds a mandate to access the account.
    Attorney,
    /// `custodian_for_minor`: holds the account on behalf of a minor.
    CustodianForMinor,
}

impl Role {
    /// The wire code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Holder => "holder",
            Role::CoHolder => "co_holder",
            Role::Attorney => "attorney",
            Role::CustodianForMinor => "custodian_for_minor",
        }
    }
}

/// One party of an account: who, in which role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Party {
    /// The role on the account.
    pub role: Role,
    /// The party's full name, as the bank writes it.
    pub full_name: &'static str,
    /// Whether the party is the Powens user (`None`: Powens could not tell).
    pub is_user: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_is_a_party_of_every_account_and_each_account_has_one_holder_or_two() {
        for held_by in [HeldBy::Principal, HeldBy::Spouses, HeldBy::Child, HeldBy::Holding, HeldBy::Sci] {
            let parties = held_by.parties();
            let users: Vec<&Party> = parties.iter().filter(|p| p.is_user == Some(true)).collect();
            assert_eq!(users.len(), 1, "{held_by:?}: the user appears once");
            assert_eq!(users[0].full_name, PRINCIPAL);
            let holders = parties.iter().filter(|p| matches!(p.role, Role::Holder | Role::CoHolder)).count();
            assert_eq!(holders > 1, held_by.multiple_holders(), "{held_by:?}");
            assert_eq!(parties[0].role, Role::Holder, "{held_by:?}: the holder comes first");
            assert_eq!(held_by.by_the_user(), parties[0].is_user == Some(true), "{held_by:?}");
        }
    }
}

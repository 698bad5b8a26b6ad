//! From what the bank says to what the household confirms: the parties Powens names on an account (its account
//! ownerships) become proposed shares. Holders and co-holders own, in equal shares; attorneys, custodians and
//! trustees act for someone else and own nothing. A party is matched to an owner by name; one that matches none is
//! proposed as a new owner for the household to create or map. Nothing here writes: accepting is the household's.

use super::{Party, ProposalStatus};
use crate::domain::{equal_percents, AccountId, Owner, OwnerId, Timestamp};
use rust_decimal::Decimal;
use serde::Serialize;

/// One proposed share: to an owner the household has, or to a party it has not recorded yet.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProposedShare {
    /// The owner the party was matched to, if any.
    pub owner: Option<OwnerId>,
    /// The party's name as the bank holds it (shown only in the window, never logged).
    pub party_name: String,
    /// Exact percentage.
    #[ts(type = "string")]
    #[schemars(with = "String")]
    #[serde(with = "rust_decimal::serde::str")]
    pub percent: Decimal,
}

/// What the bank says about one account, and what that would mean.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OwnershipProposal {
    /// The account.
    pub account_id: AccountId,
    /// `PRIV` (personal) or `ORGA` (an organisation's), as the bank reports it.
    pub usage: Option<String>,
    /// Everyone the bank names, with their role.
    pub parties: Vec<Party>,
    /// The shares that follow: holders and co-holders, equal.
    pub shares: Vec<ProposedShare>,
    /// Whether every proposed share has an owner, so that accepting needs no more input.
    pub complete: bool,
    /// Pending, accepted or dismissed.
    pub status: ProposalStatus,
    /// When the bank last reported it.
    pub received_at: Timestamp,
}

/// Folds a name for matching: lower case, accents and punctuation dropped, words single-spaced.
fn fold(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => 'i',
            'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
            'ç' | 'Ç' => 'c',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    plain.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The owner a party is: the same name, or the same first name when the household recorded first names only
/// (banks give full names). An ambiguous name matches nobody rather than the wrong person.
pub fn match_owner<'a>(party: &Party, owners: &'a [Owner]) -> Option<&'a Owner> {
    fn only<'a>(mut found: impl Iterator<Item = &'a Owner>) -> Option<&'a Owner> {
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }
    let name = fold(&party.name);
    if owners.iter().any(|o| fold(&o.name) == name) {
        return only(owners.iter().filter(|o| fold(&o.name) == name));
    }
    let first_word = name.split(' ').next().unwrap_or_default();
    only(owners.iter().filter(|o| {
        let owner = fold(&o.name);
        !owner.contains(' ') && owner == first_word
    }))
}

/// The proposal for one account.
pub fn propose(account: AccountId, usage: Option<String>, parties: Vec<Party>, status: ProposalStatus, received_at: Timestamp, owners: &[Owner]) -> OwnershipProposal {
    let holders: Vec<&Party> = parties.iter().filter(|p| p.role.owns()).collect();
    let shares: Vec<ProposedShare> = holders
        .iter()
        .zip(equal_percents(holders.len()))
        .map(|(party, percent)| ProposedShare { owner: match_owner(party, owners).map(|o| o.id.clone()), party_name: party.name.clone(), percent })
        .collect();
    let complete = !shares.is_empty() && shares.iter().all(|s| s.owner.is_some());
    OwnershipProposal { account_id: account, usage, parties, shares, complete, status, received_at }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, OwnerRole};
    use crate::household::PartyRole;

    fn owner(row: i64, name: &str, role: OwnerRole) -> Owner {
        Owner {
            id: OwnerId::from_row(row),
            name: name.into(),
            role,
            kind: role.kind(),
            base_currency: Currency::parse("c", "EUR").unwrap(),
            colour: "#336699".into(),
            primary: row == 1,
            created_at: crate::domain::time::at("2026-12-01T00:00:00Z"),
        }
    }

    fn party(role: PartyRole, name: &str) -> Party {
        Party { role, name: name.into(), is_user: false }
    }

    #[test]
    fn co_holders_share_equally_and_those_acting_for_others_own_nothing() {
        let owners = [owner(1, "Claire", OwnerRole::Principal), owner(2, "Marc", OwnerRole::Spouse), owner(3, "Léa", OwnerRole::Child)];
        let at = crate::domain::time::at("2026-12-02T00:00:00Z");
        let joint = propose(AccountId::new("powens", "1"), Some("PRIV".into()), vec![party(PartyRole::Holder, "CLAIRE DUPONT"), party(PartyRole::CoHolder, "Marc Dupont")], ProposalStatus::Pending, at, &owners);
        assert_eq!(joint.shares.iter().map(|s| (s.owner.clone().unwrap().to_string(), s.percent.to_string())).collect::<Vec<_>>(), [("o1".into(), "50.00".into()), ("o2".into(), "50.00".to_string())]);
        assert!(joint.complete);
        let minor = propose(AccountId::new("powens", "2"), None, vec![party(PartyRole::Holder, "Lea Dupont"), party(PartyRole::CustodianForMinor, "Claire Dupont")], ProposalStatus::Pending, at, &owners);
        assert_eq!(minor.shares.len(), 1, "the custodian parent owns nothing");
        assert_eq!(minor.shares[0].owner, Some(OwnerId::from_row(3)), "accents and case do not matter");
        let stranger = propose(AccountId::new("powens", "3"), Some("ORGA".into()), vec![party(PartyRole::Holder, "SAS Dupont Holding")], ProposalStatus::Pending, at, &owners);
        assert_eq!((stranger.shares[0].owner.clone(), stranger.complete), (None, false), "no owner of that name yet");
        let nobody = propose(AccountId::new("powens", "4"), None, vec![party(PartyRole::Attorney, "Claire Dupont")], ProposalStatus::Pending, at, &owners);
        assert!(nobody.shares.is_empty() && !nobody.complete);
    }

    #[test]
    fn an_ambiguous_first_name_matches_nobody() {
        let owners = [owner(1, "Marie", OwnerRole::Principal), owner(2, "Marie", OwnerRole::Child)];
        assert!(match_owner(&party(PartyRole::Holder, "Marie Curie"), &owners).is_none());
        assert!(match_owner(&party(PartyRole::Holder, "marie"), &owners).is_none(), "nor does a name two owners share");
        let owners = [owner(1, "Marie", OwnerRole::Principal), owner(2, "Marie Dupont", OwnerRole::Child)];
        assert_eq!(match_owner(&party(PartyRole::Holder, "MARIE DUPONT"), &owners).map(|o| o.id.row()), Some(2), "the full name wins");
    }
}

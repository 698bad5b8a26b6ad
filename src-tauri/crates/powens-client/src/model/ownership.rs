//! Account ownerships as `GET /users/{u}/account_ownerships` returns them: who holds each account (holders,
//! co-holders, attorneys, a custodian for a minor…), whether it has several holders, and its usage.
//!
//! A Powens feature that is "not activated by default on your domain" (its account-ownerships page), and one the
//! OpenAPI files do not describe, so these types follow that page. Party names and account identifiers are personal
//! data: the `Debug` of these types leaves them out.

use super::AccountUsage;
use serde::{Deserialize, Deserializer};

/// Envelope of the account ownerships list.
#[derive(Debug, Deserialize)]
pub struct AccountOwnershipList {
    /// One per account. Required: an envelope without its list is a bad payload, not an empty one (read as empty,
    /// every account would seem to have lost its holders).
    pub account_ownerships: Vec<AccountOwnership>,
}

impl crate::page::OffsetListing for AccountOwnershipList {
    fn item_count(&self) -> usize {
        self.account_ownerships.len()
    }
}

/// Who holds one bank account, and in which roles.
#[derive(Clone, Deserialize)]
pub struct AccountOwnership {
    /// The Powens account this is about. Required: an ownership of no known account means nothing.
    pub id_account: i64,
    /// The account's connection.
    #[serde(default)]
    pub id_connection: Option<i64>,
    /// The Powens user.
    #[serde(default)]
    pub id_user: Option<i64>,
    /// The connection source the parties were read from.
    #[serde(default)]
    pub id_connector_source: Option<i64>,
    /// The account's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The bank's name.
    #[serde(default)]
    pub bank_name: Option<String>,
    /// Whether the account has several holders; `None` when Powens cannot tell.
    #[serde(default)]
    pub multiple_holders: Option<bool>,
    /// The properties Powens worked out rather than read from the bank (empty, or `multiple_holders`).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub calculated: Vec<String>,
    /// What the account is for.
    #[serde(default)]
    pub usage: Option<AccountUsage>,
    /// The account's parties, as the bank lists them.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub parties: Vec<AccountParty>,
    /// The account's identifiers (an IBAN…).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub identifications: Vec<AccountIdentification>,
}

impl std::fmt::Debug for AccountOwnership {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountOwnership")
            .field("id_account", &self.id_account)
            .field("id_connection", &self.id_connection)
            .field("multiple_holders", &self.multiple_holders)
            .field("usage", &self.usage)
            .field("parties", &self.parties)
            .field("identifications", &self.identifications.len())
            .finish_non_exhaustive()
    }
}

/// One party of an account: a role, and who plays it.
#[derive(Debug, Clone, Deserialize)]
pub struct AccountParty {
    /// The role on the account.
    #[serde(default)]
    pub role: PartyRole,
    /// Who.
    #[serde(default)]
    pub identity: PartyIdentity,
}

/// Who a party is.
#[derive(Clone, Default, Deserialize)]
pub struct PartyIdentity {
    /// Whether the party is the Powens user, who holds the connection; `None` when Powens cannot verify it.
    #[serde(default)]
    pub is_user: Option<bool>,
    /// The party's full name, as the bank writes it.
    #[serde(default)]
    pub full_name: Option<String>,
}

impl std::fmt::Debug for PartyIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartyIdentity")
            .field("is_user", &self.is_user)
            .field("full_name", &self.full_name.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// A party's role on an account (Powens' AccountPartyRole). An open list: a role this version does not know reads
/// as [`PartyRole::Unknown`], like Powens' own `unknown`, rather than failing the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PartyRole {
    /// `holder`: holds the account.
    Holder,
    /// `co_holder`: shares the holding of the account with others.
    CoHolder,
    /// `attorney`: holds a mandate to access the account.
    Attorney,
    /// `custodian_for_minor`: holds the account on behalf of a minor.
    CustodianForMinor,
    /// `legal_guardian`: appointed by a court to act for a person judged incapacitated.
    LegalGuardian,
    /// `nominee`: named by the beneficial owner to act on its behalf.
    Nominee,
    /// `successor_on_death`: the deceased holder's estate or successor.
    SuccessorOnDeath,
    /// `trustee`: the legal owner of what the account holds.
    Trustee,
    /// `unknown`, absent, null, or a role this version does not know.
    #[default]
    Unknown,
}

impl PartyRole {
    /// The role a wire code stands for.
    pub fn from_code(code: &str) -> Self {
        match code {
            "holder" => PartyRole::Holder,
            "co_holder" => PartyRole::CoHolder,
            "attorney" => PartyRole::Attorney,
            "custodian_for_minor" => PartyRole::CustodianForMinor,
            "legal_guardian" => PartyRole::LegalGuardian,
            "nominee" => PartyRole::Nominee,
            "successor_on_death" => PartyRole::SuccessorOnDeath,
            "trustee" => PartyRole::Trustee,
            _ => PartyRole::Unknown,
        }
    }

    /// Whether the party holds the account (alone or with others), as opposed to acting for its holder.
    pub fn holds_the_account(self) -> bool {
        matches!(self, PartyRole::Holder | PartyRole::CoHolder)
    }
}

impl<'de> Deserialize<'de> for PartyRole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = Option::<String>::deserialize(deserializer)?;
        Ok(code.as_deref().map_or(PartyRole::Unknown, PartyRole::from_code))
    }
}

/// One identifier of an account.
#[derive(Clone, Deserialize)]
pub struct AccountIdentification {
    /// The kind of identifier: `iban`, `bban`, `sort_code_account_number`… (an open list).
    #[serde(default)]
    pub scheme_name: Option<String>,
    /// The identifier itself.
    #[serde(default)]
    pub identification: Option<String>,
}

impl std::fmt::Debug for AccountIdentification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountIdentification").field("scheme_name", &self.scheme_name).finish_non_exhaustive()
    }
}

/// A list that may come as `null`: read as empty. Only for lists inside an item; an envelope's own list stays
/// required.
fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode;

    /// An account ownership shaped exactly as Powens' account-ownerships page documents it (names invented).
    const DOCUMENTED: &str = r#"{"account_ownerships": [{
        "id_account": 1005, "id_connection": 102, "id_user": 1, "id_connector_source": 70,
        "name": "Compte joint", "bank_name": "Boursorama Banque",
        "multiple_holders": true, "calculated": ["multiple_holders"], "usage": "PRIV",
        "parties": [
            {"role": "holder", "identity": {"is_user": true, "full_name": "Camille Exemple"}},
            {"role": "co_holder", "identity": {"is_user": false, "full_name": "Dominique Exemple"}}
        ],
        "identifications": [{"scheme_name": "iban", "identification": "FR7640618000010123456789012"}]
    }]}"#;

    fn decoded(json: &str) -> AccountOwnershipList {
        decode("GET /users/me/account_ownerships", json.as_bytes()).unwrap()
    }

    #[test]
    fn the_documented_sample_decodes_field_by_field() {
        let list = decoded(DOCUMENTED);
        let joint = &list.account_ownerships[0];
        assert_eq!((joint.id_account, joint.id_connection, joint.id_user, joint.id_connector_source), (1005, Some(102), Some(1), Some(70)));
        assert_eq!((joint.name.as_deref(), joint.bank_name.as_deref()), (Some("Compte joint"), Some("Boursorama Banque")));
        assert_eq!((joint.multiple_holders, joint.calculated.as_slice()), (Some(true), ["multiple_holders".to_string()].as_slice()));
        assert_eq!(joint.usage, Some(AccountUsage::Private));
        let roles: Vec<(PartyRole, Option<bool>, Option<&str>)> =
            joint.parties.iter().map(|p| (p.role, p.identity.is_user, p.identity.full_name.as_deref())).collect();
        assert_eq!(roles, [(PartyRole::Holder, Some(true), Some("Camille Exemple")), (PartyRole::CoHolder, Some(false), Some("Dominique Exemple"))]);
        assert!(joint.parties.iter().all(|p| p.role.holds_the_account()));
        let iban = &joint.identifications[0];
        assert_eq!((iban.scheme_name.as_deref(), iban.identification.as_deref()), (Some("iban"), Some("FR7640618000010123456789012")));
    }

    #[test]
    fn every_documented_role_and_usage_reads_and_unknown_ones_do_not_fail() {
        for (code, role) in [
            ("holder", PartyRole::Holder),
            ("co_holder", PartyRole::CoHolder),
            ("attorney", PartyRole::Attorney),
            ("custodian_for_minor", PartyRole::CustodianForMinor),
            ("legal_guardian", PartyRole::LegalGuardian),
            ("nominee", PartyRole::Nominee),
            ("successor_on_death", PartyRole::SuccessorOnDeath),
            ("trustee", PartyRole::Trustee),
            ("unknown", PartyRole::Unknown),
            ("usufructuary", PartyRole::Unknown),
            ("HOLDER", PartyRole::Unknown),
        ] {
            let json = format!(r#"{{"account_ownerships": [{{"id_account": 1, "parties": [{{"role": "{code}", "identity": {{"full_name": "X"}}}}]}}]}}"#);
            assert_eq!(decoded(&json).account_ownerships[0].parties[0].role, role, "{code}");
        }
        let null_role = decoded(r#"{"account_ownerships": [{"id_account": 1, "parties": [{"role": null}, {}]}]}"#);
        assert!(null_role.account_ownerships[0].parties.iter().all(|p| p.role == PartyRole::Unknown && p.identity.full_name.is_none()));
        for (code, usage) in [("PRIV", AccountUsage::Private), ("ORGA", AccountUsage::Professional), ("ASSO", AccountUsage::Association), ("MIXED", AccountUsage::Unknown)] {
            let json = format!(r#"{{"account_ownerships": [{{"id_account": 1, "usage": "{code}"}}]}}"#);
            assert_eq!(decoded(&json).account_ownerships[0].usage, Some(usage), "{code}");
            assert_eq!(usage.code().unwrap_or("MIXED"), code);
        }
    }

    #[test]
    fn only_the_account_id_and_the_list_are_required() {
        let bare = decoded(r#"{"account_ownerships": [{"id_account": 7}, {"id_account": 8, "multiple_holders": null, "usage": null, "calculated": null, "parties": null, "identifications": null}]}"#);
        for ownership in &bare.account_ownerships {
            assert_eq!((ownership.id_connection, ownership.name.as_deref(), ownership.multiple_holders, ownership.usage), (None, None, None, None));
            assert!(ownership.calculated.is_empty() && ownership.parties.is_empty() && ownership.identifications.is_empty());
        }
        let unknown_fields = decoded(r#"{"account_ownerships": [], "total": 0, "_links": {}}"#);
        assert!(unknown_fields.account_ownerships.is_empty());
        for (json, path) in [(r#"{}"#, "."), (r#"{"account_ownerships": [{"name": "Compte joint"}]}"#, "account_ownerships[0]")] {
            match decode::<AccountOwnershipList>("GET /users/me/account_ownerships", json.as_bytes()) {
                Err(crate::Error::Decode { path: at, message, .. }) => {
                    assert_eq!(at, path, "{json}");
                    assert!(message.starts_with("missing field"), "{message}");
                }
                other => panic!("{json}: expected a decode error, got {other:?}"),
            }
        }
    }

    #[test]
    fn debug_leaves_names_and_identifiers_out() {
        let printed = format!("{:?}", decoded(DOCUMENTED));
        for personal in ["Camille", "Dominique", "FR76406180", "Compte joint"] {
            assert!(!printed.contains(personal), "{personal} in {printed}");
        }
        assert!(printed.contains("CoHolder") && printed.contains("1005"), "{printed}");
    }
}

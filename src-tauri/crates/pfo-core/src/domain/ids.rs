//! Typed identifiers: [`AccountId`], [`TransactionId`], [`PositionId`] and [`OrderId`] (canonical, `provider:external`, e.g. `powens:1001`) and
//! [`ConnectionId`] (the provider's id of a bank connection, e.g. `101`). Each is parsed once where it enters the
//! core (a provider payload, a stored row, an input field) and carries its parts from there: nothing splits an id
//! string again. Each crosses JSON and the TypeScript bindings as a plain string.

use crate::error::{Error, Result};

macro_rules! canonical_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
        // A newtype struct: serde writes it as its string, and ts-rs as `string`.
        #[ts(export, type = "string")]
        pub struct $name(String);

        impl $name {
            /// The id of `external` at `provider`.
            pub fn new(provider: &str, external: &str) -> Self {
                Self(format!("{provider}:{external}"))
            }

            /// Reads `provider:external`, refusing anything else with the field named.
            pub fn parse(field: &str, text: &str) -> Result<Self> {
                match text.split_once(':') {
                    Some((provider, external)) if !provider.is_empty() && !external.is_empty() => Ok(Self(text.to_string())),
                    _ => Err(Error::InvalidInput {
                        field: field.into(),
                        reason: format!(concat!("`{}` is not ", $what, " id; ids read `provider:id`, e.g. `powens:1001`"), text),
                    }),
                }
            }

            /// The provider (`powens`).
            pub fn provider(&self) -> &str {
                self.0.split_once(':').map(|(provider, _)| provider).unwrap_or_default()
            }

            /// The provider's own id.
            pub fn external(&self) -> &str {
                self.0.split_once(':').map(|(_, external)| external).unwrap_or_default()
            }

            /// The whole id, `provider:external`.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse("id", &text).map_err(|e| serde::de::Error::custom(e.to_string()))
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "pattern": "^[^:]+:.+$", "description": concat!($what, " id, `provider:id`") })
            }
        }
    };
}

canonical_id!(
    /// A canonical account id, stable across syncs: `<provider>:<provider account id>`.
    AccountId,
    "an account"
);

canonical_id!(
    /// A canonical transaction id: `<provider>:<provider transaction id>`.
    TransactionId,
    "a transaction"
);

canonical_id!(
    /// A canonical investment position id: `<provider>:<provider investment id>`.
    PositionId,
    "a position"
);

canonical_id!(
    /// A canonical market order id: `<provider>:<provider order id>`.
    OrderId,
    "an order"
);

/// The provider's id of a bank connection (a bank login), e.g. `101`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct ConnectionId(String);

impl ConnectionId {
    /// The id a provider gave a connection (its payloads are trusted to name one).
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    /// Reads a connection id, refusing an empty one with the field named.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        match text.trim() {
            "" => Err(Error::InvalidInput { field: field.into(), reason: "is empty; `pfo accounts list --json` shows the connection ids".into() }),
            id => Ok(Self(id.to_string())),
        }
    }

    /// The id as the provider writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ConnectionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl rusqlite::types::ToSql for ConnectionId {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::from(self.0.as_str()))
    }
}

impl rusqlite::types::FromSql for ConnectionId {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        Ok(Self(value.as_str()?.to_string()))
    }
}

impl<'de> serde::Deserialize<'de> for ConnectionId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("connectionId", &text).map_err(|e| serde::de::Error::custom(e.to_string()))
    }
}

impl schemars::JsonSchema for ConnectionId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ConnectionId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "minLength": 1, "description": "the provider's id of a bank connection" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_parsed_once_and_carry_their_parts() {
        let id = AccountId::parse("accountIds", "powens:1001").unwrap();
        assert_eq!((id.provider(), id.external(), id.as_str()), ("powens", "1001", "powens:1001"));
        assert_eq!(AccountId::new("powens", "1001"), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"powens:1001\"", "a plain string in JSON");
        for bad in ["1001", "powens:", ":1001", ""] {
            let error = AccountId::parse("accountIds", bad).unwrap_err();
            assert!(error.to_string().contains("accountIds") && error.to_string().contains("provider:id"), "{error}");
            assert!(serde_json::from_str::<AccountId>(&format!("\"{bad}\"")).is_err(), "{bad}");
        }
        assert_eq!(TransactionId::parse("id", "powens:42").unwrap().external(), "42");
        assert!(ConnectionId::parse("connectionId", "  ").is_err());
        assert_eq!(serde_json::from_str::<ConnectionId>("\"101\"").unwrap().as_str(), "101");
    }
}

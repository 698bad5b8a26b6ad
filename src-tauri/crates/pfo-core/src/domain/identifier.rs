//! [`AccountIdentifier`]: an IBAN or account number that can only leave the core masked.

use crate::redact;

/// Which identifier it is, which decides how it is masked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Iban,
    Number,
}

/// An IBAN or account number. `Debug`, `Display` and `Serialize` all print the masked form; only the store reads
/// the whole value, through [`AccountIdentifier::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct AccountIdentifier {
    kind: Kind,
    value: String,
}

impl AccountIdentifier {
    /// Wraps an IBAN.
    pub fn iban(value: impl Into<String>) -> Self {
        Self { kind: Kind::Iban, value: value.into() }
    }

    /// Wraps an account number.
    pub fn number(value: impl Into<String>) -> Self {
        Self { kind: Kind::Number, value: value.into() }
    }

    /// The masked form shown to people (`FR76 •••• 0143`, `•••• 6548`).
    pub fn masked(&self) -> String {
        match self.kind {
            Kind::Iban => redact::mask_iban(&self.value),
            Kind::Number => redact::mask_account_number(&self.value),
        }
    }

    /// The whole value, for the encrypted store only.
    pub(crate) fn expose(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Debug for AccountIdentifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.masked())
    }
}

impl std::fmt::Display for AccountIdentifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked())
    }
}

impl serde::Serialize for AccountIdentifier {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.masked())
    }
}

impl schemars::JsonSchema for AccountIdentifier {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MaskedAccountIdentifier".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "masked IBAN or account number" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rendering_is_masked() {
        let iban = AccountIdentifier::iban("FR7630004000031234567890143");
        for rendered in [format!("{iban:?}"), iban.to_string(), serde_json::to_string(&iban).unwrap()] {
            assert!(!rendered.contains("30004000031234567890"), "{rendered}");
            assert!(rendered.contains("0143"));
        }
        assert_eq!(iban.expose(), "FR7630004000031234567890143");
    }
}

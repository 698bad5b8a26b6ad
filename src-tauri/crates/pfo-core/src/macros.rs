//! `stored_enum!`: the one way an enum of fixed codes is declared, for the values the store keeps and the interfaces
//! send (statuses, types, error codes). Each variant has its code once; the macro derives the serde names (and with
//! them the ts-rs union and the JSON Schema), `as_str`, `parse`, `Display`, and the rusqlite conversions, so that a
//! stored value this build does not know is an error when read, never a silent default.

/// Declares `enum Name { Variant = "code", … }` with the derives and conversions above.
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $code:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema, ts_rs::TS)]
        #[ts(export)]
        $vis enum $name {
            $( $(#[doc = $doc])* #[serde(rename = $code)] $variant ),*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The code, as stored and sent.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),*
                }
            }

            /// The value of a code; `None` for a code this build does not know.
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!(concat!("`{}` is not a ", stringify!($name), " this version knows (was it written by a newer one?)"), text).into(),
                    )
                })
            }
        }
    };
}

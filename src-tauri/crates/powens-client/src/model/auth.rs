//! Token payloads of the `/auth/*` routes.

use serde::Deserialize;

/// Answer of `POST /auth/init`: a new Powens user and its token.
#[derive(Deserialize)]
pub struct AuthInit {
    /// The user's bearer token. Kept out of `Debug` on purpose.
    pub auth_token: String,
    /// `permanent` or `temporary`.
    #[serde(rename = "type", default)]
    pub token_type: Option<String>,
    /// The new user's id.
    pub id_user: i64,
    /// Seconds until expiry; null for permanent tokens.
    #[serde(default)]
    pub expires_in: Option<i64>,
}

impl std::fmt::Debug for AuthInit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthInit")
            .field("auth_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("id_user", &self.id_user)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

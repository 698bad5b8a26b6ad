//! Connections (one per bank login) and the connector (bank) they point to.

use serde::Deserialize;

/// Envelope of `GET /users/{u}/connections`.
#[derive(Debug, Deserialize)]
pub struct ConnectionList {
    /// The user's connections. Required: an envelope without its list is a bad payload, not an empty one (read
    /// as empty, the household would look disconnected).
    pub connections: Vec<Connection>,
}

/// A bank connection.
#[derive(Debug, Clone, Deserialize)]
pub struct Connection {
    /// Powens connection id.
    pub id: i64,
    /// Connector id (domain-specific).
    #[serde(default)]
    pub id_connector: Option<i64>,
    /// Stable connector UUID.
    #[serde(default)]
    pub connector_uuid: Option<String>,
    /// `null` (or empty) when the last sync succeeded; otherwise an open set of states (`SCARequired`, …).
    #[serde(default)]
    pub state: Option<String>,
    /// Bank message accompanying the state; may contain URLs, never shown raw.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Last successful sync, naive `YYYY-MM-DD HH:MM:SS`.
    #[serde(default)]
    pub last_update: Option<String>,
    /// Whether Powens syncs it automatically.
    #[serde(default)]
    pub active: Option<bool>,
    /// Highest consent expiry among the sources.
    #[serde(default)]
    pub expire: Option<String>,
    /// When Powens next tries to sync it by itself, naive `YYYY-MM-DD HH:MM:SS`.
    #[serde(default)]
    pub next_try: Option<String>,
    /// The connector, when requested with `expand=connector`.
    #[serde(default)]
    pub connector: Option<Connector>,
}

/// A bank as Powens lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Connector {
    /// Connector id.
    #[serde(default)]
    pub id: Option<i64>,
    /// Stable UUID.
    #[serde(default)]
    pub uuid: Option<String>,
    /// Bank name.
    #[serde(default)]
    pub name: Option<String>,
}

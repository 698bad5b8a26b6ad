//! The tenant file (`tenant.toml` in each profile): which connection fills each blueprint slot, which of the
//! blueprint's capabilities are enabled (all of them when the file says nothing), and which knowledge spaces are
//! bound. The demo profile and a new live profile get the sample binding
//! (`conn-powens-primary`). Errors name the file, the line and the field.

use crate::blueprint::{POCKET_FAMILY_OFFICE_BLUEPRINT, POWENS_SPEC};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The file name inside a profile.
pub const TENANT_FILE: &str = "tenant.toml";

/// The connection id the sample tenant binds.
pub const SAMPLE_CONNECTION: &str = "conn-powens-primary";

/// The sample tenant, written into a profile that has none.
pub const SAMPLE_TENANT: &str = r#"# Tenant bindings of this profile (see the README). Edit with care: the app validates it at start.
[tenant]
id = "household"
app = "pocket-family-office"

[connections.conn-powens-primary]
integration = "openbanking.powens"

[slots]
primaryOpenBanking = "conn-powens-primary"

[capabilities]
# Remove one to stop the workflows that need it (a refresh then records them as blocked). `written_for` is the
# blueprint version this list was written for: reads a later version adds are on until they are listed here.
written_for = 2
enabled = ["openbanking.accounts.read", "openbanking.transactions.read", "openbanking.balances.read", "openbanking.investments.read", "openbanking.loans.read"]

[knowledge]
spaces = ["knowledge.financial-overview"]
"#;

/// A parsed and validated tenant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    /// Identity.
    pub tenant: TenantIdentity,
    /// Connections by id.
    pub connections: BTreeMap<String, TenantConnection>,
    /// Slot bindings: slot key → connection id.
    pub slots: BTreeMap<String, String>,
    /// Enabled capabilities.
    #[serde(default)]
    pub capabilities: CapabilityBindings,
    /// Knowledge bindings.
    #[serde(default)]
    pub knowledge: KnowledgeBindings,
}

/// `[capabilities]`: which of the blueprint's capabilities this tenant enables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityBindings {
    /// Capability ids; a file without the table enables the blueprint's defaults.
    pub enabled: Vec<String>,
    /// The blueprint version `enabled` was written for (1 when absent: files from before it was recorded).
    #[serde(default = "first_version")]
    pub written_for: u32,
}

fn first_version() -> u32 {
    1
}

impl Default for CapabilityBindings {
    fn default() -> Self {
        Self {
            enabled: POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities.iter().map(|c| c.to_string()).collect(),
            written_for: POCKET_FAMILY_OFFICE_BLUEPRINT.version,
        }
    }
}

/// Who the tenant is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantIdentity {
    /// Tenant id (telemetry metadata).
    pub id: String,
    /// App id (telemetry metadata).
    pub app: String,
}

/// One connection of the tenant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantConnection {
    /// The integration spec it uses.
    pub integration: String,
}

/// Bound knowledge spaces.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeBindings {
    /// Space ids.
    #[serde(default)]
    pub spaces: Vec<String>,
}

impl Tenant {
    /// The connection bound to `slot`, if any.
    pub fn binding(&self, slot: &str) -> Option<&str> {
        self.slots.get(slot).map(String::as_str)
    }

    /// Whether `capability` is enabled.
    pub fn capability_enabled(&self, capability: &str) -> bool {
        let added_later = crate::blueprint::CAPABILITIES_SINCE.iter().any(|(c, since)| *c == capability && *since > self.capabilities.written_for);
        added_later || self.capabilities.enabled.iter().any(|c| c == capability)
    }
}

/// Reads `<profile>/tenant.toml`, writing the sample first when the profile has none.
pub fn load_or_create(profile_dir: &Path) -> Result<Tenant> {
    let path = profile_dir.join(TENANT_FILE);
    if !path.exists() {
        crate::atomic_write::write_verified(&path, SAMPLE_TENANT.as_bytes(), |written| parse(&path, written).map(drop))?;
    }
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io { action: "read", path: path.clone(), source })?;
    parse(&path, &text)
}

/// Parses and validates a tenant file's text.
pub fn parse(path: &Path, text: &str) -> Result<Tenant> {
    let tenant: Tenant = toml::from_str(text).map_err(|e| crate::config::toml_error(path, text, &e))?;
    let invalid = |reason: String| Error::Config { path: path.to_path_buf(), reason };
    for (slot, connection) in &tenant.slots {
        if !POCKET_FAMILY_OFFICE_BLUEPRINT.slots.iter().any(|s| s.key == slot) {
            return Err(invalid(format!("field `slots.{slot}`: the blueprint has no such slot")));
        }
        if !tenant.connections.contains_key(connection) {
            return Err(invalid(format!("field `slots.{slot}`: connection `{connection}` is not defined under [connections]")));
        }
    }
    for (id, connection) in &tenant.connections {
        if connection.integration != POWENS_SPEC.id {
            return Err(invalid(format!("field `connections.{id}.integration`: unknown integration `{}`", connection.integration)));
        }
    }
    for capability in &tenant.capabilities.enabled {
        if !POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities.contains(&capability.as_str()) {
            return Err(invalid(format!(
                "field `capabilities.enabled`: unknown capability `{capability}` (the blueprint has {})",
                POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities.join(", ")
            )));
        }
    }
    for space in &tenant.knowledge.spaces {
        if !POCKET_FAMILY_OFFICE_BLUEPRINT.knowledge_spaces.iter().any(|k| k.id == space) {
            return Err(invalid(format!("field `knowledge.spaces`: unknown knowledge space `{space}`")));
        }
    }
    Ok(tenant)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blueprint::PRIMARY_OPEN_BANKING;

    #[test]
    fn the_sample_binds_the_primary_slot() {
        let tenant = parse(Path::new("tenant.toml"), SAMPLE_TENANT).unwrap();
        assert_eq!(tenant.binding(PRIMARY_OPEN_BANKING), Some(SAMPLE_CONNECTION));
        assert_eq!(tenant.knowledge.spaces, vec!["knowledge.financial-overview"]);
        assert!(POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities.iter().all(|c| tenant.capability_enabled(c)));
    }

    #[test]
    fn capabilities_default_to_the_blueprint_and_unknown_ones_are_refused() {
        let start = SAMPLE_TENANT.find("[capabilities]").unwrap();
        let end = SAMPLE_TENANT.find("[knowledge]").unwrap();
        let without = format!("{}{}", &SAMPLE_TENANT[..start], &SAMPLE_TENANT[end..]);
        let tenant = parse(Path::new("tenant.toml"), &without).unwrap();
        assert!(POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities.iter().all(|c| tenant.capability_enabled(c)), "an older file enables them all");

        let fewer = SAMPLE_TENANT.replace(", \"openbanking.transactions.read\"", "");
        let tenant = parse(Path::new("tenant.toml"), &fewer).unwrap();
        assert!(!tenant.capability_enabled(crate::blueprint::CAPABILITY_TRANSACTIONS));
        assert!(tenant.capability_enabled(crate::blueprint::CAPABILITY_ACCOUNTS));

        let typo = SAMPLE_TENANT.replace("\"openbanking.balances.read\"", "\"openbanking.balance.read\"");
        let message = parse(Path::new("/p/tenant.toml"), &typo).unwrap_err().to_string();
        assert!(message.contains("capabilities.enabled") && message.contains("openbanking.balance.read"), "{message}");
    }

    #[test]
    fn a_read_added_after_a_file_was_written_is_on_until_the_file_lists_its_choice() {
        use crate::blueprint::{CAPABILITY_INVESTMENTS, CAPABILITY_TRANSACTIONS};
        // A tenant file of blueprint 1 (no `written_for`), with transactions switched off by its household.
        let older = SAMPLE_TENANT
            .replace("written_for = 2\n", "")
            .replace(", \"openbanking.transactions.read\"", "")
            .replace(", \"openbanking.investments.read\"", "");
        let tenant = parse(Path::new("tenant.toml"), &older).unwrap();
        assert!(tenant.capability_enabled(CAPABILITY_INVESTMENTS), "added by blueprint 2: on for a file that never knew it");
        assert!(!tenant.capability_enabled(CAPABILITY_TRANSACTIONS), "a read the household switched off stays off");
        // Written for blueprint 2 without it: the household chose to leave it off.
        let chosen = SAMPLE_TENANT.replace(", \"openbanking.investments.read\"", "");
        assert!(!parse(Path::new("tenant.toml"), &chosen).unwrap().capability_enabled(CAPABILITY_INVESTMENTS));
        // Every capability has the version that introduced it, at most the blueprint's.
        for capability in POCKET_FAMILY_OFFICE_BLUEPRINT.capabilities {
            let since = crate::blueprint::CAPABILITIES_SINCE.iter().find(|(c, _)| c == capability).map(|(_, v)| *v);
            assert!(since.is_some_and(|v| v <= POCKET_FAMILY_OFFICE_BLUEPRINT.version), "{capability}");
        }
    }

    #[test]
    fn errors_name_the_file_line_and_field() {
        let unknown_connection = SAMPLE_TENANT.replace("primaryOpenBanking = \"conn-powens-primary\"", "primaryOpenBanking = \"conn-x\"");
        let message = parse(Path::new("/p/tenant.toml"), &unknown_connection).unwrap_err().to_string();
        assert!(message.contains("tenant.toml") && message.contains("slots.primaryOpenBanking") && message.contains("conn-x"), "{message}");

        let malformed = SAMPLE_TENANT.replace("id = \"household\"", "id = household");
        let message = parse(Path::new("/p/tenant.toml"), &malformed).unwrap_err().to_string();
        assert!(message.contains("line 3"), "{message}");

        let missing = SAMPLE_TENANT.replace("app = \"pocket-family-office\"\n", "");
        let message = parse(Path::new("/p/tenant.toml"), &missing).unwrap_err().to_string();
        assert!(message.contains("app"), "{message}");

        let wrong_integration = SAMPLE_TENANT.replace("integration = \"openbanking.powens\"", "integration = \"openbanking.plaid\"");
        assert!(parse(Path::new("t"), &wrong_integration).unwrap_err().to_string().contains("connections.conn-powens-primary.integration"));
    }
}

//! `ensure_primary_open_banking_integration`: the check every open-banking workflow runs first. The
//! `primaryOpenBanking` slot must be bound to a connection of the tenant, that connection must be configured
//! (demo, or Powens settings plus its secrets in the keyring), and it must not be in error. Each refusal names the
//! reason and the action that fixes it. Before that, [`ensure_capabilities`] checks that the tenant enables every
//! capability the workflow reads through.

use crate::app::App;
use crate::blueprint::{WorkflowSpec, PRIMARY_OPEN_BANKING};
use crate::error::{Error, Result};
use crate::profile::Mode;
use crate::store::runs;

/// Why a workflow may not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable code.
    pub code: &'static str,
    /// Reason and fix, safe to show.
    pub message: String,
}

/// The code of a run blocked by a disabled capability.
pub const CAPABILITY_DISABLED: &str = "guardrail.capability_disabled";

/// Refuses `spec` when the tenant file disables a capability it needs.
pub fn ensure_capabilities(app: &App, spec: &WorkflowSpec) -> std::result::Result<(), Refusal> {
    match spec.requires_capabilities.iter().find(|c| !app.tenant().capability_enabled(c)) {
        None => Ok(()),
        Some(capability) => Err(Refusal {
            code: CAPABILITY_DISABLED,
            message: format!(
                "capability `{capability}` is disabled for this household, so `{}` did not run; to enable it, add \
                 \"{capability}\" to `enabled` under [capabilities] in {}, then restart the app",
                spec.name,
                app.tenant_path().display()
            ),
        }),
    }
}

/// Checks the slot binding and the connection's health; `Ok(Err(refusal))` when the workflow must not run.
pub async fn ensure_primary_open_banking_integration(app: &App) -> Result<std::result::Result<String, Refusal>> {
    let tenant = app.tenant();
    let Some(connection) = tenant.binding(PRIMARY_OPEN_BANKING).map(str::to_string) else {
        return Ok(Err(Refusal {
            code: "guardrail.slot_unbound",
            message: format!(
                "the `{PRIMARY_OPEN_BANKING}` slot is not bound to a connection; bind it in {} \
                 (for example `{PRIMARY_OPEN_BANKING} = \"conn-powens-primary\"` under [slots])",
                app.tenant_path().display()
            ),
        }));
    };
    if !tenant.connections.contains_key(&connection) {
        return Ok(Err(Refusal {
            code: "guardrail.connection_missing",
            message: format!("connection `{connection}` bound to `{PRIMARY_OPEN_BANKING}` does not exist; define it under [connections] in {}", app.tenant_path().display()),
        }));
    }
    if app.mode() == Mode::Live {
        if let Err(missing) = app.check_live_secrets() {
            let fix = match &missing {
                Error::SecretMissing { field, .. } => format!("the Powens `{field}` is not in the OS keyring"),
                other => other.to_string(),
            };
            return Ok(Err(Refusal {
                code: "guardrail.disconnected",
                message: format!("connection `{connection}` is disconnected: {fix}; enter the Powens client credentials of your domain again"),
            }));
        }
    }
    let id = connection.clone();
    let health = app.store().call(move |conn| runs::health(conn, &id)).await?;
    if let Some(Some(code)) = health {
        return Ok(Err(Refusal {
            code: "guardrail.connection_error",
            message: format!(
                "connection `{connection}` is in error ({code}): Powens refused its credentials or token; check the client \
                 credentials of your domain, then reconnect it"
            ),
        }));
    }
    Ok(Ok(connection))
}

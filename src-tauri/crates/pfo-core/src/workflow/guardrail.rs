//! `ensure_primary_open_banking_integration`: the check every open-banking workflow runs first. The
//! `primaryOpenBanking` slot must be bound to a connection of the tenant, that connection must be configured
//! (demo, or Powens settings plus its secrets in the keyring), and it must not be in error. Each refusal names the
//! reason and the action that fixes it. Before that, [`ensure_capabilities`] checks that the tenant enables every
//! capability the workflow reads through.

use crate::app::App;
use crate::blueprint::{WorkflowSpec, PRIMARY_OPEN_BANKING};
use crate::error::{Code, Error, Result};
use crate::profile::Mode;
use crate::store::runs;

/// Why a workflow may not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable code.
    pub code: Code,
    /// Reason and fix, safe to show.
    pub message: String,
}

/// Refuses `spec` when the tenant file disables a capability it needs.
pub fn ensure_capabilities(app: &App, spec: &WorkflowSpec) -> std::result::Result<(), Refusal> {
    match spec.requires_capabilities.iter().find(|c| !app.tenant().capability_enabled(c)) {
        None => Ok(()),
        Some(capability) => Err(Refusal {
            code: Code::GuardrailCapabilityDisabled,
            message: format!(
                "capability `{capability}` is disabled for this household, so `{}` did not run; to enable it, add \
                 \"{capability}\" to `enabled` under [capabilities] in {}, then restart the app",
                spec.name,
                app.tenant_path().display()
            ),
        }),
    }
}

/// Checks the slot binding and, for a workflow that calls the provider (`calls_provider`), the connection's
/// secrets and health; `Ok(Err(refusal))` when the workflow must not run. A workflow that only reads the store (the
/// overview) still needs the slot bound to a defined connection, as the blueprint says of all four.
pub async fn ensure_primary_open_banking_integration(app: &App, calls_provider: bool) -> Result<std::result::Result<String, Refusal>> {
    let tenant = app.tenant();
    let Some(connection) = tenant.binding(PRIMARY_OPEN_BANKING).map(str::to_string) else {
        return Ok(Err(Refusal {
            code: Code::GuardrailSlotUnbound,
            message: format!(
                "the `{PRIMARY_OPEN_BANKING}` slot is not bound to a connection; bind it in {} \
                 (for example `{PRIMARY_OPEN_BANKING} = \"conn-powens-primary\"` under [slots])",
                app.tenant_path().display()
            ),
        }));
    };
    if !tenant.connections.contains_key(&connection) {
        return Ok(Err(Refusal {
            code: Code::GuardrailConnectionMissing,
            message: format!("connection `{connection}` bound to `{PRIMARY_OPEN_BANKING}` does not exist; define it under [connections] in {}", app.tenant_path().display()),
        }));
    }
    if !calls_provider {
        return Ok(Ok(connection));
    }
    if app.mode() == Mode::Live {
        if let Err(missing) = app.check_live_secrets() {
            let fix = match &missing {
                Error::SecretMissing { field, .. } => format!("the Powens `{field}` is not in the OS keyring"),
                other => other.to_string(),
            };
            return Ok(Err(Refusal {
                code: Code::GuardrailDisconnected,
                message: format!("connection `{connection}` is disconnected: {fix}; enter the Powens client credentials of your domain again"),
            }));
        }
    }
    let id = connection.clone();
    let health = app.store().call(move |conn| runs::health(conn, &id)).await?;
    if let Some(Some(code)) = health {
        // A connection marked in error is not refused for ever: one cheap call (the bank connections listing, with
        // the token renewed once if Powens refuses it) tells whether the cause is gone. Credentials fixed at
        // Powens, a token renewed or a reconnect since the failure all clear it here.
        match recheck(app).await {
            Ok(()) => {
                let (id, now) = (connection.clone(), app.clock().timestamp());
                app.store().call(move |conn| runs::set_health(conn, &id, None, now)).await?;
                tracing::info!(connection = connection.as_str(), previous = %code, "connection re-checked with Powens: healthy again");
            }
            Err(still) => {
                return Ok(Err(Refusal {
                    code: Code::GuardrailConnectionError,
                    message: format!(
                        "connection `{connection}` was refused by Powens at an earlier refresh ({code}) and is still \
                         refused now ({}): {}",
                        still.code(),
                        fix_for(&still)
                    ),
                }));
            }
        }
    }
    Ok(Ok(connection))
}

/// One cheap call that proves the connection works again.
async fn recheck(app: &App) -> Result<()> {
    app.connected().await?.provider.bank_connection_count().await.map(drop)
}

/// What the household can do about a connection that Powens still refuses.
fn fix_for(error: &Error) -> &'static str {
    match error {
        Error::Powens(powens_client::Error::Transport { .. }) => {
            "Powens cannot be reached right now; check the network and refresh again later"
        }
        Error::SecretMissing { .. } => "the Powens credentials are missing from the OS keyring; connect Powens again (Settings, or `pfo connect powens`)",
        _ => "check the client id and secret of your domain in the Powens console, then connect Powens again (Settings, or `pfo connect powens`); refresh once it is fixed",
    }
}

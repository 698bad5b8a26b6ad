//! powens-sandbox: a local emulator of the Powens API v2.0.
//!
//! It serves a seeded demo household over loopback HTTP with Powens' paths, field names, value shapes and error
//! bodies. The demo profile, the tests and the benchmarks all start it in-process with [`start`]; the
//! `powens-sandbox` binary runs the same server on its own. It shares no code with `powens-client`, so a wrong
//! assumption about the wire format cannot hide by being made twice.

mod api;
mod error;
pub mod household;
mod rng;
mod state;
mod wire;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tokio::sync::oneshot;

pub use household::Household;

/// The seed of the demo household shipped with the app.
pub const DEMO_SEED: u64 = 42;

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// Seed of the household, credentials and amounts.
    pub seed: u64,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self { port: 0, seed: DEMO_SEED }
    }
}

/// A sandbox serving in the background of the current tokio runtime. Dropping it stops the server.
#[derive(Debug)]
pub struct RunningSandbox {
    base_url: String,
    world: Arc<state::World>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl RunningSandbox {
    /// The API root, e.g. `http://127.0.0.1:41234/2.0`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The client id registered on this sandbox.
    pub fn client_id(&self) -> &str {
        &self.world.client.client_id
    }

    /// The client secret registered on this sandbox.
    pub fn client_secret(&self) -> &str {
        &self.world.client.client_secret
    }

    /// The household this sandbox serves: the truth a sync must reproduce.
    pub fn household(&self) -> &Household {
        &self.world.household
    }

    /// API requests served so far.
    pub fn request_count(&self) -> u64 {
        self.world.request_count()
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Starts a sandbox on 127.0.0.1 in the current tokio runtime.
pub async fn start(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    let now = chrono::Utc::now().naive_utc();
    let household = household::generate(config.seed, now.date());
    let world = Arc::new(state::World::new(household, config.seed, now.format("%Y-%m-%d %H:%M:%S").to_string()));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, config.port))).await?;
    let address = listener.local_addr()?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let app = api::router(world.clone());
    tokio::spawn(async move {
        let server = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(error) = server.await {
            tracing::error!(%error, "powens-sandbox server stopped with an error");
        }
    });
    Ok(RunningSandbox { base_url: format!("http://{address}/2.0"), world, shutdown: Some(shutdown) })
}

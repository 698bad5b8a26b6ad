//! powens-sandbox: a local emulator of the Powens API v2.0.
//!
//! It serves a seeded demo household over loopback HTTP with Powens' paths, field names, value shapes and error
//! bodies. The demo profile, the tests and the benchmarks all start it in-process with [`start`]; the
//! `powens-sandbox` binary runs the same server on its own. It shares no code with `powens-client`, so a wrong
//! assumption about the wire format cannot hide by being made twice.

mod api;
#[cfg(feature = "control")]
mod control;
mod error;
pub mod family;
pub mod faults;
pub mod fields;
pub mod household;
pub mod ledger;
pub mod loan;
pub mod portfolio;
mod reference;
mod rng;
mod state;
mod transactions;
mod wealth;
pub mod webhooks;
mod webview;
mod wire;

use chrono::Timelike;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tokio::sync::oneshot;

pub use household::Household;
pub use ledger::LedgerConfig;

/// The seed of the demo household shipped with the app.
pub const DEMO_SEED: u64 = 42;

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Loopback port to listen on; 0 picks a free one.
    pub port: u16,
    /// Seed of the household, credentials and amounts.
    pub seed: u64,
    /// How many transactions, over how many years.
    pub ledger: LedgerConfig,
    /// The sandbox clock at start (naive Powens time); `None` uses the machine's clock.
    pub anchor: Option<chrono::NaiveDateTime>,
    /// Client credentials to accept instead of the ones drawn from the seed.
    pub client: Option<(String, String)>,
    /// Everyday current accounts added to the [`household::SEEDED_ACCOUNTS`] of the seeded household (a larger
    /// family office: benchmarks use about 40 accounts in all). Zero keeps the demo household as it is.
    pub extra_accounts: usize,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self { port: 0, seed: DEMO_SEED, ledger: LedgerConfig::default(), anchor: None, client: None, extra_accounts: 0 }
    }
}

/// One transaction as the sandbox's truth has it at the current clock reading (for tests to compare against).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TruthTransaction {
    /// Powens id.
    pub id: i64,
    /// Powens account id.
    pub account_id: i64,
    /// Debit date.
    pub date: chrono::NaiveDate,
    /// Signed amount in minor units.
    pub value_minor: i64,
    /// Not yet booked.
    pub coming: bool,
    /// Deleted at the bank.
    pub deleted: bool,
    /// The simplified wording.
    pub wording: &'static str,
    /// The raw bank wording.
    pub original_wording: &'static str,
    /// Category code and its parent's code.
    pub category: (&'static str, &'static str),
    /// The counterparty's name.
    pub counterparty: &'static str,
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

    /// Time spent serving API requests so far: the part of a sync that Powens' servers would do.
    pub fn serving_time(&self) -> std::time::Duration {
        self.world.serving_time()
    }

    /// API requests served so far (control calls under `/__sandbox/` are not counted).
    pub fn request_count(&self) -> u64 {
        self.world.request_count()
    }

    /// Moves the sandbox clock forward.
    pub fn advance(&self, duration: std::time::Duration) {
        self.world.advance(duration.as_secs() as i64);
    }

    /// The sandbox clock, as Powens writes timestamps.
    pub fn now(&self) -> String {
        self.world.now_text()
    }

    /// Switches a fault on (see [`faults::Fault`]).
    pub fn inject(&self, fault: faults::Fault) {
        self.world.faults.add(fault);
    }

    /// Switches every fault and the rate limit off.
    pub fn clear_faults(&self) {
        self.world.faults.clear();
    }

    /// Limits API calls to `per_window` per `window` (Powens' sandbox tier: 30 per minute); `None` lifts it.
    pub fn set_rate_limit(&self, limit: Option<(u32, std::time::Duration)>) {
        self.world.faults.set_rate_limit(limit);
    }

    /// Powens users created so far: a client that retried `POST /auth/init` blindly would create several.
    pub fn users_created(&self) -> i64 {
        self.world.users_created()
    }

    /// Requests the rate limit refused so far.
    pub fn throttled_count(&self) -> u64 {
        self.world.faults.throttled_count()
    }

    /// Sets a connection's state (`None` = last sync OK), as Powens would after a failed background sync.
    pub fn set_connection_state(&self, connection: i64, state: Option<&str>, error_message: Option<&str>) {
        self.world
            .overrides
            .lock()
            .expect("overrides lock")
            .connection_states
            .insert(connection, (state.map(str::to_string), error_message.map(str::to_string)));
    }

    /// Re-creates an account in disabled state (seen live after a connection repair): it drops out of listings
    /// without `?all`.
    pub fn recreate_disabled(&self, account: i64) {
        self.world.recreate_disabled(account);
    }

    /// Registers a webhook receiver of one `event` type (HMAC-signed deliveries, as Powens' `hmac_signature` auth
    /// provider).
    pub fn subscribe_webhooks(&self, event: &str, url: &str, secret: &str) {
        let subscription = webhooks::Subscription { event: event.into(), url: url.into(), secret: secret.into() };
        self.world.overrides.lock().expect("overrides lock").webhooks.push(subscription);
    }

    /// Makes an account vanish at the bank: listed with `deleted` set under `?all`, hidden otherwise.
    pub fn delete_account(&self, account: i64) {
        let now = self.world.now();
        self.world.overrides.lock().expect("overrides lock").deleted_accounts.insert(account, now);
    }

    /// Sends amounts as JSON strings from now on (or numbers again).
    pub fn amounts_as_strings(&self, on: bool) {
        self.world.amounts_as_strings.store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Revokes every token, as if Powens had forgotten them.
    pub fn revoke_all_tokens(&self) {
        self.world.revoke_all_tokens();
    }

    /// Booked balance of the account with Powens id `account_id` now, in minor units.
    pub fn balance_minor(&self, account_id: i64) -> Option<i64> {
        let index = self.world.household.accounts.iter().position(|a| a.id == account_id)?;
        Some(self.world.balances().balance[index])
    }

    /// Every investment now, in id order (sold ones included, with `deleted` set), as the investments lists serve
    /// them: integers in minor units, millionths of a unit, ten-thousandths of the currency and millionths of a
    /// ratio (see [`portfolio`]).
    pub fn positions(&self) -> Vec<portfolio::PositionTruth> {
        self.world.portfolio.positions_at(self.world.now())
    }

    /// Every investment at `at` on the sandbox clock (meant for `at` at or after its start).
    pub fn positions_at(&self, at: chrono::NaiveDateTime) -> Vec<portfolio::PositionTruth> {
        self.world.portfolio.positions_at(ledger::instant(at))
    }

    /// The Wealth & Loans attributes of account `account_id` now (`valuation`, `diff`, …), for accounts of an
    /// investing type only.
    pub fn account_wealth(&self, account_id: i64) -> Option<portfolio::AccountWealth> {
        let account = self.world.household.accounts.iter().find(|a| a.id == account_id)?;
        reference::is_invest(account.account_type)
            .then(|| portfolio::account_wealth(&self.world.portfolio.account_positions(account_id, self.world.now())))
    }

    /// The unit values of investment `id` served by its history now, newest first: `(vdate, ten-thousandths)`.
    pub fn investment_history(&self, id: i64) -> Vec<(chrono::NaiveDate, i64)> {
        self.world.portfolio.history(id, self.world.now())
    }

    /// Every market order placed by now, by id.
    pub fn market_orders(&self) -> Vec<portfolio::MarketOrderTruth> {
        self.world.portfolio.orders_at(self.world.now())
    }

    /// The loan amortizations served now (the mortgage's periods from the sandbox's first month on).
    pub fn amortizations(&self) -> Vec<loan::AmortizationTruth> {
        match &self.world.mortgage {
            Some((index, schedule)) => {
                loan::amortizations_at(self.world.household.accounts[*index].id, schedule, self.world.anchor(), self.world.now())
            }
            None => Vec::new(),
        }
    }

    /// The mortgage's whole amortization schedule and its account's Powens id.
    pub fn mortgage_schedule(&self) -> Option<(i64, Vec<loan::Period>)> {
        self.world.mortgage.as_ref().map(|(index, schedule)| (self.world.household.accounts[*index].id, schedule.clone()))
    }

    /// The mortgage as its bank shows it now (payments made, next and last payment, remaining capital), and its
    /// account's Powens id.
    pub fn mortgage_state(&self) -> Option<(i64, loan::LoanState)> {
        let (index, schedule) = self.world.mortgage.as_ref()?;
        let account = &self.world.household.accounts[*index];
        let loan = account.loan.as_ref()?;
        Some((account.id, loan::state_at(loan, schedule, self.world.now())))
    }

    /// Every transaction visible now (deleted ones included, flagged), newest first.
    pub fn transactions(&self) -> Vec<TruthTransaction> {
        let now = self.world.now();
        self.world
            .ledger
            .txns
            .iter()
            .filter(|t| t.visible(now))
            .map(|t| TruthTransaction {
                id: t.id,
                account_id: self.world.household.accounts[t.account as usize].id,
                date: t.date,
                value_minor: t.value_minor,
                coming: t.coming(now),
                deleted: t.deleted(now),
                wording: ledger::LABELS[t.label as usize].simplified,
                original_wording: ledger::LABELS[t.label as usize].original,
                category: ledger::LABELS[t.label as usize].category,
                counterparty: ledger::LABELS[t.label as usize].counterparty,
            })
            .collect()
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
    let anchor = config.anchor.unwrap_or_else(|| {
        let now = chrono::Utc::now().naive_utc();
        now.with_nanosecond(0).unwrap_or(now)
    });
    let household = household::generate_sized(config.seed, anchor.date(), config.extra_accounts);
    let ledger = ledger::generate(&household, config.seed, anchor, config.ledger);
    let client = config.client.map(|(client_id, client_secret)| state::ClientApp { client_id, client_secret });
    let world = Arc::new(state::World::new(household, ledger, config.seed, ledger::instant(anchor), client));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, config.port))).await?;
    let address = listener.local_addr()?;
    let _ = world.base_url.set(format!("http://{address}/2.0"));
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

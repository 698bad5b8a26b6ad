//! powens-sandbox: a local emulator of the Powens API v2.0.
//!
//! It serves a seeded demo household over loopback HTTP with Powens' paths, field names, value shapes and error
//! bodies. The demo profile, the tests and the benchmarks all start it in-process with [`start`]; the
//! `powens-sandbox` binary runs the same server on its own. It shares no code with `powens-client`, so a wrong
//! assumption about the wire format cannot hide by being made twice.

mod api;
pub mod consent;
mod connections;
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
mod served;
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

pub use consent::BankStep;
pub use faults::SANDBOX_TIER_RATE_LIMIT;
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
    /// A rate limit from the start: calls allowed per window (`Some(SANDBOX_TIER_RATE_LIMIT)` is Powens' sandbox
    /// tier, 30 a minute); `None` (the default) serves without limit, as the sandbox always did.
    pub rate_limit: Option<(u32, std::time::Duration)>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self { port: 0, seed: DEMO_SEED, ledger: LedgerConfig::default(), anchor: None, client: None, extra_accounts: 0, rate_limit: None }
    }
}

/// A connection as the API shows it now (for tests to compare against), naive Powens times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionTruth {
    /// `state` (and the deprecated `error`): `None` after a good sync.
    pub state: Option<String>,
    /// `error_message`.
    pub error_message: Option<String>,
    /// `last_update`: the last successful sync; while the connection is healthy and active, the clock.
    pub last_update: chrono::NaiveDateTime,
    /// `next_try`: the next daily background sync (`None` while inactive).
    pub next_try: Option<chrono::NaiveDateTime>,
    /// The `openapi` source's `access_expire`, also served as the connection's `expire`.
    pub access_expire: Option<chrono::NaiveDateTime>,
    /// `active`.
    pub active: bool,
}

/// One entry of a connection's sync log (`GET /users/me/connections/{id}/logs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncAttempt {
    /// `timestamp`: when the attempt ended.
    pub at: chrono::NaiveDateTime,
    /// The state it left (`None`: it succeeded).
    pub state: Option<String>,
    /// The bank's message with that state.
    pub error_message: Option<String>,
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

    /// Limits API calls to `per_window` per `window` of wall-clock time (Powens' sandbox tier:
    /// [`SANDBOX_TIER_RATE_LIMIT`], 30 per minute); `None` lifts it. Over the limit a call gets 429 `rateLimiting`
    /// with a `Retry-After` in whole seconds until the window reopens.
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

    /// Sets a connection's state, as Powens would after a background sync. A state (`Some`) means the sync failed:
    /// the connection's accounts keep the data they had now (balances, transactions, investments, `last_update`)
    /// however far the clock moves, until it is resolved. `None` means the bank answers again: the data catches up
    /// with the clock at once, everything in between included, unless the consent ended meanwhile (then it turns
    /// `SCARequired`). Setting `decoupled` also opens an approval for [`Self::approve_decoupled`]. Does nothing for
    /// an unknown connection.
    pub fn set_connection_state(&self, connection: i64, state: Option<&str>, error_message: Option<&str>) {
        let (state, error_message) = (state.map(str::to_string), error_message.map(str::to_string));
        self.world.change_life(connection, |life, now| life.set_state(now, state, error_message));
    }

    /// Makes the bank ask for `step` at the connection's next forced sync (`PUT`, or `POST` with an empty body), its
    /// next `refresh_auth` or the next enabling of one of its accounts, whichever comes first: `Sca` turns it
    /// `SCARequired` (resolved by the reconnect webview), `Decoupled` turns it `decoupled` (resolved by
    /// [`Self::approve_decoupled`] and the client's `{"resume": true}`). A forced sync with `psu_requested=false`
    /// meets either as `SCARequired`. `None` disarms it.
    pub fn require_on_next_sync(&self, connection: i64, step: Option<BankStep>) {
        self.world.change_life(connection, |life, _| life.require_on_next_sync(step));
    }

    /// The user approves the pending decoupled validation in the bank's app. If the client already sent
    /// `{"resume": true}` (state `validating`), the sync completes now; otherwise the connection stays `decoupled`
    /// until it does. The consent is renewed for 180 days when the sync completes. False when nothing was pending.
    pub fn approve_decoupled(&self, connection: i64) -> bool {
        self.world.change_life(connection, |life, now| life.answer_validation(now, true)).unwrap_or(false)
    }

    /// The user refuses the pending decoupled validation: the connection turns `actionNeeded` (the user must act,
    /// data stays stopped). False when nothing was pending.
    pub fn refuse_decoupled(&self, connection: i64) -> bool {
        self.world.change_life(connection, |life, now| life.answer_validation(now, false)).unwrap_or(false)
    }

    /// Sets the consent end of the connection's `openapi` source (`access_expire`, also its `expire`); `None` for a
    /// consent the bank does not date. Once the clock passes it, the connection turns `SCARequired` and its data
    /// stops where the consent ended (never earlier than what was already served).
    pub fn set_access_expire(&self, connection: i64, at: Option<chrono::NaiveDateTime>) {
        self.world.change_life(connection, |life, _| life.set_access_expire(at.map(ledger::instant)));
    }

    /// Disables an account, as the user withdrawing consent for it (`POST /users/me/accounts/{id}` with
    /// `{"disabled": true}` does the same): hidden without `?all`, and its data stays as it is now. False for an
    /// unknown account.
    pub fn disable_account(&self, account: i64) -> bool {
        self.world.disable_account(account)
    }

    /// Enables an account (seeded disabled or disabled since), which is the PSU's consent: its data catches up with
    /// its connection's; if the bank was armed with [`Self::require_on_next_sync`], the connection meets that step
    /// now. False for an unknown account.
    pub fn enable_account(&self, account: i64) -> bool {
        self.world.enable_account(account)
    }

    /// The connection as the API shows it now; `None` for an unknown connection.
    pub fn connection_status(&self, connection: i64) -> Option<ConnectionTruth> {
        let found = self.world.connection_by_id(connection)?;
        let status = self.world.connection_status(&found);
        Some(ConnectionTruth {
            state: status.state,
            error_message: status.error_message,
            last_update: ledger::datetime(status.last_update),
            next_try: status.next_try.map(ledger::datetime),
            access_expire: status.access_expire.map(ledger::datetime),
            active: status.active,
        })
    }

    /// The connection's sync log as served now, newest first (empty for an unknown connection).
    pub fn sync_attempts(&self, connection: i64) -> Vec<SyncAttempt> {
        let Some(found) = self.world.connection_by_id(connection) else { return Vec::new() };
        self.world
            .with_life(&found, |life, now| life.attempts(now))
            .into_iter()
            .map(|a| SyncAttempt { at: ledger::datetime(a.at), state: a.state, error_message: a.error_message })
            .collect()
    }

    /// Re-creates an account in disabled state (seen live after a connection repair): it drops out of listings
    /// without `?all`, and its data stays as it is now (as [`Self::disable_account`]).
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

    /// Booked balance of the account with Powens id `account_id` as served now, in minor units (as of its
    /// connection's last successful sync while that connection is broken or inactive).
    pub fn balance_minor(&self, account_id: i64) -> Option<i64> {
        let index = self.world.household.accounts.iter().position(|a| a.id == account_id)?;
        Some(self.world.balances().balance[index])
    }

    /// Every investment as served now, in id order (sold ones included, with `deleted` set), as the investments
    /// lists serve them: integers in minor units, millionths of a unit, ten-thousandths of the currency and
    /// millionths of a ratio (see [`portfolio`]). Each account's lines are as of its data clock (see
    /// [`Self::set_connection_state`]).
    pub fn positions(&self) -> Vec<portfolio::PositionTruth> {
        self.world.served_positions()
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
            .then(|| portfolio::account_wealth(&self.world.served_account_positions(account_id)))
    }

    /// The unit values of investment `id` served by its history now, newest first: `(vdate, ten-thousandths)`.
    pub fn investment_history(&self, id: i64) -> Vec<(chrono::NaiveDate, i64)> {
        self.world.served_history(id)
    }

    /// Every market order served now (placed by its account's data clock), by id.
    pub fn market_orders(&self) -> Vec<portfolio::MarketOrderTruth> {
        self.world.served_orders()
    }

    /// The loan amortizations served now (the mortgage's periods from the sandbox's first month on).
    pub fn amortizations(&self) -> Vec<loan::AmortizationTruth> {
        self.world.served_amortizations()
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
        Some((account.id, loan::state_at(loan, schedule, self.world.account_clock(account.id))))
    }

    /// Every transaction served now (deleted ones included, flagged), newest first: each account's as of its data
    /// clock (see [`Self::set_connection_state`]).
    pub fn transactions(&self) -> Vec<TruthTransaction> {
        let clocks = self.world.account_clocks();
        self.world
            .ledger
            .txns
            .iter()
            .filter(|t| t.visible(clocks[t.account as usize]))
            .map(|t| (t, clocks[t.account as usize]))
            .map(|(t, now)| TruthTransaction {
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
    world.faults.set_rate_limit(config.rate_limit);
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

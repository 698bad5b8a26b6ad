//! The sandbox's mutable world: the household and its ledger, the sandbox clock, the client application, users
//! and their tokens, and the request counter.

use crate::household::Household;
use crate::ledger::{self, Instant, Ledger};
use crate::rng::SeededRng;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// The client application registered on the sandbox domain (what Powens' console would issue).
#[derive(Debug, Clone)]
pub struct ClientApp {
    /// Numeric client id, as Powens issues them.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
}

/// How long a token lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Created with valid client credentials; never expires.
    Permanent,
    /// Created without credentials; Powens deletes it after 30 minutes.
    Temporary,
}

#[derive(Debug)]
struct Users {
    next_user_id: i64,
    tokens: HashMap<String, (i64, TokenKind)>,
    /// When each temporary token was issued (sandbox clock): Powens drops them after 30 minutes.
    issued: HashMap<String, Instant>,
    /// Temporary codes: user, single use, expiry (sandbox clock).
    codes: HashMap<String, (i64, bool, Instant)>,
    rng: SeededRng,
}

/// Changes made to the household after start-up through the control API or the API itself.
#[derive(Debug, Default)]
pub struct Overrides {
    /// Accounts disabled since start-up (Powens account id → when): re-created disabled by Powens, or disabled
    /// through the API or the control API. Their data stays as it was then.
    pub disabled_accounts: HashMap<i64, Instant>,
    /// Seeded disabled accounts enabled since start-up (Powens account ids).
    pub enabled_accounts: std::collections::HashSet<i64>,
    /// Accounts that vanished at the bank (Powens account id → when).
    pub deleted_accounts: HashMap<i64, Instant>,
    /// Webhook receivers.
    pub webhooks: Vec<crate::webhooks::Subscription>,
    /// Connections added through the connect webview, per user, with their accounts (no transaction history).
    pub added: Vec<(i64, crate::household::Connection, Vec<crate::household::Account>)>,
}

/// How long a temporary token (from `/auth/init` without client credentials) lives.
pub const TEMPORARY_TOKEN_SECONDS: Instant = 1_800;

/// Per-account balances at one clock reading, cached because they scan the whole ledger.
#[derive(Debug, Clone)]
pub struct Balances {
    /// Booked balance per account index, minor units.
    pub balance: Vec<i64>,
    /// Pending amount per account index, minor units.
    pub coming: Vec<i64>,
}

/// Shared state behind every route.
#[derive(Debug)]
pub struct World {
    /// The seeded household every user of this sandbox sees.
    pub household: Household,
    /// Its transactions.
    pub ledger: Ledger,
    /// Its investments and market orders.
    pub portfolio: crate::portfolio::Portfolio,
    /// The mortgage: its account's index and its amortization schedule.
    pub mortgage: Option<(usize, Vec<crate::loan::Period>)>,
    /// The registered client application.
    pub client: ClientApp,
    /// The sandbox clock at start-up.
    anchor: Instant,
    /// How far the clock was advanced, in seconds.
    offset: AtomicI64,
    /// The API root, known once the listener is bound (absolute `_links` need it).
    pub base_url: OnceLock<String>,
    users: Mutex<Users>,
    requests: AtomicU64,
    /// Nanoseconds spent serving API requests.
    serving_nanos: AtomicU64,
    /// Balances at one set of account clocks (see [`crate::served`]).
    balances: Mutex<Option<(Vec<Instant>, Balances)>>,
    /// Each connection's state, consent, sync steps and log (see [`crate::consent`]), by connection id.
    pub lives: Mutex<HashMap<i64, crate::consent::Life>>,
    /// Changes to the household since start-up.
    pub overrides: Mutex<Overrides>,
    /// Send amounts as JSON strings (`"1452.56"`), as some live payloads do.
    pub amounts_as_strings: std::sync::atomic::AtomicBool,
    /// Faults switched on through the control API.
    pub faults: crate::faults::Faults,
    /// First and last visible dates at one set of account clocks (every page's envelope states them).
    visible_span: Mutex<Option<VisibleSpan>>,
    /// Result-set summaries (total, min/max date) per query and clock reading, so paging does not rescan.
    pub summaries: Mutex<HashMap<(String, Instant), crate::transactions::Summary>>,
}

/// The oldest and newest visible transaction dates, at a set of account clocks.
type VisibleSpan = (Vec<Instant>, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

impl World {
    /// A world for `household` and its `ledger`, with credentials and tokens drawn from `seed`.
    pub fn new(household: Household, ledger: Ledger, seed: u64, anchor: Instant, client: Option<ClientApp>) -> Self {
        let mut rng = SeededRng::new(seed ^ 0x5EED_C11E_47AB_CDEF);
        let drawn = ClientApp {
            client_id: format!("{}", 10_000_000 + rng.between(0, 89_999_999)),
            client_secret: format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64()),
        };
        // Tokens also mix in the start time, so two sandboxes with one seed never accept each other's tokens.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        let portfolio = crate::portfolio::Portfolio::new(&household, &ledger, seed, anchor);
        let mortgage = household
            .accounts
            .iter()
            .enumerate()
            .find_map(|(index, a)| a.loan.as_ref().map(|loan| (index, crate::loan::schedule(loan))));
        Self {
            household,
            ledger,
            portfolio,
            mortgage,
            client: client.unwrap_or(drawn),
            anchor,
            offset: AtomicI64::new(0),
            base_url: OnceLock::new(),
            users: Mutex::new(Users {
                next_user_id: 1,
                tokens: HashMap::new(),
                issued: HashMap::new(),
                codes: HashMap::new(),
                rng: SeededRng::new(seed ^ nanos),
            }),
            overrides: Mutex::new(Overrides::default()),
            amounts_as_strings: std::sync::atomic::AtomicBool::new(false),
            requests: AtomicU64::new(0),
            serving_nanos: AtomicU64::new(0),
            balances: Mutex::new(None),
            lives: Mutex::new(HashMap::new()),
            summaries: Mutex::new(HashMap::new()),
            faults: Default::default(),
            visible_span: Mutex::new(None),
        }
    }

    /// The sandbox clock now.
    pub fn now(&self) -> Instant {
        self.anchor + self.offset.load(Ordering::SeqCst)
    }

    /// Moves the sandbox clock forward by `seconds`, and tells webhook receivers which connections synced new
    /// transactions (a connection that is broken or inactive syncs none).
    pub fn advance(&self, seconds: i64) -> Instant {
        let before = self.account_clocks();
        self.offset.fetch_add(seconds.max(0), Ordering::SeqCst);
        self.summaries.lock().expect("summaries lock").clear();
        let now = self.now();
        self.deliver_synced(&before, now);
        now
    }

    /// Balances of every account as served now (each at its account clock, see [`crate::served`]).
    pub fn balances(&self) -> Balances {
        let clocks = self.account_clocks();
        let mut cache = self.balances.lock().expect("balances lock");
        if let Some((at, balances)) = cache.as_ref() {
            if *at == clocks {
                return balances.clone();
            }
        }
        let accounts = self.household.accounts.len();
        let mut balance = self.ledger.opening_minor.clone();
        let mut coming = vec![0; accounts];
        for txn in &self.ledger.txns {
            let now = clocks[txn.account as usize];
            if txn.booked(now) {
                balance[txn.account as usize] += txn.value_minor;
            } else if txn.visible(now) && txn.coming(now) && !txn.deleted(now) {
                coming[txn.account as usize] += txn.value_minor;
            }
        }
        let balances = Balances { balance, coming };
        *cache = Some((clocks, balances.clone()));
        balances
    }

    /// The oldest and newest visible transaction dates at the account clocks `clocks`, computed once per set of
    /// clocks: every page's envelope carries them, and a full scan per page would make paging a million
    /// transactions quadratic.
    pub fn visible_span(&self, clocks: &[Instant]) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        let mut cache = self.visible_span.lock().expect("visible span lock");
        if let Some((at, first, last)) = cache.as_ref() {
            if at == clocks {
                return (*first, *last);
            }
        }
        let visible = |t: &&crate::ledger::Txn| t.visible(clocks[t.account as usize]);
        // Newest first: the last visible entry is the oldest date, the first visible one the newest.
        let first = self.ledger.txns.iter().rev().find(visible).map(|t| t.date);
        let last = self.ledger.txns.iter().find(visible).map(|t| t.date);
        *cache = Some((clocks.to_vec(), first, last));
        (first, last)
    }

    /// Creates a user and returns `(token, user id)`.
    pub fn create_user(&self, kind: TokenKind) -> (String, i64) {
        let now = self.now();
        let mut users = self.users.lock().expect("sandbox users lock");
        let user_id = users.next_user_id;
        users.next_user_id += 1;
        let token = format!("{:016x}{:016x}{:016x}", users.rng.next_u64(), users.rng.next_u64(), users.rng.next_u64());
        users.tokens.insert(token.clone(), (user_id, kind));
        if kind == TokenKind::Temporary {
            users.issued.insert(token.clone(), now);
        }
        (token, user_id)
    }

    /// Issues a new permanent token for `user_id`; with `revoke_previous`, its other tokens stop working.
    pub fn renew_token(&self, user_id: i64, revoke_previous: bool) -> Option<String> {
        let mut users = self.users.lock().expect("sandbox users lock");
        // Users are never deleted here: every id handed out so far exists, with or without a live token.
        if !(1..users.next_user_id).contains(&user_id) {
            return None;
        }
        if revoke_previous {
            users.tokens.retain(|_, (id, _)| *id != user_id);
        }
        let token = format!("{:016x}{:016x}{:016x}", users.rng.next_u64(), users.rng.next_u64(), users.rng.next_u64());
        users.tokens.insert(token.clone(), (user_id, TokenKind::Permanent));
        Some(token)
    }

    /// A temporary code for the user: single use (`singleAccess`) or reusable for 30 minutes (`requestAccess`).
    pub fn issue_code(&self, user_id: i64, single: bool) -> String {
        let expires = self.now() + 1_800;
        let mut users = self.users.lock().expect("sandbox users lock");
        let code = format!("{:016x}{:016x}", users.rng.next_u64(), users.rng.next_u64());
        users.codes.insert(code.clone(), (user_id, single, expires));
        code
    }

    /// The user a code belongs to, without consuming it (the webview shows its page before the user confirms).
    pub fn peek_code(&self, code: &str) -> Option<i64> {
        let now = self.now();
        let users = self.users.lock().expect("sandbox users lock");
        users.codes.get(code).filter(|(_, _, expires)| *expires >= now).map(|(user, _, _)| *user)
    }

    /// Redeems a code: the user it belongs to, if it is valid (a single-use code is consumed).
    pub fn redeem_code(&self, code: &str) -> Option<i64> {
        let now = self.now();
        let mut users = self.users.lock().expect("sandbox users lock");
        let (user, single, expires) = *users.codes.get(code)?;
        if expires < now {
            users.codes.remove(code);
            return None;
        }
        if single {
            users.codes.remove(code);
        }
        Some(user)
    }

    /// A new permanent token for an existing user.
    pub fn token_for(&self, user_id: i64) -> String {
        let mut users = self.users.lock().expect("sandbox users lock");
        let token = format!("{:016x}{:016x}{:016x}", users.rng.next_u64(), users.rng.next_u64(), users.rng.next_u64());
        users.tokens.insert(token.clone(), (user_id, TokenKind::Permanent));
        token
    }

    /// The user's connections: the seeded household's, then those added through the webview.
    pub fn connections_of(&self, user_id: i64) -> Vec<crate::household::Connection> {
        let overrides = self.overrides.lock().expect("overrides lock");
        let added = overrides.added.iter().filter(|(user, _, _)| *user == user_id).map(|(_, c, _)| c.clone());
        self.household.connections.iter().cloned().chain(added).collect()
    }

    /// The user's accounts with their booked balance and pending amount now.
    pub fn accounts_of(&self, user_id: i64) -> Vec<(crate::household::Account, i64, i64)> {
        let current = self.balances();
        let seeded = self.household.accounts.iter().enumerate().map(|(i, a)| (a.clone(), current.balance[i], current.coming[i]));
        let overrides = self.overrides.lock().expect("overrides lock");
        let added = overrides
            .added
            .iter()
            .filter(|(user, _, _)| *user == user_id)
            .flat_map(|(_, _, accounts)| accounts.iter().map(|a| (a.clone(), a.balance_minor, 0)));
        seeded.chain(added).collect()
    }

    /// Re-creates an account disabled and tells webhook receivers (`ACCOUNT_DISABLED`).
    pub fn recreate_disabled(&self, account: i64) {
        self.disable_account(account);
    }

    /// Disables an account now (the user withdrew its consent): it "will not be synchronized anymore" (Powens'
    /// bank-accounts page), so its data stays as it is now; webhook receivers get `ACCOUNT_DISABLED`. False for an
    /// unknown account.
    pub fn disable_account(&self, account: i64) -> bool {
        if !self.account_exists(account) {
            return false;
        }
        let now = self.now();
        let subscriptions = {
            let mut overrides = self.overrides.lock().expect("overrides lock");
            overrides.enabled_accounts.remove(&account);
            overrides.disabled_accounts.entry(account).or_insert(now);
            overrides.webhooks.clone()
        };
        let payload = serde_json::json!({ "id": account, "disabled": format_instant(now) });
        crate::webhooks::deliver(&subscriptions, "ACCOUNT_DISABLED", payload);
        true
    }

    /// Enables an account now, which "represents the PSU's consent" (Powens' bank-accounts page): its data catches
    /// up with its connection's, and the connection meets the step its bank was armed with, if any (see
    /// [`crate::consent::Life::account_enabled`]); webhook receivers get `ACCOUNT_ENABLED`. False for an unknown
    /// account.
    pub fn enable_account(&self, account: i64) -> bool {
        let Some(connection) = self.connection_of_account(account) else { return false };
        let before = self.account_clocks();
        let subscriptions = {
            let mut overrides = self.overrides.lock().expect("overrides lock");
            overrides.disabled_accounts.remove(&account);
            overrides.enabled_accounts.insert(account);
            for (_, _, accounts) in overrides.added.iter_mut() {
                for added in accounts.iter_mut().filter(|a| a.id == account) {
                    added.disabled = None;
                }
            }
            overrides.webhooks.clone()
        };
        self.with_life(&connection, |life, now| life.account_enabled(now));
        crate::webhooks::deliver(&subscriptions, "ACCOUNT_ENABLED", serde_json::json!({ "id": account, "disabled": null }));
        self.deliver_synced(&before, self.now());
        true
    }

    fn account_exists(&self, account: i64) -> bool {
        self.connection_of_account(account).is_some()
    }

    /// The connection an account (seeded or added through the webview) belongs to.
    pub fn connection_of_account(&self, account: i64) -> Option<crate::household::Connection> {
        if let Some(seeded) = self.household.accounts.iter().find(|a| a.id == account) {
            return self.household.connections.iter().find(|c| c.id == seeded.id_connection).cloned();
        }
        let overrides = self.overrides.lock().expect("overrides lock");
        overrides.added.iter().find(|(_, _, accounts)| accounts.iter().any(|a| a.id == account)).map(|(_, c, _)| c.clone())
    }

    /// When an account vanished at the bank, if it did (seeded so, or deleted since through the control API).
    pub fn account_deleted(&self, account: &crate::household::Account) -> Option<String> {
        account.deleted.clone().or_else(|| {
            self.overrides.lock().expect("overrides lock").deleted_accounts.get(&account.id).map(|at| format_instant(*at))
        })
    }

    /// Whether an account is disabled now (seeded so and not enabled since, or disabled since).
    pub fn account_disabled(&self, account: &crate::household::Account) -> bool {
        let overrides = self.overrides.lock().expect("overrides lock");
        (account.disabled.is_some() && !overrides.enabled_accounts.contains(&account.id)) || overrides.disabled_accounts.contains_key(&account.id)
    }

    /// When an account was disabled, if it is: `disabled` on the wire.
    pub fn account_disabled_at(&self, account: &crate::household::Account) -> Option<String> {
        if !self.account_disabled(account) {
            return None;
        }
        let since = self.overrides.lock().expect("overrides lock").disabled_accounts.get(&account.id).copied();
        Some(since.map(format_instant).or_else(|| account.disabled.clone()).unwrap_or_else(|| self.now_text()))
    }

    /// Revokes one token; true when it existed.
    pub fn revoke_token(&self, token: &str) -> bool {
        self.users.lock().expect("sandbox users lock").tokens.remove(token).is_some()
    }

    /// Revokes every token (a control call: "Powens forgot our tokens").
    pub fn revoke_all_tokens(&self) -> usize {
        let mut users = self.users.lock().expect("sandbox users lock");
        let count = users.tokens.len();
        users.tokens.clear();
        count
    }

    /// Users created so far (each `POST /auth/init` that succeeded, and each anonymous webview user).
    pub fn users_created(&self) -> i64 {
        self.users.lock().expect("sandbox users lock").next_user_id - 1
    }

    /// The user a bearer token belongs to.
    pub fn user_for_token(&self, token: &str) -> Option<i64> {
        let now = self.now();
        let mut users = self.users.lock().expect("sandbox users lock");
        if users.issued.get(token).is_some_and(|at| now - at >= TEMPORARY_TOKEN_SECONDS) {
            users.tokens.remove(token);
            users.issued.remove(token);
            return None;
        }
        users.tokens.get(token).map(|(id, _)| *id)
    }

    /// Counts one API request (every route, including failed ones).
    pub fn count_request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds the time one API request took to serve.
    pub fn add_serving_time(&self, took: std::time::Duration) {
        self.serving_nanos.fetch_add(took.as_nanos() as u64, Ordering::Relaxed);
    }

    /// Time spent serving API requests so far.
    pub fn serving_time(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.serving_nanos.load(Ordering::Relaxed))
    }

    /// API requests served so far.
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// The sandbox clock at start-up.
    pub fn anchor(&self) -> Instant {
        self.anchor
    }

    /// The clock as Powens writes timestamps.
    pub fn now_text(&self) -> String {
        format_instant(self.now())
    }
}

/// `YYYY-MM-DD HH:MM:SS`, the naive form Powens uses.
pub fn format_instant(at: Instant) -> String {
    ledger::datetime(at).format("%Y-%m-%d %H:%M:%S").to_string()
}

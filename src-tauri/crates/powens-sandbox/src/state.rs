//! The sandbox's mutable world: the household, the client application, users and their tokens.

use crate::household::Household;
use crate::rng::SeededRng;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

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
    rng: SeededRng,
}

/// Shared state behind every route.
#[derive(Debug)]
pub struct World {
    /// The seeded household every user of this sandbox sees.
    pub household: Household,
    /// The registered client application.
    pub client: ClientApp,
    /// Last successful sync of every connection (`YYYY-MM-DD HH:MM:SS`).
    pub last_update: String,
    users: Mutex<Users>,
    requests: AtomicU64,
}

impl World {
    /// A world for `household`, with credentials and tokens drawn from `seed`.
    pub fn new(household: Household, seed: u64, last_update: String) -> Self {
        let mut rng = SeededRng::new(seed ^ 0x5EED_C11E_47AB_CDEF);
        let client = ClientApp {
            client_id: format!("{}", 10_000_000 + rng.between(0, 89_999_999)),
            client_secret: format!("{:016x}{:016x}", rng.next_u64(), rng.next_u64()),
        };
        // Tokens also mix in the start time, so two sandboxes with one seed never accept each other's tokens.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        Self {
            household,
            client,
            last_update,
            users: Mutex::new(Users { next_user_id: 1, tokens: HashMap::new(), rng: SeededRng::new(seed ^ nanos) }),
            requests: AtomicU64::new(0),
        }
    }

    /// Creates a user and returns `(token, user id)`.
    pub fn create_user(&self, kind: TokenKind) -> (String, i64) {
        let mut users = self.users.lock().expect("sandbox users lock");
        let user_id = users.next_user_id;
        users.next_user_id += 1;
        let token = format!("{:016x}{:016x}{:016x}", users.rng.next_u64(), users.rng.next_u64(), users.rng.next_u64());
        users.tokens.insert(token.clone(), (user_id, kind));
        (token, user_id)
    }

    /// The user a bearer token belongs to.
    pub fn user_for_token(&self, token: &str) -> Option<i64> {
        self.users.lock().expect("sandbox users lock").tokens.get(token).map(|(id, _)| *id)
    }

    /// Counts one API request (every route, including failed ones).
    pub fn count_request(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
    }

    /// API requests served so far.
    pub fn request_count(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

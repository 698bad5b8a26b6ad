//! The one place that reads the time, so tests can fix it.

use crate::domain::Timestamp;
use chrono::{DateTime, Utc};

/// A source of "now".
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// The current instant to the second, as records carry and store it.
    fn timestamp(&self) -> Timestamp {
        Timestamp::from_datetime(self.now())
    }
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same instant (tests).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// The clock for this process: the machine's, unless `PFO_CLOCK` holds an RFC 3339 instant, which then stands
/// still. The variable exists so that end-to-end tests of the real binaries can fix time; nothing else sets it.
pub fn from_env() -> std::sync::Arc<dyn Clock> {
    match std::env::var("PFO_CLOCK").ok().and_then(|v| DateTime::parse_from_rfc3339(&v).ok()) {
        Some(fixed) => std::sync::Arc::new(FixedClock(fixed.with_timezone(&Utc))),
        None => std::sync::Arc::new(SystemClock),
    }
}

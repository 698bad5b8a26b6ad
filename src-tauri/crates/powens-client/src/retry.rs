//! The one retry policy: which failures are worth another attempt, and how long to wait before it.
//!
//! Only idempotent requests are retried (reads; `/auth/init` creates a billable user and is never replayed), only
//! on transport failures, 429 and 502/503/504, with exponential backoff, jitter, and `Retry-After` honoured up to a
//! cap. A 500 is a Powens bug that a retry will not fix, and other 4xx are our mistakes: both fail at once.

use std::time::Duration;

/// How many attempts, and how long between them.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Total attempts, the first included.
    pub max_attempts: u32,
    /// Delay before the second attempt; doubled for each further one.
    pub base_delay: Duration,
    /// Upper bound of the computed backoff.
    pub max_delay: Duration,
    /// Upper bound of a server-requested `Retry-After`.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// True when an HTTP status is worth retrying.
    pub fn retryable_status(status: u16) -> bool {
        matches!(status, 429 | 502 | 503 | 504)
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), given the server's `Retry-After` if any.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(requested) = retry_after {
            return requested.min(self.max_retry_after);
        }
        let exponential = self.base_delay.saturating_mul(1 << (attempt - 1).min(16));
        let capped = exponential.min(self.max_delay);
        // ±20 % jitter so that several clients do not retry in lockstep.
        let jitter = 0.8 + 0.4 * jitter_unit();
        capped.mul_f64(jitter)
    }
}

/// A value in [0, 1) from the clock's sub-second noise; good enough to spread retries, no RNG dependency needed.
fn jitter_unit() -> f64 {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let mixed = (u64::from(nanos)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11;
    mixed as f64 / (1u64 << 53) as f64
}

/// Parses `Retry-After` given in seconds (the HTTP-date form is not used by Powens and is ignored).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_throttling_and_gateway_failures_are_retryable() {
        for status in [429, 502, 503, 504] {
            assert!(RetryPolicy::retryable_status(status));
        }
        for status in [400, 401, 403, 404, 409, 500] {
            assert!(!RetryPolicy::retryable_status(status));
        }
    }

    #[test]
    fn backoff_grows_is_capped_and_retry_after_wins_up_to_its_cap() {
        let policy = RetryPolicy::default();
        let first = policy.delay(1, None);
        let third = policy.delay(3, None);
        assert!(first >= Duration::from_millis(200) && first <= Duration::from_millis(300), "{first:?}");
        assert!(third >= Duration::from_millis(800) && third <= Duration::from_millis(1200), "{third:?}");
        assert!(policy.delay(30, None) <= policy.max_delay.mul_f64(1.2));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(3))), Duration::from_secs(3));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(3600))), policy.max_retry_after);
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}

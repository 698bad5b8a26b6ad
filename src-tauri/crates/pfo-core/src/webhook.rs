//! Verifying Powens webhook deliveries, for a household that relays them to the app: `BI-Signature` must be
//! base64(HMAC-SHA256(webhookSecret, "POST." + PATH + "." + BI-Signature-Date + "." + BODY)), compared in constant
//! time, and `BI-Signature-Date` must be recent, so a captured delivery cannot be replayed later.

use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// Why a delivery was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookRejection {
    /// `BI-Signature-Date` is not an ISO-8601 UTC timestamp.
    #[error("BI-Signature-Date is not an ISO-8601 timestamp")]
    BadDate,
    /// The date is further from now than the allowed skew.
    #[error("BI-Signature-Date is {seconds} s away from now; the delivery may be a replay")]
    Stale {
        /// Distance from now, in seconds.
        seconds: i64,
    },
    /// `BI-Signature` is not base64.
    #[error("BI-Signature is not base64")]
    BadEncoding,
    /// The signature does not match the body, path and date.
    #[error("BI-Signature does not match this delivery")]
    Mismatch,
}

/// Checks one delivery to `path` (the receiver URL's path) against the webhook secret.
pub fn verify_powens_signature(
    secret: &SecretString,
    path: &str,
    date: &str,
    body: &[u8],
    signature: &str,
    now: DateTime<Utc>,
    max_skew: chrono::Duration,
) -> Result<(), WebhookRejection> {
    let signed_at = DateTime::parse_from_rfc3339(date).map_err(|_| WebhookRejection::BadDate)?;
    let distance = (now - signed_at.with_timezone(&Utc)).num_seconds();
    if distance.abs() > max_skew.num_seconds() {
        return Err(WebhookRejection::Stale { seconds: distance });
    }
    let expected = base64::engine::general_purpose::STANDARD.decode(signature.trim()).map_err(|_| WebhookRejection::BadEncoding)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes()).expect("HMAC takes keys of any length");
    mac.update(b"POST.");
    mac.update(path.as_bytes());
    mac.update(b".");
    mac.update(date.as_bytes());
    mac.update(b".");
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&expected).map_err(|_| WebhookRejection::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A delivery signed by hand, independently of the sandbox's signer.
    fn signed(secret: &str, path: &str, date: &str, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("POST.{path}.{date}.").as_bytes());
        mac.update(body);
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2022-06-27T11:09:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_genuine_delivery_passes_and_any_change_fails() {
        let secret = SecretString::from("s3cret");
        let date = "2022-06-27T11:08:52.577831Z";
        let body = br#"{"id_webhook_data": 1}"#;
        let signature = signed("s3cret", "/hooks/powens", date, body);
        let skew = chrono::Duration::minutes(5);
        assert_eq!(verify_powens_signature(&secret, "/hooks/powens", date, body, &signature, now(), skew), Ok(()));
        assert_eq!(verify_powens_signature(&secret, "/hooks/powens", date, br#"{"id_webhook_data": 2}"#, &signature, now(), skew), Err(WebhookRejection::Mismatch));
        assert_eq!(verify_powens_signature(&secret, "/other", date, body, &signature, now(), skew), Err(WebhookRejection::Mismatch));
        assert_eq!(verify_powens_signature(&SecretString::from("other"), "/hooks/powens", date, body, &signature, now(), skew), Err(WebhookRejection::Mismatch));
        assert_eq!(verify_powens_signature(&secret, "/hooks/powens", date, body, "%%%", now(), skew), Err(WebhookRejection::BadEncoding));
        assert_eq!(verify_powens_signature(&secret, "/hooks/powens", "yesterday", body, &signature, now(), skew), Err(WebhookRejection::BadDate));
        let later = now() + chrono::Duration::hours(1);
        assert!(matches!(verify_powens_signature(&secret, "/hooks/powens", date, body, &signature, later, skew), Err(WebhookRejection::Stale { .. })));
    }
}

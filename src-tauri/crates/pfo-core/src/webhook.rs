//! Verifying Powens webhook deliveries, for a household that relays them to the app: `BI-Signature` must be
//! base64(HMAC-SHA256(webhookSecret, "POST." + PATH + "." + BI-Signature-Date + "." + BODY)), compared in constant
//! time, and `BI-Signature-Date` must be recent, so a captured delivery cannot be replayed later. Within that window,
//! [`accept_delivery`] refuses a second delivery with the same `id_webhook_data` (remembered in the store, so a
//! restart does not forget it).

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
    /// The body carries no numeric `id_webhook_data`.
    #[error("the delivery has no id_webhook_data")]
    MissingId,
    /// This `id_webhook_data` was accepted before.
    #[error("delivery {id} was already received; a replay is refused")]
    Replayed {
        /// The repeated `id_webhook_data`.
        id: i64,
    },
}

/// Verifies a delivery (see [`verify_powens_signature`]) and, if genuine, records its `id_webhook_data`, refusing
/// one seen before. Ids older than the skew window are forgotten: their signatures can no longer pass.
#[allow(clippy::too_many_arguments)]
pub fn accept_delivery(
    connection: &rusqlite::Connection,
    secret: &SecretString,
    path: &str,
    date: &str,
    body: &[u8],
    signature: &str,
    now: DateTime<Utc>,
    max_skew: chrono::Duration,
) -> crate::Result<Result<i64, WebhookRejection>> {
    if let Err(rejection) = verify_powens_signature(secret, path, date, body, signature, now, max_skew) {
        return Ok(Err(rejection));
    }
    let Some(id) = serde_json::from_slice::<serde_json::Value>(body).ok().and_then(|v| v.get("id_webhook_data")?.as_i64()) else {
        return Ok(Err(WebhookRejection::MissingId));
    };
    let first_time = crate::store::webhooks::remember_delivery(connection, id, now, max_skew * 2)?;
    Ok(if first_time { Ok(id) } else { Err(WebhookRejection::Replayed { id }) })
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

    #[test]
    fn a_delivery_is_accepted_once_and_a_replay_is_refused_even_after_a_restart() {
        let path = std::env::temp_dir().join(format!("pfo-webhook-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let secret = SecretString::from("whsec-test");
        let date = "2022-06-27T11:08:30Z";
        let skew = chrono::Duration::minutes(5);
        let body = br#"{"id_webhook_data": 4242, "connection": {"id": 7}}"#;
        let signature = signed("whsec-test", "/hooks/powens", date, body);
        let open = || {
            let mut connection = rusqlite::Connection::open(&path).unwrap();
            crate::store::migrations::migrate(&mut connection, None).unwrap();
            connection
        };
        let connection = open();
        assert_eq!(accept_delivery(&connection, &secret, "/hooks/powens", date, body, &signature, now(), skew).unwrap(), Ok(4242));
        assert_eq!(accept_delivery(&connection, &secret, "/hooks/powens", date, body, &signature, now(), skew).unwrap(), Err(WebhookRejection::Replayed { id: 4242 }));
        drop(connection);
        let reopened = open();
        let later = now() + chrono::Duration::seconds(30);
        assert_eq!(accept_delivery(&reopened, &secret, "/hooks/powens", date, body, &signature, later, skew).unwrap(), Err(WebhookRejection::Replayed { id: 4242 }), "remembered across a restart");
        let forged = signed("another-secret", "/hooks/powens", date, body);
        assert_eq!(accept_delivery(&reopened, &secret, "/hooks/powens", date, body, &forged, now(), skew).unwrap(), Err(WebhookRejection::Mismatch));
        let no_id = br#"{"connection": {"id": 7}}"#;
        let signed_no_id = signed("whsec-test", "/hooks/powens", date, no_id);
        assert_eq!(accept_delivery(&reopened, &secret, "/hooks/powens", date, no_id, &signed_no_id, now(), skew).unwrap(), Err(WebhookRejection::MissingId));
        drop(reopened);
        let _ = std::fs::remove_file(&path);
    }

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

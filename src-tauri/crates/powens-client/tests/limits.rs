//! Bounded answers: a body that never ends, one far too large, or one that trickles is refused, and the call
//! returns, against the sandbox's streamed faults. The cap is on bytes, not time, so nothing here waits on a clock
//! except the trickle test, which sets its own short deadline.

use powens_client::{Client, ClientConfig, Error, RetryPolicy, MAX_BODY_BYTES};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{start, LedgerConfig, RunningSandbox, SandboxConfig};
use secrecy::SecretString;
use std::time::Duration;

async fn sandbox() -> RunningSandbox {
    start(SandboxConfig { ledger: LedgerConfig { transactions: 50, years: 1 }, ..SandboxConfig::default() }).await.unwrap()
}

/// A client with a long deadline, so that only the size cap can end an endless body quickly.
fn client(sandbox: &RunningSandbox) -> Client {
    let mut config = ClientConfig::new(sandbox.base_url());
    config.timeout = Duration::from_secs(600);
    Client::new(&config).unwrap()
}

async fn user(sandbox: &RunningSandbox, client: &Client) -> Client {
    let created = client.create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await.unwrap();
    client.with_token(SecretString::from(created.auth_token))
}

/// The process's peak resident memory in MiB (Linux), the figure an unbounded read would blow up.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kib| kib / 1024)
}

#[tokio::test]
async fn an_endless_body_on_auth_init_is_refused_at_the_cap_with_bounded_memory() {
    let sandbox = sandbox().await;
    sandbox.inject(Fault::always(FaultKind::Endless { status: None }).on_path("/auth/init"));
    let result = client(&sandbox).create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await;
    match &result {
        Err(Error::BodyTooLarge { endpoint, limit }) => {
            assert_eq!(*endpoint, "POST /auth/init");
            assert_eq!(*limit, MAX_BODY_BYTES);
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
    let message = result.unwrap_err().to_string();
    assert!(message.contains("POST /auth/init") && message.contains("32 MiB") && message.contains("try again later"), "{message}");
    if let Some(peak) = peak_rss_mib() {
        println!("peak RSS after refusing an endless body: {peak} MiB (cap {} MiB)", MAX_BODY_BYTES >> 20);
        // The cap plus the buffer's last doubling and the sandbox in the same process; an unbounded read grows
        // without limit until the deadline (gigabytes over loopback).
        assert!(peak < 512, "peak RSS {peak} MiB: the body was not bounded");
    }
}

#[tokio::test]
async fn an_endless_error_body_is_refused_and_not_retried() {
    let sandbox = sandbox().await;
    let client = user(&sandbox, &client(&sandbox)).await;

    // 503 is retryable, but a refused body is not: one request, not five times 32 MiB.
    sandbox.inject(Fault::always(FaultKind::Endless { status: Some(503) }).on_path("/users/me/connections"));
    let before = sandbox.request_count();
    let listed = client.list_connections().await;
    assert!(matches!(listed, Err(Error::BodyTooLarge { endpoint: "GET /users/me/connections", .. })), "{listed:?}");
    assert_eq!(sandbox.request_count() - before, 1, "a refused body is not retried");

    // revoke_token reads its error body outside the common path: capped as well.
    sandbox.inject(Fault::always(FaultKind::Endless { status: Some(500) }).on_path("/auth/token"));
    let revoked = client.revoke_token().await;
    assert!(matches!(revoked, Err(Error::BodyTooLarge { endpoint: "DELETE /auth/token", .. })), "{revoked:?}");
}

#[tokio::test]
async fn a_huge_body_is_refused_and_one_under_the_cap_is_read_whole() {
    let sandbox = sandbox().await;
    let client = user(&sandbox, &client(&sandbox)).await;
    sandbox.inject(Fault::always(FaultKind::Huge { mib: Some(64) }).on_path("/users/me/accounts").times(1));
    let refused = client.list_accounts(true).await;
    assert!(matches!(refused, Err(Error::BodyTooLarge { endpoint: "GET /users/me/accounts", .. })), "{refused:?}");

    // 8 MiB is under the cap: read to the end and decoded (a document without `accounts`, hence a decode error).
    sandbox.inject(Fault::always(FaultKind::Huge { mib: Some(8) }).on_path("/users/me/accounts").times(1));
    let read = client.list_accounts(true).await;
    assert!(matches!(read, Err(Error::Decode { endpoint: "GET /users/me/accounts", .. })), "{read:?}");
    assert_eq!(client.list_accounts(true).await.unwrap().accounts.len(), sandbox.household().accounts.len(), "faults spent");
}

#[tokio::test]
async fn a_trickling_body_is_cut_at_the_request_deadline() {
    let sandbox = sandbox().await;
    // One byte every 50 ms keeps every read alive; only a deadline over the whole body ends it.
    let config = ClientConfig { timeout: Duration::from_secs(1), retry: RetryPolicy::none(), ..ClientConfig::new(sandbox.base_url()) };
    let short = user(&sandbox, &Client::new(&config).unwrap()).await;
    sandbox.inject(Fault::always(FaultKind::Trickle { ms: 50 }).on_path("/users/me/connections"));
    match short.list_connections().await {
        Err(Error::Transport { kind, source }) => {
            assert!(source.is_timeout(), "{kind}: {source:?}");
            assert_eq!(kind, "the answer did not finish within the request timeout");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
}

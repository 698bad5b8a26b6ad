//! The client against the real sandbox over loopback HTTP.

use powens_client::{Client, ClientConfig, Error};
use powens_sandbox::{start, SandboxConfig};
use secrecy::SecretString;

#[tokio::test]
async fn creates_a_user_and_reads_connections_and_accounts() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = Client::new(&ClientConfig::new(sandbox.base_url())).unwrap();
    let user = client.create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await.unwrap();
    assert_eq!(user.token_type.as_deref(), Some("permanent"));
    assert!(!format!("{user:?}").contains(&user.auth_token), "Debug must not print the token");

    let client = client.with_token(SecretString::from(user.auth_token));
    let connections = client.list_connections().await.unwrap().connections;
    assert_eq!(connections.len(), sandbox.household().connections.len());
    assert!(connections.iter().all(|c| c.connector.as_ref().and_then(|k| k.name.as_ref()).is_some()));

    let all = client.list_accounts(true).await.unwrap().accounts;
    assert_eq!(all.len(), sandbox.household().accounts.len());
    assert!(all.iter().any(|a| a.disabled.is_some()), "?all includes disabled accounts");
    let accounts = client.list_accounts(false).await.unwrap().accounts;
    let truth: Vec<_> = sandbox.household().accounts.iter().filter(|a| a.disabled.is_none()).collect();
    assert_eq!(accounts.len(), truth.len());
    for (got, want) in accounts.iter().zip(&truth) {
        assert_eq!(got.id, want.id);
        assert_eq!(got.name.as_deref(), Some(want.name.as_str()));
        let minor = got.balance.unwrap() * rust_decimal::Decimal::from(100);
        assert_eq!(minor, rust_decimal::Decimal::from(sandbox.balance_minor(want.id).unwrap()), "balance of {} decoded exactly", want.name);
    }
}

#[tokio::test]
async fn errors_carry_status_code_and_request_id() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = Client::new(&ClientConfig::new(sandbox.base_url())).unwrap();
    assert!(matches!(client.list_accounts(false).await, Err(Error::MissingToken)));

    let wrong = client.with_token(SecretString::from("not-a-token"));
    match wrong.list_accounts(false).await {
        Err(Error::Api { status: 401, code: Some(code), request_id: Some(_), .. }) => assert_eq!(code, "invalidToken"),
        other => panic!("expected invalidToken, got {other:?}"),
    }

    let refused = client.create_user(sandbox.client_id(), &SecretString::from("wrong")).await;
    assert!(matches!(refused, Err(Error::Api { status: 400, .. })));
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let base = sandbox.base_url().to_string();
    drop(sandbox);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let client = Client::new(&ClientConfig::new(base)).unwrap();
    let result = client.create_user("1", &SecretString::from("x")).await;
    assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
}

#[tokio::test]
async fn offset_listings_page_until_a_short_page() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = Client::new(&ClientConfig::new(sandbox.base_url())).unwrap();
    let user = client.create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await.unwrap();
    let client = client.with_token(SecretString::from(user.auth_token));
    let mut pager = client.accounts_pager(true, 3);
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    while let Some(page) = pager.next_page::<powens_client::model::AccountList>().await.unwrap() {
        sizes.push(page.accounts.len());
        ids.extend(page.accounts.iter().map(|a| a.id));
    }
    assert_eq!(sizes, [3, 3, 3, 3, 1], "pages of three, the last one short");
    let expected: Vec<i64> = sandbox.household().accounts.iter().map(|a| a.id).collect();
    assert_eq!(ids, expected, "every account once, in order");
}

#[tokio::test]
async fn a_failed_transaction_page_is_asked_again_and_a_renewed_token_takes_over() {
    use powens_client::{RetryPolicy, TransactionQuery};
    use powens_sandbox::faults::{Fault, FaultKind};
    use powens_sandbox::LedgerConfig;
    let sandbox = start(SandboxConfig { ledger: LedgerConfig { transactions: 250, years: 1 }, ..SandboxConfig::default() }).await.unwrap();
    let config = ClientConfig { retry: RetryPolicy::none(), ..ClientConfig::new(sandbox.base_url()) };
    let client = Client::new(&config).unwrap();
    let user = client.create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await.unwrap();
    let client = client.with_token(SecretString::from(user.auth_token));
    let truth: Vec<i64> = sandbox.transactions().iter().map(|t| t.id).collect();
    assert!(truth.len() > 150, "at least four pages of 50");
    let query = TransactionQuery { limit: 50, include_deleted: true, ..TransactionQuery::default() };
    let mut pager = client.transactions(&query).unwrap();
    let mut ids: Vec<i64> = pager.next_page().await.unwrap().unwrap().transactions.iter().map(|t| t.id).collect();

    // A failure on page 2 leaves the pager on page 2: the next call reads it, not page 3, not the end.
    sandbox.inject(Fault::always(FaultKind::Status { status: 500 }).on_path("/transactions").times(1));
    assert!(matches!(pager.next_page().await, Err(Error::Api { status: 500, .. })));
    ids.extend(pager.next_page().await.unwrap().unwrap().transactions.iter().map(|t| t.id));

    // A refused token: the pager carries the renewed one for the same page and the rest.
    sandbox.revoke_all_tokens();
    let refused = pager.next_page().await.unwrap_err();
    assert!(refused.is_invalid_token(), "{refused:?}");
    let renewed = client.renew_token(sandbox.client_id(), &SecretString::from(sandbox.client_secret()), user.id_user, true).await.unwrap();
    pager.renew_token(renewed);
    while let Some(page) = pager.next_page().await.unwrap() {
        ids.extend(page.transactions.iter().map(|t| t.id));
    }
    let (mut got, mut want) = (ids.clone(), truth.clone());
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "every transaction once, none skipped or repeated");
    assert_eq!(pager.pages_read(), truth.len().div_ceil(50), "pages of 50, each read once");
}

//! The account ownerships call against the real sandbox over loopback HTTP: the demo family's holders and roles
//! decoded as the sandbox means them, offset pages, and the same retries and errors as the other listings.

use powens_client::model::{AccountOwnershipList, AccountUsage, PartyRole};
use powens_client::{Client, ClientConfig, Error, RetryPolicy};
use powens_sandbox::family::{self, Role};
use powens_sandbox::faults::{Fault, FaultKind};
use powens_sandbox::{start, RunningSandbox, SandboxConfig};
use secrecy::SecretString;

async fn user(sandbox: &RunningSandbox, retry: RetryPolicy) -> Client {
    let config = ClientConfig { retry, ..ClientConfig::new(sandbox.base_url()) };
    let client = Client::new(&config).unwrap();
    let created = client.create_user(sandbox.client_id(), &SecretString::from(sandbox.client_secret())).await.unwrap();
    client.with_token(SecretString::from(created.auth_token))
}

/// The client's reading of the sandbox's role.
fn role(role: Role) -> PartyRole {
    match role {
        Role::Holder => PartyRole::Holder,
        Role::CoHolder => PartyRole::CoHolder,
        Role::Attorney => PartyRole::Attorney,
        Role::CustodianForMinor => PartyRole::CustodianForMinor,
    }
}

#[tokio::test]
async fn reads_who_holds_each_account_of_the_demo_family() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = user(&sandbox, RetryPolicy::default()).await;
    let ownerships = client.list_account_ownerships(false).await.unwrap().account_ownerships;
    let accounts = client.list_accounts(false).await.unwrap().accounts;
    assert_eq!(ownerships.iter().map(|o| o.id_account).collect::<Vec<_>>(), accounts.iter().map(|a| a.id).collect::<Vec<_>>());
    for (ownership, account) in ownerships.iter().zip(&accounts) {
        let truth = sandbox.household().accounts.iter().find(|a| a.id == ownership.id_account).unwrap();
        let want: Vec<(PartyRole, Option<bool>, Option<&str>)> =
            truth.held_by.parties().iter().map(|p| (role(p.role), p.is_user, Some(p.full_name))).collect();
        let got: Vec<(PartyRole, Option<bool>, Option<&str>)> =
            ownership.parties.iter().map(|p| (p.role, p.identity.is_user, p.identity.full_name.as_deref())).collect();
        assert_eq!(got, want, "parties of {}", truth.name);
        assert_eq!(ownership.usage, account.usage_kind(), "{}: the same usage as the account's", truth.name);
        assert_eq!(ownership.id_connection, account.id_connection);
        let iban = ownership.identifications.iter().find(|i| i.scheme_name.as_deref() == Some("iban"));
        assert_eq!(iban.and_then(|i| i.identification.as_deref()), truth.iban.as_deref(), "{}", truth.name);
    }
    let named = |name: &str| ownerships.iter().find(|o| o.name.as_deref() == Some(name)).unwrap();
    assert_eq!(named("Compte joint").multiple_holders, Some(true));
    assert_eq!(named("Compte joint").parties.iter().filter(|p| p.role.holds_the_account()).count(), 2, "two holders: equal shares to propose");
    let child = named("Livret Jeune");
    assert!(child.parties.iter().any(|p| p.role == PartyRole::CustodianForMinor && p.identity.is_user == Some(true)));
    assert!(child.parties.iter().any(|p| p.role == PartyRole::Holder && p.identity.full_name.as_deref() == Some(family::CHILD)));
    for company in ["Compte courant Holding", "Compte SCI"] {
        assert_eq!(named(company).usage, Some(AccountUsage::Professional), "{company}");
        assert!(named(company).parties.iter().any(|p| p.role == PartyRole::Attorney && p.identity.is_user == Some(true)), "{company}");
    }
    assert_eq!(named("Compte titres USD").multiple_holders, None, "a bank that does not say");

    let all = client.list_account_ownerships(true).await.unwrap().account_ownerships;
    assert_eq!(all.len(), sandbox.household().accounts.len(), "?all adds the disabled account");
}

#[tokio::test]
async fn ownerships_page_by_offset_until_a_short_page() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = user(&sandbox, RetryPolicy::default()).await;
    let mut pager = client.account_ownerships_pager(true, 3);
    let (mut sizes, mut ids) = (Vec::new(), Vec::new());
    while let Some(page) = pager.next_page::<AccountOwnershipList>().await.unwrap() {
        sizes.push(page.account_ownerships.len());
        ids.extend(page.account_ownerships.iter().map(|o| o.id_account));
    }
    assert_eq!(sizes, [3, 3, 3, 3, 1], "pages of three, the last one short");
    assert_eq!(ids, sandbox.household().accounts.iter().map(|a| a.id).collect::<Vec<_>>(), "every account once, in order");
}

#[tokio::test]
async fn ownerships_retry_gateway_failures_and_report_the_others_like_every_listing() {
    let sandbox = start(SandboxConfig::default()).await.unwrap();
    let client = user(&sandbox, RetryPolicy { base_delay: std::time::Duration::from_millis(10), ..RetryPolicy::default() }).await;
    let on_ownerships = |kind: FaultKind| Fault::always(kind).on_path("/account_ownerships").times(1);

    sandbox.inject(on_ownerships(FaultKind::Status { status: 503 }));
    let before = sandbox.request_count();
    assert!(client.list_account_ownerships(false).await.is_ok(), "a 503 is retried");
    assert_eq!(sandbox.request_count() - before, 2, "once failed, once answered");

    sandbox.inject(on_ownerships(FaultKind::Status { status: 500 }));
    assert!(matches!(client.list_account_ownerships(false).await, Err(Error::Api { status: 500, .. })), "a 500 is not");

    sandbox.inject(on_ownerships(FaultKind::MissingList));
    match client.list_account_ownerships(false).await {
        Err(Error::Decode { endpoint, path, message }) => {
            assert_eq!((endpoint, path.as_str()), ("GET /users/me/account_ownerships", "."));
            assert_eq!(message, "missing field `account_ownerships`", "a missing list is not an empty one");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    sandbox.inject(on_ownerships(FaultKind::WrongType));
    match client.list_account_ownerships(false).await {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "account_ownerships[0].id_account");
            assert!(!message.contains("the first one"), "the value is not quoted: {message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }

    sandbox.revoke_all_tokens();
    let refused = client.list_account_ownerships(false).await.unwrap_err();
    assert!(refused.is_invalid_token(), "{refused:?}");
}

//! The client only talks to the configured Powens host: a redirect to another host is not followed (it would carry
//! the bearer token there), and a pagination `next` link to another host is refused before any request. A second
//! loopback listener plays the foreign host and counts what reaches it.

use powens_client::{Client, ClientConfig, Error, TransactionQuery};
use secrecy::SecretString;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A listener answering every request with `response`, counting the connections it accepted.
async fn serve(response: String) -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let response = response.clone();
            tokio::spawn(async move {
                let mut buffer = [0u8; 8192];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (port, hits)
}

fn http(status: &str, headers: &str, body: &str) -> String {
    format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}", body.len())
}

fn client(port: u16) -> Client {
    Client::new(&ClientConfig::new(format!("http://127.0.0.1:{port}/2.0"))).unwrap().with_token(SecretString::from("token-under-test"))
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let (foreign, foreign_hits) = serve(http("200 OK", "", r#"{"connections": []}"#)).await;
    let location = format!("location: http://localhost:{foreign}/2.0/users/me/connections\r\n");
    let (api, api_hits) = serve(http("302 Found", &location, "")).await;

    let error = client(api).list_connections().await.unwrap_err();
    assert!(api_hits.load(Ordering::SeqCst) >= 1);
    assert_eq!(foreign_hits.load(Ordering::SeqCst), 0, "nothing, and no token, reached the other host");
    assert!(matches!(error, Error::Api { status: 302, .. }), "the redirect is reported, not followed: {error}");
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_before_any_request() {
    let (foreign, foreign_hits) = serve(http("200 OK", "", r#"{"transactions": []}"#)).await;
    let page = format!(
        r#"{{"transactions": [], "first_date": null, "last_date": null, "result_min_date": null, "result_max_date": null,
            "_links": {{"next": {{"href": "http://localhost:{foreign}/2.0/users/me/transactions?cursor=abc"}}}}}}"#
    );
    let (api, _) = serve(http("200 OK", "", &page)).await;

    let mut pager = client(api).transactions(&TransactionQuery { limit: 1000, last_update: None, min_date: None, max_date: None, include_deleted: false }).unwrap();
    let error = loop {
        match pager.next_page().await {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the foreign next link was followed or ignored"),
            Err(error) => break error,
        }
    };
    assert!(matches!(&error, Error::Pagination { reason } if reason.contains("another host")), "{error}");
    assert_eq!(foreign_hits.load(Ordering::SeqCst), 0, "the other host was never contacted");
}

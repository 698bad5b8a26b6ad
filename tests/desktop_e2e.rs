//! The real desktop app, end to end: the release-shaped binary in a real WebKitGTK window under Xvfb, driven through
//! tauri-driver + WebKitWebDriver. On first start the demo household is synced; pressing Refresh syncs again; the
//! account names read back from the window must be the sandbox's truth. A screenshot lands in
//! `target/desktop-e2e-accounts.png`.
//!
//! Needs what `scripts/test` sets up: a display (`xvfb-run`), a session bus with an unlocked keyring, the app built
//! (`cargo build --workspace`) and tauri-driver in `.ci/tools/bin`.

use fantoccini::Locator;
use pfo_tests::desktop::{self, within_limit, Driver};
use pfo_tests::workspace_binary;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The desktop binary `cargo build --workspace` makes.
fn app() -> PathBuf {
    workspace_binary("pocket-family-office")
}

fn start_driver(data_dir: &Path) -> (Driver, u16) {
    start_driver_with(data_dir, &[])
}

fn start_driver_with(data_dir: &Path, env: &[(&str, &Path)]) -> (Driver, u16) {
    let mut all = vec![("PFO_DATA_DIR", data_dir)];
    all.extend_from_slice(env);
    desktop::start_driver(&all)
}

async fn session(port: u16) -> fantoccini::Client {
    desktop::session(port, &app()).await
}

#[tokio::test]
async fn refresh_in_the_real_window_shows_the_demo_household() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;

    let result = within_limit(async {
        // First start in demo mode: the household is synced without a click.
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#demo-badge")).await?;
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(".account-row:nth-of-type(1)")).await?;
        // The first-start refresh may still be finishing: wait for the button to be ready, then refresh again.
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;
        client.find(Locator::Id("refresh")).await?.click().await?;
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;
        let notice = client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("sync-result")).await?;
        let notice_text = notice.text().await?;

        let mut names = Vec::new();
        for element in client.find_all(Locator::Css(".account-row .account-name")).await? {
            names.push(element.text().await?);
        }
        let mut numbers = Vec::new();
        for element in client.find_all(Locator::Css(".account-row td.mono:not(.amount)")).await? {
            numbers.push(element.text().await?);
        }
        client
            .execute_async("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));", vec![])
            .await?;
        let png = client.screenshot().await?;
        Ok::<_, fantoccini::error::CmdError>((notice_text, names, numbers, png))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (notice, mut names, numbers, png) = result.expect("the window showed the synced accounts");
    std::fs::write(pfo_tests::workspace_root().join("target/desktop-e2e-accounts.png"), png).unwrap();

    assert!(notice.contains("Up to date"), "the refresh reports its outcome: {notice}");
    let truth = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, chrono::Utc::now().date_naive());
    let mut expected: Vec<String> =
        truth.accounts.iter().filter(|a| a.disabled.is_none()).map(|a| a.name.clone()).collect();
    names.sort();
    expected.sort();
    assert_eq!(names, expected, "the window lists exactly the demo household's active accounts");
    let raw: Vec<String> = truth.accounts.iter().flat_map(|a| [Some(a.number.clone()), a.iban.clone()]).flatten().collect();
    for shown in &numbers {
        assert!(shown.contains("••••") || shown == "—", "numbers are masked in the window: {shown}");
        assert!(!raw.iter().any(|r| shown.contains(r.as_str())), "a raw identifier reached the window");
    }
}

#[tokio::test]
async fn adding_a_bank_opens_the_powens_webview_and_brings_its_accounts_in() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;

    let result = within_limit(async {
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(".account-row")).await?;
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;
        let main = client.window().await?;
        client.find(Locator::Id("add-bank")).await?.click().await?;
        // The Powens page opens in a window of its own.
        accept_in_the_powens_window(&client, &main).await?;
        let added = client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("[data-institution='Connecteur de test'] .account-name"))
            .await?;
        added.text().await
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    assert_eq!(result.expect("the new bank's account appeared in the main window"), "Compte courant");
}

#[tokio::test]
async fn search_then_generate_and_export_the_overview_in_the_real_window() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let (_driver, port) = start_driver_with(data.path(), &[("PFO_EXPORT_DIR", exports.path())]);
    let client = session(port).await;

    let result = within_limit(async {
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(".account-row:nth-of-type(1)")).await?;
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;

        // Search the whole history: the core answers with the matching rows only.
        client.find(Locator::Css("[data-screen='transactions']")).await?.click().await?;
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#transaction-rows .transaction-row")).await?;
        client.find(Locator::Id("transaction-search")).await?.send_keys("salaire").await?;
        // The list re-reads once the typing settles; poll what the window shows until it is the search's result.
        let shown = "return [...document.querySelectorAll('#transaction-rows .transaction-label')].map((e) => e.textContent);";
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut labels: Vec<String> = Vec::new();
        while Instant::now() < deadline {
            let value = client.execute(shown, vec![]).await?;
            labels = value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
            if !labels.is_empty() && labels.iter().all(|l| l.to_lowercase().contains("salaire")) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        // Generate the overview, wait for the core's charts to be decoded, export the report.
        client.find(Locator::Css("[data-screen='overview']")).await?.click().await?;
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("generate-overview")).await?.click().await?;
        let net_worth = client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Id("overview-net-worth")).await?.text().await?;
        let charts_ready = "return [...document.querySelectorAll('img.chart')].filter((img) => img.complete && img.naturalWidth > 0).length;";
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut charts = 0;
        while Instant::now() < deadline {
            charts = client.execute(charts_ready, vec![]).await?.as_u64().unwrap_or_default();
            if charts == 4 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        client.find(Locator::Id("export-report")).await?.click().await?;
        let saved = client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("export-result")).await?.text().await?;
        let png = client.screenshot().await?;
        Ok::<_, fantoccini::error::CmdError>((labels, net_worth, charts, saved, png))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (labels, net_worth, charts, saved, png) = result.expect("the window searched, generated and exported");
    std::fs::write(pfo_tests::workspace_root().join("target/desktop-e2e-overview.png"), png).unwrap();

    assert!(!labels.is_empty() && labels.iter().all(|l| l.to_lowercase().contains("salaire")), "search results: {labels:?}");
    assert!(net_worth.contains("Net worth"), "{net_worth}");
    assert_eq!(charts, 4, "the four charts drawn by the core are shown (net worth by owner: the demo household has its family)");
    let reports: Vec<_> = std::fs::read_dir(exports.path()).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(reports.len(), 1, "one report written: {reports:?}");
    let html = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(saved.contains(&reports[0].display().to_string()), "the window says where: {saved}");
    assert!(html.starts_with("<!doctype html>") && html.matches("<svg").count() == 4, "a self-contained report with its charts (trend, cashflow, categories, and net worth by the demo family's owners)");
}

#[tokio::test]
async fn a_live_profile_opens_an_account_and_reconnects_a_bank_that_needs_strong_authentication() {
    // A live profile on a sandbox this test controls; the bank of the first connection asks for SCA.
    let sandbox = powens_sandbox::start(powens_sandbox::SandboxConfig { seed: 31, ..Default::default() }).await.unwrap();
    let data = tempfile::tempdir().unwrap();
    pfo_tests::configure_live(data.path(), &sandbox);
    let needing = sandbox.household().connections[0].clone();
    sandbox.set_connection_state(needing.id, Some("SCARequired"), None);
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;

    let result = within_limit(async {
        // Live mode does not refresh by itself on first start: one click brings the household in.
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?.click().await?;
        let notice = client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css(&format!("[data-institution='{}'] .connection-health.needsUser", needing.connector.name)))
            .await?
            .text()
            .await?;

        // An account's own page: its heading and its transactions.
        let first = client.find(Locator::Css("button.account-name")).await?;
        let name = first.text().await?;
        first.click().await?;
        let heading = client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("account-title")).await?.text().await?;
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#transaction-rows .transaction-row")).await?;
        client.find(Locator::Id("back-to-accounts")).await?.click().await?;

        // Reconnect: the Powens page in its own window, accepted, then the bank is healthy again.
        let main = client.window().await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(&format!("[data-institution='{}'] .connection-health button", needing.connector.name)))
            .await?
            .click()
            .await?;
        accept_in_the_powens_window(&client, &main).await?;
        let healthy = "return document.querySelectorAll('.connection-health.needsUser').length;";
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut remaining = 1;
        while Instant::now() < deadline {
            remaining = client.execute(healthy, vec![]).await?.as_u64().unwrap_or(1);
            if remaining == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Ok::<_, fantoccini::error::CmdError>((notice, name, heading, remaining))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (notice, name, heading, remaining) = result.expect("the window opened an account and reconnected the bank");
    assert!(notice.contains("Reconnect"), "the bank's state says what to do: {notice}");
    assert_eq!(heading, name, "the account page is the account clicked");
    assert_eq!(remaining, 0, "after Reconnect the bank no longer needs the user");
}

/// Waits for a window other than `main` (the Powens page) and accepts on it, then comes back to `main`.
async fn accept_in_the_powens_window(client: &fantoccini::Client, main: &fantoccini::wd::WindowHandle) -> Result<(), fantoccini::error::CmdError> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let webview = loop {
        if let Some(other) = client.windows().await?.into_iter().find(|h| h != main) {
            break other;
        }
        assert!(Instant::now() < deadline, "the Powens window did not open");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    client.switch_to_window(webview).await?;
    client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("accept")).await?;
    // Click from a timer: the page navigates away and the app closes its window right after, and a WebDriver click
    // that waits for that navigation could wait on a window that no longer exists.
    client.execute("setTimeout(() => document.getElementById('accept').click(), 100); return true;", vec![]).await?;
    client.switch_to_window(main.clone()).await
}

#[tokio::test]
async fn a_consent_ending_soon_is_renewed_from_the_connections_screen_through_the_banks_authentication() {
    // A live profile whose first connection's consent ends in twelve days.
    let sandbox = powens_sandbox::start(powens_sandbox::SandboxConfig { seed: 37, ..Default::default() }).await.unwrap();
    let data = tempfile::tempdir().unwrap();
    pfo_tests::configure_live(data.path(), &sandbox);
    let connection = sandbox.household().connections[0].id;
    let sandbox_now = chrono::NaiveDateTime::parse_from_str(&sandbox.now(), "%Y-%m-%d %H:%M:%S").expect("the sandbox's clock");
    sandbox.set_access_expire(connection, Some(sandbox_now + chrono::Duration::days(12)));
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;
    let card = format!("[data-connection-id='{connection}']");

    let result = within_limit(async {
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?.click().await?;
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;
        client.find(Locator::Css("[data-screen='connections']")).await?.click().await?;
        let alert = client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#connections-screen [data-alert-kind='consent.ending']")).await?.text().await?;
        let days = client.find(Locator::Css(&format!("{card} .consent-days"))).await?.text().await?;

        // Renew: the bank asks for its strong authentication, which the Powens page takes.
        let main = client.window().await?;
        client.find(Locator::Css(&format!("{card} [data-action='renew']"))).await?.click().await?;
        accept_in_the_powens_window(&client, &main).await?;
        let renewed = format!("return document.querySelector(\"{card}\")?.dataset.connectionState === 'ok' && !document.querySelector(\"{card} [data-action='renew']\") && !document.querySelector(\"[data-alert-kind='consent.ending']\");");
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut done = false;
        while Instant::now() < deadline && !done {
            done = client.execute(&renewed, vec![]).await?.as_bool().unwrap_or(false);
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Ok::<_, fantoccini::error::CmdError>((alert, days, done))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (alert, days, done) = result.expect("the window renewed the consent");
    assert!(alert.contains("12 days"), "the alert centre says when the consent ends: {alert}");
    assert!(days.contains("12"), "the connection shows its consent end: {days}");
    assert!(done, "after the bank's authentication the connection is healthy, its renew button and alert gone");
    let truth = sandbox.connection_status(connection).expect("the connection");
    assert!(truth.access_expire.is_some_and(|end| end > sandbox_now + chrono::Duration::days(170)), "the bank renewed the consent: {truth:?}");
}

/// A number as the window writes money in English (`€2,905.12`, `-€120,000.50`), exactly.
fn shown_amount(text: &str) -> rust_decimal::Decimal {
    let kept: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
    kept.parse().unwrap_or_else(|_| panic!("not an amount: {text:?}"))
}

#[tokio::test]
async fn a_view_of_one_owner_shows_their_share_of_the_accounts_they_hold_in_the_real_window() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;

    let result = within_limit(async {
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(".account-row:nth-of-type(1)")).await?;
        // The bank reports a joint account of the two spouses: accept its proposal on the Ownership screen.
        client.find(Locator::Css("[data-screen='ownership']")).await?.click().await?;
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("[data-proposal]")).await?;
        let joint = "return [...document.querySelectorAll('[data-proposal]')].find((p) => p.querySelectorAll('.shares li').length === 2)?.dataset.proposal ?? null;";
        let joint = client.execute(joint, vec![]).await?.as_str().map(str::to_string).expect("the demo's joint account is proposed");
        client.find(Locator::Css(&format!("[data-proposal='{joint}'] .actions button:first-child"))).await?.click().await?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline && client.find(Locator::Css(&format!("[data-proposal='{joint}']"))).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // The spouse's view (o2, the demo family's second owner), then the Accounts screen.
        client.find(Locator::Css("#view-selector option[value='o2']")).await?.click().await?;
        client.find(Locator::Css("[data-screen='accounts']")).await?.click().await?;
        let rows = "return [...document.querySelectorAll('.account-row')].map((r) => [r.dataset.accountId, r.querySelector('td.amount').firstChild.textContent, r.querySelector('td.amount').title]);";
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut shown: Vec<Vec<String>> = Vec::new();
        while Instant::now() < deadline {
            let value = client.execute(rows, vec![]).await?;
            shown = value.as_array().map(|rows| rows.iter().map(|r| r.as_array().map(|cells| cells.iter().map(|c| c.as_str().unwrap_or_default().to_string()).collect()).unwrap_or_default()).collect()).unwrap_or_default();
            if shown.len() == 1 && shown[0][0] == joint && !shown[0][2].is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // The view stays chosen (a refresh or a re-read of the owners does not reset it).
        tokio::time::sleep(Duration::from_secs(2)).await;
        let kept = client.execute("return document.querySelector('#view-selector select').value;", vec![]).await?;
        let still = client.execute(rows, vec![]).await?.as_array().map_or(0, Vec::len);
        let png = client.screenshot().await?;
        Ok::<_, fantoccini::error::CmdError>((joint, shown, png, kept, still))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (joint, shown, png, kept, still) = result.expect("the window switched to the spouse's view");
    assert_eq!((kept.as_str(), still), (Some("o2"), 1), "the spouse's view is still shown two seconds later");
    std::fs::write(pfo_tests::workspace_root().join("target/desktop-e2e-view.png"), png).unwrap();

    assert_eq!(shown.len(), 1, "the spouse holds the joint account only (the rest is still to assign to the principal): {shown:?}");
    assert_eq!(shown[0][0], joint);
    // Half the whole balance, which the tooltip gives: "50 % of the whole balance, €2,905.12".
    let whole = shown_amount(shown[0][2].rsplit("balance, ").next().unwrap());
    let share = shown_amount(&shown[0][1]);
    assert!((share * rust_decimal::Decimal::TWO - whole).abs() <= rust_decimal::Decimal::new(1, 2), "{share} is half of {whole}");
    assert!(whole != rust_decimal::Decimal::ZERO, "a balance to share");
}

#[tokio::test]
async fn the_app_lock_keeps_the_household_out_of_the_real_window_until_unlocked_and_the_screen_lock_locks_it_again() {
    use pfo_core::lock::{AppLock, CliUnlock, LockConfigureInput};
    let data = tempfile::tempdir().unwrap();
    let passphrase = "amber lighthouse folding seven";
    AppLock::open(data.path(), pfo_core::secrets::SecretStore::default())
        .unwrap()
        .configure(LockConfigureInput { new_passphrase: Some(passphrase.into()), on_screen_lock: true, cli_unlock: CliUnlock::Ask, ..Default::default() })
        .unwrap();
    let (_driver, port) = start_driver(data.path());
    let client = session(port).await;
    let truth = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, chrono::Utc::now().date_naive());
    let page_text = "return document.body.innerText;";

    let result = within_limit(async {
        eprintln!("step: the lock screen at start");
        // Started locked: the lock screen only, nothing of the household in the page.
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("lock-screen")).await?;
        let locked_page = client.execute(page_text, vec![]).await?;
        let field = client.find(Locator::Css("#lock-screen input")).await?;
        field.send_keys("not the passphrase").await?;
        client.find(Locator::Css("#lock-screen button[type='submit']")).await?.click().await?;
        eprintln!("step: the wrong passphrase refused");
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css("#lock-screen [data-code='lock.passphrase_wrong']")).await?;
        let field = client.find(Locator::Css("#lock-screen input")).await?;
        field.clear().await?;
        field.send_keys(passphrase).await?;
        client.find(Locator::Css("#lock-screen button[type='submit']")).await?.click().await?;
        eprintln!("step: unlocked, the accounts");
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(".account-row .account-name")).await?;
        let unlocked_rows = client.find_all(Locator::Css(".account-row")).await?.len();

        // The desktop session's screen locks: the app locks itself and the window shows the lock screen again.
        let signal = std::process::Command::new("dbus-send")
            .args(["--session", "--type=signal", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"])
            .status()
            .expect("dbus-send");
        assert!(signal.success(), "the screen-lock signal was sent");
        eprintln!("step: locked again by the screen lock");
        client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Id("lock-screen")).await?;
        let relocked_rows = client.find_all(Locator::Css(".account-row")).await?.len();
        let relocked_page = client.execute(page_text, vec![]).await?;
        Ok::<_, fantoccini::error::CmdError>((locked_page, unlocked_rows, relocked_rows, relocked_page))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    let (locked_page, unlocked_rows, relocked_rows, relocked_page) = result.expect("the lock screen opened with the passphrase and came back on the screen lock");
    assert!(unlocked_rows > 0, "unlocked, the accounts are shown");
    assert_eq!(relocked_rows, 0, "locked again, no account row is left in the page");
    for page in [locked_page, relocked_page] {
        let page = page.as_str().unwrap_or_default().to_string();
        for account in &truth.accounts {
            assert!(!page.contains(account.name.as_str()), "a locked window shows no account name");
        }
    }
}

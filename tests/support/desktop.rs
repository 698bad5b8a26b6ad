//! The real window under test: tauri-driver (in `.ci/tools/bin`, installed by scripts/test) in front of
//! WebKitWebDriver, a WebDriver session on an app binary, and a bound on every interaction. Used by the desktop
//! suite (the binary the workspace builds) and by the package test (the binary the `.deb` installs).

use fantoccini::{Client, ClientBuilder};
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills tauri-driver (and with it the app) however the test ends.
pub struct Driver {
    child: Child,
    /// The webview's own storage (WebKit keeps localStorage, such as the last screen shown, under
    /// `$XDG_DATA_HOME/<identifier>`): one per app started, so that no test starts where another left off.
    _webview_home: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Bounds a whole WebDriver interaction: a command that never answers fails the test instead of stalling CI.
pub async fn within_limit<T>(interaction: impl std::future::Future<Output = Result<T, fantoccini::error::CmdError>>) -> Result<T, String> {
    match tokio::time::timeout(Duration::from_secs(180), interaction).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err("the WebDriver interaction did not finish within 3 minutes".to_string()),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts tauri-driver with `env` added to what the app it starts will see; answers its port once it listens.
pub fn start_driver<K: AsRef<OsStr>, V: AsRef<OsStr>>(env: &[(K, V)]) -> (Driver, u16) {
    let root = crate::workspace_root();
    let driver = root.join(".ci/tools/bin/tauri-driver");
    assert!(driver.exists(), "tauri-driver is missing at {}: run scripts/test, which installs it", driver.display());
    assert!(std::env::var_os("DISPLAY").is_some(), "no DISPLAY: run the suite through scripts/test (it starts Xvfb)");
    let (port, native_port) = (free_port(), free_port());
    let log = std::fs::File::create(root.join(format!("target/tauri-driver-{port}.log"))).unwrap();
    let webview_home = tempfile::tempdir().expect("a home for the webview's storage");
    let child = Command::new(driver)
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("XDG_DATA_HOME", webview_home.path().join("data"))
        .env("XDG_CACHE_HOME", webview_home.path().join("cache"))
        .envs(env.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("start tauri-driver");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not start listening");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Driver { child, _webview_home: webview_home }, port)
}

/// A WebDriver session with the app binary `app` behind tauri-driver on `port` (the app starts with it).
pub async fn session(port: u16, app: &Path) -> Client {
    assert!(app.exists(), "{} is missing: build with `cargo build --workspace` first", app.display());
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), "wry".into());
    capabilities.insert("tauri:options".into(), serde_json::json!({ "application": app }));
    ClientBuilder::native().capabilities(capabilities).connect(&format!("http://127.0.0.1:{port}")).await.expect("WebDriver session with the app")
}

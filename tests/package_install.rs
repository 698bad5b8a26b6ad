//! The package, from install to first screen: the `.deb` that `scripts/package` built is installed with apt on this
//! machine, the installed app is started from its installed path in a real window (Xvfb, the session's fresh
//! keyring, tauri-driver) and must show the demo household's accounts; the installed `pfo` reads the same data;
//! then the package is purged and the user's data folder must be byte for byte as it was.
//!
//! Run by scripts/test after scripts/package (`cargo test -p pfo-tests --test package_install`), as root or with
//! sudo: it changes the machine's installed packages, so plain `cargo test --workspace` leaves it out.

use fantoccini::Locator;
use pfo_tests::desktop::{self, within_limit};
use pfo_tests::{files_under, workspace_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The Debian package name, from the product name.
const PACKAGE: &str = "pocket-family-office";
/// Where the package puts the window binary and the command line.
const INSTALLED_APP: &str = "/usr/bin/pocket-family-office";
const INSTALLED_CLI: &str = "/usr/bin/pfo";

/// The one `.deb` of this version under target/release/bundle/deb.
fn built_deb() -> PathBuf {
    let dir = workspace_root().join("target/release/bundle/deb");
    let version = env!("CARGO_PKG_VERSION");
    let debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} cannot be read ({e}): run scripts/package first", dir.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".deb") && n.contains(&format!("_{version}_"))))
        .collect();
    assert_eq!(debs.len(), 1, "expected one .deb of version {version} in {}: {debs:?}", dir.display());
    debs.into_iter().next().unwrap()
}

/// Runs a command as root (directly when the test is root, else through sudo), failing with its output.
fn as_root(args: &[&str]) -> String {
    let mut command = if running_as_root() { Command::new(args[0]) } else { Command::new("sudo") };
    command.args(if running_as_root() { &args[1..] } else { args });
    command.env("DEBIAN_FRONTEND", "noninteractive");
    let output = command.output().unwrap_or_else(|e| panic!("{args:?} did not start: {e}"));
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{args:?} failed ({}):\n{stdout}\n{stderr}", output.status);
    stdout.into_owned()
}

/// Whether this process runs as root, from `id -u` (no libc binding needed for one question).
fn running_as_root() -> bool {
    let output = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&output.stdout).trim() == "0"
}

/// Every file under `dir` with its bytes, to compare a folder before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir).into_iter().map(|path| { let bytes = std::fs::read(&path).unwrap(); (path, bytes) }).collect()
}

/// The folder's files once two readings two seconds apart agree (within 30 seconds).
fn settled_snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = snapshot(dir);
    loop {
        std::thread::sleep(Duration::from_secs(2));
        let now = snapshot(dir);
        if now == last || Instant::now() > deadline {
            return now;
        }
        last = now;
    }
}

#[tokio::test]
async fn the_installed_package_opens_the_demo_household_and_its_removal_keeps_the_data() {
    let deb = built_deb();
    let size = std::fs::metadata(&deb).unwrap().len();
    // apt-get installs over a package an interrupted earlier run left behind.
    as_root(&["apt-get", "install", "-y", "-qq", "--no-install-recommends", deb.to_str().unwrap()]);

    let contents = as_root(&["dpkg-query", "-L", PACKAGE]);
    for installed in [INSTALLED_APP, INSTALLED_CLI] {
        assert!(contents.lines().any(|line| line == installed), "the package installs {installed}:\n{contents}");
    }
    let desktop_entry = contents
        .lines()
        .find(|line| line.starts_with("/usr/share/applications/") && line.ends_with(".desktop"))
        .unwrap_or_else(|| panic!("the package installs a desktop entry:\n{contents}"));
    let entry = std::fs::read_to_string(desktop_entry).unwrap();
    assert!(entry.lines().any(|l| l == "Categories=Office;Finance;"), "desktop entry category:\n{entry}");
    assert!(entry.lines().any(|l| l == "Exec=pocket-family-office"), "desktop entry starts the installed app:\n{entry}");
    let depends = as_root(&["dpkg-query", "-W", "-f=${Depends}", PACKAGE]);
    for needed in ["libwebkit2gtk-4.1-0", "gnome-keyring"] {
        assert!(depends.contains(needed), "the package depends on {needed}: {depends}");
    }

    // The installed app, from its installed path, with no data folder given: it uses the OS's own (here under a
    // fresh XDG_DATA_HOME, as a new user's ~/.local/share would be).
    let user_data = tempfile::tempdir().unwrap();
    let data_dir = user_data.path().join(pfo_core::app::APP_IDENTIFIER);
    let (driver, port) = desktop::start_driver(&[("XDG_DATA_HOME", user_data.path())]);
    let started = Instant::now();
    let client = desktop::session(port, Path::new(INSTALLED_APP)).await;
    let result = within_limit(async {
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("#demo-badge")).await?;
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(".account-row .account-name")).await?;
        let first_screen = started.elapsed();
        client.wait().at_most(Duration::from_secs(60)).for_element(Locator::XPath("//button[@id='refresh' and not(@disabled)]")).await?;
        let mut names = Vec::new();
        for element in client.find_all(Locator::Css(".account-row .account-name")).await? {
            names.push(element.text().await?);
        }
        let png = client.screenshot().await?;
        Ok::<_, fantoccini::error::CmdError>((first_screen, names, png))
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    drop(driver);
    let (first_screen, mut names, png) = result.expect("the installed app showed the demo household's accounts");
    std::fs::write(workspace_root().join("target/package-install-accounts.png"), png).unwrap();

    let truth = powens_sandbox::household::generate(powens_sandbox::DEMO_SEED, chrono::Utc::now().date_naive());
    let mut expected: Vec<String> = truth.accounts.iter().filter(|a| a.disabled.is_none()).map(|a| a.name.clone()).collect();
    names.sort();
    expected.sort();
    assert_eq!(names, expected, "the installed app lists exactly the demo household's active accounts");
    println!("package {}: {:.1} MiB; installed app to the Accounts screen: {} ms", deb.display(), size as f64 / 1048576.0, first_screen.as_millis());

    // The command line installed beside it reads the same profile.
    let listed = Command::new(INSTALLED_CLI).args(["accounts", "list"]).env("XDG_DATA_HOME", user_data.path()).output().expect("run the installed pfo");
    assert!(listed.status.success(), "the installed pfo failed: {}", String::from_utf8_lossy(&listed.stderr));
    let listed = String::from_utf8_lossy(&listed.stdout);
    for name in &expected {
        assert!(listed.contains(name.as_str()), "the installed pfo lists {name}:\n{listed}");
    }

    // Removing the package keeps the user's data exactly as it was. WebKit's storage process may still be writing
    // the webview's files for a moment after the app is gone: the folder is read once it has settled.
    let before = settled_snapshot(&data_dir);
    assert!(before.keys().any(|path| path.extension().is_some_and(|e| e == "db")), "the app wrote its database under {}", data_dir.display());
    as_root(&["apt-get", "purge", "-y", "-qq", PACKAGE]);
    assert!(!Path::new(INSTALLED_APP).exists() && !Path::new(INSTALLED_CLI).exists(), "purge removes the binaries");
    assert_eq!(snapshot(&data_dir), before, "purging the package changed the user's data folder");
}

//! The first connections of a process, opened at once from several threads, can all copy a database with
//! `sqlcipher_export()`. Its own test binary, so that these really are the process's first connections: SQLite marks
//! itself initialised before SQLCipher registers the function, and a connection opened in that gap never has it.

use pfo_core::secrets::random_key_hex;
use pfo_core::store::backup::{export_to, FileKey};
use pfo_core::store::Store;

#[test]
fn stores_opened_at_once_at_process_start_can_all_export() {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = pfo_core::secrets::SecretString::from("a passphrase for the copies".to_string());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..12)
            .map(|n| {
                let (dir, passphrase) = (dir.path(), &passphrase);
                scope.spawn(move || {
                    let store = Store::open(&dir.join(format!("store-{n}.db")), &random_key_hex().unwrap()).unwrap();
                    let copy = dir.join(format!("copy-{n}.db"));
                    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
                    let passphrase = passphrase.clone();
                    runtime.block_on(store.call(move |conn| export_to(conn, "main", &copy, FileKey::Passphrase(&passphrase))))
                })
            })
            .collect();
        for (n, worker) in workers.into_iter().enumerate() {
            worker.join().unwrap().unwrap_or_else(|e| panic!("store {n} could not export: {e}"));
        }
    });
}

//! OS file locks that coordinate the processes sharing a data folder (the desktop app, `pfo` commands, cron).
//!
//! Two locks per profile directory, both advisory `flock`-style locks the OS drops when a process dies, so a crash
//! never leaves a stale lock behind:
//! - `profile.lock`, held while a profile, its keyring key and its database are created or opened and migrated:
//!   without it, processes starting together each generated a key and a profile id, and the last rename won, leaving
//!   a database no key opened (`store.key_wrong`);
//! - `refresh.lock`, held for the whole of a refresh: one refresh at a time across processes, and a start knows that
//!   a run still marked running belongs to a live process when another process holds it;
//! - `in-use.lock`, held *shared* by every process that has the profile open (the window for as long as it runs, a
//!   `pfo` command for its duration), and exclusively by a restore: a restore never replaces the database under a
//!   window that is merely idle, and a process never opens a profile halfway through a restore.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock held while a profile is created or opened.
pub const PROFILE_LOCK: &str = "profile.lock";
/// The lock held for the whole of a refresh.
pub const REFRESH_LOCK: &str = "refresh.lock";
/// The lock every process holds shared while it has the profile open; a restore holds it exclusively.
pub const IN_USE_LOCK: &str = "in-use.lock";

/// An exclusive lock on a file; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    fn open(path: &Path) -> Result<File> {
        match OpenOptions::new().create(true).truncate(false).write(true).open(path) {
            Ok(file) => Ok(file),
            // A read-only folder: an existing lock file still locks when opened for reading (the store then says
            // plainly that the folder is read-only); without one, say so here.
            Err(e) if matches!(e.kind(), std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied) => {
                File::open(path).map_err(|_| Error::StorageReadOnly { operation: "opening the profile's lock file" })
            }
            Err(source) => Err(Error::Io { action: "open the lock file", path: path.to_path_buf(), source }),
        }
    }

    /// Waits for the exclusive lock on `path` (created if missing).
    pub fn exclusive(path: &Path) -> Result<Self> {
        let file = Self::open(path)?;
        file.lock().map_err(|source| Error::Io { action: "lock", path: path.to_path_buf(), source })?;
        Ok(Self { file, path: path.to_path_buf() })
    }

    /// Takes the exclusive lock on `path` if no other process holds it; `Ok(None)` when one does.
    pub fn try_exclusive(path: &Path) -> Result<Option<Self>> {
        let file = Self::open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { file, path: path.to_path_buf() })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(source)) => Err(Error::Io { action: "lock", path: path.to_path_buf(), source }),
        }
    }

    /// Takes the lock, polling until `patience` has passed; `Ok(None)` if another process still holds it then.
    pub fn exclusive_within(path: &Path, patience: Duration) -> Result<Option<Self>> {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(lock) = Self::try_exclusive(path)? {
                return Ok(Some(lock));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Takes a shared lock on `path`, polling until `patience` has passed; `Ok(None)` if a process still holds it
    /// exclusively then. Shared holders never exclude each other.
    pub fn shared_within(path: &Path, patience: Duration) -> Result<Option<Self>> {
        let file = Self::open(path)?;
        let deadline = Instant::now() + patience;
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(Some(Self { file, path: path.to_path_buf() })),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(source)) => return Err(Error::Io { action: "lock", path: path.to_path_buf(), source }),
            }
        }
    }

    /// The locked file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes the release immediate and explicit.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_refuses_a_second_holder_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REFRESH_LOCK);
        let first = FileLock::try_exclusive(&path).unwrap().expect("a free lock is taken");
        assert!(FileLock::try_exclusive(&path).unwrap().is_none(), "a second open file description is refused");
        assert!(FileLock::exclusive_within(&path, Duration::from_millis(250)).unwrap().is_none());
        drop(first);
        assert!(FileLock::try_exclusive(&path).unwrap().is_some(), "free again once dropped");
    }

    #[test]
    fn shared_holders_coexist_and_keep_an_exclusive_one_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(IN_USE_LOCK);
        let window = FileLock::shared_within(&path, Duration::ZERO).unwrap().expect("a free lock is taken shared");
        let command = FileLock::shared_within(&path, Duration::ZERO).unwrap().expect("a second reader is let in");
        assert!(FileLock::try_exclusive(&path).unwrap().is_none(), "a restore is kept out while any process uses the profile");
        drop((window, command));
        let restore = FileLock::try_exclusive(&path).unwrap().expect("free once every user is gone");
        assert!(FileLock::shared_within(&path, Duration::from_millis(250)).unwrap().is_none(), "no one opens the profile mid-restore");
        drop(restore);
    }
}

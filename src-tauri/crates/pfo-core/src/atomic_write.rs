//! The one way the app writes its own small files (`config.toml`, `tenant.toml`, `profile.json`): the bytes go to a
//! temporary sibling, are flushed to disk, read back and checked by the same code that loads the file at start, and
//! only then renamed over the old file. A file the app could not load again is never put in place, so a bad value
//! cannot brick the next start, and a crash mid-write leaves either the old file or the new one, never half of one.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` if `check` accepts them as read back from disk.
///
/// `check` gets the text read back from the temporary file; it should run the file's own loader (parse and
/// validate) and name `path` in its errors. When it refuses, the temporary file is removed and `path` is untouched.
pub fn write_verified(path: &Path, bytes: &[u8], check: impl FnOnce(&str) -> Result<()>) -> Result<()> {
    let temporary = temporary_sibling(path);
    let outcome = write_and_check(&temporary, bytes, check).and_then(|()| {
        std::fs::rename(&temporary, path).map_err(|source| Error::Io { action: "replace", path: path.to_path_buf(), source })
    });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
        return outcome;
    }
    sync_parent(path)
}

fn write_and_check(temporary: &Path, bytes: &[u8], check: impl FnOnce(&str) -> Result<()>) -> Result<()> {
    let io = |action: &'static str| move |source| Error::Io { action, path: temporary.to_path_buf(), source };
    let mut file = std::fs::File::create(temporary).map_err(io("create"))?;
    file.write_all(bytes).map_err(io("write"))?;
    // On disk before it can replace anything: a rename of unflushed data can survive a power cut as an empty file.
    file.sync_all().map_err(io("flush"))?;
    drop(file);
    let text = std::fs::read_to_string(temporary).map_err(io("read back"))?;
    check(&text)
}

/// `.config.toml.tmp` beside `config.toml`: same directory (so the rename is atomic), hidden, one per file.
fn temporary_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// Makes the rename itself durable.
fn sync_parent(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        let dir = std::fs::File::open(parent).map_err(|source| Error::Io { action: "open", path: parent.to_path_buf(), source })?;
        dir.sync_all().map_err(|source| Error::Io { action: "flush", path: parent.to_path_buf(), source })?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accepted_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.toml");
        std::fs::write(&path, "old").unwrap();
        let mut seen = String::new();
        write_verified(&path, b"new", |text| {
            seen = text.to_string();
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, "new", "the check reads what reached the disk");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_refused_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.toml");
        std::fs::write(&path, "old").unwrap();
        let error = write_verified(&path, b"broken", |_| Err(Error::Config { path: path.clone(), reason: "does not load".into() })).unwrap_err();
        assert_eq!(error.code(), "config.invalid");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file was removed");
    }
}

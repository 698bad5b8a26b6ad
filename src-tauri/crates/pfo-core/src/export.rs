//! Files the household asks for: the transactions of a filter as CSV, and the advisor report. One way to write
//! them: never over an existing file, never half a file (written beside the target, then linked into place).

use crate::app::App;
use crate::contracts::transactions::{self, TransactionsListInput};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Rows fetched per page while exporting: the list's largest page.
const PAGE: u32 = 500;

/// A file written for the household.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavedFile {
    /// Where it is.
    pub path: String,
    /// Rows written (transactions for CSV, zero for reports).
    pub rows: u64,
    /// Its size.
    pub bytes: u64,
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { action, path, source }
}

/// Writes `bytes` to `path`, which must not exist yet. Written beside it first, then put into place without ever
/// replacing an existing file: a failed write (a full disk) leaves nothing behind.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new_file_with(path, bytes, |from, to| std::fs::hard_link(from, to))
}

/// [`write_new_file`] with the hard-link step given, so that a filesystem without hard links can be tested.
///
/// A hard link is the one step that both refuses an existing target and never shows half a file. Filesystems
/// without hard links (exFAT and FAT USB sticks answer `EPERM`) get the next best: the target is claimed with an
/// exclusive create (which refuses an existing file on every filesystem), then the finished file is renamed over that
/// claim; if anything fails, the claim is removed.
fn write_new_file_with(path: &Path, bytes: &[u8], link: impl Fn(&Path, &Path) -> std::io::Result<()>) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let written = std::fs::write(&partial, bytes).map_err(io("writing the file", &partial)).and_then(|()| match link(&partial, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(io("putting the file in place (it must not exist yet)", path)(e)),
        Err(no_hard_links) => {
            tracing::debug!(error = %no_hard_links, "no hard links on this filesystem; claiming the name, then renaming");
            claim_then_rename(&partial, path)
        }
    });
    let _ = std::fs::remove_file(&partial);
    written
}

fn claim_then_rename(partial: &Path, path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io("putting the file in place (it must not exist yet)", path))?;
    std::fs::rename(partial, path).map_err(|e| {
        let _ = std::fs::remove_file(path);
        io("putting the file in place", path)(e)
    })
}

/// `dir/stem.ext`, or `dir/stem (2).ext`, `(3)`… when taken.
pub fn free_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{stem} ({n}).{extension}"))).find(|p| !p.exists()).expect("a free name")
}

/// One CSV field: quoted when it holds a separator, a quote or a line break; a leading `=`, `+`, `-` or `@` in text
/// is prefixed with `'` so that a spreadsheet does not run it as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '@', '-']) && text.parse::<f64>().is_err() { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The transactions matching `input` (every page of it), as CSV text, with the number of rows.
pub async fn transactions_csv(app: &App, mut input: TransactionsListInput) -> Result<(String, u64)> {
    let accounts = crate::contracts::accounts::list(app, crate::contracts::accounts::AccountsListInput { include_inactive: true, ..Default::default() }).await?.accounts;
    let names: HashMap<crate::domain::AccountId, String> = accounts
        .iter()
        .map(|a| {
            let masked = a.number.as_ref().or(a.iban.as_ref()).map(|n| format!(" ({})", n.masked())).unwrap_or_default();
            (a.id.clone(), format!("{}{masked}", a.name))
        })
        .collect();
    let mut csv = String::from("date,value_date,account,label,category,parent_category,amount,currency,status\n");
    let mut rows = 0u64;
    input.limit = Some(PAGE);
    input.include_totals = false;
    input.cursor = None;
    loop {
        let page = transactions::list(app, input.clone()).await?;
        for t in &page.transactions {
            let line = [
                t.booking_date.to_string(),
                t.value_date.map(|d| d.to_string()).unwrap_or_default(),
                names.get(&t.account_id).cloned().unwrap_or_else(|| t.account_id.to_string()),
                t.label.clone(),
                t.category.clone().unwrap_or_default(),
                t.category_parent.clone().unwrap_or_default(),
                t.amount.to_string(),
                t.currency.to_string(),
                t.status.to_string(),
            ];
            csv.push_str(&line.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
            csv.push('\n');
            rows += 1;
        }
        match page.next_cursor {
            Some(cursor) => input.cursor = Some(cursor),
            None => break,
        }
    }
    Ok((csv, rows))
}

/// Where exports go when the household names no file: `PFO_EXPORT_DIR` when set, else the user's Downloads folder
/// (the OS convention), else the data folder's `exports`.
pub fn default_dir(app: &App) -> PathBuf {
    if let Some(dir) = std::env::var_os("PFO_EXPORT_DIR").filter(|d| !d.is_empty()) {
        return dir.into();
    }
    dirs::download_dir().filter(|d| d.is_dir()).unwrap_or_else(|| app.data_dir().join("exports"))
}

/// Writes a file the household asked for: to `output` when given (refused if it exists), else into
/// [`default_dir`] under a free name `stem.extension`. `rows` is reported back as is.
pub fn save(app: &App, output: Option<PathBuf>, stem: &str, extension: &str, bytes: &[u8], rows: u64) -> Result<SavedFile> {
    let path = match output {
        Some(path) if path.exists() => return Err(Error::FileExists { path }),
        Some(path) => path,
        None => free_path_in_default_dir(app, stem, extension)?,
    };
    write_new_file(&path, bytes)?;
    Ok(SavedFile { path: path.display().to_string(), rows, bytes: bytes.len() as u64 })
}

/// A free name `stem.extension` in [`default_dir`], the folder created if needed.
pub fn free_path_in_default_dir(app: &App, stem: &str, extension: &str) -> Result<PathBuf> {
    let dir = default_dir(app);
    std::fs::create_dir_all(&dir).map_err(io("creating the export folder", &dir))?;
    Ok(free_path(&dir, stem, extension))
}

/// The file name stem of an export made now: `what-YYYY-MM-DD`.
pub fn dated_stem(app: &App, what: &str) -> String {
    format!("{what}-{}", app.clock().now().format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {

    #[test]
    fn without_hard_links_a_new_file_is_still_written_whole_and_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let no_links = |_: &Path, _: &Path| Err(std::io::Error::from_raw_os_error(1)); // EPERM, as exFAT and vfat answer
        let path = dir.path().join("export.csv");
        write_new_file_with(&path, b"a,b\n", no_links).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
        let error = write_new_file_with(&path, b"other", no_links).unwrap_err();
        assert_eq!(error.code(), "io.failed");
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n", "the existing file is untouched");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no partial file is left behind: {names:?}");
    }
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Carrefour"), "Carrefour");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-12.50"), "-12.50", "numbers stay numbers");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn a_new_file_never_replaces_one_and_names_are_found_free() {
        let dir = tempfile::tempdir().unwrap();
        let path = free_path(dir.path(), "report", "md");
        write_new_file(&path, b"first").unwrap();
        assert!(write_new_file(&path, b"second").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(free_path(dir.path(), "report", "md"), dir.path().join("report (2).md"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no partial file left behind");
    }
}

//! The `knowledge_documents` table: the documents of the knowledge spaces, with the space's retention applied on
//! every write and at start (the rules: [`crate::knowledge`]).

use crate::domain::Timestamp;
use crate::error::{Error, Result};
use crate::knowledge::{retention, AutomationWrite, DocumentSummary, NewDocument, StoredDocument, FINANCIAL_OVERVIEW};
use chrono::{DateTime, Utc};
use rusqlite::{named_params, Connection, OptionalExtension};

const SUMMARY_COLUMNS: &str = "revision, kind, title, period_start, period_end, created_at";

fn parse_time(text: &str) -> Result<Timestamp> {
    Timestamp::parse(text)
        .ok_or_else(|| Error::Unreadable { what: "the creation time of a kept overview".into(), fix: "generate a new overview; the unreadable one is purged with the space's retention" })
}

/// Purges expired documents, then stores `document` as the space's next revision. Returns its summary.
pub fn write(connection: &mut Connection, _access: AutomationWrite, now: DateTime<Utc>, document: &NewDocument) -> Result<DocumentSummary> {
    crate::store::with_tx(connection, |tx| {
        purge_expired(tx, now)?;
        let revision: u32 = tx
            .query_row("SELECT coalesce(max(revision), 0) + 1 FROM knowledge_documents WHERE space = :space", named_params! { ":space": FINANCIAL_OVERVIEW }, |row| row.get(0))
            .map_err(Error::storage("numbering a knowledge document"))?;
        tx.execute(
            "INSERT INTO knowledge_documents (space, kind, revision, schema_version, title, period_start, period_end, created_at, body_json, body_markdown)
             VALUES (:space, :kind, :revision, :schema, :title, :start, :end, :created, :json, :markdown)",
            named_params! {
                ":space": FINANCIAL_OVERVIEW, ":kind": document.kind, ":revision": revision, ":schema": document.schema_version,
                ":title": document.title, ":start": document.period_start, ":end": document.period_end, ":created": Timestamp::from(now),
                ":json": document.body_json, ":markdown": document.body_markdown,
            },
        )
        .map_err(Error::storage("storing a knowledge document"))?;
        Ok(DocumentSummary {
            revision,
            kind: document.kind.to_string(),
            title: document.title.clone(),
            period_start: document.period_start.clone(),
            period_end: document.period_end.clone(),
            created_at: Timestamp::from(now),
            expires_at: Timestamp::from(now + retention()),
        })
    })
}

/// Deletes every document whose age has reached the retention period; returns how many went.
pub fn purge_expired(connection: &Connection, now: DateTime<Utc>) -> Result<usize> {
    // Times are stored as RFC 3339 UTC with seconds, so text order is time order.
    let cutoff = Timestamp::from(now - retention());
    let purged = connection
        .execute(
            "DELETE FROM knowledge_documents WHERE space = :space AND created_at <= :cutoff",
            named_params! { ":space": FINANCIAL_OVERVIEW, ":cutoff": cutoff },
        )
        .map_err(Error::storage("purging expired knowledge documents"))?;
    if purged > 0 {
        tracing::info!(purged, space = FINANCIAL_OVERVIEW, "expired knowledge documents purged");
    }
    Ok(purged)
}

fn summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<(u32, String, String, String, String, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

fn to_summary((revision, kind, title, period_start, period_end, created_at): (u32, String, String, String, String, String)) -> Result<DocumentSummary> {
    let created_at = parse_time(&created_at)?;
    let expires_at = Timestamp::from(created_at.datetime() + retention());
    Ok(DocumentSummary { revision, kind, title, period_start, period_end, created_at, expires_at })
}

/// The space's documents, newest first.
pub fn list(connection: &Connection) -> Result<Vec<DocumentSummary>> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM knowledge_documents WHERE space = :space ORDER BY revision DESC");
    let mut statement = connection.prepare_cached(&sql).map_err(Error::storage("preparing the knowledge list"))?;
    let rows = statement
        .query_map(named_params! { ":space": FINANCIAL_OVERVIEW }, summary)
        .map_err(Error::storage("listing knowledge documents"))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::storage("reading knowledge documents"))?;
    rows.into_iter().map(to_summary).collect()
}

/// One document by revision, or the latest when `revision` is `None`.
pub fn get(connection: &Connection, revision: Option<u32>) -> Result<Option<StoredDocument>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, schema_version, body_json, body_markdown FROM knowledge_documents
         WHERE space = :space AND (:revision IS NULL OR revision = :revision) ORDER BY revision DESC LIMIT 1"
    );
    let found = connection
        .query_row(&sql, named_params! { ":space": FINANCIAL_OVERVIEW, ":revision": revision }, |row| {
            Ok((summary(row)?, row.get::<_, u32>(6)?, row.get::<_, String>(7)?, row.get::<_, String>(8)?))
        })
        .optional()
        .map_err(Error::storage("reading a knowledge document"))?;
    found
        .map(|(summary, schema_version, body_json, body_markdown)| Ok(StoredDocument { summary: to_summary(summary)?, schema_version, body_json, body_markdown }))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{AutomationWrite, NewDocument};

    fn database() -> Connection {
        let mut connection = Connection::open_in_memory().unwrap();
        crate::store::migrations::migrate(&mut connection, None).unwrap();
        connection
    }

    fn document(title: &str) -> NewDocument {
        NewDocument {
            kind: "overview",
            schema_version: 1,
            title: title.into(),
            period_start: "2026-01-01".into(),
            period_end: "2026-06-30".into(),
            body_json: "{}".into(),
            body_markdown: "# Overview".into(),
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        parse_time(text).unwrap().datetime()
    }

    #[test]
    fn documents_are_numbered_and_listed_newest_first() {
        let mut connection = database();
        let first = write(&mut connection, AutomationWrite::for_workflow(), at("2026-07-01T08:00:00Z"), &document("first")).unwrap();
        let second = write(&mut connection, AutomationWrite::for_workflow(), at("2026-07-02T08:00:00Z"), &document("second")).unwrap();
        assert_eq!((first.revision, second.revision), (1, 2));
        assert_eq!(second.expires_at, "2026-12-29T08:00:00Z", "180 days later");
        let listed = list(&connection).unwrap();
        assert_eq!(listed.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(), ["second", "first"]);
        assert_eq!(get(&connection, None).unwrap().unwrap().summary.title, "second");
        assert_eq!(get(&connection, Some(1)).unwrap().unwrap().summary.title, "first");
        assert!(get(&connection, Some(9)).unwrap().is_none());
    }

    #[test]
    fn retention_purges_at_180_days_and_not_before() {
        let mut connection = database();
        write(&mut connection, AutomationWrite::for_workflow(), at("2026-01-01T00:00:00Z"), &document("old")).unwrap();
        assert_eq!(purge_expired(&connection, at("2026-06-29T23:59:59Z")).unwrap(), 0, "179 days, 23:59:59 old: kept");
        assert_eq!(list(&connection).unwrap().len(), 1);
        assert_eq!(purge_expired(&connection, at("2026-06-30T00:00:00Z")).unwrap(), 1, "180 days old: purged");
        assert!(list(&connection).unwrap().is_empty());
    }

    #[test]
    fn every_write_purges_expired_documents_first() {
        let mut connection = database();
        write(&mut connection, AutomationWrite::for_workflow(), at("2026-01-01T00:00:00Z"), &document("old")).unwrap();
        write(&mut connection, AutomationWrite::for_workflow(), at("2026-03-01T00:00:00Z"), &document("recent")).unwrap();
        let newest = write(&mut connection, AutomationWrite::for_workflow(), at("2026-07-15T00:00:00Z"), &document("new")).unwrap();
        let titles: Vec<_> = list(&connection).unwrap().into_iter().map(|d| d.title).collect();
        assert_eq!(titles, ["new", "recent"]);
        assert_eq!(newest.revision, 3, "revisions keep counting after a purge");
    }
}

//! Tests of `transactions`.
use super::*;

/// 5,000 rows on one account: every other label holds "carrefour" (frequent), every 600th "boulangerie" (rare).
fn searchable_store() -> Connection {
    let mut connection = Connection::open_in_memory().unwrap();
    super::super::migrations::migrate(&mut connection, None).unwrap();
    connection
        .execute_batch(
            "INSERT INTO accounts (provider, external_id, connection_external_id, institution, name, account_type, currency, status, last_synced_at)
             VALUES ('powens', '1', '1', 'Banque', 'Compte', 'checking', 'EUR', 'active', '2026-01-01T00:00:00Z');",
        )
        .unwrap();
    let tx = connection.transaction().unwrap();
    for i in 0..5_000i64 {
        let label = if i % 600 == 0 { "CB BOULANGERIE" } else if i % 2 == 0 { "CB CARREFOUR MARKET" } else { "PRLV EDF" };
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new((i * 7 % 2_000) as u64);
        tx.execute(
            "INSERT INTO transactions (account_id, external_id, booked_on, amount, amount_e4, currency, label, status, last_synced_at)
             VALUES (1, ?1, ?2, '-1', -10000, 'EUR', ?3, 'booked', '2026-01-01T00:00:00Z')",
            rusqlite::params![i.to_string(), day.to_string(), label],
        )
        .unwrap();
    }
    tx.commit().unwrap();
    connection
}

fn listing(text: &str, sort: Sort, after: Option<(Value, i64)>) -> Listing {
    Listing {
        accounts: vec![],
        date_from: None,
        date_to: None,
        amount_min_e4: None,
        amount_max_e4: None,
        fts_query: fts_query(text),
        category: None,
        statuses: vec![],
        sort,
        limit: 100,
        after,
    }
}

#[test]
fn frequent_and_rare_searches_return_exactly_the_matching_rows_in_order() {
    let connection = searchable_store();
    assert!(every_word_frequent(&connection, &fts_query("carrefour").unwrap()).unwrap());
    assert!(!every_word_frequent(&connection, &fts_query("boulangerie").unwrap()).unwrap());
    assert!(!every_word_frequent(&connection, &fts_query("carrefour boulangerie").unwrap()).unwrap(), "one rare word decides");
    for (text, like) in [("carrefour", "%CARREFOUR%"), ("boulang", "%BOULANGERIE%"), ("market carref", "%CARREFOUR MARKET%")] {
        for sort in [Sort::DateDesc, Sort::DateAsc] {
            let direction = if sort == Sort::DateDesc { "DESC" } else { "ASC" };
            let expected: Vec<i64> = connection
                .prepare(&format!("SELECT id FROM transactions WHERE label LIKE ?1 ORDER BY booked_on {direction}, id {direction}"))
                .unwrap()
                .query_map([like], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let mut got = Vec::new();
            let mut after = None;
            loop {
                let page = list(&connection, &listing(text, sort, after)).unwrap();
                got.extend(page.rows.iter().map(|r| r.id.clone()));
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            let expected: Vec<String> = expected.iter().map(|id| format!("powens:{}", id - 1)).collect();
            assert_eq!(got, expected, "{text} {direction}");
        }
    }
}

fn months(connection: &Connection) -> Vec<(i64, String, String, i64, i64, i64)> {
    connection
        .prepare("SELECT account_id, month, parent, inflow_e4, outflow_e4, rows FROM transaction_months WHERE rows != 0 ORDER BY 1, 2, 3")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_monthly_aggregate_follows_every_change_and_equals_a_rebuild() {
    let mut connection = searchable_store();
    connection
        .execute_batch(
            "UPDATE transactions SET status = 'pending' WHERE id % 7 = 0;
             UPDATE transactions SET status = 'booked' WHERE id % 14 = 0;
             UPDATE transactions SET status = 'deleted' WHERE id % 11 = 0;
             UPDATE transactions SET category_parent = 'food', amount_e4 = amount_e4 * 3 WHERE id % 5 = 0;
             UPDATE transactions SET booked_on = '2019-12-31' WHERE id % 13 = 0;
             DELETE FROM transactions WHERE id % 17 = 0;",
        )
        .unwrap();
    let kept = months(&connection);
    assert!(kept.len() > 20 && kept.iter().any(|m| m.2 == "food") && kept.iter().any(|m| m.1 == "2019-12"));
    let tx = connection.transaction().unwrap();
    rebuild_months(&tx).unwrap();
    tx.commit().unwrap();
    assert_eq!(kept, months(&connection), "triggers kept exactly what a rebuild computes");
    // A deferred load leaves it to the rebuild at the end.
    defer_fts(&connection).unwrap();
    connection.execute_batch("DELETE FROM transactions WHERE id % 3 = 0;").unwrap();
    assert_eq!(kept, months(&connection), "not maintained while deferred");
    assert!(repair_fts(&mut connection).unwrap());
    let after: i64 = connection.query_row("SELECT sum(rows) FROM transaction_months", [], |r| r.get(0)).unwrap();
    let booked: i64 = connection.query_row("SELECT count(*) FROM transactions WHERE status = 'booked'", [], |r| r.get(0)).unwrap();
    assert_eq!(after, booked);
}

#[test]
fn the_effective_category_is_the_parent_else_the_category_else_uncategorized_and_the_aggregate_uses_it() {
    let connection = searchable_store();
    connection
        .execute_batch(
            "UPDATE transactions SET category = NULL, category_parent = NULL WHERE id % 4 = 0;
             UPDATE transactions SET category = 'groceries', category_parent = NULL WHERE id % 4 = 1;
             UPDATE transactions SET category = 'rent', category_parent = 'housing' WHERE id % 4 = 2;",
        )
        .unwrap();
    let effective = |id_mod: i64| -> Vec<String> {
        let mut statement = connection.prepare("SELECT DISTINCT effective_category FROM transactions WHERE id % 4 = ?1").unwrap();
        statement.query_map([id_mod], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(effective(0), ["uncategorized"]);
    assert_eq!(effective(1), ["groceries"]);
    assert_eq!(effective(2), ["housing"]);
    let parents: Vec<String> = months(&connection).into_iter().map(|m| m.2).collect();
    for code in ["uncategorized", "groceries", "housing"] {
        assert!(parents.iter().any(|p| p == code), "the monthly aggregate files under the effective category: {code}");
    }
    assert!(!parents.iter().any(|p| p == "rent"), "a child category with a parent is filed under its parent");
}

#[test]
fn query_words_are_read_back_from_fts_queries() {
    assert_eq!(query_words(&fts_query("Carrefour market").unwrap()), Some(vec!["carrefour".to_string(), "market".to_string()]));
    assert_eq!(query_words(&fts_query("a\"b").unwrap()), Some(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(query_words(&fts_query("Électricité").unwrap()), None, "non-ASCII words skip the frequency shortcut");
}

#[test]
fn fts_queries_neutralise_operators() {
    assert_eq!(fts_query("carrefour market").unwrap(), "\"carrefour\"* AND \"market\"*");
    assert_eq!(fts_query("a\" OR label:x NEAR(").unwrap(), "\"a\"* AND \"OR\"* AND \"label\"* AND \"x\"* AND \"NEAR\"*");
    assert!(fts_query("  ** \"\" ").is_none());
    assert_eq!(fts_query("Électricité").unwrap(), "\"Électricité\"*");
}

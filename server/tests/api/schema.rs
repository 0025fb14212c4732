//! The SQLite and PostgreSQL migrations must build the same database.

use crate::support::TestDb;
use server::storage::schema::describe;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_engines_have_the_same_schema() -> anyhow::Result<()> {
    let sqlite = TestDb::sqlite().await?;
    let Some(postgres) = TestDb::postgres().await? else {
        return Ok(());
    };
    let left = describe(&sqlite.db).await?;
    let right = describe(&postgres.db).await?;
    assert!(!left.is_empty(), "the SQLite schema is empty");
    // The description sees what it must: keys of every kind.
    let reviews = &left["reviews"];
    assert!(
        reviews
            .columns
            .iter()
            .any(|c| c.name == "id" && c.primary_key)
    );
    assert!(
        reviews
            .foreign_keys
            .contains(&("child_id".into(), "children".into(), "id".into()))
    );
    assert_eq!(reviews.unique, ["child_id,sequence"]);
    let left_names: Vec<_> = left.keys().collect();
    let right_names: Vec<_> = right.keys().collect();
    assert_eq!(
        left_names, right_names,
        "the two engines have different tables"
    );
    for (name, table) in &left {
        let other = &right[name];
        assert_eq!(
            table.columns, other.columns,
            "columns of {name} differ (SQLite left, PostgreSQL right)"
        );
        assert_eq!(
            table.foreign_keys, other.foreign_keys,
            "foreign keys of {name} differ"
        );
    }
    Ok(())
}

#[tokio::test]
async fn migrations_are_paired_by_name() -> anyhow::Result<()> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations");
    let names = |dir: &str| -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(format!("{root}/{dir}"))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    assert_eq!(names("sqlite")?, names("postgres")?);
    Ok(())
}

#[tokio::test]
async fn sqlite_is_opened_for_durability_and_integrity() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    let mut conn = test.db.acquire().await?;
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await?;
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await?;
    let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await?;
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await?;
    assert_eq!(journal.to_lowercase(), "wal");
    assert_eq!(synchronous, 2, "synchronous = FULL");
    assert_eq!(foreign_keys, 1);
    assert!(busy >= 1000);
    Ok(())
}

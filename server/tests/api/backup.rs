//! Backups: a copy taken during a stream of writes holds every write
//! acknowledged before it began; it restores only into an empty
//! database; `mysay check` reports the schema version, integrity and
//! counts, and fails on a damaged file; PostgreSQL is pointed to pg_dump.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicBool, Ordering},
};

use crate::support::{TestDb, mysay_binary};
use server::storage::{
    Db,
    backup::{self, POSTGRES_ADVICE},
};

fn mysay(url: &str, args: &[&str]) -> anyhow::Result<std::process::Output> {
    Ok(std::process::Command::new(mysay_binary())
        .args(args)
        .env("MYSAY_DATABASE_URL", url)
        .env("MYSAY_LOG", "warn")
        .output()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_during_writes_holds_every_write_acknowledged_before_it() -> anyhow::Result<()> {
    let test = TestDb::sqlite().await?;
    server::demo::load_if_empty(&test.db).await?;
    // A stream of writes, each acknowledged (committed) before its id is
    // noted.
    let acknowledged: Arc<Mutex<Vec<i64>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, acknowledged, stop) = (test.db.clone(), acknowledged.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0i64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO audit_log (at, action, subject) VALUES ($1, 'backup_test', $2) RETURNING id",
                )
                .bind(n)
                .bind(format!("write:{n}"))
                .fetch_one(db.pool())
                .await?;
                if let Ok(mut list) = acknowledged.lock() {
                    list.push(id);
                }
            }
            anyhow::Ok(n)
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let before: Vec<i64> = acknowledged.lock().map(|l| l.clone()).unwrap_or_default();
    let folder = tempfile::tempdir()?;
    let file = folder.path().join("mysay-backup.db");
    backup::backup(&test.db, &file).await?;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    let written = writer.await??;
    let after = acknowledged.lock().map(|l| l.len()).unwrap_or_default();
    assert!(
        before.len() > 10 && after > before.len(),
        "writes went on around the backup: {} then {after}",
        before.len()
    );

    // Restored into a new database: every write acknowledged before the
    // backup began is there, and nothing is broken.
    let restored_url = format!(
        "sqlite://{}",
        folder.path().join("restored/mysay.db").display()
    );
    let report = backup::restore(&restored_url, &file).await?;
    assert!(report.problems.is_empty(), "{report:?}");
    assert_eq!(report.version, Some(test.db.latest_migration()));
    let restored = Db::connect(&restored_url).await?;
    let kept: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM audit_log WHERE action = 'backup_test' ORDER BY id")
            .fetch_all(restored.pool())
            .await?;
    for id in &before {
        assert!(
            kept.contains(id),
            "write {id} was acknowledged before the backup began"
        );
    }
    assert!(kept.len() as i64 <= written);
    let children: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children")
        .fetch_one(restored.pool())
        .await?;
    assert_eq!(children, 10);

    // Never into a database in use, and never over a backup.
    let refused = backup::restore(&test.url, &file).await;
    assert!(
        format!("{refused:?}").contains("is not empty"),
        "{refused:?}"
    );
    let again = backup::backup(&test.db, &file).await;
    assert!(format!("{again:?}").contains("already exists"), "{again:?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_back_up_restore_and_check() -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let url = format!("sqlite://{}", folder.path().join("mysay.db").display());
    assert!(mysay(&url, &["demo-data"])?.status.success());
    let out = mysay(&url, &["check"])?;
    let text = String::from_utf8(out.stdout)?;
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Database: SQLite")
            && text.contains("Integrity: ok")
            && text.contains("Children: "),
        "{text}"
    );
    assert!(
        !text.contains('@'),
        "no email address in the report: {text}"
    );

    let file = folder.path().join("copy.db");
    let file_name = file.display().to_string();
    let out = mysay(&url, &["backup", &file_name])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)?.contains("Integrity: ok"));

    let new_url = format!("sqlite://{}", folder.path().join("new.db").display());
    let out = mysay(&new_url, &["restore", &file_name])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = String::from_utf8(mysay(&new_url, &["check"])?.stdout)?;
    // The same counts as the original's.
    let counts = |report: &str| {
        report
            .lines()
            .filter(|l| !l.starts_with("Database"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(counts(&restored), counts(&text));

    // A damaged file is found out, and refused as a backup.
    let damaged = folder.path().join("damaged.db");
    let mut bytes = std::fs::read(&file)?;
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 4096] {
        *byte = 0x55;
    }
    std::fs::write(&damaged, bytes)?;
    let out = mysay(&format!("sqlite://{}", damaged.display()), &["check"])?;
    assert!(!out.status.success(), "a damaged database fails the check");
    let out = mysay(
        &format!("sqlite://{}", folder.path().join("other.db").display()),
        &["restore", &damaged.display().to_string()],
    )?;
    assert!(!out.status.success());

    // PostgreSQL: pointed to pg_dump, nothing done.
    let out = mysay(
        "postgres://nobody@127.0.0.1:1/none",
        &["backup", &folder.path().join("pg.db").display().to_string()],
    )?;
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)?.contains("pg_dump"));
    assert!(POSTGRES_ADVICE.contains("pg_restore"));
    Ok(())
}

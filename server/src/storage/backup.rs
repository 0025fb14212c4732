//! Backups for the IT team: a consistent copy of a SQLite database taken
//! while MySay serves (`VACUUM INTO`: one read transaction, so the copy
//! holds exactly the commits made before it began), a copy restored into
//! an empty database, and a check of any database: its schema version, its
//! integrity and how many of each record it holds. PostgreSQL has its own
//! tools for the first two (`pg_dump`, `pg_restore`), which MySay points
//! to rather than wraps.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{Backend, Db};

/// What to do on PostgreSQL instead.
pub const POSTGRES_ADVICE: &str = "on PostgreSQL, back up with pg_dump while MySay serves \
(pg_dump --format=custom --file=mysay.dump \"$DATABASE_URL\": one consistent snapshot) and \
restore into an empty database with pg_restore (pg_restore --no-owner \
--dbname=\"$DATABASE_URL\" mysay.dump), then run `mysay check`; see the README's Backups";

/// The file behind a SQLite URL (`None` for an in-memory database).
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Copies the database to `file`, which must not exist yet, while it
/// serves: every write acknowledged before the copy began is in it.
pub async fn backup(db: &Db, file: &Path) -> anyhow::Result<()> {
    if db.backend() == Backend::Postgres {
        bail!("`mysay backup` is for SQLite: {POSTGRES_ADVICE}");
    }
    if file.exists() {
        bail!(
            "{} already exists: choose a new file name, so no backup is overwritten",
            file.display()
        );
    }
    let name = file
        .to_str()
        .context("the backup file's name must be plain text (UTF-8)")?;
    sqlx::query("VACUUM INTO $1")
        .bind(name)
        .execute(db.pool())
        .await
        .with_context(|| format!("the backup to {} failed", file.display()))?;
    Ok(())
}

/// The database's tables (the migration tool's too).
async fn table_names(db: &Db) -> anyhow::Result<Vec<String>> {
    let sql = match db.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema()"
        }
    };
    Ok(sqlx::query_scalar(sql).fetch_all(db.pool()).await?)
}

/// A SQLite file opened only to read (nothing in it is changed, not even
/// its journal mode).
async fn open_read_only(file: &Path) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}?mode=ro", file.display()))
        .await
        .with_context(|| format!("cannot open {}", file.display()))?;
    Ok(Db {
        pool,
        backend: Backend::Sqlite,
        kept: super::kept::Kept::default(),
    })
}

/// Checks a SQLite file, a backup, without changing it.
pub async fn check_file(file: &Path) -> anyhow::Result<Report> {
    let db = open_read_only(file).await?;
    let report = check(&db).await;
    db.pool().close().await;
    report
}

/// Backs up the database at `url` (SQLite) to `file`; on PostgreSQL,
/// refuses at once with what to do instead.
pub async fn backup_url(url: &str, file: &Path) -> anyhow::Result<Report> {
    if Backend::from_url(url)? == Backend::Postgres {
        bail!("`mysay backup` is for SQLite: {POSTGRES_ADVICE}");
    }
    let db = Db::connect(url).await?;
    backup(&db, file).await?;
    db.pool().close().await;
    check_file(file).await
}

/// How many rows of the tables that say whether a database is in use.
async fn rows_in_use(db: &Db) -> anyhow::Result<i64> {
    let mut rows = 0;
    for table in ["accounts", "children", "audit_log"] {
        let exists = table_names(db).await?.iter().any(|t| t == table);
        if exists {
            rows += sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(db.pool())
                .await?;
        }
    }
    Ok(rows)
}

/// Restores a backup into the database at `url`, which must hold nothing
/// yet (no file, or one with no accounts, children or audit entries).
/// The backup is checked first; the database is checked after.
pub async fn restore(url: &str, file: &Path) -> anyhow::Result<Report> {
    if Backend::from_url(url)? == Backend::Postgres {
        bail!("`mysay restore` is for SQLite: {POSTGRES_ADVICE}");
    }
    let Some(target) = sqlite_file(url) else {
        bail!("restore into a database file, not one in memory");
    };
    if !file.is_file() {
        bail!("{} is not a backup file", file.display());
    }
    let checked = check_file(file).await?;
    if !checked.problems.is_empty() {
        bail!(
            "{} is not a sound backup: {}",
            file.display(),
            checked.problems.join("; ")
        );
    }
    if target.exists() {
        let existing = Db::connect(url).await?;
        let in_use = rows_in_use(&existing).await?;
        existing.pool().close().await;
        if in_use > 0 {
            bail!(
                "the database {} is not empty: restore only into a new or empty database",
                target.display()
            );
        }
        for extension in ["", "-wal", "-shm"] {
            let path = PathBuf::from(format!("{}{extension}", target.display()));
            if path.exists() {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot replace {}", path.display()))?;
            }
        }
    }
    // Copied beside the target, made durable, then put in place at once.
    if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create the data folder {}", folder.display()))?;
    }
    let partial = PathBuf::from(format!("{}.restoring", target.display()));
    std::fs::copy(file, &partial)
        .with_context(|| format!("cannot copy {} to {}", file.display(), partial.display()))?;
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, &target)?;
    let restored = Db::connect(url).await?;
    let report = check(&restored).await?;
    restored.pool().close().await;
    Ok(report)
}

/// What `mysay check` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub backend: &'static str,
    /// The newest migration applied, and the newest this MySay has.
    pub version: Option<i64>,
    pub expected: i64,
    /// Anything wrong: integrity, foreign keys, migrations. Empty: sound.
    pub problems: Vec<String>,
    /// (what, how many), in a fixed order.
    pub counts: Vec<(&'static str, i64)>,
}

impl Report {
    /// The report as the command prints it.
    pub fn text(&self) -> String {
        let mut text = format!(
            "Database: {}\nSchema version: {} (this MySay: {})\n",
            self.backend,
            self.version
                .map_or_else(|| "none".to_owned(), |v| v.to_string()),
            self.expected
        );
        if self.problems.is_empty() {
            text.push_str("Integrity: ok\n");
        } else {
            for problem in &self.problems {
                text.push_str(&format!("Problem: {problem}\n"));
            }
        }
        for (what, n) in &self.counts {
            text.push_str(&format!("{what}: {n}\n"));
        }
        text
    }
}

/// What the counts count: (label, query).
const COUNTS: [(&str, &str); 9] = [
    (
        "Staff accounts",
        "SELECT COUNT(*) FROM accounts WHERE role <> 'child'",
    ),
    ("Children", "SELECT COUNT(*) FROM children"),
    (
        "Children's accounts",
        "SELECT COUNT(*) FROM accounts WHERE role = 'child'",
    ),
    (
        "Consultations sent",
        "SELECT COUNT(*) FROM consultations WHERE status = 'submitted'",
    ),
    (
        "Requests for an advocate",
        "SELECT COUNT(*) FROM advocacy_requests",
    ),
    (
        "Letters sent",
        "SELECT COUNT(*) FROM letters WHERE sent_at IS NOT NULL",
    ),
    ("Escalations", "SELECT COUNT(*) FROM escalations"),
    ("Audit log entries", "SELECT COUNT(*) FROM audit_log"),
    (
        "Emails waiting",
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
    ),
];

/// The schema version, integrity and counts of a database.
pub async fn check(db: &Db) -> anyhow::Result<Report> {
    let expected = db.latest_migration();
    let mut problems = Vec::new();
    let tables = table_names(db).await?;
    let version: Option<i64> = if tables.iter().any(|t| t == "_sqlx_migrations") {
        let failed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE NOT success")
                .fetch_one(db.pool())
                .await?;
        if failed > 0 {
            problems.push(format!("{failed} migration(s) did not finish"));
        }
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(db.pool())
            .await?
    } else {
        None
    };
    match version {
        None => problems.push("no MySay schema: run `mysay migrate`".to_owned()),
        Some(v) if v < expected => problems.push(format!(
            "the schema ({v}) is older than this MySay ({expected}): run `mysay migrate` (or start MySay)"
        )),
        Some(v) if v > expected => problems.push(format!(
            "the schema ({v}) is newer than this MySay ({expected}): use the newer MySay"
        )),
        Some(_) => {}
    }
    if db.backend() == Backend::Sqlite {
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(db.pool())
            .await?;
        problems.extend(integrity.into_iter().filter(|line| line != "ok"));
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(db.pool())
                .await?;
        if !broken.is_empty() {
            problems.push(format!(
                "{} row(s) point at rows that are not there (in {})",
                broken.len(),
                broken
                    .iter()
                    .map(|(t,)| t.as_str())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut counts = Vec::new();
    if version.is_some() {
        for (what, sql) in COUNTS {
            counts.push((what, sqlx::query_scalar(sql).fetch_one(db.pool()).await?));
        }
    }
    Ok(Report {
        backend: db.backend().name(),
        version,
        expected,
        problems,
        counts,
    })
}

//! The database: one code path over SQLite and PostgreSQL through sqlx's
//! `Any` driver. SQL is written once, with `$1` placeholders, and only the
//! types both engines share (integers, text, floats, bytes); times are UTC
//! unix milliseconds. Each area keeps its SQL in its own module.

pub mod backup;
pub mod kept;
pub mod schema;
pub mod settings;
pub mod turns;

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    AnyPool, Executor,
    any::{AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
    pool::PoolConnection,
};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which engine a database runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("the database URL must start with sqlite: or postgres:")
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A pool of connections to MySay's database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    kept: kept::Kept,
}

impl Db {
    /// Connects, creating a SQLite file (and its folder) if needed.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let mut url = url.to_owned();
        if backend == Backend::Sqlite {
            url = prepare_sqlite_url(&url)?;
        }
        let options = AnyConnectOptions::from_str(&url).context("the database URL is not valid")?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time anyway; a few readers alongside.
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            // sqlx pings every connection on its way back into the pool.
            // A SQLite connection is a file held by a thread of its own:
            // pinging it again on the way out is one more trip to that
            // thread for every query. A PostgreSQL connection can die
            // while it waits (a restart, a firewall), so it keeps the test.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers and the writer work at once;
                        // FULL makes every commit durable before we answer.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to the {} database", backend.name()))?;
        Ok(Db {
            pool,
            backend,
            kept: kept::Kept::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Reference data this database's pool keeps in memory for a moment.
    pub fn kept(&self) -> &kept::Kept {
        &self.kept
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("the database migrations failed")?;
        Ok(())
    }

    /// The newest migration this MySay has for its engine.
    pub fn latest_migration(&self) -> i64 {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Starts a transaction that will write. On SQLite it takes the write
    /// lock at once (`BEGIN IMMEDIATE`), so two writers queue on the busy
    /// timeout instead of failing half-way with "database is locked".
    pub async fn begin_write(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub async fn acquire(&self) -> sqlx::Result<PoolConnection<sqlx::Any>> {
        self.pool.acquire().await
    }

    /// Whether the database answers, for `/healthz`.
    pub async fn is_healthy(&self) -> bool {
        let probe = sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&self.pool);
        matches!(
            tokio::time::timeout(Duration::from_secs(2), probe).await,
            Ok(Ok(1))
        )
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Makes sure a SQLite URL creates its file and that the file's folder exists.
fn prepare_sqlite_url(url: &str) -> anyhow::Result<String> {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:"
        && !path.is_empty()
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the data folder {}", parent.display()))?;
    }
    let mut url = format!("sqlite://{path}");
    if query.is_empty() {
        url.push_str("?mode=rwc");
    } else {
        url.push('?');
        url.push_str(query);
        if !query.contains("mode=") {
            url.push_str("&mode=rwc");
        }
    }
    Ok(url)
}

/// The current time as UTC unix milliseconds, the form times are stored in.
pub fn now_millis() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(now.as_millis()).unwrap_or(i64::MAX)
}

/// The UTC calendar date of a stored time, as `YYYY-MM-DD`.
pub fn iso_date(millis: i64) -> Option<String> {
    let date = time::OffsetDateTime::from_unix_timestamp(millis.div_euclid(1000))
        .ok()?
        .date();
    Some(iso_date_of(date))
}

/// A calendar date as `YYYY-MM-DD`, the form dates are stored in.
pub fn iso_date_of(date: time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_always_create_their_file() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sub/mysay.db");
        let url = prepare_sqlite_url(&format!("sqlite://{}", path.display()))?;
        assert!(url.ends_with("?mode=rwc"));
        assert!(path.parent().is_some_and(|p| p.exists()));
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:")?,
            "sqlite://:memory:?mode=rwc"
        );
        Ok(())
    }

    #[test]
    fn stored_times_become_calendar_dates() {
        assert_eq!(iso_date(0).as_deref(), Some("1970-01-01"));
        assert_eq!(iso_date(1_798_675_200_000).as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn only_known_engines_are_accepted() {
        assert_eq!(
            Backend::from_url("sqlite://x.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://localhost/x").ok(),
            Some(Backend::Postgres)
        );
        assert!(Backend::from_url("mysql://x").is_err());
    }
}

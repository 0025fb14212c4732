//! All of the themes' SQL. Only this file writes the `themes` table.

use app::themes::Theme;
use sqlx::{Any, Row, Transaction};

use crate::storage::{Db, now_millis};

type Tx = Transaction<'static, Any>;

/// Every theme: in use first, then retired, each by name.
pub async fn list(db: &Db) -> anyhow::Result<Vec<Theme>> {
    let rows = sqlx::query(
        "SELECT id, name, retired_at FROM themes \
         ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, name_key",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Theme {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                retired: row.try_get::<Option<i64>, _>("retired_at")?.is_some(),
            })
        })
        .collect()
}

/// Whether a theme other than `except` has this folded name.
pub async fn key_taken(tx: &mut Tx, key: &str, except: Option<i64>) -> anyhow::Result<bool> {
    let found: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM themes WHERE name_key = $1 AND id <> $2")
            .bind(key)
            .bind(except.unwrap_or(-1))
            .fetch_one(&mut **tx)
            .await?;
    Ok(found > 0)
}

pub async fn exists(tx: &mut Tx, id: i64) -> anyhow::Result<bool> {
    let found: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM themes WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(found > 0)
}

pub async fn add(tx: &mut Tx, name: &str, key: &str) -> anyhow::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO themes (name, name_key, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(key)
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn rename(tx: &mut Tx, id: i64, name: &str, key: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE themes SET name = $1, name_key = $2 WHERE id = $3")
        .bind(name)
        .bind(key)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Retires a theme (`true`) or offers it again (`false`).
pub async fn set_retired(tx: &mut Tx, id: i64, retired: bool) -> anyhow::Result<()> {
    sqlx::query("UPDATE themes SET retired_at = $1 WHERE id = $2")
        .bind(retired.then(now_millis))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

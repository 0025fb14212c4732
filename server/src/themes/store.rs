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

/// The answers a child sent in their latest consultation (the ones their
/// IRO reads on the summary): id and topic.
pub async fn sent_answers(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT a.id, a.topic FROM consultation_answers a \
         JOIN consultations c ON c.id = a.consultation_id \
         WHERE c.child_id = $1 AND c.submitted_at IS NOT NULL AND a.sent_at IS NOT NULL \
         AND c.review_sequence = (SELECT MAX(review_sequence) FROM consultations WHERE child_id = $1) \
         ORDER BY a.id",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("topic")?)))
        .collect()
}

/// Every tag on a child's answers: (answer, theme).
pub async fn tags_of_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT t.answer_id, t.theme_id FROM answer_themes t \
         JOIN consultation_answers a ON a.id = t.answer_id \
         JOIN consultations c ON c.id = a.consultation_id WHERE c.child_id = $1",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("answer_id")?, row.try_get("theme_id")?)))
        .collect()
}

/// One answer's themes.
pub async fn tags_of_answer(tx: &mut Tx, answer_id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT theme_id FROM answer_themes WHERE answer_id = $1")
            .bind(answer_id)
            .fetch_all(&mut **tx)
            .await?,
    )
}

/// Gives an answer a theme, by whom and now.
pub async fn add_tag(tx: &mut Tx, answer_id: i64, theme_id: i64, by: i64) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO answer_themes (answer_id, theme_id, tagged_by, tagged_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(answer_id)
    .bind(theme_id)
    .bind(by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes a theme off an answer.
pub async fn remove_tag(tx: &mut Tx, answer_id: i64, theme_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM answer_themes WHERE answer_id = $1 AND theme_id = $2")
        .bind(answer_id)
        .bind(theme_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

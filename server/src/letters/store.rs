//! All of the letters area's SQL. Only this module reads and writes the
//! `letters` and `letter_replies` tables; rows are read by column name.

use sqlx::{Any, Transaction};

use crate::storage::{Db, now_millis};

/// A letter's child and when it was sent (`None`: a draft).
pub async fn child_and_sent(db: &Db, id: i64) -> anyhow::Result<Option<(i64, Option<i64>)>> {
    Ok(
        sqlx::query_as("SELECT child_id, sent_at FROM letters WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The child's unsent draft, if one is started.
pub async fn draft_of(db: &Db, child_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM letters WHERE child_id = $1 AND sent_at IS NULL ORDER BY id DESC",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

/// A new letter, as it starts.
pub struct NewLetter<'a> {
    pub child_id: i64,
    pub review_id: Option<i64>,
    pub author_account_id: i64,
    pub body: &'a str,
    pub language: &'a str,
    pub corrects: Option<i64>,
}

pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    letter: &NewLetter<'_>,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO letters (child_id, review_id, author_account_id, body, language, \
         corrects_letter_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         RETURNING id",
    )
    .bind(letter.child_id)
    .bind(letter.review_id)
    .bind(letter.author_account_id)
    .bind(letter.body)
    .bind(letter.language)
    .bind(letter.corrects)
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

/// Saves a draft's words (a sent letter is never changed).
pub async fn save_draft(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    body: &str,
    language: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE letters SET body = $1, language = $2, updated_at = $3 \
         WHERE id = $4 AND sent_at IS NULL",
    )
    .bind(body)
    .bind(language)
    .bind(now_millis())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks a draft sent: `false` when it already was.
pub async fn mark_sent(tx: &mut Transaction<'static, Any>, id: i64) -> anyhow::Result<bool> {
    let sent = sqlx::query("UPDATE letters SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
        .bind(now_millis())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(sent.rows_affected() > 0)
}

/// The email address of the letter's child, where they gave one (read in
/// the sending transaction, or on its own).
pub async fn child_email<'e, E>(executor: E, id: i64) -> anyhow::Result<Option<String>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let address: Option<Option<String>> = sqlx::query_scalar(
        "SELECT c.email FROM letters l JOIN children c ON c.id = l.child_id WHERE l.id = $1",
    )
    .bind(id)
    .fetch_optional(executor)
    .await?;
    Ok(address.flatten())
}

#[derive(sqlx::FromRow)]
pub struct Words {
    pub body: String,
    pub language: String,
    pub review_id: Option<i64>,
}

pub async fn words(db: &Db, id: i64) -> anyhow::Result<Words> {
    Ok(
        sqlx::query_as("SELECT body, language, review_id FROM letters WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?,
    )
}

/// Whether the letter is the child's and sent.
pub async fn is_childs_sent_letter(db: &Db, id: i64, child_id: i64) -> anyhow::Result<bool> {
    let mine: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM letters WHERE id = $1 AND child_id = $2 AND sent_at IS NOT NULL",
    )
    .bind(id)
    .bind(child_id)
    .fetch_one(db.pool())
    .await?;
    Ok(mine > 0)
}

/// The email address of the child's IRO now (who may not be the one who
/// wrote the letter).
pub async fn iro_email(db: &Db, child_id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT a.email FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?
    .flatten())
}

pub struct NewReply<'a> {
    pub letter_id: i64,
    pub author_account_id: i64,
    pub kind: &'a str,
    pub body: &'a str,
    pub language: Option<&'a str>,
}

pub async fn insert_reply(
    tx: &mut Transaction<'static, Any>,
    reply: &NewReply<'_>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO letter_replies (letter_id, author_account_id, kind, body, sent_at, language) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(reply.letter_id)
    .bind(reply.author_account_id)
    .bind(reply.kind)
    .bind(reply.body)
    .bind(now_millis())
    .bind(reply.language)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn child_of_letter(tx: &mut Transaction<'static, Any>, id: i64) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT child_id FROM letters WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// The columns a letter list reads.
const SUMMARY: &str = "l.id, l.sent_at, l.first_read_at, \
     (SELECT c.sent_at FROM letters c WHERE c.id = l.corrects_letter_id) AS corrects_sent_at, \
     (SELECT COUNT(*) FROM letter_replies r WHERE r.letter_id = l.id AND r.kind <> 'answer' \
      AND NOT EXISTS (SELECT 1 FROM letter_replies a WHERE a.letter_id = l.id \
      AND a.kind = 'answer' AND a.id > r.id)) AS waiting_replies";

#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub sent_at: Option<i64>,
    pub first_read_at: Option<i64>,
    pub corrects_sent_at: Option<i64>,
    pub waiting_replies: i64,
}

/// A child's letters, newest first; `sent_only` leaves drafts out and
/// orders by when each was sent.
pub async fn summaries(db: &Db, child_id: i64, sent_only: bool) -> anyhow::Result<Vec<SummaryRow>> {
    let query = if sent_only {
        format!(
            "SELECT {SUMMARY} FROM letters l WHERE l.child_id = $1 AND l.sent_at IS NOT NULL \
             ORDER BY l.sent_at DESC"
        )
    } else {
        format!("SELECT {SUMMARY} FROM letters l WHERE l.child_id = $1 ORDER BY l.id DESC")
    };
    Ok(sqlx::query_as(&query)
        .bind(child_id)
        .fetch_all(db.pool())
        .await?)
}

/// Letters of this IRO's children with a reply not yet answered: (letter
/// id, child's name).
pub async fn waiting_replies(db: &Db, iro_account_id: i64) -> anyhow::Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT l.id, COALESCE(c.preferred_name, c.first_name) FROM letters l \
         JOIN children c ON c.id = l.child_id \
         JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
         WHERE al.iro_account_id = $1 AND EXISTS (SELECT 1 FROM letter_replies r \
           WHERE r.letter_id = l.id AND r.kind <> 'answer' AND NOT EXISTS ( \
             SELECT 1 FROM letter_replies a WHERE a.letter_id = l.id AND a.kind = 'answer' \
             AND a.id > r.id)) ORDER BY l.id",
    )
    .bind(iro_account_id)
    .fetch_all(db.pool())
    .await?)
}

/// How many letters sent to the child `c` they have not opened yet, as
/// a column for a query over `children c` (the home page reads it with
/// the rest of the child's home in one query).
pub const UNREAD_OF_CHILD: &str = "(SELECT COUNT(*) FROM letters l WHERE l.child_id = c.id \
     AND l.sent_at IS NOT NULL AND l.first_read_at IS NULL)";

/// The first opening is the read receipt; later ones change nothing.
pub async fn mark_read(db: &Db, id: i64) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE letters SET first_read_at = $1 WHERE id = $2 AND first_read_at IS NULL")
        .bind(now_millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A letter with its child and author.
#[derive(sqlx::FromRow)]
pub struct LetterRow {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub date_of_birth: String,
    pub iro_name: String,
    pub body: String,
    pub language: String,
    pub sent_at: Option<i64>,
    pub first_read_at: Option<i64>,
    pub corrects_sent_at: Option<i64>,
}

pub async fn letter(db: &Db, id: i64) -> anyhow::Result<LetterRow> {
    Ok(sqlx::query_as(
        "SELECT l.id, l.child_id, COALESCE(c.preferred_name, c.first_name) AS child_name, \
         c.date_of_birth, a.display_name AS iro_name, l.body, l.language, l.sent_at, \
         l.first_read_at, \
         (SELECT p.sent_at FROM letters p WHERE p.id = l.corrects_letter_id) AS corrects_sent_at \
         FROM letters l JOIN children c ON c.id = l.child_id \
         JOIN accounts a ON a.id = l.author_account_id WHERE l.id = $1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?)
}

/// A reply as stored, with its author.
#[derive(sqlx::FromRow)]
pub struct ReplyRow {
    pub kind: String,
    pub role: String,
    pub author: String,
    pub sent_at: i64,
    pub body: String,
    pub language: Option<String>,
}

pub async fn replies(db: &Db, id: i64) -> anyhow::Result<Vec<ReplyRow>> {
    Ok(sqlx::query_as(
        "SELECT r.kind, a.role, a.display_name AS author, r.sent_at, r.body, r.language \
         FROM letter_replies r JOIN accounts a ON a.id = r.author_account_id \
         WHERE r.letter_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

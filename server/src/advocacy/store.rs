//! All of the advocacy area's SQL. Only this module reads and writes the
//! `advocacy_requests`, `advocacy_messages` and `advocacy_notes` tables;
//! rows are read by column name into the structs below.

use sqlx::{Any, Transaction};

use super::rules::NewRequest;
use crate::storage::{Db, now_millis};

/// The child behind a child's account, as a request records them.
#[derive(sqlx::FromRow)]
pub struct ChildRow {
    pub id: i64,
    pub date_of_birth: String,
    pub ethnicity_group: String,
    pub disability: i64,
    pub uasc: i64,
}

pub async fn child_of_account(db: &Db, account_id: i64) -> anyhow::Result<Option<ChildRow>> {
    Ok(sqlx::query_as(
        "SELECT id, date_of_birth, ethnicity_group, disability, uasc FROM children WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.pool())
    .await?)
}

/// What a child's request records about them for the figures.
pub struct Profile<'a> {
    pub child_id: i64,
    pub age_band: &'a str,
    pub ethnicity_group: &'a str,
    pub disability: i64,
    pub uasc: i64,
}

pub async fn insert_request(
    tx: &mut Transaction<'static, Any>,
    profile: &Profile<'_>,
    request: &NewRequest,
) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO advocacy_requests (child_id, categories, something_else, contact_method, \
         contact_detail, good_times, interpreter_language, other_help, urgent, stage, sent_at, \
         age_band, ethnicity_group, disability, uasc, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'sent', $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(profile.child_id)
    .bind(request.categories.join(","))
    .bind(&request.something_else)
    .bind(&request.contact_method)
    .bind(&request.contact_detail)
    .bind(&request.good_times)
    .bind(&request.interpreter_language)
    .bind(&request.other_help)
    .bind(i64::from(request.urgent))
    .bind(now_millis())
    .bind(profile.age_band)
    .bind(profile.ethnicity_group)
    .bind(profile.disability)
    .bind(profile.uasc)
    .bind(request.language)
    .fetch_one(&mut **tx)
    .await?)
}

/// The email addresses of the advocacy service's caseworkers.
pub async fn caseworker_emails(tx: &mut Transaction<'static, Any>) -> anyhow::Result<Vec<String>> {
    let emails: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM accounts WHERE role = 'advocacy' AND disabled_at IS NULL",
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(emails.into_iter().flatten().collect())
}

/// The email addresses of the child's IRO (while allocated and able to
/// sign in).
pub async fn iro_emails(
    tx: &mut Transaction<'static, Any>,
    child_id: i64,
) -> anyhow::Result<Vec<String>> {
    let emails: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT a.email FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
    )
    .bind(child_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(emails.into_iter().flatten().collect())
}

/// A request's stage; with `child_id`, only when it is that child's.
pub async fn stage(db: &Db, id: i64, child_id: Option<i64>) -> anyhow::Result<Option<String>> {
    Ok(match child_id {
        Some(child_id) => {
            sqlx::query_scalar(
                "SELECT stage FROM advocacy_requests WHERE id = $1 AND child_id = $2",
            )
            .bind(id)
            .bind(child_id)
            .fetch_optional(db.pool())
            .await?
        }
        None => {
            sqlx::query_scalar("SELECT stage FROM advocacy_requests WHERE id = $1")
                .bind(id)
                .fetch_optional(db.pool())
                .await?
        }
    })
}

pub async fn insert_message(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    body: &str,
    language: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO advocacy_messages (request_id, body, sent_at, language) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(body)
    .bind(now_millis())
    .bind(language)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn withdraw(tx: &mut Transaction<'static, Any>, id: i64) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE advocacy_requests SET stage = 'closed', closed_at = $1, outcome = 'withdrew' \
         WHERE id = $2 AND stage <> 'closed'",
    )
    .bind(now_millis())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn accept(tx: &mut Transaction<'static, Any>, id: i64, now: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE advocacy_requests SET stage = 'accepted', accepted_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Allocating a request nobody accepted yet accepts it too.
pub async fn allocate(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    advocate: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE advocacy_requests SET stage = 'allocated', advocate_name = $1, \
         accepted_at = COALESCE(accepted_at, $2), allocated_at = COALESCE(allocated_at, $2) \
         WHERE id = $3",
    )
    .bind(advocate)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn insert_note(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    author_account_id: i64,
    body: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO advocacy_notes (request_id, author_account_id, body, written_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(author_account_id)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn close(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    outcome: &str,
    message: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE advocacy_requests SET stage = 'closed', closed_at = $1, outcome = $2, \
         outcome_message = $3 WHERE id = $4",
    )
    .bind(now)
    .bind(outcome)
    .bind(message)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The columns every view of a request reads.
const STATUS_COLUMNS: &str = "r.id, r.categories, r.urgent, r.stage, r.sent_at, r.advocate_name, \
     r.outcome, r.outcome_message";

/// A request as the child, their IRO and the inbox see it.
#[derive(sqlx::FromRow)]
pub struct StatusRow {
    pub id: i64,
    pub categories: String,
    pub urgent: i64,
    pub stage: String,
    pub sent_at: i64,
    pub advocate_name: Option<String>,
    pub outcome: Option<String>,
    pub outcome_message: Option<String>,
}

/// A child's requests, newest first.
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<StatusRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS} FROM advocacy_requests r WHERE r.child_id = $1 ORDER BY r.id DESC"
    ))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?)
}

/// The stage of the child `c`'s newest request not closed, as a column.
pub const OPEN_STAGE_OF_CHILD: &str = "(SELECT a.stage FROM advocacy_requests a \
     WHERE a.child_id = c.id AND a.stage <> 'closed' ORDER BY a.id DESC LIMIT 1)";

#[derive(sqlx::FromRow)]
pub struct MessageRow {
    pub sent_at: i64,
    pub body: String,
    pub language: Option<String>,
}

pub async fn messages(db: &Db, id: i64) -> anyhow::Result<Vec<MessageRow>> {
    Ok(sqlx::query_as(
        "SELECT sent_at, body, language FROM advocacy_messages WHERE request_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

/// A child's own request with what they wrote.
#[derive(sqlx::FromRow)]
pub struct MyRequestRow {
    #[sqlx(flatten)]
    pub status: StatusRow,
    pub something_else: String,
    pub contact_method: String,
}

pub async fn my_request(db: &Db, id: i64, child_id: i64) -> anyhow::Result<Option<MyRequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS}, r.something_else, r.contact_method FROM advocacy_requests r \
         WHERE r.id = $1 AND r.child_id = $2"
    ))
    .bind(id)
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

/// A request in the caseworker's inbox, with the child's first name.
#[derive(sqlx::FromRow)]
pub struct InboxRequestRow {
    #[sqlx(flatten)]
    pub status: StatusRow,
    pub child_first_name: String,
}

pub async fn inbox(db: &Db) -> anyhow::Result<Vec<InboxRequestRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS}, COALESCE(c.preferred_name, c.first_name) AS child_first_name \
         FROM advocacy_requests r JOIN children c ON c.id = r.child_id ORDER BY r.sent_at"
    ))
    .fetch_all(db.pool())
    .await?)
}

/// Everything a caseworker sees of one request.
#[derive(sqlx::FromRow)]
pub struct CaseRow {
    #[sqlx(flatten)]
    pub status: StatusRow,
    pub child_first_name: String,
    pub something_else: String,
    pub contact_method: String,
    pub contact_detail: String,
    pub good_times: String,
    pub interpreter_language: String,
    pub other_help: String,
    pub date_of_birth: String,
    pub first_language: Option<String>,
    pub child_id: i64,
    pub language: Option<String>,
}

pub async fn case(db: &Db, id: i64) -> anyhow::Result<Option<CaseRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {STATUS_COLUMNS}, COALESCE(c.preferred_name, c.first_name) AS child_first_name, \
         r.something_else, r.contact_method, r.contact_detail, r.good_times, \
         r.interpreter_language, r.other_help, c.date_of_birth, c.first_language, r.child_id, \
         r.language \
         FROM advocacy_requests r JOIN children c ON c.id = r.child_id WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

#[derive(sqlx::FromRow)]
pub struct NoteRow {
    pub author: String,
    pub written_at: i64,
    pub body: String,
}

pub async fn notes(db: &Db, id: i64) -> anyhow::Result<Vec<NoteRow>> {
    Ok(sqlx::query_as(
        "SELECT a.display_name AS author, n.written_at, n.body FROM advocacy_notes n \
         JOIN accounts a ON a.id = n.author_account_id WHERE n.request_id = $1 ORDER BY n.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

/// What the figures count of each request.
#[derive(sqlx::FromRow)]
pub struct FigureRow {
    pub categories: String,
    pub age_band: String,
    pub ethnicity_group: String,
    pub disability: i64,
    pub uasc: i64,
    pub sent_at: i64,
    pub accepted_at: Option<i64>,
    pub allocated_at: Option<i64>,
}

pub async fn figure_rows(db: &Db) -> anyhow::Result<Vec<FigureRow>> {
    Ok(sqlx::query_as(
        "SELECT categories, age_band, ethnicity_group, disability, uasc, sent_at, \
             accepted_at, allocated_at FROM advocacy_requests ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?)
}

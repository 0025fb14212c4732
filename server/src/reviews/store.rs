//! All of the reviews area's SQL that writes: only this module writes the
//! `reviews`, `iro_contacts` and `bank_holidays` tables (`accounts::schedule` reads the
//! reviews for the areas that need the schedule; `calendar` reads the bank
//! holidays).

use app::reviews::IroContact;
use sqlx::{Any, Transaction};

use crate::storage::{Db, now_millis};

type Tx = Transaction<'static, Any>;

/// The child's name, their IRO's name, and their account if they joined.
#[derive(sqlx::FromRow)]
pub struct ChildHeader {
    pub name: String,
    pub iro_name: Option<String>,
    pub account_id: Option<i64>,
}

pub async fn child_header(db: &Db, child_id: i64) -> anyhow::Result<ChildHeader> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(c.preferred_name, c.first_name) AS name, \
                (SELECT a.display_name FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
                 WHERE al.child_id = c.id AND al.ended_at IS NULL) AS iro_name, c.account_id \
         FROM children c WHERE c.id = $1",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?)
}

/// The bank holidays managers added: (date, name).
pub async fn added_bank_holidays(db: &Db) -> anyhow::Result<Vec<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT holiday_on, name FROM bank_holidays ORDER BY holiday_on")
            .fetch_all(db.pool())
            .await?,
    )
}

pub async fn add_bank_holiday(
    tx: &mut Tx,
    date: &str,
    name: &str,
    added_by: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO bank_holidays (holiday_on, name, added_by, added_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(date)
    .bind(name)
    .bind(added_by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Schedules review `sequence` (made if it is not there yet).
pub async fn schedule(
    tx: &mut Tx,
    child_id: i64,
    sequence: i64,
    on: &str,
    at: &str,
) -> anyhow::Result<()> {
    let updated = sqlx::query(
        "UPDATE reviews SET scheduled_on = $1, scheduled_time = $2 \
         WHERE child_id = $3 AND sequence = $4 AND held_on IS NULL",
    )
    .bind(on)
    .bind(at)
    .bind(child_id)
    .bind(sequence)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO reviews (child_id, sequence, scheduled_on, scheduled_time, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(child_id)
        .bind(sequence)
        .bind(on)
        .bind(at)
        .bind(now_millis())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A review recorded as held.
pub struct Held<'a> {
    pub child_id: i64,
    pub sequence: i64,
    pub held_on: &'a str,
    pub attended: bool,
    pub code: &'a str,
    pub recorded_by: i64,
}

/// Records review `sequence` as held (made if it was never scheduled).
pub async fn record_held(tx: &mut Tx, held: &Held<'_>) -> anyhow::Result<()> {
    let now = now_millis();
    let updated = sqlx::query(
        "UPDATE reviews SET held_on = $1, child_attended = $2, participation_code = $3, \
         recorded_by = $4, recorded_at = $5 WHERE child_id = $6 AND sequence = $7 AND held_on IS NULL",
    )
    .bind(held.held_on)
    .bind(i64::from(held.attended))
    .bind(held.code)
    .bind(held.recorded_by)
    .bind(now)
    .bind(held.child_id)
    .bind(held.sequence)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO reviews (child_id, sequence, held_on, child_attended, participation_code, \
             recorded_by, recorded_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(held.child_id)
        .bind(held.sequence)
        .bind(held.held_on)
        .bind(i64::from(held.attended))
        .bind(held.code)
        .bind(held.recorded_by)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A contact with the child, as recorded.
pub struct NewContact<'a> {
    pub child_id: i64,
    pub on: &'a str,
    pub kind: &'a str,
    /// Empty when the IRO wrote nothing.
    pub note: &'a str,
    pub recorded_by: i64,
}

pub async fn add_contact(tx: &mut Tx, contact: &NewContact<'_>) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO iro_contacts (child_id, contact_on, kind, note, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(contact.child_id)
    .bind(contact.on)
    .bind(contact.kind)
    .bind((!contact.note.is_empty()).then_some(contact.note))
    .bind(contact.recorded_by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    contact_on: String,
    kind: String,
    note: Option<String>,
    recorded_by: String,
}

/// The child's contacts, newest first.
pub async fn contacts_of(db: &Db, child_id: i64) -> anyhow::Result<Vec<IroContact>> {
    let rows: Vec<ContactRow> = sqlx::query_as(
        "SELECT c.contact_on, c.kind, c.note, a.display_name AS recorded_by \
         FROM iro_contacts c JOIN accounts a ON a.id = c.recorded_by \
         WHERE c.child_id = $1 ORDER BY c.contact_on DESC, c.id DESC",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| IroContact {
            on: row.contact_on,
            kind: row.kind,
            note: row.note.unwrap_or_default(),
            recorded_by: row.recorded_by,
        })
        .collect())
}

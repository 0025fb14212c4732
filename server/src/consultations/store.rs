//! All of the consultation area's SQL. Only this module reads and writes
//! the `consultations` and `consultation_answers` tables; rows are read by
//! column name.

use app::vocabulary::TOPICS;
use sqlx::{Any, Executor, Transaction};

use super::rules::{StoredAnswer, StoredTakingPart};
use crate::storage::{Db, now_millis};

type Tx = Transaction<'static, Any>;

/// The child behind a child's account, and their date of birth.
pub async fn child_of_account(db: &Db, account_id: i64) -> anyhow::Result<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, date_of_birth FROM children WHERE account_id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

pub async fn child_name(db: &Db, child_id: i64) -> anyhow::Result<String> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(preferred_name, first_name) FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?)
}

/// How many consultations for this review the child has sent.
pub async fn sent_count(db: &Db, child_id: i64, review_sequence: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultations WHERE child_id = $1 AND review_sequence = $2 AND status = 'submitted'",
    )
    .bind(child_id)
    .bind(review_sequence)
    .fetch_one(db.pool())
    .await?)
}

/// The consultation row for this review, made if there is none yet.
pub async fn consultation_id(tx: &mut Tx, child_id: i64, sequence: i64) -> anyhow::Result<i64> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM consultations WHERE child_id = $1 AND review_sequence = $2",
    )
    .bind(child_id)
    .bind(sequence)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(id) = found {
        return Ok(id);
    }
    let now = now_millis();
    Ok(sqlx::query_scalar(
        "INSERT INTO consultations (child_id, review_sequence, status, created_at, updated_at) \
         VALUES ($1, $2, 'in_progress', $3, $3) RETURNING id",
    )
    .bind(child_id)
    .bind(sequence)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    feeling: Option<i64>,
    answer_text: String,
    talk_about: i64,
    share_at_meeting: i64,
    use_words: i64,
    language: Option<String>,
}

/// A topic's answer as stored (empty when there is none yet).
pub async fn stored_answer(
    tx: &mut Tx,
    consultation: i64,
    topic: &str,
) -> anyhow::Result<StoredAnswer> {
    let row: Option<AnswerRow> = sqlx::query_as(
        "SELECT feeling, answer_text, talk_about, share_at_meeting, use_words, language \
         FROM consultation_answers \
         WHERE consultation_id = $1 AND topic = $2",
    )
    .bind(consultation)
    .bind(topic)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map_or_else(StoredAnswer::default, |row| StoredAnswer {
        feeling: row.feeling.and_then(|f| u8::try_from(f).ok()),
        text: row.answer_text,
        talk_about: row.talk_about == 1,
        share: row.share_at_meeting == 1,
        use_words: row.use_words == 1,
        language: row.language,
    }))
}

/// Stores a topic's answer (made if it is the first) and when the
/// consultation last changed. Unticking "You can use my words" takes them
/// off the CRO's list at once: their reference goes (the sent copy's
/// say-so stays as sent until the child sends again).
pub async fn store_answer(
    tx: &mut Tx,
    consultation: i64,
    topic: &str,
    answer: &StoredAnswer,
) -> anyhow::Result<()> {
    let now = now_millis();
    let updated = sqlx::query(
        "UPDATE consultation_answers SET feeling = $1, answer_text = $2, talk_about = $3, \
         share_at_meeting = $4, updated_at = $5, language = $6, use_words = $9, \
         words_ref = CASE WHEN $9 = 1 THEN words_ref END \
         WHERE consultation_id = $7 AND topic = $8",
    )
    .bind(answer.feeling.map(i64::from))
    .bind(&answer.text)
    .bind(i64::from(answer.talk_about))
    .bind(i64::from(answer.share))
    .bind(now)
    .bind(answer.language.as_deref())
    .bind(consultation)
    .bind(topic)
    .bind(i64::from(answer.use_words))
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, talk_about, \
             share_at_meeting, updated_at, language, use_words) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(consultation)
        .bind(topic)
        .bind(answer.feeling.map(i64::from))
        .bind(&answer.text)
        .bind(i64::from(answer.talk_about))
        .bind(i64::from(answer.share))
        .bind(now)
        .bind(answer.language.as_deref())
        .bind(i64::from(answer.use_words))
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE consultations SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(consultation)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn stored_taking_part(
    tx: &mut Tx,
    consultation: i64,
) -> anyhow::Result<StoredTakingPart> {
    Ok(
        sqlx::query_as("SELECT take_part, who_there, where_held FROM consultations WHERE id = $1")
            .bind(consultation)
            .fetch_one(&mut **tx)
            .await?,
    )
}

pub async fn store_taking_part(
    tx: &mut Tx,
    consultation: i64,
    taking_part: &StoredTakingPart,
    language: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE consultations SET take_part = $1, who_there = $2, where_held = $3, updated_at = $4, \
         taking_part_language = $5 WHERE id = $6",
    )
    .bind(&taking_part.take_part)
    .bind(&taking_part.who_there)
    .bind(&taking_part.where_held)
    .bind(now_millis())
    .bind(language)
    .bind(consultation)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What the IRO reads is what is sent now: a copy of every answer and of
/// how the child wants to take part. A resubmission after changes asks the
/// IRO to read it again.
pub async fn send(tx: &mut Tx, consultation: i64, age_band: &str) -> anyhow::Result<()> {
    let now = now_millis();
    sqlx::query(
        "UPDATE consultations SET status = 'submitted', submitted_at = $1, updated_at = $1, \
         read_at = NULL, read_by = NULL, sent_take_part = take_part, sent_who_there = who_there, \
         sent_where_held = where_held, sent_taking_part_language = taking_part_language, \
         sent_age_band = $3 WHERE id = $2",
    )
    .bind(now)
    .bind(consultation)
    .bind(age_band)
    .execute(&mut **tx)
    .await?;
    // A reference stays only for the very words it named, still with the
    // say-so.
    sqlx::query(
        "UPDATE consultation_answers SET sent_feeling = feeling, sent_text = answer_text, \
         sent_talk_about = talk_about, sent_share_at_meeting = share_at_meeting, \
         sent_language = language, sent_at = $1, sent_use_words = use_words, \
         words_ref = CASE WHEN use_words = 1 AND sent_text = answer_text THEN words_ref END \
         WHERE consultation_id = $2",
    )
    .bind(now)
    .bind(consultation)
    .execute(&mut **tx)
    .await?;
    // Words sent with the say-so get a reference, if they have none.
    let unnamed: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM consultation_answers WHERE consultation_id = $1 AND use_words = 1 \
         AND words_ref IS NULL",
    )
    .bind(consultation)
    .fetch_all(&mut **tx)
    .await?;
    for id in unnamed {
        sqlx::query("UPDATE consultation_answers SET words_ref = $1 WHERE id = $2")
            .bind(new_words_ref())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    keep_counts(&mut **tx, Some(consultation)).await?;
    Ok(())
}

/// What the figures read of a sent consultation, kept from its sent
/// answers (see migration 0019): `sent_topics` and `sent_talk` have a bit
/// per topic at its place in [`TOPICS`], `sent_faces` the face (1 to 5)
/// times 8 to the place. Kept for `consultation`, or with `None` for every
/// sent consultation that has none yet (views sent before the columns
/// were, and rows the demo's generator writes itself).
pub async fn keep_counts<'e, E>(executor: E, consultation: Option<i64>) -> anyhow::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    let place = |power: i64| {
        let cases: String = TOPICS
            .iter()
            .zip(0u32..)
            .map(|(topic, i)| format!(" WHEN '{topic}' THEN {}", power.pow(i)))
            .collect();
        format!("CASE a.topic{cases} END")
    };
    let sum = |what: String, condition: &str| {
        format!(
            "(SELECT CAST(COALESCE(SUM({what}), 0) AS BIGINT) FROM consultation_answers a \
             WHERE a.consultation_id = consultations.id AND a.sent_at IS NOT NULL{condition})"
        )
    };
    let topics = sum(
        place(2),
        " AND (a.sent_feeling IS NOT NULL OR a.sent_text <> '' OR a.sent_talk_about = 1)",
    );
    let talk = sum(place(2), " AND a.sent_talk_about = 1");
    let faces = sum(
        format!("{} * a.sent_feeling", place(8)),
        " AND a.sent_feeling IS NOT NULL",
    );
    let which = match consultation {
        Some(_) => "id = $1",
        None => "submitted_at IS NOT NULL AND sent_topics IS NULL",
    };
    let sql = format!(
        "UPDATE consultations SET sent_topics = {topics}, sent_talk = {talk}, \
         sent_faces = {faces} WHERE {which}"
    );
    let mut query = sqlx::query(&sql);
    if let Some(id) = consultation {
        query = query.bind(id);
    }
    query.execute(executor).await?;
    Ok(())
}

/// A new reference for words sent with the child's say-so: random, 24 hex
/// digits.
pub fn new_words_ref() -> String {
    rand::random::<[u8; 12]>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Marks the child's latest sent consultation read: `true` when this
/// changed it.
pub async fn mark_read(tx: &mut Tx, child_id: i64, reader_account_id: i64) -> anyhow::Result<bool> {
    let changed = sqlx::query(
        "UPDATE consultations SET read_at = $1, read_by = $2 WHERE id = \
         (SELECT MAX(id) FROM consultations WHERE child_id = $3 AND status = 'submitted') AND read_at IS NULL",
    )
    .bind(now_millis())
    .bind(reader_account_id)
    .bind(child_id)
    .execute(&mut **tx)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// How many consultations the child has ever sent.
pub async fn ever_sent(db: &Db, child_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultations WHERE child_id = $1 AND status = 'submitted'",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?)
}

/// Which copy of a consultation to read: what the child has now (their
/// own pages), or what they last sent (everyone else).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    Current,
    Sent,
}

#[derive(sqlx::FromRow)]
pub struct AnswerOut {
    pub topic: String,
    pub feeling: Option<i64>,
    pub answer_text: Option<String>,
    pub talk_about: Option<i64>,
    pub share_at_meeting: Option<i64>,
    pub use_words: Option<i64>,
    pub language: Option<String>,
}

/// A consultation's answers (of the sent copy, only answers that were
/// sent).
pub async fn answers(
    db: &Db,
    consultation: i64,
    version: Version,
) -> anyhow::Result<Vec<AnswerOut>> {
    let sql = match version {
        Version::Current => {
            "SELECT topic, feeling, answer_text, talk_about, share_at_meeting, use_words, language \
             FROM consultation_answers WHERE consultation_id = $1"
        }
        Version::Sent => {
            "SELECT topic, sent_feeling AS feeling, sent_text AS answer_text, \
             sent_talk_about AS talk_about, sent_share_at_meeting AS share_at_meeting, \
             sent_use_words AS use_words, sent_language AS language FROM consultation_answers \
             WHERE consultation_id = $1 AND sent_at IS NOT NULL"
        }
    };
    Ok(sqlx::query_as(sql)
        .bind(consultation)
        .fetch_all(db.pool())
        .await?)
}

/// How the child wants to take part now, and as they last sent it.
#[derive(sqlx::FromRow)]
pub struct TakingPartBoth {
    pub take_part: String,
    pub who_there: String,
    pub where_held: String,
    pub sent_take_part: Option<String>,
    pub sent_who_there: Option<String>,
    pub sent_where_held: Option<String>,
}

pub async fn taking_part_both(db: &Db, consultation: i64) -> anyhow::Result<TakingPartBoth> {
    Ok(sqlx::query_as(
        "SELECT take_part, who_there, where_held, sent_take_part, sent_who_there, sent_where_held \
             FROM consultations WHERE id = $1",
    )
    .bind(consultation)
    .fetch_one(db.pool())
    .await?)
}

/// A consultation as stored, in one of its copies.
#[derive(sqlx::FromRow)]
pub struct Stored {
    pub id: i64,
    pub review_sequence: i64,
    pub status: String,
    pub take_part: String,
    pub who_there: String,
    pub where_held: String,
    pub taking_part_language: Option<String>,
    pub submitted_at: Option<i64>,
    pub read_at: Option<i64>,
    pub read_by: Option<String>,
}

/// A child's consultation: for review `sequence` (or the latest), in the
/// copy `version` (the sent copy only of one that was sent).
pub async fn consultation(
    db: &Db,
    child_id: i64,
    sequence: Option<i64>,
    version: Version,
) -> anyhow::Result<Option<Stored>> {
    let (columns, sent_only) = match version {
        Version::Current => (
            "c.take_part, c.who_there, c.where_held, c.taking_part_language",
            "",
        ),
        Version::Sent => (
            "COALESCE(c.sent_take_part, '') AS take_part, COALESCE(c.sent_who_there, '') AS who_there, \
             COALESCE(c.sent_where_held, '') AS where_held, c.sent_taking_part_language AS taking_part_language",
            "AND c.submitted_at IS NOT NULL",
        ),
    };
    Ok(sqlx::query_as(&format!(
        "SELECT c.id, c.review_sequence, c.status, {columns}, c.submitted_at, c.read_at, \
         a.display_name AS read_by \
         FROM consultations c LEFT JOIN accounts a ON a.id = c.read_by \
         WHERE c.child_id = $1 AND ($2 < 0 OR c.review_sequence = $2) {sent_only} \
         ORDER BY c.review_sequence DESC LIMIT 1"
    ))
    .bind(child_id)
    .bind(sequence.unwrap_or(-1))
    .fetch_optional(db.pool())
    .await?)
}

/// Each of the child `c`'s consultations as `review number:status:read`,
/// joined by commas, as a column.
pub const STATUSES_OF_CHILD: &str = "(SELECT string_agg(CAST(k.review_sequence AS TEXT) || ':' || \
     k.status || ':' || CASE WHEN k.read_at IS NULL THEN '0' ELSE '1' END, ',') \
     FROM consultations k WHERE k.child_id = c.id)";

/// The child's consultation sent before this one, if any.
pub async fn previous_sent(db: &Db, child_id: i64, before: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(id) FROM consultations WHERE child_id = $1 AND id < $2 \
         AND submitted_at IS NOT NULL",
    )
    .bind(child_id)
    .bind(before)
    .fetch_one(db.pool())
    .await?)
}

/// The child's consultations they have sent, newest first, at most
/// `limit`: (id, when last sent).
pub async fn sent_history(db: &Db, child_id: i64, limit: i64) -> anyhow::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT id, submitted_at FROM consultations WHERE child_id = $1 AND submitted_at IS NOT NULL \
         ORDER BY review_sequence DESC LIMIT $2",
    )
    .bind(child_id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            use sqlx::Row;
            Ok((row.try_get("id")?, row.try_get("submitted_at")?))
        })
        .collect()
}

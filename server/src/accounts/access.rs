//! Who may see which child, and who may read a child's words: the one
//! place these rules live, and the one place a read of a child's record is
//! recorded in the audit log.
//!
//! - A child's **record** (name, dates, reviews, statuses, alerts,
//!   allocation) is seen by their allocated IRO and by any manager.
//! - A child's **words** (what they wrote in a consultation, a reply to a
//!   letter, and the letters written to them) are read by their allocated
//!   IRO, and by a manager only while covering for that IRO (the IRO is
//!   away, disabled or not allocated yet) or after a deliberate "open this
//!   child's record" with a reason. Every such reading is audited, and the
//!   child sees it in their own information.
//!
//! Requests for an advocate go to the advocacy service, which the child
//! chose; their IRO sees only the stage.

use app::accounts::{CurrentUser, Role};
use sqlx::{Any, Executor};

use super::audit::{AuditAction, record};
use crate::storage::{Db, now_millis};

/// How long a manager's opening of a child's record lasts.
pub const OPENING_LASTS_MS: i64 = 60 * 60 * 1000;

pub use app::accounts::REASON_LIMIT;

/// Why this person may read this child's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordsBy {
    /// The child's allocated IRO.
    OwnIro,
    /// A manager, while the child's IRO is away (or there is none).
    Covering,
    /// A manager who opened the record, for this reason.
    Opened { reason: String },
}

impl WordsBy {
    /// The translation key of the line that tells staff why they can read.
    pub fn note_key(&self) -> Option<&'static str> {
        match self {
            WordsBy::OwnIro => None,
            WordsBy::Covering => Some("words-access-covering"),
            WordsBy::Opened { .. } => Some("words-access-opened"),
        }
    }
}

/// Whether this person may see this child's record: a manager any child,
/// an IRO the children allocated to them, nobody else.
pub async fn may_see_child(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<bool> {
    let visible: i64 = match user.role {
        Role::Manager => {
            sqlx::query_scalar("SELECT COUNT(*) FROM children WHERE id = $1")
                .bind(child_id)
                .fetch_one(db.pool())
                .await?
        }
        Role::Iro => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM iro_allocations \
             WHERE child_id = $1 AND iro_account_id = $2 AND ended_at IS NULL",
            )
            .bind(child_id)
            .bind(user.account_id)
            .fetch_one(db.pool())
            .await?
        }
        _ => 0,
    };
    Ok(visible > 0)
}

/// What this person may do with a child's record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Change it: the child's IRO while the child is looked after, or a
    /// manager.
    Allowed,
    /// Only read it: the child has ceased to be looked after, and only a
    /// manager changes their record now.
    ReadOnly,
    /// Not theirs to see (or no such child).
    NotFound,
}

/// Whether this person may change this child's record (schedule and
/// record reviews and contacts, invite them, write to them). Once the
/// child has ceased to be looked after, the record is read-only except
/// for a manager. Safety alerts are not the record: whoever is told of
/// one can always act on it.
pub async fn may_change_child(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Change> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(Change::NotFound);
    }
    let ceased: Option<String> = sqlx::query_scalar("SELECT ceased_on FROM children WHERE id = $1")
        .bind(child_id)
        .fetch_one(db.pool())
        .await?;
    Ok(if is_read_only(user, ceased.is_some()) {
        Change::ReadOnly
    } else {
        Change::Allowed
    })
}

/// Whether a child's record is only to be read by this person (who may
/// see it): once the child has ceased to be looked after, for everyone
/// but a manager.
pub fn is_read_only(user: &CurrentUser, ceased: bool) -> bool {
    ceased && user.role != Role::Manager
}

/// Whether the child's IRO is there to read their words today: allocated,
/// enabled and not away. When not, managers cover.
pub async fn iro_is_present(db: &Db, child_id: i64) -> anyhow::Result<bool> {
    let iro: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT a.away_until FROM iro_allocations al \
         JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    let today = crate::calendar::today();
    Ok(iro
        .iter()
        .any(|away| !super::away::is_away(away.as_deref(), today)))
}

/// Whether, and why, this person may read this child's words. `None`
/// for everyone else, including managers who are not covering and have
/// not opened the record.
pub async fn words_access(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<WordsBy>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    match user.role {
        Role::Iro => Ok(Some(WordsBy::OwnIro)),
        Role::Manager => {
            if !iro_is_present(db, child_id).await? {
                return Ok(Some(WordsBy::Covering));
            }
            let reason: Option<String> = sqlx::query_scalar(
                "SELECT reason FROM record_openings WHERE child_id = $1 AND account_id = $2 \
                 AND until_at > $3 ORDER BY id DESC LIMIT 1",
            )
            .bind(child_id)
            .bind(user.account_id)
            .bind(now_millis())
            .fetch_optional(db.pool())
            .await?;
            Ok(reason.map(|reason| WordsBy::Opened { reason }))
        }
        _ => Ok(None),
    }
}

/// A manager opens a child's record to read their words, saying why.
/// `Ok(None)` when the person is not a manager or the child is not there;
/// `Ok(Some(Err(key)))` when the reason is missing or too long.
pub async fn open_record(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    reason: &str,
) -> anyhow::Result<Option<Result<(), &'static str>>> {
    if user.role != Role::Manager || !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Ok(Some(Err("open-record-error-reason")));
    }
    if reason.chars().count() > REASON_LIMIT {
        return Ok(Some(Err("open-record-error-too-long")));
    }
    if let Some(problem) = crate::text::check(reason, REASON_LIMIT, "open-record-error-too-long") {
        return Ok(Some(Err(problem)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO record_openings (child_id, account_id, reason, opened_at, until_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(child_id)
    .bind(user.account_id)
    .bind(reason)
    .bind(now)
    .bind(now + OPENING_LASTS_MS)
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ChildRecordOpened,
        Some(child_subject(child_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The audit subject for a child's record.
pub fn child_subject(child_id: i64) -> String {
    format!("child:{child_id}")
}

/// What part of a child's record was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// The child's page (reviews, letters list, requests' stages).
    ChildPage,
    /// A manager's form of the child's record.
    Record,
    /// The child's consultation, in words.
    Consultation,
    /// A letter to the child, with its replies.
    Letter(i64),
    /// A request for an advocate, by the advocacy service.
    AdvocacyCase(i64),
    /// The advocacy service's list of requests.
    AdvocacyInbox,
}

/// Records that this person read part of a child's record. Every loader of
/// a child's record calls this, and nothing else writes these entries.
pub async fn record_reading<'e, E>(
    executor: E,
    user: &CurrentUser,
    child_id: Option<i64>,
    reading: Reading,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    let (action, detail) = match reading {
        Reading::ChildPage => (AuditAction::ChildPageViewed, None),
        Reading::Record => (AuditAction::ChildRecordViewed, None),
        Reading::Consultation => (AuditAction::ConsultationViewed, None),
        Reading::Letter(id) => (AuditAction::LetterViewed, Some(format!("letter:{id}"))),
        Reading::AdvocacyCase(id) => (
            AuditAction::AdvocacyCaseViewed,
            Some(format!("advocacy:{id}")),
        ),
        Reading::AdvocacyInbox => (AuditAction::AdvocacyInboxViewed, None),
    };
    let subject = match (child_id, detail) {
        (Some(child), Some(detail)) => Some(format!("{}/{detail}", child_subject(child))),
        (Some(child), None) => Some(child_subject(child)),
        (None, detail) => detail,
    };
    record(executor, Some(user.account_id), action, subject).await
}

/// Who has read a child's words, newest first: for the child's own
/// information. Their own IRO's readings are listed too, so the child sees
/// exactly who read what, and when.
pub async fn readings_of(db: &Db, child_id: i64) -> anyhow::Result<Vec<WordsReading>> {
    Ok(readings_and_openings_of(db, child_id).await?.0)
}

/// Who has read a child's words, and every time a manager opened their
/// record to read them: (date `YYYY-MM-DD`, who, why), each newest first.
/// One query for both, as the child's home shows both on every visit.
pub async fn readings_and_openings_of(
    db: &Db,
    child_id: i64,
) -> anyhow::Result<(Vec<WordsReading>, Vec<(String, String, String)>)> {
    let subject = child_subject(child_id);
    // The child's own rows and their record's parts ("child:4/letter:9"):
    // the subjects from "child:4/" up to "child:40" ('0' follows '/'),
    // compared as bytes, read through the index on subject (never every
    // child's readings: `action || ''` keeps the planner off the index
    // by action, which it would otherwise take without statistics).
    let bytes = match db.backend() {
        crate::storage::Backend::Sqlite => "",
        crate::storage::Backend::Postgres => " COLLATE \"C\"",
    };
    // (which, id, when, who, their role, what was read or why it was opened)
    let rows: Vec<(String, i64, i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT 'read' AS which, l.id, l.at, a.display_name, a.role, l.action FROM audit_log l \
         JOIN accounts a ON a.id = l.actor_account_id \
         WHERE (l.subject = $1 OR (l.subject{bytes} >= $2 AND l.subject{bytes} < $3)) \
         AND a.role <> 'child' \
         AND l.action || '' IN ('consultation_viewed', 'letter_viewed', 'childrens_words_read', \
         'speakerbox_answers_read') \
         UNION ALL \
         SELECT 'opened' AS which, o.id, o.opened_at, a.display_name, a.role, o.reason \
         FROM record_openings o JOIN accounts a ON a.id = o.account_id WHERE o.child_id = $4 \
         ORDER BY 2 DESC"
    ))
    .bind(&subject)
    .bind(format!("{subject}/"))
    .bind(format!("{subject}0"))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    let mut readings = Vec::new();
    let mut openings = Vec::new();
    for (which, _, at, who, role, what) in rows {
        let on = crate::storage::iso_date(at).unwrap_or_default();
        if which == "read" {
            readings.push(WordsReading {
                on,
                who,
                role,
                what,
            });
        } else {
            openings.push((on, who, what));
        }
    }
    Ok((readings, openings))
}

/// One reading of a child's words, as the child is shown it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct WordsReading {
    /// `YYYY-MM-DD`.
    pub on: String,
    pub who: String,
    /// As stored in `accounts.role`.
    pub role: String,
    /// `consultation_viewed`, `letter_viewed`, `childrens_words_read` or
    /// `speakerbox_answers_read`.
    pub what: String,
}

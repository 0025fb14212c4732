//! Letters from a child's IRO, written after a held review. A draft is
//! saved as the IRO writes; once sent it never changes (a correction is a
//! new letter that says which one it corrects). The child's first opening
//! is the read receipt. Replies go both ways in one thread. Letters and
//! replies are part of the child's record: the system never deletes them,
//! and every read by staff is audited. Emails say only that there is
//! something to read.

use app::{
    accounts::{CurrentUser, Pending, Role},
    i18n::Locale,
    letters::{
        LETTER_LIMIT, Letter, LetterForm, LetterSummary, LettersApi, MyLetters, REPLY_KINDS,
        REPLY_LIMIT, Reply, ReplyForm,
    },
    readability,
};
use sqlx::Row;

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page,
        invitations::may_see_child,
    },
    calendar::{age_on, parse_date, today},
    email::{self, Email},
    storage::{Db, iso_date, now_millis},
};

/// Problems with a form: (field, message key).
pub type Problems = Vec<(&'static str, &'static str)>;

/// A free-text field: within `limit` characters, nothing hidden.
fn check(text: &str, limit: usize) -> Option<&'static str> {
    crate::text::check(text, limit, "letter-error-too-long")
}

/// The letter's child, and whether it has been sent, when this person is
/// the child's IRO (or, with `read_only`, a manager).
async fn letter_for_staff(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    read_only: bool,
) -> anyhow::Result<Option<(i64, bool)>> {
    if !(user.role == Role::Iro || (read_only && user.role == Role::Manager)) {
        return Ok(None);
    }
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as("SELECT child_id, sent_at FROM letters WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    let Some((child_id, sent_at)) = row else {
        return Ok(None);
    };
    // A letter is the child's to read, with their replies: the IRO, or a
    // manager covering for them or who opened the record.
    let allowed = if read_only {
        crate::accounts::access::words_access(db, user, child_id)
            .await?
            .is_some()
    } else {
        may_see_child(db, user, child_id).await?
    };
    if !allowed {
        return Ok(None);
    }
    Ok(Some((child_id, sent_at.is_some())))
}

/// The child behind a child's account.
async fn child_of(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<i64>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    Ok(
        sqlx::query_scalar("SELECT id FROM children WHERE account_id = $1")
            .bind(user.account_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The IRO starts a letter after the child's latest held review (or goes
/// back to the draft already started). `Ok(None)` for anyone but the
/// child's IRO, or a child with no review held yet.
pub async fn start(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<Option<i64>> {
    if user.role != Role::Iro || !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let draft: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM letters WHERE child_id = $1 AND sent_at IS NULL ORDER BY id DESC",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?;
    if draft.is_some() {
        return Ok(draft);
    }
    let review: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM reviews WHERE child_id = $1 AND held_on IS NOT NULL ORDER BY sequence DESC",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(review) = review else {
        return Ok(None);
    };
    new_letter(db, user, child_id, Some(review), "", "en", None)
        .await
        .map(Some)
}

async fn new_letter(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    review: Option<i64>,
    body: &str,
    language: &str,
    corrects: Option<i64>,
) -> anyhow::Result<i64> {
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO letters (child_id, review_id, author_account_id, body, language, \
         corrects_letter_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         RETURNING id",
    )
    .bind(child_id)
    .bind(review)
    .bind(user.account_id)
    .bind(body)
    .bind(language)
    .bind(corrects)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::LetterStarted,
        Some(format!("letter:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Checks a draft as the IRO saves it.
fn check_letter(form: &LetterForm, sending: bool) -> Problems {
    let mut problems = Vec::new();
    if let Some(key) = check(&form.body, LETTER_LIMIT) {
        problems.push(("body", key));
    } else if sending && form.body.trim().is_empty() {
        problems.push(("body", "letter-error-empty"));
    }
    if Locale::from_code(&form.language).is_none() {
        problems.push(("language", "letter-error-language"));
    }
    problems
}

/// The IRO saves the draft. A sent letter is never changed.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &LetterForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let Some((_, sent)) = letter_for_staff(db, user, id, false).await? else {
        return Ok(None);
    };
    if sent {
        return Ok(Some(Err(vec![("body", "letter-error-sent")])));
    }
    let problems = check_letter(form, false);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE letters SET body = $1, language = $2, updated_at = $3 \
         WHERE id = $4 AND sent_at IS NULL",
    )
    .bind(&form.body)
    .bind(&form.language)
    .bind(now_millis())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The IRO sends the letter as it is saved, after saving what the form
/// holds. The child is emailed (where they gave an address) that there is
/// a letter; nothing of it.
pub async fn send(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &LetterForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if letter_for_staff(db, user, id, false).await?.is_none() {
        return Ok(None);
    }
    // Checked before saving: an empty letter sent by mistake must not
    // overwrite the saved draft.
    let problems = check_letter(form, true);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    match save(db, user, id, form).await? {
        Some(Ok(())) => {}
        other => return Ok(other),
    }
    let mut tx = db.begin_write().await?;
    let sent = sqlx::query("UPDATE letters SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
        .bind(now_millis())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if sent.rows_affected() == 0 {
        return Ok(Some(Err(vec![("body", "letter-error-sent")])));
    }
    let address: Option<Option<String>> = sqlx::query_scalar(
        "SELECT c.email FROM letters l JOIN children c ON c.id = l.child_id WHERE l.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(to) = address.flatten().filter(|a| !a.trim().is_empty()) {
        email::enqueue(
            &mut *tx,
            &Email {
                to,
                subject: "You have a new letter in MySay".to_owned(),
                body: format!(
                    "Your IRO has written to you after your review.\n\n\
                     Sign in to MySay to read it:\n{base_url}/letters\n"
                ),
            },
        )
        .await?;
    }
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::LetterSent,
        Some(format!("letter:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The IRO starts a correction of a sent letter: a new draft, with the
/// sent letter's words to change, that says which letter it corrects.
pub async fn correct(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<i64>> {
    let Some((child_id, sent)) = letter_for_staff(db, user, id, false).await? else {
        return Ok(None);
    };
    if !sent {
        return Ok(Some(id));
    }
    let (body, language, review): (String, String, Option<i64>) =
        sqlx::query_as("SELECT body, language, review_id FROM letters WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?;
    new_letter(db, user, child_id, review, &body, &language, Some(id))
        .await
        .map(Some)
}

/// A reply: from the child on their own sent letter ("question" or
/// "disagree"), or the IRO's answer on their child's sent letter. The
/// other side is emailed that there is a reply; nothing of it.
/// A reply as stored: kind, author's role, author's name, when, words,
/// language.
type ReplyRow = (String, String, String, i64, String, Option<String>);

pub async fn reply(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &ReplyForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<bool, Problems>>> {
    let (kind, to): (&str, Option<String>) = if user.role == Role::Child {
        let Some(child_id) = child_of(db, user).await? else {
            return Ok(None);
        };
        let mine: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM letters WHERE id = $1 AND child_id = $2 AND sent_at IS NOT NULL",
        )
        .bind(id)
        .bind(child_id)
        .fetch_one(db.pool())
        .await?;
        if mine == 0 {
            return Ok(None);
        }
        // The child's IRO now, who may not be the one who wrote the letter.
        let iro: Option<String> = sqlx::query_scalar(
            "SELECT a.email FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
             WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
        )
        .bind(child_id)
        .fetch_optional(db.pool())
        .await?
        .flatten();
        let Some(kind) = REPLY_KINDS.iter().copied().find(|k| *k == form.kind) else {
            return Ok(Some(Err(vec![("kind", "letter-error-kind")])));
        };
        (kind, iro)
    } else {
        let Some((_, sent)) = letter_for_staff(db, user, id, false).await? else {
            return Ok(None);
        };
        if !sent {
            return Ok(None);
        }
        let child: Option<String> = sqlx::query_scalar(
            "SELECT c.email FROM letters l JOIN children c ON c.id = l.child_id WHERE l.id = $1",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await?;
        ("answer", child)
    };
    let body = form.body.trim();
    if let Some(key) = check(body, REPLY_LIMIT) {
        return Ok(Some(Err(vec![("body", key)])));
    }
    if body.is_empty() {
        return Ok(Some(Err(vec![("body", "letter-error-reply-empty")])));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO letter_replies (letter_id, author_account_id, kind, body, sent_at, language) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(user.account_id)
    .bind(kind)
    .bind(body)
    .bind(now_millis())
    .bind(app::i18n::Locale::from_code(&form.language).map(|l| l.code()))
    .execute(&mut *tx)
    .await?;
    if let Some(to) = to.filter(|a| !a.trim().is_empty()) {
        let (subject, path) = if kind == "answer" {
            ("Your IRO has answered you in MySay", "/letters")
        } else {
            ("A child has replied to your letter in MySay", "/home")
        };
        email::enqueue(
            &mut *tx,
            &Email {
                to,
                subject: subject.to_owned(),
                body: format!(
                    "There is a new message for you in MySay.\n\n\
                     Sign in to read it:\n{base_url}{path}\n\n\
                     This email does not include what was written.\n"
                ),
            },
        )
        .await?;
    }
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::LetterReplied,
        Some(format!("letter:{id}")),
    )
    .await?;
    // A child's reply is checked like any answer of theirs.
    let help = user.role == Role::Child && crate::safety::has_risk_phrase(body);
    if help {
        let child_id: i64 = sqlx::query_scalar("SELECT child_id FROM letters WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        crate::safety::raise_alert(
            &mut tx,
            child_id,
            crate::safety::Source::Letter(id),
            "words",
            base_url,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(help)))
}

/// The columns a letter list reads, in this order.
const SUMMARY: &str = "l.id, l.sent_at, l.first_read_at, \
     (SELECT c.sent_at FROM letters c WHERE c.id = l.corrects_letter_id), \
     (SELECT COUNT(*) FROM letter_replies r WHERE r.letter_id = l.id AND r.kind <> 'answer' \
      AND NOT EXISTS (SELECT 1 FROM letter_replies a WHERE a.letter_id = l.id \
      AND a.kind = 'answer' AND a.id > r.id))";

fn summary_of(row: &sqlx::any::AnyRow) -> anyhow::Result<LetterSummary> {
    let sent: Option<i64> = row.try_get(1)?;
    let read: Option<i64> = row.try_get(2)?;
    let corrects: Option<i64> = row.try_get(3)?;
    Ok(LetterSummary {
        id: row.try_get(0)?,
        draft: sent.is_none(),
        sent_on: sent.and_then(iso_date),
        first_read_on: read.and_then(iso_date),
        corrects_sent_on: corrects.and_then(iso_date),
        waiting_replies: usize::try_from(row.try_get::<i64, _>(4)?).unwrap_or(0),
    })
}

/// A child's letters, newest first, drafts included (for their IRO's
/// page about the child).
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<LetterSummary>> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY} FROM letters l WHERE l.child_id = $1 ORDER BY l.id DESC"
    ))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(summary_of).collect()
}

/// Letters of this IRO's children with a reply not yet answered:
/// (letter id, child's name).
pub async fn waiting_replies(db: &Db, user: &CurrentUser) -> anyhow::Result<Vec<(i64, String)>> {
    if user.role != Role::Iro {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT l.id, COALESCE(c.preferred_name, c.first_name) FROM letters l \
         JOIN children c ON c.id = l.child_id \
         JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
         WHERE al.iro_account_id = $1 AND EXISTS (SELECT 1 FROM letter_replies r \
           WHERE r.letter_id = l.id AND r.kind <> 'answer' AND NOT EXISTS ( \
             SELECT 1 FROM letter_replies a WHERE a.letter_id = l.id AND a.kind = 'answer' \
             AND a.id > r.id)) ORDER BY l.id",
    )
    .bind(user.account_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}

/// Sent letters the child has not opened yet.
/// The children with a letter sent to them that they have not opened yet:
/// one query for a whole caseload.
pub async fn children_with_unread_letters(
    db: &Db,
) -> anyhow::Result<std::collections::HashSet<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT child_id FROM letters WHERE sent_at IS NOT NULL AND first_read_at IS NULL",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(ids.into_iter().collect())
}

pub async fn unread_count(db: &Db, child_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM letters WHERE child_id = $1 AND sent_at IS NOT NULL \
         AND first_read_at IS NULL",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?)
}

async fn mine(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<MyLetters>> {
    let Some(child_id) = child_of(db, user).await? else {
        return Ok(None);
    };
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY} FROM letters l WHERE l.child_id = $1 AND l.sent_at IS NOT NULL \
         ORDER BY l.sent_at DESC"
    ))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    let iro_name = crate::accounts::children::iro_name(db, child_id).await?;
    Ok(Some(MyLetters {
        letters: rows.iter().map(summary_of).collect::<anyhow::Result<_>>()?,
        iro_name,
    }))
}

async fn letter(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    own_navigation: bool,
) -> anyhow::Result<Option<Letter>> {
    let for_child = user.role == Role::Child;
    if for_child {
        let Some(child_id) = child_of(db, user).await? else {
            return Ok(None);
        };
        let mine: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM letters WHERE id = $1 AND child_id = $2 AND sent_at IS NOT NULL",
        )
        .bind(id)
        .bind(child_id)
        .fetch_one(db.pool())
        .await?;
        if mine == 0 {
            return Ok(None);
        }
        // The first opening is the read receipt; later ones change nothing.
        // Only an opening the child made themself counts: a page another
        // site makes the browser fetch records nothing.
        if own_navigation {
            let mut tx = db.begin_write().await?;
            sqlx::query(
                "UPDATE letters SET first_read_at = $1 WHERE id = $2 AND first_read_at IS NULL",
            )
            .bind(now_millis())
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        }
    } else {
        let Some((child_id, _)) = letter_for_staff(db, user, id, true).await? else {
            return Ok(None);
        };
        crate::accounts::access::record_reading(
            db.pool(),
            user,
            Some(child_id),
            crate::accounts::access::Reading::Letter(id),
        )
        .await?;
    }
    let row = sqlx::query(
        "SELECT l.id, l.child_id, COALESCE(c.preferred_name, c.first_name), c.date_of_birth, \
         a.display_name, l.body, l.language, l.sent_at, l.first_read_at, \
         (SELECT p.sent_at FROM letters p WHERE p.id = l.corrects_letter_id) \
         FROM letters l JOIN children c ON c.id = l.child_id \
         JOIN accounts a ON a.id = l.author_account_id WHERE l.id = $1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    let replies: Vec<ReplyRow> = sqlx::query_as(
        "SELECT r.kind, a.role, a.display_name, r.sent_at, r.body, r.language FROM letter_replies r \
         JOIN accounts a ON a.id = r.author_account_id WHERE r.letter_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let born: String = row.try_get(3)?;
    let body: String = row.try_get(5)?;
    let sent: Option<i64> = row.try_get(7)?;
    let child_name: String = row.try_get(2)?;
    Ok(Some(Letter {
        id: row.try_get(0)?,
        child_id: row.try_get(1)?,
        child_age: parse_date(&born).map_or(0, |born| age_on(born, today())),
        iro_name: row.try_get(4)?,
        language: row.try_get(6)?,
        draft: sent.is_none(),
        sent_on: sent.and_then(iso_date),
        first_read_on: row.try_get::<Option<i64>, _>(8)?.and_then(iso_date),
        corrects_sent_on: row.try_get::<Option<i64>, _>(9)?.and_then(iso_date),
        replies: replies
            .into_iter()
            .map(|(kind, role, author, at, body, language)| Reply {
                from_child: role == "child",
                author: if role == "child" {
                    child_name.clone()
                } else {
                    author
                },
                kind,
                body,
                on: iso_date(at).unwrap_or_default(),
                language,
            })
            .collect(),
        for_child,
        readability: (!for_child && sent.is_none())
            .then(|| readability::measure(&body))
            .flatten(),
        child_name,
        body,
    }))
}

/// The letter operations over the database.
pub struct LettersService {
    pub db: Db,
}

impl LettersApi for LettersService {
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyLetters> {
        Box::pin(async move { for_page(mine(&self.db, user).await, "a child's letters") })
    }

    fn letter<'a>(
        &'a self,
        user: &'a CurrentUser,
        id: i64,
        own_navigation: bool,
    ) -> Pending<'a, Letter> {
        Box::pin(
            async move { for_page(letter(&self.db, user, id, own_navigation).await, "a letter") },
        )
    }
}

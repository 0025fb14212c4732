//! Letters from a child's IRO, written after a held review. A draft is
//! saved as the IRO writes; once sent it never changes (a correction is a
//! new letter that says which one it corrects). The child's first opening
//! is the read receipt. Replies go both ways in one thread. Letters and
//! replies are part of the child's record: the system never deletes them,
//! and every read by staff is audited. Emails say only that there is
//! something to read.
//!
//! In the areas' shape: the operations here; `rules` (the checks),
//! `store` (all the SQL), `notify` (the emails).

pub mod notify;
pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Role},
    letters::{Letter, LetterForm, LetterSummary, LettersApi, MyLetters, Reply, ReplyForm},
    readability,
};

use crate::{
    accounts::{
        access::{Change, Reading, may_change_child, record_reading, words_access},
        audit::{AuditAction, record},
        for_page, schedule,
    },
    calendar::{age_on, parse_date, today},
    safety,
    storage::{Db, iso_date},
};
pub use rules::Problems;

/// What staff want to do with a letter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Read it with the child's replies: the IRO, or a manager covering
    /// for them or who opened the record.
    Read,
    /// Write, send or correct it: the IRO, while the child's record can
    /// be changed (not once they have ceased to be looked after).
    Write,
    /// Answer the child's reply: the IRO, even after the child has left
    /// care (the child spoke; they are answered).
    Answer,
}

/// The letter's child, and whether it has been sent, when this person may
/// do what they need with it.
async fn letter_for_staff(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    need: Need,
) -> anyhow::Result<Option<(i64, bool)>> {
    if !(user.role == Role::Iro || (need == Need::Read && user.role == Role::Manager)) {
        return Ok(None);
    }
    let Some((child_id, sent_at)) = store::child_and_sent(db, id).await? else {
        return Ok(None);
    };
    let allowed = match need {
        Need::Read => words_access(db, user, child_id).await?.is_some(),
        Need::Write => may_change_child(db, user, child_id).await? == Change::Allowed,
        Need::Answer => may_change_child(db, user, child_id).await? != Change::NotFound,
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
    crate::accounts::children::of_account(db, user.account_id).await
}

/// The IRO starts a letter after the child's latest held review (or goes
/// back to the draft already started). `Ok(None)` for anyone but the
/// child's IRO, or a child with no review held yet.
pub async fn start(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<Option<i64>> {
    if user.role != Role::Iro || may_change_child(db, user, child_id).await? != Change::Allowed {
        return Ok(None);
    }
    if let Some(draft) = store::draft_of(db, child_id).await? {
        return Ok(Some(draft));
    }
    let Some(review) = schedule::latest_held_review(db, child_id).await? else {
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
    review_id: Option<i64>,
    body: &str,
    language: &str,
    corrects: Option<i64>,
) -> anyhow::Result<i64> {
    let mut tx = db.begin_write().await?;
    let id = store::insert(
        &mut tx,
        &store::NewLetter {
            child_id,
            review_id,
            author_account_id: user.account_id,
            body,
            language,
            corrects,
        },
    )
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

/// The IRO saves the draft. A sent letter is never changed.
pub async fn save(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &LetterForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let Some((_, sent)) = letter_for_staff(db, user, id, Need::Write).await? else {
        return Ok(None);
    };
    if sent {
        return Ok(Some(Err(vec![("body", "letter-error-sent")])));
    }
    let problems = rules::check_letter(form, false);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    store::save_draft(&mut tx, id, &form.body, &form.language).await?;
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
    if letter_for_staff(db, user, id, Need::Write).await?.is_none() {
        return Ok(None);
    }
    // Checked before saving: an empty letter sent by mistake must not
    // overwrite the saved draft.
    let problems = rules::check_letter(form, true);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    match save(db, user, id, form).await? {
        Some(Ok(())) => {}
        other => return Ok(other),
    }
    let mut tx = db.begin_write().await?;
    if !store::mark_sent(&mut tx, id).await? {
        return Ok(Some(Err(vec![("body", "letter-error-sent")])));
    }
    let to = store::child_email(&mut *tx, id).await?;
    notify::letter_sent(&mut tx, to, base_url).await?;
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
    let Some((child_id, sent)) = letter_for_staff(db, user, id, Need::Write).await? else {
        return Ok(None);
    };
    if !sent {
        return Ok(Some(id));
    }
    let words = store::words(db, id).await?;
    new_letter(
        db,
        user,
        child_id,
        words.review_id,
        &words.body,
        &words.language,
        Some(id),
    )
    .await
    .map(Some)
}

/// A reply: from the child on their own sent letter ("question" or
/// "disagree"), or the IRO's answer on their child's sent letter. The
/// other side is emailed that there is a reply; nothing of it.
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
        if !store::is_childs_sent_letter(db, id, child_id).await? {
            return Ok(None);
        }
        let iro = store::iro_email(db, child_id).await?;
        let Some(kind) = rules::child_reply_kind(form) else {
            return Ok(Some(Err(vec![("kind", "letter-error-kind")])));
        };
        (kind, iro)
    } else {
        let Some((_, sent)) = letter_for_staff(db, user, id, Need::Answer).await? else {
            return Ok(None);
        };
        if !sent {
            return Ok(None);
        }
        ("answer", store::child_email(db.pool(), id).await?)
    };
    let body = match rules::reply_body(form) {
        Ok(body) => body,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    store::insert_reply(
        &mut tx,
        &store::NewReply {
            letter_id: id,
            author_account_id: user.account_id,
            kind,
            body,
            language: app::i18n::Locale::from_code(&form.language).map(|l| l.code()),
        },
    )
    .await?;
    notify::replied(&mut tx, to, kind == "answer", base_url).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::LetterReplied,
        Some(format!("letter:{id}")),
    )
    .await?;
    // A child's reply is checked like any answer of theirs.
    let help = user.role == Role::Child && safety::has_risk_phrase(body);
    if help {
        let child_id = store::child_of_letter(&mut tx, id).await?;
        safety::raise_alert(
            &mut tx,
            child_id,
            safety::Source::Letter(id),
            "words",
            base_url,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(help)))
}

fn summary_of(row: store::SummaryRow) -> LetterSummary {
    LetterSummary {
        id: row.id,
        draft: row.sent_at.is_none(),
        sent_on: row.sent_at.and_then(iso_date),
        first_read_on: row.first_read_at.and_then(iso_date),
        corrects_sent_on: row.corrects_sent_at.and_then(iso_date),
        waiting_replies: usize::try_from(row.waiting_replies).unwrap_or(0),
    }
}

/// A child's letters, newest first, drafts included (for their IRO's
/// page about the child).
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<LetterSummary>> {
    Ok(store::summaries(db, child_id, false)
        .await?
        .into_iter()
        .map(summary_of)
        .collect())
}

/// Letters of this IRO's children with a reply not yet answered:
/// (letter id, child's name).
pub async fn waiting_replies(db: &Db, user: &CurrentUser) -> anyhow::Result<Vec<(i64, String)>> {
    if user.role != Role::Iro {
        return Ok(Vec::new());
    }
    store::waiting_replies(db, user.account_id).await
}

/// How many unread letters, as a column for a query over `children c`.
pub use store::UNREAD_OF_CHILD;

async fn mine(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<MyLetters>> {
    let Some(child_id) = child_of(db, user).await? else {
        return Ok(None);
    };
    let letters = store::summaries(db, child_id, true)
        .await?
        .into_iter()
        .map(summary_of)
        .collect();
    let iro_name = crate::accounts::children::iro_name(db, child_id).await?;
    Ok(Some(MyLetters { letters, iro_name }))
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
        if !store::is_childs_sent_letter(db, id, child_id).await? {
            return Ok(None);
        }
        // The first opening is the read receipt; later ones change nothing.
        // Only an opening the child made themself counts: a page another
        // site makes the browser fetch records nothing.
        if own_navigation {
            store::mark_read(db, id).await?;
        }
    } else {
        let Some((child_id, _)) = letter_for_staff(db, user, id, Need::Read).await? else {
            return Ok(None);
        };
        record_reading(db.pool(), user, Some(child_id), Reading::Letter(id)).await?;
    }
    let row = store::letter(db, id).await?;
    let replies = store::replies(db, id).await?;
    let child_name = row.child_name;
    Ok(Some(Letter {
        id: row.id,
        child_id: row.child_id,
        child_age: parse_date(&row.date_of_birth).map_or(0, |born| age_on(born, today())),
        iro_name: row.iro_name,
        language: row.language,
        draft: row.sent_at.is_none(),
        sent_on: row.sent_at.and_then(iso_date),
        first_read_on: row.first_read_at.and_then(iso_date),
        corrects_sent_on: row.corrects_sent_at.and_then(iso_date),
        replies: replies
            .into_iter()
            .map(|r| Reply {
                from_child: r.role == "child",
                author: if r.role == "child" {
                    child_name.clone()
                } else {
                    r.author
                },
                kind: r.kind,
                body: r.body,
                on: iso_date(r.sent_at).unwrap_or_default(),
                language: r.language,
            })
            .collect(),
        for_child,
        readability: (!for_child && row.sent_at.is_none())
            .then(|| readability::measure(&row.body))
            .flatten(),
        child_name,
        body: row.body,
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

//! The child's consultation before their review, kept so that nothing a
//! child writes is lost: each save is its own durable transaction, a save
//! changes only the fields this device changed (a clash with another
//! device's save is shown to the child, never silently overwritten), and
//! nothing here is ever deleted.
//!
//! Safety: the worst face on "feeling safe", or words from the shipped
//! list of risk phrases, raise an urgent alert for the child's IRO (or the
//! managers, when the child has no IRO) with an email that carries none of
//! the child's words. The alert stands whether or not the child sends.
//!
//! In the areas' shape: the operations here; `rules` (checks, the merge of
//! two devices' saves, UK time), `store` (all the SQL), `notify` (emails).

pub mod notify;
pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Role},
    consultations::{
        Answer, ConsultationsApi, MyConsultation, Status, Summary, TakingPartForm, TopicForm,
        TrendPoint, topics_for,
    },
};

use crate::{
    accounts::{
        access::{Reading, record_reading, words_access},
        audit::{AuditAction, record},
        for_page,
        invitations::may_see_child,
        schedule,
    },
    calendar::{self, age_on, parse_date},
    safety::{self, Source},
    storage::{Db, iso_date},
};
pub use rules::{Base, Saved, check_text, review_started};
use rules::{choices, is_locked};
use store::Version;

/// Whether the child sent their views through MySay for this review.
pub async fn views_sent(db: &Db, child_id: i64, review_sequence: i64) -> anyhow::Result<bool> {
    Ok(store::sent_count(db, child_id, review_sequence).await? > 0)
}

/// The child record behind a child's account, with their age today.
async fn child_of(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<(i64, i64)>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    Ok(store::child_of_account(db, user.account_id)
        .await?
        .and_then(|(id, born)| parse_date(&born).map(|born| (id, age_on(born, calendar::today())))))
}

/// A signed-in child's age today (0 for anyone else).
pub async fn age_of(db: &Db, user: &CurrentUser) -> anyhow::Result<i64> {
    Ok(child_of(db, user).await?.map_or(0, |(_, age)| age))
}

/// The next review's number and, when scheduled, its day and time.
async fn next_review(
    db: &Db,
    child_id: i64,
) -> anyhow::Result<(i64, Option<String>, Option<String>)> {
    let calendar = calendar::load_calendar(db).await?;
    let next = schedule::next_review(db, &calendar, child_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("child {child_id} has no record"))?;
    Ok((next.sequence, next.scheduled_on, next.scheduled_time))
}

/// The child saves a topic. `Ok(None)` for anyone but a child, or an
/// unknown topic.
pub async fn save_topic(
    db: &Db,
    user: &CurrentUser,
    topic: &str,
    form: TopicForm,
    base_url: &str,
) -> anyhow::Result<Option<Saved>> {
    let Some((child_id, age)) = child_of(db, user).await? else {
        return Ok(None);
    };
    if !topics_for(age).any(|t| t == topic) {
        return Ok(None);
    }
    let (sequence, on, at) = next_review(db, child_id).await?;
    if is_locked(on.as_deref(), at.as_deref()) {
        return Ok(Some(Saved::Locked));
    }
    let (mut form, feeling) = match rules::parse_topic(form) {
        Ok(parsed) => parsed,
        Err(form) => return Ok(Some(Saved::Problems(form))),
    };
    let mut tx = db.begin_write().await?;
    let consultation = store::consultation_id(&mut tx, child_id, sequence).await?;
    let stored = store::stored_answer(&mut tx, consultation, topic).await?;
    let Some(merged) = rules::merge_topic(&mut form, feeling, stored) else {
        tx.rollback().await?;
        return Ok(Some(Saved::Problems(Box::new(form))));
    };
    let now = &merged.answer;
    store::store_answer(&mut tx, consultation, topic, now).await?;
    let mut help = false;
    if topic == "safe" && now.feeling == Some(1) {
        safety::raise_alert(
            &mut tx,
            child_id,
            Source::Consultation(consultation),
            "feeling",
            base_url,
        )
        .await?;
        help = true;
    }
    if safety::has_risk_phrase(&now.text) {
        safety::raise_alert(
            &mut tx,
            child_id,
            Source::Consultation(consultation),
            "words",
            base_url,
        )
        .await?;
        help = true;
    }
    tx.commit().await?;
    Ok(Some(Saved::Done {
        help,
        base: merged.base(&form),
    }))
}

/// The child says how they want to take part. `Ok(None)` for anyone but a
/// child; `Err` problems leave everything as it was.
pub async fn save_taking_part(
    db: &Db,
    user: &CurrentUser,
    form: &mut TakingPartForm,
) -> anyhow::Result<Option<Result<(), Vec<(&'static str, &'static str)>>>> {
    let Some((child_id, _)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let (sequence, on, at) = next_review(db, child_id).await?;
    let problems = rules::check_taking_part(form, is_locked(on.as_deref(), at.as_deref()));
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    let consultation = store::consultation_id(&mut tx, child_id, sequence).await?;
    let stored = store::stored_taking_part(&mut tx, consultation).await?;
    let now = match rules::merge_taking_part(form, stored) {
        Ok(now) => now,
        Err(clashed) => {
            tx.rollback().await?;
            return Ok(Some(Err(clashed
                .into_iter()
                .map(|field| (field, "consultation-error-clash-choice"))
                .collect())));
        }
    };
    let language = app::i18n::Locale::from_code(&form.language).map(|l| l.code());
    store::store_taking_part(&mut tx, consultation, &now, language).await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The child sends their consultation to their IRO (again, after
/// changes). `Ok(None)` for anyone but a child; `Ok(Some(false))` when the
/// review has started or nothing has been written yet.
pub async fn submit(db: &Db, user: &CurrentUser, base_url: &str) -> anyhow::Result<Option<bool>> {
    let Some((child_id, age)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let (sequence, on, at) = next_review(db, child_id).await?;
    if is_locked(on.as_deref(), at.as_deref()) {
        return Ok(Some(false));
    }
    let mut tx = db.begin_write().await?;
    let consultation = store::consultation_id(&mut tx, child_id, sequence).await?;
    // The figures count the child by their age band when they sent it.
    store::send(&mut tx, consultation, calendar::age_band(age)).await?;
    notify::views_sent(&mut tx, child_id, base_url).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ConsultationSubmitted,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(true))
}

/// The IRO (or a manager) marks the child's latest sent consultation as
/// read. `Ok(false)` when not theirs or nothing has been sent.
pub async fn mark_read(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<bool> {
    // Only someone who can read the words can say they have read them.
    if words_access(db, user, child_id).await?.is_none() {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    let changed = store::mark_read(&mut tx, child_id, user.account_id).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ConsultationMarkedRead,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(changed || store::ever_sent(db, child_id).await? > 0)
}

/// A consultation's answers, in topic order.
async fn answers(db: &Db, consultation: i64, version: Version) -> anyhow::Result<Vec<Answer>> {
    let mut list: Vec<Answer> = store::answers(db, consultation, version)
        .await?
        .into_iter()
        .map(|row| Answer {
            topic: row.topic,
            feeling: row.feeling.and_then(|f| u8::try_from(f).ok()),
            text: row.answer_text.unwrap_or_default(),
            talk_about: row.talk_about == Some(1),
            share: row.share_at_meeting == Some(1),
            use_words: row.use_words == Some(1),
            language: row.language,
        })
        .collect();
    let order = |topic: &str| app::consultations::TOPICS.iter().position(|t| *t == topic);
    list.sort_by_key(|a| order(&a.topic));
    Ok(list)
}

/// Whether the child has changed anything since they last sent it (or has
/// never sent it): what the IRO has is not what the child has now.
async fn changed_since_sent(db: &Db, stored: &store::Stored) -> anyhow::Result<bool> {
    if stored.submitted_at.is_none() {
        return Ok(true);
    }
    let now = answers(db, stored.id, Version::Current).await?;
    let sent = answers(db, stored.id, Version::Sent).await?;
    let blank = |a: &Answer| {
        a.feeling.is_none() && a.text.is_empty() && !a.talk_about && !a.share && !a.use_words
    };
    let differs = now
        .iter()
        .any(|a| match sent.iter().find(|s| s.topic == a.topic) {
            Some(s) => {
                s.feeling != a.feeling
                    || s.text != a.text
                    || s.talk_about != a.talk_about
                    || s.share != a.share
                    || s.use_words != a.use_words
            }
            None => !blank(a),
        });
    let both = store::taking_part_both(db, stored.id).await?;
    let taking_part_differs = Some(both.take_part) != both.sent_take_part
        || Some(both.who_there) != both.sent_who_there
        || Some(both.where_held) != both.sent_where_held;
    Ok(differs || taking_part_differs)
}

fn status_of(row: Option<&store::Stored>) -> Status {
    rules::status_of(
        row.map(|r| r.status.as_str()),
        row.is_some_and(|r| r.read_at.is_some()),
    )
}

/// Where a child's consultation for their next review (its number)
/// stands, from their consultations packed as [`STATUSES_OF_CHILD`] gives
/// them (the caseload and the child's home: no query of its own).
pub fn status_for_next_of(next: i64, packed: Option<&str>) -> Status {
    packed
        .unwrap_or_default()
        .split(',')
        .rev()
        .find_map(|one| {
            let mut fields = one.splitn(3, ':');
            let sequence: i64 = fields.next()?.parse().ok()?;
            let status = fields.next()?;
            let read = fields.next()? == "1";
            (sequence == next).then(|| rules::status_of(Some(status), read))
        })
        .unwrap_or(Status::NotStarted)
}

/// Each of a child's consultations, as a column for a query over
/// `children c`: `review number:status:read` (`1` or `0`) joined by
/// commas (statuses are single words). Read by [`status_for_next_of`].
pub use store::STATUSES_OF_CHILD;

async fn mine(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<MyConsultation>> {
    let Some((child_id, age)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let (sequence, review_on, review_time) = next_review(db, child_id).await?;
    let row = store::consultation(db, child_id, Some(sequence), Version::Current).await?;
    let iro_name = crate::accounts::children::iro_name(db, child_id).await?;
    let answers = match &row {
        Some(row) => answers(db, row.id, Version::Current).await?,
        None => Vec::new(),
    };
    let changed_since_sent = match &row {
        Some(row) if row.submitted_at.is_some() => changed_since_sent(db, row).await?,
        _ => false,
    };
    Ok(Some(MyConsultation {
        age,
        status: status_of(row.as_ref()),
        answers,
        take_part: row
            .as_ref()
            .map(|r| choices(&r.take_part))
            .unwrap_or_default(),
        who_there: row
            .as_ref()
            .map(|r| r.who_there.clone())
            .unwrap_or_default(),
        where_held: row
            .as_ref()
            .map(|r| r.where_held.clone())
            .unwrap_or_default(),
        iro_name,
        locked: is_locked(review_on.as_deref(), review_time.as_deref()),
        review_on,
        review_time,
        submitted_on: row.as_ref().and_then(|r| r.submitted_at).and_then(iso_date),
        read: row
            .as_ref()
            .and_then(|r| Some((r.read_by.clone()?, iso_date(r.read_at?)?))),
        changed_since_sent,
    }))
}

/// A child's consultation as staff read it: the copy the child last
/// sent, never a draft (that a draft or unsent changes exist is said, not
/// shown). The words only for someone who may read them (the child's IRO,
/// a manager covering or who opened the record); with `meeting`, only what
/// the child said may be shared, beside what they chose to share last time.
pub async fn summary(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    meeting: bool,
) -> anyhow::Result<Option<Summary>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let access = words_access(db, user, child_id).await?;
    let child_name = store::child_name(db, child_id).await?;
    // The consultation for the child's latest review: its sent copy, if it
    // was sent; a draft shows nothing but that it exists.
    let latest = store::consultation(db, child_id, None, Version::Current).await?;
    let sent = match &latest {
        Some(latest) if latest.submitted_at.is_some() => {
            store::consultation(db, child_id, Some(latest.review_sequence), Version::Sent).await?
        }
        _ => None,
    };
    let unsent_changes = match &latest {
        Some(latest) => changed_since_sent(db, latest).await?,
        None => false,
    };
    let (answers, previous) = match (&latest, &access) {
        (Some(latest), Some(_)) => {
            let previous = match store::previous_sent(db, child_id, latest.id).await? {
                Some(id) => answers(db, id, Version::Sent)
                    .await?
                    .into_iter()
                    // The meeting copy shows last time's feeling only where
                    // the child let last time's answer be shared.
                    .filter(|a| !meeting || a.share)
                    .filter_map(|a| Some((a.topic, a.feeling?)))
                    .collect(),
                None => Vec::new(),
            };
            let mut answers = match &sent {
                Some(row) => answers(db, row.id, Version::Sent).await?,
                None => Vec::new(),
            };
            if meeting {
                answers.retain(|a| a.share);
            }
            (answers, previous)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let shown = access.is_some();
    // The trend is for the IRO's own reading: never the meeting copy.
    let trend = if shown && !meeting {
        trend_of(db, child_id).await?
    } else {
        Vec::new()
    };
    if shown {
        // Every time staff open a child's words, it is recorded.
        record_reading(db.pool(), user, Some(child_id), Reading::Consultation).await?;
    }
    // Who the child wants there and where are their words, with no sharing
    // choice of their own: just for the IRO, so never in the meeting copy.
    let words = |text: &str| {
        if shown && !meeting {
            text.to_owned()
        } else {
            String::new()
        }
    };
    Ok(Some(Summary {
        child_id,
        child_name,
        status: status_of(latest.as_ref()),
        answers,
        previous_feelings: previous,
        trend,
        take_part: sent
            .as_ref()
            .filter(|_| shown)
            .map(|r| choices(&r.take_part))
            .unwrap_or_default(),
        who_there: sent
            .as_ref()
            .map(|r| words(&r.who_there))
            .unwrap_or_default(),
        where_held: sent
            .as_ref()
            .map(|r| words(&r.where_held))
            .unwrap_or_default(),
        taking_part_language: sent.as_ref().and_then(|r| r.taking_part_language.clone()),
        submitted_on: sent
            .as_ref()
            .and_then(|r| r.submitted_at)
            .and_then(iso_date),
        read: sent
            .as_ref()
            .and_then(|r| Some((r.read_by.clone()?, iso_date(r.read_at?)?))),
        unsent_changes,
        words_hidden: !shown,
        access_note: access.and_then(|a| a.note_key()).map(str::to_owned),
    }))
}

/// The child's feelings each time they sent their views (the last six,
/// oldest first): what they sent, never a draft.
async fn trend_of(db: &Db, child_id: i64) -> anyhow::Result<Vec<TrendPoint>> {
    let mut points = Vec::new();
    for (id, sent_at) in store::sent_history(db, child_id, 6).await? {
        let feelings: Vec<(String, u8)> = answers(db, id, Version::Sent)
            .await?
            .into_iter()
            .filter_map(|a| Some((a.topic, a.feeling?)))
            .collect();
        let month = iso_date(sent_at)
            .map(|d| d.chars().take(7).collect())
            .unwrap_or_default();
        points.push(TrendPoint { month, feelings });
    }
    points.reverse();
    Ok(points)
}

/// The consultation operations over the database.
pub struct ConsultationsService {
    pub db: Db,
}

impl ConsultationsApi for ConsultationsService {
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyConsultation> {
        Box::pin(async move { for_page(mine(&self.db, user).await, "a consultation page") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caseload_reads_the_status_of_the_next_reviews_consultation() -> anyhow::Result<()> {
        let calendar = calendar::Calendar::with_extra(std::iter::empty());
        // Review 1 held, so review 2 is next.
        let stored = schedule::stored_of(
            7,
            "2012-03-04",
            "2024-01-02",
            None,
            Some("1,2024-01-20,,2024-01-20,PN1"),
        )?;
        let next = schedule::rows(&stored, &calendar).1.sequence;
        assert_eq!(next, 2);
        let status = |packed| status_for_next_of(next, packed);
        assert_eq!(status(None), Status::NotStarted);
        assert_eq!(status(Some("1:submitted:1")), Status::NotStarted);
        assert_eq!(status(Some("1:submitted:1,2:draft:0")), Status::InProgress);
        assert_eq!(
            status(Some("2:submitted:0,1:submitted:1")),
            Status::Submitted
        );
        assert_eq!(status(Some("2:submitted:1")), Status::Read);
        Ok(())
    }
}

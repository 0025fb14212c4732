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

use app::{
    accounts::{CurrentUser, Pending, Role},
    consultations::{
        Answer, ConsultationsApi, MyConsultation, SHORT_LIMIT, Status, Summary, TEXT_LIMIT,
        TakingPartForm, TopicForm, fingerprint, topics_for,
    },
};
use sqlx::Row;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, Weekday};

use crate::safety::Source;
use crate::{
    accounts::schedule,
    accounts::{
        audit::{AuditAction, record},
        for_page,
        invitations::may_see_child,
    },
    calendar::{self, age_on, parse_date},
    email::{self, Email},
    storage::{Db, iso_date, now_millis},
};

/// A problem with the child's words, as a message key.
pub fn check_text(text: &str) -> Option<&'static str> {
    crate::text::check(text, TEXT_LIMIT, "consultation-error-too-long")
}

/// Whether the child sent their views through MySay for this review.
pub async fn views_sent(db: &Db, child_id: i64, review_sequence: i64) -> anyhow::Result<bool> {
    let sent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM consultations WHERE child_id = $1 AND review_sequence = $2 AND status = 'submitted'",
    )
    .bind(child_id)
    .bind(review_sequence)
    .fetch_one(db.pool())
    .await?;
    Ok(sent > 0)
}

/// The UK's offset from UTC on an instant: one hour from 01:00 UTC on the
/// last Sunday of March to 01:00 UTC on the last Sunday of October.
fn uk_offset_hours(utc: PrimitiveDateTime) -> i64 {
    let last_sunday = |month: time::Month| {
        let mut day = Date::from_calendar_date(
            utc.year(),
            month,
            time::util::days_in_month(month, utc.year()),
        )
        .unwrap_or(utc.date());
        while day.weekday() != Weekday::Sunday {
            day = day.previous_day().unwrap_or(day);
        }
        PrimitiveDateTime::new(day, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
    };
    let summer = last_sunday(time::Month::March)..last_sunday(time::Month::October);
    i64::from(summer.contains(&utc))
}

/// Whether a review at this UK date and time has started.
pub fn review_started(on: &str, at: &str, now: OffsetDateTime) -> bool {
    let Some(day) = parse_date(on) else {
        return false;
    };
    let (hours, minutes) = at.split_once(':').unwrap_or(("00", "00"));
    let time = Time::from_hms(hours.parse().unwrap_or(0), minutes.parse().unwrap_or(0), 0)
        .unwrap_or(Time::MIDNIGHT);
    let utc_now = PrimitiveDateTime::new(now.date(), now.time());
    let uk_now = utc_now + time::Duration::hours(uk_offset_hours(utc_now));
    uk_now >= PrimitiveDateTime::new(day, time)
}

/// The child record behind a child's account, with their age today.
async fn child_of(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<(i64, i64)>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, date_of_birth FROM children WHERE account_id = $1")
            .bind(user.account_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row
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

fn is_locked(on: Option<&str>, at: Option<&str>) -> bool {
    match (on, at) {
        (Some(on), Some(at)) => review_started(on, at, OffsetDateTime::now_utc()),
        _ => false,
    }
}

/// The consultation row for this review, made if there is none yet.
async fn consultation_id(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    child_id: i64,
    sequence: i64,
) -> anyhow::Result<i64> {
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

/// What became of a save.
#[derive(Debug)]
pub enum Saved {
    /// Stored. `help` when it raised an alert: show Help now. `base` is
    /// what the page now stands on, for a page that stays open (saving as
    /// the child types).
    Done { help: bool, base: Base },
    /// Not stored: the form to show again, with what was typed.
    Problems(Box<TopicForm>),
    /// The review has started: nothing can change now.
    Locked,
}

/// What a topic page stands on after a save: for each field the page's
/// value where it is now the stored one, else the base it had (the field
/// was changed on another device, not here, so a later save keeps that).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Base {
    pub feeling: String,
    /// The text's fingerprint.
    pub text: String,
    pub talk_about: String,
    pub share: String,
}

impl Base {
    /// The fields as a form body, for a page saving as the child types.
    pub fn to_form_body(&self, help: bool) -> String {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("saved", "1")
            .append_pair("help", if help { "1" } else { "0" })
            .append_pair("base_feeling", &self.feeling)
            .append_pair("base_text", &self.text)
            .append_pair("base_talk_about", &self.talk_about)
            .append_pair("base_share", &self.share)
            .finish()
    }
}

fn bool_field(text: &str) -> bool {
    matches!(text, "yes" | "true" | "on" | "1")
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
    let mut form = form;
    let feeling: Option<u8> = match form.feeling.as_str() {
        "" => None,
        text => match text.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                form.errors.push(("feeling", "consultation-error-feeling"));
                None
            }
        },
    };
    if let Some(problem) = check_text(&form.text) {
        form.errors.push(("text", problem));
    }
    if !form.errors.is_empty() {
        return Ok(Some(Saved::Problems(Box::new(form))));
    }
    let mut tx = db.begin_write().await?;
    let consultation = consultation_id(&mut tx, child_id, sequence).await?;
    let stored = sqlx::query(
        "SELECT feeling, answer_text, talk_about, share_at_meeting, language FROM consultation_answers \
         WHERE consultation_id = $1 AND topic = $2",
    )
    .bind(consultation)
    .bind(topic)
    .fetch_optional(&mut *tx)
    .await?;
    let (stored_feeling, stored_text, stored_talk, stored_share, stored_language) = match stored {
        Some(row) => (
            row.try_get::<Option<i64>, _>(0)?
                .and_then(|f| u8::try_from(f).ok()),
            row.try_get::<String, _>(1)?,
            row.try_get::<i64, _>(2)? == 1,
            row.try_get::<i64, _>(3)? == 1,
            row.try_get::<Option<String>, _>(4)?,
        ),
        None => (None, String::new(), false, false, None),
    };
    // Each field: unchanged on this device keeps what is stored; changed
    // here and not elsewhere takes this device's; changed in both places
    // differently stores nothing and shows the child both, for every
    // field alike (the face, the text, "talk about this", who may see it).
    let base_feeling = form.base_feeling.parse::<u8>().ok();
    let feeling_now = if feeling == base_feeling {
        stored_feeling
    } else {
        feeling
    };
    let talk = bool_field(&form.talk_about);
    let base_talk = bool_field(&form.base_talk_about);
    let talk_now = if talk == base_talk { stored_talk } else { talk };
    let share = form.share == "meeting";
    let base_share = form.base_share == "meeting";
    let share_now = if share == base_share {
        stored_share
    } else {
        share
    };
    let typed_changed = fingerprint(&form.text) != form.base_text;
    let stored_changed = fingerprint(&stored_text) != form.base_text;
    let clash = |mine: bool, theirs: bool, differ: bool| mine && theirs && differ;
    let mut clashed = false;
    if clash(typed_changed, stored_changed, stored_text != form.text) {
        form.other_text = Some(stored_text.clone());
        form.base_text = fingerprint(&stored_text);
        form.errors.push(("text", "consultation-error-clash"));
        clashed = true;
    }
    if clash(
        feeling != base_feeling,
        stored_feeling != base_feeling,
        stored_feeling != feeling,
    ) {
        form.other_feeling = Some(stored_feeling);
        form.base_feeling = stored_feeling.map(|f| f.to_string()).unwrap_or_default();
        form.errors
            .push(("feeling", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clash(
        talk != base_talk,
        stored_talk != base_talk,
        stored_talk != talk,
    ) {
        form.other_talk_about = Some(stored_talk);
        form.base_talk_about = if stored_talk { "yes" } else { "" }.to_owned();
        form.errors
            .push(("talk_about", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clash(
        share != base_share,
        stored_share != base_share,
        stored_share != share,
    ) {
        form.other_share = Some(stored_share);
        form.base_share = if stored_share { "meeting" } else { "iro" }.to_owned();
        form.errors
            .push(("share", "consultation-error-clash-choice"));
        clashed = true;
    }
    if clashed {
        tx.rollback().await?;
        return Ok(Some(Saved::Problems(Box::new(form))));
    }
    let (text_now, language_now) = if typed_changed {
        (
            form.text.clone(),
            app::i18n::Locale::from_code(&form.language).map(|l| l.code().to_owned()),
        )
    } else {
        (stored_text, stored_language)
    };
    let now = now_millis();
    let updated = sqlx::query(
        "UPDATE consultation_answers SET feeling = $1, answer_text = $2, talk_about = $3, \
         share_at_meeting = $4, updated_at = $5, language = $6 WHERE consultation_id = $7 AND topic = $8",
    )
    .bind(feeling_now.map(i64::from))
    .bind(&text_now)
    .bind(i64::from(talk_now))
    .bind(i64::from(share_now))
    .bind(now)
    .bind(language_now.as_deref())
    .bind(consultation)
    .bind(topic)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO consultation_answers (consultation_id, topic, feeling, answer_text, talk_about, \
             share_at_meeting, updated_at, language) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(consultation)
        .bind(topic)
        .bind(feeling_now.map(i64::from))
        .bind(&text_now)
        .bind(i64::from(talk_now))
        .bind(i64::from(share_now))
        .bind(now)
        .bind(language_now.as_deref())
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE consultations SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(consultation)
        .execute(&mut *tx)
        .await?;
    let mut help = false;
    if topic == "safe" && feeling_now == Some(1) {
        crate::safety::raise_alert(
            &mut tx,
            child_id,
            Source::Consultation(consultation),
            "feeling",
            base_url,
        )
        .await?;
        help = true;
    }
    if crate::safety::has_risk_phrase(&text_now) {
        crate::safety::raise_alert(
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
    let keep = |page_has_it: bool, now: String, before: &str| {
        if page_has_it { now } else { before.to_owned() }
    };
    let yes = |on: bool| if on { "yes" } else { "" }.to_owned();
    let base = Base {
        feeling: keep(
            feeling == feeling_now,
            feeling_now.map(|f| f.to_string()).unwrap_or_default(),
            &form.base_feeling,
        ),
        text: keep(
            form.text == text_now,
            fingerprint(&text_now),
            &form.base_text,
        ),
        talk_about: keep(talk == talk_now, yes(talk_now), &form.base_talk_about),
        share: keep(
            share == share_now,
            if share_now { "meeting" } else { "iro" }.to_owned(),
            &form.base_share,
        ),
    };
    Ok(Some(Saved::Done { help, base }))
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
    let mut problems = Vec::new();
    if is_locked(on.as_deref(), at.as_deref()) {
        problems.push(("take_part", "consultation-error-locked"));
    }
    let ticked = [
        &form.speak,
        &form.advocate,
        &form.send_views,
        &form.meet_before,
        &form.chair,
    ];
    if ticked.iter().any(|v| !v.is_empty() && v.as_str() != "yes") {
        problems.push(("take_part", "consultation-error-choice"));
    }
    for (field, text) in [
        ("who_there", &form.who_there),
        ("where_held", &form.where_held),
    ] {
        if text.chars().count() > SHORT_LIMIT {
            problems.push((field, "consultation-error-short-too-long"));
        } else if text.chars().any(crate::text::is_refused_char) {
            problems.push((field, "consultation-error-characters"));
        }
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    let consultation = consultation_id(&mut tx, child_id, sequence).await?;
    let (stored_choices, stored_who, stored_where): (String, String, String) =
        sqlx::query_as("SELECT take_part, who_there, where_held FROM consultations WHERE id = $1")
            .bind(consultation)
            .fetch_one(&mut *tx)
            .await?;
    // As on a topic: a field changed here and on another device since this
    // page was opened, differently, is not saved; the child sees both.
    let ticked = form.chosen().join(",");
    let (who, place) = (
        form.who_there.trim().to_owned(),
        form.where_held.trim().to_owned(),
    );
    let mut clashed = Vec::new();
    let (mut choices_now, mut who_now, mut where_now) =
        (ticked.clone(), who.clone(), place.clone());
    if form.based == "1" {
        let changed = |mine: &str, stored: &str, base: &str| (mine != base, stored != base);
        match changed(&ticked, &stored_choices, &form.base_choices) {
            (true, true) if ticked != stored_choices => clashed.push("take_part"),
            (false, _) => choices_now.clone_from(&stored_choices),
            _ => {}
        }
        let (mine, theirs) = (
            fingerprint(&who) != form.base_who,
            fingerprint(&stored_who) != form.base_who,
        );
        if mine && theirs && who != stored_who {
            clashed.push("who_there");
        } else if !mine {
            who_now.clone_from(&stored_who);
        }
        let (mine, theirs) = (
            fingerprint(&place) != form.base_where,
            fingerprint(&stored_where) != form.base_where,
        );
        if mine && theirs && place != stored_where {
            clashed.push("where_held");
        } else if !mine {
            where_now.clone_from(&stored_where);
        }
    }
    if !clashed.is_empty() {
        tx.rollback().await?;
        for field in &clashed {
            match *field {
                "take_part" => form.other_choices = Some(choices(&stored_choices)),
                "who_there" => form.other_who = Some(stored_who.clone()),
                _ => form.other_where = Some(stored_where.clone()),
            }
        }
        form.base_choices = stored_choices;
        form.base_who = fingerprint(&stored_who);
        form.base_where = fingerprint(&stored_where);
        return Ok(Some(Err(clashed
            .into_iter()
            .map(|field| (field, "consultation-error-clash-choice"))
            .collect())));
    }
    sqlx::query(
        "UPDATE consultations SET take_part = $1, who_there = $2, where_held = $3, updated_at = $4, \
         taking_part_language = $5 WHERE id = $6",
    )
    .bind(choices_now)
    .bind(who_now)
    .bind(where_now)
    .bind(now_millis())
    .bind(app::i18n::Locale::from_code(&form.language).map(|l| l.code()))
    .bind(consultation)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The child sends their consultation to their IRO (again, after
/// changes). `Ok(None)` for anyone but a child; `Ok(Some(false))` when the
/// review has started or nothing has been written yet.
pub async fn submit(db: &Db, user: &CurrentUser, base_url: &str) -> anyhow::Result<Option<bool>> {
    let Some((child_id, _)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let (sequence, on, at) = next_review(db, child_id).await?;
    if is_locked(on.as_deref(), at.as_deref()) {
        return Ok(Some(false));
    }
    let mut tx = db.begin_write().await?;
    let consultation = consultation_id(&mut tx, child_id, sequence).await?;
    let now = now_millis();
    // What the IRO reads is what is sent now: a copy of every answer and
    // of how the child wants to take part. A resubmission after changes
    // asks the IRO to read it again.
    sqlx::query(
        "UPDATE consultations SET status = 'submitted', submitted_at = $1, updated_at = $1, \
         read_at = NULL, read_by = NULL, sent_take_part = take_part, sent_who_there = who_there, \
         sent_where_held = where_held, sent_taking_part_language = taking_part_language \
         WHERE id = $2",
    )
    .bind(now)
    .bind(consultation)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE consultation_answers SET sent_feeling = feeling, sent_text = answer_text, \
         sent_talk_about = talk_about, sent_share_at_meeting = share_at_meeting, \
         sent_language = language, sent_at = $1 WHERE consultation_id = $2",
    )
    .bind(now)
    .bind(consultation)
    .execute(&mut *tx)
    .await?;
    for to in crate::safety::staff_to_tell(&mut tx, child_id).await? {
        email::enqueue(
            &mut *tx,
            &Email {
                to,
                subject: "A child has shared their views in MySay".to_owned(),
                body: format!(
                    "A child on your caseload has sent their views for their next review.\n\n\
                     Sign in to read them:\n{base_url}/home\n\n\
                     This email does not include anything the child wrote.\n"
                ),
            },
        )
        .await?;
    }
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
    if crate::accounts::access::words_access(db, user, child_id)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE consultations SET read_at = $1, read_by = $2 WHERE id = \
         (SELECT MAX(id) FROM consultations WHERE child_id = $3 AND status = 'submitted') AND read_at IS NULL",
    )
    .bind(now_millis())
    .bind(user.account_id)
    .bind(child_id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ConsultationMarkedRead,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(changed.rows_affected() == 1
        || sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM consultations WHERE child_id = $1 AND status = 'submitted'",
        )
        .bind(child_id)
        .fetch_one(db.pool())
        .await?
            > 0)
}

/// Which copy of a consultation to read: what the child has now (their
/// own pages), or what they last sent (everyone else).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Version {
    Current,
    Sent,
}

/// A consultation's answers, in topic order. Of the sent copy, only
/// answers that were sent.
async fn answers(db: &Db, consultation: i64, version: Version) -> anyhow::Result<Vec<Answer>> {
    let sql = match version {
        Version::Current => {
            "SELECT topic, feeling, answer_text, talk_about, share_at_meeting, language \
             FROM consultation_answers WHERE consultation_id = $1"
        }
        Version::Sent => {
            "SELECT topic, sent_feeling AS feeling, sent_text AS answer_text, \
             sent_talk_about AS talk_about, sent_share_at_meeting AS share_at_meeting, \
             sent_language AS language FROM consultation_answers \
             WHERE consultation_id = $1 AND sent_at IS NOT NULL"
        }
    };
    let rows = sqlx::query(sql)
        .bind(consultation)
        .fetch_all(db.pool())
        .await?;
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        list.push(Answer {
            topic: row.try_get("topic")?,
            feeling: row
                .try_get::<Option<i64>, _>("feeling")?
                .and_then(|f| u8::try_from(f).ok()),
            text: row
                .try_get::<Option<String>, _>("answer_text")?
                .unwrap_or_default(),
            talk_about: row.try_get::<Option<i64>, _>("talk_about")? == Some(1),
            share: row.try_get::<Option<i64>, _>("share_at_meeting")? == Some(1),
            language: row.try_get("language")?,
        });
    }
    let order = |topic: &str| app::consultations::TOPICS.iter().position(|t| *t == topic);
    list.sort_by_key(|a| order(&a.topic));
    Ok(list)
}

/// Whether the child has changed anything since they last sent it (or has
/// never sent it): what the IRO has is not what the child has now.
async fn changed_since_sent(db: &Db, stored: &Stored) -> anyhow::Result<bool> {
    if stored.submitted_at.is_none() {
        return Ok(true);
    }
    let now = answers(db, stored.id, Version::Current).await?;
    let sent = answers(db, stored.id, Version::Sent).await?;
    let blank = |a: &Answer| a.feeling.is_none() && a.text.is_empty() && !a.talk_about && !a.share;
    let differs = now
        .iter()
        .any(|a| match sent.iter().find(|s| s.topic == a.topic) {
            Some(s) => {
                s.feeling != a.feeling
                    || s.text != a.text
                    || s.talk_about != a.talk_about
                    || s.share != a.share
            }
            None => !blank(a),
        });
    let row: (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT take_part, who_there, where_held, sent_take_part, sent_who_there, sent_where_held \
             FROM consultations WHERE id = $1",
    )
    .bind(stored.id)
    .fetch_one(db.pool())
    .await?;
    let taking_part_differs = Some(row.0) != row.3 || Some(row.1) != row.4 || Some(row.2) != row.5;
    Ok(differs || taking_part_differs)
}

struct Stored {
    id: i64,
    status: String,
    take_part: String,
    who_there: String,
    where_held: String,
    taking_part_language: Option<String>,
    submitted_at: Option<i64>,
    read_at: Option<i64>,
    read_by: Option<String>,
}

/// A child's consultation: for review `sequence` (or the latest), in
/// the copy `version` (the sent copy only of one that was sent).
async fn consultation_row(
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
    let row = sqlx::query(&format!(
        "SELECT c.id, c.status, {columns}, c.submitted_at, c.read_at, a.display_name AS read_by \
         FROM consultations c LEFT JOIN accounts a ON a.id = c.read_by \
         WHERE c.child_id = $1 AND ($2 < 0 OR c.review_sequence = $2) {sent_only} \
         ORDER BY c.review_sequence DESC LIMIT 1"
    ))
    .bind(child_id)
    .bind(sequence.unwrap_or(-1))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Stored {
            id: row.try_get("id")?,
            status: row.try_get("status")?,
            take_part: row.try_get("take_part")?,
            who_there: row.try_get("who_there")?,
            where_held: row.try_get("where_held")?,
            submitted_at: row.try_get("submitted_at")?,
            read_at: row.try_get("read_at")?,
            read_by: row.try_get("read_by")?,
            taking_part_language: row.try_get("taking_part_language")?,
        })
    })
    .transpose()
}

fn status_of(row: Option<&Stored>) -> Status {
    match row {
        None => Status::NotStarted,
        Some(row) if row.status == "submitted" && row.read_at.is_some() => Status::Read,
        Some(row) if row.status == "submitted" => Status::Submitted,
        Some(_) => Status::InProgress,
    }
}

/// Where the consultation for a child's next review stands.
pub async fn status_for_next(
    db: &Db,
    calendar: &calendar::Calendar,
    child_id: i64,
) -> anyhow::Result<Status> {
    let Some(next) = schedule::next_review(db, calendar, child_id).await? else {
        return Ok(Status::NotStarted);
    };
    let row = consultation_row(db, child_id, Some(next.sequence), Version::Current).await?;
    Ok(status_of(row.as_ref()))
}

fn choices(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn mine(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<MyConsultation>> {
    let Some((child_id, age)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let (sequence, review_on, review_time) = next_review(db, child_id).await?;
    let row = consultation_row(db, child_id, Some(sequence), Version::Current).await?;
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
async fn summary(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    meeting: bool,
) -> anyhow::Result<Option<Summary>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let access = crate::accounts::access::words_access(db, user, child_id).await?;
    let child_name: String = sqlx::query_scalar(
        "SELECT COALESCE(preferred_name, first_name) FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?;
    // The consultation for the child's latest review: its sent copy, if it
    // was sent; a draft shows nothing but that it exists.
    let latest = consultation_row(db, child_id, None, Version::Current).await?;
    let sequence: Option<i64> = match &latest {
        Some(latest) => {
            sqlx::query_scalar("SELECT review_sequence FROM consultations WHERE id = $1")
                .bind(latest.id)
                .fetch_optional(db.pool())
                .await?
        }
        None => None,
    };
    let sent = match (&latest, sequence) {
        (Some(latest), Some(sequence)) if latest.submitted_at.is_some() => {
            consultation_row(db, child_id, Some(sequence), Version::Sent).await?
        }
        _ => None,
    };
    let unsent_changes = match &latest {
        Some(latest) => changed_since_sent(db, latest).await?,
        None => false,
    };
    let (answers, previous) = match (&latest, &access) {
        (Some(latest), Some(_)) => {
            let previous_id: Option<i64> = sqlx::query_scalar(
                "SELECT MAX(id) FROM consultations WHERE child_id = $1 AND id < $2 \
                 AND submitted_at IS NOT NULL",
            )
            .bind(child_id)
            .bind(latest.id)
            .fetch_one(db.pool())
            .await?;
            let previous = match previous_id {
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
    if shown {
        // Every time staff open a child's words, it is recorded.
        crate::accounts::access::record_reading(
            db.pool(),
            user,
            Some(child_id),
            crate::accounts::access::Reading::Consultation,
        )
        .await?;
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

/// The consultation operations over the database.
pub struct ConsultationsService {
    pub db: Db,
}

impl ConsultationsApi for ConsultationsService {
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyConsultation> {
        Box::pin(async move { for_page(mine(&self.db, user).await, "a consultation page") })
    }

    fn summary<'a>(
        &'a self,
        user: &'a CurrentUser,
        child_id: i64,
        meeting: bool,
    ) -> Pending<'a, Summary> {
        Box::pin(async move {
            for_page(
                summary(&self.db, user, child_id, meeting).await,
                "a consultation page",
            )
        })
    }
}

/// Unseen urgent alerts for this person's children (an IRO's own; every
/// child's for a manager): (child id, child's name, reason).
pub async fn open_alerts(
    db: &Db,
    user: &CurrentUser,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let rows: Vec<(i64, String, String)> = match user.role {
        Role::Iro => {
            sqlx::query_as(
                "SELECT s.child_id, COALESCE(c.preferred_name, c.first_name), s.reason \
                 FROM safety_alerts s JOIN children c ON c.id = s.child_id \
                 JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
                 WHERE s.seen_at IS NULL AND al.iro_account_id = $1 ORDER BY s.raised_at",
            )
            .bind(user.account_id)
            .fetch_all(db.pool())
            .await?
        }
        Role::Manager => {
            sqlx::query_as(
                "SELECT s.child_id, COALESCE(c.preferred_name, c.first_name), s.reason \
                 FROM safety_alerts s JOIN children c ON c.id = s.child_id \
                 WHERE s.seen_at IS NULL ORDER BY s.raised_at",
            )
            .fetch_all(db.pool())
            .await?
        }
        _ => Vec::new(),
    };
    Ok(rows)
}

/// The IRO (or a manager) has acted on a child's alerts.
pub async fn alerts_seen(db: &Db, user: &CurrentUser, child_id: i64) -> anyhow::Result<bool> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(false);
    }
    sqlx::query("UPDATE safety_alerts SET seen_at = $1, seen_by = $2 WHERE child_id = $3 AND seen_at IS NULL")
        .bind(now_millis())
        .bind(user.account_id)
        .bind(child_id)
        .execute(db.pool())
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn text_is_limited_kindly() {
        assert_eq!(check_text(&"a".repeat(TEXT_LIMIT)), None);
        assert_eq!(
            check_text(&"a".repeat(TEXT_LIMIT + 1)),
            Some("consultation-error-too-long")
        );
        assert_eq!(check_text("line one\nline two\ttab"), None);
        assert_eq!(
            check_text("bell\u{7}"),
            Some("consultation-error-characters")
        );
        assert_eq!(
            check_text("abc\u{202e}cba"),
            Some("consultation-error-characters")
        );
        assert_eq!(check_text("مرحبا، أنا بخير"), None, "Arabic is fine");
        assert_eq!(
            check_text("bad \u{fffd} bytes"),
            Some("consultation-error-unreadable")
        );
        assert_eq!(
            check_text("</textarea><script>alert(1)</script>"),
            None,
            "shown as text, never run"
        );
    }

    #[test]
    fn review_start_is_in_uk_time() {
        // Summer: 10:00 in the UK is 09:00 UTC.
        assert!(!review_started(
            "2026-07-01",
            "10:00",
            datetime!(2026-07-01 08:59 UTC)
        ));
        assert!(review_started(
            "2026-07-01",
            "10:00",
            datetime!(2026-07-01 09:00 UTC)
        ));
        // Winter: UK time is UTC.
        assert!(!review_started(
            "2026-12-01",
            "10:00",
            datetime!(2026-12-01 09:59 UTC)
        ));
        assert!(review_started(
            "2026-12-01",
            "10:00",
            datetime!(2026-12-01 10:00 UTC)
        ));
        // The clocks change at 01:00 UTC on the last Sundays of March and October.
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 03 - 29),
                time::macros::time!(00:59)
            )),
            0
        );
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 03 - 29),
                time::macros::time!(01:00)
            )),
            1
        );
        assert_eq!(
            uk_offset_hours(PrimitiveDateTime::new(
                time::macros::date!(2026 - 10 - 25),
                time::macros::time!(01:00)
            )),
            0
        );
    }
}

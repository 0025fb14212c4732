//! Asking for an advocate. A child sends a request; it goes to the
//! advocacy service (every caseworker account) and the child's IRO is
//! told, by email without any of the child's words. The caseworker
//! accepts it, allocates an advocate and closes it with an outcome; the
//! child follows its stage, can add a message and can withdraw it.
//!
//! Who sees what: the child their own requests; the caseworker what a
//! request holds plus the child's first name, age, first language and
//! IRO's name, never a consultation or a letter; the IRO the stage of
//! their own children's requests, never the caseworker's notes.

use std::collections::BTreeMap;

use app::{
    accounts::{CurrentUser, Pending, Role},
    advocacy::{
        AdvocacyApi, CATEGORIES, CONTACT_METHODS, Case, CaseForm, GOOD_TIMES_LIMIT, InboxRow,
        MyRequest, MyRequests, OUTCOMES, RequestForm, RequestStatus, Stage, TEXT_LIMIT,
    },
};
use sqlx::Row;
use time::Date;

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page, is_email_address,
    },
    calendar::{Calendar, age_on, load_calendar, parse_date, today},
    email::{self, Email},
    storage::{Db, iso_date, now_millis},
};

/// Problems with a form: (field, message key).
pub type Problems = Vec<(&'static str, &'static str)>;

/// The service standard: answered within 1 working day, an advocate
/// allocated within 2.
pub const ACCEPT_WITHIN: i64 = 1;
pub const ALLOCATE_WITHIN: i64 = 2;

/// The age bands the figures count by.
pub fn age_band(age: i64) -> &'static str {
    match age {
        ..=4 => "0-4",
        5..=9 => "5-9",
        10..=15 => "10-15",
        16..=17 => "16-17",
        _ => "18-plus",
    }
}

/// A free-text field: at most `limit` characters and nothing hidden.
fn check_field(
    problems: &mut Problems,
    field: &'static str,
    text: &str,
    limit: usize,
) -> Option<()> {
    match crate::text::check(text, limit, "advocacy-error-too-long") {
        Some(key) => {
            problems.push((field, key));
            None
        }
        None => Some(()),
    }
}

/// A UK phone number as people type it: 10 to 13 digits, with spaces,
/// brackets, dashes or a leading +.
fn is_phone_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (10..=13).contains(&digits)
        && text
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '+'))
}

/// Everything wrong with a request, in the order the page shows it.
pub fn check_request(form: &RequestForm) -> Problems {
    let mut problems = Vec::new();
    if form.categories.is_empty() {
        problems.push(("categories", "advocacy-error-category"));
    } else if form
        .categories
        .iter()
        .any(|c| !CATEGORIES.contains(&c.as_str()))
    {
        problems.push(("categories", "advocacy-error-choice"));
    }
    let something_else = form.something_else.trim();
    if check_field(&mut problems, "something_else", something_else, TEXT_LIMIT).is_some()
        && form.categories.iter().any(|c| c == "something-else")
        && something_else.is_empty()
    {
        problems.push(("something_else", "advocacy-error-something-else"));
    }
    let detail = form.contact_detail.trim();
    match form.contact_method.as_str() {
        "phone" | "text" if !is_phone_number(detail) => {
            problems.push(("contact_detail", "advocacy-error-phone"));
        }
        "email" if !is_email_address(detail) => {
            problems.push(("contact_detail", "advocacy-error-email"));
        }
        method if !CONTACT_METHODS.contains(&method) => {
            problems.push(("contact_method", "advocacy-error-contact"));
        }
        _ => {}
    }
    check_field(
        &mut problems,
        "good_times",
        form.good_times.trim(),
        GOOD_TIMES_LIMIT,
    );
    let language = form.interpreter_language.trim();
    if check_field(&mut problems, "interpreter_language", language, 60).is_some()
        && form.interpreter == "yes"
        && language.is_empty()
    {
        problems.push(("interpreter_language", "advocacy-error-language"));
    }
    check_field(
        &mut problems,
        "other_help",
        form.other_help.trim(),
        TEXT_LIMIT,
    );
    problems
}

/// The child behind a child's account: (child id, age, ethnicity group,
/// disability, UASC).
async fn child_of(
    db: &Db,
    user: &CurrentUser,
) -> anyhow::Result<Option<(i64, i64, String, i64, i64)>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    let row: Option<(i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, date_of_birth, ethnicity_group, disability, uasc FROM children WHERE account_id = $1",
    )
    .bind(user.account_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id, born, ethnicity, disability, uasc)| {
        let age = parse_date(&born).map_or(0, |born| age_on(born, today()));
        (id, age, ethnicity, disability, uasc)
    }))
}

/// The child sends a request. `Ok(None)` for anyone but a child; problems
/// store nothing.
pub async fn create(
    db: &Db,
    user: &CurrentUser,
    form: &RequestForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<(i64, bool), Problems>>> {
    let Some((child_id, age, ethnicity, disability, uasc)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let problems = check_request(form);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut categories: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|c| form.categories.iter().any(|chosen| chosen == c))
        .collect();
    categories.dedup();
    let needs_detail = matches!(form.contact_method.as_str(), "phone" | "text" | "email");
    let urgent = form.urgent == "yes";
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO advocacy_requests (child_id, categories, something_else, contact_method, \
         contact_detail, good_times, interpreter_language, other_help, urgent, stage, sent_at, \
         age_band, ethnicity_group, disability, uasc, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'sent', $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(child_id)
    .bind(categories.join(","))
    .bind(if categories.contains(&"something-else") {
        form.something_else.trim()
    } else {
        ""
    })
    .bind(&form.contact_method)
    .bind(if needs_detail {
        form.contact_detail.trim()
    } else {
        ""
    })
    .bind(form.good_times.trim())
    .bind(if form.interpreter == "yes" {
        form.interpreter_language.trim()
    } else {
        ""
    })
    .bind(form.other_help.trim())
    .bind(i64::from(urgent))
    .bind(now_millis())
    .bind(age_band(age))
    .bind(&ethnicity)
    .bind(disability)
    .bind(uasc)
    .bind(known_language(&form.language))
    .fetch_one(&mut *tx)
    .await?;
    let mut to: Vec<(String, &str)> = Vec::new();
    let caseworkers: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM accounts WHERE role = 'advocacy' AND disabled_at IS NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    to.extend(
        caseworkers
            .into_iter()
            .flatten()
            .map(|e| (e, "/advocacy/inbox")),
    );
    let iros: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT a.email FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
    )
    .bind(child_id)
    .fetch_all(&mut *tx)
    .await?;
    to.extend(iros.into_iter().flatten().map(|e| (e, "/home")));
    let subject = if urgent {
        "Urgent: a child has asked for an advocate"
    } else {
        "A child has asked for an advocate"
    };
    for (address, path) in to {
        email::enqueue(
            &mut *tx,
            &Email {
                to: address,
                subject: subject.to_owned(),
                body: format!(
                    "A child has asked for an advocate in MySay.\n\n\
                     Sign in to see the request:\n{base_url}{path}\n\n\
                     This email does not include anything the child wrote.\n"
                ),
            },
        )
        .await?;
    }
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AdvocacyRequested,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    // The same safety check as a consultation answer: words that suggest
    // the child may not be safe tell their IRO at once (without the words)
    // and show the child Help now.
    let help = [&form.something_else, &form.good_times, &form.other_help]
        .iter()
        .any(|text| crate::safety::has_risk_phrase(text));
    if help {
        crate::safety::raise_alert(
            &mut tx,
            child_id,
            crate::safety::Source::Advocacy(id),
            "words",
            base_url,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok((id, help))))
}

/// The child's own open request: (its id) when it is theirs and open.
async fn own_request(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<(i64, Stage)>> {
    let Some((child_id, ..)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let stage: Option<String> =
        sqlx::query_scalar("SELECT stage FROM advocacy_requests WHERE id = $1 AND child_id = $2")
            .bind(id)
            .bind(child_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(stage.and_then(|s| Stage::parse(&s)).map(|s| (id, s)))
}

/// The child adds a message to their open request.
pub async fn add_message(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &CaseForm,
    base_url: &str,
) -> anyhow::Result<Option<Result<bool, Problems>>> {
    let Some((_, stage)) = own_request(db, user, id).await? else {
        return Ok(None);
    };
    let Some((child_id, ..)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let mut problems = Vec::new();
    let body = form.message.trim();
    if stage == Stage::Closed {
        problems.push(("message", "advocacy-error-closed"));
    } else if check_field(&mut problems, "message", body, TEXT_LIMIT).is_some() && body.is_empty() {
        problems.push(("message", "advocacy-error-message"));
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO advocacy_messages (request_id, body, sent_at, language) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(body)
    .bind(now_millis())
    .bind(known_language(&form.language))
        .execute(&mut *tx)
        .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AdvocacyMessageAdded,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    let help = crate::safety::has_risk_phrase(body);
    if help {
        crate::safety::raise_alert(
            &mut tx,
            child_id,
            crate::safety::Source::Advocacy(id),
            "words",
            base_url,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(help)))
}

/// The child withdraws their open request. `Some(false)` when it was
/// already closed.
pub async fn withdraw(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<bool>> {
    let Some((_, stage)) = own_request(db, user, id).await? else {
        return Ok(None);
    };
    if stage == Stage::Closed {
        return Ok(Some(false));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE advocacy_requests SET stage = 'closed', closed_at = $1, outcome = 'withdrew' \
         WHERE id = $2 AND stage <> 'closed'",
    )
    .bind(now_millis())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AdvocacyWithdrawn,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(true))
}

/// A request's stage, for the advocacy service (`None` for anyone else,
/// or no such request).
async fn case_stage(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<Stage>> {
    if user.role != Role::AdvocacyCaseworker {
        return Ok(None);
    }
    let stage: Option<String> =
        sqlx::query_scalar("SELECT stage FROM advocacy_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(stage.and_then(|s| Stage::parse(&s)))
}

/// What the caseworker did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Accept,
    Allocate,
    Note,
    Close,
}

impl Action {
    pub fn from_path(text: &str) -> Option<Action> {
        match text {
            "accept" => Some(Action::Accept),
            "allocate" => Some(Action::Allocate),
            "notes" => Some(Action::Note),
            "close" => Some(Action::Close),
            _ => None,
        }
    }
}

/// The caseworker acts on a request. `Ok(None)` for anyone else, or no
/// such request; problems change nothing.
pub async fn act(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    action: Action,
    form: &CaseForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let Some(stage) = case_stage(db, user, id).await? else {
        return Ok(None);
    };
    let mut problems = Vec::new();
    let closed = stage == Stage::Closed;
    match action {
        Action::Accept if closed => problems.push(("accept", "advocacy-error-closed")),
        Action::Accept if stage != Stage::Sent => problems.push(("accept", "advocacy-error-stage")),
        Action::Allocate | Action::Close if closed => {
            problems.push(("advocate", "advocacy-error-closed"));
        }
        Action::Allocate => {
            let name = form.advocate.trim();
            if check_field(&mut problems, "advocate", name, 80).is_some() && name.is_empty() {
                problems.push(("advocate", "advocacy-error-advocate"));
            }
        }
        Action::Note => {
            let note = form.note.trim();
            if check_field(&mut problems, "note", note, TEXT_LIMIT).is_some() && note.is_empty() {
                problems.push(("note", "advocacy-error-note"));
            }
        }
        Action::Close => {
            if !OUTCOMES.contains(&form.outcome.as_str()) {
                problems.push(("outcome", "advocacy-error-outcome"));
            }
            let message = form.message.trim();
            if check_field(&mut problems, "message", message, TEXT_LIMIT).is_some()
                && message.is_empty()
            {
                problems.push(("message", "advocacy-error-outcome-message"));
            }
        }
        Action::Accept => {}
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let (query, audit) = match action {
        Action::Accept => (
            sqlx::query("UPDATE advocacy_requests SET stage = 'accepted', accepted_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id),
            AuditAction::AdvocacyAccepted,
        ),
        // Allocating a request nobody accepted yet accepts it too.
        Action::Allocate => (
            sqlx::query(
                "UPDATE advocacy_requests SET stage = 'allocated', advocate_name = $1, \
                 accepted_at = COALESCE(accepted_at, $2), allocated_at = COALESCE(allocated_at, $2) \
                 WHERE id = $3",
            )
            .bind(form.advocate.trim())
            .bind(now)
            .bind(id),
            AuditAction::AdvocacyAllocated,
        ),
        Action::Note => (
            sqlx::query(
                "INSERT INTO advocacy_notes (request_id, author_account_id, body, written_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(user.account_id)
            .bind(form.note.trim())
            .bind(now),
            AuditAction::AdvocacyNoteAdded,
        ),
        Action::Close => (
            sqlx::query(
                "UPDATE advocacy_requests SET stage = 'closed', closed_at = $1, outcome = $2, \
                 outcome_message = $3 WHERE id = $4",
            )
            .bind(now)
            .bind(form.outcome.as_str())
            .bind(form.message.trim())
            .bind(id),
            AuditAction::AdvocacyClosed,
        ),
    };
    query.execute(&mut *tx).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        audit,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The columns every view of a request reads, in this order.
const STATUS_COLUMNS: &str = "r.id, r.categories, r.urgent, r.stage, r.sent_at, r.advocate_name, \
     r.outcome, r.outcome_message";

fn status_of(row: &sqlx::any::AnyRow) -> anyhow::Result<RequestStatus> {
    let categories: String = row.try_get(1)?;
    let advocate: Option<String> = row.try_get(5)?;
    Ok(RequestStatus {
        id: row.try_get(0)?,
        categories: categories
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        urgent: row.try_get::<i64, _>(2)? == 1,
        stage: Stage::parse(&row.try_get::<String, _>(3)?).unwrap_or(Stage::Sent),
        sent_on: iso_date(row.try_get(4)?).unwrap_or_default(),
        // The child and their IRO see the advocate's first name only.
        advocate: advocate.and_then(|name| name.split_whitespace().next().map(str::to_owned)),
        outcome: row.try_get(6)?,
        outcome_message: row.try_get(7)?,
    })
}

/// A child's requests, newest first: for the child, and for their IRO on
/// the child's page (the stage only; never the caseworker's notes).
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<RequestStatus>> {
    let rows = sqlx::query(&format!(
        "SELECT {STATUS_COLUMNS} FROM advocacy_requests r WHERE r.child_id = $1 ORDER BY r.id DESC"
    ))
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(status_of).collect()
}

/// The latest open request's stage for each of these children (for an
/// IRO's caseload).
pub async fn open_stages(db: &Db, children: &[i64]) -> anyhow::Result<BTreeMap<i64, Stage>> {
    let mut stages = BTreeMap::new();
    for &child in children {
        if let Some(open) = for_child(db, child)
            .await?
            .into_iter()
            .find(|r| r.stage != Stage::Closed)
        {
            stages.insert(child, open.stage);
        }
    }
    Ok(stages)
}

async fn messages(db: &Db, id: i64) -> anyhow::Result<Vec<app::advocacy::Message>> {
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT sent_at, body, language FROM advocacy_messages WHERE request_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, body, language)| (iso_date(at).unwrap_or_default(), body, language))
        .collect())
}

/// A shipped language's code, or none.
fn known_language(code: &str) -> Option<&'static str> {
    app::i18n::Locale::from_code(code).map(|l| l.code())
}

async fn mine(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<MyRequests>> {
    let Some((child_id, ..)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let iro_name = crate::accounts::children::iro_name(db, child_id).await?;
    Ok(Some(MyRequests {
        requests: for_child(db, child_id).await?,
        provider: String::new(),
        iro_name,
    }))
}

async fn my_request(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<MyRequest>> {
    let Some((child_id, ..)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let row = sqlx::query(&format!(
        "SELECT {STATUS_COLUMNS}, r.something_else, r.contact_method FROM advocacy_requests r \
         WHERE r.id = $1 AND r.child_id = $2"
    ))
    .bind(id)
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(MyRequest {
        status: status_of(&row)?,
        something_else: row.try_get(8)?,
        contact_method: row.try_get(9)?,
        messages: messages(db, id).await?,
    }))
}

/// Where a request stands against the service standard on `today`.
fn inbox_row(
    status: &RequestStatus,
    child_first_name: String,
    calendar: &Calendar,
    today: Date,
) -> InboxRow {
    let working_days =
        parse_date(&status.sent_on).map_or(0, |sent| calendar.working_days_between(sent, today));
    InboxRow {
        id: status.id,
        child_first_name,
        categories: status.categories.clone(),
        urgent: status.urgent,
        stage: status.stage,
        sent_on: status.sent_on.clone(),
        working_days,
        accept_late: status.stage == Stage::Sent && working_days > ACCEPT_WITHIN,
        allocate_late: matches!(status.stage, Stage::Sent | Stage::Accepted)
            && working_days > ALLOCATE_WITHIN,
    }
}

fn stage_rank(stage: Stage) -> u8 {
    match stage {
        Stage::Sent => 0,
        Stage::Accepted => 1,
        Stage::Allocated => 2,
        Stage::Closed => 3,
    }
}

async fn inbox(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Vec<InboxRow>>> {
    if user.role != Role::AdvocacyCaseworker {
        return Ok(None);
    }
    let rows = sqlx::query(&format!(
        "SELECT {STATUS_COLUMNS}, COALESCE(c.preferred_name, c.first_name) \
         FROM advocacy_requests r JOIN children c ON c.id = r.child_id ORDER BY r.sent_at"
    ))
    .fetch_all(db.pool())
    .await?;
    let calendar = load_calendar(db).await?;
    let today = today();
    let mut inbox = Vec::with_capacity(rows.len());
    for row in &rows {
        inbox.push(inbox_row(
            &status_of(row)?,
            row.try_get(8)?,
            &calendar,
            today,
        ));
    }
    // New first, urgent at the top; oldest waiting first within each.
    inbox.sort_by_key(|r| (stage_rank(r.stage), !r.urgent));
    crate::accounts::access::record_reading(
        db.pool(),
        user,
        None,
        crate::accounts::access::Reading::AdvocacyInbox,
    )
    .await?;
    Ok(Some(inbox))
}

async fn case(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<Case>> {
    if user.role != Role::AdvocacyCaseworker {
        return Ok(None);
    }
    let row = sqlx::query(&format!(
        "SELECT {STATUS_COLUMNS}, COALESCE(c.preferred_name, c.first_name), r.something_else, \
         r.contact_method, r.contact_detail, r.good_times, r.interpreter_language, r.other_help, \
         c.date_of_birth, c.first_language, r.child_id, r.advocate_name, r.language \
         FROM advocacy_requests r JOIN children c ON c.id = r.child_id WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let status = status_of(&row)?;
    let calendar = load_calendar(db).await?;
    let born: String = row.try_get(15)?;
    let child_id: i64 = row.try_get(17)?;
    let iro_name = crate::accounts::children::iro_name(db, child_id).await?;
    let notes: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT a.display_name, n.written_at, n.body FROM advocacy_notes n \
         JOIN accounts a ON a.id = n.author_account_id WHERE n.request_id = $1 ORDER BY n.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    crate::accounts::access::record_reading(
        db.pool(),
        user,
        Some(child_id),
        crate::accounts::access::Reading::AdvocacyCase(id),
    )
    .await?;
    Ok(Some(Case {
        row: inbox_row(&status, row.try_get(8)?, &calendar, today()),
        language: row.try_get(19)?,
        something_else: row.try_get(9)?,
        contact_method: row.try_get(10)?,
        contact_detail: row.try_get(11)?,
        good_times: row.try_get(12)?,
        interpreter_language: row.try_get(13)?,
        other_help: row.try_get(14)?,
        child_age: parse_date(&born).map_or(0, |born| age_on(born, today())),
        first_language: row.try_get(16)?,
        iro_name,
        advocate: row.try_get(18)?,
        outcome: status.outcome.clone(),
        outcome_message: status.outcome_message.clone(),
        messages: messages(db, id).await?,
        notes: notes
            .into_iter()
            .map(|(who, at, body)| (who, iso_date(at).unwrap_or_default(), body))
            .collect(),
    }))
}

/// The figures kept for reporting: requests sent in `[from, to)` counted
/// by category, age band, ethnicity group, disability and UASC, and the
/// working days each took to be accepted and to get an advocate.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub requests: i64,
    pub by_category: BTreeMap<String, i64>,
    pub by_age_band: BTreeMap<String, i64>,
    pub by_ethnicity: BTreeMap<String, i64>,
    pub by_disability: BTreeMap<bool, i64>,
    pub by_uasc: BTreeMap<bool, i64>,
    /// Working days from sent to accepted, one per accepted request.
    pub days_to_accept: Vec<i64>,
    /// Working days from sent to an advocate, one per allocated request.
    pub days_to_allocate: Vec<i64>,
}

/// categories, age band, ethnicity, disability, UASC, sent, accepted, allocated.
type FigureRow = (
    String,
    String,
    String,
    i64,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
);

pub async fn figures(db: &Db, from: Date, to: Date) -> anyhow::Result<Figures> {
    let rows: Vec<FigureRow> = sqlx::query_as(
        "SELECT categories, age_band, ethnicity_group, disability, uasc, sent_at, \
             accepted_at, allocated_at FROM advocacy_requests ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    let calendar = load_calendar(db).await?;
    let day = |millis: i64| iso_date(millis).and_then(|d| parse_date(&d));
    let mut figures = Figures::default();
    for (categories, band, ethnicity, disability, uasc, sent, accepted, allocated) in rows {
        let Some(sent_on) = day(sent) else { continue };
        if sent_on < from || sent_on >= to {
            continue;
        }
        figures.requests += 1;
        for category in categories.split(',').filter(|c| !c.is_empty()) {
            *figures.by_category.entry(category.to_owned()).or_default() += 1;
        }
        *figures.by_age_band.entry(band).or_default() += 1;
        *figures.by_ethnicity.entry(ethnicity).or_default() += 1;
        *figures.by_disability.entry(disability == 1).or_default() += 1;
        *figures.by_uasc.entry(uasc == 1).or_default() += 1;
        if let Some(on) = accepted.and_then(day) {
            figures
                .days_to_accept
                .push(calendar.working_days_between(sent_on, on));
        }
        if let Some(on) = allocated.and_then(day) {
            figures
                .days_to_allocate
                .push(calendar.working_days_between(sent_on, on));
        }
    }
    Ok(figures)
}

/// The advocacy operations over the database.
pub struct AdvocacyService {
    pub db: Db,
    /// The commissioned service's name, as children know it.
    pub provider: String,
}

impl AdvocacyApi for AdvocacyService {
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyRequests> {
        Box::pin(async move {
            for_page(mine(&self.db, user).await, "an advocacy page").map(|mine| MyRequests {
                provider: self.provider.clone(),
                ..mine
            })
        })
    }

    fn my_request<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, MyRequest> {
        Box::pin(async move { for_page(my_request(&self.db, user, id).await, "an advocacy page") })
    }

    fn inbox<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<InboxRow>> {
        Box::pin(async move { for_page(inbox(&self.db, user).await, "an advocacy page") })
    }

    fn case<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, Case> {
        Box::pin(async move { for_page(case(&self.db, user, id).await, "an advocacy page") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RequestForm {
        RequestForm {
            categories: vec!["meetings".into(), "housing".into()],
            contact_method: "text".into(),
            contact_detail: "07700 900123".into(),
            interpreter: "yes".into(),
            interpreter_language: "Tigrinya".into(),
            ..RequestForm::default()
        }
    }

    #[test]
    fn a_complete_request_has_no_problems() {
        assert_eq!(check_request(&good()), Vec::new());
    }

    #[test]
    fn each_missing_part_is_named() {
        let fields = |form: RequestForm| -> Vec<&str> {
            check_request(&form).into_iter().map(|(f, _)| f).collect()
        };
        assert_eq!(
            fields(RequestForm {
                categories: vec![],
                ..good()
            }),
            ["categories"]
        );
        assert_eq!(
            fields(RequestForm {
                categories: vec!["x".into()],
                ..good()
            }),
            ["categories"]
        );
        assert_eq!(
            fields(RequestForm {
                categories: vec!["something-else".into()],
                ..good()
            }),
            ["something_else"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_detail: "12".into(),
                ..good()
            }),
            ["contact_detail"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_method: "email".into(),
                ..good()
            }),
            ["contact_detail"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_method: "".into(),
                ..good()
            }),
            ["contact_method"]
        );
        assert_eq!(
            fields(RequestForm {
                interpreter_language: " ".into(),
                ..good()
            }),
            ["interpreter_language"]
        );
        assert_eq!(
            fields(RequestForm {
                other_help: "x".repeat(TEXT_LIMIT + 1),
                ..good()
            }),
            ["other_help"]
        );
        assert_eq!(
            fields(RequestForm {
                good_times: "after \u{202e}school".into(),
                ..good()
            }),
            ["good_times"]
        );
        // Through my carer: no number needed.
        assert_eq!(
            fields(RequestForm {
                contact_method: "carer".into(),
                contact_detail: "".into(),
                ..good()
            }),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn age_bands_meet_at_their_edges() {
        assert_eq!(age_band(4), "0-4");
        assert_eq!(age_band(5), "5-9");
        assert_eq!(age_band(15), "10-15");
        assert_eq!(age_band(16), "16-17");
        assert_eq!(age_band(18), "18-plus");
    }

    #[test]
    fn the_service_standard_counts_working_days() {
        let calendar = Calendar::shipped();
        // Sent on Christmas Eve 2026 (a Thursday): Christmas Day and the
        // Boxing Day substitute (Monday 28th) are not working days.
        let status = RequestStatus {
            id: 1,
            categories: vec!["housing".into()],
            urgent: false,
            stage: Stage::Sent,
            sent_on: "2026-12-24".into(),
            advocate: None,
            outcome: None,
            outcome_message: None,
        };
        let on = |d: &str| parse_date(d).unwrap_or(today());
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-29"));
        assert_eq!(row.working_days, 1);
        assert!(!row.accept_late && !row.allocate_late);
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-30"));
        assert_eq!(row.working_days, 2);
        assert!(row.accept_late && !row.allocate_late);
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-31"));
        assert!(row.allocate_late);
    }
}

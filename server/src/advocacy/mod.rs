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
//!
//! The area's shape, which every area follows: this module holds the
//! operations (who may, then rules, store and notify in one transaction);
//! `rules` is pure (forms parsed into typed values, transitions, the
//! service standard); `store` is all of the SQL; `notify` the emails.

pub mod notify;
pub mod rules;
pub mod store;

use std::collections::BTreeMap;

use app::{
    accounts::{CurrentUser, Pending, Role},
    advocacy::{
        AdvocacyApi, Case, CaseForm, InboxRow, MyRequest, MyRequests, RequestForm, RequestStatus,
        Stage,
    },
};
use time::Date;

use crate::{
    accounts::{
        access::{Reading, record_reading},
        audit::{AuditAction, record},
        for_page,
    },
    calendar::{age_on, load_calendar, parse_date, today},
    safety,
    storage::{Db, iso_date, now_millis},
};
pub use rules::{ACCEPT_WITHIN, ALLOCATE_WITHIN, Action, Problems, age_band};
use rules::{NewRequest, inbox_row, known_language, stage_rank};

/// The child behind a child's account: (child id, age, ethnicity group,
/// disability, UASC).
async fn child_of(
    db: &Db,
    user: &CurrentUser,
) -> anyhow::Result<Option<(i64, i64, String, i64, i64)>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    Ok(store::child_of_account(db, user.account_id)
        .await?
        .map(|child| {
            let age = parse_date(&child.date_of_birth).map_or(0, |born| age_on(born, today()));
            (
                child.id,
                age,
                child.ethnicity_group,
                child.disability,
                child.uasc,
            )
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
    let request = match NewRequest::parse(form) {
        Ok(request) => request,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    let profile = store::Profile {
        child_id,
        age_band: age_band(age),
        ethnicity_group: &ethnicity,
        disability,
        uasc,
    };
    let id = store::insert_request(&mut tx, &profile, &request).await?;
    notify::request_sent(&mut tx, child_id, request.urgent, base_url).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AdvocacyRequested,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    // The same safety check as a consultation answer: words that suggest
    // the child may not be safe tell their IRO at once (without the words)
    // and show the child Help now. (Checked on what the child typed, as
    // sent, whether or not a field is kept.)
    let help = [&form.something_else, &form.good_times, &form.other_help]
        .iter()
        .any(|text| safety::has_risk_phrase(text));
    if help {
        safety::raise_alert(
            &mut tx,
            child_id,
            safety::Source::Advocacy(id),
            "words",
            base_url,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok((id, help))))
}

/// The child's own request: (its id, stage) when it is theirs.
async fn own_request(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<(i64, Stage)>> {
    let Some((child_id, ..)) = child_of(db, user).await? else {
        return Ok(None);
    };
    let stage = store::stage(db, id, Some(child_id)).await?;
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
    let body = form.message.trim();
    let problems = rules::check_message(stage, body);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    store::insert_message(&mut tx, id, body, known_language(&form.language)).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::AdvocacyMessageAdded,
        Some(format!("advocacy:{id}")),
    )
    .await?;
    let help = safety::has_risk_phrase(body);
    if help {
        safety::raise_alert(
            &mut tx,
            child_id,
            safety::Source::Advocacy(id),
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
    store::withdraw(&mut tx, id).await?;
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
    let stage = store::stage(db, id, None).await?;
    Ok(stage.and_then(|s| Stage::parse(&s)))
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
    let problems = rules::check_action(stage, action, form);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let audit = match action {
        Action::Accept => {
            store::accept(&mut tx, id, now).await?;
            AuditAction::AdvocacyAccepted
        }
        Action::Allocate => {
            store::allocate(&mut tx, id, form.advocate.trim(), now).await?;
            AuditAction::AdvocacyAllocated
        }
        Action::Note => {
            store::insert_note(&mut tx, id, user.account_id, form.note.trim(), now).await?;
            AuditAction::AdvocacyNoteAdded
        }
        Action::Close => {
            store::close(&mut tx, id, form.outcome.as_str(), form.message.trim(), now).await?;
            AuditAction::AdvocacyClosed
        }
    };
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

fn status_of(row: store::StatusRow) -> RequestStatus {
    RequestStatus {
        id: row.id,
        categories: row
            .categories
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        urgent: row.urgent == 1,
        stage: Stage::parse(&row.stage).unwrap_or(Stage::Sent),
        sent_on: iso_date(row.sent_at).unwrap_or_default(),
        // The child and their IRO see the advocate's first name only.
        advocate: row
            .advocate_name
            .and_then(|name| name.split_whitespace().next().map(str::to_owned)),
        outcome: row.outcome,
        outcome_message: row.outcome_message,
    }
}

/// A child's requests, newest first: for the child, and for their IRO on
/// the child's page (the stage only; never the caseworker's notes).
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<RequestStatus>> {
    Ok(store::for_child(db, child_id)
        .await?
        .into_iter()
        .map(status_of)
        .collect())
}

/// The stage of the child `c`'s newest request not closed, as a column
/// (the caseload's: one query however long). Read by [`stage_of`].
pub use store::OPEN_STAGE_OF_CHILD;

/// A stage as [`OPEN_STAGE_OF_CHILD`] gives it.
pub fn stage_of(stored: &str) -> Stage {
    Stage::parse(stored).unwrap_or(Stage::Sent)
}

async fn messages(db: &Db, id: i64) -> anyhow::Result<Vec<app::advocacy::Message>> {
    Ok(store::messages(db, id)
        .await?
        .into_iter()
        .map(|m| (iso_date(m.sent_at).unwrap_or_default(), m.body, m.language))
        .collect())
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
    let Some(row) = store::my_request(db, id, child_id).await? else {
        return Ok(None);
    };
    Ok(Some(MyRequest {
        status: status_of(row.status),
        something_else: row.something_else,
        contact_method: row.contact_method,
        messages: messages(db, id).await?,
    }))
}

async fn inbox(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Vec<InboxRow>>> {
    if user.role != Role::AdvocacyCaseworker {
        return Ok(None);
    }
    let rows = store::inbox(db).await?;
    let calendar = load_calendar(db).await?;
    let today = today();
    let mut inbox: Vec<InboxRow> = rows
        .into_iter()
        .map(|row| {
            inbox_row(
                &status_of(row.status),
                row.child_first_name,
                &calendar,
                today,
            )
        })
        .collect();
    // New first, urgent at the top; oldest waiting first within each.
    inbox.sort_by_key(|r| (stage_rank(r.stage), !r.urgent));
    record_reading(db.pool(), user, None, Reading::AdvocacyInbox).await?;
    Ok(Some(inbox))
}

async fn case(db: &Db, user: &CurrentUser, id: i64) -> anyhow::Result<Option<Case>> {
    if user.role != Role::AdvocacyCaseworker {
        return Ok(None);
    }
    let Some(row) = store::case(db, id).await? else {
        return Ok(None);
    };
    let advocate = row.status.advocate_name.clone();
    let status = status_of(row.status);
    let calendar = load_calendar(db).await?;
    let iro_name = crate::accounts::children::iro_name(db, row.child_id).await?;
    let notes = store::notes(db, id).await?;
    record_reading(
        db.pool(),
        user,
        Some(row.child_id),
        Reading::AdvocacyCase(id),
    )
    .await?;
    Ok(Some(Case {
        language: row.language,
        something_else: row.something_else,
        contact_method: row.contact_method,
        contact_detail: row.contact_detail,
        good_times: row.good_times,
        interpreter_language: row.interpreter_language,
        other_help: row.other_help,
        child_age: parse_date(&row.date_of_birth).map_or(0, |born| age_on(born, today())),
        first_language: row.first_language,
        iro_name,
        advocate,
        outcome: status.outcome.clone(),
        outcome_message: status.outcome_message.clone(),
        messages: messages(db, id).await?,
        notes: notes
            .into_iter()
            .map(|n| (n.author, iso_date(n.written_at).unwrap_or_default(), n.body))
            .collect(),
        row: inbox_row(&status, row.child_first_name, &calendar, today()),
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

pub async fn figures(db: &Db, from: Date, to: Date) -> anyhow::Result<Figures> {
    let rows = store::figure_rows(db).await?;
    let calendar = load_calendar(db).await?;
    let day = |millis: i64| iso_date(millis).and_then(|d| parse_date(&d));
    let mut figures = Figures::default();
    for row in rows {
        let Some(sent_on) = day(row.sent_at) else {
            continue;
        };
        if sent_on < from || sent_on >= to {
            continue;
        }
        figures.requests += 1;
        for category in row.categories.split(',').filter(|c| !c.is_empty()) {
            *figures.by_category.entry(category.to_owned()).or_default() += 1;
        }
        *figures.by_age_band.entry(row.age_band).or_default() += 1;
        *figures.by_ethnicity.entry(row.ethnicity_group).or_default() += 1;
        *figures
            .by_disability
            .entry(row.disability == 1)
            .or_default() += 1;
        *figures.by_uasc.entry(row.uasc == 1).or_default() += 1;
        if let Some(on) = row.accepted_at.and_then(day) {
            figures
                .days_to_accept
                .push(calendar.working_days_between(sent_on, on));
        }
        if let Some(on) = row.allocated_at.and_then(day) {
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
    /// The service's details: the commissioned advocacy service's name,
    /// as children know it, among them.
    pub site: crate::storage::settings::SharedSite,
}

impl AdvocacyApi for AdvocacyService {
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyRequests> {
        Box::pin(async move {
            for_page(mine(&self.db, user).await, "an advocacy page").map(|mine| MyRequests {
                provider: crate::storage::settings::current_site(&self.site).advocacy_name,
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

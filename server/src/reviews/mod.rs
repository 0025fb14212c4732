//! Children's statutory reviews: when each is due, when it is scheduled and
//! held, and how the child took part.
//!
//! In the areas' shape: the operations here; `rules` (the checks and the
//! code to suggest), `store` (the SQL that writes the area's tables).

pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    reviews::{BankHoliday, BankHolidayForm, ContactForm, IroContact, ReviewForm, ReviewsApi},
    schedule::{DueState, ReviewRow},
};
use time::Date;

use crate::{
    accounts::{
        access::{Change, may_change_child},
        audit::{AuditAction, record},
        schedule::{due_state, rows, stored},
    },
    calendar::{self, age_on, load_calendar, parse_date, today},
    storage::{Db, iso_date_of},
};
pub use rules::Problems;

/// A child's reviews, for their page: `None` when there is no such child.
/// Whoever calls it has checked that the person may see the child.
pub struct ChildReviews {
    pub name: String,
    pub iro_name: Option<String>,
    pub has_account: bool,
    pub date_of_birth: Date,
    pub came_into_care: Date,
    /// The day they ceased to be looked after, if they have (no review
    /// falls due after it).
    pub ceased_on: Option<Date>,
    /// Reviews already held, newest first.
    pub held: Vec<ReviewRow>,
    /// The review to schedule and hold next.
    pub next: ReviewRow,
    pub next_due: DueState,
    /// The last year MySay has bank holidays for.
    pub calendar_last_year: Option<i32>,
    /// The IRO's contacts with the child between reviews, newest first.
    pub contacts: Vec<IroContact>,
}

pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Option<ChildReviews>> {
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let calendar = load_calendar(db).await?;
    let header = store::child_header(db, child_id).await?;
    let (held, next) = rows(&stored, &calendar);
    let next_due = if stored.ceased_on.is_some() {
        DueState::Unknown
    } else {
        due_state(next.due_on.as_deref().and_then(parse_date), today())
    };
    Ok(Some(ChildReviews {
        name: header.name,
        iro_name: header.iro_name,
        has_account: header.account_id.is_some(),
        date_of_birth: stored.date_of_birth,
        came_into_care: stored.came_into_care,
        ceased_on: stored.ceased_on,
        held,
        next,
        next_due,
        calendar_last_year: calendar.last_year_known(),
        contacts: store::contacts_of(db, child_id).await?,
    }))
}

/// The participation code to suggest for the next review (see
/// [`rules::suggested_code`]), on the day it is scheduled for.
pub fn suggested_code(reviews: &ChildReviews, sent_views: bool) -> Option<String> {
    let on_the_day = reviews
        .next
        .scheduled_on
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(today);
    rules::suggested_code(age_on(reviews.date_of_birth, on_the_day), sent_views)
}

/// The review operations over the database.
pub struct ReviewsService {
    pub db: Db,
}

impl ReviewsApi for ReviewsService {
    fn bank_holidays<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<BankHoliday>> {
        Box::pin(async move {
            if user.role != Role::Manager {
                return Err(Refusal::NotFound);
            }
            bank_holidays(&self.db).await.map_err(|error| {
                tracing::error!(error = %error, "the bank holidays could not be loaded");
                Refusal::Unavailable
            })
        })
    }
}

/// Bank holidays from the start of this year, shipped and added.
async fn bank_holidays(db: &Db) -> anyhow::Result<Vec<BankHoliday>> {
    let from = Date::from_calendar_date(today().year(), time::Month::January, 1)?;
    let added = store::added_bank_holidays(db).await?;
    let mut list: Vec<BankHoliday> = calendar::shipped_holidays()
        .filter(|(date, _)| *date >= from)
        .map(|(date, name)| BankHoliday {
            date: iso_date_of(date),
            name: name.to_owned(),
            added: false,
        })
        .chain(added.into_iter().map(|(date, name)| BankHoliday {
            date,
            name,
            added: true,
        }))
        .filter(|h| parse_date(&h.date).is_some_and(|d| d >= from))
        .collect();
    list.sort_by(|a, b| a.date.cmp(&b.date));
    Ok(list)
}

/// A manager adds a bank holiday (a new year's, or a one-off). `Ok(None)`
/// when the person is not a manager.
pub async fn add_bank_holiday(
    db: &Db,
    user: &CurrentUser,
    form: &BankHolidayForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let problems = rules::check_bank_holiday(form, &*load_calendar(db).await?);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    store::add_bank_holiday(&mut tx, form.date.trim(), form.name.trim(), user.account_id).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::BankHolidayAdded,
        None,
    )
    .await?;
    tx.commit().await?;
    // Due dates count it at once here (other servers within seconds).
    db.kept().forget(crate::calendar::KEPT);
    Ok(Some(Ok(())))
}

/// The problem shown when the child's record is read-only (they ceased to
/// be looked after): it points at the page's notice that says so.
pub const READ_ONLY: (&str, &str) = ("read-only", "child-read-only-error");

/// Why this person may not change the child's record, as the operations
/// answer it: `Some(None)` not found, `Some(Some(Err))` read-only; `None`
/// when they may.
async fn refused(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<Option<Result<(), Problems>>>> {
    Ok(match may_change_child(db, user, child_id).await? {
        Change::Allowed => None,
        Change::ReadOnly => Some(Some(Err(vec![READ_ONLY]))),
        Change::NotFound => Some(None),
    })
}

/// The child's IRO (or a manager) schedules the next review. `Ok(None)`
/// when this person may not see the child.
pub async fn schedule(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &ReviewForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if let Some(refused) = refused(db, user, child_id).await? {
        return Ok(refused);
    }
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let problems = rules::check_schedule(form, today());
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let (_, next) = rows(&stored, &*load_calendar(db).await?);
    let mut tx = db.begin_write().await?;
    store::schedule(
        &mut tx,
        child_id,
        next.sequence,
        form.scheduled_on.trim(),
        form.scheduled_time.trim(),
    )
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ReviewScheduled,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The child's IRO (or a manager) records the next review as held, with
/// whether the child came and the participation code. `Ok(None)` when
/// this person may not see the child.
pub async fn record_held(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &ReviewForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if let Some(refused) = refused(db, user, child_id).await? {
        return Ok(refused);
    }
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let (held, next) = rows(&stored, &*load_calendar(db).await?);
    let context = rules::HeldContext {
        today: today(),
        came_into_care: stored.came_into_care,
        date_of_birth: stored.date_of_birth,
        previous: held
            .first()
            .and_then(|r| r.held_on.as_deref())
            .and_then(parse_date),
    };
    let attended = match rules::check_held(form, &context) {
        Ok(attended) => attended,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    store::record_held(
        &mut tx,
        &store::Held {
            child_id,
            sequence: next.sequence,
            held_on: form.held_on.trim(),
            attended,
            code: form.code.as_str(),
            recorded_by: user.account_id,
        },
    )
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ReviewRecorded,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The child's IRO (or a manager) records a contact with the child
/// between reviews. `Ok(None)` when this person may not see the child.
pub async fn record_contact(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &ContactForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if let Some(refused) = refused(db, user, child_id).await? {
        return Ok(refused);
    }
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let problems = rules::check_contact(form, today(), stored.came_into_care, stored.ceased_on);
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    store::add_contact(
        &mut tx,
        &store::NewContact {
            child_id,
            on: form.contact_on.trim(),
            kind: form.kind.as_str(),
            note: form.note.trim(),
            recorded_by: user.account_id,
        },
    )
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::ContactRecorded,
        Some(format!("child:{child_id}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

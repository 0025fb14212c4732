//! Children's statutory reviews: when each is due, when it is scheduled and
//! held, and how the child took part.

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    reviews::{BankHoliday, BankHolidayForm, PARTICIPATION_CODES, ReviewForm, ReviewsApi},
    schedule::{DueState, ReviewRow},
};
use time::Date;

use crate::accounts::schedule::{due_state, rows, stored};
use crate::calendar::{self, age_on, load_calendar, parse_date, part_problem, today};
use crate::{
    accounts::{
        audit::{AuditAction, record},
        invitations::may_see_child,
    },
    storage::{Db, iso_date_of, now_millis},
};

/// A child's reviews, for their page: `None` when there is no such child.
/// Whoever calls it has checked that the person may see the child.
pub struct ChildReviews {
    pub name: String,
    pub iro_name: Option<String>,
    pub has_account: bool,
    pub date_of_birth: Date,
    pub came_into_care: Date,
    /// Reviews already held, newest first.
    pub held: Vec<ReviewRow>,
    /// The review to schedule and hold next.
    pub next: ReviewRow,
    pub next_due: DueState,
    /// The last year MySay has bank holidays for.
    pub calendar_last_year: Option<i32>,
}

pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Option<ChildReviews>> {
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let calendar = load_calendar(db).await?;
    let (name, iro_name, account_id): (String, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT COALESCE(c.preferred_name, c.first_name), \
                (SELECT a.display_name FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
                 WHERE al.child_id = c.id AND al.ended_at IS NULL), c.account_id \
         FROM children c WHERE c.id = $1",
    )
    .bind(child_id)
    .fetch_one(db.pool())
    .await?;
    let (held, next) = rows(&stored, &calendar);
    let next_due = due_state(next.due_on.as_deref().and_then(parse_date), today());
    Ok(Some(ChildReviews {
        name,
        iro_name,
        has_account: account_id.is_some(),
        date_of_birth: stored.date_of_birth,
        came_into_care: stored.came_into_care,
        held,
        next,
        next_due,
        calendar_last_year: calendar.last_year_known(),
    }))
}

/// The participation code to suggest for the next review: PN0 for a child
/// under 4 on the day; PN6 when they sent their views through MySay (the
/// IRO confirms they did not attend).
pub fn suggested_code(reviews: &ChildReviews, sent_views: bool) -> Option<String> {
    let on_the_day = reviews
        .next
        .scheduled_on
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(today);
    if age_on(reviews.date_of_birth, on_the_day) < 4 {
        Some("PN0".to_owned())
    } else if sent_views {
        Some("PN6".to_owned())
    } else {
        None
    }
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

type Problems = Vec<(&'static str, &'static str)>;

/// Bank holidays from the start of this year, shipped and added.
async fn bank_holidays(db: &Db) -> anyhow::Result<Vec<BankHoliday>> {
    let from = Date::from_calendar_date(today().year(), time::Month::January, 1)?;
    let added: Vec<(String, String)> =
        sqlx::query_as("SELECT holiday_on, name FROM bank_holidays ORDER BY holiday_on")
            .fetch_all(db.pool())
            .await?;
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
    let mut problems = Vec::new();
    let calendar = load_calendar(db).await?;
    match parse_date(&form.date) {
        Some(date) if !(2019..=2100).contains(&date.year()) => {
            problems.push(("date", "bank-holidays-error-date"));
        }
        Some(date)
            if matches!(
                date.weekday(),
                time::Weekday::Saturday | time::Weekday::Sunday
            ) =>
        {
            problems.push(("date", "bank-holidays-error-weekend"));
        }
        Some(date) if calendar.is_bank_holiday(date) => {
            problems.push(("date", "bank-holidays-error-known"));
        }
        Some(_) => {}
        None => problems.push((
            "date",
            part_problem(&form.date).unwrap_or("bank-holidays-error-date"),
        )),
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        problems.push(("name", "bank-holidays-error-name"));
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO bank_holidays (holiday_on, name, added_by, added_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(form.date.trim())
    .bind(name)
    .bind(user.account_id)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::BankHolidayAdded,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// `HH:MM`, a real time of day.
fn is_time(text: &str) -> bool {
    let Some((hours, minutes)) = text.trim().split_once(':') else {
        return false;
    };
    hours.len() == 2
        && minutes.len() == 2
        && hours.parse::<u8>().is_ok_and(|h| h < 24)
        && minutes.parse::<u8>().is_ok_and(|m| m < 60)
}

/// The child's IRO (or a manager) schedules the next review. `Ok(None)`
/// when this person may not see the child.
pub async fn schedule(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &ReviewForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let today = today();
    let mut problems = Vec::new();
    let day =
        parse_date(&form.scheduled_on).filter(|d| *d >= today && (*d - today).whole_days() <= 730);
    if day.is_none() {
        problems.push((
            "scheduled_on",
            part_problem(&form.scheduled_on).unwrap_or("review-error-scheduled-on"),
        ));
    }
    if !is_time(&form.scheduled_time) {
        problems.push(("scheduled_time", "review-error-scheduled-time"));
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let (_, next) = rows(&stored, &load_calendar(db).await?);
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE reviews SET scheduled_on = $1, scheduled_time = $2 \
         WHERE child_id = $3 AND sequence = $4 AND held_on IS NULL",
    )
    .bind(form.scheduled_on.trim())
    .bind(form.scheduled_time.trim())
    .bind(child_id)
    .bind(next.sequence)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO reviews (child_id, sequence, scheduled_on, scheduled_time, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(child_id)
        .bind(next.sequence)
        .bind(form.scheduled_on.trim())
        .bind(form.scheduled_time.trim())
        .bind(now_millis())
        .execute(&mut *tx)
        .await?;
    }
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
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let Some(stored) = stored(db, child_id).await? else {
        return Ok(None);
    };
    let (held, next) = rows(&stored, &load_calendar(db).await?);
    let previous = held
        .first()
        .and_then(|r| r.held_on.as_deref())
        .and_then(parse_date);
    let mut problems = Vec::new();
    let day = parse_date(&form.held_on).filter(|d| {
        *d <= today() && *d >= stored.came_into_care && previous.is_none_or(|p| *d > p)
    });
    if day.is_none() {
        problems.push((
            "held_on",
            part_problem(&form.held_on).unwrap_or("review-error-held-on"),
        ));
    }
    let attended = match form.attended.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if attended.is_none() {
        problems.push(("attended", "review-error-attended"));
    }
    let code = form.code.as_str();
    if !PARTICIPATION_CODES.contains(&code) {
        problems.push(("code", "review-error-code"));
    } else if code == "PN0" && day.is_some_and(|d| age_on(stored.date_of_birth, d) >= 4) {
        problems.push(("code", "review-error-code-under-4"));
    } else if attended == Some(true) && matches!(code, "PN5" | "PN6" | "PN7") {
        problems.push(("code", "review-error-code-attended"));
    } else if attended == Some(false) && matches!(code, "PN1" | "PN2" | "PN3" | "PN4") {
        problems.push(("code", "review-error-code-not-attended"));
    }
    if !problems.is_empty() {
        return Ok(Some(Err(problems)));
    }
    let now = now_millis();
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE reviews SET held_on = $1, child_attended = $2, participation_code = $3, \
         recorded_by = $4, recorded_at = $5 WHERE child_id = $6 AND sequence = $7 AND held_on IS NULL",
    )
    .bind(form.held_on.trim())
    .bind(i64::from(attended == Some(true)))
    .bind(code)
    .bind(user.account_id)
    .bind(now)
    .bind(child_id)
    .bind(next.sequence)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO reviews (child_id, sequence, held_on, child_attended, participation_code, \
             recorded_by, recorded_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(child_id)
        .bind(next.sequence)
        .bind(form.held_on.trim())
        .bind(i64::from(attended == Some(true)))
        .bind(code)
        .bind(user.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn due_dates_are_flagged_when_overdue_or_within_14_days() {
        let today = date!(2026 - 11 - 28);
        assert_eq!(due_state(None, today), DueState::Unknown);
        assert_eq!(
            due_state(Some(date!(2026 - 11 - 27)), today),
            DueState::Overdue
        );
        assert_eq!(due_state(Some(today), today), DueState::DueSoon);
        assert_eq!(
            due_state(Some(date!(2026 - 12 - 12)), today),
            DueState::DueSoon
        );
        assert_eq!(
            due_state(Some(date!(2026 - 12 - 13)), today),
            DueState::OnTrack
        );
    }

    #[test]
    fn ages_turn_on_the_birthday() {
        let born = date!(2022 - 12 - 01);
        assert_eq!(age_on(born, date!(2026 - 11 - 30)), 3);
        assert_eq!(age_on(born, date!(2026 - 12 - 01)), 4);
        assert_eq!(age_on(date!(2020 - 02 - 29), date!(2024 - 02 - 28)), 3);
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert!(is_time("09:30") && is_time("23:59"));
        assert!(!is_time("24:00") && !is_time("9:30") && !is_time("noon") && !is_time(""));
    }
}

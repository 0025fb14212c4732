//! A child's review schedule as stored: the reviews held, the one to hold
//! next and when it is due by law. The people layer keeps it because the
//! caseload, the consultation and the child's page all need it; only the
//! reviews area writes the `reviews` table.

use std::collections::HashMap;

use app::schedule::{DueState, ReviewRow};
use time::Date;

use crate::{
    calendar::{Calendar, due_on, parse_date, today},
    storage::{Db, iso_date_of},
};

/// How a due date stands on `today`.
pub fn due_state(due: Option<Date>, today: Date) -> DueState {
    match due {
        None => DueState::Unknown,
        Some(due) if due < today => DueState::Overdue,
        Some(due) if (due - today).whole_days() <= 14 => DueState::DueSoon,
        Some(_) => DueState::OnTrack,
    }
}

/// A child's dates and reviews as stored.
pub struct Stored {
    pub date_of_birth: Date,
    pub came_into_care: Date,
    /// The day they ceased to be looked after, if they have.
    pub ceased_on: Option<Date>,
    /// Oldest first.
    pub reviews: Vec<StoredReview>,
}

#[derive(sqlx::FromRow)]
pub struct StoredReview {
    pub sequence: i64,
    pub scheduled_on: Option<String>,
    pub scheduled_time: Option<String>,
    pub held_on: Option<String>,
    pub code: Option<String>,
}

pub async fn stored(db: &Db, child_id: i64) -> anyhow::Result<Option<Stored>> {
    let Some((born, came, ceased)): Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT date_of_birth, came_into_care_on, ceased_on FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let (Some(date_of_birth), Some(came_into_care)) = (parse_date(&born), parse_date(&came)) else {
        anyhow::bail!("child {child_id} has a date that is not YYYY-MM-DD");
    };
    let reviews: Vec<StoredReview> = sqlx::query_as(
        "SELECT sequence, scheduled_on, scheduled_time, held_on, participation_code AS code \
         FROM reviews WHERE child_id = $1 ORDER BY sequence",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(Stored {
        date_of_birth,
        came_into_care,
        ceased_on: ceased.as_deref().and_then(parse_date),
        reviews,
    }))
}

/// Many children's dates and reviews, in two queries (a few hundred
/// children to a query), by child: the caseload.
pub async fn stored_many(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, Stored>> {
    let mut found = HashMap::with_capacity(ids.len());
    let children: Vec<(i64, String, String, Option<String>)> = db
        .fetch_in(
            "SELECT id, date_of_birth, came_into_care_on, ceased_on FROM children WHERE id IN ({in})",
            ids,
        )
        .await?;
    for (id, born, came, ceased) in children {
        let (Some(date_of_birth), Some(came_into_care)) = (parse_date(&born), parse_date(&came))
        else {
            anyhow::bail!("child {id} has a date that is not YYYY-MM-DD");
        };
        found.insert(
            id,
            Stored {
                date_of_birth,
                came_into_care,
                ceased_on: ceased.as_deref().and_then(parse_date),
                reviews: Vec::new(),
            },
        );
    }
    type Row = (
        i64,
        i64,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let reviews: Vec<Row> = db
        .fetch_in(
            "SELECT child_id, sequence, scheduled_on, scheduled_time, held_on, participation_code \
             FROM reviews WHERE child_id IN ({in}) ORDER BY child_id, sequence",
            ids,
        )
        .await?;
    for (child, sequence, scheduled_on, scheduled_time, held_on, code) in reviews {
        if let Some(stored) = found.get_mut(&child) {
            stored.reviews.push(StoredReview {
                sequence,
                scheduled_on,
                scheduled_time,
                held_on,
                code,
            });
        }
    }
    Ok(found)
}

/// The next review's due date and how it stands, from what is stored.
pub fn next_due_of(stored: &Stored, calendar: &Calendar) -> (Option<String>, DueState) {
    let (_, next) = rows(stored, calendar);
    let due = next.due_on.as_deref().and_then(parse_date);
    (next.due_on, due_state(due, today()))
}

/// Every review held, then the next one, each with its due date.
pub fn rows(stored: &Stored, calendar: &Calendar) -> (Vec<ReviewRow>, ReviewRow) {
    let mut held = Vec::new();
    let mut previous_held: Option<Date> = None;
    let mut sequence = 1;
    for review in &stored.reviews {
        let Some(held_on) = review.held_on.as_deref().and_then(parse_date) else {
            continue;
        };
        let due = due_on(
            calendar,
            stored.came_into_care,
            review.sequence,
            previous_held,
        );
        held.push(ReviewRow {
            sequence: review.sequence,
            due_on: due.map(iso_date_of),
            scheduled_on: review.scheduled_on.clone(),
            scheduled_time: review.scheduled_time.clone(),
            held_on: Some(iso_date_of(held_on)),
            code: review.code.clone(),
            late: due.is_some_and(|due| held_on > due),
        });
        previous_held = Some(held_on);
        sequence = review.sequence + 1;
    }
    let planned = stored.reviews.iter().find(|r| r.sequence == sequence);
    let next = ReviewRow {
        sequence,
        due_on: due_on(calendar, stored.came_into_care, sequence, previous_held).map(iso_date_of),
        scheduled_on: planned.and_then(|r| r.scheduled_on.clone()),
        scheduled_time: planned.and_then(|r| r.scheduled_time.clone()),
        held_on: None,
        code: None,
        late: false,
    };
    held.reverse();
    (held, next)
}

/// The review to schedule and hold next, with its due date. `None` when
/// there is no such child.
pub async fn next_review(
    db: &Db,
    calendar: &Calendar,
    child_id: i64,
) -> anyhow::Result<Option<ReviewRow>> {
    Ok(stored(db, child_id)
        .await?
        .map(|stored| rows(&stored, calendar).1))
}

/// The next review's due date and how it stands, for the caseload.
pub async fn next_due(
    db: &Db,
    calendar: &Calendar,
    child_id: i64,
) -> anyhow::Result<(Option<String>, DueState)> {
    Ok(match stored(db, child_id).await? {
        Some(stored) => next_due_of(&stored, calendar),
        None => (None, DueState::Unknown),
    })
}

/// The child's latest held review, which a letter after it belongs to.
pub async fn latest_held_review(db: &Db, child_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM reviews WHERE child_id = $1 AND held_on IS NOT NULL ORDER BY sequence DESC",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?)
}

//! A child's review schedule as stored: the reviews held, the one to hold
//! next and when it is due by law. The people layer keeps it because the
//! caseload, the consultation and the child's page all need it; only the
//! reviews area writes the `reviews` table.

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
    let row: Option<(String, String, Option<String>, Option<String>)> = sqlx::query_as(&format!(
        "SELECT c.date_of_birth, c.came_into_care_on, c.ceased_on, {REVIEWS_OF_CHILD} \
         FROM children c WHERE c.id = $1"
    ))
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|(born, came, ceased, reviews)| {
        stored_of(
            child_id,
            &born,
            &came,
            ceased.as_deref(),
            reviews.as_deref(),
        )
    })
    .transpose()
}

/// A child's reviews packed in one text, oldest first, as a column for a
/// query over `children c`: `number,scheduled on,time,held on,code` for
/// each, joined by `;` (an empty field is no value; no stored value holds
/// a comma or a semicolon: numbers, dates, `HH:MM` and participation
/// codes). One row a child instead of one a review: on SQLite each row
/// read is a trip to the database's thread. Read back by [`stored_of`].
pub const REVIEWS_OF_CHILD: &str = "(SELECT string_agg(CAST(r.sequence AS TEXT) || ',' || \
     COALESCE(r.scheduled_on, '') || ',' || COALESCE(r.scheduled_time, '') || ',' || \
     COALESCE(r.held_on, '') || ',' || COALESCE(r.participation_code, ''), ';' ORDER BY r.sequence) \
     FROM reviews r WHERE r.child_id = c.id)";

/// A child's schedule from their dates as stored and their reviews packed
/// as [`REVIEWS_OF_CHILD`] gives them.
pub fn stored_of(
    child_id: i64,
    born: &str,
    came: &str,
    ceased: Option<&str>,
    reviews: Option<&str>,
) -> anyhow::Result<Stored> {
    let (Some(date_of_birth), Some(came_into_care)) = (parse_date(born), parse_date(came)) else {
        anyhow::bail!("child {child_id} has a date that is not YYYY-MM-DD");
    };
    let value = |field: &str| (!field.is_empty()).then(|| field.to_owned());
    let reviews = reviews
        .unwrap_or_default()
        .split(';')
        .filter(|review| !review.is_empty())
        .map(|review| {
            let fields: Vec<&str> = review.split(',').collect();
            let [sequence, scheduled_on, scheduled_time, held_on, code] = fields[..] else {
                return None;
            };
            Some(StoredReview {
                sequence: sequence.parse().ok()?,
                scheduled_on: value(scheduled_on),
                scheduled_time: value(scheduled_time),
                held_on: value(held_on),
                code: value(code),
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| anyhow::anyhow!("child {child_id}'s reviews do not read back"))?;
    Ok(Stored {
        date_of_birth,
        came_into_care,
        ceased_on: ceased.and_then(parse_date),
        reviews,
    })
}

/// The day (`YYYY-MM-DD`) and time (`HH:MM`) of the earliest scheduled
/// review not yet held, from what is stored (as `home::NEXT_REVIEW` and
/// `home::NEXT_REVIEW_TIME` read them).
pub fn next_scheduled(stored: &Stored) -> (Option<String>, Option<String>) {
    stored
        .reviews
        .iter()
        .filter(|review| review.held_on.is_none())
        .filter_map(|review| Some((review.scheduled_on.clone()?, review)))
        .min_by(|(a, _), (b, _)| a.cmp(b))
        .map_or((None, None), |(on, review)| {
            (Some(on), review.scheduled_time.clone())
        })
}

/// The next review's due date and how it stands, from what is stored.
pub fn next_due_of(stored: &Stored, calendar: &Calendar) -> (Option<String>, DueState) {
    due_of(rows(stored, calendar).1)
}

/// The next review's due date and how it stands, from its row.
pub fn due_of(next: ReviewRow) -> (Option<String>, DueState) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_scheduled_review_is_the_earliest_not_held() -> anyhow::Result<()> {
        let next = |reviews: &str| -> anyhow::Result<(Option<String>, Option<String>)> {
            Ok(next_scheduled(&stored_of(
                7,
                "2012-03-04",
                "2024-01-02",
                None,
                Some(reviews),
            )?))
        };
        let day = |on: &str, at: Option<&str>| (Some(on.to_owned()), at.map(str::to_owned));
        // Held ones are passed over, whatever their date.
        assert_eq!(
            next("1,2024-01-20,09:00,2024-01-20,PN1;2,2024-07-10,14:30,,")?,
            day("2024-07-10", Some("14:30"))
        );
        // The earliest date, not the lowest number; its own time (none).
        assert_eq!(
            next("1,2024-09-01,10:00,,;2,2024-08-01,,,;3,,,,")?,
            day("2024-08-01", None)
        );
        // None scheduled, or every one held.
        assert_eq!(next("1,,,,;2,,,,")?, (None, None));
        assert_eq!(next("1,2024-01-20,,2024-01-20,PN1")?, (None, None));
        Ok(())
    }

    #[test]
    fn packed_reviews_read_back_with_empty_fields_as_no_value() -> anyhow::Result<()> {
        let stored = stored_of(
            7,
            "2012-03-04",
            "2024-01-02",
            None,
            Some("1,2024-01-20,,2024-01-20,PN1;2,2024-07-10,14:30,,"),
        )?;
        assert_eq!(stored.reviews.len(), 2);
        let (held, next) = (&stored.reviews[0], &stored.reviews[1]);
        assert_eq!(held.sequence, 1);
        assert_eq!(held.scheduled_time, None);
        assert_eq!(held.held_on.as_deref(), Some("2024-01-20"));
        assert_eq!(held.code.as_deref(), Some("PN1"));
        assert_eq!(next.sequence, 2);
        assert_eq!(next.scheduled_on.as_deref(), Some("2024-07-10"));
        assert_eq!(next.scheduled_time.as_deref(), Some("14:30"));
        assert_eq!(
            (next.held_on.as_deref(), next.code.as_deref()),
            (None, None)
        );
        // No reviews yet, and a child whose reviews do not read back.
        assert!(
            stored_of(7, "2012-03-04", "2024-01-02", None, None)?
                .reviews
                .is_empty()
        );
        assert!(stored_of(7, "2012-03-04", "2024-01-02", None, Some("1,2024-01-20")).is_err());
        assert!(stored_of(7, "04/03/2012", "2024-01-02", None, None).is_err());
        Ok(())
    }
}

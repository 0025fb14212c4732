//! The figures area's SQL: it only reads. The children's dates, every
//! review, and which reviews had views sent, each in one query (a county
//! is 10,000 children: a few hundred thousand small rows, read once).

use std::collections::{HashMap, HashSet};

use sqlx::Row;

use crate::{
    accounts::schedule::{Stored, StoredReview},
    calendar::parse_date,
    storage::Db,
};

/// A child's record as the figures read it.
pub struct ChildRow {
    pub id: i64,
    pub stored: Stored,
    pub case_reference: Option<String>,
    pub gender: String,
    pub ethnicity: String,
    pub placement: String,
    pub disability: bool,
    pub uasc: bool,
}

/// Every child, with their reviews, oldest first.
pub async fn children(db: &Db) -> anyhow::Result<Vec<ChildRow>> {
    let (children, reviews) = tokio::try_join!(
        sqlx::query(
            "SELECT id, date_of_birth, came_into_care_on, ceased_on, case_reference, gender, ethnicity_group, \
             placement_type, disability, uasc FROM children ORDER BY id",
        )
        .fetch_all(db.pool()),
        sqlx::query_as::<_, (i64, i64, Option<String>, Option<String>, Option<String>, Option<String>)>(
            "SELECT child_id, sequence, scheduled_on, scheduled_time, held_on, participation_code \
             FROM reviews ORDER BY child_id, sequence",
        )
        .fetch_all(db.pool()),
    )?;
    let mut by_child: HashMap<i64, Vec<StoredReview>> = HashMap::new();
    for (child, sequence, scheduled_on, scheduled_time, held_on, code) in reviews {
        by_child.entry(child).or_default().push(StoredReview {
            sequence,
            scheduled_on,
            scheduled_time,
            held_on,
            code,
        });
    }
    let mut rows = Vec::with_capacity(children.len());
    for row in children {
        let id: i64 = row.try_get("id")?;
        let date = |name: &str| -> anyhow::Result<Option<time::Date>> {
            Ok(row
                .try_get::<Option<String>, _>(name)?
                .as_deref()
                .and_then(parse_date))
        };
        let (Some(born), Some(came)) = (date("date_of_birth")?, date("came_into_care_on")?) else {
            anyhow::bail!("child {id} has a date that is not YYYY-MM-DD");
        };
        rows.push(ChildRow {
            id,
            stored: Stored {
                date_of_birth: born,
                came_into_care: came,
                ceased_on: date("ceased_on")?,
                reviews: by_child.remove(&id).unwrap_or_default(),
            },
            case_reference: row.try_get("case_reference")?,
            gender: row.try_get("gender")?,
            ethnicity: row.try_get("ethnicity_group")?,
            placement: row.try_get("placement_type")?,
            disability: row.try_get::<i64, _>("disability")? == 1,
            uasc: row.try_get::<i64, _>("uasc")? == 1,
        });
    }
    Ok(rows)
}

/// (child, review number) of every review the child sent their views for.
pub async fn views_sent(db: &Db) -> anyhow::Result<HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT child_id, review_sequence FROM consultations WHERE submitted_at IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().collect())
}

/// What the service did in a year beyond the children's dates and
/// reviews, as stored: read whole (each table is small beside the
/// reviews) and counted by `activity`.
#[derive(Default)]
pub struct Recorded {
    pub allocations: Vec<Allocation>,
    pub requests: Vec<Request>,
    pub contacts: Vec<Contact>,
    /// (child, review number, read) of every letter sent after a review.
    pub letters: Vec<(i64, i64, bool)>,
    /// The days consultations were sent on.
    pub consultations_sent: Vec<time::Date>,
    /// The days safety alerts were raised on.
    pub alerts_raised: Vec<time::Date>,
}

/// An IRO's allocation to a child, by day.
pub struct Allocation {
    pub child_id: i64,
    pub iro: i64,
    pub from: time::Date,
    pub until: Option<time::Date>,
}

/// A request for an advocate, by day.
pub struct Request {
    pub child_id: i64,
    pub categories: Vec<String>,
    pub sent: time::Date,
    pub accepted: Option<time::Date>,
    pub allocated: Option<time::Date>,
    pub closed: Option<time::Date>,
    pub outcome: Option<String>,
}

/// An IRO's contact with a child between reviews.
pub struct Contact {
    pub child_id: i64,
    pub on: time::Date,
    pub kind: String,
}

/// A stored time (UTC unix milliseconds) as its day.
fn day_of(millis: i64) -> Option<time::Date> {
    time::OffsetDateTime::from_unix_timestamp(millis.div_euclid(1000))
        .ok()
        .map(|t| t.date())
}

fn days_of(millis: Vec<i64>) -> Vec<time::Date> {
    millis.into_iter().filter_map(day_of).collect()
}

/// Everything `Recorded` holds, its six queries at once.
pub async fn activity(db: &Db) -> anyhow::Result<Recorded> {
    let (allocations, requests, contacts, letters, consultations_sent, alerts_raised) = tokio::try_join!(
        sqlx::query("SELECT child_id, iro_account_id, allocated_at, ended_at FROM iro_allocations")
            .fetch_all(db.pool()),
        sqlx::query(
            "SELECT child_id, categories, sent_at, accepted_at, allocated_at, closed_at, outcome \
             FROM advocacy_requests",
        )
        .fetch_all(db.pool()),
        sqlx::query("SELECT child_id, contact_on, kind FROM iro_contacts").fetch_all(db.pool()),
        // A letter after a review, sent (a correction is a letter too: the
        // review counts once, read if any of its letters was).
        sqlx::query_as::<_, (i64, i64, i64)>(
            "SELECT r.child_id, r.sequence, MAX(CASE WHEN l.first_read_at IS NULL THEN 0 ELSE 1 END) \
             FROM letters l JOIN reviews r ON r.id = l.review_id \
             WHERE l.sent_at IS NOT NULL GROUP BY r.child_id, r.sequence",
        )
        .fetch_all(db.pool()),
        sqlx::query_scalar::<_, i64>(
            "SELECT submitted_at FROM consultations WHERE submitted_at IS NOT NULL"
        )
        .fetch_all(db.pool()),
        sqlx::query_scalar::<_, i64>("SELECT raised_at FROM safety_alerts").fetch_all(db.pool()),
    )?;
    let mut stored = Recorded {
        letters: letters
            .into_iter()
            .map(|(child, sequence, read)| (child, sequence, read == 1))
            .collect(),
        consultations_sent: days_of(consultations_sent),
        alerts_raised: days_of(alerts_raised),
        ..Recorded::default()
    };
    for row in allocations {
        let Some(from) = day_of(row.try_get("allocated_at")?) else {
            continue;
        };
        stored.allocations.push(Allocation {
            child_id: row.try_get("child_id")?,
            iro: row.try_get("iro_account_id")?,
            from,
            until: row.try_get::<Option<i64>, _>("ended_at")?.and_then(day_of),
        });
    }
    for row in requests {
        let Some(sent) = day_of(row.try_get("sent_at")?) else {
            continue;
        };
        let when = |name: &str| -> anyhow::Result<Option<time::Date>> {
            Ok(row.try_get::<Option<i64>, _>(name)?.and_then(day_of))
        };
        stored.requests.push(Request {
            child_id: row.try_get("child_id")?,
            categories: row
                .try_get::<String, _>("categories")?
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            sent,
            accepted: when("accepted_at")?,
            allocated: when("allocated_at")?,
            closed: when("closed_at")?,
            outcome: row.try_get("outcome")?,
        });
    }
    for row in contacts {
        let Some(on) = parse_date(&row.try_get::<String, _>("contact_on")?) else {
            continue;
        };
        stored.contacts.push(Contact {
            child_id: row.try_get("child_id")?,
            on,
            kind: row.try_get("kind")?,
        });
    }
    Ok(stored)
}

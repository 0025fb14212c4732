//! The figures area's SQL: it only reads. The children's dates with every
//! review, whether views were sent for it and a letter followed, in one
//! query of a row a child (a county is 10,000 children and 110,000
//! reviews); the rest counted a day at a time or read whole.

use std::collections::HashSet;

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

/// Every child with their reviews, and what followed each review.
pub struct Reviewed {
    pub children: Vec<ChildRow>,
    /// (child, review number) of every review the child sent their views
    /// for.
    pub views_sent: HashSet<(i64, i64)>,
    /// (child, review number, read) of every review a letter was sent
    /// after (a correction is a letter too: the review counts once, read
    /// if any of its letters was).
    pub letters: Vec<(i64, i64, bool)>,
}

/// Every child, with the reviews they have had oldest first, which of
/// those they sent their views for and which a letter followed, in one
/// query of a row a child: each is packed in one text (`reviews` as
/// `number,held on,code;...`, `views` as `number,...`, `letters` as
/// `number:read,...`), grouped by child so that each table is read once
/// in the child's order and joined by child. On SQLite reading a row costs
/// more than the query (a county's 110,000 reviews took 960 ms read a row
/// each; see the README's figures), and joining consultations to each
/// review made PostgreSQL look each one up; the days reviews are planned
/// for, which the figures do not count, are left out.
pub async fn children(db: &Db) -> anyhow::Result<Reviewed> {
    let rows = sqlx::query(
        "SELECT ch.id, ch.date_of_birth, ch.came_into_care_on, ch.ceased_on, ch.case_reference, ch.gender, \
         ch.ethnicity_group, ch.placement_type, ch.disability, ch.uasc, g.reviews, v.views, lt.letters \
         FROM children ch \
         LEFT JOIN (SELECT child_id, string_agg(CAST(sequence AS TEXT) || ',' || held_on || ',' || \
                      COALESCE(participation_code, ''), ';' ORDER BY sequence) AS reviews \
                    FROM reviews WHERE held_on IS NOT NULL GROUP BY child_id) g ON g.child_id = ch.id \
         LEFT JOIN (SELECT child_id, string_agg(CAST(review_sequence AS TEXT), ',') AS views \
                    FROM consultations WHERE submitted_at IS NOT NULL GROUP BY child_id) v ON v.child_id = ch.id \
         LEFT JOIN (SELECT r.child_id, string_agg(CAST(r.sequence AS TEXT) || ':' || x.letter_read, ',') AS letters \
                    FROM (SELECT review_id, MAX(CASE WHEN first_read_at IS NULL THEN '0' ELSE '1' END) AS letter_read \
                          FROM letters WHERE sent_at IS NOT NULL GROUP BY review_id) x \
                    JOIN reviews r ON r.id = x.review_id GROUP BY r.child_id) lt ON lt.child_id = ch.id \
         ORDER BY ch.id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut read = Reviewed {
        children: Vec::with_capacity(rows.len()),
        views_sent: HashSet::new(),
        letters: Vec::new(),
    };
    for row in rows {
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
        let packed = |name: &str| -> anyhow::Result<String> {
            Ok(row.try_get::<Option<String>, _>(name)?.unwrap_or_default())
        };
        let unreadable = || anyhow::anyhow!("child {id}'s reviews do not read back");
        let reviews = split(&packed("reviews")?, ';')
            .map(|review| unpack(review).ok_or_else(unreadable))
            .collect::<anyhow::Result<Vec<_>>>()?;
        for sequence in split(&packed("views")?, ',') {
            read.views_sent
                .insert((id, sequence.parse().map_err(|_| unreadable())?));
        }
        for letter in split(&packed("letters")?, ',') {
            let (sequence, letter_read) = letter.split_once(':').ok_or_else(unreadable)?;
            let sequence = sequence.parse().map_err(|_| unreadable())?;
            read.letters.push((id, sequence, letter_read == "1"));
        }
        read.children.push(ChildRow {
            id,
            stored: Stored {
                date_of_birth: born,
                came_into_care: came,
                ceased_on: date("ceased_on")?,
                reviews,
            },
            case_reference: row.try_get("case_reference")?,
            gender: row.try_get("gender")?,
            ethnicity: row.try_get("ethnicity_group")?,
            placement: row.try_get("placement_type")?,
            disability: row.try_get::<i64, _>("disability")? == 1,
            uasc: row.try_get::<i64, _>("uasc")? == 1,
        });
    }
    Ok(read)
}

/// The parts of a packed text (none when it is empty).
fn split(packed: &str, by: char) -> impl Iterator<Item = &str> {
    packed.split(by).filter(|part| !part.is_empty())
}

/// One packed review held: `None` when it is not three fields (no stored
/// value holds a comma or a semicolon: numbers, dates and participation
/// codes).
fn unpack(packed: &str) -> Option<StoredReview> {
    let fields: Vec<&str> = packed.split(',').collect();
    let [sequence, held_on, code] = fields[..] else {
        return None;
    };
    Some(StoredReview {
        sequence: sequence.parse().ok()?,
        scheduled_on: None,
        scheduled_time: None,
        held_on: Some(held_on.to_owned()),
        code: (!code.is_empty()).then(|| code.to_owned()),
    })
}

/// What the service did in a year beyond the children's dates, reviews
/// and letters, as stored: read whole (each table is small beside the
/// reviews; consultations and alerts as a count a day) and counted by
/// `activity`.
#[derive(Default)]
pub struct Recorded {
    pub allocations: Vec<Allocation>,
    pub requests: Vec<Request>,
    pub contacts: Vec<Contact>,
    /// How many consultations were sent each day.
    pub consultations_sent: Vec<(time::Date, i64)>,
    /// How many safety alerts were raised each day.
    pub alerts_raised: Vec<(time::Date, i64)>,
    /// Speakerbox: topics published, answers (kept by the day alone) and
    /// "you said, we did" items shared, each day.
    pub topics_published: Vec<(time::Date, i64)>,
    pub answers: Vec<(time::Date, i64)>,
    pub items_shared: Vec<(time::Date, i64)>,
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

/// Counts a day (days since 1970, UTC, as `by_day` reads them) as dated.
fn days_of(counts: Vec<(i64, i64)>) -> Vec<(time::Date, i64)> {
    let epoch = time::OffsetDateTime::UNIX_EPOCH.date();
    counts
        .into_iter()
        .filter_map(|(day, count)| Some((epoch.checked_add(time::Duration::days(day))?, count)))
        .collect()
}

/// How many rows of a table have a time (UTC unix milliseconds) on each
/// day: a county's five years are under two thousand rows, not a row per
/// consultation sent.
fn by_day(table: &str, column: &str) -> String {
    format!(
        "SELECT {column} / 86400000, COUNT(*) FROM {table} WHERE {column} IS NOT NULL \
         GROUP BY {column} / 86400000"
    )
}

/// Everything `Recorded` holds, its eight queries at once.
pub async fn activity(db: &Db) -> anyhow::Result<Recorded> {
    let consultations = by_day("consultations", "submitted_at");
    let alerts = by_day("safety_alerts", "raised_at");
    let topics = by_day("speakerbox_topics", "published_at");
    let items = by_day("speakerbox_items", "published_at");
    let (speakerbox_topics, speakerbox_answers, speakerbox_items) = tokio::try_join!(
        sqlx::query_as::<_, (i64, i64)>(&topics).fetch_all(db.pool()),
        sqlx::query_as::<_, (String, i64)>(
            "SELECT answered_on, COUNT(*) FROM speakerbox_answers GROUP BY answered_on",
        )
        .fetch_all(db.pool()),
        sqlx::query_as::<_, (i64, i64)>(&items).fetch_all(db.pool()),
    )?;
    let (allocations, requests, contacts, consultations_sent, alerts_raised) = tokio::try_join!(
        sqlx::query("SELECT child_id, iro_account_id, allocated_at, ended_at FROM iro_allocations")
            .fetch_all(db.pool()),
        sqlx::query(
            "SELECT child_id, categories, sent_at, accepted_at, allocated_at, closed_at, outcome \
             FROM advocacy_requests",
        )
        .fetch_all(db.pool()),
        sqlx::query("SELECT child_id, contact_on, kind FROM iro_contacts").fetch_all(db.pool()),
        sqlx::query_as::<_, (i64, i64)>(&consultations).fetch_all(db.pool()),
        sqlx::query_as::<_, (i64, i64)>(&alerts).fetch_all(db.pool()),
    )?;
    let mut stored = Recorded {
        consultations_sent: days_of(consultations_sent),
        alerts_raised: days_of(alerts_raised),
        topics_published: days_of(speakerbox_topics),
        answers: speakerbox_answers
            .into_iter()
            .filter_map(|(day, count)| Some((crate::calendar::parse_date(&day)?, count)))
            .collect(),
        items_shared: days_of(speakerbox_items),
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

#[cfg(test)]
mod tests {
    use super::unpack;

    #[test]
    fn a_packed_review_reads_back() {
        let review = unpack("3,2025-05-02,PN1");
        assert_eq!(review.as_ref().map(|r| r.sequence), Some(3));
        assert_eq!(
            review.as_ref().and_then(|r| r.held_on.as_deref()),
            Some("2025-05-02")
        );
        assert_eq!(review.as_ref().and_then(|r| r.code.as_deref()), Some("PN1"));
        let uncoded = unpack("4,2025-11-02,");
        assert_eq!(uncoded.map(|r| (r.sequence, r.code)), Some((4, None)));
        assert!(unpack("4,2025-11-02").is_none());
        assert!(unpack("four,2025-11-02,").is_none());
    }
}

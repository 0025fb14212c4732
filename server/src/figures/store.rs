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

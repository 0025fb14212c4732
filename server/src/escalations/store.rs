//! All of the escalations' SQL. Only this module reads and writes the
//! `escalation*` tables (which refuse deletes); rows are read by column
//! name into the structs below.

use sqlx::{Any, FromRow, Transaction};

use super::rules::{NewConcern, Next, Response};
use crate::storage::{Db, iso_date_of, now_millis};

type Tx = Transaction<'static, Any>;

/// An escalation row with its child's name, their IRO's and who raised it.
#[derive(Clone, Debug, FromRow)]
pub struct Stored {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub iro_name: Option<String>,
    pub iro_account_id: Option<i64>,
    pub kind: String,
    pub raised_on: String,
    pub raised_by: String,
    pub raised_by_id: i64,
    pub what_wrong: String,
    pub what_needed: String,
    pub stage: Option<String>,
    pub resolved_on: Option<String>,
    pub outcome: String,
    pub cafcass_on: Option<String>,
    pub child_told: Option<i64>,
    pub advocacy_offered: Option<i64>,
}

/// One stage as stored.
#[derive(Clone, Debug, FromRow)]
pub struct StoredStage {
    pub id: i64,
    pub escalation_id: i64,
    pub stage: String,
    pub started_on: String,
    pub due_on: String,
    pub raised_to_name: String,
    pub raised_to_role: String,
    pub response_on: Option<String>,
    pub response: String,
}

/// An escalation with its issues and its stages (oldest first).
#[derive(Clone, Debug)]
pub struct Whole {
    pub row: Stored,
    pub issues: Vec<String>,
    pub stages: Vec<StoredStage>,
    /// How many of the child's views it cites.
    pub views: i64,
}

/// Which escalations to read.
#[derive(Clone, Copy, Debug)]
pub enum Which {
    One(i64),
    OfChild(i64),
    /// Open concerns of the children this IRO has now.
    OpenForIro(i64),
    OpenAll,
    /// Raised in a period: the days given to [`read`] (both included).
    RaisedBetween,
}

const SELECT: &str = "SELECT e.id, e.child_id, COALESCE(c.preferred_name, c.first_name) AS child_name, \
     (SELECT a.display_name FROM iro_allocations al JOIN accounts a ON a.id = al.iro_account_id \
      WHERE al.child_id = c.id AND al.ended_at IS NULL) AS iro_name, \
     (SELECT al.iro_account_id FROM iro_allocations al \
      WHERE al.child_id = c.id AND al.ended_at IS NULL) AS iro_account_id, \
     e.kind, e.raised_on, r.display_name AS raised_by, e.raised_by AS raised_by_id, \
     e.what_wrong, e.what_needed, e.stage, e.resolved_on, e.outcome, e.cafcass_on, \
     e.child_told, e.advocacy_offered \
     FROM escalations e JOIN children c ON c.id = e.child_id \
     JOIN accounts r ON r.id = e.raised_by";

fn condition(which: Which) -> &'static str {
    match which {
        Which::One(_) => "e.id = $1",
        Which::OfChild(_) => "e.child_id = $1",
        Which::OpenForIro(_) => {
            "e.kind = 'concern' AND e.resolved_on IS NULL AND e.child_id IN \
             (SELECT child_id FROM iro_allocations WHERE iro_account_id = $1 AND ended_at IS NULL)"
        }
        Which::OpenAll => "e.kind = 'concern' AND e.resolved_on IS NULL",
        Which::RaisedBetween => "e.raised_on >= $1 AND e.raised_on <= $2",
    }
}

/// The escalations asked for, newest raised first, each whole: three
/// queries whatever their number.
pub async fn read(db: &Db, which: Which, from: &str, to: &str) -> anyhow::Result<Vec<Whole>> {
    let condition = condition(which);
    let rows_sql = format!("{SELECT} WHERE {condition} ORDER BY e.raised_on DESC, e.id DESC");
    let within = format!("(SELECT e.id FROM escalations e WHERE {condition})");
    let issues_sql = format!(
        "SELECT i.escalation_id, i.issue FROM escalation_issues i WHERE i.escalation_id IN {within}"
    );
    let stages_sql = format!(
        "SELECT s.id, s.escalation_id, s.stage, s.started_on, s.due_on, s.raised_to_name, \
         s.raised_to_role, s.response_on, s.response FROM escalation_stages s \
         WHERE s.escalation_id IN {within} ORDER BY s.id"
    );
    let views_sql = format!(
        "SELECT v.escalation_id, COUNT(*) AS n FROM escalation_views v \
         WHERE v.escalation_id IN {within} GROUP BY v.escalation_id"
    );
    // Each query takes the same values: the id, the period's two days, or
    // none.
    macro_rules! fetch {
        ($query:expr) => {
            match which {
                Which::One(id) | Which::OfChild(id) | Which::OpenForIro(id) => {
                    $query.bind(id).fetch_all(db.pool()).await?
                }
                Which::RaisedBetween => $query.bind(from).bind(to).fetch_all(db.pool()).await?,
                Which::OpenAll => $query.fetch_all(db.pool()).await?,
            }
        };
    }
    let rows: Vec<Stored> = fetch!(sqlx::query_as::<_, Stored>(&rows_sql));
    let issues: Vec<(i64, String)> = fetch!(sqlx::query_as::<_, (i64, String)>(&issues_sql));
    let stages: Vec<StoredStage> = fetch!(sqlx::query_as::<_, StoredStage>(&stages_sql));
    let views: Vec<(i64, i64)> = fetch!(sqlx::query_as::<_, (i64, i64)>(&views_sql));
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            Whole {
                issues: issues
                    .iter()
                    .filter(|(e, _)| *e == id)
                    .map(|(_, issue)| issue.clone())
                    .collect(),
                stages: stages
                    .iter()
                    .filter(|s| s.escalation_id == id)
                    .cloned()
                    .collect(),
                views: views.iter().find(|(e, _)| *e == id).map_or(0, |(_, n)| *n),
                row,
            }
        })
        .collect())
}

fn flag(value: Option<bool>) -> Option<i64> {
    value.map(i64::from)
}

/// A new concern with its issues and its first stage, due on `due_on`.
pub async fn insert_concern(
    tx: &mut Tx,
    child_id: i64,
    concern: &NewConcern,
    raised_by: i64,
    due_on: time::Date,
) -> anyhow::Result<i64> {
    let raised_on = iso_date_of(concern.raised_on);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, what_needed, \
         stage, child_told, advocacy_offered, created_at) \
         VALUES ($1, 'concern', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(child_id)
    .bind(&raised_on)
    .bind(raised_by)
    .bind(&concern.what_wrong)
    .bind(&concern.what_needed)
    .bind(concern.stage)
    .bind(flag(concern.child_told))
    .bind(flag(concern.advocacy_offered))
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?;
    for issue in &concern.issues {
        sqlx::query("INSERT INTO escalation_issues (escalation_id, issue) VALUES ($1, $2)")
            .bind(id)
            .bind(*issue)
            .execute(&mut **tx)
            .await?;
    }
    insert_stage(
        tx,
        id,
        concern.stage,
        &raised_on,
        &iso_date_of(due_on),
        (&concern.to_name, &concern.to_role),
        raised_by,
    )
    .await?;
    Ok(id)
}

async fn insert_stage(
    tx: &mut Tx,
    escalation_id: i64,
    stage: &str,
    started_on: &str,
    due_on: &str,
    (to_name, to_role): (&str, &str),
    recorded_by: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO escalation_stages (escalation_id, stage, started_on, due_on, \
         raised_to_name, raised_to_role, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(escalation_id)
    .bind(stage)
    .bind(started_on)
    .bind(due_on)
    .bind(to_name)
    .bind(to_role)
    .bind(recorded_by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A good practice note.
pub async fn insert_praise(
    tx: &mut Tx,
    child_id: i64,
    on: time::Date,
    note: &str,
    by: i64,
) -> anyhow::Result<i64> {
    let on = iso_date_of(on);
    Ok(sqlx::query_scalar(
        "INSERT INTO escalations (child_id, kind, raised_on, raised_by, what_wrong, \
         resolved_on, created_at) VALUES ($1, 'good_practice', $2, $3, $4, $2, $5) RETURNING id",
    )
    .bind(child_id)
    .bind(&on)
    .bind(by)
    .bind(note)
    .bind(now_millis())
    .fetch_one(&mut **tx)
    .await?)
}

/// The response to the current stage (`stage_id`), then resolved or the
/// next stage begun on the response's day, due on `next_due`.
pub async fn respond(
    tx: &mut Tx,
    id: i64,
    stage_id: i64,
    response: &Response,
    next_due: Option<time::Date>,
    by: i64,
) -> anyhow::Result<()> {
    let on = iso_date_of(response.on);
    sqlx::query(
        "UPDATE escalation_stages SET response_on = $1, response = $2, recorded_by = $3 \
         WHERE id = $4 AND response_on IS NULL",
    )
    .bind(&on)
    .bind(&response.words)
    .bind(by)
    .bind(stage_id)
    .execute(&mut **tx)
    .await?;
    match &response.next {
        Next::Resolve { outcome } => {
            sqlx::query(
                "UPDATE escalations SET resolved_on = $1, outcome = $2 \
                 WHERE id = $3 AND resolved_on IS NULL",
            )
            .bind(&on)
            .bind(outcome)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        }
        Next::Escalate {
            stage,
            to_name,
            to_role,
        } => {
            sqlx::query("UPDATE escalations SET stage = $1 WHERE id = $2")
                .bind(*stage)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            let due = next_due.map(iso_date_of).unwrap_or_else(|| on.clone());
            insert_stage(tx, id, stage, &on, &due, (to_name, to_role), by).await?;
        }
    }
    Ok(())
}

/// Cafcass's day (kept once given) and the two yes/no answers (one not
/// given leaves what was recorded).
pub async fn set_details(
    tx: &mut Tx,
    id: i64,
    cafcass_on: Option<time::Date>,
    child_told: Option<bool>,
    advocacy_offered: Option<bool>,
) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE escalations SET cafcass_on = COALESCE(cafcass_on, $1), \
         child_told = COALESCE($2, child_told), \
         advocacy_offered = COALESCE($3, advocacy_offered) WHERE id = $4",
    )
    .bind(cafcass_on.map(iso_date_of))
    .bind(flag(child_told))
    .bind(flag(advocacy_offered))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The child's views an escalation cites: (source, id).
pub async fn views_of(db: &Db, id: i64) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT source, source_id FROM escalation_views WHERE escalation_id = $1 \
         ORDER BY linked_at",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

/// Cites one of the child's views (once).
pub async fn link(
    tx: &mut Tx,
    id: i64,
    source: &str,
    source_id: i64,
    by: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO escalation_views (escalation_id, source, source_id, linked_by, linked_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(source)
    .bind(source_id)
    .bind(by)
    .bind(now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The child's requests for an advocate: (id, categories, sent at).
pub async fn advocacy_requests(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT id, categories, sent_at FROM advocacy_requests WHERE child_id = $1 \
         ORDER BY id DESC",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?)
}

/// The child's sent consultations with at least one answer they agreed
/// their IRO may share: (id, sent at).
pub async fn shared_consultations(db: &Db, child_id: i64) -> anyhow::Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.submitted_at FROM consultations c \
         WHERE c.child_id = $1 AND c.status = 'submitted' AND c.submitted_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM consultation_answers a \
                     WHERE a.consultation_id = c.id AND a.sent_share_at_meeting = 1) \
         ORDER BY c.id DESC",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?)
}

/// The child's day of coming into care and whether they ceased.
pub async fn came_into_care(db: &Db, child_id: i64) -> anyhow::Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT came_into_care_on FROM children WHERE id = $1")
            .bind(child_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

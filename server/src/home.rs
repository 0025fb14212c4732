//! What each role's home page shows. For an IRO and a manager it gathers
//! every area about each child on the caseload: a composite, one of the
//! few places that import several areas.

use app::accounts::{CurrentUser, Pending, Role};
use app::home::{CaseloadChild, Home, HomeApi};
use app::{consultations::Status, schedule::DueState};

use crate::storage::Db;

/// The home page's operation, over the database.
pub struct HomeService {
    pub db: Db,
    /// The server's secret keys: a member's Speakerbox topics answered
    /// are known only by their keyed marks.
    pub keys: Vec<Vec<u8>>,
}

impl HomeApi for HomeService {
    fn home<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Home> {
        Box::pin(async move {
            home(&self.db, &self.keys, user).await.map_err(|error| {
                tracing::error!(error = %error, "the home page could not be loaded");
                app::accounts::Refusal::Unavailable
            })
        })
    }
}

/// The next scheduled review that has not been held, as `YYYY-MM-DD` (UTC).
const NEXT_REVIEW: &str = "(SELECT MIN(r.scheduled_on) FROM reviews r \
     WHERE r.child_id = c.id AND r.held_on IS NULL AND r.scheduled_on IS NOT NULL)";

/// The time of that review, `HH:MM`.
const NEXT_REVIEW_TIME: &str = "(SELECT r.scheduled_time FROM reviews r \
     WHERE r.child_id = c.id AND r.held_on IS NULL AND r.scheduled_on IS NOT NULL \
     ORDER BY r.scheduled_on LIMIT 1)";

/// A child as the caseload lists them, read by column name.
#[derive(sqlx::FromRow)]
struct ListedChild {
    id: i64,
    name: String,
    account_id: Option<i64>,
    #[sqlx(default)]
    next_review: Option<String>,
    #[sqlx(default)]
    review_time: Option<String>,
}

/// A child on an IRO's caseload: as listed, with what each area says of
/// them, every area's part a column of the one query (each query, and on
/// SQLite each row, is a trip to the database's thread and back).
#[derive(sqlx::FromRow)]
struct CaseloadRow {
    #[sqlx(flatten)]
    listed: ListedChild,
    date_of_birth: String,
    came_into_care_on: String,
    ceased_on: Option<String>,
    reviews: Option<String>,
    consultations: Option<String>,
    advocacy: Option<String>,
    unread_letters: i64,
}

/// The listed children as the caseload shows them.
fn caseload(rows: Vec<ListedChild>) -> Vec<CaseloadChild> {
    let today = crate::calendar::today();
    rows.into_iter().map(|row| listed(row, today)).collect()
}

/// A listed child as the caseload shows them, before what the areas say.
fn listed(row: ListedChild, today: time::Date) -> CaseloadChild {
    let review_this_week = row
        .next_review
        .as_deref()
        .and_then(crate::calendar::parse_date)
        .is_some_and(|day| day >= today && (day - today).whole_days() < 7);
    CaseloadChild {
        id: row.id,
        name: row.name,
        has_account: row.account_id.is_some(),
        next_review: row.next_review,
        review_time: row.review_time,
        review_this_week,
        due_on: None,
        due: DueState::Unknown,
        consultation: Status::NotStarted,
        advocacy: None,
        alert: false,
        letter_unread: false,
    }
}

/// Children with an urgent alert not yet acted on, once each.
async fn alerts(db: &Db, user: &CurrentUser) -> anyhow::Result<Vec<(i64, String)>> {
    let mut children: Vec<(i64, String)> = crate::safety::open_alerts(db, user)
        .await?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect();
    let mut seen = std::collections::HashSet::new();
    children.retain(|(id, _)| seen.insert(*id));
    Ok(children)
}

/// An IRO's caseload in one query: each child's next due date and how it
/// stands, their consultation, advocacy and letters; children with an
/// urgent alert first, then overdue, then due soon.
async fn iro_caseload(
    db: &Db,
    iro: i64,
    alerted: &[(i64, String)],
) -> anyhow::Result<Vec<CaseloadChild>> {
    // The next review's day and time come from the child's reviews read
    // here anyway (not two more subqueries a child).
    let rows: Vec<CaseloadRow> = sqlx::query_as(&format!(
        "SELECT c.id, COALESCE(c.preferred_name, c.first_name) AS name, c.account_id, \
                c.date_of_birth, c.came_into_care_on, c.ceased_on, {reviews} AS reviews, \
                {consultations} AS consultations, {advocacy} AS advocacy, \
                {unread} AS unread_letters \
         FROM children c JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
         WHERE al.iro_account_id = $1 AND c.ceased_on IS NULL ORDER BY 2",
        reviews = crate::accounts::schedule::REVIEWS_OF_CHILD,
        consultations = crate::consultations::STATUSES_OF_CHILD,
        advocacy = crate::advocacy::OPEN_STAGE_OF_CHILD,
        unread = crate::letters::UNREAD_OF_CHILD,
    ))
    .bind(iro)
    .fetch_all(db.pool())
    .await?;
    let calendar = crate::calendar::load_calendar(db).await?;
    let today = crate::calendar::today();
    let mut children = Vec::with_capacity(rows.len());
    for row in rows {
        let stored = crate::accounts::schedule::stored_of(
            row.listed.id,
            &row.date_of_birth,
            &row.came_into_care_on,
            row.ceased_on.as_deref(),
            row.reviews.as_deref(),
        )?;
        let mut listed_child = row.listed;
        (listed_child.next_review, listed_child.review_time) =
            crate::accounts::schedule::next_scheduled(&stored);
        let mut child = listed(listed_child, today);
        // The schedule worked out once for the due date and the consultation.
        let (_, next) = crate::accounts::schedule::rows(&stored, &calendar);
        child.consultation =
            crate::consultations::status_for_next_of(next.sequence, row.consultations.as_deref());
        (child.due_on, child.due) = crate::accounts::schedule::due_of(next);
        child.advocacy = row.advocacy.as_deref().map(crate::advocacy::stage_of);
        child.alert = alerted.iter().any(|(id, _)| *id == child.id);
        child.letter_unread = row.unread_letters > 0;
        children.push(child);
    }
    children.sort_by_key(|child| {
        let due = match child.due {
            DueState::Overdue => 0,
            DueState::DueSoon => 1,
            DueState::OnTrack | DueState::Unknown => 2,
        };
        (!child.alert, due)
    });
    Ok(children)
}

async fn home(db: &Db, keys: &[Vec<u8>], user: &CurrentUser) -> anyhow::Result<Home> {
    match user.role {
        Role::Child => {
            // One query for everything on the child's home that is a
            // single value: who they are, their IRO, their next review and
            // schedule, their consultations, unread letters, a passphrase
            // reset, Speakerbox membership (each query is a round trip to
            // the database).
            #[derive(sqlx::FromRow)]
            struct ChildRow {
                child_id: Option<i64>,
                name: Option<String>,
                iro_name: Option<String>,
                next_review: Option<String>,
                date_of_birth: Option<String>,
                came_into_care_on: Option<String>,
                ceased_on: Option<String>,
                reviews: Option<String>,
                consultations: Option<String>,
                unread_letters: i64,
                reset_at: Option<i64>,
                reset_who: Option<String>,
                seen: Option<i64>,
            }
            let row: ChildRow = sqlx::query_as(&format!(
                "SELECT c.id AS child_id, COALESCE(c.preferred_name, c.first_name) AS name, \
                        (SELECT i.display_name FROM iro_allocations al \
                         JOIN accounts i ON i.id = al.iro_account_id \
                         WHERE al.child_id = c.id AND al.ended_at IS NULL) AS iro_name, \
                        {NEXT_REVIEW} AS next_review, c.date_of_birth, c.came_into_care_on, \
                        c.ceased_on, {reviews} AS reviews, {consultations} AS consultations, \
                        {unread} AS unread_letters, a.reset_invited_at AS reset_at, \
                        b.display_name AS reset_who, {seen} AS seen \
                 FROM accounts a LEFT JOIN children c ON c.account_id = a.id \
                 LEFT JOIN accounts b ON b.id = a.reset_invited_by WHERE a.id = $1",
                reviews = crate::accounts::schedule::REVIEWS_OF_CHILD,
                consultations = crate::consultations::STATUSES_OF_CHILD,
                unread = crate::letters::UNREAD_OF_CHILD,
                seen = crate::speakerbox::BOARD_SEEN_OF_MEMBER,
            ))
            .bind(user.account_id)
            .fetch_one(db.pool())
            .await?;
            let ChildRow {
                child_id,
                name,
                iro_name,
                next_review,
                unread_letters,
                reset_at,
                reset_who,
                seen,
                ..
            } = row;
            let consultation = match (child_id, &row.date_of_birth, &row.came_into_care_on) {
                (Some(id), Some(born), Some(came)) => {
                    let stored = crate::accounts::schedule::stored_of(
                        id,
                        born,
                        came,
                        row.ceased_on.as_deref(),
                        row.reviews.as_deref(),
                    )?;
                    let calendar = crate::calendar::load_calendar(db).await?;
                    let next = crate::accounts::schedule::rows(&stored, &calendar)
                        .1
                        .sequence;
                    crate::consultations::status_for_next_of(next, row.consultations.as_deref())
                }
                _ => Status::NotStarted,
            };
            let (readings, openings) = match child_id {
                Some(id) => {
                    let (readings, openings) =
                        crate::accounts::access::readings_and_openings_of(db, id).await?;
                    // One line per person, thing and day, however many
                    // times they opened it that day.
                    let mut lines: Vec<(String, String, Role, String)> = Vec::new();
                    for r in readings {
                        let what = match r.what.as_str() {
                            "letter_viewed" => "letter",
                            "childrens_words_read" => "words",
                            "speakerbox_answers_read" => "speakerbox",
                            _ => "views",
                        };
                        let Some(role) = Role::parse(&r.role) else {
                            continue;
                        };
                        let line = (r.on, r.who, role, what.to_owned());
                        if !lines.contains(&line) {
                            lines.push(line);
                        }
                    }
                    (lines, openings)
                }
                None => (Vec::new(), Vec::new()),
            };
            let reset_by = reset_at
                .and_then(crate::storage::iso_date)
                .map(|on| (on, reset_who.unwrap_or_default()));
            let (speakerbox, speakerbox_news) = match (child_id, seen) {
                (Some(id), Some(seen)) => {
                    crate::speakerbox::home_counts(db, keys, id, seen).await?
                }
                _ => (0, false),
            };
            Ok(match name {
                Some(name) => Home::Child {
                    name,
                    unread_letters,
                    iro_name,
                    next_review,
                    consultation,
                    readings,
                    openings,
                    reset_by,
                    speakerbox,
                    speakerbox_news,
                },
                None => Home::Child {
                    name: user.display_name.clone(),
                    unread_letters,
                    iro_name: None,
                    next_review: None,
                    consultation,
                    readings,
                    openings,
                    reset_by,
                    speakerbox,
                    speakerbox_news,
                },
            })
        }
        Role::Iro => {
            let alerts = alerts(db, user).await?;
            let children = iro_caseload(db, user.account_id, &alerts).await?;
            let away_until: Option<String> =
                sqlx::query_scalar("SELECT away_until FROM accounts WHERE id = $1")
                    .bind(user.account_id)
                    .fetch_one(db.pool())
                    .await?;
            let away_until = away_until
                .filter(|d| crate::accounts::away::is_away(Some(d), crate::calendar::today()));
            Ok(Home::Iro {
                name: user.display_name.clone(),
                away_until,
                replies: crate::letters::waiting_replies(db, user).await?,
                saying: Box::new(crate::themes::caseload_saying(db, user).await?),
                escalations: crate::escalations::open_for_iro(db, user).await?,
                children,
                alerts,
            })
        }
        Role::Manager => {
            let staff: Vec<(String, String)> = sqlx::query_as(
                "SELECT display_name, role FROM accounts WHERE role <> 'child' ORDER BY display_name",
            )
            .fetch_all(db.pool())
            .await?;
            let staff = staff
                .into_iter()
                .filter_map(|(name, role)| Some((name, Role::parse(&role)?)))
                .collect();
            let rows: Vec<ListedChild> = sqlx::query_as(&format!(
                "SELECT c.id, COALESCE(c.preferred_name, c.first_name) AS name, c.account_id, \
                        {NEXT_REVIEW} AS next_review, {NEXT_REVIEW_TIME} AS review_time \
                 FROM children c ORDER BY 2"
            ))
            .fetch_all(db.pool())
            .await?;
            let children = caseload(rows);
            Ok(Home::Manager {
                name: user.display_name.clone(),
                alerts: alerts(db, user).await?,
                staff,
                children,
            })
        }
        role => Ok(Home::Other {
            name: user.display_name.clone(),
            role,
        }),
    }
}

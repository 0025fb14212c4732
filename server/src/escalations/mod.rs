//! Escalations: the IRO's concerns about a child's care plan, on a
//! working-day clock, and their good practice notes.
//!
//! Who may: the child's IRO while the child is looked after, and managers,
//! raise and change them (`accounts::access::may_change_child`); the
//! child's IRO (read-only once the child ceased) and managers read them,
//! each reading audited. Anyone else: not found. Nothing is deleted (the
//! tables refuse).
//!
//! In the areas' shape: the operations here; `rules` (the clock and the
//! forms), `store` (the SQL), `figures` (the manager's counts, through
//! `disclosure`), `export` (the counts as CSV and a workbook).

pub mod export;
pub mod figures;
pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    escalations::{
        ChildView, DetailsForm, Escalation, EscalationsApi, LinkForm, Overview, PraiseForm,
        RaiseForm, Raising, RespondForm, StageRow, Summary, stage_rank,
    },
    i18n::Locale,
};
use time::Date;

use crate::{
    accounts::{
        access::{Change, child_subject, may_change_child, may_see_child},
        audit::{AuditAction, record},
        for_page,
    },
    calendar::{Calendar, financial_year_of, load_calendar, parse_date, today},
    download::Download,
    storage::{Db, iso_date, settings},
};
pub use rules::Problems;
use store::{Which, Whole};

/// The value a check of who may gave, or back at once: `None` (not found)
/// or the problems (read-only) as the operation's own answer.
macro_rules! or_refused {
    ($checked:expr) => {
        match $checked {
            None => return Ok(None),
            Some(Err(problems)) => return Ok(Some(Err(problems))),
            Some(Ok(value)) => value,
        }
    };
}

/// The audit subject of one escalation.
fn subject(child_id: i64, id: i64) -> String {
    format!("{}/escalation:{id}", child_subject(child_id))
}

/// A line for a list, with the clock read today.
fn summary(whole: &Whole, calendar: &Calendar, today: Date) -> Summary {
    let row = &whole.row;
    let open = row.kind == "concern" && row.resolved_on.is_none();
    let due_on = whole
        .stages
        .last()
        .filter(|s| open && s.response_on.is_none())
        .map(|s| s.due_on.clone());
    let due = due_on.as_deref().and_then(parse_date);
    Summary {
        id: row.id,
        child_id: row.child_id,
        child_name: row.child_name.clone(),
        iro_name: row.iro_name.clone(),
        kind: row.kind.clone(),
        raised_on: row.raised_on.clone(),
        issues: whole.issues.clone(),
        stage: row.stage.clone(),
        path: whole
            .stages
            .iter()
            .map(|s| (s.stage.clone(), s.started_on.clone()))
            .collect(),
        resolved_on: row.resolved_on.clone(),
        overdue: due.is_some_and(|d| rules::overdue(d, today)),
        due_soon: due.is_some_and(|d| rules::due_soon(calendar, d, today)),
        due_on,
        cafcass_on: row.cafcass_on.clone(),
    }
}

/// Open ones first: overdue, then by the day they are due.
fn most_urgent_first(list: &mut [Summary]) {
    list.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| a.due_on.is_none().cmp(&b.due_on.is_none()))
            .then_with(|| a.due_on.cmp(&b.due_on))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Every escalation about a child, newest first, for their page (whose
/// reading is audited as the child's page).
pub async fn for_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<Summary>> {
    let calendar = load_calendar(db).await?;
    let today = today();
    Ok(store::read(db, Which::OfChild(child_id), "", "")
        .await?
        .iter()
        .map(|w| summary(w, &calendar, today))
        .collect())
}

/// The open concerns about an IRO's children, overdue and due soon first,
/// for their home. Listing them is audited when there are any.
pub async fn open_for_iro(db: &Db, user: &CurrentUser) -> anyhow::Result<Vec<Summary>> {
    if user.role != Role::Iro {
        return Ok(Vec::new());
    }
    let calendar = load_calendar(db).await?;
    let today = today();
    let mut list: Vec<Summary> = store::read(db, Which::OpenForIro(user.account_id), "", "")
        .await?
        .iter()
        .map(|w| summary(w, &calendar, today))
        .collect();
    most_urgent_first(&mut list);
    if !list.is_empty() {
        record(
            db.pool(),
            Some(user.account_id),
            AuditAction::EscalationsListed,
            None,
        )
        .await?;
    }
    Ok(list)
}

/// What a child's download says of the escalations about them, in plain
/// words (never staff's): (raised on, issue types, the furthest stage,
/// resolved on, referred to Cafcass on).
pub type PlainEscalation = (
    String,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The concerns raised about a child, for their download.
pub async fn for_download(db: &Db, child_id: i64) -> anyhow::Result<Vec<PlainEscalation>> {
    Ok(store::read(db, Which::OfChild(child_id), "", "")
        .await?
        .into_iter()
        .filter(|w| w.row.kind == "concern")
        .map(|w| {
            (
                w.row.raised_on,
                w.issues,
                w.row.stage,
                w.row.resolved_on,
                w.row.cafcass_on,
            )
        })
        .collect())
}

/// The child behind an escalation, when this person may change it:
/// `Some(Err)` read-only, `None` not found.
async fn changeable(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> anyhow::Result<Option<Result<Whole, Problems>>> {
    let Some(whole) = store::read(db, Which::One(id), "", "").await?.pop() else {
        return Ok(None);
    };
    Ok(
        match may_change_child(db, user, whole.row.child_id).await? {
            Change::Allowed => Some(Ok(whole)),
            Change::ReadOnly => Some(Err(vec![READ_ONLY])),
            Change::NotFound => None,
        },
    )
}

/// The problem shown when the child's record is read-only.
pub const READ_ONLY: (&str, &str) = ("read-only", "child-read-only-error");

/// The day the child came into care, when this person may change their
/// record: `Some(Err)` read-only, `None` not found.
async fn child_to_change(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<Result<Date, Problems>>> {
    match may_change_child(db, user, child_id).await? {
        Change::NotFound => Ok(None),
        Change::ReadOnly => Ok(Some(Err(vec![READ_ONLY]))),
        Change::Allowed => Ok(store::came_into_care(db, child_id)
            .await?
            .as_deref()
            .and_then(parse_date)
            .map(Ok)),
    }
}

/// What raising a concern shows: `None` unless this person may change
/// the child's record.
pub async fn raising(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<Raising>> {
    if !matches!(may_change_child(db, user, child_id).await?, Change::Allowed) {
        return Ok(None);
    }
    let name: Option<String> = sqlx::query_scalar(
        "SELECT COALESCE(preferred_name, first_name) FROM children WHERE id = $1",
    )
    .bind(child_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(match name {
        Some(child_name) => Some(Raising {
            child_id,
            child_name,
            days: settings::escalation_days(db).await?,
        }),
        None => None,
    })
}

/// The child's IRO (or a manager) raises a concern. `Ok(None)` when they
/// may not; problems store nothing.
pub async fn raise(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &RaiseForm,
) -> anyhow::Result<Option<Result<i64, Problems>>> {
    let came_into_care = or_refused!(child_to_change(db, user, child_id).await?);
    let concern = match rules::raise(form, came_into_care, today()) {
        Ok(concern) => concern,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let days = settings::escalation_days(db).await?;
    let rank = stage_rank(concern.stage).unwrap_or(0);
    let due = rules::due_on(&*load_calendar(db).await?, concern.raised_on, days[rank]);
    let mut tx = db.begin_write().await?;
    let id = store::insert_concern(&mut tx, child_id, &concern, user.account_id, due).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::EscalationRaised,
        Some(subject(child_id, id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(id)))
}

/// The child's IRO (or a manager) notes good practice.
pub async fn praise(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    form: &PraiseForm,
) -> anyhow::Result<Option<Result<i64, Problems>>> {
    let came_into_care = or_refused!(child_to_change(db, user, child_id).await?);
    let (on, note) = match rules::praise(form, came_into_care, today()) {
        Ok(praise) => praise,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    let id = store::insert_praise(&mut tx, child_id, on, &note, user.account_id).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::GoodPracticeNoted,
        Some(subject(child_id, id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(id)))
}

/// The response to the current stage, then resolved or moved on.
/// Problems (or a concern already resolved) change nothing.
pub async fn respond(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &RespondForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let whole = or_refused!(changeable(db, user, id).await?);
    let Some(current) = whole
        .stages
        .last()
        .filter(|s| whole.row.resolved_on.is_none() && s.response_on.is_none())
    else {
        return Ok(Some(Err(vec![("next", "escalation-error-closed")])));
    };
    let started = parse_date(&current.started_on).unwrap_or_else(today);
    let response = match rules::respond(form, &current.stage, started, today()) {
        Ok(response) => response,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let next_due = match &response.next {
        rules::Next::Escalate { stage, .. } => {
            let days = settings::escalation_days(db).await?;
            let rank = stage_rank(stage).unwrap_or(0);
            Some(rules::due_on(
                &*load_calendar(db).await?,
                response.on,
                days[rank],
            ))
        }
        rules::Next::Resolve { .. } => None,
    };
    let mut tx = db.begin_write().await?;
    store::respond(
        &mut tx,
        id,
        current.id,
        &response,
        next_due,
        user.account_id,
    )
    .await?;
    let action = match response.next {
        rules::Next::Resolve { .. } => AuditAction::EscalationResolved,
        rules::Next::Escalate { .. } => AuditAction::EscalationMovedOn,
    };
    record(
        &mut *tx,
        Some(user.account_id),
        action,
        Some(subject(whole.row.child_id, id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// Cafcass's day, the child told, advocacy offered.
pub async fn details(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &DetailsForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let whole = or_refused!(changeable(db, user, id).await?);
    if whole.row.kind != "concern" {
        return Ok(None);
    }
    let raised = parse_date(&whole.row.raised_on).unwrap_or_else(today);
    let details = match rules::details(form, raised, today()) {
        Ok(details) => details,
        Err(problems) => return Ok(Some(Err(problems))),
    };
    let mut tx = db.begin_write().await?;
    store::set_details(
        &mut tx,
        id,
        details.cafcass_on,
        details.child_told,
        details.advocacy_offered,
    )
    .await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::EscalationDetailsChanged,
        Some(subject(whole.row.child_id, id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The child's views a concern may cite: their requests for an advocate,
/// and the views they sent with an answer they agreed may be shared.
async fn views_of_child(db: &Db, child_id: i64) -> anyhow::Result<Vec<ChildView>> {
    let mut views: Vec<ChildView> = store::advocacy_requests(db, child_id)
        .await?
        .into_iter()
        .map(|(id, categories, at)| ChildView {
            source: "advocacy".into(),
            id,
            on: iso_date(at).unwrap_or_default(),
            categories: categories
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    views.extend(
        store::shared_consultations(db, child_id)
            .await?
            .into_iter()
            .map(|(id, at)| ChildView {
                source: "consultation".into(),
                id,
                on: iso_date(at).unwrap_or_default(),
                categories: Vec::new(),
            }),
    );
    Ok(views)
}

/// Cites one of the child's views (one the child's sharing choice
/// allows; anything else is not found).
pub async fn link(
    db: &Db,
    user: &CurrentUser,
    id: i64,
    form: &LinkForm,
) -> anyhow::Result<Option<Result<(), Problems>>> {
    let whole = or_refused!(changeable(db, user, id).await?);
    let Some((source, source_id)) = rules::view_asked(&form.view) else {
        return Ok(Some(Err(vec![("view", "escalation-error-view")])));
    };
    let allowed = views_of_child(db, whole.row.child_id)
        .await?
        .iter()
        .any(|v| v.source == source && v.id == source_id);
    if !allowed || whole.row.kind != "concern" {
        return Ok(Some(Err(vec![("view", "escalation-error-view")])));
    }
    let mut tx = db.begin_write().await?;
    store::link(&mut tx, id, source, source_id, user.account_id).await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::EscalationViewLinked,
        Some(subject(whole.row.child_id, id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// One escalation, whole, for the child's IRO or a manager: the reading
/// is audited.
pub async fn escalation(
    db: &Db,
    user: &CurrentUser,
    id: i64,
) -> anyhow::Result<Option<Escalation>> {
    let Some(whole) = store::read(db, Which::One(id), "", "").await?.pop() else {
        return Ok(None);
    };
    let child_id = whole.row.child_id;
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let may_change = matches!(may_change_child(db, user, child_id).await?, Change::Allowed);
    let calendar = load_calendar(db).await?;
    let today = today();
    let end = whole
        .row
        .resolved_on
        .as_deref()
        .and_then(parse_date)
        .unwrap_or(today);
    let first_formal = whole
        .stages
        .iter()
        .find(|s| s.stage != "informal")
        .and_then(|s| parse_date(&s.started_on));
    let cited = store::views_of(db, id).await?;
    let all_views = views_of_child(db, child_id).await?;
    let (views, views_to_link): (Vec<ChildView>, Vec<ChildView>) = all_views
        .into_iter()
        .partition(|v| cited.iter().any(|(s, i)| *s == v.source && *i == v.id));
    record(
        db.pool(),
        Some(user.account_id),
        AuditAction::EscalationViewed,
        Some(subject(child_id, id)),
    )
    .await?;
    let row = &whole.row;
    Ok(Some(Escalation {
        summary: summary(&whole, &calendar, today),
        raised_by: row.raised_by.clone(),
        what_wrong: row.what_wrong.clone(),
        what_needed: row.what_needed.clone(),
        outcome: row.outcome.clone(),
        child_told: row.child_told.map(|v| v == 1),
        advocacy_offered: row.advocacy_offered.map(|v| v == 1),
        stages: whole
            .stages
            .iter()
            .map(|s| {
                let due = parse_date(&s.due_on);
                let answered = s.response_on.as_deref().and_then(parse_date);
                StageRow {
                    stage: s.stage.clone(),
                    started_on: s.started_on.clone(),
                    due_on: s.due_on.clone(),
                    raised_to_name: s.raised_to_name.clone(),
                    raised_to_role: s.raised_to_role.clone(),
                    response_on: s.response_on.clone(),
                    response: s.response.clone(),
                    late: match (due, answered) {
                        (Some(due), Some(on)) => on > due,
                        _ => false,
                    },
                }
            })
            .collect(),
        formal_by: first_formal
            .map(|d| crate::storage::iso_date_of(rules::formal_by(&calendar, d))),
        formal_days: first_formal.map(|d| calendar.working_days_between(d, end)),
        views: if row.kind == "concern" {
            views
        } else {
            Vec::new()
        },
        views_to_link: if row.kind == "concern" && may_change {
            views_to_link
        } else {
            Vec::new()
        },
        may_change,
    }))
}

/// The financial year asked for (the current one when none, or one out of
/// reach), and the years that may be asked for, newest first.
fn year_of(asked: Option<i32>) -> (i32, Vec<i32>) {
    let current = financial_year_of(today());
    let years: Vec<i32> = (0..5).map(|back| current - back).collect();
    let year = asked.filter(|y| years.contains(y)).unwrap_or(current);
    (year, years)
}

/// The manager's view: every open concern, and a year's counts. Reading
/// it is audited.
pub async fn overview(
    db: &Db,
    user: &CurrentUser,
    asked: Option<i32>,
) -> anyhow::Result<Option<Overview>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let calendar = load_calendar(db).await?;
    let today = today();
    let mut open: Vec<Summary> = store::read(db, Which::OpenAll, "", "")
        .await?
        .iter()
        .map(|w| summary(w, &calendar, today))
        .collect();
    most_urgent_first(&mut open);
    let (year, years) = year_of(asked);
    let counted = figures::for_year(db, &calendar, year).await?;
    record(
        db.pool(),
        Some(user.account_id),
        AuditAction::EscalationsListed,
        None,
    )
    .await?;
    Ok(Some(Overview {
        open,
        year,
        years,
        from: counted.from.clone(),
        to: counted.to.clone(),
        tables: counted.tables,
        median_days: counted.median_days,
        fewer_than: counted.fewer_than,
    }))
}

/// Which file of the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    Csv,
    Workbook,
}

/// The year's counts as a file (managers): every count through the
/// disclosure rule, as the page shows them. The download is audited.
pub async fn download(
    db: &Db,
    user: &CurrentUser,
    asked: Option<i32>,
    wanted: Wanted,
    locale: Locale,
) -> anyhow::Result<Option<Download>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let calendar = load_calendar(db).await?;
    let (year, _) = year_of(asked);
    let counted = figures::for_year(db, &calendar, year).await?;
    let made = crate::storage::iso_date_of(today());
    let file = match wanted {
        Wanted::Csv => export::csv(&counted, locale, &made)?,
        Wanted::Workbook => export::workbook(&counted, locale, &made)?,
    };
    record(
        db.pool(),
        Some(user.account_id),
        AuditAction::FiguresDownloaded,
        Some(format!("escalations:{year}")),
    )
    .await?;
    Ok(Some(file))
}

/// The escalations over the database.
pub struct EscalationsService {
    pub db: Db,
}

impl EscalationsApi for EscalationsService {
    fn raising<'a>(&'a self, user: &'a CurrentUser, child_id: i64) -> Pending<'a, Raising> {
        Box::pin(
            async move { for_page(raising(&self.db, user, child_id).await, "raising a concern") },
        )
    }

    fn escalation<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, Escalation> {
        Box::pin(async move { for_page(escalation(&self.db, user, id).await, "an escalation") })
    }

    fn overview<'a>(&'a self, user: &'a CurrentUser, year: Option<i32>) -> Pending<'a, Overview> {
        Box::pin(async move {
            if user.role != Role::Manager {
                return Err(Refusal::NotFound);
            }
            for_page(overview(&self.db, user, year).await, "the escalations")
        })
    }
}

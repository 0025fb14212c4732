//! The IRO service's annual report figures: a financial year beside the
//! one before, each figure with its definition and through the disclosure
//! rule, and the year's reviews as CSV for the council's case-management
//! system (to reconcile with the SSDA903 return).
//!
//! In the areas' shape: the operations here; `rules` (what each figure
//! of the children and their reviews counts, pure), `activity` (the same
//! for IRO allocation, advocacy, contacts, letters and consultations),
//! `store` (the SQL, which only reads).

pub mod activity;
pub mod export;
pub mod rules;
pub mod store;

use app::{
    accounts::{CurrentUser, Pending, Refusal, Role},
    figures::{AnnualAsked, AnnualFigures, FiguresApi},
};
use time::Date;

use crate::{
    accounts::{
        audit::{AuditAction, record},
        for_page,
        schedule::rows,
    },
    calendar::{Calendar, financial_year_of, load_calendar, quarter_starts, today},
    download::{Download, as_words},
    storage::{Db, iso_date_of},
};
use activity::Activity;
use rules::{ChildFacts, Counted, Year};

/// Who reads the figures: managers, and the Children's Rights Officer.
pub fn may_read(user: &CurrentUser) -> bool {
    matches!(user.role, Role::Manager | Role::ChildrensRightsOfficer)
}

/// A financial year, counted at 31 March or, while it runs, today.
fn year_of(year: i32, today: Date) -> Year {
    let (starts, end) = quarter_starts(year);
    let last = end.previous_day().unwrap_or(end);
    Year {
        from: starts[0],
        at: last.min(today),
    }
}

/// The year asked for: one from 2000 to this one; otherwise the last
/// whole year.
fn year_asked(asked: &AnnualAsked, today: Date) -> i32 {
    let this_year = financial_year_of(today);
    asked
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=this_year).contains(y))
        .unwrap_or(this_year - 1)
}

/// Every child as the figures count them, and their case references (in
/// the same order).
fn facts(
    children: Vec<store::ChildRow>,
    calendar: &Calendar,
) -> (Vec<ChildFacts>, Vec<Option<String>>) {
    let mut facts = Vec::with_capacity(children.len());
    let mut references = Vec::with_capacity(children.len());
    for child in children {
        let (mut held, next) = rows(&child.stored, calendar);
        held.reverse();
        facts.push(ChildFacts {
            id: child.id,
            born: child.stored.date_of_birth,
            came_into_care: child.stored.came_into_care,
            ceased_on: child.stored.ceased_on,
            gender: child.gender,
            ethnicity: child.ethnicity,
            placement: child.placement,
            disability: child.disability,
            uasc: child.uasc,
            held,
            next,
        });
        references.push(child.case_reference);
    }
    (facts, references)
}

/// What a year and the year before count, before the disclosure rule.
#[derive(Debug)]
pub struct BothYears {
    pub this: Counted,
    pub before: Counted,
    pub activity: Activity,
    pub activity_before: Activity,
    /// The first financial year anyone came into care in.
    pub first: i32,
}

/// What the year and the year before count, as of `today`.
pub async fn counts(db: &Db, year: i32, today: Date) -> anyhow::Result<BothYears> {
    let (calendar, reviewed, stored) =
        tokio::try_join!(load_calendar(db), store::children(db), store::activity(db))?;
    let (views_sent, letters) = (reviewed.views_sent, reviewed.letters);
    let (children, _) = facts(reviewed.children, &calendar);
    let one = |year: Year| {
        let held = activity::reviews_held(&children, year);
        (
            rules::count(&children, &views_sent, &calendar, year),
            activity::count(&children, &stored, &letters, &held, &calendar, year),
        )
    };
    // The two years are counted at once, one on each core: they only
    // read what was read above.
    let ((this, activity), before) = std::thread::scope(|scope| {
        let before = scope.spawn(|| one(year_of(year - 1, today)));
        let this = one(year_of(year, today));
        (this, before.join())
    });
    let (before, activity_before) =
        before.map_err(|_| anyhow::anyhow!("counting the year before failed"))?;
    let first = children
        .iter()
        .map(|c| financial_year_of(c.came_into_care))
        .min()
        .unwrap_or(year);
    Ok(BothYears {
        this,
        before,
        activity,
        activity_before,
        first,
    })
}

/// Every table of the figures, in the report's order, through the rule.
pub fn blocks(
    counted: &BothYears,
    rule: app::disclosure::Rule,
    population: Option<i64>,
) -> Vec<app::figures::Block> {
    let (this, before) = (&counted.this, &counted.before);
    let mut blocks = rules::blocks(this, before, rule, population);
    blocks.extend(activity::blocks(
        &counted.activity,
        &counted.activity_before,
        rule,
        &activity::Context {
            looked_after: [this.looked_after, before.looked_after],
            looked_after_shown: [rule.one(this.looked_after), rule.one(before.looked_after)],
            reviews_held: [this.reviews_held, before.reviews_held],
            age: this.age,
            ethnicity: this.ethnicity,
            disability: this.disability,
        },
    ));
    blocks
}

/// The figures page for the year asked, as of `today`.
pub async fn annual(
    db: &Db,
    user: &CurrentUser,
    asked: &AnnualAsked,
    today: Date,
) -> anyhow::Result<AnnualFigures> {
    let year = year_asked(asked, today);
    let (counted, rule, population) = tokio::try_join!(
        counts(db, year, today),
        crate::storage::settings::disclosure_rule(db),
        crate::storage::settings::population(db),
    )?;
    let this_year = financial_year_of(today);
    Ok(AnnualFigures {
        year,
        years: (counted.first.max(this_year - 10).min(year)..=this_year)
            .rev()
            .collect(),
        so_far: (year == this_year).then(|| iso_date_of(year_of(year, today).at)),
        rule,
        has_population: population.is_some(),
        may_export_reviews: user.role == Role::Manager,
        blocks: blocks(&counted, rule, population),
    })
}

/// The year's reviews held, as CSV for the case-management system: the
/// child's reference there, the day, the review's number, the
/// participation code and whether it was in timescale. No name, sign-in
/// name or date of birth. Managers only (`None` otherwise); audited.
pub async fn reviews_csv(
    db: &Db,
    user: &CurrentUser,
    asked: &AnnualAsked,
    locale: app::i18n::Locale,
) -> anyhow::Result<Option<Download>> {
    if user.role != Role::Manager {
        return Ok(None);
    }
    let today = today();
    let year = year_asked(asked, today);
    let span = year_of(year, today);
    let (reviewed, calendar) = tokio::try_join!(store::children(db), load_calendar(db))?;
    let (children, references) = facts(reviewed.children, &calendar);
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    out.write_record([
        locale.text("annual-csv-reference"),
        locale.text("annual-csv-date"),
        locale.text("annual-csv-number"),
        locale.text("annual-csv-code"),
        locale.text("annual-csv-in-timescale"),
    ])?;
    let mut lines = Vec::new();
    for (child, reference) in children.iter().zip(&references) {
        for row in &child.held {
            let Some(held) = row.held_on.as_deref() else {
                continue;
            };
            if !crate::calendar::parse_date(held).is_some_and(|d| d >= span.from && d <= span.at) {
                continue;
            }
            lines.push([
                as_words(reference.as_deref().unwrap_or("")),
                held.to_owned(),
                row.sequence.to_string(),
                row.code.clone().unwrap_or_default(),
                if row.late { "no" } else { "yes" }.to_owned(),
            ]);
        }
    }
    // By day, then reference: the order a case system lists them in.
    lines.sort_by(|a, b| (&a[1], &a[0]).cmp(&(&b[1], &b[0])));
    for line in &lines {
        out.write_record(line)?;
    }
    let bytes = out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    let (from, to) = (iso_date_of(span.from), iso_date_of(span.at));
    let mut tx = db.begin_write().await?;
    record(
        &mut *tx,
        Some(user.account_id),
        AuditAction::FiguresDownloaded,
        Some(format!("figures:reviews:{from}:{to}")),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Download {
        file_name: format!("reviews-{from}-to-{to}.csv"),
        content_type: "text/csv; charset=utf-8",
        bytes,
    }))
}

/// The figures operations over the database.
pub struct FiguresService {
    pub db: Db,
}

impl FiguresApi for FiguresService {
    fn annual<'a>(
        &'a self,
        user: &'a CurrentUser,
        asked: AnnualAsked,
    ) -> Pending<'a, AnnualFigures> {
        Box::pin(async move {
            if !may_read(user) {
                return Err(Refusal::NotFound);
            }
            for_page(
                annual(&self.db, user, &asked, today()).await.map(Some),
                "the annual figures",
            )
        })
    }
}

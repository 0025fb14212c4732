//! A financial year's escalations counted, every count through the
//! disclosure rule: what was raised, the issues by type (the annual
//! report's Table 7: a formal escalation may raise several, so the
//! issues add up to more than the escalations and the shares to more than
//! 100%), how far concerns went, and each IRO's footprint.

use std::collections::BTreeMap;

use app::{
    disclosure::{Cell, Counts, Rule},
    escalations::{CountTable, ISSUES, Label, STAGES, stage_rank},
};

use super::store::{self, Which, Whole};
use crate::{
    calendar::{Calendar, parse_date},
    storage::{Db, settings},
};

/// A year counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub tables: Vec<CountTable>,
    pub median_days: Option<i64>,
    pub fewer_than: i64,
}

/// The footprint table's key (a manager's, left out of the annual pack).
pub const FOOTPRINT: &str = "escalations-table-footprint";

/// The summary table's rows, in order.
pub const SUMMARY_ROWS: [&str; 9] = [
    "raised",
    "formal",
    "issues",
    "resolved",
    "cafcass",
    "child-view",
    "child-told",
    "advocacy-offered",
    "good-practice",
];

/// The financial year beginning in April of `year`, counted.
pub async fn for_year(db: &Db, calendar: &Calendar, year: i32) -> anyhow::Result<Counted> {
    let from = format!("{year}-04-01");
    let to = format!("{}-03-31", year + 1);
    let wholes = store::read(db, Which::RaisedBetween, &from, &to).await?;
    let rule = settings::disclosure_rule(db).await?;
    let (tables, median_days) = count(&wholes, calendar, rule);
    Ok(Counted {
        from,
        to,
        tables,
        median_days,
        fewer_than: rule.fewer_than,
    })
}

fn reached(whole: &Whole, rank: usize) -> bool {
    whole
        .stages
        .iter()
        .any(|s| stage_rank(&s.stage).is_some_and(|r| r >= rank))
}

fn is_formal(whole: &Whole) -> bool {
    reached(whole, 1)
}

fn furthest(whole: &Whole) -> usize {
    whole
        .stages
        .iter()
        .filter_map(|s| stage_rank(&s.stage))
        .max()
        .unwrap_or(0)
}

fn keys(prefix: &str, names: &[&str]) -> Vec<Label> {
    names
        .iter()
        .map(|n| Label::Key(format!("{prefix}{n}")))
        .collect()
}

/// One column of counts, each on its own (no totals shown with them).
fn column(rule: Rule, counts: &[i64]) -> Vec<Vec<Cell>> {
    counts.iter().map(|n| vec![rule.one(*n)]).collect()
}

/// The tables and the median working days to resolution (pure).
pub fn count(wholes: &[Whole], calendar: &Calendar, rule: Rule) -> (Vec<CountTable>, Option<i64>) {
    let concerns: Vec<&Whole> = wholes.iter().filter(|w| w.row.kind == "concern").collect();
    let formal: Vec<&Whole> = concerns.iter().copied().filter(|w| is_formal(w)).collect();
    let resolved: Vec<&Whole> = concerns
        .iter()
        .copied()
        .filter(|w| w.row.resolved_on.is_some())
        .collect();
    let formal_issues: usize = formal.iter().map(|w| w.issues.len()).sum();
    let n = |filter: &dyn Fn(&Whole) -> bool| concerns.iter().filter(|w| filter(w)).count() as i64;
    let summary_counts = [
        concerns.len() as i64,
        formal.len() as i64,
        formal_issues as i64,
        resolved.len() as i64,
        n(&|w| w.row.cafcass_on.is_some()),
        n(&|w| w.views > 0),
        n(&|w| w.row.child_told == Some(1)),
        n(&|w| w.row.advocacy_offered == Some(1)),
        wholes
            .iter()
            .filter(|w| w.row.kind == "good_practice")
            .count() as i64,
    ];
    let summary = CountTable {
        key: "escalations-table-summary".into(),
        columns: vec![Label::Key("escalations-column-number".into())],
        rows: keys("escalations-summary-", &SUMMARY_ROWS),
        cells: column(rule, &summary_counts),
        column_totals: None,
        percents: None,
    };

    // Table 7: issues raised in formal escalations, each as a share of
    // the formal escalations.
    let issue_counts: Vec<i64> = ISSUES
        .iter()
        .map(|issue| {
            formal
                .iter()
                .filter(|w| w.issues.iter().any(|i| i == issue))
                .count() as i64
        })
        .collect();
    let cells = column(rule, &issue_counts);
    let of = rule.one(formal.len() as i64);
    let percents = cells
        .iter()
        .map(|row| match rule.percent(row[0], of) {
            app::disclosure::Percent::Shown { percent, .. } => Some(percent),
            app::disclosure::Percent::Hidden => None,
        })
        .collect();
    let issues = CountTable {
        key: "escalations-table-issues".into(),
        columns: vec![Label::Key("escalations-column-issues".into())],
        rows: keys("escalation-issue-", &ISSUES),
        cells,
        column_totals: None,
        percents: Some(percents),
    };

    // How far concerns went: reached each stage, resolved there, open
    // there now.
    let stage_cells: Vec<Vec<Cell>> = (0..STAGES.len())
        .map(|rank| {
            let ended_here = |resolved: bool| {
                concerns
                    .iter()
                    .filter(|w| furthest(w) == rank && w.row.resolved_on.is_some() == resolved)
                    .count()
            };
            [
                concerns.iter().filter(|w| reached(w, rank)).count(),
                ended_here(true),
                ended_here(false),
            ]
            .into_iter()
            .map(|n| rule.one(n as i64))
            .collect()
        })
        .collect();
    let stages = CountTable {
        key: "escalations-table-stages".into(),
        columns: keys(
            "escalations-column-",
            &["reached", "resolved-there", "open-there"],
        ),
        rows: keys("escalation-stage-", &STAGES),
        cells: stage_cells,
        column_totals: None,
        percents: None,
    };

    // Each IRO's footprint: what they raised (concerns and notes).
    let mut by_iro: BTreeMap<&str, [i64; 7]> = BTreeMap::new();
    for w in wholes {
        let row = by_iro.entry(w.row.raised_by.as_str()).or_default();
        if w.row.kind == "good_practice" {
            row[6] += 1;
            continue;
        }
        row[0] += 1;
        if w.row.resolved_on.is_some() {
            row[1] += 1;
        }
        for rank in 1..=3 {
            if reached(w, rank) {
                row[1 + rank] += 1;
            }
        }
        if w.row.cafcass_on.is_some() {
            row[5] += 1;
        }
    }
    let protected = rule.protect(&Counts {
        cells: by_iro.values().map(|r| r.to_vec()).collect(),
        row_totals: false,
        column_totals: true,
    });
    let footprint = CountTable {
        key: FOOTPRINT.into(),
        columns: keys(
            "escalations-column-",
            &[
                "raised",
                "resolved",
                "stage1",
                "stage2",
                "stage3",
                "cafcass",
                "good-practice",
            ],
        ),
        rows: by_iro
            .keys()
            .map(|name| Label::Name((*name).to_owned()))
            .collect(),
        cells: protected.cells,
        column_totals: protected.column_totals,
        percents: None,
    };

    // The median working days from raising to resolution, shown only when
    // the number resolved is.
    let mut days: Vec<i64> = resolved
        .iter()
        .filter_map(|w| {
            let raised = parse_date(&w.row.raised_on)?;
            let done = parse_date(w.row.resolved_on.as_deref()?)?;
            Some(calendar.working_days_between(raised, done))
        })
        .collect();
    days.sort_unstable();
    let median = match rule.one(days.len() as i64) {
        Cell::Shown(_) if !days.is_empty() => {
            let mid = days.len() / 2;
            Some(if days.len().is_multiple_of(2) {
                (days[mid - 1] + days[mid] + 1) / 2
            } else {
                days[mid]
            })
        }
        _ => None,
    };
    (vec![summary, issues, stages, footprint], median)
}

//! Escalations: the IRO's challenge to drift, delay or poor planning in a
//! child's care plan (IRO Handbook chapter 6), and their "good practice"
//! notes. A concern starts informally or at a formal stage; each stage has
//! a response due in working days (a manager's setting per stage); the IRO
//! records the response and resolves it, moves it on, or skips stages;
//! the formal stages together should take no more than 20 working days.
//! Cafcass can be told at any stage.
//!
//! Who sees what: the child's IRO and managers, each reading audited.
//! Never the child as written (their download says in plain words that a
//! concern was raised and how it ended), never the CRO, the advocacy
//! service or another IRO. Never deleted.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::disclosure::Cell;

pub mod pages;
pub mod paths;

/// The kinds of issue a concern raises, as stored, in the order of the
/// annual report's Table 7 (a concern may raise several).
pub const ISSUES: [&str; 10] = [
    "care-plan",
    "care-plan-delay",
    "safeguarding",
    "social-work",
    "placement",
    "education",
    "health",
    "planning-18",
    "follow-up",
    "other",
];

/// The stages, as stored, in order: informal, then the three formal ones
/// (team manager; head of service; assistant director or director).
pub use crate::vocabulary::ESCALATION_STAGES as STAGES;

/// The formal stages together: at most this many working days.
pub use crate::vocabulary::ESCALATION_FORMAL_DAYS as FORMAL_LIMIT;

/// The most staff may write in one box.
pub const TEXT_LIMIT: usize = 2000;
/// The most a name or a role may hold.
pub const NAME_LIMIT: usize = 100;

/// A stage's place in [`STAGES`] (0 informal, 3 stage 3).
pub fn stage_rank(stage: &str) -> Option<usize> {
    STAGES.iter().position(|s| *s == stage)
}

/// One stage a concern went through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRow {
    /// One of [`STAGES`].
    pub stage: String,
    /// `YYYY-MM-DD`.
    pub started_on: String,
    pub due_on: String,
    pub raised_to_name: String,
    pub raised_to_role: String,
    pub response_on: Option<String>,
    pub response: String,
    /// The response came after the due day.
    pub late: bool,
}

/// A concern or a good practice note, as a line in a list: the child's
/// page, the IRO's home, the manager's open escalations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub iro_name: Option<String>,
    /// `concern` or `good_practice`.
    pub kind: String,
    pub raised_on: String,
    pub issues: Vec<String>,
    /// Where a concern is now (`None` for a good practice note).
    pub stage: Option<String>,
    /// The stages it went through, in order: (stage, started on).
    pub path: Vec<(String, String)>,
    pub resolved_on: Option<String>,
    /// The current stage's response is due on this day (open, not yet
    /// answered).
    pub due_on: Option<String>,
    pub overdue: bool,
    /// Due within the next two working days.
    pub due_soon: bool,
    pub cafcass_on: Option<String>,
}

/// Something the child said that a concern cites ("the child's view"): a
/// request for an advocate, or views sent before a review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildView {
    /// `advocacy` or `consultation`.
    pub source: String,
    pub id: i64,
    /// `YYYY-MM-DD` it was sent.
    pub on: String,
    /// The advocacy categories asked about (empty for a consultation).
    pub categories: Vec<String>,
}

/// One concern or note, whole, for the child's IRO or a manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub summary: Summary,
    pub raised_by: String,
    pub what_wrong: String,
    pub what_needed: String,
    pub outcome: String,
    pub child_told: Option<bool>,
    pub advocacy_offered: Option<bool>,
    pub stages: Vec<StageRow>,
    /// The day the formal stages must end by (20 working days from the
    /// first formal stage), once one began.
    pub formal_by: Option<String>,
    /// Working days the formal stages took (so far, while open).
    pub formal_days: Option<i64>,
    /// The views the concern cites, and those of the child's it could.
    pub views: Vec<ChildView>,
    pub views_to_link: Vec<ChildView>,
    /// This person may change it (the child's IRO while the child is
    /// looked after, or a manager).
    pub may_change: bool,
}

/// Raising a concern: the fields as sent (`issue` once per ticked box).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RaiseForm {
    pub issues: Vec<String>,
    pub what_wrong: String,
    pub what_needed: String,
    pub stage: String,
    pub raised_on: String,
    pub to_name: String,
    pub to_role: String,
    /// `yes`, `no` or empty.
    pub child_told: String,
    pub advocacy_offered: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

impl RaiseForm {
    /// The form from its pairs, each ticked issue its own pair.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> RaiseForm {
        let mut form = RaiseForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "issue" => form.issues.push(value),
                "what_wrong" => form.what_wrong = value,
                "what_needed" => form.what_needed = value,
                "stage" => form.stage = value,
                "raised_on" => form.raised_on = value,
                "to_name" => form.to_name = value,
                "to_role" => form.to_role = value,
                "child_told" => form.child_told = value,
                "advocacy_offered" => form.advocacy_offered = value,
                _ => {}
            }
        }
        form
    }
}

/// A good practice note: the day and what was good.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PraiseForm {
    pub noted_on: String,
    pub note: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The response to the current stage and what comes next: `next` is
/// `resolve` (with `outcome`) or a later stage (with to whom).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RespondForm {
    pub response_on: String,
    pub response: String,
    pub next: String,
    pub outcome: String,
    pub to_name: String,
    pub to_role: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Cafcass, and whether the child was told and advocacy offered. An
/// empty Cafcass date leaves it as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetailsForm {
    pub cafcass_on: String,
    pub child_told: String,
    pub advocacy_offered: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Linking the child's view: `view` is `advocacy:12` or `consultation:3`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub view: String,
}

/// What raising a concern needs to show: the child and the stages' days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Raising {
    pub child_id: i64,
    pub child_name: String,
    /// Working days to respond at each of [`STAGES`].
    pub days: [i64; 4],
}

/// A row or column's label: a translation key, or a name as it is
/// (an IRO's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    Key(String),
    Name(String),
}

/// A table of counts already through the disclosure rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountTable {
    /// Its caption's key; `<key>-rows` heads the rows.
    pub key: String,
    pub columns: Vec<Label>,
    pub rows: Vec<Label>,
    pub cells: Vec<Vec<Cell>>,
    /// A totals row, when the table has one.
    pub column_totals: Option<Vec<Cell>>,
    /// A percentage beside each row (of the formal escalations), shown
    /// only when both its counts are.
    pub percents: Option<Vec<Option<i64>>>,
}

impl CountTable {
    /// Whether a count (or a share) is hidden: the page explains "c".
    pub fn has_hidden(&self) -> bool {
        self.cells.iter().flatten().any(|c| *c == Cell::Hidden)
            || self
                .column_totals
                .iter()
                .flatten()
                .any(|c| *c == Cell::Hidden)
            || self.percents.iter().flatten().any(Option::is_none)
    }
}

/// The manager's view: every open concern (overdue first), and a
/// financial year's counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub open: Vec<Summary>,
    /// The financial year counted (its first year: 2025 is 2025-26), and
    /// the years that can be chosen, newest first.
    pub year: i32,
    pub years: Vec<i32>,
    pub from: String,
    pub to: String,
    /// Raised, formal, issues, resolved, Cafcass, child's view, told,
    /// advocacy offered, good practice; the issues by type (Table 7); the
    /// stages reached; each IRO's footprint.
    pub tables: Vec<CountTable>,
    /// Median working days from raising to resolution, when the number
    /// resolved is shown.
    pub median_days: Option<i64>,
    /// The rule's "fewer than", for the note under the tables.
    pub fewer_than: i64,
}

/// The period the manager's view counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverviewAsked {
    /// As typed in the address (anything but a year: the current one).
    pub year: String,
}

/// The operations the pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait EscalationsApi: Send + Sync {
    /// Raising a concern about a child (their IRO, a manager).
    fn raising<'a>(&'a self, user: &'a CurrentUser, child_id: i64) -> Pending<'a, Raising>;
    /// One concern or note (the child's IRO, a manager); the reading is
    /// audited.
    fn escalation<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, Escalation>;
    /// The manager's view.
    fn overview<'a>(&'a self, user: &'a CurrentUser, year: Option<i32>) -> Pending<'a, Overview>;
}

page_data!(
    /// Raising a concern about a child.
    load_raising(child_id: i64) -> Raising, dyn EscalationsApi, raising
);
page_data!(
    /// One concern or note.
    load_escalation(id: i64) -> Escalation, dyn EscalationsApi, escalation
);
page_data!(
    /// The manager's view of every escalation.
    load_overview(year: Option<i32>) -> Overview, dyn EscalationsApi, overview
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_issues_each_arrive() {
        let form = RaiseForm::from_pairs([
            ("issue", "care-plan"),
            ("issue", "education"),
            ("stage", "stage1"),
        ]);
        assert_eq!(form.issues, ["care-plan", "education"]);
        assert_eq!(form.stage, "stage1");
        assert_eq!(stage_rank("stage3"), Some(3));
        assert_eq!(stage_rank("stage9"), None);
    }
}

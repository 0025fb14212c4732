//! Every address of the escalations area.

use crate::paths::with_id;

/// Raising a concern or noting good practice about a child (GET the
/// page, POST the concern).
pub const RAISE: &str = "/children/{id}/escalations/new";
/// A good practice note (POST).
pub const PRAISE: &str = "/children/{id}/escalations/good-practice";
/// One concern or note.
pub const ESCALATION: &str = "/escalations/{id}";
/// The response to the current stage, and what comes next (POST).
pub const RESPOND: &str = "/escalations/{id}/respond";
/// Cafcass, the child told, advocacy offered (POST).
pub const DETAILS: &str = "/escalations/{id}/details";
/// Citing the child's view (POST).
pub const LINK: &str = "/escalations/{id}/views";
/// The manager's view: open escalations and the counts.
pub const OVERVIEW: &str = "/escalations";
/// The counts as CSV, and as a workbook.
pub const CSV: &str = "/escalations/counts.csv";
pub const WORKBOOK: &str = "/escalations/counts.xlsx";

pub fn raise(child_id: i64) -> String {
    with_id(RAISE, child_id)
}

pub fn praise(child_id: i64) -> String {
    with_id(PRAISE, child_id)
}

pub fn escalation(id: i64) -> String {
    with_id(ESCALATION, id)
}

pub fn respond(id: i64) -> String {
    with_id(RESPOND, id)
}

pub fn details(id: i64) -> String {
    with_id(DETAILS, id)
}

pub fn link(id: i64) -> String {
    with_id(LINK, id)
}

/// The manager's view, or a download, for a financial year.
pub fn for_year(path: &str, year: i32) -> String {
    format!("{path}?year={year}")
}

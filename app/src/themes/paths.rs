//! Every address of the themes area. The route patterns are what the
//! server's router and the pages' links both use; the Leptos routes in
//! `lib.rs` say the same pages in Leptos's own syntax.

use crate::paths::with_id;

/// The service's list of themes (GET), and adding one (POST).
pub const LIST: &str = "/themes/list";
/// A theme's new name (POST).
pub const RENAME: &str = "/themes/list/{id}";
/// Retiring a theme: no longer offered for tagging (POST).
pub const RETIRE: &str = "/themes/list/{id}/retire";
/// Offering a retired theme again (POST).
pub const RESTORE: &str = "/themes/list/{id}/restore";

/// The themes an IRO tags one of a child's sent answers with (POST).
pub const TAG: &str = "/children/{id}/consultation/answers/{answer}/themes";

pub fn tag(child_id: i64, answer_id: i64) -> String {
    with_id(TAG, child_id).replacen("{answer}", &answer_id.to_string(), 1)
}

pub fn rename(id: i64) -> String {
    with_id(RENAME, id)
}

pub fn retire(id: i64) -> String {
    with_id(RETIRE, id)
}

pub fn restore(id: i64) -> String {
    with_id(RESTORE, id)
}

/// The themes page: what children are telling the service (GET; its
/// choices are its query).
pub const FIGURES: &str = "/themes";
/// One of its tables as CSV, and every table as a workbook, for the same
/// choices (its query).
pub const CSV: &str = "/themes/csv/{table}";
pub const WORKBOOK: &str = "/themes/workbook";

pub fn csv(table: &str) -> String {
    CSV.replacen("{table}", table, 1)
}

/// Children's words, used only with their say-so (GET; its choices are
/// its query), picking or unpicking one as a quote for a report (POST),
/// and the words chosen as CSV (GET, the same query).
pub const WORDS: &str = "/themes/words";
pub const PICK: &str = "/themes/words/pick";
pub const WORDS_CSV: &str = "/themes/words/csv";

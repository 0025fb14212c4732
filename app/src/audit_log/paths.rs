//! Every address of the audit log area.

/// The audit log, filtered by the query (managers).
pub const LOG: &str = "/audit";
/// The same entries as CSV.
pub const CSV: &str = "/audit/entries.csv";

/// Who looked at this child's record: the log filtered to them.
pub fn of_child(child_id: i64) -> String {
    format!("{LOG}?child={child_id}")
}

//! Every address of the reviews area.

use crate::paths::with_id;

/// Scheduling a child's next review (POST).
pub const SCHEDULE: &str = "/children/{id}/reviews/schedule";
/// Recording it as held (POST).
pub const HELD: &str = "/children/{id}/reviews/held";
/// Recording a contact with the child between reviews (POST).
pub const CONTACTS: &str = "/children/{id}/contacts";
/// The bank holidays the working days leave out (managers).
pub const BANK_HOLIDAYS: &str = "/manage/bank-holidays";

pub fn schedule(child_id: i64) -> String {
    with_id(SCHEDULE, child_id)
}

pub fn held(child_id: i64) -> String {
    with_id(HELD, child_id)
}

pub fn contacts(child_id: i64) -> String {
    with_id(CONTACTS, child_id)
}

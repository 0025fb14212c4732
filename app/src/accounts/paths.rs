//! The accounts' addresses that more than one page or handler uses.

use crate::paths::with_id;

/// A manager opens a child's record, with a reason (POST).
pub const OPEN_RECORD: &str = "/children/{id}/open";
/// The IRO (or a manager) has acted on a child's urgent alerts (POST).
pub const ALERTS_SEEN: &str = "/children/{id}/alerts/seen";
/// A new invitation for a child (POST).
pub const INVITE: &str = "/children/{id}/invitation";

pub fn open_record(child_id: i64) -> String {
    with_id(OPEN_RECORD, child_id)
}

pub fn alerts_seen(child_id: i64) -> String {
    with_id(ALERTS_SEEN, child_id)
}

pub fn invite(child_id: i64) -> String {
    with_id(INVITE, child_id)
}

//! Every address of the consultation area.

use crate::paths::with_id;

/// The child's consultation: the topics and where it stands.
pub const OVERVIEW: &str = "/consultation";
/// One topic (GET), and saving it (POST).
pub const TOPIC: &str = "/consultation/topics/{topic}";
pub const TOPIC_AUTOSAVE: &str = "/consultation/topics/{topic}/autosave";
pub const TAKING_PART: &str = "/consultation/taking-part";
pub const CHECK: &str = "/consultation/check";
pub const SUBMIT: &str = "/consultation/submit";
/// The IRO's reading of a child's consultation.
pub const SUMMARY: &str = "/children/{id}/consultation";
pub const MARK_READ: &str = "/children/{id}/consultation/read";

pub fn topic(topic: &str) -> String {
    TOPIC.replacen("{topic}", topic, 1)
}

pub fn topic_autosave(topic: &str) -> String {
    TOPIC_AUTOSAVE.replacen("{topic}", topic, 1)
}

pub fn summary(child_id: i64) -> String {
    with_id(SUMMARY, child_id)
}

pub fn mark_read(child_id: i64) -> String {
    with_id(MARK_READ, child_id)
}

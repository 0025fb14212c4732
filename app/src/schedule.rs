//! A child's review schedule as every area shows it: one review's dates
//! and how a due date stands today. The reviews area keeps the schedule;
//! the caseload, the consultation and the child's page read it.

use serde::{Deserialize, Serialize};

/// How a review's due date stands today.
/// The participation codes, PN0 to PN7, in order: how a child took part
/// in a review (the reviews area records them; the annual figures count
/// them).
pub const PARTICIPATION_CODES: [&str; 8] = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueState {
    /// Past its due date and not held.
    Overdue,
    /// Due within 14 days.
    DueSoon,
    OnTrack,
    /// Not known until the review before is held.
    Unknown,
}

impl DueState {
    /// The translation key of the flag shown beside the date, if any.
    pub fn label_key(self) -> Option<&'static str> {
        match self {
            DueState::Overdue => Some("review-overdue"),
            DueState::DueSoon => Some("review-due-soon"),
            DueState::OnTrack | DueState::Unknown => None,
        }
    }
}

/// One review: dates as `YYYY-MM-DD`, a time as `HH:MM` (UK local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    /// 1 for the initial review, 2 for the second, and so on.
    pub sequence: i64,
    pub due_on: Option<String>,
    pub scheduled_on: Option<String>,
    pub scheduled_time: Option<String>,
    pub held_on: Option<String>,
    pub code: Option<String>,
    /// Held after its due date: out of timescale.
    pub late: bool,
}

impl ReviewRow {
    /// The translation key of the review's kind.
    pub fn kind_key(&self) -> &'static str {
        match self.sequence {
            ..=1 => "review-initial",
            2 => "review-second",
            _ => "review-subsequent",
        }
    }
}

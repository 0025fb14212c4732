//! A child's statutory reviews as staff see them: when each is due, when
//! it is scheduled, whether it was held in time, and how the child took
//! part (the SSDA903 participation codes).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

/// The participation codes, PN0 to PN7, in order.
pub const PARTICIPATION_CODES: [&str; 8] = ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

/// How a review's due date stands today.
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

/// A child's page for their IRO or a manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildPage {
    pub id: i64,
    pub name: String,
    pub age: i64,
    pub came_into_care_on: String,
    pub iro_name: Option<String>,
    /// Whether the child has joined MySay (an invitation was accepted).
    pub has_account: bool,
    /// Reviews already held, newest first.
    pub held: Vec<ReviewRow>,
    /// The review to schedule and hold next.
    pub next: ReviewRow,
    pub next_due: DueState,
    /// The participation code to suggest for the next review.
    pub suggested_code: Option<String>,
    /// The last year MySay has bank holidays for.
    pub calendar_last_year: Option<i32>,
    /// The child's requests for an advocate, newest first (their stage,
    /// never the advocacy service's notes).
    pub advocacy: Vec<crate::advocacy::RequestStatus>,
    /// Letters to the child after their reviews, newest first (drafts
    /// too), and whether one can be written now (a review has been held).
    pub letters: Vec<crate::letters::LetterSummary>,
    pub can_write_letter: bool,
}

/// A bank holiday, as the manager's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankHoliday {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    /// Added by a manager (not shipped with MySay).
    pub added: bool,
}

/// The add-a-bank-holiday form as last sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BankHolidayForm {
    pub date: String,
    pub name: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The schedule and record-the-review forms as last sent, with a
/// translation key per field that has a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub scheduled_on: String,
    pub scheduled_time: String,
    pub held_on: String,
    pub attended: String,
    pub code: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The review operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait ReviewsApi: Send + Sync {
    /// A child's page: `NotFound` unless the person is the child's IRO or
    /// a manager.
    fn child_page<'a>(&'a self, user: &'a CurrentUser, child_id: i64) -> Pending<'a, ChildPage>;
    /// Bank holidays from this year on (managers only).
    fn bank_holidays<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<BankHoliday>>;
}

page_data!(
    /// The bank holidays MySay counts, from this year on (managers only).
    load_bank_holidays() -> Vec<BankHoliday>, dyn ReviewsApi, bank_holidays
);
page_data!(
    /// A child's page with their reviews (their IRO, or a manager).
    load_child_page(child_id: i64) -> ChildPage, dyn ReviewsApi, child_page
);

//! The child's page for their IRO or a manager: their reviews, requests for
//! an advocate and letters in one place. A composite: it gathers areas.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::{
    advocacy::RequestStatus,
    letters::LetterSummary,
    reviews::IroContact,
    schedule::{DueState, ReviewRow},
};

pub mod pages;

/// A child's page for their IRO or a manager.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildPage {
    pub id: i64,
    pub name: String,
    pub age: i64,
    pub came_into_care_on: String,
    /// The day they ceased to be looked after (`YYYY-MM-DD`), if they have.
    pub ceased_on: Option<String>,
    /// The record can only be read (they ceased to be looked after, and
    /// this is not a manager): no forms are shown.
    pub read_only: bool,
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
    pub advocacy: Vec<RequestStatus>,
    /// Letters to the child after their reviews, newest first (drafts
    /// too), and whether one can be written now (a review has been held).
    pub letters: Vec<LetterSummary>,
    pub can_write_letter: bool,
    /// The IRO's contacts with the child between reviews, newest first.
    pub contacts: Vec<IroContact>,
    /// A manager sees a link to who looked at this record.
    pub audit_link: bool,
    /// The IRO's concerns and good practice notes, newest first.
    pub escalations: Vec<crate::escalations::Summary>,
}

/// What the child's page needs; `server` implements it.
#[cfg(feature = "ssr")]
pub trait ChildPageApi: Send + Sync {
    /// A child's page: `NotFound` unless the person is the child's IRO or
    /// a manager.
    fn child_page<'a>(&'a self, user: &'a CurrentUser, child_id: i64) -> Pending<'a, ChildPage>;
}

page_data!(
    /// A child's page with their reviews (their IRO, or a manager).
    load_child_page(child_id: i64) -> ChildPage, dyn ChildPageApi, child_page
);

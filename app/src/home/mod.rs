//! The home page: what each role sees first. For an IRO (and a manager) it
//! gathers every area about each child on the caseload, which makes it a
//! composite: the one place beside the child's page that reads several
//! areas.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::{accounts::Role, advocacy::Stage, consultations::Status, schedule::DueState};

pub mod caseload;
pub mod pages;

/// A child on an IRO's caseload, as the home page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadChild {
    pub id: i64,
    pub name: String,
    /// Whether the child has accepted an invitation.
    pub has_account: bool,
    /// `YYYY-MM-DD`, when a review is scheduled.
    pub next_review: Option<String>,
    /// `YYYY-MM-DD`, when the next review is due by law.
    pub due_on: Option<String>,
    pub due: DueState,
    /// The consultation for the next review.
    pub consultation: Status,
    /// The stage of the child's latest open request for an advocate.
    pub advocacy: Option<Stage>,
    /// `HH:MM` of the next scheduled review.
    pub review_time: Option<String>,
    /// The next review is scheduled within the next 7 days (today too).
    pub review_this_week: bool,
    /// An urgent alert about the child not acted on yet.
    pub alert: bool,
    /// A letter sent to the child that they have not opened yet.
    pub letter_unread: bool,
}

/// What a person's home page shows, by role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Home {
    Child {
        name: String,
        /// Letters sent and not opened yet.
        unread_letters: i64,
        iro_name: Option<String>,
        next_review: Option<String>,
        consultation: Status,
        /// Who has read the child's words: (date, who, role, what was read:
        /// "views" or "letter"), newest first.
        readings: Vec<(String, String, Role, String)>,
        /// A manager opened the child's record: (date, who, why).
        openings: Vec<(String, String, String)>,
        /// Staff made a new invitation for this account (it can set a new
        /// passphrase): (date, who), until the child says they have seen it.
        reset_by: Option<(String, String)>,
        /// Open Speakerbox topics the child (a member) has not answered.
        speakerbox: usize,
        /// "You said, we did" has news about a topic they answered.
        speakerbox_news: bool,
    },
    Iro {
        name: String,
        /// `YYYY-MM-DD`, their last day away from work, while it lasts.
        away_until: Option<String>,
        children: Vec<CaseloadChild>,
        /// Urgent: (child id, child's name) with an alert not yet acted on.
        alerts: Vec<(i64, String)>,
        /// Replies to letters not answered yet: (letter id, child's name).
        replies: Vec<(i64, String)>,
        /// What children on the caseload are saying, beside the service.
        saying: Box<crate::themes::Saying>,
        /// Open escalations about the caseload, overdue and due soon first.
        escalations: Vec<crate::escalations::Summary>,
    },
    Manager {
        name: String,
        alerts: Vec<(i64, String)>,
        staff: Vec<(String, Role)>,
        children: Vec<CaseloadChild>,
    },
    /// Roles whose areas are still to come.
    Other { name: String, role: Role },
}

/// What the home page needs; `server` implements it.
#[cfg(feature = "ssr")]
pub trait HomeApi: Send + Sync {
    /// The signed-in person's home page.
    fn home<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Home>;
}

page_data!(
    /// The signed-in person's home page.
    load_home() -> Home, dyn HomeApi, home
);

//! The IRO's reading of a child's consultation, with the themes they tag
//! each sent answer with. A composite: the consultation is one area's, the
//! tags another's.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::{consultations::Summary, themes::Tagging};

pub mod pages;

/// A child's consultation summary, and (for someone who may read the
/// words, outside the meeting copy) what its answers are tagged with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub summary: Summary,
    pub tagging: Option<Tagging>,
}

/// What the summary page needs; `server` implements it.
#[cfg(feature = "ssr")]
pub trait SummaryPageApi: Send + Sync {
    /// A child's latest consultation, for their IRO or a manager. With
    /// `meeting`, only what the child agreed may be shared: what is just
    /// for the IRO never leaves the server in that copy, and nor do tags.
    fn summary_page<'a>(
        &'a self,
        user: &'a CurrentUser,
        child_id: i64,
        meeting: bool,
    ) -> Pending<'a, SummaryPage>;
}

page_data!(
    /// A child's consultation summary, for their IRO (or a manager covering).
    load_summary_page(child_id: i64, meeting: bool) -> SummaryPage, dyn SummaryPageApi, summary_page
);

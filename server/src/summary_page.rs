//! The consultation summary page for a child's IRO or a manager: the
//! consultation area's summary, and the themes area's tags on each sent
//! answer. A composite: it asks each area for its part.

use app::{
    accounts::{CurrentUser, Pending},
    summary_page::{SummaryPage, SummaryPageApi},
};

use crate::{accounts::for_page, consultations, storage::Db, themes};

async fn summary_page(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
    meeting: bool,
) -> anyhow::Result<Option<SummaryPage>> {
    let Some(summary) = consultations::summary(db, user, child_id, meeting).await? else {
        return Ok(None);
    };
    // Tags are for the IRO's own reading, never the meeting copy.
    let tagging = if meeting || summary.words_hidden {
        None
    } else {
        themes::tagging(db, user, child_id).await?
    };
    Ok(Some(SummaryPage { summary, tagging }))
}

/// The summary page over the database.
pub struct SummaryPageService {
    pub db: Db,
}

impl SummaryPageApi for SummaryPageService {
    fn summary_page<'a>(
        &'a self,
        user: &'a CurrentUser,
        child_id: i64,
        meeting: bool,
    ) -> Pending<'a, SummaryPage> {
        Box::pin(async move {
            for_page(
                summary_page(&self.db, user, child_id, meeting).await,
                "a consultation page",
            )
        })
    }
}

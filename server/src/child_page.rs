//! The child's page for their IRO or a manager: their reviews, their
//! requests for an advocate and their letters. A composite: it asks each
//! area for its part.

use app::{
    accounts::{CurrentUser, Pending, Role},
    child_page::{ChildPage, ChildPageApi},
};

use crate::{
    accounts::{
        access::{Reading, is_read_only, record_reading},
        for_page,
        invitations::may_see_child,
    },
    advocacy,
    calendar::{age_on, today},
    consultations, escalations, letters, reviews,
    storage::{Db, iso_date_of},
};

async fn child_page(
    db: &Db,
    user: &CurrentUser,
    child_id: i64,
) -> anyhow::Result<Option<ChildPage>> {
    if !may_see_child(db, user, child_id).await? {
        return Ok(None);
    }
    let Some(reviews) = reviews::for_child(db, child_id).await? else {
        return Ok(None);
    };
    let sent_views = consultations::views_sent(db, child_id, reviews.next.sequence).await?;
    let suggested_code = reviews::suggested_code(&reviews, sent_views);
    record_reading(db.pool(), user, Some(child_id), Reading::ChildPage).await?;
    let read_only = is_read_only(user, reviews.ceased_on.is_some());
    Ok(Some(ChildPage {
        id: child_id,
        name: reviews.name,
        age: age_on(reviews.date_of_birth, today()),
        came_into_care_on: iso_date_of(reviews.came_into_care),
        ceased_on: reviews.ceased_on.map(iso_date_of),
        read_only,
        iro_name: reviews.iro_name,
        has_account: reviews.has_account,
        can_write_letter: user.role == Role::Iro && !read_only && !reviews.held.is_empty(),
        contacts: reviews.contacts,
        held: reviews.held,
        next: reviews.next,
        next_due: reviews.next_due,
        suggested_code,
        calendar_last_year: reviews.calendar_last_year,
        advocacy: advocacy::for_child(db, child_id).await?,
        letters: letters::for_child(db, child_id).await?,
        escalations: escalations::for_child(db, child_id).await?,
        audit_link: user.role == Role::Manager,
    }))
}

/// The child's page over the database.
pub struct ChildPageService {
    pub db: Db,
}

impl ChildPageApi for ChildPageService {
    fn child_page<'a>(&'a self, user: &'a CurrentUser, child_id: i64) -> Pending<'a, ChildPage> {
        Box::pin(
            async move { for_page(child_page(&self.db, user, child_id).await, "a child's page") },
        )
    }
}

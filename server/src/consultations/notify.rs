//! What the consultation area emails: that a child has sent their views,
//! never what they wrote.

use sqlx::{Any, Transaction};

use crate::email::{self, Email};

/// The child's IRO (or the managers, while the IRO cannot read them) are
/// told there are views to read.
pub async fn views_sent(
    tx: &mut Transaction<'static, Any>,
    child_id: i64,
    base_url: &str,
) -> anyhow::Result<()> {
    for to in crate::safety::staff_to_tell(tx, child_id).await? {
        email::enqueue(
            &mut **tx,
            &Email {
                to,
                subject: "A child has shared their views in MySay".to_owned(),
                body: format!(
                    "A child on your caseload has sent their views for their next review.\n\n\
                     Sign in to read them:\n{base_url}{}\n\n\
                     This email does not include anything the child wrote.\n",
                    app::paths::HOME
                ),
            },
        )
        .await?;
    }
    Ok(())
}

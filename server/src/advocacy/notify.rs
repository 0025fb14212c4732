//! Who the advocacy area tells, and what the emails say: never anything
//! the child wrote.

use sqlx::{Any, Transaction};

use super::store;
use crate::email::{self, Email};

/// A new request: every caseworker (to their inbox) and the child's IRO
/// (to their home) are told that a child has asked for an advocate.
pub async fn request_sent(
    tx: &mut Transaction<'static, Any>,
    child_id: i64,
    urgent: bool,
    base_url: &str,
) -> anyhow::Result<()> {
    let mut to: Vec<(String, &str)> = Vec::new();
    to.extend(
        store::caseworker_emails(tx)
            .await?
            .into_iter()
            .map(|e| (e, app::advocacy::paths::INBOX)),
    );
    to.extend(
        store::iro_emails(tx, child_id)
            .await?
            .into_iter()
            .map(|e| (e, app::paths::HOME)),
    );
    let subject = if urgent {
        "Urgent: a child has asked for an advocate"
    } else {
        "A child has asked for an advocate"
    };
    for (address, path) in to {
        email::enqueue(
            &mut **tx,
            &Email {
                to: address,
                subject: subject.to_owned(),
                body: format!(
                    "A child has asked for an advocate in MySay.\n\n\
                     Sign in to see the request:\n{base_url}{path}\n\n\
                     This email does not include anything the child wrote.\n"
                ),
            },
        )
        .await?;
    }
    Ok(())
}

//! Who Speakerbox tells, and what the emails say: never a topic's words
//! (an email can be read over a shoulder or on a shared phone), only that
//! there is something new to see, and when it is open.

use sqlx::{Any, Transaction};

use super::store;
use crate::email::{self, Email};

/// A topic is published: every member it is for who has an email address
/// on their account is told there is a new question, and when it is open.
pub async fn topic_published(
    tx: &mut Transaction<'static, Any>,
    topic_id: i64,
    opens_on: &str,
    closes_on: &str,
    base_url: &str,
) -> anyhow::Result<usize> {
    let members = store::audience_emails(tx, topic_id).await?;
    let path = app::speakerbox::paths::HOME;
    let (opens, closes) = (said(opens_on), said(closes_on));
    let mut sent = 0;
    for address in members.into_iter().filter_map(|(_, email)| email) {
        email::enqueue(
            &mut **tx,
            &Email {
                to: address,
                subject: "A new Speakerbox question for you".to_owned(),
                body: format!(
                    "There is a new question for Speakerbox members in MySay.\n\
                     You can answer from {opens} to {closes}.\n\n\
                     Sign in to read it:\n{base_url}{path}\n\n\
                     You get this email because you are a member of Speakerbox. \
                     You can leave at any time on that page.\n"
                ),
            },
        )
        .await?;
        sent += 1;
    }
    Ok(sent)
}

/// A day as an email says it: 14 December 2026.
fn said(iso: &str) -> String {
    crate::calendar::parse_date(iso).map_or_else(
        || iso.to_owned(),
        |d| format!("{} {} {}", d.day(), d.month(), d.year()),
    )
}

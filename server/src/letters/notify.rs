//! What the letters area emails: only that there is something to read.

use sqlx::{Any, Transaction};

use crate::email::{self, Email};

/// The child (where they gave an address) has a new letter.
pub async fn letter_sent(
    tx: &mut Transaction<'static, Any>,
    to: Option<String>,
    base_url: &str,
) -> anyhow::Result<()> {
    let Some(to) = to.filter(|a| !a.trim().is_empty()) else {
        return Ok(());
    };
    email::enqueue(
        &mut **tx,
        &Email {
            to,
            subject: "You have a new letter in MySay".to_owned(),
            body: format!(
                "Your IRO has written to you after your review.\n\n\
                 Sign in to MySay to read it:\n{base_url}{}\n",
                app::letters::paths::MINE
            ),
        },
    )
    .await?;
    Ok(())
}

/// The other side of a letter has a reply: the child an answer from their
/// IRO, the IRO a child's reply.
pub async fn replied(
    tx: &mut Transaction<'static, Any>,
    to: Option<String>,
    answer: bool,
    base_url: &str,
) -> anyhow::Result<()> {
    let Some(to) = to.filter(|a| !a.trim().is_empty()) else {
        return Ok(());
    };
    let (subject, path) = if answer {
        (
            "Your IRO has answered you in MySay",
            app::letters::paths::MINE,
        )
    } else {
        (
            "A child has replied to your letter in MySay",
            app::paths::HOME,
        )
    };
    email::enqueue(
        &mut **tx,
        &Email {
            to,
            subject: subject.to_owned(),
            body: format!(
                "There is a new message for you in MySay.\n\n\
                 Sign in to read it:\n{base_url}{path}\n\n\
                 This email does not include what was written.\n"
            ),
        },
    )
    .await?;
    Ok(())
}

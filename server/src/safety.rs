//! Safety: whatever a child writes in MySay (a consultation answer, a
//! request for an advocate or a message about it, a reply to a letter) is
//! checked the same way for words that suggest they may not be safe, and
//! an urgent alert goes to the staff who must act, by email without any of
//! the child's words. The alert stands whether or not the child sends.

use crate::{
    accounts::audit::{AuditAction, record},
    email::{self, Email},
    storage::now_millis,
};

/// The shipped list of risk phrases.
const RISK_PHRASES: &str = include_str!("../../reference/risk-phrases.txt");

/// Lower case, letters and digits only, single spaces, padded: so
/// "Don't   feel SAFE!" and "don t feel safe" match.
fn normalise(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether the text holds a phrase from the shipped list.
pub fn has_risk_phrase(text: &str) -> bool {
    let text = normalise(text);
    RISK_PHRASES
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .any(|phrase| text.contains(&normalise(phrase)))
}

/// Who hears about this child: their IRO, and every manager as well when
/// the IRO is away from work, or when they have none (or their IRO's
/// account is disabled).
pub async fn staff_to_tell(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    child_id: i64,
) -> anyhow::Result<Vec<String>> {
    let iro: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT a.email, a.away_until FROM iro_allocations al \
         JOIN accounts a ON a.id = al.iro_account_id \
         WHERE al.child_id = $1 AND al.ended_at IS NULL AND a.disabled_at IS NULL",
    )
    .bind(child_id)
    .fetch_all(&mut **tx)
    .await?;
    let today = crate::calendar::today();
    let present = iro
        .iter()
        .any(|(_, away)| !crate::accounts::away::is_away(away.as_deref(), today));
    let mut to: Vec<String> = iro.into_iter().filter_map(|(email, _)| email).collect();
    if !present {
        let managers: Vec<Option<String>> = sqlx::query_scalar(
            "SELECT email FROM accounts WHERE role = 'manager' AND disabled_at IS NULL",
        )
        .fetch_all(&mut **tx)
        .await?;
        to.extend(managers.into_iter().flatten());
    }
    Ok(to)
}

/// Where a child wrote what raised an alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Consultation(i64),
    /// A request for an advocate, or a message about it.
    Advocacy(i64),
    /// A reply to a letter.
    Letter(i64),
    /// A Speakerbox answer: the topic's id (never the answer's).
    Speakerbox(i64),
}

impl Source {
    fn parts(self) -> (&'static str, i64) {
        match self {
            Source::Consultation(id) => ("consultation", id),
            Source::Advocacy(id) => ("advocacy", id),
            Source::Letter(id) => ("letter", id),
            Source::Speakerbox(id) => ("speakerbox", id),
        }
    }
}

/// Raises an urgent alert (once per source and reason until it is acted
/// on) and emails the staff who must act, without any of the child's
/// words.
pub async fn raise_alert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    child_id: i64,
    source: Source,
    reason: &str,
    base_url: &str,
) -> anyhow::Result<()> {
    let (kind, id) = source.parts();
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM safety_alerts WHERE child_id = $1 AND reason = $2 AND seen_at IS NULL \
         AND ((source = 'consultation' AND consultation_id = $3 AND $4 = 'consultation') \
              OR (source = $4 AND source_id = $3))",
    )
    .bind(child_id)
    .bind(reason)
    .bind(id)
    .bind(kind)
    .fetch_one(&mut **tx)
    .await?;
    if open > 0 {
        return Ok(());
    }
    let consultation = matches!(source, Source::Consultation(_)).then_some(id);
    sqlx::query(
        "INSERT INTO safety_alerts (child_id, consultation_id, reason, raised_at, source, source_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(child_id)
    .bind(consultation)
    .bind(reason)
    .bind(now_millis())
    .bind(kind)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    for to in staff_to_tell(tx, child_id).await? {
        email::enqueue(
            &mut **tx,
            &Email {
                to,
                subject: "Urgent: a child in MySay may need help now".to_owned(),
                body: format!(
                    "A child's answers in MySay suggest they may need help now.\n\n\
                     Sign in to see who and act today:\n{base_url}/home\n\n\
                     This email does not include anything the child wrote.\n"
                ),
            },
        )
        .await?;
    }
    record(
        &mut **tx,
        None,
        AuditAction::SafetyAlertRaised,
        Some(format!("child:{child_id}")),
    )
    .await?;
    Ok(())
}

/// Unseen urgent alerts for this person's children (an IRO's own; every
/// child's for a manager): (child id, child's name, reason).
pub async fn open_alerts(
    db: &crate::storage::Db,
    user: &app::accounts::CurrentUser,
) -> anyhow::Result<Vec<(i64, String, String)>> {
    let rows: Vec<(i64, String, String)> = match user.role {
        app::accounts::Role::Iro => {
            sqlx::query_as(
                "SELECT s.child_id, COALESCE(c.preferred_name, c.first_name), s.reason \
                 FROM safety_alerts s JOIN children c ON c.id = s.child_id \
                 JOIN iro_allocations al ON al.child_id = c.id AND al.ended_at IS NULL \
                 WHERE s.seen_at IS NULL AND al.iro_account_id = $1 ORDER BY s.raised_at",
            )
            .bind(user.account_id)
            .fetch_all(db.pool())
            .await?
        }
        app::accounts::Role::Manager => {
            sqlx::query_as(
                "SELECT s.child_id, COALESCE(c.preferred_name, c.first_name), s.reason \
                 FROM safety_alerts s JOIN children c ON c.id = s.child_id \
                 WHERE s.seen_at IS NULL ORDER BY s.raised_at",
            )
            .fetch_all(db.pool())
            .await?
        }
        _ => Vec::new(),
    };
    Ok(rows)
}

/// The IRO (or a manager) has acted on a child's alerts.
pub async fn alerts_seen(
    db: &crate::storage::Db,
    user: &app::accounts::CurrentUser,
    child_id: i64,
) -> anyhow::Result<bool> {
    if !crate::accounts::invitations::may_see_child(db, user, child_id).await? {
        return Ok(false);
    }
    sqlx::query("UPDATE safety_alerts SET seen_at = $1, seen_by = $2 WHERE child_id = $3 AND seen_at IS NULL")
        .bind(crate::storage::now_millis())
        .bind(user.account_id)
        .bind(child_id)
        .execute(db.pool())
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risk_phrases_match_whatever_the_case_and_punctuation() {
        assert!(has_risk_phrase("sometimes I want to RUN   AWAY!"));
        assert!(has_risk_phrase("I don't feel safe at home"));
        assert!(has_risk_phrase("he hits me when he is angry"));
        assert!(has_risk_phrase("thinking about self-harm again"));
        assert!(!has_risk_phrase("I like running and my new school"));
        assert!(
            !has_risk_phrase("my brother's cat is called Whitney"),
            "whole words only"
        );
    }
}

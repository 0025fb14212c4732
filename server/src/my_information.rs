//! A child's download of their own information: their record as MySay
//! holds it, their consultations, requests for an advocate, and letters
//! with every reply. A JSON file, so it can be read anywhere and kept.
//! Only the child's own; nothing staff wrote for themselves (the advocacy
//! service's notes) is in it.

use app::accounts::{CurrentUser, Role};
use serde_json::{Value, json};

use crate::storage::{Db, iso_date};

/// id, review, status, take part, who there, where, sent.
type ConsultationRow = (i64, i64, String, String, String, String, Option<i64>);
/// id, categories, something else, stage, sent, outcome, outcome message.
type RequestRow = (
    i64,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
);

/// The signed-in child's information; `None` for anyone else.
pub async fn for_child(db: &Db, user: &CurrentUser) -> anyhow::Result<Option<Value>> {
    if user.role != Role::Child {
        return Ok(None);
    }
    let record: Option<(i64, String, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT id, first_name, preferred_name, date_of_birth, came_into_care_on, first_language \
         FROM children WHERE account_id = $1",
    )
    .bind(user.account_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((child_id, first_name, preferred_name, born, came_into_care, language)) = record
    else {
        return Ok(None);
    };
    let date = |millis: Option<i64>| millis.and_then(iso_date);

    let mut consultations = Vec::new();
    let rows: Vec<ConsultationRow> = sqlx::query_as(
        "SELECT id, review_sequence, status, take_part, who_there, where_held, submitted_at \
         FROM consultations WHERE child_id = $1 ORDER BY id",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    for (id, review, status, take_part, who, place, submitted) in rows {
        let answers: Vec<(String, Option<i64>, String, i64, i64)> = sqlx::query_as(
            "SELECT topic, feeling, answer_text, talk_about, share_at_meeting \
             FROM consultation_answers WHERE consultation_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        consultations.push(json!({
            "review": review,
            "status": status,
            "sent_on": date(submitted),
            "how_i_want_to_take_part": take_part,
            "who_i_want_there": who,
            "where": place,
            "answers": answers.into_iter().map(|(topic, feeling, text, talk, share)| json!({
                "topic": topic,
                "feeling": feeling,
                "what_i_said": text,
                "talk_about_at_my_meeting": talk == 1,
                "share_at_my_meeting": share == 1,
            })).collect::<Vec<_>>(),
        }));
    }

    let mut advocacy = Vec::new();
    let rows: Vec<RequestRow> = sqlx::query_as(
        "SELECT id, categories, something_else, stage, sent_at, outcome, outcome_message \
             FROM advocacy_requests WHERE child_id = $1 ORDER BY id",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    for (id, categories, something_else, stage, sent, outcome, message) in rows {
        let messages: Vec<(i64, String)> = sqlx::query_as(
            "SELECT sent_at, body FROM advocacy_messages WHERE request_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        advocacy.push(json!({
            "help_with": categories.split(',').collect::<Vec<_>>(),
            "something_else": something_else,
            "stage": stage,
            "sent_on": date(Some(sent)),
            "outcome": outcome,
            "what_the_advocacy_service_said": message,
            "my_messages": messages.into_iter().map(|(at, body)| json!({
                "on": date(Some(at)), "message": body,
            })).collect::<Vec<_>>(),
        }));
    }

    let mut letters = Vec::new();
    let rows: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT l.id, a.display_name, l.body, l.sent_at, l.first_read_at FROM letters l \
         JOIN accounts a ON a.id = l.author_account_id \
         WHERE l.child_id = $1 AND l.sent_at IS NOT NULL ORDER BY l.sent_at",
    )
    .bind(child_id)
    .fetch_all(db.pool())
    .await?;
    for (id, from, body, sent, read) in rows {
        let replies: Vec<(String, String, i64, String)> = sqlx::query_as(
            "SELECT r.kind, a.display_name, r.sent_at, r.body FROM letter_replies r \
             JOIN accounts a ON a.id = r.author_account_id WHERE r.letter_id = $1 ORDER BY r.id",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        letters.push(json!({
            "from": from,
            "sent_on": date(Some(sent)),
            "first_read_on": date(read),
            "letter": body,
            "replies": replies.into_iter().map(|(kind, who, at, body)| json!({
                "kind": kind, "from": who, "on": date(Some(at)), "message": body,
            })).collect::<Vec<_>>(),
        }));
    }

    Ok(Some(json!({
        "about": "Your information in MySay, as it was when you downloaded it.",
        "me": {
            "first_name": first_name,
            "preferred_name": preferred_name,
            "date_of_birth": born,
            "came_into_care_on": came_into_care,
            "first_language": language,
        },
        "consultations": consultations,
        "advocacy_requests": advocacy,
        "letters": letters,
    })))
}

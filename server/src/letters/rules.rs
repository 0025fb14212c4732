//! The letters' rules, without the database: what a draft, a letter to
//! send and a reply must be.

use app::{
    i18n::Locale,
    letters::{LETTER_LIMIT, LetterForm, REPLY_KINDS, REPLY_LIMIT, ReplyForm},
};

pub use crate::outcome::Problems;

/// A free-text field: within `limit` characters, nothing hidden.
fn check(text: &str, limit: usize) -> Option<&'static str> {
    crate::text::check(text, limit, "letter-error-too-long")
}

/// Checks a draft as the IRO saves it (`sending`: it must not be empty).
pub fn check_letter(form: &LetterForm, sending: bool) -> Problems {
    let mut problems = Vec::new();
    if let Some(key) = check(&form.body, LETTER_LIMIT) {
        problems.push(("body", key));
    } else if sending && form.body.trim().is_empty() {
        problems.push(("body", "letter-error-empty"));
    }
    if Locale::from_code(&form.language).is_none() {
        problems.push(("language", "letter-error-language"));
    }
    problems
}

/// The kind of a child's reply ("question" or "disagree"), if it is one.
pub fn child_reply_kind(form: &ReplyForm) -> Option<&'static str> {
    REPLY_KINDS.iter().copied().find(|k| *k == form.kind)
}

/// A reply's words: trimmed, or what is wrong with them.
pub fn reply_body(form: &ReplyForm) -> Result<&str, Problems> {
    let body = form.body.trim();
    if let Some(key) = check(body, REPLY_LIMIT) {
        return Err(vec![("body", key)]);
    }
    if body.is_empty() {
        return Err(vec![("body", "letter-error-reply-empty")]);
    }
    Ok(body)
}

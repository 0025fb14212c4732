//! The advocacy area's rules, without the database: what makes a request
//! or a caseworker's action acceptable, a form parsed once into the typed
//! [`NewRequest`], and where a request stands against the service
//! standard.

use app::advocacy::{
    CATEGORIES, CONTACT_METHODS, CaseForm, GOOD_TIMES_LIMIT, InboxRow, OUTCOMES, RequestForm,
    RequestStatus, Stage, TEXT_LIMIT,
};
use time::Date;

use crate::{
    accounts::is_email_address,
    calendar::{Calendar, parse_date},
};

pub use crate::outcome::Problems;

/// The service standard: answered within 1 working day, an advocate
/// allocated within 2 (the figures measure against it too).
pub use app::vocabulary::{ACCEPT_WITHIN, ALLOCATE_WITHIN};

/// The age bands the figures count by.
pub fn age_band(age: i64) -> &'static str {
    match age {
        ..=4 => "0-4",
        5..=9 => "5-9",
        10..=15 => "10-15",
        16..=17 => "16-17",
        _ => "18-plus",
    }
}

/// A free-text field: at most `limit` characters and nothing hidden.
pub fn check_field(
    problems: &mut Problems,
    field: &'static str,
    text: &str,
    limit: usize,
) -> Option<()> {
    match crate::text::check(text, limit, "advocacy-error-too-long") {
        Some(key) => {
            problems.push((field, key));
            None
        }
        None => Some(()),
    }
}

/// A UK phone number as people type it: 10 to 13 digits, with spaces,
/// brackets, dashes or a leading +.
pub fn is_phone_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (10..=13).contains(&digits)
        && text
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '+'))
}

/// Everything wrong with a request, in the order the page shows it.
pub fn check_request(form: &RequestForm) -> Problems {
    let mut problems = Vec::new();
    if form.categories.is_empty() {
        problems.push(("categories", "advocacy-error-category"));
    } else if form
        .categories
        .iter()
        .any(|c| !CATEGORIES.contains(&c.as_str()))
    {
        problems.push(("categories", "advocacy-error-choice"));
    }
    let something_else = form.something_else.trim();
    if check_field(&mut problems, "something_else", something_else, TEXT_LIMIT).is_some()
        && form.categories.iter().any(|c| c == "something-else")
        && something_else.is_empty()
    {
        problems.push(("something_else", "advocacy-error-something-else"));
    }
    let detail = form.contact_detail.trim();
    match form.contact_method.as_str() {
        "phone" | "text" if !is_phone_number(detail) => {
            problems.push(("contact_detail", "advocacy-error-phone"));
        }
        "email" if !is_email_address(detail) => {
            problems.push(("contact_detail", "advocacy-error-email"));
        }
        method if !CONTACT_METHODS.contains(&method) => {
            problems.push(("contact_method", "advocacy-error-contact"));
        }
        _ => {}
    }
    check_field(
        &mut problems,
        "good_times",
        form.good_times.trim(),
        GOOD_TIMES_LIMIT,
    );
    let language = form.interpreter_language.trim();
    if check_field(&mut problems, "interpreter_language", language, 60).is_some()
        && form.interpreter == "yes"
        && language.is_empty()
    {
        problems.push(("interpreter_language", "advocacy-error-language"));
    }
    check_field(
        &mut problems,
        "other_help",
        form.other_help.trim(),
        TEXT_LIMIT,
    );
    problems
}

/// A request as it will be kept: the form checked and parsed once.
#[derive(Debug, PartialEq, Eq)]
pub struct NewRequest {
    /// In the order of [`CATEGORIES`], each once.
    pub categories: Vec<&'static str>,
    /// Kept only when "something else" was ticked.
    pub something_else: String,
    pub contact_method: String,
    /// Kept only for a phone, a text or an email.
    pub contact_detail: String,
    pub good_times: String,
    /// Kept only when an interpreter is wanted.
    pub interpreter_language: String,
    pub other_help: String,
    pub urgent: bool,
    /// The language the child wrote in, when it is one MySay ships.
    pub language: Option<&'static str>,
}

impl NewRequest {
    /// The request, or every problem with it in the order the page shows.
    pub fn parse(form: &RequestForm) -> Result<NewRequest, Problems> {
        let problems = check_request(form);
        if !problems.is_empty() {
            return Err(problems);
        }
        let categories: Vec<&'static str> = CATEGORIES
            .iter()
            .copied()
            .filter(|c| form.categories.iter().any(|chosen| chosen == c))
            .collect();
        let needs_detail = matches!(form.contact_method.as_str(), "phone" | "text" | "email");
        Ok(NewRequest {
            something_else: if categories.contains(&"something-else") {
                form.something_else.trim().to_owned()
            } else {
                String::new()
            },
            categories,
            contact_method: form.contact_method.clone(),
            contact_detail: if needs_detail {
                form.contact_detail.trim().to_owned()
            } else {
                String::new()
            },
            good_times: form.good_times.trim().to_owned(),
            interpreter_language: if form.interpreter == "yes" {
                form.interpreter_language.trim().to_owned()
            } else {
                String::new()
            },
            other_help: form.other_help.trim().to_owned(),
            urgent: form.urgent == "yes",
            language: known_language(&form.language),
        })
    }

    /// The child's own words in it, for the safety check.
    pub fn words(&self) -> [&str; 3] {
        [&self.something_else, &self.good_times, &self.other_help]
    }
}

/// A child's message on their request: problems, or none.
pub fn check_message(stage: Stage, body: &str) -> Problems {
    let mut problems = Vec::new();
    if stage == Stage::Closed {
        problems.push(("message", "advocacy-error-closed"));
    } else if check_field(&mut problems, "message", body, TEXT_LIMIT).is_some() && body.is_empty() {
        problems.push(("message", "advocacy-error-message"));
    }
    problems
}

/// What the caseworker did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Accept,
    Allocate,
    Note,
    Close,
}

impl Action {
    pub fn from_path(text: &str) -> Option<Action> {
        match text {
            "accept" => Some(Action::Accept),
            "allocate" => Some(Action::Allocate),
            "notes" => Some(Action::Note),
            "close" => Some(Action::Close),
            _ => None,
        }
    }
}

/// What is wrong with a caseworker's action on a request at `stage`.
pub fn check_action(stage: Stage, action: Action, form: &CaseForm) -> Problems {
    let mut problems = Vec::new();
    let closed = stage == Stage::Closed;
    match action {
        Action::Accept if closed => problems.push(("accept", "advocacy-error-closed")),
        Action::Accept if stage != Stage::Sent => problems.push(("accept", "advocacy-error-stage")),
        Action::Allocate | Action::Close if closed => {
            problems.push(("advocate", "advocacy-error-closed"));
        }
        Action::Allocate => {
            let name = form.advocate.trim();
            if check_field(&mut problems, "advocate", name, 80).is_some() && name.is_empty() {
                problems.push(("advocate", "advocacy-error-advocate"));
            }
        }
        Action::Note => {
            let note = form.note.trim();
            if check_field(&mut problems, "note", note, TEXT_LIMIT).is_some() && note.is_empty() {
                problems.push(("note", "advocacy-error-note"));
            }
        }
        Action::Close => {
            if !OUTCOMES.contains(&form.outcome.as_str()) {
                problems.push(("outcome", "advocacy-error-outcome"));
            }
            let message = form.message.trim();
            if check_field(&mut problems, "message", message, TEXT_LIMIT).is_some()
                && message.is_empty()
            {
                problems.push(("message", "advocacy-error-outcome-message"));
            }
        }
        Action::Accept => {}
    }
    problems
}

/// Where a request stands against the service standard on `today`.
pub fn inbox_row(
    status: &RequestStatus,
    child_first_name: String,
    calendar: &Calendar,
    today: Date,
) -> InboxRow {
    let working_days =
        parse_date(&status.sent_on).map_or(0, |sent| calendar.working_days_between(sent, today));
    InboxRow {
        id: status.id,
        child_first_name,
        categories: status.categories.clone(),
        urgent: status.urgent,
        stage: status.stage,
        sent_on: status.sent_on.clone(),
        working_days,
        accept_late: status.stage == Stage::Sent && working_days > ACCEPT_WITHIN,
        allocate_late: matches!(status.stage, Stage::Sent | Stage::Accepted)
            && working_days > ALLOCATE_WITHIN,
    }
}

/// Where a stage sorts in the inbox: new first.
pub fn stage_rank(stage: Stage) -> u8 {
    match stage {
        Stage::Sent => 0,
        Stage::Accepted => 1,
        Stage::Allocated => 2,
        Stage::Closed => 3,
    }
}

/// A shipped language's code, or none.
pub fn known_language(code: &str) -> Option<&'static str> {
    app::i18n::Locale::from_code(code).map(|l| l.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::today;

    fn good() -> RequestForm {
        RequestForm {
            categories: vec!["meetings".into(), "housing".into()],
            contact_method: "text".into(),
            contact_detail: "07700 900123".into(),
            interpreter: "yes".into(),
            interpreter_language: "Tigrinya".into(),
            ..RequestForm::default()
        }
    }

    #[test]
    fn a_complete_request_has_no_problems() {
        assert_eq!(check_request(&good()), Vec::new());
    }

    #[test]
    fn each_missing_part_is_named() {
        let fields = |form: RequestForm| -> Vec<&str> {
            check_request(&form).into_iter().map(|(f, _)| f).collect()
        };
        assert_eq!(
            fields(RequestForm {
                categories: vec![],
                ..good()
            }),
            ["categories"]
        );
        assert_eq!(
            fields(RequestForm {
                categories: vec!["x".into()],
                ..good()
            }),
            ["categories"]
        );
        assert_eq!(
            fields(RequestForm {
                categories: vec!["something-else".into()],
                ..good()
            }),
            ["something_else"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_detail: "12".into(),
                ..good()
            }),
            ["contact_detail"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_method: "email".into(),
                ..good()
            }),
            ["contact_detail"]
        );
        assert_eq!(
            fields(RequestForm {
                contact_method: "".into(),
                ..good()
            }),
            ["contact_method"]
        );
        assert_eq!(
            fields(RequestForm {
                interpreter_language: " ".into(),
                ..good()
            }),
            ["interpreter_language"]
        );
        assert_eq!(
            fields(RequestForm {
                other_help: "x".repeat(TEXT_LIMIT + 1),
                ..good()
            }),
            ["other_help"]
        );
        assert_eq!(
            fields(RequestForm {
                good_times: "after \u{202e}school".into(),
                ..good()
            }),
            ["good_times"]
        );
        // Through my carer: no number needed.
        assert_eq!(
            fields(RequestForm {
                contact_method: "carer".into(),
                contact_detail: "".into(),
                ..good()
            }),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn age_bands_meet_at_their_edges() {
        assert_eq!(age_band(4), "0-4");
        assert_eq!(age_band(5), "5-9");
        assert_eq!(age_band(15), "10-15");
        assert_eq!(age_band(16), "16-17");
        assert_eq!(age_band(18), "18-plus");
    }

    #[test]
    fn the_service_standard_counts_working_days() {
        let calendar = Calendar::shipped();
        // Sent on Christmas Eve 2026 (a Thursday): Christmas Day and the
        // Boxing Day substitute (Monday 28th) are not working days.
        let status = RequestStatus {
            id: 1,
            categories: vec!["housing".into()],
            urgent: false,
            stage: Stage::Sent,
            sent_on: "2026-12-24".into(),
            advocate: None,
            outcome: None,
            outcome_message: None,
        };
        let on = |d: &str| parse_date(d).unwrap_or(today());
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-29"));
        assert_eq!(row.working_days, 1);
        assert!(!row.accept_late && !row.allocate_late);
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-30"));
        assert_eq!(row.working_days, 2);
        assert!(row.accept_late && !row.allocate_late);
        let row = inbox_row(&status, "Jade".into(), &calendar, on("2026-12-31"));
        assert!(row.allocate_late);
    }
}

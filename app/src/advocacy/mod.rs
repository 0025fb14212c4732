//! Asking for an advocate: the child's request, its status, and the
//! advocacy service's inbox. The categories are the provider's own (the
//! issues its annual figures are counted by).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

pub mod pages;
pub mod paths;

/// What a child can ask for help with, as stored.
pub use crate::vocabulary::CATEGORIES;

/// How the advocacy service can get in touch, as stored.
pub const CONTACT_METHODS: [&str; 5] = ["phone", "text", "email", "carer", "iro"];

/// How a request ended, as stored.
pub use crate::vocabulary::OUTCOMES;

/// The most a child can write in one box, in characters.
pub const TEXT_LIMIT: usize = 1000;

/// The most a child can write about good times to get in touch.
pub const GOOD_TIMES_LIMIT: usize = 200;

/// Where a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Sent,
    Accepted,
    Allocated,
    Closed,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Sent => "sent",
            Stage::Accepted => "accepted",
            Stage::Allocated => "allocated",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        [
            Stage::Sent,
            Stage::Accepted,
            Stage::Allocated,
            Stage::Closed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// The child's words for it.
    pub fn label_key(self) -> &'static str {
        match self {
            Stage::Sent => "advocacy-stage-sent",
            Stage::Accepted => "advocacy-stage-accepted",
            Stage::Allocated => "advocacy-stage-allocated",
            Stage::Closed => "advocacy-stage-closed",
        }
    }
}

/// A request as the child (and their IRO) see it: never the caseworker's
/// notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestStatus {
    pub id: i64,
    pub categories: Vec<String>,
    pub urgent: bool,
    pub stage: Stage,
    /// `YYYY-MM-DD`.
    pub sent_on: String,
    /// The advocate's first name, once one is allocated.
    pub advocate: Option<String>,
    pub outcome: Option<String>,
    /// The service's closing words to the child.
    pub outcome_message: Option<String>,
}

/// A message the child added to their request: (date, words, the
/// language they wrote in when known).
pub type Message = (String, String, Option<String>);

/// One of the child's own requests, with what they sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub status: RequestStatus,
    pub something_else: String,
    pub contact_method: String,
    pub messages: Vec<Message>,
}

/// The child's requests, newest first, and who they go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequests {
    pub requests: Vec<RequestStatus>,
    pub provider: String,
    pub iro_name: Option<String>,
}

/// A request in the caseworker's inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i64,
    pub child_first_name: String,
    pub categories: Vec<String>,
    pub urgent: bool,
    pub stage: Stage,
    pub sent_on: String,
    /// Working days since it was sent.
    pub working_days: i64,
    /// Not accepted within 1 working day.
    pub accept_late: bool,
    /// No advocate within 2 working days.
    pub allocate_late: bool,
}

/// A request as the caseworker sees it: what it holds, and only the
/// child's first name, age, first language and IRO's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub row: InboxRow,
    /// The language the child wrote the request in, when known.
    pub language: Option<String>,
    pub something_else: String,
    pub contact_method: String,
    pub contact_detail: String,
    pub good_times: String,
    pub interpreter_language: String,
    pub other_help: String,
    pub child_age: i64,
    pub first_language: Option<String>,
    pub iro_name: Option<String>,
    pub advocate: Option<String>,
    pub outcome: Option<String>,
    pub outcome_message: Option<String>,
    pub messages: Vec<Message>,
    /// (who, date, words), oldest first.
    pub notes: Vec<(String, String, String)>,
}

/// The child's request form as sent. Ticked categories arrive as
/// `category` repeated; the page posts them that way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub categories: Vec<String>,
    pub something_else: String,
    pub contact_method: String,
    pub contact_detail: String,
    pub good_times: String,
    /// "yes" when an interpreter is wanted.
    pub interpreter: String,
    pub interpreter_language: String,
    pub other_help: String,
    /// "yes" when urgent.
    pub urgent: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// The language the page was in, set by the server from the request.
    #[serde(skip)]
    pub language: String,
}

impl RequestForm {
    /// Reads a form body where `category` may repeat (a browser sends one
    /// pair per ticked box).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> RequestForm {
        let mut form = RequestForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "category" => form.categories.push(value),
                "something_else" => form.something_else = value,
                "contact_method" => form.contact_method = value,
                "contact_detail" => form.contact_detail = value,
                "good_times" => form.good_times = value,
                "interpreter" => form.interpreter = value,
                "interpreter_language" => form.interpreter_language = value,
                "other_help" => form.other_help = value,
                "urgent" => form.urgent = value,
                _ => {}
            }
        }
        form
    }
}

/// The other forms on the request pages: a child's message, and the
/// caseworker's advocate, note and closing. Each sends only its fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseForm {
    pub message: String,
    pub advocate: String,
    pub note: String,
    pub outcome: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// The language the page was in, set by the server from the request.
    #[serde(skip)]
    pub language: String,
}

/// The advocacy operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait AdvocacyApi: Send + Sync {
    /// The signed-in child's requests.
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyRequests>;
    /// One of the signed-in child's requests.
    fn my_request<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, MyRequest>;
    /// Every request, for the advocacy service: open ones first.
    fn inbox<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<InboxRow>>;
    /// One request, for the advocacy service.
    fn case<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, Case>;
}

page_data!(
    /// The signed-in child's requests.
    load_my_requests() -> MyRequests, dyn AdvocacyApi, mine
);
page_data!(
    /// One of the signed-in child's requests.
    load_my_request(id: i64) -> MyRequest, dyn AdvocacyApi, my_request
);
page_data!(
    /// The advocacy service's inbox.
    load_inbox() -> Vec<InboxRow>, dyn AdvocacyApi, inbox
);
page_data!(
    /// One request, for the advocacy service.
    load_case(id: i64) -> Case, dyn AdvocacyApi, case
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_advocacy_choice_has_words_in_every_language() {
        use crate::i18n::{Locale, tests::keys_of};
        let mut keys: Vec<String> = Vec::new();
        keys.extend(CATEGORIES.iter().map(|c| format!("advocacy-category-{c}")));
        keys.extend(
            CONTACT_METHODS
                .iter()
                .map(|m| format!("advocacy-contact-{m}")),
        );
        keys.extend(OUTCOMES.iter().map(|o| format!("advocacy-outcome-{o}")));
        keys.extend(
            [
                Stage::Sent,
                Stage::Accepted,
                Stage::Allocated,
                Stage::Closed,
            ]
            .iter()
            .map(|s| s.label_key().to_owned()),
        );
        keys.extend(["sent", "added", "withdrawn"].map(|n| format!("advocacy-{n}-notice")));
        for locale in Locale::ALL {
            let known = keys_of(locale);
            let missing: Vec<&String> = keys.iter().filter(|k| !known.contains(*k)).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", locale.code());
        }
    }

    #[test]
    fn a_form_keeps_every_ticked_category() {
        let form = RequestForm::from_pairs([
            ("category", "meetings"),
            ("category", "housing"),
            ("interpreter", "yes"),
            ("interpreter_language", "Tigrinya"),
        ]);
        assert_eq!(form.categories, ["meetings", "housing"]);
        assert_eq!(form.interpreter_language, "Tigrinya");
    }

    #[test]
    fn stages_read_back_as_written() {
        for stage in [
            Stage::Sent,
            Stage::Accepted,
            Stage::Allocated,
            Stage::Closed,
        ] {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(Stage::parse("draft"), None);
    }
}

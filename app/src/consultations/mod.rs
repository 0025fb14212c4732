//! The child's consultation before their review: what they think about
//! each topic, how they want to take part, and sending it to their IRO.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

pub mod pages;
pub mod paths;
pub mod summary;

/// The topics, in the order a child sees them. `future` is shown from 16.
pub use crate::vocabulary::TOPICS;

/// The age from which "plans for my future" is asked.
pub const FUTURE_FROM_AGE: i64 = 16;

/// The most a child can write on one topic, in characters.
pub const TEXT_LIMIT: usize = 1500;

/// The most a child can write about who comes to the meeting and where.
pub const SHORT_LIMIT: usize = 300;

/// The ways a child can choose to take part in their review.
pub const TAKE_PART: [&str; 5] = ["speak", "advocate", "send-views", "meet-before", "chair"];

/// A text's fingerprint (SHA-256, hex), so a form can say which text it
/// was based on without carrying it twice.
pub fn fingerprint(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The topics shown to a child of this age.
pub fn topics_for(age: i64) -> impl Iterator<Item = &'static str> {
    TOPICS
        .into_iter()
        .filter(move |topic| *topic != "future" || age >= FUTURE_FROM_AGE)
}

/// One topic's answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub topic: String,
    /// 1 (really unhappy) to 5 (really happy).
    pub feeling: Option<u8>,
    pub text: String,
    pub talk_about: bool,
    /// The IRO may share it at the meeting and with the social worker.
    pub share: bool,
    /// The child's say-so that their words may be used, without their
    /// name, to help make things better (the Children's Rights Officer
    /// reads them). It widens nothing else.
    pub use_words: bool,
    /// The language the child wrote the text in, when known.
    pub language: Option<String>,
}

/// Where the consultation for the next review stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    NotStarted,
    InProgress,
    Submitted,
    /// Submitted and read by the IRO.
    Read,
}

impl Status {
    pub fn label_key(self) -> &'static str {
        match self {
            Status::NotStarted => "consultation-status-not-started",
            Status::InProgress => "consultation-status-in-progress",
            Status::Submitted => "consultation-status-submitted",
            Status::Read => "consultation-status-read",
        }
    }
}

/// The child's consultation for their next review, as they see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyConsultation {
    pub age: i64,
    pub status: Status,
    pub answers: Vec<Answer>,
    pub take_part: Vec<String>,
    pub who_there: String,
    pub where_held: String,
    pub iro_name: Option<String>,
    /// `YYYY-MM-DD` and `HH:MM` of the review, when scheduled.
    pub review_on: Option<String>,
    pub review_time: Option<String>,
    /// The review has started: no more changes.
    pub locked: bool,
    /// `YYYY-MM-DD`, when sent.
    pub submitted_on: Option<String>,
    /// Who read it and when (`YYYY-MM-DD`).
    pub read: Option<(String, String)>,
    /// Sent, then changed: the IRO still has what was sent until the
    /// child sends again.
    pub changed_since_sent: bool,
}

impl MyConsultation {
    pub fn answer(&self, topic: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.topic == topic)
    }
}

/// A topic's form as sent, with what the page showed when it was opened
/// (so a save changes only what this device changed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicForm {
    pub feeling: String,
    pub text: String,
    pub talk_about: String,
    pub share: String,
    /// "yes" when "You can use my words" is ticked.
    pub use_words: String,
    pub base_feeling: String,
    /// SHA-256 (hex) of the text the page showed.
    pub base_text: String,
    pub base_talk_about: String,
    pub base_share: String,
    pub base_use_words: String,
    /// "next" to go on to the next topic, "list" to go back to the list.
    pub then: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// Saved from another device meanwhile: that text, shown beside this.
    #[serde(skip)]
    pub other_text: Option<String>,
    /// Chosen differently on another device meanwhile: that face (or
    /// none), shown beside this device's choice.
    #[serde(skip)]
    pub other_feeling: Option<Option<u8>>,
    #[serde(skip)]
    pub other_talk_about: Option<bool>,
    #[serde(skip)]
    pub other_share: Option<bool>,
    #[serde(skip)]
    pub other_use_words: Option<bool>,
    /// The language the page was in (a shipped language code), set by the
    /// server from the request, never from the form.
    #[serde(skip)]
    pub language: String,
}

impl TopicForm {
    /// Whether this save clashed with another device's: nothing was stored,
    /// and the page shows both.
    pub fn has_clash(&self) -> bool {
        self.other_text.is_some()
            || self.other_feeling.is_some()
            || self.other_talk_about.is_some()
            || self.other_share.is_some()
            || self.other_use_words.is_some()
    }
}

/// The taking-part form as sent: a box per way of taking part (ticked
/// boxes send "yes").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TakingPartForm {
    pub speak: String,
    pub advocate: String,
    pub send_views: String,
    pub meet_before: String,
    pub chair: String,
    pub who_there: String,
    pub where_held: String,
    /// What the page showed when it was opened, so a save changes only
    /// what this device changed: the ticked choices (as stored, commas),
    /// and the fingerprints of who and where.
    pub base_choices: String,
    pub base_who: String,
    pub base_where: String,
    /// The form came from a page that carries the bases (older pages, and
    /// scripts, do not: they save as before).
    pub based: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// The language the page was in, set by the server from the request.
    #[serde(skip)]
    pub language: String,
    /// Chosen or written differently on another device meanwhile: what it
    /// has, shown beside this device's.
    #[serde(skip)]
    pub other_choices: Option<Vec<String>>,
    #[serde(skip)]
    pub other_who: Option<String>,
    #[serde(skip)]
    pub other_where: Option<String>,
}

impl TakingPartForm {
    /// The ticked choices, as in [`TAKE_PART`].
    pub fn chosen(&self) -> Vec<&'static str> {
        [
            (&self.speak, "speak"),
            (&self.advocate, "advocate"),
            (&self.send_views, "send-views"),
            (&self.meet_before, "meet-before"),
            (&self.chair, "chair"),
        ]
        .into_iter()
        .filter(|(value, _)| !value.is_empty())
        .map(|(_, choice)| choice)
        .collect()
    }

    /// The form's field name for a choice.
    pub fn field_for(choice: &str) -> String {
        choice.replace('-', "_")
    }
}

/// One consultation in the child's trend: the month it was sent
/// (`YYYY-MM`) and the face picked for each topic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub month: String,
    pub feelings: Vec<(String, u8)>,
}

/// A consultation as the IRO reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub child_id: i64,
    pub child_name: String,
    pub status: Status,
    pub answers: Vec<Answer>,
    /// Feelings per topic in the consultation before this one.
    pub previous_feelings: Vec<(String, u8)>,
    /// The child's feelings per topic each time they sent their views
    /// (the last six, oldest first): for their IRO's own reading, never
    /// the meeting copy.
    pub trend: Vec<TrendPoint>,
    pub take_part: Vec<String>,
    pub who_there: String,
    pub where_held: String,
    /// The language "who" and "where" were written in, when known.
    pub taking_part_language: Option<String>,
    pub submitted_on: Option<String>,
    pub read: Option<(String, String)>,
    /// The child has a draft, or changes, not sent yet: the reader sees
    /// that it exists, never its words.
    pub unsent_changes: bool,
    /// A manager who is not covering for the child's IRO and has not
    /// opened the record: the status only, no words.
    pub words_hidden: bool,
    /// Why a manager can read the words (a translation key), when they can.
    pub access_note: Option<String>,
}

/// The consultation operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait ConsultationsApi: Send + Sync {
    /// The signed-in child's own consultation for their next review.
    fn mine<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, MyConsultation>;
}

page_data!(
    /// The signed-in child's consultation.
    load_my_consultation() -> MyConsultation, dyn ConsultationsApi, mine
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_a_child_makes_has_its_own_picture() {
        let default = crate::simpler::drawing("no-such-picture");
        let names = TOPICS.iter().chain(TAKE_PART.iter()).chain(
            [
                "talk",
                "share-iro",
                "share-meeting",
                "views",
                "advocate",
                "letters",
                "help",
            ]
            .iter(),
        );
        for name in names {
            assert_ne!(
                crate::simpler::drawing(name),
                default,
                "{name} has no picture"
            );
        }
    }
    #[test]
    fn plans_for_the_future_are_asked_from_16() {
        assert!(!topics_for(15).any(|t| t == "future"));
        assert!(topics_for(16).any(|t| t == "future"));
        assert_eq!(topics_for(16).count(), TOPICS.len());
    }
}

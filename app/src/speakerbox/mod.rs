//! Speakerbox, the Children in Care Council. The Children's Rights Officer
//! (or a manager) records which young people are members, with their
//! agreement, and in which groups; the CRO puts topics to them (a written
//! question, a poll, or both), open between two days; members answer with
//! or without their name; the results are read once a topic closes, every
//! count through `disclosure`.
//!
//! Who sees what: a member their own topics and their own named answer;
//! after a topic closes, members see how many answered and the poll's
//! counts, never anyone's words. The CRO sees the written answers after
//! closing, with a first name only where the member chose "with my name".
//! A manager manages members and sees counts, never the words. Anyone
//! else: not found.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::disclosure::Cell;

pub mod pages;
pub mod paths;

/// The most a topic's title may hold, in characters.
pub const TITLE_LIMIT: usize = 120;
/// The most a topic's text, its question, or a written answer may hold.
pub const TEXT_LIMIT: usize = 1000;
/// The most one poll choice may hold.
pub const CHOICE_LIMIT: usize = 100;
/// The most choices a poll may have.
pub const MOST_CHOICES: usize = 10;
/// The most a group's name may hold.
pub const GROUP_LIMIT: usize = 60;
/// The most a reason for hiding an answer may hold.
pub const REASON_LIMIT: usize = 300;
/// The most "who is responsible" may hold.
pub const RESPONSIBLE_LIMIT: usize = 120;

/// Where a "you said, we did" item is, as stored, in order.
pub const ITEM_STATUSES: [&str; 3] = ["planned", "in-progress", "done"];

/// One "you said, we did" item: what young people said about a topic,
/// what the service did or will do, who is responsible, where it is, and
/// the dated updates since (oldest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    pub topic_id: i64,
    /// The topic's title, in English (the CRO's words).
    pub topic: String,
    pub said: String,
    pub did: String,
    pub responsible: String,
    /// One of [`ITEM_STATUSES`].
    pub status: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    /// (day, words, the status it set).
    pub updates: Vec<(String, String, String)>,
    /// New since the reader (a member who answered the topic) last looked.
    pub news: bool,
}

/// The board: newest first (by its latest news).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub items: Vec<Item>,
}

/// An item "planned" for longer than the manager's setting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stale {
    pub topic_id: i64,
    pub topic: String,
    /// `YYYY-MM-DD`, since when it has been planned.
    pub since: String,
}

/// The CRO publishes an item (`said`, `did`, `responsible`, `status`) or
/// adds an update to one (`body`, `status`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub said: String,
    pub did: String,
    pub responsible: String,
    pub status: String,
    pub body: String,
    /// The item an update is for (empty for a new item).
    pub item: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// Where a topic is, as of today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Being written: only staff see it.
    Draft,
    /// Published, opening on its first day.
    Waiting,
    /// Members can answer.
    Open,
    /// Past its last day, or closed early: results can be read.
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Waiting => "waiting",
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }

    /// The words for it.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Draft => "speakerbox-status-draft",
            Status::Waiting => "speakerbox-status-waiting",
            Status::Open => "speakerbox-status-open",
            Status::Closed => "speakerbox-status-closed",
        }
    }
}

/// A topic's words in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub title: String,
    pub body: String,
    /// Empty when the topic asks for no written answer.
    pub question: String,
    /// Empty when the topic has no poll.
    pub choices: Vec<String>,
    /// The language these words are in (`en` where the CRO gave none in
    /// the reader's).
    pub lang: String,
}

/// A poll's results as they may be shown: how many answered, and each
/// choice's count, all through disclosure control.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Results {
    pub answers: Cell,
    /// (choice, how many picked it).
    pub choices: Vec<(String, Cell)>,
}

/// A topic in a member's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicLine {
    pub id: i64,
    pub title: String,
    pub lang: String,
    pub status: Status,
    /// `YYYY-MM-DD`, the last day to answer.
    pub closes_on: String,
    pub answered: bool,
}

/// A child's Speakerbox page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySpeakerbox {
    /// `YYYY-MM-DD` of the day they agreed to join, while a member.
    pub member_since: Option<String>,
    /// Open topics first, then closed ones, newest first.
    pub topics: Vec<TopicLine>,
}

/// One topic as a member sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberTopic {
    pub id: i64,
    pub words: Words,
    pub several: bool,
    pub status: Status,
    pub opens_on: String,
    pub closes_on: String,
    /// Their answer with their name: (choices picked, words). They can
    /// change it while the topic is open.
    pub mine: Option<(Vec<usize>, String)>,
    /// They answered without their name: nothing of it can be shown to
    /// them or changed, since nothing links it to them.
    pub answered_without_name: bool,
    /// Once closed.
    pub results: Option<Results>,
}

/// A member, as the CRO and managers see them: the sign-in name the
/// young person chose (never their real name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub child_id: i64,
    pub sign_in_name: String,
    /// `YYYY-MM-DD`.
    pub agreed_on: String,
    pub groups: Vec<String>,
}

/// The members and the groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    pub members: Vec<Member>,
    /// (id, name, how many members are in it).
    pub groups: Vec<(i64, String, i64)>,
}

/// A topic in the staff's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRow {
    pub id: i64,
    pub title: String,
    pub status: Status,
    pub opens_on: String,
    pub closes_on: String,
    /// How many answered, once closed (through disclosure control).
    pub answers: Option<Cell>,
}

/// The staff's list of topics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topics {
    pub rows: Vec<TopicRow>,
    /// The CRO writes topics; a manager reads the list.
    pub may_write: bool,
    /// Items still "planned" after the manager's setting.
    pub stale: Vec<Stale>,
    /// That setting, in months.
    pub planned_months: i64,
}

/// A written answer as the CRO reads it, after the topic closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenAnswer {
    /// The answer's random id.
    pub id: String,
    /// The member's first name, only when they chose "with my name".
    pub name: Option<String>,
    pub words: String,
    pub language: Option<String>,
    pub answered_on: String,
    /// Why the CRO hid it, when hidden (kept, never shown on).
    pub hidden: Option<String>,
}

/// One topic as the staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTopic {
    pub id: i64,
    pub words: Words,
    pub several: bool,
    pub status: Status,
    pub opens_on: String,
    pub closes_on: String,
    /// The groups it is for; empty: every member.
    pub audience: Vec<String>,
    /// The languages it has been translated into.
    pub translations: Vec<String>,
    /// The CRO writes, publishes and closes; a manager reads.
    pub may_write: bool,
    /// Once closed.
    pub results: Option<Results>,
    /// Once closed, for the CRO only.
    pub written: Vec<WrittenAnswer>,
    /// Its "you said, we did" items.
    pub items: Vec<Item>,
}

/// What a topic's form needs besides the topic: the groups to aim it at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicEditing {
    /// `None` for a new topic.
    pub topic: Option<StaffTopic>,
    /// The form as the topic stands (or empty).
    pub form: TopicForm,
    pub groups: Vec<(i64, String)>,
}

/// Adding a member: their sign-in name, their agreement, their groups
/// (`group` repeated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub sign_in_name: String,
    /// "yes" when the young person has agreed to join.
    pub agreed: String,
    pub groups: Vec<String>,
    /// A new group's name (the groups form).
    pub group_name: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

impl MemberForm {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> MemberForm {
        let mut form = MemberForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "sign_in_name" => form.sign_in_name = value,
                "agreed" => form.agreed = value,
                "group" => form.groups.push(value),
                "group_name" => form.group_name = value,
                _ => {}
            }
        }
        form
    }
}

/// A topic's form as sent: choices one per line; `audience` is `all` or
/// `groups`, with `group` repeated; dates as `YYYY-MM-DD` (the boxes put
/// together).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicForm {
    pub title: String,
    pub body: String,
    pub question: String,
    pub choices: String,
    /// "yes" when a member may pick several choices.
    pub several: String,
    pub audience: String,
    pub groups: Vec<String>,
    pub opens_on: String,
    pub closes_on: String,
    /// The language of a translation (empty: the English words).
    pub language: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

impl TopicForm {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> TopicForm {
        let mut form = TopicForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "title" => form.title = value,
                "body" => form.body = value,
                "question" => form.question = value,
                "choices" => form.choices = value,
                "several" => form.several = value,
                "audience" => form.audience = value,
                "group" => form.groups.push(value),
                "opens_on" => form.opens_on = value,
                "closes_on" => form.closes_on = value,
                "language" => form.language = value,
                _ => {}
            }
        }
        form
    }
}

/// A member's answer as sent: the topic, the choices picked (`choice`
/// repeated, their places in the list), the words, and `named`: `yes`
/// (with my name) or `no` (without).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub topic: String,
    pub choices: Vec<String>,
    pub words: String,
    pub named: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
    /// The language the page was in, set by the server from the request.
    #[serde(skip)]
    pub language: String,
}

impl AnswerForm {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> AnswerForm {
        let mut form = AnswerForm::default();
        for (key, value) in pairs {
            let value = value.to_owned();
            match key {
                "topic" => form.topic = value,
                "choice" => form.choices.push(value),
                "words" => form.words = value,
                "named" => form.named = value,
                _ => {}
            }
        }
        form
    }
}

/// The CRO hides a written answer: why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HideForm {
    pub answer: String,
    pub reason: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The Speakerbox operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait SpeakerboxApi: Send + Sync {
    /// The signed-in child's Speakerbox: membership and topics.
    fn mine<'a>(&'a self, user: &'a CurrentUser, lang: String) -> Pending<'a, MySpeakerbox>;
    /// One topic for a member to answer, or its results.
    fn member_topic<'a>(
        &'a self,
        user: &'a CurrentUser,
        id: i64,
        lang: String,
    ) -> Pending<'a, MemberTopic>;
    /// The members and groups (the CRO, managers).
    fn members<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Members>;
    /// Every topic (the CRO, managers).
    fn topics<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Topics>;
    /// One topic, with its results once closed (the CRO, managers).
    fn staff_topic<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, StaffTopic>;
    /// A topic to write or change (the CRO): `id` 0 for a new one.
    fn editing<'a>(&'a self, user: &'a CurrentUser, id: i64) -> Pending<'a, TopicEditing>;
    /// "You said, we did" (every child, the CRO, managers). Opened by the
    /// reader themself (`own_navigation`), it counts as read.
    fn board<'a>(&'a self, user: &'a CurrentUser, own_navigation: bool) -> Pending<'a, Board>;
}

page_data!(
    /// The signed-in child's Speakerbox.
    load_mine(lang: String) -> MySpeakerbox, dyn SpeakerboxApi, mine
);
page_data!(
    /// One topic for a member.
    load_member_topic(id: i64, lang: String) -> MemberTopic, dyn SpeakerboxApi, member_topic
);
page_data!(
    /// The members and groups.
    load_members() -> Members, dyn SpeakerboxApi, members
);
page_data!(
    /// Every topic, for staff.
    load_topics() -> Topics, dyn SpeakerboxApi, topics
);
page_data!(
    /// One topic, for staff.
    load_staff_topic(id: i64) -> StaffTopic, dyn SpeakerboxApi, staff_topic
);
page_data!(
    /// A topic to write or change.
    load_editing(id: i64) -> TopicEditing, dyn SpeakerboxApi, editing
);

/// "You said, we did".
pub async fn load_board() -> Result<Board, crate::accounts::Refusal> {
    #[cfg(feature = "ssr")]
    {
        let own = crate::accounts::is_own_navigation();
        let (user, api) = crate::accounts::user_and_service::<dyn SpeakerboxApi>()?;
        api.board(&user, own).await
    }
    #[cfg(not(feature = "ssr"))]
    {
        Err(crate::accounts::Refusal::Unavailable)
    }
}

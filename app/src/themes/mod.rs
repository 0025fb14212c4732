//! What children are telling the service, theme by theme: the list of
//! themes the Children's Rights Officer keeps, which IROs tag children's
//! answers with.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::disclosure::{Cell, Rule};

pub mod figures;
pub mod pages;
pub mod paths;
pub mod saying;
pub mod words;

pub use words::{ChildWords, PickForm, Words, WordsAsked};

/// The SSDA903 age bands children are counted in (their age when they
/// sent their views).
pub const AGE_BANDS: [&str; 5] = ["under-1", "1-4", "5-9", "10-15", "16-plus"];

/// What the figures can be broken down by, as the page's "show by" says.
pub const BREAKDOWNS: [&str; 6] = [
    "age",
    "gender",
    "ethnicity",
    "placement",
    "disability",
    "uasc",
];

/// The themes page as asked for (its query string): a financial year (by
/// the year it starts in) and perhaps one quarter of it, or a range of
/// dates; who to count (empty: everyone); what to break the children who
/// sent their views down by (empty: nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FiguresAsked {
    pub year: String,
    pub quarter: String,
    pub from: String,
    pub to: String,
    pub age: String,
    pub gender: String,
    pub ethnicity: String,
    pub placement: String,
    pub disability: String,
    pub uasc: String,
    pub by: String,
}

impl FiguresAsked {
    /// The page's own address for these choices.
    pub fn query(&self) -> String {
        [
            ("year", &self.year),
            ("quarter", &self.quarter),
            ("from", &self.from),
            ("to", &self.to),
            ("age", &self.age),
            ("gender", &self.gender),
            ("ethnicity", &self.ethnicity),
            ("placement", &self.placement),
            ("disability", &self.disability),
            ("uasc", &self.uasc),
            ("by", &self.by),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", crate::layout::encode_path(value)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// A period of whole days, `YYYY-MM-DD`, both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// A row's or column's label: words to translate, or a name as stored
/// (a theme's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    Key(String),
    Name(String),
}

/// One table as published: every count already through the disclosure
/// rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// What the table shows (a translation key), for its caption and file.
    pub key: String,
    pub rows: Vec<Label>,
    pub columns: Vec<Label>,
    pub cells: Vec<Vec<Cell>>,
    /// One per row, when the table shows its rows' totals.
    pub row_totals: Option<Vec<Cell>>,
    /// One per column, when it shows its columns' totals.
    pub column_totals: Option<Vec<Cell>>,
}

impl Table {
    pub fn has_hidden(&self) -> bool {
        let hidden = |c: &Cell| *c == Cell::Hidden;
        self.cells.iter().flatten().any(hidden)
            || self.row_totals.iter().flatten().any(hidden)
            || self.column_totals.iter().flatten().any(hidden)
    }
}

/// The themes page: what children told the service in a period, beside
/// the period before, with no child identifiable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// The choices as understood (a range that was not good is dropped).
    pub asked: FiguresAsked,
    /// A problem with the range typed (a translation key), if any.
    pub problem: Option<String>,
    pub period: Period,
    pub previous: Period,
    /// The financial years there is anything to show for, newest first.
    pub years: Vec<i32>,
    pub rule: Rule,
    /// Children who sent their views, by the breakdown (or all).
    pub sent: Table,
    /// Each topic: children who answered it, and who want to talk about it.
    pub topics: Table,
    /// How children feel about each topic (the five faces), this period
    /// and the one before.
    pub feelings: Table,
    pub feelings_before: Table,
    /// Children whose answers were tagged with each theme.
    pub themes: Table,
    /// Children who asked for an advocate, by what it was about.
    pub advocacy: Table,
    /// Speakerbox: topics put to members, answers and "you said, we did"
    /// shared (not filtered by the children's details: an answer without
    /// a name has none).
    pub speakerbox: Table,
    /// Children who sent their views in each quarter of the year, and the
    /// year before.
    pub trend: Table,
}

impl Figures {
    /// Every table, in the page's order.
    pub fn tables(&self) -> [&Table; 8] {
        [
            &self.sent,
            &self.topics,
            &self.feelings,
            &self.feelings_before,
            &self.themes,
            &self.advocacy,
            &self.speakerbox,
            &self.trend,
        ]
    }
}

/// What children on an IRO's caseload are saying, beside the whole
/// service (the IRO's home page): this financial year, every count
/// through the disclosure rule like any other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saying {
    pub period: Period,
    pub rule: Rule,
    /// Each topic: children on the caseload who answered it and who want
    /// to talk about it, then the same for the whole service.
    pub topics: Table,
    /// How children on the caseload feel about each topic.
    pub feelings: Table,
    /// How children across the service feel about each topic.
    pub feelings_service: Table,
    /// Children whose answers were tagged with each theme: the caseload,
    /// the whole service.
    pub themes: Table,
}

impl Saying {
    /// Every table, in the panel's order.
    pub fn tables(&self) -> [&Table; 4] {
        [
            &self.topics,
            &self.feelings,
            &self.feelings_service,
            &self.themes,
        ]
    }
}

/// The longest a theme's name may be.
pub const NAME_LIMIT: usize = 60;

/// A theme on the service's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub id: i64,
    pub name: String,
    /// No longer offered for tagging; what was tagged keeps it.
    pub retired: bool,
}

/// The add or rename form as last sent, with a translation key per field
/// that has a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThemeForm {
    pub name: String,
    /// The theme being renamed; `None` for a new one.
    #[serde(skip)]
    pub theme_id: Option<i64>,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// One answer a child sent, as its IRO tags it: the themes it has now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerTags {
    pub answer_id: i64,
    pub topic: String,
    pub theme_ids: Vec<i64>,
}

/// What the IRO tags a child's sent answers with: the themes offered (in
/// use, and any retired one an answer already has, so saving keeps it)
/// and each sent answer's tags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagging {
    pub offered: Vec<Theme>,
    pub answers: Vec<AnswerTags>,
}

impl Tagging {
    /// The names of an answer's themes, as offered.
    pub fn names_for(&self, answer: &AnswerTags) -> Vec<String> {
        self.offered
            .iter()
            .filter(|theme| answer.theme_ids.contains(&theme.id))
            .map(|theme| theme.name.clone())
            .collect()
    }
}

/// The themes operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait ThemesApi: Send + Sync {
    /// The whole list, in use first then retired, by name (the CRO and
    /// managers only).
    fn list<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<Theme>>;
    /// The themes page's figures (the CRO and managers only).
    fn figures<'a>(&'a self, user: &'a CurrentUser, asked: FiguresAsked) -> Pending<'a, Figures>;
    /// Children's words, used only with their say-so (the CRO and
    /// managers only); reading them is recorded for each child.
    fn words<'a>(&'a self, user: &'a CurrentUser, asked: WordsAsked) -> Pending<'a, Words>;
}

page_data!(
    /// The service's list of themes (the CRO and managers).
    load_themes() -> Vec<Theme>, dyn ThemesApi, list
);
page_data!(
    /// What children are telling the service, for a period (the CRO and
    /// managers).
    load_figures(asked: FiguresAsked) -> Figures, dyn ThemesApi, figures
);
page_data!(
    /// Children's words, used only with their say-so (the CRO and
    /// managers).
    load_words(asked: WordsAsked) -> Words, dyn ThemesApi, words
);

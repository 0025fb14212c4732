//! What children are telling the service, theme by theme: the list of
//! themes the Children's Rights Officer keeps, which IROs tag children's
//! answers with.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

pub mod pages;
pub mod paths;

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
}

page_data!(
    /// The service's list of themes (the CRO and managers).
    load_themes() -> Vec<Theme>, dyn ThemesApi, list
);

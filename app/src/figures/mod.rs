//! The IRO service's annual report figures for a financial year (1 April
//! to 31 March), the year before beside each, every figure with its
//! one-line definition and through the disclosure rule before it leaves
//! the server. Managers, and the Children's Rights Officer to read.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::disclosure::{Cell, Percent, Rule};

pub mod pages;
pub mod paths;

/// The page as asked for (its query string): a financial year, by the
/// year it starts in; empty for the last whole year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnnualAsked {
    pub year: String,
}

/// One figure as published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    /// A count of children (or reviews), through the rule.
    Count(Cell),
    /// A whole-number percentage with its n.
    Percent(Percent),
    /// A count and its share of the table's total ("n and %").
    Share(Cell, Percent),
    /// Per 10,000 of the population aged 0 to 17; `None` when the count is
    /// hidden or no population has been entered.
    Rate(Option<i64>),
}

/// What a row counts, as its first cell says it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowLabel {
    /// A translation key, with its definition under it (the key with
    /// `-definition`).
    Defined(String),
    /// A translation key alone (a row of a breakdown, such as one
    /// participation code, is defined by its table).
    Key(String),
    /// Words as stored (an ethnicity group, a placement type).
    Name(String),
}

/// A row of a table: what it counts, this year's figure and last year's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub label: RowLabel,
    pub this_year: Figure,
    pub last_year: Figure,
}

impl Line {
    /// The row's key or name, to find it by.
    pub fn key(&self) -> &str {
        match &self.label {
            RowLabel::Defined(key) | RowLabel::Key(key) | RowLabel::Name(key) => key,
        }
    }
}

/// A table of the annual report: a caption (a translation key; its note
/// is the key with `-note` when `noted`), and its rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub key: String,
    pub noted: bool,
    pub lines: Vec<Line>,
}

/// The figures page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualFigures {
    /// The financial year shown, by the year it starts in, and the years
    /// that can be chosen, newest first.
    pub year: i32,
    pub years: Vec<i32>,
    /// The year is not over yet: figures "at 31 March" are as of this day
    /// (`YYYY-MM-DD`).
    pub so_far: Option<String>,
    pub rule: Rule,
    /// Whether a population aged 0 to 17 has been entered (for rates).
    pub has_population: bool,
    /// Whether this person may download the reviews for the
    /// case-management system (managers).
    pub may_export_reviews: bool,
    pub blocks: Vec<Block>,
}

/// The figures operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait FiguresApi: Send + Sync {
    /// The annual report figures (managers and the CRO).
    fn annual<'a>(
        &'a self,
        user: &'a CurrentUser,
        asked: AnnualAsked,
    ) -> Pending<'a, AnnualFigures>;
}

page_data!(
    /// The annual report figures for a financial year (managers and the
    /// CRO).
    load_annual(asked: AnnualAsked) -> AnnualFigures, dyn FiguresApi, annual
);

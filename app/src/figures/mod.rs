//! The IRO service's annual report figures for a financial year (1 April
//! to 31 March), the year before beside each, every figure with its
//! one-line definition and through the disclosure rule before it leaves
//! the server. Managers, and the Children's Rights Officer to read.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};
use crate::{
    disclosure::{Cell, Percent, Rule},
    i18n::Locale,
};

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
    /// A median, in working days.
    Days(Measure),
    /// An average, in tenths (475 is 47.5).
    Tenths(Measure),
}

/// A figure that is not a count (a median, an average): shown only when
/// the number of children or requests it is worked out from is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    Of(i64),
    /// The number it is of is hidden.
    Hidden,
    /// Nothing to work it out from.
    Nothing,
}

/// A chart drawn beside a table (on the server, as bars; the table is
/// what a screen reader reads).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Chart {
    None,
    /// A bar for each row's figure this year (the total left out).
    Rows,
    /// One line's percentage, a bar for each year (the report's graphs
    /// of a share over the years).
    Years(String),
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
    /// The columns' headings (translation keys) when they are not this
    /// year and the year before (take-up beside the children looked
    /// after, both this year).
    pub columns: Option<[String; 2]>,
    pub chart: Chart,
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

/// "April 2024 to March 2025": a financial year by the year it starts in.
pub fn year_words(locale: Locale, year: i32) -> String {
    locale.text_with(
        "figures-year-option",
        &[("start", year.to_string()), ("end", (year + 1).to_string())],
    )
}

/// A figure as a table (or a workbook) shows it.
pub fn figure_words(locale: Locale, figure: Figure, has_population: bool) -> String {
    match figure {
        Figure::Count(cell) => cell.text(),
        Figure::Percent(Percent::Shown { percent, of }) => locale.text_with(
            "annual-percent",
            &[("percent", percent.to_string()), ("of", of.to_string())],
        ),
        Figure::Percent(Percent::Hidden) => Cell::Hidden.text(),
        Figure::Share(count, Percent::Shown { percent, .. }) => locale.text_with(
            "annual-share",
            &[("n", count.text()), ("percent", percent.to_string())],
        ),
        Figure::Share(count, Percent::Hidden) => count.text(),
        Figure::Rate(Some(rate)) => rate.to_string(),
        Figure::Rate(None) if has_population => Cell::Hidden.text(),
        Figure::Rate(None) => locale.text("annual-no-population"),
        Figure::Days(Measure::Of(days)) => days.to_string(),
        Figure::Tenths(Measure::Of(tenths)) => format!("{}.{}", tenths / 10, tenths % 10),
        Figure::Days(Measure::Hidden) | Figure::Tenths(Measure::Hidden) => Cell::Hidden.text(),
        Figure::Days(Measure::Nothing) | Figure::Tenths(Measure::Nothing) => {
            locale.text("annual-nothing")
        }
    }
}

/// Whether a figure is hidden by the rule (then the page explains "c").
pub fn is_hidden(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::Count(Cell::Hidden)
            | Figure::Percent(Percent::Hidden)
            | Figure::Share(Cell::Hidden, _)
            | Figure::Days(Measure::Hidden)
            | Figure::Tenths(Measure::Hidden)
    )
}

/// A row's name as its first cell says it, and its definition if it has
/// one.
pub fn row_words(locale: Locale, label: &RowLabel) -> (String, Option<String>) {
    match label {
        RowLabel::Defined(key) => (
            locale.text(key),
            Some(locale.text(&format!("{key}-definition"))),
        ),
        RowLabel::Key(key) => (locale.text(key), None),
        RowLabel::Name(name) => (name.clone(), None),
    }
}

/// A table's column headings: this year and the year before, or its own.
pub fn column_words(locale: Locale, block: &Block, year: i32) -> [String; 2] {
    block.columns.clone().map_or_else(
        || [year_words(locale, year), year_words(locale, year - 1)],
        |keys| keys.map(|k| locale.text(&k)),
    )
}

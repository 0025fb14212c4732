//! A child's statutory reviews as staff see them: when each is due, when
//! it is scheduled, whether it was held in time, and how the child took
//! part (the SSDA903 participation codes).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::accounts::{CurrentUser, Pending};

pub mod bank_holidays;
pub mod paths;

pub use crate::schedule::PARTICIPATION_CODES;

/// A bank holiday, as the manager's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankHoliday {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    /// Added by a manager (not shipped with MySay).
    pub added: bool,
}

/// The add-a-bank-holiday form as last sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BankHolidayForm {
    pub date: String,
    pub name: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The schedule and record-the-review forms as last sent, with a
/// translation key per field that has a problem.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub scheduled_on: String,
    pub scheduled_time: String,
    pub held_on: String,
    pub attended: String,
    pub code: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The kinds of contact an IRO records between reviews, as stored.
pub const CONTACT_KINDS: [&str; 4] = ["visit", "call", "message", "midway"];

/// The most a contact's note may hold: a line, not a case note.
pub const CONTACT_NOTE_LIMIT: usize = 200;

/// A contact between the IRO and the child between reviews, as the
/// child's page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IroContact {
    /// `YYYY-MM-DD`.
    pub on: String,
    /// One of [`CONTACT_KINDS`].
    pub kind: String,
    pub note: String,
    pub recorded_by: String,
}

/// The record-a-contact form as last sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub contact_on: String,
    pub kind: String,
    pub note: String,
    #[serde(skip)]
    pub errors: Vec<(&'static str, &'static str)>,
}

/// The review operations pages need; `server` implements them.
#[cfg(feature = "ssr")]
pub trait ReviewsApi: Send + Sync {
    /// Bank holidays from this year on (managers only).
    fn bank_holidays<'a>(&'a self, user: &'a CurrentUser) -> Pending<'a, Vec<BankHoliday>>;
}

page_data!(
    /// The bank holidays MySay counts, from this year on (managers only).
    load_bank_holidays() -> Vec<BankHoliday>, dyn ReviewsApi, bank_holidays
);

//! Dates as people read them, in the page's language.

use crate::i18n::{number, t, t_args};

/// `2026-12-08` as "8 December 2026" (in the page's language).
pub fn long_date(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    let (Ok(month), Ok(day)) = (month.parse::<u8>(), day.parse::<u8>()) else {
        return iso.to_owned();
    };
    if !(1..=12).contains(&month) {
        return iso.to_owned();
    }
    t_args(
        "date-long",
        &[
            ("day", number(day)),
            ("month", t(&format!("month-{month}"))),
            ("year", number(year)),
        ],
    )
}

/// `2026-12` (or a whole date) as "December 2026": no finer than a month.
pub fn month_year(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(year), Some(month)) = (parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    match month.parse::<u8>() {
        Ok(month) if (1..=12).contains(&month) => t_args(
            "date-month-year",
            &[
                ("month", t(&format!("month-{month}"))),
                ("year", number(year)),
            ],
        ),
        _ => iso.to_owned(),
    }
}

/// A date as typed into the GOV.UK date input's three boxes, kept as
/// `year-month-day` exactly as typed (so a wrong date comes back to the
/// boxes as it was). The server puts the boxes together this way
/// before a form is read; a date saved earlier (`2026-03-07`) reads the
/// same way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Which part of a typed date is wrong, for the message and for marking
/// the box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing typed in any box.
    Empty,
    Day,
    Month,
    Year,
    /// Two parts missing: only one of the boxes was filled in.
    TwoParts,
    /// The year is not four numbers.
    YearDigits,
    /// Every part is there but it is not a date (31 February, month 13).
    NotReal,
}

impl DateProblem {
    /// The message key.
    pub fn key(self) -> &'static str {
        match self {
            DateProblem::Empty => "date-error-empty",
            DateProblem::Day => "date-error-day",
            DateProblem::Month => "date-error-month",
            DateProblem::Year => "date-error-year",
            DateProblem::TwoParts => "date-error-two-parts",
            DateProblem::YearDigits => "date-error-year-digits",
            DateProblem::NotReal => "date-error-real",
        }
    }

    /// Whether the box for `part` ("day", "month" or "year") is the wrong one.
    pub fn marks(self, part: &str, parts: &DateParts) -> bool {
        match self {
            DateProblem::Empty | DateProblem::NotReal => true,
            DateProblem::Day => part == "day",
            DateProblem::Month => part == "month",
            DateProblem::Year | DateProblem::YearDigits => part == "year",
            DateProblem::TwoParts => match part {
                "day" => parts.day.is_empty(),
                "month" => parts.month.is_empty(),
                _ => parts.year.is_empty(),
            },
        }
    }
}

impl DateParts {
    /// Reads `year-month-day` (as the server puts the boxes together, or
    /// as a date is saved).
    pub fn from_joined(joined: &str) -> Self {
        let mut parts = joined.splitn(3, '-');
        let year = parts.next().unwrap_or_default().trim().to_owned();
        let month = parts.next().unwrap_or_default().trim();
        let day = parts.next().unwrap_or_default().trim();
        // A saved date shows as a person types it: 7 3 2026, not 07 03.
        let unpadded = |s: &str| match s.trim_start_matches('0') {
            "" if !s.is_empty() => "0".to_owned(),
            rest if s.chars().all(|c| c.is_ascii_digit()) => rest.to_owned(),
            _ => s.to_owned(),
        };
        DateParts {
            day: unpadded(day),
            month: unpadded(month),
            year,
        }
    }

    /// The boxes put together, as the form's one field carries them.
    pub fn joined(day: &str, month: &str, year: &str) -> String {
        // A dash typed in a box would move the parts: it cannot be part of
        // a date, so it is left out.
        let clean = |s: &str| s.trim().replace('-', "");
        let (day, month, year) = (clean(day), clean(month), clean(year));
        if day.is_empty() && month.is_empty() && year.is_empty() {
            String::new()
        } else {
            format!("{year}-{month}-{day}")
        }
    }

    /// The date the boxes hold, as (year, month, day), or what is wrong.
    pub fn check(&self) -> Result<(i32, u8, u8), DateProblem> {
        let missing = [&self.day, &self.month, &self.year]
            .iter()
            .filter(|p| p.is_empty())
            .count();
        match missing {
            3 => return Err(DateProblem::Empty),
            2 => return Err(DateProblem::TwoParts),
            1 if self.day.is_empty() => return Err(DateProblem::Day),
            1 if self.month.is_empty() => return Err(DateProblem::Month),
            1 => return Err(DateProblem::Year),
            _ => {}
        }
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(&self.year) || self.year.len() != 4 {
            return Err(DateProblem::YearDigits);
        }
        let (Ok(day), Ok(month), Ok(year)) = (
            self.day.parse::<u8>(),
            self.month.parse::<u8>(),
            self.year.parse::<i32>(),
        ) else {
            return Err(DateProblem::NotReal);
        };
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateProblem::NotReal);
        }
        Ok((year, month, day))
    }

    /// The date as `YYYY-MM-DD`, when it is one.
    pub fn iso(&self) -> Option<String> {
        self.check()
            .ok()
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::{DateParts, DateProblem};

    fn check(day: &str, month: &str, year: &str) -> Result<(i32, u8, u8), DateProblem> {
        DateParts::from_joined(&DateParts::joined(day, month, year)).check()
    }

    #[test]
    fn each_part_is_named_when_it_is_wrong() {
        assert_eq!(check("7", "3", "2027"), Ok((2027, 3, 7)));
        assert_eq!(check(" 07 ", "03", "2027"), Ok((2027, 3, 7)));
        assert_eq!(check("", "", ""), Err(DateProblem::Empty));
        assert_eq!(check("", "3", "2027"), Err(DateProblem::Day));
        assert_eq!(check("7", "", "2027"), Err(DateProblem::Month));
        assert_eq!(check("7", "3", ""), Err(DateProblem::Year));
        assert_eq!(check("7", "", ""), Err(DateProblem::TwoParts));
        assert_eq!(check("7", "3", "27"), Err(DateProblem::YearDigits));
        assert_eq!(check("31", "2", "2027"), Err(DateProblem::NotReal));
        assert_eq!(check("29", "2", "2028"), Ok((2028, 2, 29)));
        assert_eq!(check("1", "13", "2027"), Err(DateProblem::NotReal));
        assert_eq!(check("x", "3", "2027"), Err(DateProblem::NotReal));
        assert_eq!(check("-1", "3", "2027"), Ok((2027, 3, 1)));
    }

    #[test]
    fn a_saved_date_comes_back_as_typed() {
        let parts = DateParts::from_joined("2026-03-07");
        assert_eq!(
            (
                parts.day.as_str(),
                parts.month.as_str(),
                parts.year.as_str()
            ),
            ("7", "3", "2026")
        );
        assert_eq!(parts.iso().as_deref(), Some("2026-03-07"));
        assert_eq!(DateParts::from_joined(""), DateParts::default());
        assert!(!DateProblem::TwoParts.marks("month", &DateParts::from_joined("-3-")));
    }
}

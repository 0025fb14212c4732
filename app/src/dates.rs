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

//! The calendar: today, ages, financial years, working days, bank holidays
//! and statutory review due dates.
//!
//! The Care Planning, Placement and Case Review (England) Regulations 2010,
//! regulation 33: a child's first review is due within 20 working days of
//! the day they started to be looked after; the second no more than three
//! months after the first; each later one no more than six months after the
//! one before. Working days leave out Saturdays, Sundays and bank holidays
//! in England and Wales (shipped in `reference/`, and a manager can add
//! more).

use std::collections::BTreeSet;

use time::{Date, Month, Weekday};

/// The bank holiday dates MySay ships with.
pub const SHIPPED: &str = include_str!("../../reference/bank-holidays-england-and-wales.txt");

/// The name the calendar is kept under (see `storage::kept`); a change to
/// the bank holidays forgets it.
pub const KEPT: &str = "calendar";

/// The shipped bank holidays and those a manager added (kept in memory
/// for a few seconds: most pages need it).
pub async fn load_calendar(db: &crate::storage::Db) -> anyhow::Result<std::sync::Arc<Calendar>> {
    db.kept()
        .get_or_load(KEPT, || async {
            let added: Vec<String> = sqlx::query_scalar("SELECT holiday_on FROM bank_holidays")
                .fetch_all(db.pool())
                .await?;
            Ok(Calendar::with_extra(
                added.iter().filter_map(|d| parse_date(d)),
            ))
        })
        .await
}

/// Today in England (dates are what matter here; near midnight UTC and UK
/// time can differ by a day in summer, which is within a due date's sense).
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The financial year (1 April to 31 March) a day is in, by the year it
/// starts in.
pub fn financial_year_of(date: Date) -> i32 {
    if date.month() >= Month::April {
        date.year()
    } else {
        date.year() - 1
    }
}

fn day(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
}

/// The quarters of a financial year: first day of each, and the day after
/// the year ends.
pub fn quarter_starts(year: i32) -> ([Date; 4], Date) {
    (
        [
            day(year, Month::April, 1),
            day(year, Month::July, 1),
            day(year, Month::October, 1),
            day(year + 1, Month::January, 1),
        ],
        day(year + 1, Month::April, 1),
    )
}

/// Whole years between two dates.
pub fn age_on(born: Date, on: Date) -> i64 {
    let mut age = i64::from(on.year() - born.year());
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// The SSDA903 age band (as the children-looked-after statistics count
/// them) for an age in whole years: the keys of `app::themes::AGE_BANDS`.
pub fn age_band(age: i64) -> &'static str {
    match age {
        ..=0 => "under-1",
        1..=4 => "1-4",
        5..=9 => "5-9",
        10..=15 => "10-15",
        _ => "16-plus",
    }
}

/// A `YYYY-MM-DD` date, if it is a real one.
/// For a date typed into the three boxes: the message naming the part
/// that is wrong (the day, the month, a two-number year, 31 February).
/// `None` when it is a real date or nothing was typed: then the field's
/// own message (what range it must be in) is the one to give.
pub fn part_problem(typed: &str) -> Option<&'static str> {
    use app::dates::{DateParts, DateProblem};
    // Only what the boxes make (`year-month-day`); anything else gets the
    // field's own message.
    if typed.matches('-').count() != 2 {
        return None;
    }
    match DateParts::from_joined(typed).check() {
        Ok(_) | Err(DateProblem::Empty) => None,
        Err(problem) => Some(problem.key()),
    }
}

pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse::<u8>().ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// The shipped file's (date, name) lines; notes and blank lines skipped.
pub fn shipped_holidays() -> impl Iterator<Item = (Date, &'static str)> {
    SHIPPED
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (date, name) = line.split_once(' ')?;
            Some((parse_date(date)?, name.trim()))
        })
}

/// Which days are working days.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    holidays: BTreeSet<Date>,
}

impl Calendar {
    /// The shipped bank holidays and any a manager added.
    pub fn with_extra(extra: impl IntoIterator<Item = Date>) -> Calendar {
        let mut holidays: BTreeSet<Date> = shipped_holidays().map(|(date, _)| date).collect();
        holidays.extend(extra);
        Calendar { holidays }
    }

    pub fn shipped() -> Calendar {
        Calendar::with_extra([])
    }

    pub fn is_bank_holiday(&self, date: Date) -> bool {
        self.holidays.contains(&date)
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.is_bank_holiday(date)
    }

    /// The `n`th working day after `start` (which itself never counts,
    /// working day or not).
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            let Some(next) = date.next_day() else {
                return date;
            };
            date = next;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days after `from` up to and including `to` (0 when `to` is
    /// not after `from`).
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let mut count = 0;
        let mut date = from;
        while date < to {
            let Some(next) = date.next_day() else {
                break;
            };
            date = next;
            if self.is_working_day(date) {
                count += 1;
            }
        }
        count
    }

    /// The last year the calendar has bank holidays for: due dates after
    /// it may be too early (a manager should add the new year's dates).
    pub fn last_year_known(&self) -> Option<i32> {
        self.holidays.last().map(|d| d.year())
    }
}

/// `date` plus whole calendar months; a day the shorter month lacks
/// becomes its last day (31 January + 1 month = 28 or 29 February).
pub fn add_months(date: Date, months: u32) -> Date {
    let zero_based = i64::from(u8::from(date.month())) - 1 + i64::from(months);
    let year = date.year() + i32::try_from(zero_based / 12).unwrap_or(0);
    let month =
        Month::try_from(u8::try_from(zero_based % 12 + 1).unwrap_or(1)).unwrap_or(Month::January);
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

/// Which review, by its number: the first, the second, or a later one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewKind {
    Initial,
    Second,
    Subsequent,
}

impl ReviewKind {
    pub fn of(sequence: i64) -> ReviewKind {
        match sequence {
            ..=1 => ReviewKind::Initial,
            2 => ReviewKind::Second,
            _ => ReviewKind::Subsequent,
        }
    }
}

/// When review number `sequence` is due: the first from the day the child
/// came into care; later ones from the day the review before was held
/// (`None` while it has not been).
pub fn due_on(
    calendar: &Calendar,
    came_into_care: Date,
    sequence: i64,
    previous_held: Option<Date>,
) -> Option<Date> {
    match ReviewKind::of(sequence) {
        ReviewKind::Initial => Some(calendar.add_working_days(came_into_care, 20)),
        ReviewKind::Second => previous_held.map(|held| add_months(held, 3)),
        ReviewKind::Subsequent => previous_held.map(|held| add_months(held, 6)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_shipped_file_covers_2019_to_2030_with_every_line_read() {
        let lines = SHIPPED
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        let read: Vec<_> = shipped_holidays().collect();
        assert_eq!(read.len(), lines, "every line is a date and a name");
        for year in 2019..=2030 {
            let count = read.iter().filter(|(d, _)| d.year() == year).count();
            assert!((8..=10).contains(&count), "{year}: {count} bank holidays");
        }
        for (date, name) in &read {
            assert!(
                !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday),
                "{date} {name} falls at a weekend: substitute days are listed instead"
            );
        }
        let calendar = Calendar::shipped();
        // One-offs and substitute days.
        for day in [
            date!(2020 - 05 - 08),
            date!(2022 - 06 - 03),
            date!(2022 - 09 - 19),
            date!(2023 - 05 - 08),
            date!(2020 - 12 - 28),
            date!(2021 - 12 - 27),
            date!(2021 - 12 - 28),
            date!(2022 - 01 - 03),
            date!(2027 - 12 - 28),
        ] {
            assert!(calendar.is_bank_holiday(day), "{day}");
        }
        assert!(
            !calendar.is_bank_holiday(date!(2020 - 05 - 04)),
            "VE Day moved it"
        );
        assert_eq!(calendar.last_year_known(), Some(2030));
    }

    /// Expected dates worked out by hand from the calendar.
    #[test]
    fn the_first_review_is_due_20_working_days_after_coming_into_care() {
        let calendar = Calendar::shipped();
        let due = |start| due_on(&calendar, start, 1, None);
        // Weekends only, then Good Friday and Easter Monday 2024.
        assert_eq!(due(date!(2024 - 03 - 04)), Some(date!(2024 - 04 - 03)));
        // Christmas, Boxing Day and New Year's Day.
        assert_eq!(due(date!(2025 - 12 - 24)), Some(date!(2026 - 01 - 26)));
        // Coming into care on a bank holiday: counting starts the next day.
        assert_eq!(due(date!(2024 - 05 - 27)), Some(date!(2024 - 06 - 24)));
        // Substitute days for Christmas and Boxing Day, then New Year's
        // substitute day.
        assert_eq!(due(date!(2027 - 12 - 24)), Some(date!(2028 - 01 - 26)));
        // The one-off State Funeral holiday.
        assert_eq!(due(date!(2022 - 09 - 12)), Some(date!(2022 - 10 - 11)));
        // VE Day's moved holiday and the Spring bank holiday.
        assert_eq!(due(date!(2020 - 04 - 30)), Some(date!(2020 - 06 - 01)));
        // Coming into care at a weekend, with the Jubilee holidays.
        assert_eq!(due(date!(2022 - 05 - 28)), Some(date!(2022 - 06 - 28)));
    }

    #[test]
    fn later_reviews_count_calendar_months_from_the_one_before() {
        let calendar = Calendar::shipped();
        let start = date!(2024 - 01 - 02);
        assert_eq!(
            due_on(&calendar, start, 2, None),
            None,
            "not until the first is held"
        );
        assert_eq!(
            due_on(&calendar, start, 2, Some(date!(2025 - 01 - 31))),
            Some(date!(2025 - 04 - 30)),
            "31 January + 3 months"
        );
        assert_eq!(
            due_on(&calendar, start, 2, Some(date!(2023 - 11 - 30))),
            Some(date!(2024 - 02 - 29)),
            "into a leap February"
        );
        assert_eq!(
            due_on(&calendar, start, 3, Some(date!(2023 - 08 - 31))),
            Some(date!(2024 - 02 - 29)),
            "6 months, leap year"
        );
        assert_eq!(
            due_on(&calendar, start, 7, Some(date!(2022 - 08 - 31))),
            Some(date!(2023 - 02 - 28)),
            "6 months, not a leap year"
        );
        assert_eq!(
            due_on(&calendar, start, 3, Some(date!(2025 - 09 - 15))),
            Some(date!(2026 - 03 - 15)),
            "across the year end"
        );
    }

    #[test]
    fn added_dates_count_as_bank_holidays() {
        let extra = Calendar::with_extra([date!(2031 - 01 - 01)]);
        assert!(extra.is_bank_holiday(date!(2031 - 01 - 01)));
        assert!(!Calendar::shipped().is_bank_holiday(date!(2031 - 01 - 01)));
        assert_eq!(extra.last_year_known(), Some(2031));
        assert_eq!(
            extra.add_working_days(date!(2030 - 12 - 31), 1),
            date!(2031 - 01 - 02)
        );
    }

    /// Every start date from 2019 to mid-2030, not a sample.
    #[test]
    fn every_first_due_date_is_a_working_day_exactly_20_working_days_on() {
        let calendar = Calendar::shipped();
        let mut start = date!(2019 - 01 - 01);
        while start <= date!(2030 - 06 - 30) {
            let due = calendar.add_working_days(start, 20);
            assert!(calendar.is_working_day(due), "{start} -> {due}");
            assert_eq!(calendar.working_days_between(start, due), 20, "{start}");
            assert_eq!(
                calendar.working_days_between(start, due.previous_day().unwrap_or(due)),
                19,
                "{start}: the day before is too soon"
            );
            let span = (due - start).whole_days();
            assert!((26..=36).contains(&span), "{start}: {span} days");
            start = start.next_day().unwrap_or(start);
        }
    }

    #[test]
    fn adding_months_keeps_the_day_or_clamps_to_the_month_end() {
        let mut date = date!(2019 - 01 - 01);
        while date <= date!(2030 - 12 - 31) {
            for months in [1_u32, 3, 6, 12, 25] {
                let later = add_months(date, months);
                let month_index =
                    |d: Date| i64::from(d.year()) * 12 + i64::from(u8::from(d.month()));
                assert_eq!(
                    month_index(later) - month_index(date),
                    i64::from(months),
                    "{date} + {months}"
                );
                if later.day() != date.day() {
                    assert!(later.day() < date.day(), "{date} + {months}");
                    assert_eq!(
                        later.next_day().map(|d| d.day()),
                        Some(1),
                        "clamped to the month's end"
                    );
                }
            }
            date = date.next_day().unwrap_or(date);
        }
    }
}

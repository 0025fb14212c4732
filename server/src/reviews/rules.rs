//! The reviews' rules, without the database: what a schedule, a review
//! recorded as held and a new bank holiday must be, and the participation
//! code to suggest.

use app::reviews::{
    BankHolidayForm, CONTACT_KINDS, CONTACT_NOTE_LIMIT, ContactForm, PARTICIPATION_CODES,
    ReviewForm,
};
use time::Date;

use crate::calendar::{Calendar, age_on, parse_date, part_problem};

pub use crate::outcome::Problems;

/// `HH:MM`, a real time of day.
pub fn is_time(text: &str) -> bool {
    let Some((hours, minutes)) = text.trim().split_once(':') else {
        return false;
    };
    hours.len() == 2
        && minutes.len() == 2
        && hours.parse::<u8>().is_ok_and(|h| h < 24)
        && minutes.parse::<u8>().is_ok_and(|m| m < 60)
}

/// A review to schedule: a day from today up to two years ahead, and a
/// time.
pub fn check_schedule(form: &ReviewForm, today: Date) -> Problems {
    let mut problems = Vec::new();
    let day =
        parse_date(&form.scheduled_on).filter(|d| *d >= today && (*d - today).whole_days() <= 730);
    if day.is_none() {
        problems.push((
            "scheduled_on",
            part_problem(&form.scheduled_on).unwrap_or("review-error-scheduled-on"),
        ));
    }
    if !is_time(&form.scheduled_time) {
        problems.push(("scheduled_time", "review-error-scheduled-time"));
    }
    problems
}

/// What a child's record says about a review being recorded as held.
pub struct HeldContext {
    pub today: Date,
    pub came_into_care: Date,
    pub date_of_birth: Date,
    /// When the review before was held.
    pub previous: Option<Date>,
}

/// A review recorded as held: a day after the one before and not in the
/// future, whether the child came, and a participation code that fits
/// both (PN0 only under 4). `Ok(attended)` when it can be kept.
pub fn check_held(form: &ReviewForm, context: &HeldContext) -> Result<bool, Problems> {
    let mut problems = Vec::new();
    let day = parse_date(&form.held_on).filter(|d| {
        *d <= context.today
            && *d >= context.came_into_care
            && context.previous.is_none_or(|p| *d > p)
    });
    if day.is_none() {
        problems.push((
            "held_on",
            part_problem(&form.held_on).unwrap_or("review-error-held-on"),
        ));
    }
    let attended = match form.attended.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if attended.is_none() {
        problems.push(("attended", "review-error-attended"));
    }
    let code = form.code.as_str();
    if !PARTICIPATION_CODES.contains(&code) {
        problems.push(("code", "review-error-code"));
    } else if code == "PN0" && day.is_some_and(|d| age_on(context.date_of_birth, d) >= 4) {
        problems.push(("code", "review-error-code-under-4"));
    } else if attended == Some(true) && matches!(code, "PN5" | "PN6" | "PN7") {
        problems.push(("code", "review-error-code-attended"));
    } else if attended == Some(false) && matches!(code, "PN1" | "PN2" | "PN3" | "PN4") {
        problems.push(("code", "review-error-code-not-attended"));
    }
    if problems.is_empty() {
        Ok(attended == Some(true))
    } else {
        Err(problems)
    }
}

/// A contact with the child to record: a day while they were looked after
/// and not in the future, one of the kinds, and at most a line of words.
pub fn check_contact(
    form: &ContactForm,
    today: Date,
    came_into_care: Date,
    ceased_on: Option<Date>,
) -> Problems {
    let mut problems = Vec::new();
    let day = parse_date(&form.contact_on)
        .filter(|d| *d <= today && *d >= came_into_care && ceased_on.is_none_or(|c| *d <= c));
    if day.is_none() {
        problems.push((
            "contact_on",
            part_problem(&form.contact_on).unwrap_or("contact-error-date"),
        ));
    }
    if !CONTACT_KINDS.contains(&form.kind.as_str()) {
        problems.push(("kind", "contact-error-kind"));
    }
    if let Some(problem) =
        crate::text::check(form.note.trim(), CONTACT_NOTE_LIMIT, "contact-error-note")
    {
        problems.push(("note", problem));
    }
    problems
}

/// A new bank holiday: a weekday MySay does not know yet, 2019 to 2100,
/// with a name.
pub fn check_bank_holiday(form: &BankHolidayForm, calendar: &Calendar) -> Problems {
    let mut problems = Vec::new();
    match parse_date(&form.date) {
        Some(date) if !(2019..=2100).contains(&date.year()) => {
            problems.push(("date", "bank-holidays-error-date"));
        }
        Some(date)
            if matches!(
                date.weekday(),
                time::Weekday::Saturday | time::Weekday::Sunday
            ) =>
        {
            problems.push(("date", "bank-holidays-error-weekend"));
        }
        Some(date) if calendar.is_bank_holiday(date) => {
            problems.push(("date", "bank-holidays-error-known"));
        }
        Some(_) => {}
        None => problems.push((
            "date",
            part_problem(&form.date).unwrap_or("bank-holidays-error-date"),
        )),
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        problems.push(("name", "bank-holidays-error-name"));
    }
    problems
}

/// The participation code to suggest: PN0 for a child under 4 on the day;
/// PN6 when they sent their views through MySay (the IRO confirms they did
/// not attend).
pub fn suggested_code(age_on_the_day: i64, sent_views: bool) -> Option<String> {
    if age_on_the_day < 4 {
        Some("PN0".to_owned())
    } else if sent_views {
        Some("PN6".to_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    use crate::accounts::schedule::due_state;
    use crate::calendar::age_on;
    use app::schedule::DueState;

    #[test]
    fn due_dates_are_flagged_when_overdue_or_within_14_days() {
        let today = date!(2026 - 11 - 28);
        assert_eq!(due_state(None, today), DueState::Unknown);
        assert_eq!(
            due_state(Some(date!(2026 - 11 - 27)), today),
            DueState::Overdue
        );
        assert_eq!(due_state(Some(today), today), DueState::DueSoon);
        assert_eq!(
            due_state(Some(date!(2026 - 12 - 12)), today),
            DueState::DueSoon
        );
        assert_eq!(
            due_state(Some(date!(2026 - 12 - 13)), today),
            DueState::OnTrack
        );
    }

    #[test]
    fn ages_turn_on_the_birthday() {
        let born = date!(2022 - 12 - 01);
        assert_eq!(age_on(born, date!(2026 - 11 - 30)), 3);
        assert_eq!(age_on(born, date!(2026 - 12 - 01)), 4);
        assert_eq!(age_on(date!(2020 - 02 - 29), date!(2024 - 02 - 28)), 3);
    }

    #[test]
    fn contacts_are_while_the_child_is_looked_after() {
        let today = date!(2026 - 11 - 28);
        let came = date!(2025 - 01 - 10);
        let check = |on: &str, kind: &str, note: &str, ceased| {
            let form = ContactForm {
                contact_on: on.into(),
                kind: kind.into(),
                note: note.into(),
                errors: Vec::new(),
            };
            check_contact(&form, today, came, ceased)
        };
        assert!(check("2026-11-28", "visit", "", None).is_empty());
        assert!(check("2025-01-10", "midway", "Saw Jade at school", None).is_empty());
        let date = [("contact_on", "contact-error-date")];
        assert_eq!(check("2026-11-29", "call", "", None), date, "tomorrow");
        assert_eq!(check("2025-01-09", "call", "", None), date, "before care");
        let ceased = Some(date!(2026 - 06 - 30));
        assert!(check("2026-06-30", "call", "", ceased).is_empty());
        assert_eq!(
            check("2026-07-01", "call", "", ceased),
            date,
            "after leaving"
        );
        assert_eq!(
            check("2026-02-30", "call", "", None),
            [("contact_on", "date-error-real")]
        );
        assert_eq!(
            check("2026-11-01", "letter", "", None),
            [("kind", "contact-error-kind")]
        );
        let long = "a".repeat(CONTACT_NOTE_LIMIT + 1);
        assert_eq!(
            check("2026-11-01", "call", &long, None),
            [("note", "contact-error-note")]
        );
    }

    #[test]
    fn times_are_hours_and_minutes() {
        assert!(is_time("09:30") && is_time("23:59"));
        assert!(!is_time("24:00") && !is_time("9:30") && !is_time("noon") && !is_time(""));
    }
}

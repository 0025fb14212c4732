//! Pure: the clock (a stage's due day in working days, the formal stages'
//! 20 working days) and the forms parsed once into typed values or
//! problems.

use app::escalations::{
    DetailsForm, FORMAL_LIMIT, ISSUES, NAME_LIMIT, PraiseForm, RaiseForm, RespondForm, STAGES,
    TEXT_LIMIT, stage_rank,
};
use time::Date;

use crate::calendar::{Calendar, parse_date, part_problem};

/// A form's problems: (field, translation key).
pub type Problems = Vec<(&'static str, &'static str)>;

/// The day a stage's response is due: `days` working days after it began.
pub fn due_on(calendar: &Calendar, started: Date, days: i64) -> Date {
    calendar.add_working_days(started, u32::try_from(days.max(0)).unwrap_or(0))
}

/// The day the formal stages must end by: 20 working days after the
/// first formal stage began.
pub fn formal_by(calendar: &Calendar, first_formal: Date) -> Date {
    calendar.add_working_days(first_formal, FORMAL_LIMIT)
}

/// Whether the formal stages, begun on `first_formal` and ended (or still
/// open) on `end`, took longer than 20 working days.
pub fn formal_over(calendar: &Calendar, first_formal: Date, end: Date) -> bool {
    calendar.working_days_between(first_formal, end) > i64::from(FORMAL_LIMIT)
}

/// Open and unanswered past its due day.
pub fn overdue(due: Date, today: Date) -> bool {
    today > due
}

/// Due today or within the next two working days (not yet overdue).
pub fn due_soon(calendar: &Calendar, due: Date, today: Date) -> bool {
    !overdue(due, today) && due <= calendar.add_working_days(today, 2)
}

fn yes_no(typed: &str) -> Result<Option<bool>, ()> {
    match typed {
        "" => Ok(None),
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// Staff's words in a box: required or not, within the limit.
fn words(
    problems: &mut Problems,
    field: &'static str,
    typed: &str,
    limit: usize,
    required: &'static str,
    too_long: &'static str,
) {
    let typed = typed.trim();
    if typed.is_empty() && !required.is_empty() {
        problems.push((field, required));
    } else if let Some(problem) = crate::text::check(typed, limit, too_long) {
        problems.push((field, problem));
    }
}

/// To whom a stage is raised: a name and a role, each required.
fn whom(problems: &mut Problems, name: &str, role: &str) {
    for (field, typed, required) in [
        ("to_name", name, "escalation-error-to-name"),
        ("to_role", role, "escalation-error-to-role"),
    ] {
        words(
            problems,
            field,
            typed,
            NAME_LIMIT,
            required,
            "escalation-error-name-too-long",
        );
    }
}

/// A day that is not in the future and not before `earliest`.
fn day(
    problems: &mut Problems,
    field: &'static str,
    typed: &str,
    earliest: Date,
    today: Date,
    wrong: &'static str,
) -> Option<Date> {
    match parse_date(typed).filter(|d| *d >= earliest && *d <= today) {
        Some(date) => Some(date),
        None => {
            problems.push((field, part_problem(typed).unwrap_or(wrong)));
            None
        }
    }
}

/// A concern as it will be stored.
#[derive(Debug, PartialEq, Eq)]
pub struct NewConcern {
    pub issues: Vec<&'static str>,
    pub what_wrong: String,
    pub what_needed: String,
    pub stage: &'static str,
    pub raised_on: Date,
    pub to_name: String,
    pub to_role: String,
    pub child_told: Option<bool>,
    pub advocacy_offered: Option<bool>,
}

/// Raising a concern: one issue type or more, what is wrong and what must
/// happen, the stage, the day (since the child came into care, not after
/// today), and to whom.
pub fn raise(form: &RaiseForm, came_into_care: Date, today: Date) -> Result<NewConcern, Problems> {
    let mut problems = Problems::new();
    let issues: Vec<&'static str> = ISSUES
        .iter()
        .copied()
        .filter(|i| form.issues.iter().any(|f| f == i))
        .collect();
    if issues.is_empty() || form.issues.iter().any(|f| !ISSUES.contains(&f.as_str())) {
        problems.push(("issue", "escalation-error-issue"));
    }
    words(
        &mut problems,
        "what_wrong",
        &form.what_wrong,
        TEXT_LIMIT,
        "escalation-error-what-wrong",
        "escalation-error-too-long",
    );
    words(
        &mut problems,
        "what_needed",
        &form.what_needed,
        TEXT_LIMIT,
        "escalation-error-what-needed",
        "escalation-error-too-long",
    );
    let stage = STAGES.iter().copied().find(|s| *s == form.stage);
    if stage.is_none() {
        problems.push(("stage", "escalation-error-stage"));
    }
    let raised_on = day(
        &mut problems,
        "raised_on",
        &form.raised_on,
        came_into_care,
        today,
        "escalation-error-raised-on",
    );
    whom(&mut problems, &form.to_name, &form.to_role);
    let told = yes_no(&form.child_told);
    if told.is_err() {
        problems.push(("child_told", "escalation-error-yes-no"));
    }
    let offered = yes_no(&form.advocacy_offered);
    if offered.is_err() {
        problems.push(("advocacy_offered", "escalation-error-yes-no"));
    }
    match (stage, raised_on, told, offered) {
        (Some(stage), Some(raised_on), Ok(child_told), Ok(advocacy_offered))
            if problems.is_empty() =>
        {
            Ok(NewConcern {
                issues,
                what_wrong: form.what_wrong.trim().to_owned(),
                what_needed: form.what_needed.trim().to_owned(),
                stage,
                raised_on,
                to_name: form.to_name.trim().to_owned(),
                to_role: form.to_role.trim().to_owned(),
                child_told,
                advocacy_offered,
            })
        }
        _ => Err(problems),
    }
}

/// A good practice note: (day, words).
pub fn praise(
    form: &PraiseForm,
    came_into_care: Date,
    today: Date,
) -> Result<(Date, String), Problems> {
    let mut problems = Problems::new();
    let on = day(
        &mut problems,
        "noted_on",
        &form.noted_on,
        came_into_care,
        today,
        "escalation-error-noted-on",
    );
    words(
        &mut problems,
        "note",
        &form.note,
        TEXT_LIMIT,
        "escalation-error-note",
        "escalation-error-too-long",
    );
    match on {
        Some(on) if problems.is_empty() => Ok((on, form.note.trim().to_owned())),
        _ => Err(problems),
    }
}

/// What comes after a response.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Resolve {
        outcome: String,
    },
    /// A later stage (the next, or one further: stages may be skipped).
    Escalate {
        stage: &'static str,
        to_name: String,
        to_role: String,
    },
}

/// A response as it will be stored.
#[derive(Debug, PartialEq, Eq)]
pub struct Response {
    pub on: Date,
    pub words: String,
    pub next: Next,
}

/// The response to the stage `current` (begun on `started`): the day (not
/// before it began, not after today), the words, and then resolved with
/// an outcome or a later stage with to whom.
pub fn respond(
    form: &RespondForm,
    current: &str,
    started: Date,
    today: Date,
) -> Result<Response, Problems> {
    let mut problems = Problems::new();
    let on = day(
        &mut problems,
        "response_on",
        &form.response_on,
        started,
        today,
        "escalation-error-response-on",
    );
    words(
        &mut problems,
        "response",
        &form.response,
        TEXT_LIMIT,
        "escalation-error-response",
        "escalation-error-too-long",
    );
    let rank = stage_rank(current).unwrap_or(0);
    let next = if form.next == "resolve" {
        words(
            &mut problems,
            "outcome",
            &form.outcome,
            TEXT_LIMIT,
            "escalation-error-outcome",
            "escalation-error-too-long",
        );
        Some(Next::Resolve {
            outcome: form.outcome.trim().to_owned(),
        })
    } else {
        match STAGES
            .iter()
            .copied()
            .find(|s| *s == form.next && stage_rank(s).is_some_and(|r| r > rank))
        {
            Some(stage) => {
                whom(&mut problems, &form.to_name, &form.to_role);
                Some(Next::Escalate {
                    stage,
                    to_name: form.to_name.trim().to_owned(),
                    to_role: form.to_role.trim().to_owned(),
                })
            }
            None => {
                problems.push(("next", "escalation-error-next"));
                None
            }
        }
    };
    match (on, next) {
        (Some(on), Some(next)) if problems.is_empty() => Ok(Response {
            on,
            words: form.response.trim().to_owned(),
            next,
        }),
        _ => Err(problems),
    }
}

/// Cafcass's day (when given) and the two yes/no answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Details {
    pub cafcass_on: Option<Date>,
    pub child_told: Option<bool>,
    pub advocacy_offered: Option<bool>,
}

/// The details form: a Cafcass day not before the concern was raised nor
/// after today (empty: unchanged), and yes or no.
pub fn details(form: &DetailsForm, raised_on: Date, today: Date) -> Result<Details, Problems> {
    let mut problems = Problems::new();
    let cafcass_on = if form.cafcass_on.trim().is_empty() || form.cafcass_on == "--" {
        None
    } else {
        day(
            &mut problems,
            "cafcass_on",
            &form.cafcass_on,
            raised_on,
            today,
            "escalation-error-cafcass-on",
        )
    };
    let told = yes_no(&form.child_told);
    if told.is_err() {
        problems.push(("child_told", "escalation-error-yes-no"));
    }
    let offered = yes_no(&form.advocacy_offered);
    if offered.is_err() {
        problems.push(("advocacy_offered", "escalation-error-yes-no"));
    }
    match (told, offered) {
        (Ok(child_told), Ok(advocacy_offered)) if problems.is_empty() => Ok(Details {
            cafcass_on,
            child_told,
            advocacy_offered,
        }),
        _ => Err(problems),
    }
}

/// The child's view asked for: (`advocacy` or `consultation`, its id).
pub fn view_asked(typed: &str) -> Option<(&'static str, i64)> {
    let (source, id) = typed.split_once(':')?;
    let source = ["advocacy", "consultation"]
        .into_iter()
        .find(|s| *s == source)?;
    Some((source, id.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn calendar() -> Calendar {
        Calendar::shipped()
    }

    #[test]
    fn due_days_skip_weekends() {
        // Friday 6 March 2026 + 5 working days: Friday 13 March.
        assert_eq!(
            due_on(&calendar(), date!(2026 - 03 - 06), 5),
            date!(2026 - 03 - 13)
        );
        // Saturday + 1 working day: the Monday.
        assert_eq!(
            due_on(&calendar(), date!(2026 - 03 - 07), 1),
            date!(2026 - 03 - 09)
        );
    }

    #[test]
    fn due_days_skip_bank_holidays() {
        // Thursday 17 December 2026 + 10 working days: not Christmas Day
        // (Friday), Boxing Day's substitute (Monday 28th) or New Year's
        // Day (Friday 1 January); counted by hand: 18, 21, 22, 23, 24,
        // 29, 30, 31 December, 4, 5 January.
        assert_eq!(
            due_on(&calendar(), date!(2026 - 12 - 17), 10),
            date!(2027 - 01 - 05)
        );
        // Easter 2026: Thursday 2 April + 1 working day skips Good Friday
        // (3rd), the weekend and Easter Monday (6th).
        assert_eq!(
            due_on(&calendar(), date!(2026 - 04 - 02), 1),
            date!(2026 - 04 - 07)
        );
        // A manager's own holiday counts too.
        let with_extra = Calendar::with_extra([date!(2026 - 03 - 09)]);
        assert_eq!(
            due_on(&with_extra, date!(2026 - 03 - 06), 1),
            date!(2026 - 03 - 10)
        );
    }

    #[test]
    fn the_formal_stages_have_twenty_working_days() {
        // Monday 1 June 2026: 20 working days later is Monday 29 June
        // (no bank holiday in June).
        let start = date!(2026 - 06 - 01);
        assert_eq!(formal_by(&calendar(), start), date!(2026 - 06 - 29));
        assert!(!formal_over(&calendar(), start, date!(2026 - 06 - 29)));
        assert!(formal_over(&calendar(), start, date!(2026 - 06 - 30)));
        // Across the spring bank holiday (Monday 25 May 2026) it is a day
        // later.
        assert_eq!(
            formal_by(&calendar(), date!(2026 - 05 - 11)),
            date!(2026 - 06 - 09)
        );
    }

    #[test]
    fn overdue_and_due_soon() {
        let due = date!(2026 - 03 - 13);
        assert!(!overdue(due, date!(2026 - 03 - 13)));
        assert!(overdue(due, date!(2026 - 03 - 16)));
        // Two working days before a Friday is the Wednesday.
        assert!(due_soon(&calendar(), due, date!(2026 - 03 - 11)));
        assert!(!due_soon(&calendar(), due, date!(2026 - 03 - 10)));
        assert!(!due_soon(&calendar(), due, date!(2026 - 03 - 16)));
    }

    fn raise_form() -> RaiseForm {
        RaiseForm {
            issues: vec!["care-plan".into(), "education".into()],
            what_wrong: "No education plan.".into(),
            what_needed: "A plan by the review.".into(),
            stage: "stage1".into(),
            raised_on: "2026-03-06".into(),
            to_name: "Pat Jones".into(),
            to_role: "Team manager".into(),
            child_told: "yes".into(),
            advocacy_offered: String::new(),
            errors: vec![],
        }
    }

    #[test]
    fn a_concern_is_read_once() {
        let concern = raise(&raise_form(), date!(2020 - 01 - 01), date!(2026 - 03 - 10));
        assert_eq!(
            concern.map(|c| (c.issues, c.stage, c.child_told, c.advocacy_offered)),
            Ok((vec!["care-plan", "education"], "stage1", Some(true), None))
        );
    }

    #[test]
    fn a_wrong_concern_says_each_problem() {
        let mut form = raise_form();
        form.issues = vec!["nonsense".into()];
        form.stage = "stage7".into();
        form.raised_on = "2026-03-11".into();
        form.what_wrong = " ".into();
        form.to_role = "x".repeat(NAME_LIMIT + 1);
        form.child_told = "maybe".into();
        let problems = raise(&form, date!(2020 - 01 - 01), date!(2026 - 03 - 10))
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "issue",
                "what_wrong",
                "stage",
                "raised_on",
                "to_role",
                "child_told"
            ]
        );
    }

    #[test]
    fn a_response_moves_on_only_to_a_later_stage() {
        let form = RespondForm {
            response_on: "2026-03-20".into(),
            response: "No plan yet.".into(),
            next: "stage3".into(),
            to_name: "Sam Lee".into(),
            to_role: "Director".into(),
            ..RespondForm::default()
        };
        let started = date!(2026 - 03 - 06);
        let today = date!(2026 - 03 - 20);
        assert!(matches!(
            respond(&form, "stage1", started, today),
            Ok(Response {
                next: Next::Escalate {
                    stage: "stage3",
                    ..
                },
                ..
            })
        ));
        let back = RespondForm {
            next: "informal".into(),
            ..form.clone()
        };
        assert_eq!(
            respond(&back, "stage1", started, today).err(),
            Some(vec![("next", "escalation-error-next")])
        );
        let early = RespondForm {
            response_on: "2026-03-05".into(),
            ..form.clone()
        };
        assert_eq!(
            respond(&early, "stage1", started, today).err(),
            Some(vec![("response_on", "escalation-error-response-on")])
        );
        let resolve = RespondForm {
            next: "resolve".into(),
            outcome: String::new(),
            ..form
        };
        assert_eq!(
            respond(&resolve, "stage1", started, today).err(),
            Some(vec![("outcome", "escalation-error-outcome")])
        );
    }

    #[test]
    fn views_are_asked_by_source_and_id() {
        assert_eq!(view_asked("advocacy:12"), Some(("advocacy", 12)));
        assert_eq!(view_asked("consultation:3"), Some(("consultation", 3)));
        assert_eq!(view_asked("letters:3"), None);
        assert_eq!(view_asked("advocacy:x"), None);
    }
}

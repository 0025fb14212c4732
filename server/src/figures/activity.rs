//! The annual figures beyond the children's dates and reviews, without
//! the database: how soon an IRO was allocated and how many children
//! each held, advocacy, the IRO's contacts between reviews, letters
//! after reviews, consultations and safety alerts. Every count goes
//! through the disclosure rule; a median or an average is shown only
//! when the number it is worked out from is.

use std::collections::{HashMap, HashSet};

use app::{
    accounts::ETHNICITY_GROUPS,
    disclosure::{Cell, Rule},
    figures::{Block, Chart, Figure, Line, Measure, RowLabel},
    vocabulary::{ACCEPT_WITHIN, ALLOCATE_WITHIN, CATEGORIES, OUTCOMES},
};
use time::{Date, Month};

use super::{
    rules::{
        AGE_BANDS, ChildFacts, Year, add, at, column, held_on, keyed, line, named, profile, yes_no,
    },
    store::Recorded,
};
use crate::calendar::{Calendar, age_band, age_on};

/// An IRO should be allocated within this many working days of a child
/// coming into care (the service's own standard).
pub const ALLOCATE_IRO_WITHIN: i64 = 5;

/// What one year counts beyond the children's reviews, before the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    /// Working days from coming into care to the first IRO allocation, of
    /// each child who came into care in the year and has one, smallest
    /// first.
    pub days_to_iro: Vec<i64>,
    /// The children looked after at 31 March on each IRO's caseload then,
    /// smallest first.
    pub caseloads: Vec<i64>,
    /// Requests for an advocate sent in the year, and how many raised
    /// each issue (in [`CATEGORIES`] order).
    pub requests: i64,
    pub issues: [i64; 10],
    /// Children who sent a request in the year, by their age band on the
    /// day of their first (in [`AGE_BANDS`] order), ethnicity group and
    /// disability (yes, no).
    pub advocacy_children: i64,
    pub advocacy_age: [i64; 5],
    pub advocacy_ethnicity: [i64; 5],
    pub advocacy_disability: [i64; 2],
    /// Working days from sending to being accepted, and to an advocate
    /// being allocated, of the year's requests that were; smallest first.
    pub days_to_accept: Vec<i64>,
    pub days_to_advocate: Vec<i64>,
    /// Requests closed in the year, by outcome (in [`OUTCOMES`] order).
    pub outcomes: [i64; 5],
    /// Children with a review held in the year, and of them those whose
    /// IRO recorded a visit before one of those reviews (since the review
    /// before it, or since they came into care).
    pub children_reviewed: i64,
    pub seen_before_review: i64,
    /// Midway reviews recorded in the year.
    pub midway_reviews: i64,
    /// Children looked after at 31 March with a contact from their IRO in
    /// the six months up to then.
    pub contact_six_months: i64,
    /// Reviews held in the year followed by a letter to the child, and of
    /// them those whose letter the child has read.
    pub reviews_with_letter: i64,
    pub letters_read: i64,
    /// Consultations sent in the year, and safety alerts raised.
    pub consultations_sent: i64,
    pub alerts_raised: i64,
    /// Speakerbox: topics published to members, answers sent, and "you
    /// said, we did" items shared, in the year.
    pub topics_published: i64,
    pub speakerbox_answers: i64,
    pub items_shared: i64,
}

/// Six calendar months before `day` (the last day of a shorter month
/// where the day is missing).
fn six_months_before(day: Date) -> Date {
    let zero_based = i32::from(u8::from(day.month())) - 1 - 6;
    let (year, month) = if zero_based < 0 {
        (day.year() - 1, zero_based + 12)
    } else {
        (day.year(), zero_based)
    };
    let month = u8::try_from(month + 1)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .unwrap_or(Month::January);
    let date = day.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, date).unwrap_or(day)
}

fn sorted(mut days: Vec<i64>) -> Vec<i64> {
    days.sort_unstable();
    days
}

/// Counts a year. `letters` holds (child, review number, read) for every
/// review a letter was sent after (`store::Reviewed::letters`).
pub fn count(
    children: &[ChildFacts],
    stored: &Recorded,
    letters: &[(i64, i64, bool)],
    reviews_held: &HashSet<(i64, i64)>,
    calendar: &Calendar,
    year: Year,
) -> Activity {
    let by_id: HashMap<i64, &ChildFacts> = children.iter().map(|c| (c.id, c)).collect();
    let mut counted = Activity::default();

    // The IRO: first allocation of each child who started in the year,
    // and each IRO's children looked after at 31 March.
    let mut first: HashMap<i64, Date> = HashMap::new();
    let mut caseloads: HashMap<i64, HashSet<i64>> = HashMap::new();
    for allocation in &stored.allocations {
        let earliest = first.entry(allocation.child_id).or_insert(allocation.from);
        *earliest = (*earliest).min(allocation.from);
        let current = allocation.from <= year.at && allocation.until.is_none_or(|u| u > year.at);
        let looked_after = by_id
            .get(&allocation.child_id)
            .is_some_and(|c| c.looked_after_on(year.at));
        if current && looked_after {
            caseloads
                .entry(allocation.iro)
                .or_default()
                .insert(allocation.child_id);
        }
    }
    counted.days_to_iro = sorted(
        children
            .iter()
            .filter(|c| year.holds(c.came_into_care))
            .filter_map(|c| {
                first
                    .get(&c.id)
                    .map(|from| calendar.working_days_between(c.came_into_care, *from))
            })
            .collect(),
    );
    counted.caseloads = sorted(caseloads.values().map(|c| c.len() as i64).collect());

    // Advocacy.
    let mut first_request: HashMap<i64, Date> = HashMap::new();
    let (mut accept, mut advocate) = (Vec::new(), Vec::new());
    for request in &stored.requests {
        if request.closed.is_some_and(|d| year.holds(d)) {
            add(
                &mut counted.outcomes,
                &OUTCOMES,
                request.outcome.as_deref().unwrap_or(""),
            );
        }
        if !year.holds(request.sent) {
            continue;
        }
        counted.requests += 1;
        for issue in &request.categories {
            add(&mut counted.issues, &CATEGORIES, issue);
        }
        let day = first_request
            .entry(request.child_id)
            .or_insert(request.sent);
        *day = (*day).min(request.sent);
        if let Some(accepted) = request.accepted {
            accept.push(calendar.working_days_between(request.sent, accepted));
        }
        if let Some(allocated) = request.allocated {
            advocate.push(calendar.working_days_between(request.sent, allocated));
        }
    }
    counted.days_to_accept = sorted(accept);
    counted.days_to_advocate = sorted(advocate);
    for (child, day) in &first_request {
        let Some(child) = by_id.get(child) else {
            continue;
        };
        counted.advocacy_children += 1;
        let band = age_band(age_on(child.born, *day));
        add(&mut counted.advocacy_age, &AGE_BANDS, band);
        add(
            &mut counted.advocacy_ethnicity,
            &ETHNICITY_GROUPS,
            &child.ethnicity,
        );
        yes_no(&mut counted.advocacy_disability, child.disability);
    }

    // The IRO's contacts: visits before a review, midway reviews, and
    // any contact in the last six months.
    let mut visits: HashMap<i64, Vec<Date>> = HashMap::new();
    let mut recent: HashSet<i64> = HashSet::new();
    let six_months = six_months_before(year.at);
    for contact in &stored.contacts {
        if contact.kind == "visit" {
            visits.entry(contact.child_id).or_default().push(contact.on);
        }
        if contact.kind == "midway" && year.holds(contact.on) {
            counted.midway_reviews += 1;
        }
        if contact.on >= six_months && contact.on <= year.at {
            recent.insert(contact.child_id);
        }
    }
    for child in children {
        if child.looked_after_on(year.at) && recent.contains(&child.id) {
            counted.contact_six_months += 1;
        }
        let mut since = child.came_into_care;
        let (mut reviewed, mut seen) = (false, false);
        for row in &child.held {
            let Some(held) = held_on(row) else {
                continue;
            };
            if year.holds(held) {
                reviewed = true;
                seen = seen
                    || visits
                        .get(&child.id)
                        .is_some_and(|v| v.iter().any(|d| *d >= since && *d <= held));
            }
            since = held.next_day().unwrap_or(held);
        }
        counted.children_reviewed += i64::from(reviewed);
        counted.seen_before_review += i64::from(seen);
    }

    // Letters after the year's reviews.
    for (child, sequence, read) in letters {
        if reviews_held.contains(&(*child, *sequence)) {
            counted.reviews_with_letter += 1;
            counted.letters_read += i64::from(*read);
        }
    }

    let in_year = |days: &[(Date, i64)]| -> i64 {
        days.iter()
            .filter(|(day, _)| year.holds(*day))
            .map(|(_, count)| count)
            .sum()
    };
    counted.consultations_sent = in_year(&stored.consultations_sent);
    counted.alerts_raised = in_year(&stored.alerts_raised);
    counted.topics_published = in_year(&stored.topics_published);
    counted.speakerbox_answers = in_year(&stored.answers);
    counted.items_shared = in_year(&stored.items_shared);
    counted
}

/// The reviews held in a year, as (child, review number), for the letters
/// that followed them.
pub fn reviews_held(children: &[ChildFacts], year: Year) -> HashSet<(i64, i64)> {
    children
        .iter()
        .flat_map(|c| {
            c.held
                .iter()
                .filter(|row| held_on(row).is_some_and(|d| year.holds(d)))
                .map(|row| (c.id, row.sequence))
        })
        .collect()
}

/// The median of days already sorted, shown only when their number is.
fn median(rule: Rule, days: &[i64]) -> Measure {
    match rule.one(days.len() as i64) {
        Cell::Hidden => Measure::Hidden,
        Cell::Shown(_) if days.is_empty() => Measure::Nothing,
        Cell::Shown(_) => {
            let middle = days.len() / 2;
            let value = if days.len() % 2 == 1 {
                days.get(middle).copied().unwrap_or(0)
            } else {
                // Halfway between the two middle ones, rounded up.
                let low = days.get(middle - 1).copied().unwrap_or(0);
                let high = days.get(middle).copied().unwrap_or(0);
                (low + high + 1) / 2
            };
            Measure::Of(value)
        }
    }
}

/// How many of `days` are within `limit`, and the rest, as one table
/// with its total shown: (within, total, %).
fn within(rule: Rule, days: &[i64], limit: i64) -> (Cell, Cell, Figure) {
    let inside = days.iter().filter(|d| **d <= limit).count() as i64;
    let (inside, total, percent) = part_of(rule, inside, days.len() as i64);
    (inside, total, Figure::Percent(percent))
}

/// A part of a whole (children seen of those reviewed, say), published as
/// one table of the part and the rest with the whole as its total, so a
/// small rest hides the part too: (part, whole, %).
fn part_of(rule: Rule, part: i64, whole: i64) -> (Cell, Cell, app::disclosure::Percent) {
    let (cells, total) = column(rule, &[part, whole - part], true);
    let total = total.unwrap_or(Cell::Hidden);
    let part = at(&cells, 0);
    (part, total, rule.percent(part, total))
}

fn block(key: &str, noted: bool, lines: Vec<Line>, chart: Chart) -> Block {
    Block {
        key: key.to_owned(),
        noted,
        lines,
        columns: None,
        chart,
    }
}

/// The same figure for both years, from a function of one year's counts.
fn both<F>(key: &str, this: &Activity, last: &Activity, figure: F) -> Line
where
    F: Fn(&Activity) -> Figure,
{
    line(key, figure(this), figure(last))
}

/// Time to an IRO, and IRO caseloads at 31 March.
fn allocation(this: &Activity, last: &Activity, rule: Rule, looked_after: [Cell; 2]) -> Block {
    let caseload_average = |a: &Activity, shown: Cell| {
        Figure::Tenths(match (shown, a.caseloads.len() as i64) {
            (_, 0) => Measure::Nothing,
            (Cell::Hidden, _) => Measure::Hidden,
            (Cell::Shown(_), iros) => {
                let children: i64 = a.caseloads.iter().sum();
                Measure::Of((children * 20 + iros) / (iros * 2))
            }
        })
    };
    let [shown, shown_before] = looked_after;
    let lines = vec![
        both("annual-iro-starting", this, last, |a| {
            Figure::Count(within(rule, &a.days_to_iro, ALLOCATE_IRO_WITHIN).1)
        }),
        both("annual-iro-within", this, last, |a| {
            Figure::Count(within(rule, &a.days_to_iro, ALLOCATE_IRO_WITHIN).0)
        }),
        both("annual-iro-within-percent", this, last, |a| {
            within(rule, &a.days_to_iro, ALLOCATE_IRO_WITHIN).2
        }),
        both("annual-iro-median", this, last, |a| {
            Figure::Days(median(rule, &a.days_to_iro))
        }),
        both("annual-iros", this, last, |a| {
            Figure::Count(rule.one(a.caseloads.len() as i64))
        }),
        line(
            "annual-caseload-average",
            caseload_average(this, shown),
            caseload_average(last, shown_before),
        ),
        both("annual-caseload-highest", this, last, |a| {
            Figure::Count(rule.one(a.caseloads.last().copied().unwrap_or(0)))
        }),
    ];
    block("annual-allocation", true, lines, Chart::None)
}

/// Advocacy: requests, children, and the times against the standard.
fn advocacy(this: &Activity, last: &Activity, rule: Rule) -> Block {
    let lines = vec![
        both("annual-advocacy-requests", this, last, |a| {
            Figure::Count(rule.one(a.requests))
        }),
        both("annual-advocacy-children", this, last, |a| {
            Figure::Count(rule.one(a.advocacy_children))
        }),
        both("annual-advocacy-accepted-within", this, last, |a| {
            within(rule, &a.days_to_accept, ACCEPT_WITHIN).2
        }),
        both("annual-advocacy-accept-median", this, last, |a| {
            Figure::Days(median(rule, &a.days_to_accept))
        }),
        both("annual-advocacy-allocated-within", this, last, |a| {
            within(rule, &a.days_to_advocate, ALLOCATE_WITHIN).2
        }),
        both("annual-advocacy-allocate-median", this, last, |a| {
            Figure::Days(median(rule, &a.days_to_advocate))
        }),
    ];
    block("annual-advocacy", true, lines, Chart::None)
}

/// Rows of counts through the rule as one column, both years; with the
/// total as a last row when `total` names it.
fn rows(
    key: &str,
    labels: Vec<RowLabel>,
    this: &[i64],
    last: &[i64],
    rule: Rule,
    total: Option<&str>,
) -> Block {
    let (now, now_total) = column(rule, this, total.is_some());
    let (before, before_total) = column(rule, last, total.is_some());
    let mut lines: Vec<Line> = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| Line {
            label,
            this_year: Figure::Count(at(&now, i)),
            last_year: Figure::Count(at(&before, i)),
        })
        .collect();
    if let Some(total) = total {
        lines.push(line(
            total,
            Figure::Count(now_total.unwrap_or(Cell::Hidden)),
            Figure::Count(before_total.unwrap_or(Cell::Hidden)),
        ));
    }
    block(key, true, lines, Chart::Rows)
}

/// Take-up of advocacy beside the children looked after at 31 March, by
/// one breakdown, this year: each column through the rule with its total,
/// and each count's share of it.
fn take_up(
    key: &str,
    labels: Vec<RowLabel>,
    asked: &[i64],
    looked_after: &[i64],
    rule: Rule,
) -> Block {
    Block {
        columns: Some([
            "annual-take-up-asked".to_owned(),
            "annual-take-up-looked-after".to_owned(),
        ]),
        chart: Chart::None,
        ..profile(key, labels, asked, looked_after, rule)
    }
}

/// The IRO's contacts with children.
fn contact(this: &Activity, last: &Activity, rule: Rule, looked_after: [i64; 2]) -> Block {
    // Children seen and not, with the children reviewed as their total;
    // children with a contact and not, with those looked after.
    let seen = |a: &Activity| {
        let (seen, reviewed, percent) = part_of(rule, a.seen_before_review, a.children_reviewed);
        (reviewed, seen, percent)
    };
    let recent = |a: &Activity, all: i64| {
        let (recent, _, percent) = part_of(rule, a.contact_six_months, all);
        (recent, percent)
    };
    let (reviewed, seen_now, seen_share) = seen(this);
    let (reviewed0, seen0, seen_share0) = seen(last);
    let (recent_now, recent_share) = recent(this, looked_after[0]);
    let (recent0, recent_share0) = recent(last, looked_after[1]);
    let lines = vec![
        line(
            "annual-children-reviewed",
            Figure::Count(reviewed),
            Figure::Count(reviewed0),
        ),
        line(
            "annual-seen-before-review",
            Figure::Count(seen_now),
            Figure::Count(seen0),
        ),
        line(
            "annual-seen-before-review-percent",
            Figure::Percent(seen_share),
            Figure::Percent(seen_share0),
        ),
        both("annual-midway-reviews", this, last, |a| {
            Figure::Count(rule.one(a.midway_reviews))
        }),
        line(
            "annual-contact-six-months",
            Figure::Count(recent_now),
            Figure::Count(recent0),
        ),
        line(
            "annual-contact-six-months-percent",
            Figure::Percent(recent_share),
            Figure::Percent(recent_share0),
        ),
    ];
    block("annual-contact", true, lines, Chart::None)
}

/// Letters after reviews: reviews followed by one (of the reviews held),
/// and letters read (of those). The read count is shown only when the
/// count it is a share of is.
fn letters(this: &Activity, last: &Activity, rule: Rule, reviews_held: [i64; 2]) -> Block {
    let figures = |a: &Activity, held: i64| {
        let (with, _, share) = part_of(rule, a.reviews_with_letter, held);
        let (read, read_share) = match with {
            Cell::Shown(_) => {
                let (read, _, percent) = part_of(rule, a.letters_read, a.reviews_with_letter);
                (read, percent)
            }
            Cell::Hidden => (Cell::Hidden, rule.percent(Cell::Hidden, Cell::Hidden)),
        };
        (with, share, read, read_share)
    };
    let (with, share, read, read_share) = figures(this, reviews_held[0]);
    let (with0, share0, read0, read_share0) = figures(last, reviews_held[1]);
    let lines = vec![
        line(
            "annual-letters-sent",
            Figure::Count(with),
            Figure::Count(with0),
        ),
        line(
            "annual-letters-sent-percent",
            Figure::Percent(share),
            Figure::Percent(share0),
        ),
        line(
            "annual-letters-read",
            Figure::Count(read),
            Figure::Count(read0),
        ),
        line(
            "annual-letters-read-percent",
            Figure::Percent(read_share),
            Figure::Percent(read_share0),
        ),
    ];
    block("annual-letters", false, lines, Chart::None)
}

/// Consultations sent and safety alerts raised in the year.
fn consultations(this: &Activity, last: &Activity, rule: Rule) -> Block {
    let lines = vec![
        both("annual-consultations-sent", this, last, |a| {
            Figure::Count(rule.one(a.consultations_sent))
        }),
        both("annual-alerts-raised", this, last, |a| {
            Figure::Count(rule.one(a.alerts_raised))
        }),
    ];
    block("annual-consultations", false, lines, Chart::None)
}

/// Speakerbox, the Children in Care Council: topics, answers and "you
/// said, we did" in the year.
fn speakerbox(this: &Activity, last: &Activity, rule: Rule) -> Block {
    let lines = vec![
        both("annual-speakerbox-topics", this, last, |a| {
            Figure::Count(rule.one(a.topics_published))
        }),
        both("annual-speakerbox-answers", this, last, |a| {
            Figure::Count(rule.one(a.speakerbox_answers))
        }),
        both("annual-speakerbox-items", this, last, |a| {
            Figure::Count(rule.one(a.items_shared))
        }),
    ];
    block("annual-speakerbox", false, lines, Chart::None)
}

/// What the blocks of this module need from the children's own counts.
pub struct Context {
    /// Children looked after at 31 March, as counted and as published.
    pub looked_after: [i64; 2],
    pub looked_after_shown: [Cell; 2],
    pub reviews_held: [i64; 2],
    /// The children looked after at 31 March this year, by age band,
    /// ethnicity and disability, to set take-up beside.
    pub age: [i64; 5],
    pub ethnicity: [i64; 5],
    pub disability: [i64; 2],
}

/// Every table of this module, in the report's order.
pub fn blocks(this: &Activity, last: &Activity, rule: Rule, context: &Context) -> Vec<Block> {
    vec![
        allocation(this, last, rule, context.looked_after_shown),
        contact(this, last, rule, context.looked_after),
        letters(this, last, rule, context.reviews_held),
        consultations(this, last, rule),
        speakerbox(this, last, rule),
        advocacy(this, last, rule),
        rows(
            "annual-advocacy-issues",
            keyed(&CATEGORIES, "advocacy-category-"),
            &this.issues,
            &last.issues,
            rule,
            None,
        ),
        take_up(
            "annual-take-up-age",
            keyed(&AGE_BANDS, "figures-age-"),
            &this.advocacy_age,
            &context.age,
            rule,
        ),
        take_up(
            "annual-take-up-ethnicity",
            named(&ETHNICITY_GROUPS),
            &this.advocacy_ethnicity,
            &context.ethnicity,
            rule,
        ),
        take_up(
            "annual-take-up-disability",
            keyed(&["yes", "no"], "figures-yes-no-"),
            &this.advocacy_disability,
            &context.disability,
            rule,
        ),
        rows(
            "annual-advocacy-outcomes",
            keyed(&OUTCOMES, "advocacy-outcome-"),
            &this.outcomes,
            &last.outcomes,
            rule,
            Some("annual-advocacy-closed"),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        crate::calendar::parse_date(text).unwrap_or(Date::MIN)
    }

    #[test]
    fn six_months_before_keeps_to_real_days() {
        assert_eq!(six_months_before(day("2025-03-31")), day("2024-09-30"));
        assert_eq!(six_months_before(day("2025-08-31")), day("2025-02-28"));
        assert_eq!(six_months_before(day("2024-07-15")), day("2024-01-15"));
    }

    #[test]
    fn a_median_is_shown_only_with_its_number() {
        let rule = Rule::new(app::disclosure::Preset::Dfe, 3);
        assert_eq!(median(rule, &[]), Measure::Nothing);
        assert_eq!(median(rule, &[4, 9]), Measure::Hidden);
        assert_eq!(median(rule, &[1, 2, 9]), Measure::Of(2));
        assert_eq!(median(rule, &[1, 2, 4, 9]), Measure::Of(3));
    }
}

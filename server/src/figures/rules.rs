//! The annual figures' rules, without the database: which children and
//! reviews each figure counts in a financial year, and every count
//! through the disclosure rule. The definitions the page shows beside each
//! figure say in words what these functions do; the two are kept together.

use std::collections::HashSet;

use app::{
    accounts::{ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES},
    disclosure::{Cell, Counts, Rule},
    figures::{Block, Chart, Figure, Line, RowLabel},
    schedule::{PARTICIPATION_CODES, ReviewRow},
};
use time::Date;

use crate::calendar::{Calendar, age_band, age_on, parse_date};

/// The age bands of the profile, as the report gives them (its Table 3).
pub const AGE_BANDS: [&str; 5] = ["under-1", "1-4", "5-9", "10-15", "16-plus"];

/// A child as the figures need them: their dates, and their reviews held
/// with each one's due date and whether it was late (as the child's page
/// shows them), then the one to hold next.
pub struct ChildFacts {
    pub id: i64,
    pub born: Date,
    pub came_into_care: Date,
    pub ceased_on: Option<Date>,
    /// Who they are, as the profile counts them (values as stored).
    pub gender: String,
    pub ethnicity: String,
    pub placement: String,
    pub disability: bool,
    pub uasc: bool,
    /// Held, oldest first.
    pub held: Vec<ReviewRow>,
    pub next: ReviewRow,
}

/// A financial year: its first day and the day its "at 31 March" figures
/// are counted at (31 March, or today while the year is not over).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year {
    pub from: Date,
    pub at: Date,
}

impl ChildFacts {
    /// Whether they were looked after on `day`: come into care by then,
    /// and not ceased by then.
    pub fn looked_after_on(&self, day: Date) -> bool {
        self.came_into_care <= day && self.ceased_on.is_none_or(|d| d > day)
    }
}

impl Year {
    pub fn holds(self, day: Date) -> bool {
        day >= self.from && day <= self.at
    }
}

/// What one year counts, before the disclosure rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub looked_after: i64,
    pub starting: i64,
    pub ceasing: i64,
    /// Looked after at 31 March, for 20 working days or more by then.
    pub twenty_days: i64,
    /// Of those, the children whose reviews were all in timescale.
    pub in_timescale: i64,
    pub reviews_held: i64,
    /// Reviews held in the year of children aged 4 or over on the day, by
    /// code (PN0 to PN7, in [`PARTICIPATION_CODES`] order).
    pub participation: [i64; 8],
    /// Reviews held in the year for which the child sent their views
    /// through MySay.
    pub views_sent: i64,
    /// The children looked after at 31 March, by age band then (in
    /// [`AGE_BANDS`] order), gender, ethnicity group, placement type (in
    /// the record form's orders), disability and UASC (yes, no).
    pub age: [i64; 5],
    pub gender: [i64; 4],
    pub ethnicity: [i64; 5],
    pub placement: [i64; 6],
    pub disability: [i64; 2],
    pub uasc: [i64; 2],
}

/// Adds one to the count at `value`'s place in `values`, if it is there.
pub(super) fn add(counts: &mut [i64], values: &[&str], value: &str) {
    if let Some(n) = values
        .iter()
        .position(|v| *v == value)
        .and_then(|place| counts.get_mut(place))
    {
        *n += 1;
    }
}

pub(super) fn yes_no(counts: &mut [i64; 2], yes: bool) {
    add(counts, &["yes", "no"], if yes { "yes" } else { "no" });
}

pub(super) fn held_on(row: &ReviewRow) -> Option<Date> {
    row.held_on.as_deref().and_then(parse_date)
}

fn due_on(row: &ReviewRow) -> Option<Date> {
    row.due_on.as_deref().and_then(parse_date)
}

/// Whether every review of the child that fell due in the year, or was
/// held in it, was held by its due date, and none was overdue on the day
/// counted at: one held late (in the year, due in it, or overdue at its
/// end and held after), or one due by then and still not held, and the
/// child is out of timescale.
fn all_in_timescale(child: &ChildFacts, year: Year) -> bool {
    let held_ok = child.held.iter().all(|row| {
        let held = held_on(row);
        let due = due_on(row);
        let counts_here = held.is_some_and(|d| year.holds(d))
            || due.is_some_and(|d| year.holds(d))
            || (due.is_some_and(|d| d <= year.at) && held.is_some_and(|d| d > year.at));
        !counts_here || !row.late
    });
    let next_ok = due_on(&child.next).is_none_or(|due| due > year.at);
    held_ok && next_ok
}

/// Counts a year. `views_sent` holds (child, review number) for every
/// review the child sent their views for.
pub fn count(
    children: &[ChildFacts],
    views_sent: &HashSet<(i64, i64)>,
    calendar: &Calendar,
    year: Year,
) -> Counted {
    let mut counted = Counted::default();
    for child in children {
        if child.looked_after_on(year.at) {
            counted.looked_after += 1;
            let band = age_band(age_on(child.born, year.at));
            add(&mut counted.age, &AGE_BANDS, band);
            add(&mut counted.gender, &GENDERS, &child.gender);
            add(&mut counted.ethnicity, &ETHNICITY_GROUPS, &child.ethnicity);
            add(&mut counted.placement, &PLACEMENT_TYPES, &child.placement);
            yes_no(&mut counted.disability, child.disability);
            yes_no(&mut counted.uasc, child.uasc);
            // Twenty working days by then: counted forward 20 from coming
            // into care, not every day since (a county's children have
            // been in care for years).
            if calendar.add_working_days(child.came_into_care, 20) <= year.at {
                counted.twenty_days += 1;
                if all_in_timescale(child, year) {
                    counted.in_timescale += 1;
                }
            }
        }
        if year.holds(child.came_into_care) {
            counted.starting += 1;
        }
        if child.ceased_on.is_some_and(|d| year.holds(d)) {
            counted.ceasing += 1;
        }
        for row in &child.held {
            let Some(day) = held_on(row).filter(|d| year.holds(*d)) else {
                continue;
            };
            counted.reviews_held += 1;
            if views_sent.contains(&(child.id, row.sequence)) {
                counted.views_sent += 1;
            }
            if age_on(child.born, day) >= 4 {
                let code = row.code.as_deref().unwrap_or("");
                add(&mut counted.participation, &PARTICIPATION_CODES, code);
            }
        }
    }
    counted
}

/// One column of counts through the rule, with its total shown or not.
pub(super) fn column(rule: Rule, counts: &[i64], total_shown: bool) -> (Vec<Cell>, Option<Cell>) {
    let protected = rule.protect(&Counts {
        cells: counts.iter().map(|n| vec![*n]).collect(),
        row_totals: false,
        column_totals: total_shown,
    });
    let cells = protected
        .cells
        .iter()
        .map(|row| row.first().copied().unwrap_or(Cell::Hidden))
        .collect();
    let total = protected
        .column_totals
        .and_then(|totals| totals.first().copied());
    (cells, total)
}

pub(super) fn line(key: &str, this_year: Figure, last_year: Figure) -> Line {
    Line {
        label: RowLabel::Defined(key.to_owned()),
        this_year,
        last_year,
    }
}

pub(super) fn at(cells: &[Cell], i: usize) -> Cell {
    cells.get(i).copied().unwrap_or(Cell::Hidden)
}

/// The rate per 10,000 of the population, from a count already through
/// the rule (whole numbers, as the report gives them).
fn rate(cell: Cell, population: Option<i64>) -> Figure {
    Figure::Rate(match (cell, population) {
        (Cell::Shown(n), Some(p)) if p > 0 => Some((n * 20_000 + p) / (p * 2)),
        _ => None,
    })
}

/// Table 1: children looked after at 31 March and the rate, starting
/// and ceasing in the year.
fn looked_after(this: &Counted, last: &Counted, rule: Rule, population: Option<i64>) -> Block {
    let cells = |c: &Counted| column(rule, &[c.looked_after, c.starting, c.ceasing], false).0;
    let (now, before) = (cells(this), cells(last));
    let count = |i: usize| (Figure::Count(at(&now, i)), Figure::Count(at(&before, i)));
    let (a, b) = count(0);
    let (s, s_before) = count(1);
    let (c, c_before) = count(2);
    Block {
        key: "annual-looked-after".to_owned(),
        noted: false,
        columns: None,
        chart: Chart::None,
        lines: vec![
            line("annual-looked-after-at-end", a, b),
            line(
                "annual-rate",
                rate(at(&now, 0), population),
                rate(at(&before, 0), population),
            ),
            line("annual-starting", s, s_before),
            line("annual-ceasing", c, c_before),
        ],
    }
}

/// Table 6: reviews in timescale and reviews held. The children in
/// timescale and not are one table with its total shown (the children
/// looked after for 20 working days), so a small "not" hides "in" too.
fn reviews(this: &Counted, last: &Counted, rule: Rule) -> Block {
    let figures = |c: &Counted| {
        let (cells, total) = column(
            rule,
            &[c.in_timescale, c.twenty_days - c.in_timescale],
            true,
        );
        let total = total.unwrap_or(Cell::Hidden);
        let within = at(&cells, 0);
        (
            total,
            within,
            rule.percent(within, total),
            rule.one(c.reviews_held),
        )
    };
    let (t, w, p, r) = figures(this);
    let (t0, w0, p0, r0) = figures(last);
    Block {
        key: "annual-reviews".to_owned(),
        noted: false,
        columns: None,
        chart: Chart::Years("annual-in-timescale-percent".to_owned()),
        lines: vec![
            line("annual-twenty-days", Figure::Count(t), Figure::Count(t0)),
            line("annual-in-timescale", Figure::Count(w), Figure::Count(w0)),
            line(
                "annual-in-timescale-percent",
                Figure::Percent(p),
                Figure::Percent(p0),
            ),
            line("annual-reviews-held", Figure::Count(r), Figure::Count(r0)),
        ],
    }
}

/// Participation: reviews of children aged 4 and over by code (PN1 to
/// PN7), the share who took part in some way (PN1 to PN6), and reviews
/// with views sent through MySay.
fn participation(this: &Counted, last: &Counted, rule: Rule) -> Block {
    let figures = |c: &Counted| {
        let codes: Vec<i64> = c.participation.iter().skip(1).copied().collect();
        let (cells, total) = column(rule, &codes, true);
        let total = total.unwrap_or(Cell::Hidden);
        // PN1 to PN6 is the total less PN7: shown only when both are.
        let took_part = match (total, cells.last().copied().unwrap_or(Cell::Hidden)) {
            (Cell::Shown(all), Cell::Shown(pn7)) => Cell::Shown(all - pn7),
            _ => Cell::Hidden,
        };
        (
            cells,
            total,
            rule.percent(took_part, total),
            rule.one(c.views_sent),
        )
    };
    let (cells, total, share, views) = figures(this);
    let (cells0, total0, share0, views0) = figures(last);
    let mut lines: Vec<Line> = PARTICIPATION_CODES
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, code)| Line {
            label: RowLabel::Key(format!("review-code-{}", code.to_lowercase())),
            this_year: Figure::Count(at(&cells, i)),
            last_year: Figure::Count(at(&cells0, i)),
        })
        .collect();
    lines.push(line(
        "annual-participation-total",
        Figure::Count(total),
        Figure::Count(total0),
    ));
    lines.push(line(
        "annual-participation-share",
        Figure::Percent(share),
        Figure::Percent(share0),
    ));
    lines.push(line(
        "annual-views-sent",
        Figure::Count(views),
        Figure::Count(views0),
    ));
    Block {
        key: "annual-participation".to_owned(),
        noted: true,
        columns: None,
        chart: Chart::Years("annual-participation-share".to_owned()),
        lines,
    }
}

/// One breakdown of the children looked after at 31 March: a row per
/// group with its number and share of all of them (the total shown).
/// Also take-up beside the care population, whose two columns are not
/// years (`activity::take_up`).
pub(super) fn profile(
    key: &str,
    labels: Vec<RowLabel>,
    this: &[i64],
    last: &[i64],
    rule: Rule,
) -> Block {
    let shares = |counts: &[i64]| {
        let (cells, total) = column(rule, counts, true);
        let total = total.unwrap_or(Cell::Hidden);
        let lines: Vec<Figure> = cells
            .iter()
            .map(|cell| Figure::Share(*cell, rule.percent(*cell, total)))
            .collect();
        (lines, total)
    };
    let (now, total) = shares(this);
    let (before, total_before) = shares(last);
    let mut lines: Vec<Line> = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| Line {
            label,
            this_year: now.get(i).copied().unwrap_or(Figure::Count(Cell::Hidden)),
            last_year: before
                .get(i)
                .copied()
                .unwrap_or(Figure::Count(Cell::Hidden)),
        })
        .collect();
    lines.push(Line {
        label: RowLabel::Key("figures-total".to_owned()),
        this_year: Figure::Count(total),
        last_year: Figure::Count(total_before),
    });
    Block {
        key: key.to_owned(),
        noted: true,
        lines,
        columns: None,
        chart: Chart::Rows,
    }
}

pub(super) fn keyed(values: &[&str], prefix: &str) -> Vec<RowLabel> {
    values
        .iter()
        .map(|v| RowLabel::Key(format!("{prefix}{v}")))
        .collect()
}

pub(super) fn named(values: &[&str]) -> Vec<RowLabel> {
    values
        .iter()
        .map(|v| RowLabel::Name((*v).to_owned()))
        .collect()
}

/// The profile at 31 March, one table per breakdown.
fn profiles(this: &Counted, last: &Counted, rule: Rule) -> Vec<Block> {
    vec![
        profile(
            "annual-profile-age",
            keyed(&AGE_BANDS, "figures-age-"),
            &this.age,
            &last.age,
            rule,
        ),
        profile(
            "annual-profile-gender",
            keyed(&GENDERS, "gender-"),
            &this.gender,
            &last.gender,
            rule,
        ),
        profile(
            "annual-profile-ethnicity",
            named(&ETHNICITY_GROUPS),
            &this.ethnicity,
            &last.ethnicity,
            rule,
        ),
        profile(
            "annual-profile-placement",
            named(&PLACEMENT_TYPES),
            &this.placement,
            &last.placement,
            rule,
        ),
        profile(
            "annual-profile-disability",
            keyed(&["yes", "no"], "figures-yes-no-"),
            &this.disability,
            &last.disability,
            rule,
        ),
        profile(
            "annual-profile-uasc",
            keyed(&["yes", "no"], "figures-yes-no-"),
            &this.uasc,
            &last.uasc,
            rule,
        ),
    ]
}

/// Every table of the page, in the report's order.
pub fn blocks(this: &Counted, last: &Counted, rule: Rule, population: Option<i64>) -> Vec<Block> {
    let mut blocks = vec![looked_after(this, last, rule, population)];
    blocks.extend(profiles(this, last, rule));
    blocks.push(reviews(this, last, rule));
    blocks.push(participation(this, last, rule));
    blocks
}

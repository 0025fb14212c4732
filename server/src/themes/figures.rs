//! The themes page's figures: the period asked for (a financial year, a
//! quarter of one, or a range of dates) and the one before it, who is
//! counted, and every table through the disclosure rule before it leaves
//! here. Counts are of children: each child's latest views sent in the
//! period count once.

use app::{
    accounts::{ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES},
    disclosure::{Counts, Rule},
    themes::{AGE_BANDS, BREAKDOWNS, Figures, FiguresAsked, Label, Period, Table},
    vocabulary::{CATEGORIES, TOPICS},
};
use time::Date;

use super::store::{self, Filters};
use crate::{
    calendar::{age_band, age_on, financial_year_of, parse_date, quarter_starts, today},
    storage::{Db, iso_date_of},
};

/// The stored time of a day's start (UTC, as stored times are read).
fn millis_of(date: Date) -> i64 {
    date.midnight().assume_utc().unix_timestamp() * 1000
}

/// A period as first day and the day after the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: Date,
    pub until: Date,
}

impl Span {
    pub fn period(self) -> Period {
        Period {
            from: iso_date_of(self.from),
            to: iso_date_of(self.until.previous_day().unwrap_or(self.until)),
        }
    }

    pub fn millis(self) -> (i64, i64) {
        (millis_of(self.from), millis_of(self.until))
    }
}

/// What was asked, understood: the period, the one before, the year the
/// trend is drawn for, and a problem with a typed range (then the year is
/// shown instead). `asked` is tidied to what was understood.
pub fn resolve(asked: &mut FiguresAsked, today: Date) -> (Span, Span, i32, Option<&'static str>) {
    let this_year = financial_year_of(today);
    let year = asked
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=this_year).contains(y))
        .unwrap_or(this_year);
    asked.year = year.to_string();
    let (starts, end) = quarter_starts(year);
    let quarter = asked
        .quarter
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|q| (1..=4).contains(q));
    asked.quarter = quarter.map(|q| q.to_string()).unwrap_or_default();
    let whole = |year: i32| {
        let (starts, end) = quarter_starts(year);
        Span {
            from: starts[0],
            until: end,
        }
    };
    let mut problem = None;
    if !asked.from.trim().is_empty() || !asked.to.trim().is_empty() {
        match (parse_date(asked.from.trim()), parse_date(asked.to.trim())) {
            (Some(from), Some(to)) if from <= to => {
                let until = to.next_day().unwrap_or(to);
                let length = until - from;
                let span = Span { from, until };
                let before = Span {
                    from: from - length,
                    until: from,
                };
                asked.quarter.clear();
                return (span, before, financial_year_of(to), None);
            }
            (Some(_), Some(_)) => problem = Some("figures-error-order"),
            _ => problem = Some("figures-error-date"),
        }
        asked.from.clear();
        asked.to.clear();
    }
    let (span, before) = match quarter {
        Some(q) => {
            let at = |i: usize| starts.get(i).copied().unwrap_or(end);
            let span = Span {
                from: at(q - 1),
                until: if q == 4 { end } else { at(q) },
            };
            let before = if q == 1 {
                let (previous, _) = quarter_starts(year - 1);
                Span {
                    from: previous[3],
                    until: starts[0],
                }
            } else {
                Span {
                    from: at(q - 2),
                    until: at(q - 1),
                }
            };
            (span, before)
        }
        None => (whole(year), whole(year - 1)),
    };
    (span, before, year, problem)
}

/// The filters as asked, keeping only values the page offers.
pub fn filters_of(asked: &mut FiguresAsked) -> Filters {
    let pick = |value: &mut String, allowed: &[&str]| {
        if !allowed.contains(&value.as_str()) {
            value.clear();
        }
        (!value.is_empty()).then(|| value.clone())
    };
    let yes_no = |value: &mut String| match value.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            value.clear();
            None
        }
    };
    if !BREAKDOWNS.contains(&asked.by.as_str()) {
        asked.by.clear();
    }
    Filters {
        age: pick(&mut asked.age, &AGE_BANDS),
        gender: pick(&mut asked.gender, &GENDERS),
        ethnicity: pick(&mut asked.ethnicity, &ETHNICITY_GROUPS),
        placement: pick(&mut asked.placement, &PLACEMENT_TYPES),
        disability: yes_no(&mut asked.disability),
        uasc: yes_no(&mut asked.uasc),
        caseload_of: None,
    }
}

/// The groups a breakdown has, in the page's order, with their labels.
pub fn groups_of(by: &str) -> Vec<(String, Label)> {
    let keyed = |values: &[&str], prefix: &str| {
        values
            .iter()
            .map(|v| ((*v).to_owned(), Label::Key(format!("{prefix}{v}"))))
            .collect::<Vec<_>>()
    };
    match by {
        "age" => keyed(&AGE_BANDS, "figures-age-"),
        "gender" => keyed(&GENDERS, "gender-"),
        "ethnicity" => ETHNICITY_GROUPS
            .iter()
            .map(|v| ((*v).to_owned(), Label::Name((*v).to_owned())))
            .collect(),
        "placement" => PLACEMENT_TYPES
            .iter()
            .map(|v| ((*v).to_owned(), Label::Name((*v).to_owned())))
            .collect(),
        "disability" | "uasc" => keyed(&["yes", "no"], "figures-yes-no-"),
        _ => vec![(
            "all".to_owned(),
            Label::Key("figures-all-children".to_owned()),
        )],
    }
}

pub(super) fn key(text: &str) -> Label {
    Label::Key(text.to_owned())
}

/// A table of one count per row and a column per period, each period its
/// own table (with its column total when `totals`).
pub(super) fn by_period(
    rule: Rule,
    key_name: &str,
    rows: Vec<Label>,
    columns: Vec<Label>,
    periods: &[Vec<i64>],
    totals: bool,
) -> Table {
    let protected: Vec<_> = periods
        .iter()
        .map(|counts| {
            rule.protect(&Counts {
                cells: counts.iter().map(|n| vec![*n]).collect(),
                row_totals: false,
                column_totals: totals,
            })
        })
        .collect();
    let cells = (0..rows.len())
        .map(|r| {
            protected
                .iter()
                .map(|p| {
                    p.cells
                        .get(r)
                        .and_then(|row| row.first())
                        .copied()
                        .unwrap_or(app::disclosure::Cell::Shown(0))
                })
                .collect()
        })
        .collect();
    let column_totals = totals.then(|| {
        protected
            .iter()
            .filter_map(|p| p.column_totals.as_ref().and_then(|t| t.first()).copied())
            .collect()
    });
    Table {
        key: key_name.to_owned(),
        rows,
        columns,
        cells,
        row_totals: None,
        column_totals,
    }
}

/// How children feel about each topic: the five faces, with each topic's
/// total (children who picked a face).
pub(super) fn feelings(rule: Rule, key_name: &str, counted: &store::Counted) -> Table {
    let protected = rule.protect(&Counts {
        cells: counted.faces.iter().map(|faces| faces.to_vec()).collect(),
        row_totals: true,
        column_totals: false,
    });
    Table {
        key: key_name.to_owned(),
        rows: TOPICS.iter().map(|t| key(&format!("topic-{t}"))).collect(),
        columns: (1..=5).map(|f| key(&format!("feeling-{f}"))).collect(),
        cells: protected.cells,
        row_totals: protected.row_totals,
        column_totals: None,
    }
}

/// The themes page's columns for `topics`: this period, then the one
/// before.
const TOPICS_COLUMNS: [&str; 4] = [
    "figures-answered",
    "figures-want-to-talk",
    "figures-answered-before",
    "figures-want-to-talk-before",
];

/// Each topic: children who answered it (a face, words or "talk about
/// it"), and who want to talk about it, in one set of answers and then in
/// another (this period and the one before; a caseload and the service),
/// under the table's key and its four columns' keys.
pub(super) fn topics(
    rule: Rule,
    (key_name, column_keys): (&str, [&str; 4]),
    now: &store::Counted,
    before: &store::Counted,
) -> Table {
    let periods = [
        now.answered.to_vec(),
        now.talk.to_vec(),
        before.answered.to_vec(),
        before.talk.to_vec(),
    ];
    by_period(
        rule,
        key_name,
        TOPICS.iter().map(|t| key(&format!("topic-{t}"))).collect(),
        column_keys.iter().map(|k| key(k)).collect(),
        &periods,
        false,
    )
}

/// Children whose answers were tagged with each theme counted in either
/// set of counts (this period and the one before; a caseload and the
/// service), by name: (theme id, name, children).
pub(super) fn themes_table(
    rule: Rule,
    key_name: &str,
    column_keys: [&str; 2],
    now: &[(i64, String, i64)],
    before: &[(i64, String, i64)],
) -> Table {
    let mut named: Vec<(i64, String)> = now
        .iter()
        .chain(before)
        .map(|(id, name, _)| (*id, name.clone()))
        .collect();
    named.sort_by_key(|(_, name)| name.to_lowercase());
    named.dedup_by_key(|(id, _)| *id);
    let count_of = |list: &[(i64, String, i64)], id: i64| {
        list.iter()
            .filter(|(t, ..)| *t == id)
            .map(|(.., n)| *n)
            .sum::<i64>()
    };
    by_period(
        rule,
        key_name,
        named
            .iter()
            .map(|(_, name)| Label::Name(name.clone()))
            .collect(),
        column_keys.iter().map(|k| key(k)).collect(),
        &[now, before].map(|list| named.iter().map(|(id, _)| count_of(list, *id)).collect()),
        false,
    )
}

/// Children who asked for an advocate, per category (a child once in each
/// category they asked about), counting only the age band filtered for.
fn advocacy_counts(requests: &[(i64, String, i64, String)], age: Option<&str>) -> Vec<i64> {
    CATEGORIES
        .iter()
        .map(|category| {
            let mut children: Vec<i64> = requests
                .iter()
                .filter(|(_, categories, sent_at, born)| {
                    categories.split(',').any(|c| c == *category)
                        && age.is_none_or(|band| {
                            let on =
                                crate::storage::iso_date(*sent_at).and_then(|d| parse_date(&d));
                            match (parse_date(born), on) {
                                (Some(born), Some(on)) => age_band(age_on(born, on)) == band,
                                _ => false,
                            }
                        })
                })
                .map(|(child, ..)| *child)
                .collect();
            children.sort_unstable();
            children.dedup();
            i64::try_from(children.len()).unwrap_or(i64::MAX)
        })
        .collect()
}

/// The themes page for what was asked, as of `today`.
pub async fn figures(
    db: &Db,
    mut asked: FiguresAsked,
    rule: Rule,
    on: Date,
) -> anyhow::Result<Figures> {
    let (span, before, trend_year, problem) = resolve(&mut asked, on);
    let filters = filters_of(&mut asked);
    let (now_ms, before_ms) = (span.millis(), before.millis());

    // Children who sent their views, by the breakdown, and what they said.
    let groups = groups_of(&asked.by);
    let column = store::column_of(&asked.by);
    // Each period's counts on its own connection, at once: a page's
    // queries are independent reads, and a server has more than one core.
    let period = |span: (i64, i64)| {
        let filters = &filters;
        async move {
            tokio::try_join!(
                store::counted(db, span, filters, column),
                store::theme_counts(db, span, filters),
                store::advocacy_requests(db, span, filters),
                store::speakerbox_counts(db, span),
            )
        }
    };
    let (
        (counted_now, themes_now, advocacy_now, speakerbox_now),
        (counted_before, themes_before, advocacy_before, speakerbox_before),
    ) = tokio::try_join!(period(now_ms), period(before_ms))?;
    let sent_counts = |rows: &[(String, store::Counted)]| -> Vec<i64> {
        groups
            .iter()
            .map(|(value, _)| {
                rows.iter()
                    .filter(|(group, _)| group == value)
                    .map(|(_, counted)| counted.children)
                    .sum()
            })
            .collect()
    };
    let sent = by_period(
        rule,
        "figures-sent",
        groups.iter().map(|(_, label)| label.clone()).collect(),
        vec![key("figures-this-period"), key("figures-previous-period")],
        &[sent_counts(&counted_now), sent_counts(&counted_before)],
        column.is_some(),
    );
    let all = |rows: &[(String, store::Counted)]| {
        let mut total = store::Counted::default();
        for (_, counted) in rows {
            total.add(counted);
        }
        total
    };
    let (answers_now, answers_before) = (all(&counted_now), all(&counted_before));

    let themes = themes_table(
        rule,
        "figures-themes",
        ["figures-this-period", "figures-previous-period"],
        &themes_now,
        &themes_before,
    );

    let age = filters.age.as_deref();
    let advocacy = by_period(
        rule,
        "figures-advocacy",
        CATEGORIES
            .iter()
            .map(|c| key(&format!("advocacy-category-{c}")))
            .collect(),
        vec![key("figures-this-period"), key("figures-previous-period")],
        &[
            advocacy_counts(&advocacy_now, age),
            advocacy_counts(&advocacy_before, age),
        ],
        false,
    );

    // The council's voice beside advocacy: what Speakerbox asked, heard
    // and answered back.
    let speakerbox = by_period(
        rule,
        "figures-speakerbox",
        ["topics", "answers", "items"]
            .iter()
            .map(|row| key(&format!("figures-speakerbox-{row}")))
            .collect(),
        vec![key("figures-this-period"), key("figures-previous-period")],
        &[speakerbox_now, speakerbox_before],
        false,
    );

    let quarters = |year: i32| {
        let (starts, end) = quarter_starts(year);
        (starts.map(millis_of), millis_of(end))
    };
    let (this_starts, this_end) = quarters(trend_year);
    let (last_starts, last_end) = quarters(trend_year - 1);
    let (this_year, last_year) = tokio::try_join!(
        store::by_quarter(db, this_starts, this_end, &filters),
        store::by_quarter(db, last_starts, last_end, &filters),
    )?;
    let trend = by_period(
        rule,
        "figures-trend",
        (1..=4)
            .map(|q| key(&format!("figures-quarter-{q}")))
            .collect(),
        vec![key("figures-this-year"), key("figures-year-before")],
        &[this_year.to_vec(), last_year.to_vec()],
        false,
    );

    let years = years_to_show(db, on, trend_year).await?;
    Ok(Figures {
        problem: problem.map(str::to_owned),
        period: span.period(),
        previous: before.period(),
        years,
        rule,
        sent,
        topics: topics(
            rule,
            ("figures-topics", TOPICS_COLUMNS),
            &answers_now,
            &answers_before,
        ),
        feelings: feelings(rule, "figures-feelings", &answers_now),
        feelings_before: feelings(rule, "figures-feelings-before", &answers_before),
        themes,
        advocacy,
        speakerbox,
        trend,
        asked,
    })
}

/// The financial years to offer, newest first: back to the first views
/// sent, and to the year asked for (so the choice shows what is on the
/// page).
pub async fn years_to_show(db: &Db, on: Date, asked: i32) -> anyhow::Result<Vec<i32>> {
    let this_year = financial_year_of(on);
    let first = store::first_sent(db)
        .await?
        .and_then(crate::storage::iso_date)
        .and_then(|d| parse_date(&d))
        .map_or(this_year, financial_year_of);
    Ok((first.min(this_year).min(asked)..=this_year)
        .rev()
        .collect())
}

/// The figures as of today.
pub async fn figures_today(db: &Db, asked: FiguresAsked, rule: Rule) -> anyhow::Result<Figures> {
    figures(db, asked, rule, today()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        parse_date(text).unwrap_or(Date::MIN)
    }

    fn asked(year: &str, quarter: &str, from: &str, to: &str) -> FiguresAsked {
        FiguresAsked {
            year: year.to_owned(),
            quarter: quarter.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            ..FiguresAsked::default()
        }
    }

    fn periods(
        mut a: FiguresAsked,
        on: &str,
    ) -> (String, String, String, String, i32, Option<&'static str>) {
        let (span, before, year, problem) = resolve(&mut a, date(on));
        let (p, b) = (span.period(), before.period());
        (p.from, p.to, b.from, b.to, year, problem)
    }

    #[test]
    fn the_financial_year_starts_on_the_first_of_april() {
        assert_eq!(financial_year_of(date("2026-03-31")), 2025);
        assert_eq!(financial_year_of(date("2026-04-01")), 2026);
    }

    #[test]
    fn a_year_a_quarter_and_a_range_each_have_the_period_before() {
        let s = |x: &str| x.to_owned();
        // This year by default, beside last year.
        assert_eq!(
            periods(asked("", "", "", ""), "2026-12-02"),
            (
                s("2026-04-01"),
                s("2027-03-31"),
                s("2025-04-01"),
                s("2026-03-31"),
                2026,
                None
            )
        );
        // A quarter, beside the one before (across the year's start too).
        assert_eq!(
            periods(asked("2025", "3", "", ""), "2026-12-02"),
            (
                s("2025-10-01"),
                s("2025-12-31"),
                s("2025-07-01"),
                s("2025-09-30"),
                2025,
                None
            )
        );
        assert_eq!(
            periods(asked("2025", "1", "", ""), "2026-12-02"),
            (
                s("2025-04-01"),
                s("2025-06-30"),
                s("2025-01-01"),
                s("2025-03-31"),
                2025,
                None
            )
        );
        assert_eq!(
            periods(asked("2025", "4", "", ""), "2026-12-02").0
                ..periods(asked("2025", "4", "", ""), "2026-12-02").1,
            s("2026-01-01")..s("2026-03-31")
        );
        // A range, beside as many days before it.
        assert_eq!(
            periods(asked("", "", "2026-05-01", "2026-05-10"), "2026-12-02"),
            (
                s("2026-05-01"),
                s("2026-05-10"),
                s("2026-04-21"),
                s("2026-04-30"),
                2026,
                None
            )
        );
        // A range that is not one: the year instead, and why.
        assert_eq!(
            periods(asked("", "", "2026-05-10", "2026-05-01"), "2026-12-02").5,
            Some("figures-error-order")
        );
        assert_eq!(
            periods(asked("", "", "2026-02-30", "2026-05-01"), "2026-12-02").5,
            Some("figures-error-date")
        );
        // A year in the future or made up: this one.
        assert_eq!(
            periods(asked("2031", "9", "", ""), "2026-12-02").0,
            s("2026-04-01")
        );
    }

    #[test]
    fn filters_keep_only_what_the_page_offers() {
        let mut a = FiguresAsked {
            age: "10-15".to_owned(),
            gender: "robot".to_owned(),
            disability: "yes".to_owned(),
            by: "shoe-size".to_owned(),
            ..FiguresAsked::default()
        };
        let f = filters_of(&mut a);
        assert_eq!(f.age.as_deref(), Some("10-15"));
        assert_eq!((f.gender, a.gender.as_str()), (None, ""));
        assert_eq!(f.disability, Some(true));
        assert_eq!(a.by, "");
    }

    #[test]
    fn every_age_band_the_calendar_gives_is_one_the_page_offers() {
        for age in 0..=25 {
            assert!(AGE_BANDS.contains(&age_band(age)), "{age}");
        }
    }
}

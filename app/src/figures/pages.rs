//! The annual figures page (managers; the CRO reads it): a financial year
//! beside the year before, each figure with its definition under it, and
//! for managers the year's reviews as CSV for the case-management system.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    AnnualAsked, AnnualFigures, Block, Chart, Figure, Line, RowLabel, column_words, figure_words,
    is_hidden, load_annual, paths, row_words,
};
use crate::{
    bar_chart::{BarChart, Scale},
    dates::long_date,
    disclosure::{Cell, Percent, Preset},
    forms::set_form_title,
    i18n::{t, t_args, use_locale},
};

/// The year asked for, from the page's address.
pub fn asked_from_query() -> AnnualAsked {
    AnnualAsked {
        year: use_query_map()
            .read_untracked()
            .get("year")
            .unwrap_or_default(),
    }
}

#[component]
pub fn AnnualPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let asked = asked_from_query();
    set_form_title("annual-page-title", false);
    crate::layout::with_loaded(
        move || load_annual(asked),
        move |figures| view! { <AnnualView figures /> },
    )
    .into_any()
}

/// "April 2024 to March 2025".
fn year_words(year: i32) -> String {
    super::year_words(use_locale(), year)
}

fn figure_text(figure: Figure, has_population: bool) -> String {
    figure_words(use_locale(), figure, has_population)
}

fn row_name(label: &RowLabel) -> String {
    row_words(use_locale(), label).0
}

/// The cell a bar stands for: a count, or a share's count.
fn count_of(figure: Figure) -> Option<Cell> {
    match figure {
        Figure::Count(cell) | Figure::Share(cell, _) => Some(cell),
        _ => None,
    }
}

/// The bars drawn beside a table, if it has a chart.
fn chart(block: &Block, year: i32) -> Option<AnyView> {
    match &block.chart {
        Chart::None => None,
        Chart::Rows => {
            let bars = block
                .lines
                .iter()
                // The groups only: not a total, nor a defined summary row.
                .filter(|l| matches!(l.label, RowLabel::Key(_) | RowLabel::Name(_)))
                .filter(|l| l.key() != "figures-total")
                .filter_map(|l| count_of(l.this_year).map(|c| (row_name(&l.label), c)))
                .collect();
            Some(view! { <BarChart bars scale=Scale::Largest /> }.into_any())
        }
        Chart::Years(key) => {
            let line = block.lines.iter().find(|l| l.key() == key)?;
            let share = |figure: Figure| match figure {
                Figure::Percent(Percent::Shown { percent, .. }) => Cell::Shown(percent),
                _ => Cell::Hidden,
            };
            let bars = vec![
                (year_words(year - 1), share(line.last_year)),
                (year_words(year), share(line.this_year)),
            ];
            Some(view! { <BarChart bars scale=Scale::Percent /> }.into_any())
        }
    }
}

#[component]
fn AnnualView(figures: AnnualFigures) -> impl IntoView {
    let year = figures.year;
    let hidden_anywhere = figures
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .any(|l| is_hidden(l.this_year) || is_hidden(l.last_year));
    let fewer_than = figures.rule.fewer_than.to_string();
    let rounded = figures.rule.preset == Preset::Ons;
    let options = figures
        .years
        .iter()
        .map(
            |y| view! { <option value=y.to_string() selected=*y == year>{year_words(*y)}</option> },
        )
        .collect_view();
    let has_population = figures.has_population;
    let blocks = figures
        .blocks
        .iter()
        .cloned()
        .map(|block| view! { <BlockTable block year has_population /> }.into_any())
        .collect_view();
    view! {
        <h1>{t("annual-heading")}</h1>
        <p>{t("annual-explain")}</p>
        <form method="get" action=paths::ANNUAL class="form">
            <div class="field">
                <label for="year">{t("figures-year")}</label>
                <select id="year" name="year">{options}</select>
            </div>
            <button type="submit" class="button button-secondary">{t("figures-show")}</button>
        </form>
        <h2 id="annual-year">{year_words(year)}</h2>
        {figures.so_far.clone().map(|day| view! {
            <p class="notice">{t_args("annual-so-far", &[("date", long_date(&day))])}</p>
        })}
        {hidden_anywhere.then(|| view! { <p class="hint">{t_args("figures-c", &[("n", fewer_than)])}</p> })}
        {rounded.then(|| view! { <p class="hint">{t("figures-rounded")}</p> })}
        <section aria-labelledby="annual-pack" class="no-print">
            <h2 id="annual-pack">{t("annual-pack-heading")}</h2>
            <p>{t("annual-pack-explain")}</p>
            <ul>
                <li><a href=paths::pack(year) download>{t_args("annual-pack-link", &[("year", year_words(year))])}</a></li>
                <li><a href=paths::print(year)>{t_args("annual-print-link", &[("year", year_words(year))])}</a></li>
            </ul>
        </section>
        {blocks}
        {figures.may_export_reviews.then(|| view! {
            <section aria-labelledby="annual-export">
                <h2 id="annual-export">{t("annual-export-heading")}</h2>
                <p>{t("annual-export-explain")}</p>
                <p class="download"><a href=paths::reviews_csv(year) download>{t_args("annual-export-link", &[("year", year_words(year))])}</a></p>
            </section>
        }.into_any())}
    }
}

/// One table: a row per figure with its definition, this year and the
/// year before.
#[component]
pub fn BlockTable(block: Block, year: i32, has_population: bool) -> AnyView {
    let id = block.key.clone();
    let labelled_by = id.clone();
    let caption = t(&block.key);
    let region = caption.clone();
    let note = block.noted.then(|| t(&format!("{}-note", block.key)));
    let [first, second] = column_words(use_locale(), &block, year);
    let chart = chart(&block, year);
    let rows = block
        .lines
        .into_iter()
        .map(|line: Line| {
            let (name, definition) = row_words(use_locale(), &line.label);
            view! {
                <tr>
                    <th scope="row">
                        {name}
                        {definition.map(|d| view! { <span class="definition">{d}</span> })}
                    </th>
                    <td class="number">{figure_text(line.this_year, has_population)}</td>
                    <td class="number">{figure_text(line.last_year, has_population)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=id>{caption.clone()}</h2>
            {note.map(|n| view! { <p>{n}</p> })}
            {chart}
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="table figures-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("annual-figure")}</th>
                            <th scope="col" class="number">{first}</th>
                            <th scope="col" class="number">{second}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

//! The annual figures page (managers; the CRO reads it): a financial year
//! beside the year before, each figure with its definition under it, and
//! for managers the year's reviews as CSV for the case-management system.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AnnualAsked, AnnualFigures, Block, Figure, Line, RowLabel, load_annual, paths};
use crate::{
    dates::long_date,
    disclosure::{Cell, Percent, Preset},
    forms::set_form_title,
    i18n::{t, t_args},
};

#[component]
pub fn AnnualPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let asked = AnnualAsked {
        year: use_query_map()
            .read_untracked()
            .get("year")
            .unwrap_or_default(),
    };
    set_form_title("annual-page-title", false);
    crate::layout::with_loaded(
        move || load_annual(asked),
        move |figures| view! { <AnnualView figures /> },
    )
    .into_any()
}

/// "April 2024 to March 2025".
fn year_words(year: i32) -> String {
    t_args(
        "figures-year-option",
        &[("start", year.to_string()), ("end", (year + 1).to_string())],
    )
}

/// A figure as the table shows it.
fn figure_text(figure: Figure, has_population: bool) -> String {
    match figure {
        Figure::Count(cell) => cell.text(),
        Figure::Percent(Percent::Shown { percent, of }) => t_args(
            "annual-percent",
            &[("percent", percent.to_string()), ("of", of.to_string())],
        ),
        Figure::Percent(Percent::Hidden) => Cell::Hidden.text(),
        Figure::Share(count, Percent::Shown { percent, .. }) => t_args(
            "annual-share",
            &[("n", count.text()), ("percent", percent.to_string())],
        ),
        Figure::Share(count, Percent::Hidden) => count.text(),
        Figure::Rate(Some(rate)) => rate.to_string(),
        Figure::Rate(None) if has_population => Cell::Hidden.text(),
        Figure::Rate(None) => t("annual-no-population"),
    }
}

fn hidden(figure: Figure) -> bool {
    matches!(
        figure,
        Figure::Count(Cell::Hidden)
            | Figure::Percent(Percent::Hidden)
            | Figure::Share(Cell::Hidden, _)
    )
}

#[component]
fn AnnualView(figures: AnnualFigures) -> impl IntoView {
    let year = figures.year;
    let hidden_anywhere = figures
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .any(|l| hidden(l.this_year) || hidden(l.last_year));
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
fn BlockTable(block: Block, year: i32, has_population: bool) -> AnyView {
    let id = block.key.clone();
    let labelled_by = id.clone();
    let caption = t(&block.key);
    let region = caption.clone();
    let note = block.noted.then(|| t(&format!("{}-note", block.key)));
    let rows = block
        .lines
        .into_iter()
        .map(|line: Line| {
            let (name, definition) = match &line.label {
                RowLabel::Defined(key) => (t(key), Some(t(&format!("{key}-definition")))),
                RowLabel::Key(key) => (t(key), None),
                RowLabel::Name(name) => (name.clone(), None),
            };
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
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                <table class="table figures-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t("annual-figure")}</th>
                            <th scope="col" class="number">{year_words(year)}</th>
                            <th scope="col" class="number">{year_words(year - 1)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

//! The pack as one page to print on A4 (or paste into the report): every
//! table of the year's figures with its definitions, then the themes
//! chapter. The print styles leave out the site's header, footer and
//! forms, and keep each table on one page where it fits.

use leptos::prelude::*;

use super::{Pack, load_pack};
use crate::{
    disclosure::Preset,
    figures::{
        is_hidden,
        pages::{BlockTable, asked_from_query},
        paths, year_words,
    },
    forms::set_form_title,
    i18n::{t, t_args, use_locale},
    themes::figures::FigureTable,
};

#[component]
pub fn PrintPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let asked = asked_from_query();
    set_form_title("annual-print-title", false);
    crate::layout::with_loaded(
        move || load_pack(asked),
        move |pack| view! { <PrintView pack /> },
    )
    .into_any()
}

#[component]
fn PrintView(pack: Pack) -> impl IntoView {
    let figures = pack.figures;
    let year = figures.year;
    let words = year_words(use_locale(), year);
    let has_population = figures.has_population;
    let hidden_anywhere = figures
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .any(|l| is_hidden(l.this_year) || is_hidden(l.last_year))
        || pack.themes.tables().iter().any(|t| t.has_hidden())
        || pack.escalations.iter().any(|t| t.has_hidden());
    let rule = figures.rule;
    let blocks = figures
        .blocks
        .into_iter()
        .map(|block| view! { <BlockTable block year has_population /> }.into_any())
        .collect_view();
    let themes = pack
        .themes
        .tables()
        .into_iter()
        .cloned()
        .map(|table| {
            view! { <section class="print-table"><FigureTable table /></section> }.into_any()
        })
        .collect_view();
    let themes = view! {
        <section aria-labelledby="annual-print-themes" class="print-chapter">
            <h2 id="annual-print-themes">{t("annual-print-themes")}</h2>
            <p>{t_args("annual-print-themes-explain", &[("year", words.clone())])}</p>
            {themes}
        </section>
    }
    .into_any();
    let escalations = pack
        .escalations
        .into_iter()
        .map(|table| {
            view! { <section class="print-table"><crate::escalations::pages::CountTableView table /></section> }.into_any()
        })
        .collect_view();
    let escalations = view! {
        <section aria-labelledby="annual-print-escalations" class="print-chapter">
            <h2 id="annual-print-escalations">{t("annual-print-escalations")}</h2>
            <p>{t_args("annual-print-escalations-explain", &[("year", words.clone())])}</p>
            {escalations}
        </section>
    }
    .into_any();
    let notes = view! {
        {figures.so_far.map(|day| view! {
            <p class="notice">{t_args("annual-so-far", &[("date", crate::dates::long_date(&day))])}</p>
        })}
        {hidden_anywhere.then(|| view! { <p class="hint">{t_args("figures-c", &[("n", rule.fewer_than.to_string())])}</p> })}
        {(rule.preset == Preset::Ons).then(|| view! { <p class="hint">{t("figures-rounded")}</p> })}
    }
    .into_any();
    view! {
        <p class="no-print"><a href=paths::annual(year)>{t("annual-print-back")}</a></p>
        <h1>{t_args("annual-print-heading", &[("year", words.clone())])}</h1>
        <p>{t("annual-explain")}</p>
        {notes}
        <div class="print-pack">{blocks}</div>
        {themes}
        {escalations}
    }
}

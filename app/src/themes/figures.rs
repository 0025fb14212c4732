//! The themes page (the CRO and managers): what children are telling the
//! service for a period, beside the period before. Every count comes
//! through the disclosure rule already; each chart is drawn here in HTML
//! and CSS (a bar's length is a class per whole percent, `pct-0` to
//! `pct-100`, as the security policy allows no inline styles) (readable without JavaScript, labelled, patterned rather than
//! coloured alone) and hidden from screen readers, which read its table.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AGE_BANDS, BREAKDOWNS, Figures, FiguresAsked, Label, Table, load_figures, paths};
use crate::{
    accounts::{ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES},
    dates::long_date,
    disclosure::Cell,
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::{t, t_args},
};

fn asked_from_query() -> FiguresAsked {
    let query = use_query_map().read_untracked();
    let get = |name: &str| query.get(name).unwrap_or_default();
    FiguresAsked {
        year: get("year"),
        quarter: get("quarter"),
        from: get("from"),
        to: get("to"),
        age: get("age"),
        gender: get("gender"),
        ethnicity: get("ethnicity"),
        placement: get("placement"),
        disability: get("disability"),
        uasc: get("uasc"),
        by: get("by"),
    }
}

#[component]
pub fn ThemesPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let asked = asked_from_query();
    set_form_title("figures-page-title", false);
    crate::layout::with_loaded(
        move || load_figures(asked),
        move |figures| view! { <FiguresView figures /> },
    )
    .into_any()
}

/// A label as the page shows it.
pub fn label_text(label: &Label) -> String {
    match label {
        Label::Key(key) => t(key),
        Label::Name(name) => name.clone(),
    }
}

#[component]
fn FiguresView(figures: Figures) -> impl IntoView {
    let problem = figures.problem.clone().map(|key| t(&key));
    // A range that could not be used: the title says so once it is known.
    set_form_title("figures-page-title", problem.is_some());
    let summary: Vec<(String, String)> = problem
        .iter()
        .map(|message| ("from".to_owned(), message.clone()))
        .collect();
    let hidden_anywhere = figures.tables().iter().any(|table| table.has_hidden());
    let period = t_args(
        "figures-period",
        &[
            ("from", long_date(&figures.period.from)),
            ("to", long_date(&figures.period.to)),
            ("before-from", long_date(&figures.previous.from)),
            ("before-to", long_date(&figures.previous.to)),
        ],
    );
    let fewer_than = figures.rule.fewer_than.to_string();
    let rounded = figures.rule.preset == crate::disclosure::Preset::Ons;
    let query = figures.asked.query();
    let workbook = format!("{}?{query}", paths::WORKBOOK);
    let themes = if figures.themes.rows.is_empty() {
        view! { <p>{t("figures-themes-none")}</p> }.into_any()
    } else {
        view! {
            <BarChart table=figures.themes.clone() />
            <FigureTable table=figures.themes.clone() query=query.clone() />
        }
        .into_any()
    };
    let sections: Vec<AnyView> = vec![
        view! {
            <section aria-labelledby="figures-sent">
                <h2 id="figures-sent">{t("figures-sent")}</h2>
                <BarChart table=figures.sent.clone() />
                <FigureTable table=figures.sent.clone() query=query.clone() />
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-trend">
                <h2 id="figures-trend">{t("figures-trend")}</h2>
                <BarChart table=figures.trend.clone() />
                <FigureTable table=figures.trend.clone() query=query.clone() />
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-topics">
                <h2 id="figures-topics">{t("figures-topics")}</h2>
                <FigureTable table=figures.topics.clone() query=query.clone() />
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-feelings">
                <h2 id="figures-feelings">{t("figures-feelings")}</h2>
                <FeelingsChart table=figures.feelings.clone() />
                <FigureTable table=figures.feelings.clone() query=query.clone() />
                <FigureTable table=figures.feelings_before.clone() query=query.clone() />
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-themes">
                <h2 id="figures-themes">{t("figures-themes")}</h2>
                {themes}
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-advocacy">
                <h2 id="figures-advocacy">{t("figures-advocacy")}</h2>
                <BarChart table=figures.advocacy.clone() />
                <FigureTable table=figures.advocacy.clone() query=query.clone() />
            </section>
        }
        .into_any(),
        view! {
            <section aria-labelledby="figures-speakerbox">
                <h2 id="figures-speakerbox">{t("figures-speakerbox")}</h2>
                <p>{t("figures-speakerbox-note")}</p>
                <FigureTable table=figures.speakerbox.clone() query=query.clone() />
            </section>
        }
        .into_any(),
    ];
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("figures-heading")}</h1>
        <p>{t("figures-explain")}</p>
        <ChoiceForm figures=figures.clone() problem />
        <h2 id="figures-period">{period}</h2>
        {hidden_anywhere.then(|| view! { <p class="hint">{t_args("figures-c", &[("n", fewer_than)])}</p> })}
        {rounded.then(|| view! { <p class="hint">{t("figures-rounded")}</p> })}
        <p>{t("figures-downloads")}</p>
        <p><a href=workbook download>{t("figures-download-xlsx")}</a></p>
        <p><a href=paths::WORDS>{t("figures-to-words")}</a></p>
        {sections}
    }
}

/// One choice of a select: its value, its words, whether it is chosen.
fn options(values: Vec<(String, String)>, chosen: &str) -> impl IntoView + use<> {
    let chosen = chosen.to_owned();
    values
        .into_iter()
        .map(|(value, text)| {
            let selected = value == chosen;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view()
}

#[component]
pub(super) fn Select(
    name: &'static str,
    label: &'static str,
    values: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <select id=name name=name>{options(values, &chosen)}</select>
        </div>
    }
}

#[component]
fn ChoiceForm(figures: Figures, problem: Option<String>) -> impl IntoView {
    let asked = figures.asked.clone();
    let everyone = || vec![(String::new(), t("figures-everyone"))];
    let with_everyone = |values: Vec<(String, String)>| {
        let mut all = everyone();
        all.extend(values);
        all
    };
    let years: Vec<(String, String)> = figures
        .years
        .iter()
        .map(|year| {
            (
                year.to_string(),
                t_args(
                    "figures-year-option",
                    &[("start", year.to_string()), ("end", (year + 1).to_string())],
                ),
            )
        })
        .collect();
    let mut quarters = vec![(String::new(), t("figures-whole-year"))];
    quarters.extend((1..=4).map(|q| (q.to_string(), t(&format!("figures-quarter-{q}")))));
    let keyed = |values: &[&str], prefix: &str| {
        values
            .iter()
            .map(|v| ((*v).to_owned(), t(&format!("{prefix}{v}"))))
            .collect::<Vec<_>>()
    };
    let named = |values: &[&str]| {
        values
            .iter()
            .map(|v| ((*v).to_owned(), (*v).to_owned()))
            .collect::<Vec<_>>()
    };
    let yes_no = || keyed(&["yes", "no"], "figures-yes-no-");
    let mut by = vec![(String::new(), t("figures-by-none"))];
    by.extend(
        BREAKDOWNS
            .iter()
            .map(|b| ((*b).to_owned(), t(&format!("figures-{b}")))),
    );
    let range_class = if problem.is_some() {
        "field field-error"
    } else {
        "field"
    };
    view! {
        <form method="get" action=paths::FIGURES class="form figures-choice">
            <h2>{t("figures-choose-heading")}</h2>
            <div class="choice-row">
                <Select name="year" label="figures-year" values=years chosen=asked.year.clone() />
                <Select name="quarter" label="figures-quarter" values=quarters chosen=asked.quarter.clone() />
            </div>
            {view! { <details class="explain" open=problem.is_some() || !asked.from.is_empty()>
                <summary>{t("figures-range")}</summary>
                <div class=range_class>
                    <ErrorMessage field="from" message=problem.clone() />
                    <div class="choice-row">
                        <div class="field">
                            <label for="from">{t("figures-from")}</label>
                            <input type="date" id="from" name="from" value=asked.from.clone() />
                        </div>
                        <div class="field">
                            <label for="to">{t("figures-to")}</label>
                            <input type="date" id="to" name="to" value=asked.to.clone() />
                        </div>
                    </div>
                </div>
            </details> }.into_any()}
            {view! { <fieldset class="field">
                <legend>{t("figures-who")}</legend>
                <div class="choice-row">
                    <Select name="age" label="figures-age" values=with_everyone(keyed(&AGE_BANDS, "figures-age-")) chosen=asked.age.clone() />
                    <Select name="gender" label="figures-gender" values=with_everyone(keyed(&GENDERS, "gender-")) chosen=asked.gender.clone() />
                    <Select name="ethnicity" label="figures-ethnicity" values=with_everyone(named(&ETHNICITY_GROUPS)) chosen=asked.ethnicity.clone() />
                    <Select name="placement" label="figures-placement" values=with_everyone(named(&PLACEMENT_TYPES)) chosen=asked.placement.clone() />
                    <Select name="disability" label="figures-disability" values=with_everyone(yes_no()) chosen=asked.disability.clone() />
                    <Select name="uasc" label="figures-uasc" values=with_everyone(yes_no()) chosen=asked.uasc.clone() />
                </div>
            </fieldset> }.into_any()}
            <Select name="by" label="figures-by" values=by chosen=asked.by.clone() />
            <button type="submit" class="button">{t("figures-show")}</button>
        </form>
    }
}

/// A table of figures: a header row, a row per group, totals where shown;
/// and, given the choices it was made for (`query`), a link to download
/// it for the same choices.
#[component]
pub fn FigureTable(table: Table, #[prop(optional)] query: Option<String>) -> impl IntoView {
    let name = table
        .key
        .strip_prefix("figures-")
        .unwrap_or(&table.key)
        .to_owned();
    let download = query.map(|query| format!("{}?{query}", paths::csv(&name)));
    let rows_heading = t(&format!("{}-rows", table.key.trim_end_matches("-before")));
    let with_totals = table.row_totals.is_some();
    let body = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, label)| {
            let cells = table.cells.get(r).cloned().unwrap_or_default();
            let total = table.row_totals.as_ref().and_then(|t| t.get(r)).copied();
            view! {
                <tr>
                    <th scope="row">{label_text(label)}</th>
                    {cells.into_iter().map(|cell| view! { <td class="number">{cell.text()}</td> }).collect_view()}
                    {total.map(|cell| view! { <td class="number">{cell.text()}</td> })}
                </tr>
            }
        })
        .collect_view();
    let foot = table.column_totals.clone().map(|totals| {
        view! {
            <tfoot>
                <tr>
                    <th scope="row">{t("figures-total")}</th>
                    {totals.into_iter().map(|cell| view! { <td class="number">{cell.text()}</td> }).collect_view()}
                </tr>
            </tfoot>
        }
    });
    let caption = t(&table.key);
    let region = caption.clone();
    let region_name = caption.clone();
    // On a narrow screen a wide table scrolls sideways: keyboard users
    // can reach it, and it is named as its table is.
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="table figures-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{rows_heading}</th>
                        {table.columns.iter().map(|c| view! { <th scope="col" class="number">{label_text(c)}</th> }).collect_view()}
                        {with_totals.then(|| view! { <th scope="col" class="number">{t("figures-total")}</th> })}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                {foot}
            </table>
        </div>
        {download.map(|download| view! {
            <p class="download"><a href=download download>{t("figures-download-csv")}<span class="visually-hidden">": " {region_name}</span></a></p>
        })}
    }
}

/// Bars for the first column (this period) of a table, each labelled with
/// its group and count.
#[component]
fn BarChart(table: Table) -> impl IntoView {
    let bars = table
        .rows
        .iter()
        .zip(&table.cells)
        .map(|(label, row)| {
            (
                label_text(label),
                row.first().copied().unwrap_or(Cell::Shown(0)),
            )
        })
        .collect();
    view! { <crate::bar_chart::BarChart bars scale=crate::bar_chart::Scale::Largest /> }
}

/// The five faces for each topic as one bar of five patterned parts (with
/// a key), drawn only where the topic's total is shown; counts that are
/// hidden make one part marked "c", so nothing hidden can be measured.
#[component]
pub(super) fn FeelingsChart(table: Table) -> impl IntoView {
    let key = (1..=5)
        .map(|face| view! { <li><span class=format!("swatch face-part-{face}")></span>{t(&format!("feeling-{face}"))}</li> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(r, label)| {
            let total = table.row_totals.as_ref().and_then(|t| t.get(r)).copied();
            let cells = table.cells.get(r).cloned().unwrap_or_default();
            let bar = match total {
                Some(Cell::Shown(total)) if total > 0 => {
                    let shown: i64 = cells.iter().filter_map(|c| c.value()).sum();
                    let hidden = total - shown;
                    let mut parts: Vec<AnyView> = cells
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| c.value().filter(|n| *n > 0).map(|n| (i + 1, n)))
                        .map(|(face, n)| {
                            let class = format!("part face-part-{face} pct-{}", n * 100 / total);
                            view! { <span class=class>{n}</span> }.into_any()
                        })
                        .collect();
                    if hidden > 0 {
                        let class = format!("part part-hidden pct-{}", hidden * 100 / total);
                        parts.push(
                            view! { <span class=class>{t("figures-chart-hidden")}</span> }
                                .into_any(),
                        );
                    }
                    view! { <span class="stack">{parts}</span> }.into_any()
                }
                Some(Cell::Shown(_)) => view! { <span class="bar-value">"0"</span> }.into_any(),
                _ => {
                    view! { <span class="bar-value">{t("figures-chart-hidden")}</span> }.into_any()
                }
            };
            view! {
                <div class="bar-row">
                    <span class="bar-label">{label_text(label)}</span>
                    <span class="bar-track">{bar}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="chart" aria-hidden="true">
            <ul class="chart-key">{key}</ul>
            {rows}
        </div>
    }
}

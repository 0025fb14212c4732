//! "What children on my caseload are saying": on an IRO's home page, by
//! topic, feeling and theme for this financial year, beside the same for
//! the whole service. Small numbers are hidden as on the themes page (a
//! caseload of fifty makes small cells likely); there is nothing to
//! download, and no child's name, words or date.

use leptos::prelude::*;

use super::{
    Saying,
    figures::{FeelingsChart, FigureTable},
};
use crate::{
    dates::long_date,
    i18n::{t, t_args},
};

#[component]
pub fn CaseloadSaying(saying: Saying) -> impl IntoView {
    let hidden_anywhere = saying.tables().iter().any(|table| table.has_hidden());
    let period = t_args(
        "saying-period",
        &[
            ("from", long_date(&saying.period.from)),
            ("to", long_date(&saying.period.to)),
        ],
    );
    let fewer_than = saying.rule.fewer_than.to_string();
    let rounded = saying.rule.preset == crate::disclosure::Preset::Ons;
    let themes = if saying.themes.rows.is_empty() {
        view! { <p>{t("saying-themes-none")}</p> }.into_any()
    } else {
        view! { <FigureTable table=saying.themes.clone() /> }.into_any()
    };
    let parts: Vec<AnyView> = vec![
        view! {
            <h3>{t("saying-by-topic")}</h3>
            <FigureTable table=saying.topics.clone() />
        }
        .into_any(),
        view! {
            <h3>{t("saying-by-feeling")}</h3>
            <FeelingsChart table=saying.feelings.clone() />
            <FigureTable table=saying.feelings.clone() />
            <FigureTable table=saying.feelings_service.clone() />
        }
        .into_any(),
        view! {
            <h3>{t("saying-by-theme")}</h3>
            {themes}
        }
        .into_any(),
    ];
    view! {
        <section class="saying" aria-labelledby="saying-heading">
            <h2 id="saying-heading">{t("saying-heading")}</h2>
            <p>{period}</p>
            {hidden_anywhere.then(|| view! {
                <p class="explain">{t_args("figures-c", &[("n", fewer_than)])}</p>
            })}
            {rounded.then(|| view! { <p class="explain">{t("figures-rounded")}</p> })}
            {parts}
        </section>
    }
}

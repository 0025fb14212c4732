//! A manager's page for how small numbers are hidden: the rule in force
//! said in plain words, and a plain form (radios and one number) to change
//! it. Works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{DisclosureForm, DisclosureSetting, MOST, load_disclosure, paths};
use crate::{
    dates::long_date,
    disclosure::{FLOOR, Preset},
    forms::{ErrorMessage, ErrorSummary, set_form_title, summary_of},
    i18n::{t, t_args},
};

#[component]
pub fn SmallNumbers() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<DisclosureForm>();
    set_form_title(
        "settings-small-numbers-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(load_disclosure, move |setting| {
        view! { <SmallNumbersView setting sent=sent.clone() saved /> }
    })
}

#[component]
fn SmallNumbersView(
    setting: DisclosureSetting,
    sent: Option<DisclosureForm>,
    saved: bool,
) -> impl IntoView {
    let rule = setting.rule;
    let form = sent.unwrap_or_else(|| DisclosureForm {
        preset: match rule.preset {
            Preset::Dfe => "dfe".to_owned(),
            Preset::Ons => "ons".to_owned(),
        },
        fewer_than: rule.fewer_than.to_string(),
        errors: Vec::new(),
    });
    let summary = summary_of(&form.errors);
    let err = |field: &str| {
        form.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, key)| t(key))
    };
    let most = (rule.fewer_than - 1).to_string();
    let in_force = match rule.preset {
        Preset::Dfe => t_args("settings-rule-dfe", &[("most", most)]),
        Preset::Ons => t_args("settings-rule-ons", &[("most", most)]),
    };
    let changed = setting.changed_on.as_deref().map_or_else(
        || t("settings-never-changed"),
        |day| t_args("settings-changed-on", &[("date", long_date(day))]),
    );
    let preset_error = err("preset");
    let number_error = err("fewer_than");
    let (preset_wrong, number_wrong) = (preset_error.is_some(), number_error.is_some());
    let described = if number_wrong {
        "fewer_than-hint fewer_than-error"
    } else {
        "fewer_than-hint"
    };
    let presets = ["dfe", "ons"]
        .into_iter()
        .map(|preset| {
            let checked = form.preset == preset;
            view! {
                <label>
                    <input type="radio" name="preset" value=preset checked=checked />
                    " " {t(&format!("settings-preset-{preset}"))}
                </label>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary errors=summary />
        {saved.then(|| view! { <div class="notice" role="status"><p>{t("settings-saved")}</p></div> })}
        <h1>{t("settings-small-numbers-heading")}</h1>
        <p>{t("settings-small-numbers-explain")}</p>
        <h2>{t("settings-in-force")}</h2>
        <p>{in_force}</p>
        <p class="hint">{changed}</p>
        <h2>{t("settings-change")}</h2>
        <form method="post" action=paths::DISCLOSURE class="form" novalidate>
            <fieldset class="field" class:field-error=preset_wrong id="preset">
                <legend>{t("settings-preset-legend")}</legend>
                <ErrorMessage field="preset" message=preset_error />
                <div class="radios">{presets}</div>
            </fieldset>
            <div class="field" class:field-error=number_wrong>
                <label for="fewer_than">{t("settings-fewer-than")}</label>
                <p class="hint" id="fewer_than-hint">
                    {t_args("settings-fewer-than-hint", &[("floor", FLOOR.to_string()), ("most", MOST.to_string())])}
                </p>
                <ErrorMessage field="fewer_than" message=number_error />
                <input id="fewer_than" name="fewer_than" type="text" inputmode="numeric" class="input-width-3"
                    value=form.fewer_than.clone() aria-describedby=described />
            </div>
            <button type="submit" class="button">{t("settings-save")}</button>
        </form>
    }
}

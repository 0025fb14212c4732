//! A manager's pages for the service's settings: how small numbers are
//! hidden (the rule in force said in plain words, and a plain form, radios
//! and one number, to change it), and the authority's population aged 0 to
//! 17. Both work without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    DisclosureForm, DisclosureSetting, EscalationDaysForm, EscalationDaysSetting, LONGEST_NAME,
    MOST, MOST_MONTHS, MOST_POPULATION, PlannedForm, PlannedSetting, PopulationForm,
    PopulationSetting, ServiceDetails, ServiceForm, load_disclosure, load_escalation_days,
    load_planned, load_population, load_service, paths,
};
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

#[component]
pub fn Population() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<PopulationForm>();
    set_form_title(
        "settings-population-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(load_population, move |setting| {
        view! { <PopulationView setting sent=sent.clone() saved /> }
    })
}

/// A whole number the British way: 285,400.
fn with_commas(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[component]
fn PopulationView(
    setting: PopulationSetting,
    sent: Option<PopulationForm>,
    saved: bool,
) -> impl IntoView {
    let form = sent.unwrap_or_else(|| PopulationForm {
        population: setting.population.map(with_commas).unwrap_or_default(),
        errors: Vec::new(),
    });
    let summary = summary_of(&form.errors);
    let error = form
        .errors
        .iter()
        .find(|(f, _)| *f == "population")
        .map(|(_, key)| t(key));
    let wrong = error.is_some();
    let described = if wrong {
        "population-hint population-error"
    } else {
        "population-hint"
    };
    let now = setting.population.map_or_else(
        || t("settings-population-none"),
        |n| t_args("settings-population-now", &[("population", with_commas(n))]),
    );
    let changed = setting
        .changed_on
        .as_deref()
        .map(|day| t_args("settings-changed-on", &[("date", long_date(day))]));
    view! {
        <ErrorSummary errors=summary />
        {saved.then(|| view! { <div class="notice" role="status"><p>{t("settings-population-saved")}</p></div> })}
        <h1>{t("settings-population-heading")}</h1>
        <p>{t("settings-population-explain")}</p>
        <p>{now}</p>
        {changed.map(|changed| view! { <p class="hint">{changed}</p> })}
        <form method="post" action=paths::POPULATION class="form" novalidate>
            <div class="field" class:field-error=wrong>
                <label for="population">{t("settings-population-label")}</label>
                <p class="hint" id="population-hint">
                    {t_args("settings-population-hint", &[("most", with_commas(MOST_POPULATION))])}
                </p>
                <ErrorMessage field="population" message=error />
                <input id="population" name="population" type="text" inputmode="numeric" class="input-width-10"
                    autocomplete="off" value=form.population.clone() aria-describedby=described />
            </div>
            <button type="submit" class="button">{t("settings-population-save")}</button>
        </form>
    }
}

/// `/settings/you-said-we-did`: how long an item may stay "planned".
#[component]
pub fn PlannedMonths() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<PlannedForm>();
    set_form_title(
        "settings-planned-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(load_planned, move |setting: PlannedSetting| {
        let form = sent.clone().unwrap_or_else(|| PlannedForm {
            months: setting.months.to_string(),
            errors: Vec::new(),
        });
        let error = form.errors.first().map(|(_, key)| t(key));
        let wrong = error.is_some();
        let changed = setting
            .changed_on
            .as_deref()
            .map(|day| t_args("settings-changed-on", &[("date", long_date(day))]));
        view! {
            <ErrorSummary errors=summary_of(&form.errors) />
            {saved.then(|| view! { <div class="notice" role="status"><p>{t("settings-planned-saved")}</p></div> })}
            <h1>{t("settings-planned-heading")}</h1>
            <p>{t("settings-planned-explain")}</p>
            <p>{t_args("settings-planned-now", &[("months", setting.months.to_string())])}</p>
            {changed.map(|changed| view! { <p class="hint">{changed}</p> })}
            <form method="post" action=paths::PLANNED class="form" novalidate>
                <div class="field" class:field-error=wrong>
                    <label for="months">{t("settings-planned-label")}</label>
                    <p class="hint" id="months-hint">{t_args("settings-planned-hint", &[("most", MOST_MONTHS.to_string())])}</p>
                    <ErrorMessage field="months" message=error />
                    <input id="months" name="months" type="text" inputmode="numeric" class="input-width-3"
                        value=form.months.clone() aria-describedby=if wrong { "months-hint months-error" } else { "months-hint" } />
                </div>
                <button type="submit" class="button">{t("settings-planned-save")}</button>
            </form>
        }
    })
}

/// `/settings/escalations`: the working days to respond at each
/// escalation stage.
#[component]
pub fn EscalationDays() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<EscalationDaysForm>();
    set_form_title(
        "settings-escalation-days-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(
        load_escalation_days,
        move |setting: EscalationDaysSetting| {
            let form = sent.clone().unwrap_or_else(|| {
                let [informal, stage1, stage2, stage3] = setting.days.map(|d| d.to_string());
                EscalationDaysForm {
                    informal,
                    stage1,
                    stage2,
                    stage3,
                    errors: Vec::new(),
                }
            });
            let changed = setting
                .changed_on
                .as_deref()
                .map(|day| t_args("settings-changed-on", &[("date", long_date(day))]));
            let boxes = crate::vocabulary::ESCALATION_STAGES
            .iter()
            .zip(form.typed())
            .map(|(stage, typed)| {
                let field: &'static str = stage;
                let error = crate::forms::error_in(&form.errors, field);
                let wrong = error.is_some();
                view! {
                    <div class="field" class:field-error=wrong>
                        <label for=field>{t(&format!("escalation-stage-{stage}"))}</label>
                        <ErrorMessage field=field message=error />
                        <input id=field name=field type="text" inputmode="numeric" class="input-width-3"
                            value=typed.to_owned() aria-describedby=if wrong { format!("days-hint {field}-error") } else { "days-hint".to_owned() } />
                    </div>
                }
            })
            .collect_view();
            view! {
                <ErrorSummary errors=summary_of(&form.errors) />
                {saved.then(|| view! { <div class="notice" role="status"><p>{t("settings-escalation-days-saved")}</p></div> })}
                <h1>{t("settings-escalation-days-heading")}</h1>
                <p>{t("settings-escalation-days-explain")}</p>
                {changed.map(|changed| view! { <p class="hint">{changed}</p> })}
                <form method="post" action=paths::ESCALATION_DAYS class="form" novalidate>
                    <p class="hint" id="days-hint">{t_args("settings-escalation-days-hint", &[("most", crate::vocabulary::ESCALATION_FORMAL_DAYS.to_string())])}</p>
                    {boxes}
                    <button type="submit" class="button">{t("settings-escalation-days-save")}</button>
                </form>
            }
        },
    )
}

/// `/settings/service`: the service's details every page shows (the
/// authority's name, the help numbers, the advocacy service, where "Exit
/// this page" goes) and the languages offered.
#[component]
pub fn ServiceDetailsPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<ServiceForm>();
    set_form_title(
        "settings-service-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(load_service, move |details: ServiceDetails| {
        let form = sent
            .clone()
            .unwrap_or_else(|| ServiceForm::from_site(&details.site));
        view! { <ServiceDetailsView details form saved /> }.into_any()
    })
}

#[component]
fn ServiceDetailsView(details: ServiceDetails, form: ServiceForm, saved: bool) -> impl IntoView {
    let changed = details
        .changed_on
        .as_deref()
        .map(|day| t_args("settings-changed-on", &[("date", long_date(day))]));
    let field = |name: &'static str,
                 label: &'static str,
                 hint: Option<String>,
                 value: String,
                 width: &'static str,
                 kind: &'static str| {
        let error = crate::forms::error_in(&form.errors, name);
        let wrong = error.is_some();
        let hint_id = format!("{name}-hint");
        let described = match (hint.is_some(), wrong) {
            (true, true) => Some(format!("{hint_id} {name}-error")),
            (true, false) => Some(hint_id.clone()),
            (false, true) => Some(format!("{name}-error")),
            (false, false) => None,
        };
        let input_type = if kind == "tel" { "tel" } else { "text" };
        let autocomplete = "off";
        view! {
            <div class="field" class:field-error=wrong>
                <label for=name>{t(label)}</label>
                {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
                <ErrorMessage field=name message=error />
                <input id=name name=name type=input_type class=(!width.is_empty()).then_some(width) autocomplete=autocomplete
                    spellcheck="false" value=value aria-describedby=described />
            </div>
        }
    };
    let most = LONGEST_NAME.to_string();
    let languages_error = crate::forms::error_in(&form.errors, "language");
    let languages_wrong = languages_error.is_some();
    let ticked = form.languages.clone();
    let languages = crate::i18n::Locale::ALL
        .into_iter()
        .filter(|l| *l != crate::i18n::Locale::En)
        .map(|locale| {
            let code = locale.code();
            let id = format!("language-{code}");
            let checked = ticked.iter().any(|c| c == code);
            view! {
                <label class="checkbox" for=id.clone()>
                    <input type="checkbox" id=id.clone() name="language" value=code checked=checked />
                    <span lang=code dir=locale.direction().as_str()>{locale.native_name()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary errors=summary_of(&form.errors) />
        {saved.then(|| view! { <div class="notice" role="status"><p>{t("settings-service-saved")}</p></div> })}
        <h1>{t("settings-service-heading")}</h1>
        <p>{t("settings-service-explain")}</p>
        {changed.map(|changed| view! { <p class="hint">{changed}</p> })}
        <form method="post" action=paths::SERVICE class="form" novalidate>
            {field("authority_name", "settings-service-authority", Some(t_args("settings-service-name-hint", &[("most", most.clone())])), form.authority_name.clone(), "", "text")}
            <h2>{t("settings-service-help-heading")}</h2>
            <p>{t("settings-service-help-explain")}</p>
            {field("advocacy_name", "settings-service-advocacy-name", Some(t_args("settings-service-name-hint", &[("most", most.clone())])), form.advocacy_name.clone(), "", "text")}
            {field("advocacy_phone", "settings-service-advocacy-phone", Some(t("settings-service-phone-hint")), form.advocacy_phone.clone(), "input-width-10", "tel")}
            {field("out_of_hours_phone", "settings-service-out-of-hours", Some(t("settings-service-phone-hint")), form.out_of_hours_phone.clone(), "input-width-10", "tel")}
            {field("childline_phone", "settings-service-childline", Some(t("settings-service-phone-hint")), form.childline_phone.clone(), "input-width-10", "tel")}
            <h2>{t("settings-service-exit-heading")}</h2>
            {field("exit_url", "settings-service-exit", Some(t("settings-service-exit-hint")), form.exit_url.clone(), "", "text")}
            <fieldset class="field" class:field-error=languages_wrong aria-describedby="languages-hint">
                <legend>{t("settings-service-languages")}</legend>
                <p class="hint" id="languages-hint">{t("settings-service-languages-hint")}</p>
                <ErrorMessage field="language" message=languages_error />
                <div class="checkboxes">{languages}</div>
            </fieldset>
            <button type="submit" class="button">{t("settings-service-save")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::with_commas;

    #[test]
    fn thousands_are_marked_with_commas() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1_000), "1,000");
        assert_eq!(with_commas(285_400), "285,400");
        assert_eq!(with_commas(5_000_000), "5,000,000");
    }
}

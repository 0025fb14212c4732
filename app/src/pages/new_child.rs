//! A manager adds a child's record and allocates their IRO. Plain form
//! post; problems are shown in the GOV.UK error summary with every answer
//! kept.

use leptos::prelude::*;

use crate::{
    accounts::{ChildForm, ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES, load_iros},
    forms::{ErrorMessage as ErrorLine, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn NewChild() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let form = use_context::<ChildForm>().unwrap_or_default();
    set_form_title("new-child-page-title", !form.errors.is_empty());
    let iros = Resource::new_blocking(|| (), |_| load_iros());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                iros.get()
                    .map(|result| match result {
                        Ok(Ok(iros)) => view! { <ChildFormView form iros /> }.into_any(),
                        Ok(Err(_)) => view! { <crate::pages::NotFound /> }.into_any(),
                        Err(_) => view! { <p>{t("home-unavailable")}</p> }.into_any(),
                    })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ChildFormView(form: ChildForm, iros: Vec<(i64, String)>) -> impl IntoView {
    let error_for = {
        let errors = form.errors.clone();
        move |field: &str| {
            errors
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, key)| t(key))
        }
    };
    let summary: Vec<(String, String)> = form
        .errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect();
    // Each field is its own type-erased view: one long tuple of components
    // makes a future deep enough to overflow a worker's stack in debug
    // builds when rendered asynchronously.
    let fields: Vec<AnyView> = vec![
        view! { <TextField id="first_name" label=t("new-child-first-name") value=form.first_name.clone() error=error_for("first_name") autocomplete="off" /> }.into_any(),
        view! { <TextField id="preferred_name" label=t("new-child-preferred-name") value=form.preferred_name.clone() error=error_for("preferred_name") autocomplete="off" /> }.into_any(),
        view! { <DateField id="date_of_birth" label=t("new-child-date-of-birth") value=form.date_of_birth.clone() error=error_for("date_of_birth") /> }.into_any(),
        view! { <DateField id="came_into_care_on" label=t("new-child-came-into-care") value=form.came_into_care_on.clone() error=error_for("came_into_care_on") /> }.into_any(),
        view! { <Choice id="gender" label=t("new-child-gender") value=form.gender.clone() error=error_for("gender")
            options=GENDERS.iter().map(|g| (g.to_string(), t(&format!("gender-{g}")))).collect() /> }.into_any(),
        view! { <Choice id="ethnicity_group" label=t("new-child-ethnicity") value=form.ethnicity_group.clone() error=error_for("ethnicity_group")
            options=ETHNICITY_GROUPS.iter().map(|g| (g.to_string(), g.to_string())).collect() /> }.into_any(),
        view! { <Choice id="placement_type" label=t("new-child-placement") value=form.placement_type.clone() error=error_for("placement_type")
            options=PLACEMENT_TYPES.iter().map(|p| (p.to_string(), p.to_string())).collect() /> }.into_any(),
        view! { <TextField id="first_language" label=t("new-child-first-language") value=form.first_language.clone() error=error_for("first_language") autocomplete="off" /> }.into_any(),
        view! { <YesNo id="interpreter_needed" label=t("new-child-interpreter") value=form.interpreter_needed.clone() error=error_for("interpreter_needed") /> }.into_any(),
        view! { <YesNo id="disability" label=t("new-child-disability") value=form.disability.clone() error=error_for("disability") /> }.into_any(),
        view! { <YesNo id="uasc" label=t("new-child-uasc") value=form.uasc.clone() error=error_for("uasc") /> }.into_any(),
        view! { <Choice id="iro" label=t("new-child-iro") value=form.iro.clone() error=error_for("iro")
            options=std::iter::once((String::new(), t("new-child-no-iro")))
                .chain(iros.into_iter().map(|(id, name)| (id.to_string(), name)))
                .collect() /> }.into_any(),
    ];
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("new-child-heading")}</h1>
        <form method="post" action="/manage/children" class="form" novalidate>
            {fields}
            <button type="submit" class="button">{t("new-child-button")}</button>
        </form>
    }
}

#[component]
fn TextField(
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
    autocomplete: &'static str,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{label}</label>
            <ErrorLine field=id message=error />
            <input id=id name=id type="text" value=value maxlength="60" autocomplete=autocomplete
                aria-describedby=has_error.then(|| format!("{id}-error")) />
        </div>
    }
}

#[component]
fn DateField(
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{label}</label>
            <p class="hint">{t("new-child-date-hint")}</p>
            <ErrorLine field=id message=error />
            <input id=id name=id type="date" value=value aria-describedby=has_error.then(|| format!("{id}-error")) />
        </div>
    }
}

#[component]
fn Choice(
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{label}</label>
            <ErrorLine field=id message=error />
            <select id=id name=id aria-describedby=has_error.then(|| format!("{id}-error"))>
                {(!options.iter().any(|(v, _)| v.is_empty()))
                    .then(|| view! { <option value="" selected=value.is_empty()>{t("new-child-choose")}</option> })}
                {options
                    .into_iter()
                    .map(|(v, text)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn YesNo(id: &'static str, label: String, value: String, error: Option<String>) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <fieldset class="field" class:field-error=has_error id=id>
            <legend>{label}</legend>
            <ErrorLine field=id message=error />
            <div class="radios">
                <label>
                    <input type="radio" name=id value="yes" checked=value == "yes" />
                    " " {t("answer-yes")}
                </label>
                <label>
                    <input type="radio" name=id value="no" checked=value == "no" />
                    " " {t("answer-no")}
                </label>
            </div>
        </fieldset>
    }
}

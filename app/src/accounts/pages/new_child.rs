//! A manager adds a child's record and allocates their IRO, or changes a
//! record and re-allocates (the history of IROs, with dates, is kept and
//! shown). Plain form posts; problems are shown in the GOV.UK error
//! summary with every answer kept.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    accounts::{
        Allocation, ChildForm, ETHNICITY_GROUPS, GENDERS, PLACEMENT_TYPES, load_child_record,
        load_iros,
    },
    character_count::CharacterLimit,
    dates::long_date,
    forms::{DateInput, ErrorMessage as ErrorLine, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn NewChild() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let form = use_context::<ChildForm>().unwrap_or_default();
    set_form_title("new-child-page-title", !form.errors.is_empty());
    crate::layout::with_loaded(load_iros, move |iros| {
        view! {
            <ChildFormView
                form
                iros
                heading=t("new-child-heading")
                action=crate::accounts::paths::CHILDREN.to_owned()
                button=t("new-child-button")
            />
        }
    })
}

/// `/manage/children/:id`: change a child's record or their IRO.
#[component]
pub fn EditChild() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let child_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1);
    let saved = use_query_map().read_untracked().get("saved").is_some();
    // Shown again after a post with problems: what was sent, not what is stored.
    let sent = use_context::<ChildForm>();
    set_form_title(
        "edit-child-page-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    crate::layout::with_loaded(
        move || async move {
            let record = load_child_record(child_id).await?;
            let iros = load_iros().await?;
            Ok((record, iros))
        },
        move |(record, iros)| {
            let form = sent.unwrap_or(record.form);
            let heading = format!("{} {}", t("edit-child-heading"), record_name(&form));
            view! {
                {saved.then(|| view! {
                    <div class="notice" role="status"><p>{t("edit-child-saved")}</p></div>
                })}
                <ChildFormView
                    form
                    iros
                    heading
                    action=crate::accounts::paths::edit_child(record.id)
                    button=t("edit-child-button")
                />
                <AllocationHistory allocations=record.allocations />
            }
        },
    )
}

fn record_name(form: &ChildForm) -> String {
    if form.preferred_name.trim().is_empty() {
        form.first_name.clone()
    } else {
        form.preferred_name.clone()
    }
}

#[component]
fn AllocationHistory(allocations: Vec<Allocation>) -> impl IntoView {
    view! {
        <h2>{t("edit-child-iro-history")}</h2>
        {if allocations.is_empty() {
            view! { <p>{t("edit-child-never-allocated")}</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{t("new-child-iro")}</th>
                            <th scope="col">{t("edit-child-from")}</th>
                            <th scope="col">{t("edit-child-to")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {allocations
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <tr>
                                        <td>{a.iro_name}</td>
                                        <td>{long_date(&a.from)}</td>
                                        <td>{a.to.map(|d| long_date(&d)).unwrap_or_else(|| t("edit-child-now"))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
    }
}

#[component]
fn ChildFormView(
    form: ChildForm,
    iros: Vec<(i64, String)>,
    heading: String,
    action: String,
    button: String,
) -> impl IntoView {
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
        view! { <TextField id="first_name" limit=60 label=t("new-child-first-name") value=form.first_name.clone() error=error_for("first_name") autocomplete="off" /> }.into_any(),
        view! { <TextField id="preferred_name" limit=60 label=t("new-child-preferred-name") value=form.preferred_name.clone() error=error_for("preferred_name") autocomplete="off" /> }.into_any(),
        view! { <DateField id="date_of_birth" label=t("new-child-date-of-birth") value=form.date_of_birth.clone() error=error_for("date_of_birth") /> }.into_any(),
        view! { <DateField id="came_into_care_on" label=t("new-child-came-into-care") value=form.came_into_care_on.clone() error=error_for("came_into_care_on") /> }.into_any(),
        view! { <DateField id="ceased_on" label=t("new-child-ceased") value=form.ceased_on.clone() error=error_for("ceased_on") hint=t("new-child-ceased-hint") /> }.into_any(),
        view! { <TextField id="case_reference" limit=40 label=t("new-child-case-reference") value=form.case_reference.clone() error=error_for("case_reference") autocomplete="off" hint=t("new-child-case-reference-hint") /> }.into_any(),
        view! { <Choice id="gender" label=t("new-child-gender") value=form.gender.clone() error=error_for("gender")
            options=GENDERS.iter().map(|g| (g.to_string(), t(&format!("gender-{g}")))).collect() /> }.into_any(),
        view! { <Choice id="ethnicity_group" label=t("new-child-ethnicity") value=form.ethnicity_group.clone() error=error_for("ethnicity_group")
            options=ETHNICITY_GROUPS.iter().map(|g| (g.to_string(), g.to_string())).collect() /> }.into_any(),
        view! { <Choice id="placement_type" label=t("new-child-placement") value=form.placement_type.clone() error=error_for("placement_type")
            options=PLACEMENT_TYPES.iter().map(|p| (p.to_string(), p.to_string())).collect() /> }.into_any(),
        view! { <TextField id="first_language" limit=40 label=t("new-child-first-language") value=form.first_language.clone() error=error_for("first_language") autocomplete="off" /> }.into_any(),
        view! { <TextField id="email" limit=254 label=t("new-child-email") value=form.email.clone() error=error_for("email") autocomplete="off" input_type="email" hint=t("new-child-email-hint") /> }.into_any(),
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
        <h1>{heading}</h1>
        <form method="post" action=action class="form" novalidate>
            {fields}
            <button type="submit" class="button">{button}</button>
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
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<String>,
    /// The most the server keeps, said under the box.
    limit: usize,
) -> impl IntoView {
    let has_error = error.is_some();
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        has_error.then(|| format!("{id}-error")),
        Some(format!("{id}-limit")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{hint}</p> })}
            <ErrorLine field=id message=error />
            <input id=id name=id type=input_type value=value
                autocomplete=autocomplete spellcheck="false"
                aria-describedby=described />
            <CharacterLimit field=id limit=limit />
        </div>
    }
}

#[component]
fn DateField(
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
    /// Said before the usual "For example, 27 3 2014."
    #[prop(optional)]
    hint: Option<String>,
) -> impl IntoView {
    let hint = match hint {
        Some(first) => format!("{first} {}", t("new-child-date-hint")),
        None => t("new-child-date-hint"),
    };
    view! {
        <DateInput id legend=label hint value error
            birthday=id == "date_of_birth" />
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

//! The CRO's list of themes: add one, rename one, retire one no longer
//! offered (a theme is never deleted), or offer a retired one again. Plain
//! forms, so all of it works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{AnswerTags, NAME_LIMIT, Theme, ThemeForm, load_themes, paths};
use crate::{
    character_count::CharacterLimit,
    forms::{ErrorMessage, ErrorSummary, set_form_title, summary_of},
    i18n::{t, t_args},
};

#[component]
pub fn ThemesList() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<ThemeForm>().unwrap_or_default();
    set_form_title("themes-page-title", !sent.errors.is_empty());
    let saved = use_query_map().read_untracked().get("saved").is_some();
    crate::layout::with_loaded(load_themes, move |themes| {
        view! { <ListView themes sent saved /> }
    })
}

#[component]
fn ListView(themes: Vec<Theme>, sent: ThemeForm, saved: bool) -> impl IntoView {
    let summary = summary_of(&sent.errors);
    let error = sent.errors.first().map(|(_, key)| t(key));
    let rows = themes
        .into_iter()
        .map(|theme| view! { <ThemeRow theme /> })
        .collect_view();
    view! {
        <ErrorSummary errors=summary />
        {saved.then(|| view! { <div class="notice" role="status"><p>{t("themes-saved")}</p></div> })}
        <h1>{t("themes-heading")}</h1>
        <p>{t("themes-explain")}</p>
        <h2>{t("themes-add-heading")}</h2>
        <form method="post" action=paths::LIST class="form" novalidate>
            <NameField value=sent.name error />
            <button type="submit" class="button">{t("themes-add-button")}</button>
        </form>
        <h2>{t("themes-list-heading")}</h2>
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{t("themes-name")}</th>
                    <th scope="col">{t("themes-state")}</th>
                    <th scope="col">{t("themes-change")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
fn ThemeRow(theme: Theme) -> impl IntoView {
    let id = theme.id;
    let (action, button) = if theme.retired {
        (paths::restore(id), t("themes-restore-button"))
    } else {
        (paths::retire(id), t("themes-retire-button"))
    };
    view! {
        <tr>
            <td>{theme.name.clone()}</td>
            <td>{if theme.retired { t("themes-retired") } else { t("themes-in-use") }}</td>
            <td>
                <a href=paths::rename(id)>
                    {t("themes-rename-link")}
                    <span class="visually-hidden">{format!(": {}", theme.name)}</span>
                </a>
                " "
                <form method="post" action=action class="inline-form">
                    <button type="submit" class="button button-secondary">
                        {button}
                        <span class="visually-hidden">{format!(": {}", theme.name)}</span>
                    </button>
                </form>
            </td>
        </tr>
    }
}

/// Changing a theme's name, on a page of its own.
#[component]
pub fn RenameTheme() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<ThemeForm>();
    set_form_title(
        "themes-rename-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1);
    crate::layout::with_loaded(load_themes, move |themes| {
        let Some(theme) = themes.into_iter().find(|theme| theme.id == id) else {
            return view! { <crate::not_found::NotFound /> }.into_any();
        };
        let sent = sent.clone().unwrap_or_else(|| ThemeForm {
            name: theme.name.clone(),
            ..ThemeForm::default()
        });
        let summary = summary_of(&sent.errors);
        let error = sent.errors.first().map(|(_, key)| t(key));
        view! {
            <ErrorSummary errors=summary />
            <p><a href=paths::LIST>{t("themes-back")}</a></p>
            <h1>{t_args("themes-rename-heading", &[("name", theme.name.clone())])}</h1>
            <p>{t("themes-rename-explain")}</p>
            <form method="post" action=paths::rename(id) class="form" novalidate>
                <NameField value=sent.name error />
                <button type="submit" class="button">{t("themes-rename-button")}</button>
            </form>
        }
        .into_any()
    })
}

#[component]
fn NameField(value: String, error: Option<String>) -> impl IntoView {
    view! {
        <div class="field" class:field-error=error.is_some()>
            <label for="name">{t("themes-name")}</label>
            <ErrorMessage field="name" message=error.clone() />
            <input id="name" name="name" type="text" value=value
                aria-describedby=if error.is_some() { "name-error name-limit" } else { "name-limit" } />
            <CharacterLimit field="name" limit=NAME_LIMIT />
        </div>
    }
}

/// Under one answer a child sent: the themes its IRO has tagged it with,
/// and a plain form to change them (a box per theme; works without
/// JavaScript). Open when it has just been saved.
#[component]
pub fn AnswerThemes(
    child_id: i64,
    answer: AnswerTags,
    offered: Vec<Theme>,
    names: Vec<String>,
    saved: bool,
) -> impl IntoView {
    let topic = t(&format!("topic-{}", answer.topic));
    let shown = if names.is_empty() {
        t("tags-none")
    } else {
        t_args("tags-these", &[("themes", names.join(", "))])
    };
    let boxes = offered
        .into_iter()
        .map(|theme| {
            let checked = answer.theme_ids.contains(&theme.id);
            let label = if theme.retired {
                format!("{} ({})", theme.name, t("tags-retired"))
            } else {
                theme.name
            };
            view! {
                <label class="checkbox">
                    <input type="checkbox" name="theme" value=theme.id.to_string() checked=checked />
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="explain answer-themes" id=format!("themes-{}", answer.topic) open=saved>
            <summary>{shown}</summary>
            {saved.then(|| view! { <div class="notice" role="status"><p>{t("tags-saved")}</p></div> })}
            <form method="post" action=paths::tag(child_id, answer.answer_id)>
                <fieldset class="field">
                    <legend>{t_args("tags-legend", &[("topic", topic)])}</legend>
                    <p class="hint">{t("tags-hint")}</p>
                    <div class="checkboxes">{boxes}</div>
                </fieldset>
                <button type="submit" class="button button-secondary">{t("tags-save")}</button>
            </form>
        </details>
    }
}

//! A manager adds a member of staff: their name, work email and role.
//! MySay emails them an invitation; they choose a passphrase and set up
//! their authenticator app when they first sign in.

use leptos::prelude::*;

use crate::{
    accounts::{Role, STAFF_ROLES, StaffForm},
    character_count::CharacterLimit,
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn NewStaff() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    if !crate::accounts::signed_in_as(Role::Manager) {
        return view! { <crate::not_found::NotFound /> }.into_any();
    }
    let form = use_context::<StaffForm>().unwrap_or_default();
    set_form_title("new-staff-page-title", !form.errors.is_empty());
    let error_for = |field: &str| {
        form.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, key)| t(key))
    };
    let summary: Vec<(String, String)> = form
        .errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect();
    let (name_error, email_error, role_error) = (
        error_for("full_name"),
        error_for("email"),
        error_for("role"),
    );
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("new-staff-heading")}</h1>
        <p>{t("new-staff-intro")}</p>
        <form method="post" action=crate::accounts::paths::STAFF class="form" novalidate>
            <div class="field" class:field-error=name_error.is_some()>
                <label for="full_name">{t("new-staff-name")}</label>
                <ErrorMessage field="full_name" message=name_error.clone() />
                <input id="full_name" name="full_name" type="text" autocomplete="off"
                    value=form.full_name.clone()
                    aria-describedby=if name_error.is_some() { "full_name-error full_name-limit" } else { "full_name-limit" } />
                <CharacterLimit field="full_name" limit=80 />
            </div>
            <div class="field" class:field-error=email_error.is_some()>
                <label for="email">{t("new-staff-email")}</label>
                <p class="hint" id="email-hint">{t("new-staff-email-hint")}</p>
                <ErrorMessage field="email" message=email_error.clone() />
                <input id="email" name="email" type="email" autocomplete="off" spellcheck="false"
                    value=form.email.clone()
                    aria-describedby=if email_error.is_some() { "email-hint email-error email-limit" } else { "email-hint email-limit" } />
                <CharacterLimit field="email" limit=254 />
            </div>
            <fieldset class="field" class:field-error=role_error.is_some() id="role">
                <legend>{t("new-staff-role")}</legend>
                <ErrorMessage field="role" message=role_error.clone() />
                <div class="radios">
                    {STAFF_ROLES
                        .iter()
                        .map(|role| {
                            let checked = form.role == role.as_str();
                            view! {
                                <label>
                                    <input type="radio" name="role" value=role.as_str() checked=checked />
                                    " " {t(role.label_key())}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button">{t("new-staff-button")}</button>
        </form>
    }
    .into_any()
}

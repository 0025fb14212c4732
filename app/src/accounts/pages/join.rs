//! Joining MySay with an invitation: the child chooses a sign-in name (not
//! their real name) and a passphrase. By link, or by typing the code.

use leptos::prelude::*;

use crate::{
    accounts::JoinAttempt,
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn Join() -> impl IntoView {
    let attempt = use_context::<JoinAttempt>().unwrap_or_default();
    let code_error = attempt
        .invitation_not_valid
        .then_some("join-invitation-not-valid");
    let errors: Vec<(&'static str, String)> = [
        code_error.map(|k| {
            (
                if attempt.token.is_some() {
                    "sign-in-name"
                } else {
                    "code"
                },
                t(k),
            )
        }),
        attempt.name_error.map(|k| ("sign-in-name", t(k))),
        attempt.passphrase_error.map(|k| ("passphrase", t(k))),
    ]
    .into_iter()
    .flatten()
    .collect();
    set_form_title("join-page-title", !errors.is_empty());
    let summary: Vec<(String, String)> = errors
        .iter()
        .map(|(field, message)| ((*field).to_owned(), message.clone()))
        .collect();
    let by_link = attempt.token.is_some();
    let staff_email = attempt.staff_email.clone();
    let for_staff = staff_email.is_some();
    let invitation_error = code_error.map(t);

    view! {
        <ErrorSummary errors=summary />
        <h1>{t("join-heading")}</h1>
        {match staff_email.clone() {
            Some(email) => {
                view! {
                    <p>{t("join-staff-intro")}</p>
                    <p>
                        {t("join-staff-sign-in-name")} " " <strong dir="ltr">{email}</strong>
                    </p>
                }
                    .into_any()
            }
            None => view! { <p>{t("join-intro")}</p> }.into_any(),
        }}
        {(by_link && invitation_error.is_some())
            .then(|| view! { <p class="error-message">{invitation_error.clone()}</p> })}
        <form method="post" action=crate::accounts::paths::JOIN class="form" novalidate>
            {attempt
                .token
                .clone()
                .map(|token| view! { <input type="hidden" name="token" value=token /> })}
            {(!by_link)
                .then(|| {
                    view! {
                        <Field
                            id="code"
                            label=t("join-code-label")
                            hint=t("join-code-hint")
                            error=invitation_error.clone()
                        >
                            <input
                                id="code"
                                name="code"
                                type="text"
                                autocomplete="one-time-code"
                                autocapitalize="characters"
                                spellcheck="false"
                                class="input-code"
                                value=attempt.code.clone()
                                aria-describedby="code-hint"
                            />
                        </Field>
                    }
                })}
            {(!for_staff).then(|| view! {
            <Field
                id="sign-in-name"
                label=t("join-name-label")
                hint=t("join-name-hint")
                error=attempt.name_error.map(t)
            >
                <input
                    id="sign-in-name"
                    name="sign_in_name"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    value=attempt.sign_in_name.clone()
                    aria-describedby="sign-in-name-hint"
                />
            </Field>
            })}
            <Field
                id="passphrase"
                label=t("join-passphrase-label")
                hint=t("join-passphrase-hint")
                error=attempt.passphrase_error.map(t)
            >
                <input
                    id="passphrase"
                    name="passphrase"
                    type="password"
                    autocomplete="new-password"
                    aria-describedby="passphrase-hint"
                />
            </Field>
            <button type="submit" class="button">{t("join-button")}</button>
        </form>
    }
}

/// A labelled form field with its hint and, when there is one, its error.
#[component]
fn Field(
    id: &'static str,
    label: String,
    hint: String,
    error: Option<String>,
    children: Children,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{hint}</p>
            <ErrorMessage field=id message=error />
            {children()}
        </div>
    }
}

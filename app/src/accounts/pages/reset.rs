//! A forgotten passphrase, for a child who gave MySay their email
//! address: ask for a link by sign-in name, then choose a new passphrase
//! from the link. The same answer whether or not the name exists.

use leptos::prelude::*;

use crate::{
    accounts::{ForgottenSent, ResetAttempt},
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
};

/// `/forgotten`: ask for a link.
#[component]
pub fn Forgotten() -> impl IntoView {
    set_form_title("forgotten-page-title", false);
    let sent = use_context::<ForgottenSent>().is_some();
    view! {
        {sent.then(|| view! { <div class="notice" role="status"><p>{t("forgotten-sent")}</p></div> })}
        <h1>{t("forgotten-heading")}</h1>
        <p>{t("forgotten-body")}</p>
        <form method="post" action=crate::accounts::paths::FORGOTTEN class="form" novalidate>
            <div class="field">
                <label for="sign-in-name">{t("sign-in-name-label")}</label>
                <input
                    id="sign-in-name"
                    name="sign_in_name"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                />
            </div>
            <button type="submit" class="button">{t("forgotten-button")}</button>
        </form>
        <p><a href=crate::paths::SIGN_IN>{t("landing-sign-in")}</a></p>
    }
}

/// `/reset/{token}` (rendered by its handlers): choose a new passphrase.
#[component]
pub fn ResetPassphrase() -> impl IntoView {
    let Some(attempt) = use_context::<ResetAttempt>() else {
        return view! { <crate::not_found::NotFound /> }.into_any();
    };
    set_form_title("reset-page-title", attempt.error.is_some());
    if !attempt.valid {
        return view! {
            <h1>{t("reset-heading")}</h1>
            <p>{t("reset-not-valid")}</p>
            <p><a href=crate::accounts::paths::FORGOTTEN>{t("sign-in-forgot-link")}</a></p>
        }
        .into_any();
    }
    let error = attempt.error.map(t);
    let summary: Vec<(String, String)> = error
        .iter()
        .map(|message| ("passphrase".to_owned(), message.clone()))
        .collect();
    let described = if error.is_some() {
        "passphrase-hint passphrase-error"
    } else {
        "passphrase-hint"
    };
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("reset-heading")}</h1>
        <form method="post" action=crate::accounts::paths::reset(&attempt.token) class="form" novalidate>
            <div class="field" class:field-error=error.is_some()>
                <label for="passphrase">{t("reset-label")}</label>
                <p class="hint" id="passphrase-hint">{t("join-passphrase-hint")}</p>
                <ErrorMessage field="passphrase" message=error.clone() />
                <input
                    id="passphrase"
                    name="passphrase"
                    type="password"
                    autocomplete="new-password"
                    aria-describedby=described
                    aria-invalid=error.is_some().then_some("true")
                />
            </div>
            <button type="submit" class="button">{t("reset-button")}</button>
        </form>
    }
    .into_any()
}

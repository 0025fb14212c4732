//! Signing in: one form for everyone, with a plain POST that works without
//! JavaScript. A failure shows the GOV.UK error summary and keeps the name.

use leptos::prelude::*;

use crate::{
    accounts::SignInAttempt,
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn SignIn() -> impl IntoView {
    let attempt = use_context::<SignInAttempt>().unwrap_or_default();
    set_form_title("sign-in-page-title", attempt.error.is_some());
    let error = attempt.error.map(t);
    let has_error = error.is_some();
    let summary = error
        .iter()
        .map(|message| ("sign-in-name".to_owned(), message.clone()))
        .collect();
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("sign-in-heading")}</h1>
        <form method="post" action=crate::paths::SIGN_IN class="form" novalidate>
            <div class="field" class:field-error=has_error>
                <label for="sign-in-name">{t("sign-in-name-label")}</label>
                <p class="hint" id="sign-in-name-hint">{t("sign-in-name-hint")}</p>
                <ErrorMessage field="sign-in-name" message=error.clone() />
                <input
                    id="sign-in-name"
                    name="sign_in_name"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    value=attempt.sign_in_name
                    aria-describedby=if has_error {
                        "sign-in-name-hint sign-in-name-error"
                    } else {
                        "sign-in-name-hint"
                    }
                    aria-invalid=has_error.then_some("true")
                />
            </div>
            <div class="field">
                <label for="passphrase">{t("sign-in-passphrase-label")}</label>
                <input
                    id="passphrase"
                    name="passphrase"
                    type="password"
                    autocomplete="current-password"
                />
            </div>
            <button type="submit" class="button">{t("sign-in-button")}</button>
        </form>
        <h2>{t("sign-in-forgot-heading")}</h2>
        <p>{t("sign-in-forgot-body")}</p>
        <p><a href=crate::accounts::paths::FORGOTTEN>{t("sign-in-forgot-link")}</a></p>
    }
}

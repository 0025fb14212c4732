//! Changing one's own passphrase. Every other session of the person ends;
//! this one carries on.

use leptos::prelude::*;

use crate::{
    accounts::PassphraseChange,
    forms::{ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
};

#[component]
pub fn ChangePassphrase() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let state = use_context::<PassphraseChange>().unwrap_or_default();
    let current_error = state.current_error.map(t);
    let new_error = state.new_error.map(t);
    set_form_title(
        "passphrase-change-page-title",
        current_error.is_some() || new_error.is_some(),
    );
    if state.done {
        return view! {
            <h1>{t("passphrase-change-done-heading")}</h1>
            <p>{t("passphrase-change-done-body")}</p>
            <p>
                <a href=crate::paths::HOME>{t("invitation-back")}</a>
            </p>
        }
        .into_any();
    }
    let summary: Vec<(String, String)> = [
        current_error.clone().map(|m| ("current".to_owned(), m)),
        new_error.clone().map(|m| ("new".to_owned(), m)),
    ]
    .into_iter()
    .flatten()
    .collect();
    view! {
        <ErrorSummary errors=summary />
        <h1>{t("passphrase-change-heading")}</h1>
        <p>{t("passphrase-change-intro")}</p>
        <form method="post" action=crate::accounts::paths::PASSPHRASE class="form" novalidate>
            <div class="field" class:field-error=current_error.is_some()>
                <label for="current">{t("passphrase-change-current")}</label>
                <ErrorMessage field="current" message=current_error.clone() />
                <input id="current" name="current" type="password" autocomplete="current-password" />
            </div>
            <div class="field" class:field-error=new_error.is_some()>
                <label for="new">{t("passphrase-change-new")}</label>
                <p class="hint">{t("join-passphrase-hint")}</p>
                <ErrorMessage field="new" message=new_error.clone() />
                <input id="new" name="new" type="password" autocomplete="new-password" />
            </div>
            <button type="submit" class="button">{t("passphrase-change-button")}</button>
        </form>
    }
    .into_any()
}

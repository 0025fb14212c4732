//! The first time a child signs in: before anything else, how to leave
//! MySay quickly if someone comes near (the GOV.UK "Exit this page"
//! interruption pattern). Shown once; "Continue" records that they saw it.

use leptos::prelude::*;

use crate::{i18n::t, title::set_page_title};

#[component]
pub fn BeforeYouStart() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("before-page-title"));
    view! {
        <div class="interruption">
            <h1>{t("before-heading")}</h1>
            <p>{t("before-exit-button")}</p>
            <p>{t("before-exit-shift")}</p>
            <p>{t("before-exit-where")}</p>
            <p><a href=crate::paths::STAYING_SAFE>{t("before-staying-safe")}</a></p>
            <form method="post" action=crate::paths::BEFORE_YOU_START>
                <button type="submit" class="button">{t("before-continue")}</button>
            </form>
        </div>
    }
    .into_any()
}

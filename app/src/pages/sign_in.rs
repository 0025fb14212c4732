//! Signing in. Accounts arrive with the accounts work; until then this page
//! tells a child plainly how to get in touch instead of showing a form that
//! cannot work.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn SignIn() -> impl IntoView {
    crate::layout::set_page_title(t("sign-in-page-title"));
    view! {
        <h1>{t("sign-in-heading")}</h1>
        <p>{t("sign-in-not-yet")}</p>
        <p>
            <a href="/help">{t("footer-help-now")}</a>
        </p>
    }
}

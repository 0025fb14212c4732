//! The page for an address MySay does not have.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    crate::title::set_page_title(t("not-found-page-title"));
    view! {
        <h1>{t("not-found-heading")}</h1>
        <p>{t("not-found-body")}</p>
        <p>
            <a href="/">{t("not-found-home")}</a>
        </p>
    }
}

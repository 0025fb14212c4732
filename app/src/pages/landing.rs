//! The front door: what MySay is, told to a child, and the way in.

use leptos::prelude::*;

use crate::{i18n::t, site::SiteInfo};

#[component]
pub fn Landing() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    crate::title::set_page_title(t("landing-page-title"));
    view! {
        <h1>{t("landing-heading")}</h1>
        <p class="lead">{t("landing-intro")}</p>
        <h2>{t("landing-what-heading")}</h2>
        <ul class="what-you-can-do">
            <li>{t("landing-can-views")}</li>
            <li>{t("landing-can-advocate")}</li>
            <li>{t("landing-can-letters")}</li>
            <li>{t("landing-can-help")}</li>
        </ul>
        <p>{t("landing-private")}</p>
        <p class="button-group">
            <a class="button" href=crate::paths::SIGN_IN>{t("landing-sign-in")}</a>
            <a class="button button-secondary" href=crate::accounts::paths::JOIN>{t("landing-join")}</a>
        </p>
        <details class="explain">
            <summary>{t("landing-iro-question")}</summary>
            <p>{t("landing-iro-answer")}</p>
        </details>
        <p class="small">
            {crate::i18n::t_args("landing-run-by", &[("authority", site.authority_name)])}
        </p>
    }
}

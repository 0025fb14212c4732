//! "Staying safe online": how to leave MySay quickly and leave no trace on
//! a shared or watched phone, in plain words.

use leptos::prelude::*;

use crate::{
    i18n::{t, t_args},
    site::SiteInfo,
};

#[component]
pub fn StayingSafe() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    crate::title::set_page_title(t("safe-page-title"));
    view! {
        <h1>{t("safe-heading")}</h1>
        <h2>{t("safe-exit-heading")}</h2>
        <p>{t("safe-exit-button")}</p>
        <p>{t("safe-exit-shift")}</p>
        <h2>{t("safe-private-heading")}</h2>
        <p>{t("safe-private")}</p>
        <h2>{t("safe-history-heading")}</h2>
        <p>{t("safe-history")}</p>
        <h2>{t("safe-worried-heading")}</h2>
        <p>
            {t_args("safe-worried", &[("number", site.childline_phone.display.clone())])}
            " "
            <a href=crate::paths::HELP>{t("footer-help-now")}</a>
        </p>
    }
}

//! Privacy, in plain words, for a child.

use leptos::prelude::*;

use crate::{i18n::t, i18n::t_args, site::SiteInfo};

#[component]
pub fn Privacy() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    crate::title::set_page_title(t("privacy-page-title"));
    view! {
        <h1>{t("privacy-heading")}</h1>
        <p>{t_args("privacy-who", &[("authority", site.authority_name)])}</p>
        <p>{t("privacy-default")}</p>
        <p>{t("privacy-drafts")}</p>
        <p>{t("privacy-managers")}</p>
        <p>{t("privacy-advocacy")}</p>
        <p>{t("privacy-counted")}</p>
        <p>{t("privacy-words")}</p>
        <p>{t("privacy-speakerbox")}</p>
        <p>{t("privacy-escalations")}</p>
        <p>{t("privacy-readings")}</p>
        <p>{t("privacy-no-tracking")}</p>
        <p>{t("privacy-your-rights")}</p>
    }
}

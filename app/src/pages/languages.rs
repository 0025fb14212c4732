//! `/languages`: every language the service offers, each in its own name. The header
//! links here from every page (with JavaScript the same list opens in
//! place), so a page carries one language link, not seven.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    i18n::{Locale, t, use_locale},
    layout::encode_path,
    title::set_page_title,
};

#[component]
pub fn Languages() -> impl IntoView {
    set_page_title(t("languages-page-title"));
    let current = use_locale();
    // Where to go back to; the server checks it is one of MySay's own
    // pages when the language is chosen.
    let next = use_query_map()
        .get_untracked()
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/".to_owned());
    view! {
        <h1>{t("languages-heading")}</h1>
        <ul class="language-choices">
            {use_context::<crate::site::SiteInfo>()
                .unwrap_or_default()
                .offered()
                .into_iter()
                .map(|locale: Locale| {
                    view! {
                        <li>
                            <a href=crate::paths::language(locale.code(), &encode_path(&next))
                                rel="external" lang=locale.code() hreflang=locale.code()
                                dir=locale.direction().as_str()
                                aria-current=(locale == current).then_some("true")>
                                {locale.native_name()}
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p><a href=next.clone()>{t("languages-back")}</a></p>
    }
}

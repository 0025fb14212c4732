//! Help now: who to call, straight away, signed in or not.

use leptos::prelude::*;

use crate::{i18n::t, site::Helplines};

#[component]
pub fn HelpNow() -> impl IntoView {
    crate::title::set_page_title(t("help-page-title"));
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .is_some();
    view! {
        {saved
            .then(|| {
                view! {
                    <div class="notice" role="status">
                        <p>{t("help-after-consultation")}</p>
                        <p><a href=crate::consultations::paths::OVERVIEW>{t("help-back-to-consultation")}</a></p>
                    </div>
                }
            })}
        <h1>{t("help-heading")}</h1>
        <Helplines />
    }
}

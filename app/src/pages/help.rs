//! Help now: who to call, straight away, signed in or not.

use leptos::prelude::*;

use crate::{
    i18n::{t, t_args},
    site::{PhoneNumber, SiteInfo},
};

#[component]
pub fn HelpNow() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let emergency = PhoneNumber::new("999");
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
        <ul class="helplines">
            <Helpline label=t("help-danger") phone=emergency />
            <Helpline label=t("help-childline") phone=site.childline_phone.clone() />
            <Helpline
                label=t_args("help-advocacy", &[("provider", site.advocacy_name.clone())])
                phone=site.advocacy_phone.clone()
            />
            <Helpline label=t("help-out-of-hours") phone=site.out_of_hours_phone.clone() />
        </ul>
    }
}

#[component]
fn Helpline(label: String, phone: PhoneNumber) -> impl IntoView {
    view! {
        <li>
            <span class="helpline-label">{label}</span>
            " "
            <a class="helpline-number" href=phone.tel_href() dir="ltr">
                {phone.display.clone()}
            </a>
        </li>
    }
}

//! A new invitation, to print for the child's carer or read out: the link,
//! the short code, and until when they work. Shown once: MySay keeps only
//! a hash of each.

use leptos::prelude::*;

use crate::{
    accounts::InvitationSlip,
    dates::long_date,
    i18n::{t, t_args},
    title::set_page_title,
};

#[component]
pub fn Invitation() -> impl IntoView {
    set_page_title(t("invitation-page-title"));
    let Some(slip) = use_context::<InvitationSlip>() else {
        return view! { <crate::not_found::NotFound /> }.into_any();
    };
    view! {
        <div class="slip">
            <h1>{t_args("invitation-heading", &[("name", slip.child_name.clone())])}</h1>
            <p>{t("invitation-how")}</p>
            <h2>{t("invitation-code-heading")}</h2>
            <p class="code" dir="ltr">{slip.code.clone()}</p>
            <p>{t("invitation-code-where")}</p>
            <h2>{t("invitation-link-heading")}</h2>
            <p class="link" dir="ltr">
                <a href=slip.link.clone()>{slip.link.clone()}</a>
            </p>
            <p>
                <strong>{t_args("invitation-expires", &[("date", long_date(&slip.expires_on))])}</strong>
            </p>
            <p>{t("invitation-once")}</p>
            {slip.emailed.then(|| view! { <p class="no-print">{t("invitation-emailed")}</p> })}
        </div>
        <p class="no-print">
            <a href=crate::paths::HOME>{t("invitation-back")}</a>
        </p>
    }
    .into_any()
}

/// Makes a new invitation for a child (a new passphrase, for a child who
/// already has an account).
#[component]
pub fn InviteButton(id: i64, name: String, has_account: bool) -> impl IntoView {
    let label = if has_account {
        t_args("home-invite-again", &[("name", name)])
    } else {
        t_args("home-invite", &[("name", name)])
    };
    view! {
        <form method="post" action=crate::accounts::paths::invite(id) class="inline-form">
            <button type="submit" class="button button-secondary button-small">{label}</button>
        </form>
    }
}

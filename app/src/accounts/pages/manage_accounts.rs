//! A manager's list of accounts: disable or re-enable one (a disabled
//! account's sessions end at once), and unlock one locked by failed
//! sign-ins.

use leptos::prelude::*;

use crate::{
    accounts::{AccountRow, load_accounts},
    i18n::t,
    title::set_page_title,
};

#[component]
pub fn ManageAccounts() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("manage-accounts-page-title"));
    crate::layout::with_loaded(load_accounts, |rows| view! { <AccountsTable rows /> })
}

#[component]
fn AccountsTable(rows: Vec<AccountRow>) -> impl IntoView {
    let invited = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("invited")
        .is_some();
    view! {
        {invited
            .then(|| {
                view! {
                    <div class="notice" role="status">
                        <p>{t("manage-accounts-invitation-sent")}</p>
                    </div>
                }
            })}
        <h1>{t("manage-accounts-heading")}</h1>
        <p>
            <a href=crate::accounts::paths::NEW_STAFF>{t("new-staff-link")}</a>
        </p>
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{t("home-child-name")}</th>
                    <th scope="col">{t("manage-accounts-role")}</th>
                    <th scope="col">{t("manage-accounts-status")}</th>
                    <th scope="col">{t("manage-accounts-actions")}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let status = if row.disabled {
                            t("manage-accounts-disabled")
                        } else if row.invited {
                            t("manage-accounts-invited")
                        } else if row.locked {
                            t("manage-accounts-locked")
                        } else {
                            t("manage-accounts-active")
                        };
                        let (action, label) = if row.disabled {
                            ("enable", t("manage-accounts-enable"))
                        } else {
                            ("disable", t("manage-accounts-disable"))
                        };
                        let name = row.display_name.clone();
                        view! {
                            <tr>
                                <td>{row.display_name.clone()}</td>
                                <td>{t(row.role.label_key())}</td>
                                <td>{status}</td>
                                <td class="actions">
                                    <form method="post" action=crate::accounts::paths::account_action(row.id, action) class="inline-form">
                                        <button type="submit" class="button button-secondary button-small">
                                            {label}
                                            <span class="visually-hidden">" " {name.clone()}</span>
                                        </button>
                                    </form>
                                    {(row.role.is_staff() && !row.disabled)
                                        .then(|| {
                                            view! {
                                                <form method="post" action=crate::accounts::paths::account_action(row.id, "invite") class="inline-form">
                                                    <button type="submit" class="button button-secondary button-small">
                                                        {t("manage-accounts-invite")}
                                                        <span class="visually-hidden">" " {name.clone()}</span>
                                                    </button>
                                                </form>
                                            }
                                        })}
                                    {row
                                        .locked
                                        .then(|| {
                                            view! {
                                                <form method="post" action=crate::accounts::paths::account_action(row.id, "unlock") class="inline-form">
                                                    <button type="submit" class="button button-secondary button-small">
                                                        {t("manage-accounts-unlock")}
                                                        <span class="visually-hidden">" " {name.clone()}</span>
                                                    </button>
                                                </form>
                                            }
                                        })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

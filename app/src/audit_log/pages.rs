//! `/audit`: the audit log for managers, a plain GET form of filters (so
//! it works without JavaScript), newest first, fifty to a page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{AuditAsked, AuditPage, Entry, load_audit_page, paths};
use crate::{
    forms::ErrorSummary,
    i18n::{t, t_args},
    layout::with_loaded,
};

fn asked_from_query() -> AuditAsked {
    let query = use_query_map().read_untracked();
    let get = |name: &str| query.get(name).unwrap_or_default();
    AuditAsked {
        staff: get("staff"),
        child: get("child"),
        kind: get("kind"),
        from: get("from"),
        to: get("to"),
        page: get("page"),
    }
}

/// An action as words: `child_page_viewed` is "child page viewed".
pub fn action_words(action: &str) -> String {
    action.replace('_', " ")
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    crate::title::set_page_title(t("audit-title"));
    let asked = asked_from_query();
    with_loaded(
        move || load_audit_page(asked),
        move |page: AuditPage| view! { <AuditView page /> },
    )
}

fn select(
    id: &'static str,
    label: String,
    chosen: String,
    options: Vec<(String, String)>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="" selected=chosen.is_empty()>{t("audit-any")}</option>
                {options
                    .into_iter()
                    .map(|(value, words)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{words}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
    .into_any()
}

fn date_box(id: &'static str, label: String, value: String) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=format!("{id}-hint")>{t("audit-date-hint")}</p>
            <input id=id name=id type="text" inputmode="numeric" class="input-width-10" value=value
                aria-describedby=format!("{id}-hint") />
        </div>
    }
    .into_any()
}

fn row(entry: Entry) -> AnyView {
    let who = match (&entry.who, entry.role) {
        (Some(name), Some(role)) => format!("{name} ({})", t(role.label_key())),
        (Some(name), None) => name.clone(),
        _ => t("audit-nobody"),
    };
    view! {
        <tr>
            <td>{entry.at.clone()}</td>
            <td>{who}</td>
            <td>{action_words(&entry.action)}</td>
            <td>
                {entry.child.clone().map(|name| view! { <strong>{name}</strong> " " })}
                {entry.subject.clone().map(|s| view! { <code>{s}</code> })}
                {entry.detail.clone().map(|d| view! { <br /><span class="hint">{d}</span> })}
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn AuditView(page: AuditPage) -> impl IntoView {
    let asked = page.asked.clone();
    let problems = crate::forms::summary_of(&page.problems);
    let filters = view! {
        <form method="get" action=paths::LOG class="form">
            {select("staff", t("audit-staff"), asked.staff.clone(),
                page.staff.iter().map(|(id, name)| (id.to_string(), name.clone())).collect())}
            {select("child", t("audit-child"), asked.child.clone(),
                page.children.iter().map(|(id, name)| (id.to_string(), name.clone())).collect())}
            {select("kind", t("audit-kind"), asked.kind.clone(),
                page.kinds.iter().map(|k| (k.clone(), action_words(k))).collect())}
            {date_box("from", t("audit-from"), asked.from.clone())}
            {date_box("to", t("audit-to"), asked.to.clone())}
            <button type="submit" class="button button-secondary">{t("audit-filter")}</button>
        </form>
    }
    .into_any();
    let query = asked.query();
    let sep = if query.is_empty() { "" } else { "&" };
    let csv = if query.is_empty() {
        paths::CSV.to_owned()
    } else {
        format!("{}?{query}", paths::CSV)
    };
    let newer =
        (page.page > 1).then(|| format!("{}?{query}{sep}page={}", paths::LOG, page.page - 1));
    let older = page
        .more
        .then(|| format!("{}?{query}{sep}page={}", paths::LOG, page.page + 1));
    let table = if page.entries.is_empty() {
        view! { <p>{t("audit-none")}</p> }.into_any()
    } else {
        view! {
            <table class="table table-dense" id="audit">
                <caption>{t_args("audit-caption", &[("page", page.page.to_string())])}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("audit-when")}</th>
                        <th scope="col">{t("audit-who")}</th>
                        <th scope="col">{t("audit-what")}</th>
                        <th scope="col">{t("audit-about")}</th>
                    </tr>
                </thead>
                <tbody>{page.entries.into_iter().map(row).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <ErrorSummary errors=problems />
        <h1>{t("audit-title")}</h1>
        <p>{t("audit-intro")}</p>
        {filters}
        <p><a href=csv download="">{t("audit-csv")}</a></p>
        {table}
        <nav class="pager" aria-label=t("audit-pages")>
            {newer.map(|href| view! { <a href=href rel="prev">{t("audit-newer")}</a> " " })}
            {older.map(|href| view! { <a href=href rel="next">{t("audit-older")}</a> })}
        </nav>
    }
}

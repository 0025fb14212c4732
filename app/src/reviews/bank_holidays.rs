//! A manager's list of the bank holidays MySay leaves out of working days,
//! and a form to add one (the next year's, or a one-off).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    character_count::CharacterLimit,
    dates::long_date,
    forms::{DateInput, ErrorMessage, ErrorSummary, set_form_title},
    i18n::t,
    reviews::{BankHoliday, BankHolidayForm, load_bank_holidays},
};

#[component]
pub fn BankHolidays() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<BankHolidayForm>().unwrap_or_default();
    set_form_title("bank-holidays-page-title", !sent.errors.is_empty());
    let added = use_query_map().read_untracked().get("added").is_some();
    crate::layout::with_loaded(load_bank_holidays, move |holidays| {
        view! { <HolidaysView holidays sent added /> }
    })
}

#[component]
fn HolidaysView(holidays: Vec<BankHoliday>, sent: BankHolidayForm, added: bool) -> impl IntoView {
    let error_for = |field: &str| {
        sent.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, key)| t(key))
    };
    let summary: Vec<(String, String)> = sent
        .errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect();
    let (date_error, name_error) = (error_for("date"), error_for("name"));
    let form = view! {
        <h2>{t("bank-holidays-add-heading")}</h2>
        <form method="post" action=super::paths::BANK_HOLIDAYS class="form" novalidate>
            <DateInput id="date" legend=t("bank-holidays-date") hint=t("date-hint-future")
                value=sent.date.clone() error=date_error.clone() />
            <div class="field" class:field-error=name_error.is_some()>
                <label for="name">{t("bank-holidays-name")}</label>
                <ErrorMessage field="name" message=name_error.clone() />
                <input id="name" name="name" type="text" value=sent.name.clone()
                    aria-describedby=if name_error.is_some() { "name-error name-limit" } else { "name-limit" } />
                <CharacterLimit field="name" limit=80 />
            </div>
            <button type="submit" class="button">{t("bank-holidays-button")}</button>
        </form>
    }
    .into_any();
    let table = view! {
        <table class="table">
            <thead>
                <tr>
                    <th scope="col">{t("bank-holidays-date")}</th>
                    <th scope="col">{t("bank-holidays-name")}</th>
                </tr>
            </thead>
            <tbody>
                {holidays
                    .into_iter()
                    .map(|h| {
                        view! {
                            <tr>
                                <td>{long_date(&h.date)}</td>
                                <td>
                                    {h.name.clone()}
                                    {h.added.then(|| view! { " " <span class="tag">{t("bank-holidays-added-tag")}</span> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any();
    view! {
        {added.then(|| view! { <div class="notice" role="status"><p>{t("bank-holidays-added")}</p></div> })}
        <ErrorSummary errors=summary />
        <h1>{t("bank-holidays-heading")}</h1>
        <p>{t("bank-holidays-intro")}</p>
        {form}
        <h2>{t("bank-holidays-list-heading")}</h2>
        {table}
    }
}

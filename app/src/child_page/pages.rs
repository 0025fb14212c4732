//! A child's page for their IRO (or a manager): the child's reviews with
//! their due dates, whether each was held in time and how the child took
//! part; forms to schedule the next review and to record it as held, and
//! the IRO's contacts with the child between reviews. Once the child has
//! ceased to be looked after, only a manager sees the forms.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    child_page::{ChildPage as PageData, load_child_page},
    dates::long_date,
    forms::{DateInput, ErrorMessage, ErrorSummary, error_in, set_form_title},
    i18n::{t, t_args},
    reviews::{
        CONTACT_KINDS, CONTACT_NOTE_LIMIT, ContactForm, IroContact, PARTICIPATION_CODES, ReviewForm,
    },
    schedule::ReviewRow,
};

#[component]
pub fn ChildPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let child_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(-1);
    let query = use_query_map().read_untracked();
    let notice = if query.get("scheduled").is_some() {
        Some("review-scheduled-notice")
    } else if query.get("recorded").is_some() {
        Some("review-recorded-notice")
    } else if query.get("contact").is_some() {
        Some("contact-recorded-notice")
    } else {
        None
    };
    let sent = use_context::<ReviewForm>().unwrap_or_default();
    let contact = use_context::<ContactForm>().unwrap_or_default();
    set_form_title(
        "child-page-title",
        !sent.errors.is_empty() || !contact.errors.is_empty(),
    );
    crate::layout::with_loaded(
        move || load_child_page(child_id),
        move |data| view! { <ChildView data sent contact notice /> },
    )
}

fn date_or(date: Option<&String>, key: &str) -> String {
    date.map(|d| long_date(d)).unwrap_or_else(|| t(key))
}

#[component]
fn ChildView(
    data: PageData,
    sent: ReviewForm,
    contact: ContactForm,
    notice: Option<&'static str>,
) -> impl IntoView {
    let summary =
        crate::forms::summary_of(&[sent.errors.as_slice(), contact.errors.as_slice()].concat());
    let read_only = data.read_only;
    let ceased = data.ceased_on.clone().map(|on| {
        view! {
            <div class="notice" id="read-only">
                <p>{t_args("child-ceased-notice", &[("date", long_date(&on))])}</p>
                {read_only.then(|| view! { <p>{t("child-read-only")}</p> })}
            </div>
        }
    });
    let next = data.next.clone();
    let due_flag = data.next_due.label_key().map(t);
    let parts: Vec<AnyView> = vec![
        view! {
            {notice.map(|key| view! { <div class="notice" role="status"><p>{t(key)}</p></div> })}
            <ErrorSummary errors=summary />
            <h1>{data.name.clone()}</h1>
            {ceased}
            <dl class="summary-list">
                <div>
                    <dt>{t("child-age")}</dt>
                    <dd>{data.age.to_string()}</dd>
                </div>
                <div>
                    <dt>{t("child-came-into-care")}</dt>
                    <dd>{long_date(&data.came_into_care_on)}</dd>
                </div>
                <div>
                    <dt>{t("home-your-iro")}</dt>
                    <dd>{data.iro_name.clone().unwrap_or_else(|| t("home-no-iro"))}</dd>
                </div>
            </dl>
            <h2>{t_args("review-next-heading", &[("kind", t(next.kind_key()))])}</h2>
            <dl class="summary-list">
                <div>
                    <dt>{t("review-due")}</dt>
                    <dd>
                        {date_or(next.due_on.as_ref(), "review-due-unknown")}
                        {due_flag.map(|flag| view! { " " <strong class="tag tag-warning">{flag}</strong> })}
                    </dd>
                </div>
                <div>
                    <dt>{t("review-scheduled")}</dt>
                    <dd>
                        {match (&next.scheduled_on, &next.scheduled_time) {
                            (Some(day), Some(time)) => t_args("review-scheduled-at", &[("date", long_date(day)), ("time", time.clone())]),
                            _ => t("review-not-scheduled"),
                        }}
                    </dd>
                </div>
            </dl>
            <p><a href=crate::consultations::paths::summary(data.id)>{t("child-read-views")}</a></p>
            {data.audit_link.then(|| view! { <p><a href=crate::audit_log::paths::of_child(data.id)>{t("child-audit-link")}</a></p> })}
            {(!read_only).then(|| view! { <crate::accounts::pages::InviteButton id=data.id name=data.name.clone() has_account=data.has_account /> }.into_any())}
            {data.calendar_last_year.filter(|year| next.due_on.as_deref().is_some_and(|d| d[..4].parse::<i32>().is_ok_and(|y| y > *year)))
                .map(|year| view! { <p class="hint">{t_args("review-calendar-ends", &[("year", year.to_string())])}</p> })}
        }
        .into_any(),
        if read_only {
            ().into_any()
        } else {
            view! { <ScheduleForm id=data.id sent=sent.clone() next=next.clone() /> }.into_any()
        },
        if read_only {
            ().into_any()
        } else {
            view! { <HeldForm id=data.id sent=sent.clone() suggested=data.suggested_code.clone() /> }.into_any()
        },
        view! { <History held=data.held.clone() /> }.into_any(),
        view! { <Contacts id=data.id contacts=data.contacts.clone() sent=contact read_only /> }.into_any(),
        view! { <crate::escalations::pages::History child_id=data.id escalations=data.escalations.clone() may_raise=!read_only /> }.into_any(),
        view! { <Letters id=data.id letters=data.letters.clone() can_write=data.can_write_letter /> }.into_any(),
        view! { <Advocacy requests=data.advocacy.clone() /> }.into_any(),
    ];
    parts
}

fn error_for(form: &ReviewForm, field: &str) -> Option<String> {
    error_in(&form.errors, field)
}

fn described(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        hint.then(|| format!("{id}-hint")),
        error.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
fn ScheduleForm(id: i64, sent: ReviewForm, next: ReviewRow) -> impl IntoView {
    let day_error = error_for(&sent, "scheduled_on");
    let time_error = error_for(&sent, "scheduled_time");
    // After a problem with this form, exactly what was sent (even empty
    // boxes); otherwise the review as scheduled.
    let sent_here = sent.errors.iter().any(|(f, _)| f.starts_with("scheduled"));
    let day = if sent_here {
        sent.scheduled_on.clone()
    } else {
        next.scheduled_on.clone().unwrap_or_default()
    };
    let time = if sent_here {
        sent.scheduled_time.clone()
    } else {
        next.scheduled_time.clone().unwrap_or_default()
    };
    view! {
        <h2>{t("review-schedule-heading")}</h2>
        <form method="post" action=crate::reviews::paths::schedule(id) class="form" novalidate>
            <DateInput id="scheduled_on" legend=t("review-schedule-date") hint=t("date-hint-future")
                value=day error=day_error.clone() />
            <div class="field" class:field-error=time_error.is_some()>
                <label for="scheduled_time">{t("review-schedule-time")}</label>
                <p class="hint" id="scheduled_time-hint">{t("review-schedule-time-hint")}</p>
                <ErrorMessage field="scheduled_time" message=time_error.clone() />
                <input id="scheduled_time" name="scheduled_time" type="time" value=time
                    aria-describedby=described("scheduled_time", true, time_error.is_some()) />
            </div>
            <button type="submit" class="button button-secondary">{t("review-schedule-button")}</button>
        </form>
    }
}

#[component]
fn HeldForm(id: i64, sent: ReviewForm, suggested: Option<String>) -> impl IntoView {
    let held_error = error_for(&sent, "held_on");
    let attended_error = error_for(&sent, "attended");
    let code_error = error_for(&sent, "code");
    let chosen = if sent.code.is_empty() {
        suggested.clone().unwrap_or_default()
    } else {
        sent.code.clone()
    };
    view! {
        <h2>{t("review-held-heading")}</h2>
        <form method="post" action=crate::reviews::paths::held(id) class="form" novalidate>
            <DateInput id="held_on" legend=t("review-held-date") hint=t("new-child-date-hint")
                value=sent.held_on.clone() error=held_error.clone() />
            <fieldset class="field" class:field-error=attended_error.is_some() id="attended">
                <legend>{t("review-attended")}</legend>
                <ErrorMessage field="attended" message=attended_error.clone() />
                <div class="radios">
                    <label>
                        <input type="radio" name="attended" value="yes" checked=sent.attended == "yes" />
                        " " {t("answer-yes")}
                    </label>
                    <label>
                        <input type="radio" name="attended" value="no" checked=sent.attended == "no" />
                        " " {t("answer-no")}
                    </label>
                </div>
            </fieldset>
            <fieldset class="field" class:field-error=code_error.is_some() id="code">
                <legend>{t("review-code")}</legend>
                <ErrorMessage field="code" message=code_error.clone() />
                <div class="radios">
                    {PARTICIPATION_CODES
                        .iter()
                        .map(|code| {
                            let is_suggested = suggested.as_deref() == Some(*code);
                            view! {
                                <label>
                                    <input type="radio" name="code" value=*code checked=chosen == *code />
                                    " " <strong>{*code}</strong> " " {t(&format!("review-code-{}", code.to_lowercase()))}
                                    {is_suggested.then(|| view! { " " <span class="tag">{t("review-code-suggested")}</span> })}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button">{t("review-held-button")}</button>
        </form>
    }
}

#[component]
fn History(held: Vec<ReviewRow>) -> impl IntoView {
    view! {
        <h2 id="reviews-held">{t("review-history-heading")}</h2>
        {if held.is_empty() {
            view! { <p>{t("review-history-none")}</p> }.into_any()
        } else {
            view! {
                <table class="table" aria-labelledby="reviews-held">
                    <thead>
                        <tr>
                            <th scope="col">{t("review-kind")}</th>
                            <th scope="col">{t("review-due")}</th>
                            <th scope="col">{t("review-held")}</th>
                            <th scope="col">{t("review-code-short")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {held
                            .into_iter()
                            .map(|row| {
                                let late = row.late;
                                view! {
                                    <tr>
                                        <td>{t(row.kind_key())}</td>
                                        <td>{date_or(row.due_on.as_ref(), "review-due-unknown")}</td>
                                        <td>
                                            {date_or(row.held_on.as_ref(), "review-due-unknown")}
                                            {late.then(|| view! { " " <strong class="tag tag-warning">{t("review-late")}</strong> })}
                                        </td>
                                        <td>{row.code.clone().unwrap_or_default()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
    }
}

/// The IRO's contacts with the child between reviews, and the form to
/// record one (not once the record is read-only).
#[component]
fn Contacts(
    id: i64,
    contacts: Vec<IroContact>,
    sent: ContactForm,
    read_only: bool,
) -> impl IntoView {
    view! {
        <h2 id="contacts">{t("contacts-heading")}</h2>
        {if contacts.is_empty() {
            view! { <p>{t("contacts-none")}</p> }.into_any()
        } else {
            view! {
                <table class="table" aria-labelledby="contacts">
                    <thead>
                        <tr>
                            <th scope="col">{t("contacts-date")}</th>
                            <th scope="col">{t("contacts-kind")}</th>
                            <th scope="col">{t("contacts-note")}</th>
                            <th scope="col">{t("contacts-by")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {contacts
                            .into_iter()
                            .map(|c| view! {
                                <tr>
                                    <td>{long_date(&c.on)}</td>
                                    <td>{t(&format!("contact-kind-{}", c.kind))}</td>
                                    <td>{c.note}</td>
                                    <td>{c.recorded_by}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        {(!read_only).then(|| view! { <ContactFormView id sent /> }.into_any())}
    }
}

#[component]
fn ContactFormView(id: i64, sent: ContactForm) -> impl IntoView {
    let date_error = error_in(&sent.errors, "contact_on");
    let kind_error = error_in(&sent.errors, "kind");
    let note_error = error_in(&sent.errors, "note");
    view! {
        <h3>{t("contacts-record-heading")}</h3>
        <form method="post" action=crate::reviews::paths::contacts(id) class="form" novalidate>
            <DateInput id="contact_on" legend=t("contacts-date-legend") hint=t("new-child-date-hint")
                value=sent.contact_on.clone() error=date_error />
            <fieldset class="field" class:field-error=kind_error.is_some() id="kind">
                <legend>{t("contacts-kind")}</legend>
                <ErrorMessage field="kind" message=kind_error.clone() />
                <div class="radios">
                    {CONTACT_KINDS
                        .iter()
                        .map(|kind| view! {
                            <label>
                                <input type="radio" name="kind" value=*kind checked=sent.kind == *kind />
                                " " {t(&format!("contact-kind-{kind}"))}
                            </label>
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <div class="field" class:field-error=note_error.is_some()>
                <label for="note">{t("contacts-note-label")}</label>
                <p class="hint" id="note-hint">{t_args("contacts-note-hint", &[("limit", CONTACT_NOTE_LIMIT.to_string())])}</p>
                <ErrorMessage field="note" message=note_error.clone() />
                <input id="note" name="note" type="text" value=sent.note.clone()
                    aria-describedby=described("note", true, note_error.is_some()) />
            </div>
            <button type="submit" class="button button-secondary">{t("contacts-button")}</button>
        </form>
    }
}

/// The child's requests for an advocate: what for, when, and where each
/// is. Never the advocacy service's notes.
#[component]
fn Advocacy(requests: Vec<crate::advocacy::RequestStatus>) -> impl IntoView {
    view! {
        <h2>{t("child-advocacy-heading")}</h2>
        {if requests.is_empty() {
            view! { <p>{t("child-advocacy-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="topic-list">
                    {requests
                        .into_iter()
                        .map(|r| {
                            let what = r
                                .categories
                                .iter()
                                .map(|c| t(&format!("advocacy-category-{c}")))
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li>
                                    <strong>{what}</strong>
                                    {r.urgent.then(|| view! { " " <span class="tag tag-warning">{t("advocacy-urgent-tag")}</span> })}
                                    <br />
                                    {long_date(&r.sent_on)} ": " {t(r.stage.label_key())}
                                    {r.advocate.clone().map(|name| format!(" ({name})"))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// Letters to the child after their reviews: drafts to finish, sent ones
/// with whether the child has read them, replies waiting for an answer.
#[component]
fn Letters(id: i64, letters: Vec<crate::letters::LetterSummary>, can_write: bool) -> impl IntoView {
    let has_draft = letters.iter().any(|l| l.draft);
    view! {
        <h2 id="letters">{t("child-letters-heading")}</h2>
        {if letters.is_empty() {
            view! { <p>{t("child-letters-none")}</p> }.into_any()
        } else {
            view! {
                <ul class="topic-list">
                    {letters
                        .into_iter()
                        .map(|l| {
                            let (href, title) = match &l.sent_on {
                                Some(on) => (crate::letters::paths::letter(l.id), t_args("letters-letter-of", &[("date", long_date(on))])),
                                None => (crate::letters::paths::edit(l.id), t("child-letter-draft")),
                            };
                            let state = match (&l.sent_on, &l.first_read_on) {
                                (None, _) => String::new(),
                                (Some(_), Some(read)) => t_args("letters-read-on", &[("date", long_date(read))]),
                                (Some(_), None) => t("letters-not-read"),
                            };
                            view! {
                                <li>
                                    <a href=href>{title}</a>
                                    " " <span class="hint">{state}</span>
                                    {(l.waiting_replies > 0).then(|| view! { " " <strong class="tag tag-warning">{t("child-letter-reply-waiting")}</strong> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        {(can_write && !has_draft).then(|| view! {
            <form method="post" action=crate::letters::paths::start(id)>
                <button type="submit" class="button">{t("child-letter-write")}</button>
            </form>
        })}
    }
}

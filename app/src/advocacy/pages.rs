//! Asking for an advocate. The child: their requests and where each is,
//! the request form (one screen, then sent), and one request with its
//! messages. The advocacy service: the inbox and one request to act on.
//! Every form is a plain form, so all of it works without JavaScript.

use leptos::prelude::*;

use super::paths;
use crate::child_words::ChildWords;
use leptos_router::hooks::use_query_map;

use crate::{
    advocacy::{
        CATEGORIES, CONTACT_METHODS, Case, CaseForm, GOOD_TIMES_LIMIT, InboxRow, MyRequest,
        MyRequests, OUTCOMES, RequestForm, RequestStatus, Stage, TEXT_LIMIT, load_case, load_inbox,
        load_my_request, load_my_requests,
    },
    character_count::CharacterLimit,
    dates::long_date,
    forms::{ErrorMessage, ErrorSummary, TextArea, error_in, set_form_title},
    i18n::{t, t_args},
    layout::with_loaded,
    title::set_page_title,
};

fn categories_text(categories: &[String]) -> String {
    categories
        .iter()
        .map(|c| t(&format!("advocacy-category-{c}")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary_of(errors: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect()
}

/// Where a request is, in the child's words (the advocate's first name
/// once there is one).
fn stage_line(status: &RequestStatus) -> String {
    match (&status.stage, &status.advocate) {
        (Stage::Allocated, Some(name)) => {
            t_args("advocacy-stage-allocated-name", &[("name", name.clone())])
        }
        (Stage::Closed, _) if status.outcome.as_deref() == Some("withdrew") => {
            t("advocacy-stage-withdrawn")
        }
        (stage, _) => t(stage.label_key()),
    }
}

/// `/advocacy`: the child's requests and the way to ask.
#[component]
pub fn AdvocacyHome() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("advocacy-page-title"));
    with_loaded(load_my_requests, move |mine: MyRequests| {
        let requests: Vec<AnyView> = mine
            .requests
            .iter()
            .map(|r| {
                view! {
                    <li>
                        <a href=paths::my_request(r.id)>{categories_text(&r.categories)}</a>
                        <br />
                        <span class="hint">
                            {t_args("advocacy-sent-on", &[("date", long_date(&r.sent_on))])} " " {stage_line(r)}
                        </span>
                    </li>
                }
                .into_any()
            })
            .collect();
        view! {
            <h1>{t("advocacy-heading")}</h1>
            <p>{t_args("advocacy-intro", &[("provider", mine.provider.clone())])}</p>
            <p><a href=paths::NEW class="button">{t("advocacy-ask-button")}</a></p>
            {(!requests.is_empty()).then(|| view! {
                <h2>{t("advocacy-your-requests")}</h2>
                <ul class="topic-list">{requests}</ul>
            })}
        }
    })
}

/// `/advocacy/new`: what I want help with, how to reach me, then send.
#[component]
pub fn AskForAdvocate() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<RequestForm>().unwrap_or_default();
    set_form_title("advocacy-page-title", !sent.errors.is_empty());
    with_loaded(load_my_requests, move |mine: MyRequests| {
        view! { <RequestFormView form=sent.clone() mine /> }
    })
}

#[component]
fn RequestFormView(form: RequestForm, mine: MyRequests) -> impl IntoView {
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let iro = mine
        .iro_name
        .clone()
        .unwrap_or_else(|| t("consultation-your-iro"));
    let method = if form.contact_method.is_empty() {
        "phone".to_owned()
    } else {
        form.contact_method.clone()
    };
    let categories = view! {
        <fieldset class="field" class:field-error=err("categories").is_some() id="categories">
            <legend>{t("advocacy-categories-legend")}</legend>
            <p class="hint">{t("advocacy-categories-hint")}</p>
            <ErrorMessage field="categories" message=err("categories") />
            <div class="checkboxes">
                {CATEGORIES
                    .iter()
                    .map(|c| {
                        let checked = form.categories.iter().any(|x| x == c);
                        view! {
                            <label class="checkbox">
                                <input type="checkbox" name="category" value=*c checked=checked />
                                " " {t(&format!("advocacy-category-{c}"))}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
        <TextArea id="something_else" limit=TEXT_LIMIT label=t("advocacy-something-else") value=form.something_else.clone()
            error=err("something_else") />
    }
    .into_any();
    let contact = view! {
        <fieldset class="field" class:field-error=err("contact_method").is_some() id="contact_method">
            <legend>{t("advocacy-contact-legend")}</legend>
            <ErrorMessage field="contact_method" message=err("contact_method") />
            <div class="radios">
                {CONTACT_METHODS
                    .iter()
                    .map(|m| {
                        let checked = method == *m;
                        view! {
                            <label>
                                <input type="radio" name="contact_method" value=*m checked=checked />
                                " " {t(&format!("advocacy-contact-{m}"))}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
        <div class="field" class:field-error=err("contact_detail").is_some()>
            <label for="contact_detail">{t("advocacy-contact-detail")}</label>
            <p class="hint" id="contact_detail-hint">{t("advocacy-contact-detail-hint")}</p>
            <ErrorMessage field="contact_detail" message=err("contact_detail") />
            <input id="contact_detail" name="contact_detail" type="text" dir="ltr"
                value=form.contact_detail.clone() autocomplete="tel" spellcheck="false"
                aria-describedby=if err("contact_detail").is_some() { "contact_detail-hint contact_detail-error contact_detail-limit" } else { "contact_detail-hint contact_detail-limit" } />
            <CharacterLimit field="contact_detail" limit=254 />
        </div>
        <TextArea id="good_times" label=t("advocacy-good-times") value=form.good_times.clone()
            error=err("good_times") rows=2 limit=GOOD_TIMES_LIMIT />
    }
    .into_any();
    let help = view! {
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="interpreter" value="yes" checked=form.interpreter == "yes" />
                " " {t("advocacy-interpreter")}
            </label>
        </div>
        <div class="field" class:field-error=err("interpreter_language").is_some()>
            <label for="interpreter_language">{t("advocacy-interpreter-language")}</label>
            <ErrorMessage field="interpreter_language" message=err("interpreter_language") />
            <input id="interpreter_language" name="interpreter_language" type="text"
                value=form.interpreter_language.clone()
                aria-describedby=if err("interpreter_language").is_some() { "interpreter_language-error interpreter_language-limit" } else { "interpreter_language-limit" } />
            <CharacterLimit field="interpreter_language" limit=60 />
        </div>
        <TextArea id="other_help" limit=TEXT_LIMIT label=t("advocacy-other-help") value=form.other_help.clone()
            error=err("other_help") hint=t("advocacy-other-help-hint") />
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="urgent" value="yes" checked=form.urgent == "yes" />
                " " {t("advocacy-urgent")}
            </label>
        </div>
    }
    .into_any();
    view! {
        <ErrorSummary errors=summary_of(&errors) />
        <p><a href=paths::HOME>{t("advocacy-back")}</a></p>
        <h1>{t("advocacy-ask-heading")}</h1>
        <form method="post" action=paths::HOME class="form" novalidate>
            {categories}
            <h2>{t("advocacy-contact-heading")}</h2>
            {contact}
            <h2>{t("advocacy-help-heading")}</h2>
            {help}
            <div class="notice">
                <h2>{t("advocacy-who-heading")}</h2>
                <p>{t_args("advocacy-who-gets-it", &[("provider", mine.provider.clone()), ("iro", iro.clone())])}</p>
                <p>{t("advocacy-what-next")}</p>
            </div>
            <button type="submit" class="button">{t_args("advocacy-send", &[("provider", mine.provider.clone())])}</button>
        </form>
    }
}

/// `/advocacy/my/:id`: one of the child's requests.
#[component]
pub fn MyRequestPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let id = crate::paths::id_param();
    let query = use_query_map().read_untracked();
    let notice = ["sent", "added", "withdrawn"]
        .into_iter()
        .find(|k| query.get(k).is_some())
        .map(|k| format!("advocacy-{k}-notice"));
    let sent = use_context::<CaseForm>().unwrap_or_default();
    set_form_title("advocacy-page-title", !sent.errors.is_empty());
    with_loaded(
        move || load_my_request(id),
        move |mine: MyRequest| {
            view! { <MyRequestView mine sent=sent.clone() notice=notice.clone() /> }
        },
    )
}

#[component]
fn MyRequestView(mine: MyRequest, sent: CaseForm, notice: Option<String>) -> impl IntoView {
    let status = mine.status.clone();
    let open = status.stage != Stage::Closed;
    let messages: Vec<AnyView> = mine
        .messages
        .iter()
        .map(|(on, body, _)| {
            view! {
                <li>
                    <span class="hint">{long_date(on)}</span>
                    <p class="child-words" dir="auto">{body.clone()}</p>
                </li>
            }
            .into_any()
        })
        .collect();
    let error = error_in(&sent.errors, "message");
    view! {
        {notice.map(|key| view! { <div class="notice" role="status"><p>{t(&key)}</p></div> })}
        <ErrorSummary errors=summary_of(&sent.errors) />
        <p><a href=paths::HOME>{t("advocacy-back")}</a></p>
        <h1>{t("advocacy-request-heading")}</h1>
        <dl class="summary-list">
            <div>
                <dt>{t("advocacy-help-with")}</dt>
                <dd>{categories_text(&status.categories)}
                    {(!mine.something_else.is_empty()).then(|| view! {
                        <p class="child-words" dir="auto">{mine.something_else.clone()}</p>
                    })}
                </dd>
            </div>
            <div>
                <dt>{t("advocacy-sent")}</dt>
                <dd>{long_date(&status.sent_on)}</dd>
            </div>
            <div>
                <dt>{t("advocacy-where-now")}</dt>
                <dd><strong>{stage_line(&status)}</strong></dd>
            </div>
            {status.outcome_message.clone().filter(|m| !m.is_empty()).map(|m| view! {
                <div>
                    <dt>{t("advocacy-outcome-message")}</dt>
                    <dd dir="auto">{m}</dd>
                </div>
            })}
        </dl>
        {(!messages.is_empty()).then(|| view! {
            <h2>{t("advocacy-messages-heading")}</h2>
            <ul class="messages">{messages}</ul>
        })}
        {open.then(|| view! {
            <h2>{t("advocacy-add-message-heading")}</h2>
            <form method="post" action=paths::message(status.id) class="form" novalidate>
                <TextArea id="message" limit=TEXT_LIMIT label=t("advocacy-add-message") value=sent.message.clone() error=error.clone() />
                <button type="submit" class="button">{t("advocacy-add-message-button")}</button>
            </form>
            <h2>{t("advocacy-withdraw-heading")}</h2>
            <p>{t("advocacy-withdraw-hint")}</p>
            <form method="post" action=paths::withdraw(status.id)>
                <button type="submit" class="button button-secondary">{t("advocacy-withdraw-button")}</button>
            </form>
        })}
    }
}

/// The service standard, as the inbox says it.
fn standing(row: &InboxRow) -> AnyView {
    let days = t_args(
        "advocacy-working-days",
        &[("days", row.working_days.to_string())],
    );
    let late = if row.accept_late {
        Some("advocacy-late-accept")
    } else if row.allocate_late {
        Some("advocacy-late-allocate")
    } else {
        None
    };
    view! {
        {days}
        {late.map(|key| view! { " " <strong class="tag tag-warning">{t(key)}</strong> })}
    }
    .into_any()
}

/// `/advocacy/inbox`: every request, new first, urgent at the top.
#[component]
pub fn AdvocacyInbox() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("advocacy-inbox-title"));
    with_loaded(load_inbox, move |rows: Vec<InboxRow>| {
        let body: Vec<AnyView> = rows
            .iter()
            .map(|row| {
                view! {
                    <tr>
                        <td>
                            <a href=paths::case(row.id)>{row.child_first_name.clone()}</a>
                            {row.urgent.then(|| view! { " " <strong class="tag tag-warning">{t("advocacy-urgent-tag")}</strong> })}
                        </td>
                        <td>{categories_text(&row.categories)}</td>
                        <td>{t(row.stage.label_key())}</td>
                        <td>{long_date(&row.sent_on)} <br /> {standing(row)}</td>
                    </tr>
                }
                .into_any()
            })
            .collect();
        view! {
            <h1>{t("advocacy-inbox-heading")}</h1>
            <p>{t("advocacy-inbox-standard")}</p>
            {if body.is_empty() {
                view! { <p>{t("advocacy-inbox-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{t("advocacy-col-child")}</th>
                                <th scope="col">{t("advocacy-col-help")}</th>
                                <th scope="col">{t("advocacy-col-stage")}</th>
                                <th scope="col">{t("advocacy-col-sent")}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                }
                .into_any()
            }}
        }
    })
}

/// `/advocacy/cases/:id`: one request, for the advocacy service.
#[component]
pub fn AdvocacyCase() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let id = crate::paths::id_param();
    let done = use_query_map().read_untracked().get("done").is_some();
    let sent = use_context::<CaseForm>().unwrap_or_default();
    set_form_title("advocacy-case-title", !sent.errors.is_empty());
    with_loaded(
        move || load_case(id),
        move |case: Case| {
            view! { <CaseView case sent=sent.clone() done /> }
        },
    )
}

#[component]
fn CaseView(case: Case, sent: CaseForm, done: bool) -> impl IntoView {
    let row = case.row.clone();
    let errors = sent.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let open = row.stage != Stage::Closed;
    let line = |key: &str, value: String| {
        view! {
            <div>
                <dt>{t(key)}</dt>
                <dd dir="auto">{value}</dd>
            </div>
        }
    };
    let details = view! {
        <dl class="summary-list">
            {line("advocacy-col-child", t_args("advocacy-child-line", &[("name", row.child_first_name.clone()), ("age", case.child_age.to_string())]))}
            {line("advocacy-first-language", case.first_language.clone().unwrap_or_default())}
            {line("advocacy-iro", case.iro_name.clone().unwrap_or_else(|| t("home-no-iro")))}
            {line("advocacy-help-with", categories_text(&row.categories))}
            {(!case.something_else.is_empty()).then(|| view! {
                <div>
                    <dt>{t("advocacy-something-else")}</dt>
                    <dd><ChildWords text=case.something_else.clone() language=case.language.clone() /></dd>
                </div>
            })}
            {line("advocacy-contact-legend", t(&format!("advocacy-contact-{}", case.contact_method)))}
            {(!case.contact_detail.is_empty()).then(|| line("advocacy-contact-detail", case.contact_detail.clone()))}
            {(!case.good_times.is_empty()).then(|| view! {
                <div>
                    <dt>{t("advocacy-good-times")}</dt>
                    <dd><ChildWords text=case.good_times.clone() language=case.language.clone() /></dd>
                </div>
            })}
            {(!case.interpreter_language.is_empty()).then(|| line("advocacy-interpreter-language", case.interpreter_language.clone()))}
            {(!case.other_help.is_empty()).then(|| view! {
                <div>
                    <dt>{t("advocacy-other-help")}</dt>
                    <dd><ChildWords text=case.other_help.clone() language=case.language.clone() /></dd>
                </div>
            })}
            {line("advocacy-col-stage", t(row.stage.label_key()))}
            {case.advocate.clone().map(|name| line("advocacy-advocate", name))}
            {case.outcome.clone().map(|o| line("advocacy-outcome", t(&format!("advocacy-outcome-{o}"))))}
            {case.outcome_message.clone().filter(|m| !m.is_empty()).map(|m| line("advocacy-outcome-message", m))}
        </dl>
    }
    .into_any();
    let messages = (!case.messages.is_empty()).then(|| {
        view! {
            <h2>{t("advocacy-messages-heading")}</h2>
            <ul class="messages">
                {case.messages.iter().map(|(on, body, language)| view! {
                    <li><span class="hint">{long_date(on)}</span><ChildWords text=body.clone() language=language.clone() /></li>
                }).collect_view()}
            </ul>
        }
    });
    let notes = view! {
        <h2>{t("advocacy-notes-heading")}</h2>
        <p class="hint">{t("advocacy-notes-hint")}</p>
        <ul class="messages">
            {case.notes.iter().map(|(who, on, body)| view! {
                <li><span class="hint">{who.clone()} ", " {long_date(on)}</span><p dir="auto">{body.clone()}</p></li>
            }).collect_view()}
        </ul>
        <form method="post" action=paths::case_action(row.id, "notes") class="form" novalidate>
            <TextArea id="note" limit=TEXT_LIMIT label=t("advocacy-note") value=sent.note.clone() error=err("note") />
            <button type="submit" class="button button-secondary">{t("advocacy-note-button")}</button>
        </form>
    }
    .into_any();
    let actions = open.then(|| {
        view! {
            {(row.stage == Stage::Sent).then(|| view! {
                <form method="post" action=paths::case_action(row.id, "accept") id="accept">
                    <button type="submit" class="button">{t("advocacy-accept-button")}</button>
                </form>
            })}
            <h2>{t("advocacy-allocate-heading")}</h2>
            <form method="post" action=paths::case_action(row.id, "allocate") class="form" novalidate>
                <div class="field" class:field-error=err("advocate").is_some()>
                    <label for="advocate">{t("advocacy-advocate-name")}</label>
                    <p class="hint" id="advocate-hint">{t("advocacy-advocate-hint")}</p>
                    <ErrorMessage field="advocate" message=err("advocate") />
                    <input id="advocate" name="advocate" type="text" value=sent.advocate.clone()
                        aria-describedby=if err("advocate").is_some() { "advocate-hint advocate-error advocate-limit" } else { "advocate-hint advocate-limit" } />
                    <CharacterLimit field="advocate" limit=80 />
                </div>
                <button type="submit" class="button">{t("advocacy-allocate-button")}</button>
            </form>
            <h2>{t("advocacy-close-heading")}</h2>
            <form method="post" action=paths::case_action(row.id, "close") class="form" novalidate>
                <fieldset class="field" class:field-error=err("outcome").is_some() id="outcome">
                    <legend>{t("advocacy-outcome")}</legend>
                    <ErrorMessage field="outcome" message=err("outcome") />
                    <div class="radios">
                        {OUTCOMES.iter().map(|o| view! {
                            <label>
                                <input type="radio" name="outcome" value=*o checked=sent.outcome == *o />
                                " " {t(&format!("advocacy-outcome-{o}"))}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <TextArea id="message" limit=TEXT_LIMIT label=t("advocacy-outcome-message-label") value=sent.message.clone()
                    error=err("message") hint=t("advocacy-outcome-message-hint") />
                <button type="submit" class="button button-secondary">{t("advocacy-close-button")}</button>
            </form>
        }
    });
    view! {
        {done.then(|| view! { <div class="notice" role="status"><p>{t("advocacy-done-notice")}</p></div> })}
        <ErrorSummary errors=summary_of(&errors) />
        <p><a href=paths::INBOX>{t("advocacy-inbox-back")}</a></p>
        <h1>{t_args("advocacy-case-heading", &[("name", row.child_first_name.clone())])}</h1>
        {row.urgent.then(|| view! { <p><strong class="tag tag-warning">{t("advocacy-urgent-tag")}</strong></p> })}
        <p>{long_date(&row.sent_on)} ", " {standing(&row)}</p>
        {details}
        {messages}
        {actions}
        {notes}
    }
}

//! Speakerbox's pages. A child: their Speakerbox (membership, topics,
//! leaving), a topic to answer (with or without their name, said plainly
//! before they send) or its results once closed, and Help now after an
//! answer that suggests they may not be safe. The CRO and managers: the
//! topics, the members and groups, a topic's form, one topic with its
//! actions and, once closed, its results. Every form is a plain form, so
//! all of it works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    AnswerForm, Board, CHOICE_LIMIT, HideForm, ITEM_STATUSES, Item, ItemForm, MemberForm,
    MemberTopic, Members, MySpeakerbox, REASON_LIMIT, RESPONSIBLE_LIMIT, Results, StaffTopic,
    Status, TEXT_LIMIT, TITLE_LIMIT, TopicEditing, TopicForm, Topics, load_board, load_editing,
    load_member_topic, load_members, load_mine, load_staff_topic, load_topics, paths,
};
use crate::{
    character_count::CharacterLimit,
    child_words::ChildWords,
    dates::long_date,
    disclosure::Cell,
    forms::{
        DateInput, ErrorMessage, ErrorSummary, TextArea, error_in, set_form_title, summary_of,
    },
    i18n::{Locale, t, t_args, use_locale},
    layout::with_loaded,
    title::set_page_title,
};

fn query(name: &str) -> Option<String> {
    use_query_map().read_untracked().get(name)
}

fn notice(text: String) -> AnyView {
    view! { <div class="notice" role="status"><p>{text}</p></div> }.into_any()
}

/// A count as published: the number, or "c".
fn cell_text(cell: Cell) -> String {
    match cell {
        Cell::Shown(n) => crate::i18n::number(n),
        Cell::Hidden => "c".to_owned(),
    }
}

/// A topic's results as members and staff see them: how many answered and
/// the poll's counts, "c" where a count is too small to show.
#[component]
fn ResultsView(results: Results, lang: String) -> impl IntoView {
    let hidden =
        results.answers == Cell::Hidden || results.choices.iter().any(|(_, c)| *c == Cell::Hidden);
    let rows = results
        .choices
        .iter()
        .map(|(choice, count)| {
            view! {
                <tr>
                    <th scope="row" lang=lang.clone()>{choice.clone()}</th>
                    <td class="numeric">{cell_text(*count)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (!results.choices.is_empty()).then(|| {
        view! {
            <table class="table">
                <caption class="visually-hidden">{t("speakerbox-results-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("speakerbox-results-choice")}</th>
                        <th scope="col" class="numeric">{t("speakerbox-results-count")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <h2>{t("speakerbox-results-heading")}</h2>
        <p>{t_args("speakerbox-results-answers", &[("count", cell_text(results.answers))])}</p>
        {table}
        {hidden.then(|| view! { <p class="hint">{t("speakerbox-results-c")}</p> })}
    }
}

/// `/speakerbox`: the child's Speakerbox.
#[component]
pub fn SpeakerboxHome() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("speakerbox-page-title"));
    let lang = use_locale().code().to_owned();
    let left = query("left").is_some();
    with_loaded(
        move || load_mine(lang),
        move |mine: MySpeakerbox| view! { <MineView mine left /> },
    )
}

#[component]
fn MineView(mine: MySpeakerbox, left: bool) -> impl IntoView {
    let Some(since) = mine.member_since else {
        return view! {
            {left.then(|| notice(t("speakerbox-left")))}
            <h1>{t("speakerbox-heading")}</h1>
            <p>{t("speakerbox-about")}</p>
            <p>{t("speakerbox-how-to-join")}</p>
        }
        .into_any();
    };
    let topics = mine
        .topics
        .into_iter()
        .map(|topic| {
            let when = match topic.status {
                Status::Closed => t("speakerbox-closed-results"),
                Status::Waiting => t("speakerbox-status-waiting"),
                _ => t_args(
                    "speakerbox-open-until",
                    &[("date", long_date(&topic.closes_on))],
                ),
            };
            view! {
                <li>
                    <a href=paths::topic(topic.id) lang=topic.lang.clone()>{topic.title.clone()}</a>
                    {topic.answered.then(|| view! { " " <strong class="tag">{t("speakerbox-answered-tag")}</strong> })}
                    <br />
                    <span class="hint">{when}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{t("speakerbox-heading")}</h1>
        <p>{t_args("speakerbox-member-since", &[("date", long_date(&since))])}</p>
        <h2>{t("speakerbox-topics-heading")}</h2>
        <ul class="topic-list">{topics}</ul>
        <h2>{t("speakerbox-leave-heading")}</h2>
        <p>{t("speakerbox-leave-explain")}</p>
        <form method="post" action=paths::LEAVE>
            <button type="submit" class="button button-secondary">{t("speakerbox-leave-button")}</button>
        </form>
    }
    .into_any()
}

/// `/speakerbox/topics/{id}`: a topic to answer, or its results.
#[component]
pub fn MemberTopicPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<AnswerForm>();
    set_form_title(
        "speakerbox-topic-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let id = crate::paths::id_param();
    let lang = use_locale().code().to_owned();
    let notices = [
        query("sent").map(|_| t("speakerbox-sent")),
        query("told").map(|told| {
            t(if told == "1" {
                "speakerbox-iro-told"
            } else {
                "speakerbox-iro-not-told"
            })
        }),
    ];
    with_loaded(
        move || load_member_topic(id, lang),
        move |topic: MemberTopic| {
            view! {
                {notices.iter().flatten().map(|n| notice(n.clone())).collect_view()}
                <MemberTopicView topic sent=sent.clone() />
            }
        },
    )
}

#[component]
fn MemberTopicView(topic: MemberTopic, sent: Option<AnswerForm>) -> impl IntoView {
    let errors = sent.as_ref().map(|f| f.errors.clone()).unwrap_or_default();
    let lang = topic.words.lang.clone();
    let when = match topic.status {
        Status::Open => t_args(
            "speakerbox-open-until",
            &[("date", long_date(&topic.closes_on))],
        ),
        Status::Waiting => t_args(
            "speakerbox-opens-on",
            &[("date", long_date(&topic.opens_on))],
        ),
        _ => t("speakerbox-status-closed"),
    };
    let body = match (topic.status, &topic.results) {
        (Status::Closed, Some(results)) => view! {
            <ResultsView results=results.clone() lang=lang.clone() />
            <p>{t("speakerbox-results-who-reads")}</p>
        }
        .into_any(),
        (Status::Open, _) if topic.answered_without_name => {
            view! { <p>{t("speakerbox-answered-without-name")}</p> }.into_any()
        }
        (Status::Open, _) => {
            view! { <AnswerFormView topic=topic.clone() sent=sent.clone() /> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <ErrorSummary errors=summary_of(&errors) />
        <div lang=lang.clone()>
            <h1 id="topic">{topic.words.title.clone()}</h1>
            <p class="topic-text" dir="auto">{topic.words.body.clone()}</p>
        </div>
        <p class="hint">{when}</p>
        {error_in(&errors, "topic").map(|message| view! { <p class="error-message">{message}</p> })}
        {body}
        <p><a href=paths::HOME>{t("speakerbox-back")}</a></p>
    }
}

#[component]
fn AnswerFormView(topic: MemberTopic, sent: Option<AnswerForm>) -> impl IntoView {
    let errors = sent.as_ref().map(|f| f.errors.clone()).unwrap_or_default();
    let err = |field: &str| error_in(&errors, field);
    let lang = topic.words.lang.clone();
    // What to show in the form: what was just sent, else their named answer.
    let (picked, words, named) = match (&sent, &topic.mine) {
        (Some(form), _) => (
            form.choices
                .iter()
                .filter_map(|c| c.parse::<usize>().ok())
                .collect::<Vec<_>>(),
            form.words.clone(),
            form.named.clone(),
        ),
        (None, Some((choices, words))) => (choices.clone(), words.clone(), "yes".to_owned()),
        (None, None) => (Vec::new(), String::new(), String::new()),
    };
    let kind = if topic.several { "checkbox" } else { "radio" };
    let poll = (!topic.words.choices.is_empty()).then(|| {
        let choices = topic
            .words
            .choices
            .iter()
            .enumerate()
            .map(|(place, choice)| {
                view! {
                    <label>
                        <input type=kind name="choice" value=place.to_string() checked=picked.contains(&place) />
                        " " <span lang=lang.clone()>{choice.clone()}</span>
                    </label>
                }
            })
            .collect_view();
        let legend = if topic.several {
            t("speakerbox-poll-several")
        } else {
            t("speakerbox-poll-one")
        };
        view! {
            <fieldset class="field" class:field-error=err("choices").is_some() id="choices">
                <legend>{legend}</legend>
                <ErrorMessage field="choices" message=err("choices") />
                <div class=if topic.several { "checkboxes" } else { "radios" }>{choices}</div>
            </fieldset>
        }
    });
    let question = (!topic.words.question.is_empty()).then(|| {
        view! {
            <TextArea id="words" limit=TEXT_LIMIT label=topic.words.question.clone() value=words.clone()
                error=err("words") lang=lang.clone() />
        }
    });
    let named_choice = view! {
        <fieldset class="field" class:field-error=err("named").is_some() id="named">
            <legend>{t("speakerbox-named-legend")}</legend>
            <ErrorMessage field="named" message=err("named") />
            <div class="radios">
                <label>
                    <input type="radio" name="named" value="yes" checked=named == "yes" />
                    " " {t("speakerbox-named-yes")}
                </label>
                <p class="hint">{t("speakerbox-named-yes-hint")}</p>
                <label>
                    <input type="radio" name="named" value="no" checked=named == "no" />
                    " " {t("speakerbox-named-no")}
                </label>
            </div>
        </fieldset>
        <div class="inset" id="without-name">
            <h2>{t("speakerbox-without-name-heading")}</h2>
            <p>{t("speakerbox-without-name-nothing")}</p>
            <p>{t("speakerbox-without-name-final")}</p>
            <p>{t("speakerbox-without-name-exception")}</p>
        </div>
    }
    .into_any();
    view! {
        {topic.mine.is_some().then(|| view! { <p>{t("speakerbox-change-named")}</p> })}
        <form method="post" action=paths::ANSWER class="form" novalidate>
            <input type="hidden" name="topic" value=topic.id.to_string() />
            {poll}
            {question}
            {named_choice}
            <button type="submit" class="button">{t("speakerbox-send")}</button>
        </form>
    }
    .into_any()
}

/// `/speakerbox/topics/{id}/safe`: Help now after an answer that
/// suggests the member may not be safe. With their name (`?told=1`) their
/// IRO has been told already; without it, they are asked whether their
/// IRO may know who they are.
#[component]
pub fn SafePage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("help-page-title"));
    let id = crate::paths::id_param();
    let told = query("told").is_some();
    let lang = use_locale().code().to_owned();
    with_loaded(
        move || load_member_topic(id, lang),
        move |topic: MemberTopic| {
            let after = if told {
                view! {
                    <p><a href=paths::topic(topic.id)>{t("speakerbox-back-topic")}</a></p>
                }
                .into_any()
            } else {
                view! {
                    <form method="post" action=paths::safe(topic.id) class="form">
                        <fieldset class="field" id="tell">
                            <legend><h2>{t("speakerbox-safe-question")}</h2></legend>
                            <p class="hint">{t("speakerbox-safe-hint")}</p>
                            <div class="radios">
                                <label><input type="radio" name="tell" value="yes" />" " {t("speakerbox-safe-yes")}</label>
                                <label><input type="radio" name="tell" value="no" checked=true />" " {t("speakerbox-safe-no")}</label>
                            </div>
                        </fieldset>
                        <button type="submit" class="button">{t("speakerbox-safe-button")}</button>
                    </form>
                }
                .into_any()
            };
            let kept = if told {
                t("help-after-consultation")
            } else {
                t("speakerbox-safe-kept")
            };
            view! {
                <div class="notice" role="status"><p>{kept}</p></div>
                <h1>{t("help-heading")}</h1>
                <crate::site::Helplines />
                {after}
            }
        },
    )
}

/// `/speakerbox/run`: the topics, for the CRO and managers.
#[component]
pub fn RunPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("speakerbox-run-title"));
    with_loaded(
        load_topics,
        |topics: Topics| view! { <TopicsView topics /> },
    )
}

#[component]
fn TopicsView(topics: Topics) -> impl IntoView {
    let rows = topics
        .rows
        .into_iter()
        .map(|row| {
            view! {
                <tr>
                    <th scope="row"><a href=paths::staff_topic(row.id)>{row.title.clone()}</a></th>
                    <td>{t(row.status.label_key())}</td>
                    <td>{long_date(&row.opens_on)} " – " {long_date(&row.closes_on)}</td>
                    <td class="numeric">{row.answers.map(cell_text)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{t("speakerbox-run-heading")}</h1>
        <p>{t("speakerbox-run-explain")}</p>
        {topics.may_write.then(|| view! {
            <p><a href=paths::NEW_TOPIC class="button">{t("speakerbox-new-topic")}</a></p>
        })}
        <p><a href=paths::MEMBERS>{t("speakerbox-members-link")}</a></p>
        <p><a href=paths::BOARD>{t("speakerbox-board-heading")}</a></p>
        {(!topics.stale.is_empty()).then(|| view! {
            <div class="alert-box" role="status">
                <h2>{t_args("speakerbox-stale-heading", &[("months", topics.planned_months.to_string())])}</h2>
                <ul>
                    {topics.stale.iter().map(|s| view! {
                        <li>
                            <a href=format!("{}#items", paths::staff_topic(s.topic_id))>{s.topic.clone()}</a>
                            " " <span class="hint">{t_args("speakerbox-stale-since", &[("date", long_date(&s.since))])}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        })}
        <table class="table">
            <caption class="visually-hidden">{t("speakerbox-topics-heading")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("speakerbox-topic-col")}</th>
                    <th scope="col">{t("speakerbox-status-col")}</th>
                    <th scope="col">{t("speakerbox-dates-col")}</th>
                    <th scope="col" class="numeric">{t("speakerbox-answers-col")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// `/speakerbox/run/members`: members, groups, and the forms to add them.
#[component]
pub fn MembersPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<MemberForm>();
    set_form_title(
        "speakerbox-members-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let done = query("added")
        .map(|_| t("speakerbox-member-added"))
        .or_else(|| query("group").map(|_| t("speakerbox-group-added")));
    with_loaded(load_members, move |members: Members| {
        view! {
            {done.clone().map(notice)}
            <MembersView members sent=sent.clone().unwrap_or_default() />
        }
    })
}

#[component]
fn MembersView(members: Members, sent: MemberForm) -> impl IntoView {
    let errors = sent.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let rows = members
        .members
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.sign_in_name.clone()}</th>
                    <td>{long_date(&m.agreed_on)}</td>
                    <td>{m.groups.join(", ")}</td>
                </tr>
            }
        })
        .collect_view();
    let group_boxes = members
        .groups
        .iter()
        .map(|(id, name, _)| {
            let id = id.to_string();
            let checked = sent.groups.contains(&id);
            view! {
                <label><input type="checkbox" name="group" value=id checked=checked />" " {name.clone()}</label>
            }
        })
        .collect_view();
    let groups = members
        .groups
        .iter()
        .map(|(_, name, count)| {
            view! { <li>{name.clone()} " " <span class="hint">{t_args("speakerbox-group-members", &[("count", count.to_string())])}</span></li> }
        })
        .collect_view();
    let add = view! {
        <h2 id="add">{t("speakerbox-add-member-heading")}</h2>
        <p>{t("speakerbox-add-member-explain")}</p>
        <form method="post" action=paths::MEMBERS class="form" novalidate>
            <div class="field" class:field-error=err("sign_in_name").is_some()>
                <label for="sign_in_name">{t("speakerbox-sign-in-name")}</label>
                <ErrorMessage field="sign_in_name" message=err("sign_in_name") />
                <input id="sign_in_name" name="sign_in_name" type="text" autocomplete="off"
                    spellcheck="false" value=sent.sign_in_name.clone() />
            </div>
            <fieldset class="field" class:field-error=err("groups").is_some() id="groups">
                <legend>{t("speakerbox-member-groups")}</legend>
                <ErrorMessage field="groups" message=err("groups") />
                <div class="checkboxes">{group_boxes}</div>
            </fieldset>
            <div class="field" class:field-error=err("agreed").is_some() id="agreed">
                <ErrorMessage field="agreed" message=err("agreed") />
                <label class="checkbox">
                    <input type="checkbox" name="agreed" value="yes" checked=sent.agreed == "yes" />
                    " " {t("speakerbox-agreed")}
                </label>
            </div>
            <button type="submit" class="button">{t("speakerbox-add-member")}</button>
        </form>
    }
    .into_any();
    let new_group = view! {
        <h2>{t("speakerbox-groups-heading")}</h2>
        <ul>{groups}</ul>
        <form method="post" action=paths::GROUPS class="form" novalidate>
            <div class="field" class:field-error=err("group_name").is_some()>
                <label for="group_name">{t("speakerbox-group-name")}</label>
                <ErrorMessage field="group_name" message=err("group_name") />
                <input id="group_name" name="group_name" type="text" value=sent.group_name.clone() />
            </div>
            <button type="submit" class="button button-secondary">{t("speakerbox-add-group")}</button>
        </form>
    }
    .into_any();
    view! {
        <ErrorSummary errors=summary_of(&errors) />
        <h1>{t("speakerbox-members-heading")}</h1>
        <table class="table">
            <caption class="visually-hidden">{t("speakerbox-members-heading")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("speakerbox-sign-in-name")}</th>
                    <th scope="col">{t("speakerbox-agreed-on")}</th>
                    <th scope="col">{t("speakerbox-member-groups")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {add}
        {new_group}
        <p><a href=paths::RUN>{t("speakerbox-back-run")}</a></p>
    }
}

/// `/speakerbox/run/topics/new` and `/speakerbox/run/topics/{id}/edit`.
#[component]
pub fn TopicFormPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<TopicForm>();
    set_form_title(
        "speakerbox-topic-form-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    let id = crate::paths::id_param().max(0);
    with_loaded(
        move || load_editing(id),
        move |editing: TopicEditing| view! { <TopicFormView editing sent=sent.clone() /> },
    )
}

#[component]
fn TopicFormView(editing: TopicEditing, sent: Option<TopicForm>) -> impl IntoView {
    let form = sent.unwrap_or_else(|| editing.form.clone());
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let action = editing
        .topic
        .as_ref()
        .map_or_else(|| paths::NEW_TOPIC.to_owned(), |t| paths::edit_topic(t.id));
    let group_boxes = editing
        .groups
        .iter()
        .map(|(id, name)| {
            let id = id.to_string();
            let checked = form.groups.contains(&id);
            view! { <label><input type="checkbox" name="group" value=id checked=checked />" " {name.clone()}</label> }
        })
        .collect_view();
    let words = view! {
        <div class="field" class:field-error=err("title").is_some()>
            <label for="title">{t("speakerbox-title-label")}</label>
            <ErrorMessage field="title" message=err("title") />
            <input id="title" name="title" type="text" value=form.title.clone() aria-describedby="title-limit" />
            <CharacterLimit field="title" limit=TITLE_LIMIT />
        </div>
        <TextArea id="body" limit=TEXT_LIMIT label=t("speakerbox-body-label") value=form.body.clone() error=err("body") />
        <TextArea id="question" limit=TEXT_LIMIT label=t("speakerbox-question-label") value=form.question.clone()
            error=err("question") hint=t("speakerbox-question-hint") rows=2 />
        <TextArea id="choices" limit=TEXT_LIMIT label=t("speakerbox-choices-label") value=form.choices.clone()
            error=err("choices") hint=t_args("speakerbox-choices-hint", &[("most", CHOICE_LIMIT.to_string())]) rows=5 />
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="several" value="yes" checked=form.several == "yes" />
                " " {t("speakerbox-several-label")}
            </label>
        </div>
    }
    .into_any();
    let audience = view! {
        <fieldset class="field" class:field-error=err("audience").is_some() id="audience">
            <legend>{t("speakerbox-audience-legend")}</legend>
            <ErrorMessage field="audience" message=err("audience") />
            <div class="radios">
                <label><input type="radio" name="audience" value="all" checked=form.audience != "groups" />" " {t("speakerbox-audience-all")}</label>
                <label><input type="radio" name="audience" value="groups" checked=form.audience == "groups" />" " {t("speakerbox-audience-groups")}</label>
            </div>
            <div class="checkboxes">{group_boxes}</div>
        </fieldset>
        <DateInput id="opens_on" legend=t("speakerbox-opens-label") hint=t("date-hint-future")
            value=form.opens_on.clone() error=err("opens_on") />
        <DateInput id="closes_on" legend=t("speakerbox-closes-label") hint=t("date-hint-future")
            value=form.closes_on.clone() error=err("closes_on") />
    }
    .into_any();
    view! {
        <ErrorSummary errors=summary_of(&errors) />
        <h1>{t("speakerbox-topic-form-heading")}</h1>
        <p>{t("speakerbox-topic-form-explain")}</p>
        <form method="post" action=action class="form" novalidate>
            {words}
            {audience}
            <button type="submit" class="button">{t("speakerbox-save-draft")}</button>
        </form>
        <p><a href=paths::RUN>{t("speakerbox-back-run")}</a></p>
    }
}

/// `/speakerbox/run/topics/{id}`: one topic for staff.
#[component]
pub fn StaffTopicPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let hide = use_context::<HideForm>();
    let translation = use_context::<TopicForm>();
    let item = use_context::<ItemForm>();
    let has_errors = hide.as_ref().is_some_and(|f| !f.errors.is_empty())
        || translation.as_ref().is_some_and(|f| !f.errors.is_empty())
        || item.as_ref().is_some_and(|f| !f.errors.is_empty());
    set_form_title("speakerbox-staff-topic-title", has_errors);
    let id = crate::paths::id_param();
    let done = query("saved")
        .map(|_| "speakerbox-saved")
        .or_else(|| query("translated").map(|_| "speakerbox-translated"))
        .or_else(|| {
            query("done").map(|d| match d.as_str() {
                "published" => "speakerbox-published",
                "closed" => "speakerbox-closed-now",
                "item" => "speakerbox-item-published",
                "updated" => "speakerbox-item-updated",
                _ => "speakerbox-hidden",
            })
        });
    with_loaded(
        move || load_staff_topic(id),
        move |topic: StaffTopic| {
            view! {
                {done.map(|key| notice(t(key)))}
                <StaffTopicView topic hide=hide.clone().unwrap_or_default() translation=translation.clone() item=item.clone() />
            }
        },
    )
}

#[component]
fn StaffTopicView(
    topic: StaffTopic,
    hide: HideForm,
    translation: Option<TopicForm>,
    item: Option<ItemForm>,
) -> impl IntoView {
    let mut errors = hide.errors.clone();
    if let Some(form) = &translation {
        errors.extend(form.errors.iter().copied());
    }
    if let Some(form) = &item {
        errors.extend(form.errors.iter().copied());
    }
    let items = (topic.status == Status::Closed)
        .then(|| view! { <TopicItems topic=topic.clone() sent=item.clone() /> }.into_any());
    let audience = if topic.audience.is_empty() {
        t("speakerbox-audience-all")
    } else {
        topic.audience.join(", ")
    };
    let actions = topic.may_write.then(|| match topic.status {
        Status::Draft => view! {
            <p><a href=paths::edit_topic(topic.id) class="button button-secondary">{t("speakerbox-edit")}</a></p>
            <form method="post" action=paths::topic_action(topic.id, "publish")>
                <p class="hint">{t("speakerbox-publish-hint")}</p>
                <button type="submit" class="button">{t("speakerbox-publish")}</button>
            </form>
        }
        .into_any(),
        Status::Open | Status::Waiting => view! {
            <form method="post" action=paths::topic_action(topic.id, "close")>
                <p class="hint">{t("speakerbox-close-hint")}</p>
                <button type="submit" class="button button-secondary">{t("speakerbox-close")}</button>
            </form>
        }
        .into_any(),
        Status::Closed => ().into_any(),
    });
    let translate = (topic.may_write && matches!(topic.status, Status::Draft | Status::Waiting))
        .then(|| {
            view! { <TranslationForm topic=topic.clone() sent=translation.clone() /> }.into_any()
        });
    let results = topic
        .results
        .clone()
        .map(|results| view! { <ResultsView results lang="en".to_owned() /> }.into_any());
    let written = (!topic.written.is_empty())
        .then(|| view! { <WrittenAnswers topic=topic.clone() hide=hide.clone() /> }.into_any());
    let choices = (!topic.words.choices.is_empty()).then(|| {
        view! {
            <div><dt>{t("speakerbox-choices-label")}</dt><dd><ul>
                {topic.words.choices.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ul></dd></div>
        }
    });
    let details = view! {
        <dl class="summary-list">
            <div><dt>{t("speakerbox-status-col")}</dt><dd>{t(topic.status.label_key())}</dd></div>
            <div><dt>{t("speakerbox-dates-col")}</dt><dd>{long_date(&topic.opens_on)} " – " {long_date(&topic.closes_on)}</dd></div>
            <div><dt>{t("speakerbox-audience-legend")}</dt><dd>{audience}</dd></div>
            <div><dt>{t("speakerbox-body-label")}</dt><dd>{topic.words.body.clone()}</dd></div>
            <div><dt>{t("speakerbox-question-label")}</dt><dd>{topic.words.question.clone()}</dd></div>
            {choices}
            <div><dt>{t("speakerbox-translations")}</dt><dd>{translations_text(&topic.translations)}</dd></div>
        </dl>
    }
    .into_any();
    view! {
        <ErrorSummary errors=summary_of(&errors) />
        <h1 id="topic">{topic.words.title.clone()}</h1>
        {details}
        {actions}
        {(topic.status != Status::Closed).then(|| view! { <p class="hint">{t("speakerbox-results-after-close")}</p> })}
        {results}
        {items}
        {written}
        {translate}
        <p><a href=paths::RUN>{t("speakerbox-back-run")}</a></p>
    }
}

fn translations_text(codes: &[String]) -> String {
    if codes.is_empty() {
        return t("speakerbox-no-translations");
    }
    codes
        .iter()
        .filter_map(|code| Locale::from_code(code))
        .map(|l| t(&format!("language-name-{}", l.code())))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn WrittenAnswers(topic: StaffTopic, hide: HideForm) -> impl IntoView {
    let answers = topic
        .written
        .iter()
        .map(|answer| {
            let who = answer
                .name
                .clone()
                .unwrap_or_else(|| t("speakerbox-without-name"));
            let body = match &answer.hidden {
                Some(reason) => view! {
                    <p class="hint">{t_args("speakerbox-answer-hidden", &[("reason", reason.clone())])}</p>
                }
                .into_any(),
                None => {
                    let wrong = hide.answer == answer.id && !hide.errors.is_empty();
                    view! {
                        <ChildWords text=answer.words.clone() language=answer.language.clone() />
                        <details class="hide-answer" open=wrong>
                            <summary>{t("speakerbox-hide")}</summary>
                            <form method="post" action=paths::topic_action(topic.id, "hide") class="form" novalidate>
                                <input type="hidden" name="answer" value=answer.id.clone() />
                                <TextArea id="reason" label=t("speakerbox-hide-reason") rows=2 limit=REASON_LIMIT
                                    value=if wrong { hide.reason.clone() } else { String::new() }
                                    error=if wrong { error_in(&hide.errors, "reason") } else { None } />
                                <button type="submit" class="button button-warning">{t("speakerbox-hide-button")}</button>
                            </form>
                        </details>
                    }
                    .into_any()
                }
            };
            view! {
                <li class="written-answer">
                    <p><strong>{who}</strong> " " <span class="hint">{long_date(&answer.answered_on)}</span></p>
                    {body}
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{t("speakerbox-written-heading")}</h2>
        <p>{t("speakerbox-written-explain")}</p>
        <ul class="answer-list">{answers}</ul>
    }
}

#[component]
fn TranslationForm(topic: StaffTopic, sent: Option<TopicForm>) -> impl IntoView {
    let form = sent.unwrap_or_default();
    let errors = form.errors.clone();
    let err = |field: &str| error_in(&errors, field);
    let languages = Locale::ALL
        .iter()
        .filter(|l| **l != Locale::En)
        .map(|l| {
            let code = l.code();
            view! {
                <option value=code selected=form.language == code>{t(&format!("language-name-{code}"))}</option>
            }
        })
        .collect_view();
    let words = view! {
        <div class="field" class:field-error=err("title").is_some()>
            <label for="title">{t("speakerbox-title-label")}</label>
            <ErrorMessage field="title" message=err("title") />
            <input id="title" name="title" type="text" dir="auto" value=form.title.clone() />
        </div>
        <TextArea id="body" limit=TEXT_LIMIT label=t("speakerbox-body-label") value=form.body.clone() error=err("body") />
        {(!topic.words.question.is_empty()).then(|| view! {
            <TextArea id="question" limit=TEXT_LIMIT label=t("speakerbox-question-label") value=form.question.clone()
                error=err("question") rows=2 />
        })}
        {(!topic.words.choices.is_empty()).then(|| view! {
            <TextArea id="choices" limit=TEXT_LIMIT label=t("speakerbox-choices-label") value=form.choices.clone()
                error=err("choices") hint=t("speakerbox-translation-choices-hint") rows=5 />
        })}
    }
    .into_any();
    view! {
        <h2>{t("speakerbox-translate-heading")}</h2>
        <p>{t("speakerbox-translate-explain")}</p>
        <form method="post" action=paths::topic_action(topic.id, "translate") class="form" novalidate>
            <div class="field" class:field-error=err("language").is_some()>
                <label for="language">{t("speakerbox-translate-language")}</label>
                <ErrorMessage field="language" message=err("language") />
                <select id="language" name="language">{languages}</select>
            </div>
            {words}
            <button type="submit" class="button button-secondary">{t("speakerbox-translate-button")}</button>
        </form>
    }
}

fn status_key(status: &str) -> String {
    format!("speakerbox-item-{status}")
}

/// One item as the board and the CRO show it: the topic, what young
/// people said, what the service did or will do, who is responsible,
/// where it is, and its dated updates. The CRO's words are English,
/// marked so on a page in another language.
#[component]
fn ItemView(item: Item, #[prop(optional)] update: Option<AnyView>) -> impl IntoView {
    let updates = item
        .updates
        .iter()
        .map(|(day, body, status)| {
            view! {
                <li>
                    <span class="hint">{long_date(day)} " · " {t(&status_key(status))}</span>
                    <p lang="en" dir="auto">{body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let tag = if item.status == "done" {
        "tag"
    } else {
        "tag tag-warning"
    };
    view! {
        <article class="said-did" id=format!("item-{}", item.id)>
            <h2 lang="en">{item.topic.clone()}</h2>
            <p>
                <strong class=tag>{t(&status_key(&item.status))}</strong>
                {item.news.then(|| view! { " " <strong class="tag tag-alert">{t("speakerbox-news-tag")}</strong> })}
                " " <span class="hint">{t_args("speakerbox-item-published-on", &[("date", long_date(&item.published_on))])}</span>
            </p>
            <h3>{t("speakerbox-you-said")}</h3>
            <p lang="en" dir="auto">{item.said.clone()}</p>
            <h3>{t("speakerbox-we-did")}</h3>
            <p lang="en" dir="auto">{item.did.clone()}</p>
            <p>{t("speakerbox-responsible")} " " <span lang="en">{item.responsible.clone()}</span></p>
            {(!item.updates.is_empty()).then(|| view! {
                <h3>{t("speakerbox-updates")}</h3>
                <ul class="updates">{updates}</ul>
            })}
            {update}
        </article>
    }
}

/// `/speakerbox/you-said-we-did`: every child's to read, newest first.
#[component]
pub fn BoardPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("speakerbox-board-title"));
    with_loaded(load_board, |board: Board| {
        let empty = board.items.is_empty();
        view! {
            <h1>{t("speakerbox-board-heading")}</h1>
            <p>{t("speakerbox-board-explain")}</p>
            {empty.then(|| view! { <p>{t("speakerbox-board-empty")}</p> })}
            {board.items.into_iter().map(|item| view! { <ItemView item /> }).collect_view()}
        }
    })
}

/// The status radios of an item's forms.
#[component]
fn StatusChoice(chosen: String, error: Option<String>, id: String) -> impl IntoView {
    let name_id = id.clone();
    let wrong = error.is_some();
    view! {
        <fieldset class="field" class:field-error=wrong id=id>
            <legend>{t("speakerbox-status-legend")}</legend>
            {error.map(|message| view! { <p class="error-message">{message}</p> })}
            <div class="radios">
                {ITEM_STATUSES.iter().map(|status| {
                    let checked = chosen == *status;
                    let input_id = format!("{name_id}-{status}");
                    view! {
                        <label for=input_id.clone()>
                            <input type="radio" id=input_id.clone() name="status" value=*status checked=checked />
                            " " {t(&status_key(status))}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A closed topic's items, with the CRO's forms: a new item, and an update
/// to each.
#[component]
fn TopicItems(topic: StaffTopic, sent: Option<ItemForm>) -> impl IntoView {
    let sent = sent.unwrap_or_default();
    let err = |field: &str| error_in(&sent.errors, field);
    let for_new = sent.item.is_empty();
    // One update form at a time (its boxes have the page's only ids for
    // them): the item asked for, or the one whose update had problems.
    let asked = query("update").unwrap_or_default();
    let items = topic
        .items
        .iter()
        .map(|item| {
            let mine = !for_new && sent.item == item.id.to_string();
            let open = mine || (for_new && asked == item.id.to_string());
            let update = topic.may_write.then(|| {
                if !open {
                    return view! {
                        <p><a href=format!("{}?update={}#item-{}", paths::staff_topic(topic.id), item.id, item.id)>
                            {t("speakerbox-add-update")}
                        </a></p>
                    }
                    .into_any();
                }
                let body_id: &'static str = "body";
                view! {
                    <div class="item-update">
                        <h3>{t("speakerbox-add-update")}</h3>
                        <form method="post" action=paths::item_update(item.id) class="form" novalidate>
                            <TextArea id=body_id limit=TEXT_LIMIT label=t("speakerbox-update-label") rows=3
                                value=if mine { sent.body.clone() } else { String::new() }
                                error=if mine { err("body") } else { None } />
                            <StatusChoice chosen=if mine { sent.status.clone() } else { item.status.clone() }
                                error=if mine { err("status") } else { None } id=format!("status-{}", item.id) />
                            <button type="submit" class="button button-secondary">{t("speakerbox-update-button")}</button>
                        </form>
                    </div>
                }
                .into_any()
            });
            view! { <ItemView item=item.clone() update=update.unwrap_or_else(|| ().into_any()) /> }
        })
        .collect_view();
    let new_item = topic.may_write.then(|| {
        let value = |text: &String| if for_new { text.clone() } else { String::new() };
        let error = |field: &str| if for_new { err(field) } else { None };
        view! {
            <h3>{t("speakerbox-new-item")}</h3>
            <form method="post" action=paths::topic_action(topic.id, "item") class="form" novalidate>
                <TextArea id="said" limit=TEXT_LIMIT label=t("speakerbox-said-label") value=value(&sent.said) error=error("said") />
                <TextArea id="did" limit=TEXT_LIMIT label=t("speakerbox-did-label") value=value(&sent.did) error=error("did") />
                <div class="field" class:field-error=error("responsible").is_some()>
                    <label for="responsible">{t("speakerbox-responsible-label")}</label>
                    <ErrorMessage field="responsible" message=error("responsible") />
                    <input id="responsible" name="responsible" type="text" aria-describedby="responsible-limit"
                        value=value(&sent.responsible) />
                    <CharacterLimit field="responsible" limit=RESPONSIBLE_LIMIT />
                </div>
                <StatusChoice chosen=if for_new && !sent.status.is_empty() { sent.status.clone() } else { "planned".to_owned() }
                    error=error("status") id="status".to_owned() />
                <button type="submit" class="button">{t("speakerbox-publish-item")}</button>
            </form>
        }
        .into_any()
    });
    view! {
        <h2 id="items">{t("speakerbox-board-heading")}</h2>
        {items}
        {new_item}
    }
}

//! The child's consultation: the list of topics, one topic at a time, how
//! they want to take part, and checking and sending. Every step is a plain
//! form that saves, so it all works without JavaScript and nothing is lost
//! if the phone dies.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::paths;
use crate::{
    autosave::{AutoSave, AutoSaveTexts},
    character_count::CharacterLimit,
    consultations::{
        Answer, MyConsultation, SHORT_LIMIT, Status, TAKE_PART, TEXT_LIMIT, TakingPartForm,
        TopicForm, load_my_consultation, topics_for,
    },
    dates::long_date,
    forms::{ErrorMessage, ErrorSummary, set_form_title, textarea_text},
    i18n::{t, t_args},
    simpler::Picture,
    title::set_page_title,
};

/// Loads the child's consultation and renders `view` with it; anyone else
/// gets "not found".
fn with_consultation<V: IntoView + 'static>(
    view: impl Fn(MyConsultation) -> V + Clone + Send + Sync + 'static,
) -> AnyView {
    crate::layout::with_loaded(load_my_consultation, view)
}

/// A face for a feeling from 1 (really unhappy) to 5 (really happy),
/// drawn here so it costs no download; the word beside it carries the
/// meaning.
#[component]
pub fn Face(level: u8) -> impl IntoView {
    let (start, control) = match level {
        1 => (30, 20),
        2 => (28, 24),
        3 => (27, 27),
        4 => (26, 31),
        _ => (25, 35),
    };
    view! {
        <svg class="face" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
            <circle cx="20" cy="20" r="18" class="face-fill" />
            <circle cx="14" cy="16" r="2.5" class="face-ink" />
            <circle cx="26" cy="16" r="2.5" class="face-ink" />
            <path d=format!("M12 {start} Q20 {control} 28 {start}") class="face-line" />
        </svg>
    }
}

fn feeling_word(level: u8) -> String {
    t(&format!("feeling-{level}"))
}

/// `/consultation`: the topics, taking part, and sending.
#[component]
pub fn ConsultationOverview() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("consultation-page-title"));
    let query = use_query_map().read_untracked();
    let notice = if query.get("sent").is_some() {
        Some("consultation-sent-notice")
    } else if query.get("saved").is_some() {
        Some("consultation-saved-notice")
    } else {
        None
    };
    with_consultation(move |mine: MyConsultation| {
        let iro = mine
            .iro_name
            .clone()
            .unwrap_or_else(|| t("consultation-your-iro"));
        let review = match (&mine.review_on, &mine.review_time) {
            (Some(day), Some(time)) => t_args(
                "consultation-review-on",
                &[
                    ("date", long_date(day)),
                    ("time", crate::i18n::number(time)),
                ],
            ),
            _ => t("consultation-review-not-set"),
        };
        let status_line = match (&mine.status, &mine.read, &mine.submitted_on) {
            (Status::Read, Some((who, on)), _) => t_args(
                "consultation-read-by",
                &[("name", who.clone()), ("date", long_date(on))],
            ),
            (Status::Submitted, _, Some(on)) => t_args(
                "consultation-sent-on",
                &[("date", long_date(on)), ("name", iro.clone())],
            ),
            (status, _, _) => t(status.label_key()),
        };
        let topics: Vec<AnyView> = topics_for(mine.age)
            .map(|topic| {
                let answer = mine.answer(topic).cloned();
                let state = match &answer {
                    Some(Answer { feeling: Some(level), .. }) => feeling_word(*level),
                    Some(_) => t("consultation-topic-answered"),
                    None => t("consultation-topic-not-answered"),
                };
                view! {
                    <li>
                        <a href=paths::topic(topic) class="with-picture"><Picture name=topic />{t(&format!("topic-{topic}"))}</a>
                        " " <span class="hint">{format!("({state})")}</span>
                    </li>
                }
                .into_any()
            })
            .collect();
        view! {
            {notice.map(|key| view! { <div class="notice" role="status"><p>{t(key)}</p></div> })}
            <h1>{t("consultation-heading")}</h1>
            <p class="wordy">{t_args("consultation-intro", &[("name", iro.clone())])}</p>
            <p><strong>{review}</strong></p>
            <p>{status_line}</p>
            {mine.changed_since_sent.then(|| view! {
                <p class="notice">{t_args("consultation-changed-since-sent", &[("name", iro.clone())])}</p>
            })}
            {mine.locked.then(|| view! { <p class="notice">{t("consultation-locked")}</p> })}
            <h2>{t("consultation-topics-heading")}</h2>
            <p class="hint">{t("consultation-topics-hint")}</p>
            <ul class="topic-list">{topics}</ul>
            <h2>{t("consultation-taking-part-heading")}</h2>
            <p><a href=paths::TAKING_PART>{t("consultation-taking-part-link")}</a></p>
            {(!mine.locked).then(|| view! {
                <p><a href=paths::CHECK class="button">{t("consultation-check-link")}</a></p>
            })}
        }
    })
}

/// `/consultation/topics/:topic`: one topic.
#[component]
pub fn TopicPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let topic = use_params_map()
        .read_untracked()
        .get("topic")
        .unwrap_or_default();
    let unreadable = use_query_map().read_untracked().get("unreadable").is_some();
    // What was just sent, or (when it could not be read) only the problem.
    let sent = use_context::<TopicForm>().or_else(|| {
        unreadable.then(|| TopicForm {
            errors: vec![("text", "consultation-error-unreadable")],
            ..TopicForm::default()
        })
    });
    set_form_title(
        "consultation-page-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    with_consultation(move |mine: MyConsultation| {
        let Some(topic) = topics_for(mine.age).find(|t| *t == topic) else {
            return view! { <crate::not_found::NotFound /> }.into_any();
        };
        let stored = mine.answer(topic).cloned().unwrap_or_default();
        view! { <TopicView topic stored sent=sent.clone() locked=mine.locked /> }.into_any()
    })
}

/// A ticked box's value as a form sends it.
fn yes(on: bool) -> String {
    if on { "yes".into() } else { String::new() }
}

#[component]
fn TopicView(
    topic: &'static str,
    stored: Answer,
    sent: Option<TopicForm>,
    locked: bool,
) -> impl IntoView {
    // What the page shows: what was just sent (with problems), else what is stored.
    // A form that could not be read carries only its problem: show what is stored.
    let sent = sent.map(|form| {
        if form.errors == [("text", "consultation-error-unreadable")] {
            TopicForm {
                feeling: stored.feeling.map(|f| f.to_string()).unwrap_or_default(),
                text: stored.text.clone(),
                talk_about: if stored.talk_about {
                    "yes".into()
                } else {
                    String::new()
                },
                share: if stored.share {
                    "meeting".into()
                } else {
                    "iro".into()
                },
                base_feeling: stored.feeling.map(|f| f.to_string()).unwrap_or_default(),
                base_text: crate::consultations::fingerprint(&stored.text),
                base_talk_about: if stored.talk_about {
                    "yes".into()
                } else {
                    String::new()
                },
                base_share: if stored.share {
                    "meeting".into()
                } else {
                    "iro".into()
                },
                use_words: yes(stored.use_words),
                base_use_words: yes(stored.use_words),
                ..form
            }
        } else {
            form
        }
    });
    let shown = sent.clone().unwrap_or_else(|| TopicForm {
        feeling: stored.feeling.map(|f| f.to_string()).unwrap_or_default(),
        text: stored.text.clone(),
        talk_about: if stored.talk_about {
            "yes".into()
        } else {
            String::new()
        },
        share: if stored.share {
            "meeting".into()
        } else {
            "iro".into()
        },
        use_words: yes(stored.use_words),
        ..TopicForm::default()
    });
    // What this page was based on, so a save changes only what changed here.
    let base = sent.clone().map_or_else(
        || {
            (
                shown.feeling.clone(),
                crate::consultations::fingerprint(&stored.text),
                shown.talk_about.clone(),
                shown.share.clone(),
                shown.use_words.clone(),
            )
        },
        |f| {
            (
                f.base_feeling.clone(),
                f.base_text.clone(),
                f.base_talk_about.clone(),
                f.base_share.clone(),
                f.base_use_words.clone(),
            )
        },
    );
    let errors = shown.errors.clone();
    let error_for = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, k)| t(k));
    let summary: Vec<(String, String)> = errors
        .iter()
        .map(|(f, k)| ((*f).to_owned(), t(k)))
        .collect();
    let (feeling_error, text_error) = (error_for("feeling"), error_for("text"));
    let (talk_error, share_error) = (error_for("talk_about"), error_for("share"));
    let words_error = error_for("use_words");
    // What another device chose, where it clashed with this one's choice.
    let other_choice = |choice: Option<String>| {
        choice.map(|choice| view! {
            <p class="other-device"><strong>{t_args("consultation-other-device-choice", &[("choice", choice)])}</strong></p>
        })
    };
    let other_feeling = other_choice(
        shown
            .other_feeling
            .map(|f| f.map_or_else(|| t("consultation-no-face"), feeling_word)),
    );
    let other_talk = other_choice(shown.other_talk_about.map(|on| {
        if on {
            t("consultation-talk-about")
        } else {
            t("consultation-no-talk")
        }
    }));
    let other_share = other_choice(shown.other_share.map(|meeting| {
        if meeting {
            t("consultation-share-meeting")
        } else {
            t("consultation-share-iro")
        }
    }));
    let other_words = other_choice(shown.other_use_words.map(|on| {
        if on {
            t("consultation-use-words")
        } else {
            t("consultation-no-use-words")
        }
    }));
    let title = t(&format!("topic-{topic}"));
    let prompt = t(&format!("topic-{topic}-prompt"));
    let share_meeting = shown.share == "meeting";
    let parts: Vec<AnyView> = vec![
        view! {
            <ErrorSummary errors=summary />
            <p><a href=paths::OVERVIEW>{t("consultation-back")}</a></p>
            <h1 class="with-picture"><Picture name=topic decorative=true />{title.clone()}</h1>
            {locked.then(|| view! { <p class="notice">{t("consultation-locked")}</p> })}
        }
        .into_any(),
        view! {
            <form method="post" action=paths::topic(topic) class="form" id="topic-form" novalidate>
                <input type="hidden" name="base_feeling" value=base.0.clone() />
                <input type="hidden" name="base_text" value=base.1.clone() />
                <input type="hidden" name="base_talk_about" value=base.2.clone() />
                <input type="hidden" name="base_share" value=base.3.clone() />
                <input type="hidden" name="base_use_words" value=base.4.clone() />
                <fieldset class="field faces" class:field-error=feeling_error.is_some() id="feeling">
                    <legend>{t("consultation-feeling-legend")}</legend>
                    <ErrorMessage field="feeling" message=feeling_error.clone() />
                    {other_feeling}
                    <div class="face-choices">
                        {(1..=5u8)
                            .map(|level| {
                                let checked = shown.feeling == level.to_string();
                                view! {
                                    <label class="face-choice">
                                        <input type="radio" name="feeling" value=level.to_string() checked=checked />
                                        <Face level />
                                        <span>{feeling_word(level)}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="field" class:field-error=text_error.is_some()>
                    <label for="text">{prompt}</label>
                    <p class="hint" id="text-hint">{t_args("consultation-text-hint", &[("limit", crate::i18n::number(TEXT_LIMIT))])}</p>
                    <ErrorMessage field="text" message=text_error.clone() />
                    {shown.other_text.clone().map(|other| view! {
                        <div class="other-device">
                            <p><strong>{t("consultation-other-device")}</strong></p>
                            <p class="child-words" dir="auto">{other}</p>
                        </div>
                    })}
                    <textarea id="text" name="text" rows="6" dir="auto"
                        aria-describedby=if text_error.is_some() { "text-hint text-error text-limit" } else { "text-hint text-limit" }>
                        {textarea_text(&shown.text)}
                    </textarea>
                    <CharacterLimit field="text" limit=TEXT_LIMIT hint=String::new() />
                </div>
                <div class="field" class:field-error=talk_error.is_some()>
                    <ErrorMessage field="talk_about" message=talk_error.clone() />
                    {other_talk}
                    <label class="checkbox">
                        <input type="checkbox" id="talk_about" name="talk_about" value="yes" checked=shown.talk_about == "yes" />
                        " " <Picture name="talk" /> {t("consultation-talk-about")}
                    </label>
                </div>
                <fieldset class="field" class:field-error=share_error.is_some() id="share">
                    <legend>{t("consultation-share-legend")}</legend>
                    <ErrorMessage field="share" message=share_error.clone() />
                    {other_share}
                    <div class="radios">
                        <label>
                            <input type="radio" name="share" value="iro" checked=!share_meeting />
                            " " <Picture name="share-iro" /> {t("consultation-share-iro")}
                        </label>
                        <label>
                            <input type="radio" name="share" value="meeting" checked=share_meeting />
                            " " <Picture name="share-meeting" /> {t("consultation-share-meeting")}
                        </label>
                    </div>
                </fieldset>
                <div class="field" class:field-error=words_error.is_some()>
                    <ErrorMessage field="use_words" message=words_error.clone() />
                    {other_words}
                    <label class="checkbox">
                        <input type="checkbox" id="use_words" name="use_words" value="yes"
                            checked=shown.use_words == "yes" aria-describedby="use_words-hint" />
                        " " {t("consultation-use-words")}
                    </label>
                    <p class="hint" id="use_words-hint">{t("consultation-use-words-hint")}</p>
                </div>
                {(!locked).then(|| view! {
                    <AutoSave
                        form_id="topic-form".to_owned()
                        action=paths::topic_autosave(topic)
                        texts=autosave_texts()
                    />
                })}
                <div class="button-group">
                    <button type="submit" name="then" value="next" class="button">{t("consultation-save-next")}</button>
                    <button type="submit" name="then" value="list" class="button button-secondary">{t("consultation-save-list")}</button>
                </div>
            </form>
        }
        .into_any(),
    ];
    parts
}

/// The saving-as-you-type status texts, in the page's language.
fn autosave_texts() -> AutoSaveTexts {
    AutoSaveTexts {
        saving: t("autosave-saving"),
        saved: t("autosave-saved"),
        not_saved: t("autosave-not-saved"),
        clash: t("autosave-clash"),
        help: t("autosave-help"),
        help_link: t("autosave-help-link"),
    }
}

/// `/consultation/taking-part`.
#[component]
pub fn TakingPart() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let sent = use_context::<TakingPartForm>();
    set_form_title(
        "consultation-page-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    with_consultation(move |mine: MyConsultation| {
        let chosen: Vec<String> = match &sent {
            Some(form) => form.chosen().into_iter().map(str::to_owned).collect(),
            None => mine.take_part.clone(),
        };
        let (who, place) = match &sent {
            Some(form) => (form.who_there.clone(), form.where_held.clone()),
            None => (mine.who_there.clone(), mine.where_held.clone()),
        };
        // What this page stands on, so a save changes only what changed
        // here (after a clash: what the other device saved).
        let (base_choices, base_who, base_where) = match &sent {
            Some(form) if form.based == "1" => (
                form.base_choices.clone(),
                form.base_who.clone(),
                form.base_where.clone(),
            ),
            _ => (
                mine.take_part.join(","),
                crate::consultations::fingerprint(&mine.who_there),
                crate::consultations::fingerprint(&mine.where_held),
            ),
        };
        let other = |text: Option<String>| {
            text.map(|text| view! {
                <div class="other-device">
                    <p><strong>{t_args("consultation-other-device-choice", &[("choice", text)])}</strong></p>
                </div>
            })
        };
        let other_choices = other(sent.as_ref().and_then(|f| f.other_choices.clone()).map(
            |list| {
                if list.is_empty() {
                    t("consultation-no-choice")
                } else {
                    list.iter()
                        .map(|c| t(&format!("take-part-{c}")))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            },
        ));
        let other_who = other(sent.as_ref().and_then(|f| f.other_who.clone()));
        let other_where = other(sent.as_ref().and_then(|f| f.other_where.clone()));
        let errors = sent.as_ref().map(|f| f.errors.clone()).unwrap_or_default();
        let summary: Vec<(String, String)> = errors
            .iter()
            .map(|(f, k)| ((*f).to_owned(), t(k)))
            .collect();
        let error_for = |field: &str| errors.iter().find(|(f, _)| *f == field).map(|(_, k)| t(k));
        view! {
            <ErrorSummary errors=summary />
            <p><a href=paths::OVERVIEW>{t("consultation-back")}</a></p>
            <h1>{t("consultation-taking-part-heading")}</h1>
            <form method="post" action=paths::TAKING_PART class="form" novalidate>
                <input type="hidden" name="based" value="1" />
                <input type="hidden" name="base_choices" value=base_choices />
                <input type="hidden" name="base_who" value=base_who />
                <input type="hidden" name="base_where" value=base_where />
                <fieldset class="field" id="take_part">
                    <legend>{t("consultation-take-part-legend")}</legend>
                    <ErrorMessage field="take_part" message=error_for("take_part") />
                    {other_choices}
                    <div class="checkboxes">
                        {TAKE_PART
                            .iter()
                            .map(|choice| {
                                let checked = chosen.iter().any(|c| c == choice);
                                view! {
                                    <label class="checkbox">
                                        <input type="checkbox" name=TakingPartForm::field_for(choice) value="yes" checked=checked />
                                        " " <Picture name=*choice /> {t(&format!("take-part-{choice}"))}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="who_there">{t("consultation-who-there")}</label>
                    <ErrorMessage field="who_there" message=error_for("who_there") />
                    {other_who}
                    <textarea id="who_there" name="who_there" rows="3" dir="auto"
                        aria-describedby=if error_for("who_there").is_some() { "who_there-error who_there-limit" } else { "who_there-limit" }>{textarea_text(&who)}</textarea>
                    <CharacterLimit field="who_there" limit=SHORT_LIMIT />
                </div>
                <div class="field">
                    <label for="where_held">{t("consultation-where")}</label>
                    <ErrorMessage field="where_held" message=error_for("where_held") />
                    {other_where}
                    <textarea id="where_held" name="where_held" rows="2" dir="auto"
                        aria-describedby=if error_for("where_held").is_some() { "where_held-error where_held-limit" } else { "where_held-limit" }>{textarea_text(&place)}</textarea>
                    <CharacterLimit field="where_held" limit=SHORT_LIMIT />
                </div>
                <button type="submit" class="button">{t("consultation-save-continue")}</button>
            </form>
        }
    })
}

/// `/consultation/check`: who will read it and by when, then send.
#[component]
pub fn CheckAndSend() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("consultation-page-title"));
    with_consultation(move |mine: MyConsultation| {
        let iro = mine
            .iro_name
            .clone()
            .unwrap_or_else(|| t("consultation-your-iro"));
        let when = match &mine.review_on {
            Some(day) => t_args(
                "consultation-who-reads",
                &[("name", iro.clone()), ("date", long_date(day))],
            ),
            None => t_args("consultation-who-reads-no-date", &[("name", iro.clone())]),
        };
        let answered: Vec<AnyView> = mine
            .answers
            .iter()
            .map(|a| {
                let feeling = a.feeling.map(feeling_word).unwrap_or_default();
                let share = if a.share {
                    t("consultation-share-meeting")
                } else {
                    t("consultation-share-iro")
                };
                view! {
                    <li>
                        <strong>{t(&format!("topic-{}", a.topic))}</strong> " " {feeling}
                        <br />
                        <span class="hint">{share}</span>
                        {a.use_words.then(|| view! { <br /><span class="hint">{t("consultation-use-words-check")}</span> })}
                    </li>
                }
                .into_any()
            })
            .collect();
        view! {
            <p><a href=paths::OVERVIEW>{t("consultation-back")}</a></p>
            <h1>{t("consultation-check-heading")}</h1>
            <ul class="topic-list">{answered}</ul>
            <p><strong>{when}</strong></p>
            <p>{t_args("consultation-who-reads-cover", &[("name", iro.clone())])}</p>
            <p>{t("consultation-change-until")}</p>
            {if mine.locked {
                view! { <p class="notice">{t("consultation-locked")}</p> }.into_any()
            } else {
                view! {
                    <form method="post" action=paths::SUBMIT>
                        <button type="submit" class="button">{t_args("consultation-send", &[("name", iro.clone())])}</button>
                    </form>
                }
                .into_any()
            }}
        }
    })
}

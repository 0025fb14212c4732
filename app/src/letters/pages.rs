//! Letters from the IRO. The child: their letters, newest first, and one
//! letter in large type with "read it to me", print, and a reply. The
//! IRO: writing a draft with a preview exactly as the child will see it
//! and a reading-age check, sending it, and the thread of replies.

use leptos::prelude::*;

use super::paths;
use crate::child_words::ChildWords;
use leptos_router::hooks::use_query_map;

use crate::{
    autosave::{AutoSave, AutoSaveTexts},
    character_count::CharacterLimit,
    dates::long_date,
    forms::{ErrorMessage, ErrorSummary, set_form_title, textarea_text},
    i18n::{Locale, t, t_args},
    layout::with_loaded,
    letters::{
        Block, LETTER_LIMIT, Letter, LetterForm, MyLetters, REPLY_KINDS, REPLY_LIMIT, Reply,
        ReplyForm, blocks, load_letter, load_my_letters,
    },
    read_aloud::ReadAloud,
    readability::Readability,
    title::set_page_title,
};

fn errors_of(errors: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|(field, key)| ((*field).to_owned(), t(key)))
        .collect()
}

/// The letter as the child sees it: paragraphs and lists, nothing else.
#[component]
pub fn LetterBody(text: String, lang: String) -> impl IntoView {
    let dir = Locale::from_code(&lang)
        .map_or("auto", |l| l.direction().as_str())
        .to_owned();
    view! {
        <div class="letter-body" id="letter-body" lang=lang dir=dir>
            {blocks(&text)
                .into_iter()
                .map(|block| match block {
                    Block::Paragraph(text) => view! { <p>{text}</p> }.into_any(),
                    Block::List(items) => view! {
                        <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                    }
                    .into_any(),
                })
                .collect_view()}
        </div>
    }
}

/// `/letters`: the child's letters, newest first, unread marked.
#[component]
pub fn MyLettersPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    set_page_title(t("letters-page-title"));
    with_loaded(load_my_letters, |mine: MyLetters| {
        let iro = mine
            .iro_name
            .clone()
            .unwrap_or_else(|| t("consultation-your-iro"));
        let items: Vec<AnyView> = mine
            .letters
            .iter()
            .map(|l| {
                let unread = l.first_read_on.is_none();
                let on = l.sent_on.as_deref().map(long_date).unwrap_or_default();
                view! {
                    <li class:unread=unread>
                        <a href=paths::letter(l.id)>{t_args("letters-letter-of", &[("date", on)])}</a>
                        {unread.then(|| view! { " " <strong class="tag">{t("letters-new")}</strong> })}
                    </li>
                }
                .into_any()
            })
            .collect();
        view! {
            <h1>{t("letters-heading")}</h1>
            <p>{t_args("letters-intro", &[("name", iro)])}</p>
            {if items.is_empty() {
                view! { <p>{t("letters-none")}</p> }.into_any()
            } else {
                view! { <ul class="topic-list">{items}</ul> }.into_any()
            }}
        }
    })
}

/// `/letters/:id`: one letter, for the child or their IRO.
#[component]
pub fn LetterPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let id = crate::paths::id_param();
    let query = use_query_map().read_untracked();
    let print = query.get("print").is_some();
    let notice = ["sent", "replied"]
        .into_iter()
        .find(|k| query.get(k).is_some())
        .map(|k| format!("letters-{k}-notice"));
    let sent = use_context::<ReplyForm>().unwrap_or_default();
    set_form_title("letters-page-title", !sent.errors.is_empty());
    with_loaded(
        move || load_letter(id),
        move |letter: Letter| {
            view! { <LetterView letter sent=sent.clone() notice=notice.clone() print /> }
        },
    )
}

#[component]
fn Thread(replies: Vec<Reply>, for_child: bool) -> impl IntoView {
    (!replies.is_empty()).then(|| {
        view! {
            <h2>{t("letters-replies-heading")}</h2>
            <ul class="messages">
                {replies
                    .into_iter()
                    .map(|r| {
                        let kind = t(&format!("letters-kind-{}", r.kind));
                        view! {
                            <li class:from-child=r.from_child>
                                <span class="hint">{r.author.clone()} ", " {long_date(&r.on)} ": " {kind}</span>
                                {if r.from_child && !for_child {
                                    view! { <ChildWords text=r.body.clone() language=r.language.clone() /> }.into_any()
                                } else {
                                    view! { <p class="child-words" dir="auto">{r.body.clone()}</p> }.into_any()
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn LetterView(
    letter: Letter,
    sent: ReplyForm,
    notice: Option<String>,
    print: bool,
) -> impl IntoView {
    let error_for = |field: &str| {
        sent.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| t(k))
    };
    let (kind_error, body_error) = (error_for("kind"), error_for("body"));
    let on = letter.sent_on.as_deref().map(long_date).unwrap_or_default();
    let heading = if letter.for_child {
        t_args("letters-from", &[("name", letter.iro_name.clone())])
    } else {
        t_args("letters-to", &[("name", letter.child_name.clone())])
    };
    let read_state = (!letter.for_child).then(|| match &letter.first_read_on {
        Some(day) => t_args("letters-read-on", &[("date", long_date(day))]),
        None => t("letters-not-read"),
    });
    let reply_form = (!print && !letter.draft).then(|| {
        view! {
            <h2>{t(if letter.for_child { "letters-reply-heading" } else { "letters-answer-heading" })}</h2>
            <form method="post" action=paths::replies(letter.id) class="form" novalidate>
                {letter.for_child.then(|| view! {
                    <fieldset class="field" class:field-error=kind_error.is_some() id="kind">
                        <legend>{t("letters-reply-kind")}</legend>
                        <ErrorMessage field="kind" message=kind_error.clone() />
                        <div class="radios">
                            {REPLY_KINDS
                                .iter()
                                .map(|k| view! {
                                    <label>
                                        <input type="radio" name="kind" value=*k checked=sent.kind == *k />
                                        " " {t(&format!("letters-kind-{k}"))}
                                    </label>
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                })}
                <div class="field" class:field-error=body_error.is_some()>
                    <label for="body">{t(if letter.for_child { "letters-reply-label" } else { "letters-answer-label" })}</label>
                    <ErrorMessage field="body" message=body_error.clone() />
                    <textarea id="body" name="body" rows="4" dir="auto"
                        aria-describedby=if body_error.is_some() { "body-error body-limit" } else { "body-limit" }>
                        {textarea_text(&sent.body)}
                    </textarea>
                    <CharacterLimit field="body" limit=REPLY_LIMIT />
                </div>
                <button type="submit" class="button">{t("letters-reply-button")}</button>
            </form>
        }
    });
    view! {
        {notice.map(|key| view! { <div class="notice" role="status"><p>{t(&key)}</p></div> })}
        <ErrorSummary errors=errors_of(&sent.errors) />
        {(!print).then(|| view! {
            <p><a href=if letter.for_child { paths::MINE.to_owned() } else { crate::paths::child(letter.child_id) }>
                {t(if letter.for_child { "letters-back" } else { "letters-back-child" })}
            </a></p>
        })}
        <article class="letter" class:letter-print=print>
            <h1>{heading}</h1>
            <p class="hint">{on}</p>
            {letter.corrects_sent_on.as_deref().map(|d| view! {
                <p class="notice">{t_args("letters-corrects", &[("date", long_date(d))])}</p>
            })}
            {read_state.map(|s| view! { <p><strong>{s}</strong></p> })}
            {(!print).then(|| view! {
                <ReadAloud target="letter-body".to_owned() lang=letter.language.clone()
                    label=t("letters-read-aloud") stop_label=t("letters-stop-reading") />
            })}
            <LetterBody text=letter.body.clone() lang=letter.language.clone() />
        </article>
        {(!print).then(|| view! {
            <p><a href=format!("{}?print=1", paths::letter(letter.id))>{t("letters-print")}</a></p>
        })}
        {(!letter.for_child && !letter.draft && !print).then(|| view! {
            <form method="post" action=paths::correct(letter.id)>
                <button type="submit" class="button button-secondary">{t("letters-correct-button")}</button>
            </form>
        })}
        <Thread replies=letter.replies.clone() for_child=letter.for_child />
        {reply_form}
    }
}

/// `/letters/:id/edit`: the IRO writes the letter.
#[component]
pub fn EditLetter() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let id = crate::paths::id_param();
    let saved = use_query_map().read_untracked().get("saved").is_some();
    let sent = use_context::<LetterForm>();
    set_form_title(
        "letters-edit-title",
        sent.as_ref().is_some_and(|f| !f.errors.is_empty()),
    );
    with_loaded(
        move || load_letter(id),
        move |letter: Letter| {
            if letter.for_child {
                return view! { <crate::not_found::NotFound /> }.into_any();
            }
            view! { <EditView letter sent=sent.clone() saved /> }.into_any()
        },
    )
}

#[component]
fn Check(measured: Option<Readability>, age: i64) -> impl IntoView {
    let Some(measured) = measured else {
        return view! { <p class="hint">{t("letters-check-empty")}</p> }.into_any();
    };
    let too_hard = i64::from(measured.reading_age) > age;
    let line = t_args(
        "letters-check-age",
        &[
            ("reading_age", measured.reading_age.to_string()),
            ("age", age.to_string()),
        ],
    );
    view! {
        <div class=if too_hard { "check check-warning" } else { "check" } role="status">
            <p><strong>{line}</strong></p>
            {too_hard.then(|| view! { <p>{t("letters-check-warning")}</p> })}
            {(!measured.long_sentences.is_empty()).then(|| view! {
                <p>{t("letters-check-long")}</p>
                <ul>{measured.long_sentences.iter().map(|s| view! { <li dir="auto">{s.clone()}</li> }).collect_view()}</ul>
            })}
            {(!measured.hard_words.is_empty()).then(|| view! {
                <p>{t("letters-check-words")} " " {measured.hard_words.join(", ")}</p>
            })}
            <p class="hint">{t("letters-check-how")}</p>
        </div>
    }
    .into_any()
}

#[component]
fn EditView(letter: Letter, sent: Option<LetterForm>, saved: bool) -> impl IntoView {
    if !letter.draft {
        return view! {
            <p class="notice">{t("letters-already-sent")}</p>
            <p><a href=paths::letter(letter.id)>{t("letters-see-sent")}</a></p>
        }
        .into_any();
    }
    let form = sent.unwrap_or_else(|| LetterForm {
        body: letter.body.clone(),
        language: letter.language.clone(),
        errors: Vec::new(),
    });
    let error_for = |field: &str| {
        form.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| t(k))
    };
    let body_error = error_for("body");
    let texts = AutoSaveTexts {
        saving: t("autosave-saving"),
        saved: t("autosave-saved"),
        not_saved: t("letters-autosave-not-saved"),
        clash: t("letters-autosave-not-saved"),
        help: String::new(),
        help_link: String::new(),
    };
    view! {
        {saved.then(|| view! { <div class="notice" role="status"><p>{t("letters-saved-notice")}</p></div> })}
        <ErrorSummary errors=errors_of(&form.errors) />
        <p><a href=crate::paths::child(letter.child_id)>{t("letters-back-child")}</a></p>
        <h1>{t_args("letters-edit-heading", &[("name", letter.child_name.clone())])}</h1>
        {letter.corrects_sent_on.as_deref().map(|d| view! {
            <p class="notice">{t_args("letters-corrects-staff", &[("date", long_date(d))])}</p>
        })}
        <form method="post" action=paths::letter(letter.id) class="form" id="letter-form" novalidate>
            <div class="field">
                <label for="language">{t("letters-language")}</label>
                <select id="language" name="language">
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.code() selected=form.language == l.code()>{l.native_name()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field" class:field-error=body_error.is_some()>
                <label for="body">{t("letters-body")}</label>
                <p class="hint" id="body-hint">{t_args("letters-body-hint", &[("limit", crate::i18n::number(LETTER_LIMIT))])}</p>
                <ErrorMessage field="body" message=body_error.clone() />
                <textarea id="body" name="body" rows="14" dir="auto"
                    aria-describedby=if body_error.is_some() { "body-hint body-error body-limit" } else { "body-hint body-limit" }>
                    {textarea_text(&form.body)}
                </textarea>
                <CharacterLimit field="body" limit=LETTER_LIMIT hint=String::new() />
            </div>
            <AutoSave form_id="letter-form".to_owned() action=paths::autosave(letter.id) texts />
            <div class="button-group">
                <button type="submit" class="button button-secondary">{t("letters-save-button")}</button>
                <button type="submit" class="button" formaction=paths::send(letter.id)>
                    {t_args("letters-send-button", &[("name", letter.child_name.clone())])}
                </button>
            </div>
        </form>
        <h2>{t("letters-check-heading")}</h2>
        <Check measured=letter.readability.clone() age=letter.child_age />
        <h2>{t("letters-preview-heading")}</h2>
        <p class="hint">{t("letters-preview-hint")}</p>
        <div class="phone-preview">
            <article class="letter">
                <h3 class="letter-heading">{t_args("letters-from", &[("name", letter.iro_name.clone())])}</h3>
                {letter.corrects_sent_on.as_deref().map(|d| view! {
                    <p class="notice">{t_args("letters-corrects", &[("date", long_date(d))])}</p>
                })}
                <LetterBody text=letter.body.clone() lang=letter.language.clone() />
            </article>
        </div>
    }
    .into_any()
}

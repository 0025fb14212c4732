//! Children's words, used only with their say-so: the answers a child sent
//! with "You can use my words, without my name" ticked, for the Children's
//! Rights Officer (and managers) to read by topic and theme and pick
//! quotes from for a report. No name, no number that leads back to the
//! child, no date finer than the month.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{Period, Theme, figures::Select, load_words, paths};
use crate::{
    dates::{long_date, month_year},
    forms::set_form_title,
    i18n::{t, t_args},
    vocabulary::TOPICS,
};

/// The most words the page shows at once (the newest): a topic or a
/// theme narrows it.
pub const SHOWN_AT_MOST: usize = 200;

/// The words page as asked for (its query): a financial year and perhaps
/// a quarter, a topic, a theme (by its number), and "picked" for only the
/// quotes picked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WordsAsked {
    pub year: String,
    pub quarter: String,
    pub topic: String,
    pub theme: String,
    pub picked: String,
}

impl WordsAsked {
    /// The page's own query for these choices.
    pub fn query(&self) -> String {
        [
            ("year", &self.year),
            ("quarter", &self.quarter),
            ("topic", &self.topic),
            ("theme", &self.theme),
            ("picked", &self.picked),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", crate::layout::encode_path(value)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

/// One answer's words, as the CRO reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildWords {
    /// What the page calls these words by: random, not the answer's number.
    pub reference: String,
    /// `YYYY-MM`: the month they were sent, no finer.
    pub month: String,
    pub topic: String,
    /// The themes the IRO tagged the answer with.
    pub themes: Vec<String>,
    pub text: String,
    /// The language the child wrote in, when known.
    pub language: Option<String>,
    pub picked: bool,
}

/// The words page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub asked: WordsAsked,
    pub period: Period,
    /// The financial years there is anything to show for, newest first.
    pub years: Vec<i32>,
    /// The themes to choose from.
    pub themes: Vec<Theme>,
    /// Newest month first; at most [`SHOWN_AT_MOST`].
    pub words: Vec<ChildWords>,
    /// More were found than are shown.
    pub more: bool,
}

/// Picking (or unpicking) one answer's words as a quote: the form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PickForm {
    pub reference: String,
    /// "yes" to pick, anything else to unpick.
    pub pick: String,
    /// The page's query, to go back to.
    pub back: String,
}

fn asked_from_query() -> WordsAsked {
    let query = use_query_map().read_untracked();
    let get = |name: &str| query.get(name).unwrap_or_default();
    WordsAsked {
        year: get("year"),
        quarter: get("quarter"),
        topic: get("topic"),
        theme: get("theme"),
        picked: get("picked"),
    }
}

/// `/themes/words`.
#[component]
pub fn WordsPage() -> impl IntoView {
    if !crate::accounts::require_sign_in() {
        return ().into_any();
    }
    let asked = asked_from_query();
    set_form_title("words-page-title", false);
    crate::layout::with_loaded(
        move || load_words(asked),
        move |words| view! { <WordsView words /> },
    )
    .into_any()
}

#[component]
fn WordsView(words: Words) -> impl IntoView {
    let query = words.asked.query();
    let download = format!("{}?{query}", paths::WORDS_CSV);
    let period = t_args(
        "words-period",
        &[
            ("from", long_date(&words.period.from)),
            ("to", long_date(&words.period.to)),
            ("count", crate::i18n::number(words.words.len())),
        ],
    );
    let groups: Vec<AnyView> = TOPICS
        .iter()
        .filter_map(|topic| {
            let these: Vec<ChildWords> = words
                .words
                .iter()
                .filter(|w| w.topic == *topic)
                .cloned()
                .collect();
            (!these.is_empty()).then(|| {
                let heading = format!("words-{topic}");
                let labelled = heading.clone();
                view! {
                    <section aria-labelledby=labelled>
                        <h2 id=heading>{t(&format!("topic-{topic}"))}</h2>
                        <ul class="quotes">
                            {these.into_iter().map(|w| view! { <Quote words=w back=query.clone() /> }).collect_view()}
                        </ul>
                    </section>
                }
                .into_any()
            })
        })
        .collect();
    let nothing = words.words.is_empty();
    view! {
        <h1>{t("words-heading")}</h1>
        <p>{t("words-explain")}</p>
        <p>{t("words-withdrawn")}</p>
        <p><a href=paths::FIGURES>{t("words-to-figures")}</a></p>
        <Choices words=words.clone() />
        <h2 id="words-found">{period}</h2>
        {words.more.then(|| view! { <p class="notice">{t_args("words-more", &[("n", crate::i18n::number(SHOWN_AT_MOST))])}</p> })}
        {if nothing {
            view! { <p>{t("words-none")}</p> }.into_any()
        } else {
            view! { <p><a href=download download>{t("words-download")}</a></p> }.into_any()
        }}
        {groups}
    }
}

#[component]
fn Quote(words: ChildWords, back: String) -> impl IntoView {
    let month = month_year(&words.month);
    let themes = if words.themes.is_empty() {
        t("words-no-themes")
    } else {
        t_args("words-themes", &[("themes", words.themes.join(", "))])
    };
    let (value, button) = if words.picked {
        ("", t("words-unpick"))
    } else {
        ("yes", t("words-pick"))
    };
    let id = format!("quote-{}", words.reference);
    view! {
        <li class="quote" id=id>
            <blockquote class="child-words" dir="auto" lang=words.language.clone()>{words.text.clone()}</blockquote>
            <p class="hint">
                {month} " · " {themes}
                {words.picked.then(|| view! { " · " <strong>{t("words-picked")}</strong> })}
            </p>
            <form method="post" action=paths::PICK class="inline-form">
                <input type="hidden" name="reference" value=words.reference.clone() />
                <input type="hidden" name="back" value=back />
                <input type="hidden" name="pick" value=value />
                <button type="submit" class="button button-secondary">{button}</button>
            </form>
        </li>
    }
}

#[component]
fn Choices(words: Words) -> impl IntoView {
    let asked = words.asked.clone();
    let years: Vec<(String, String)> = words
        .years
        .iter()
        .map(|year| {
            (
                year.to_string(),
                t_args(
                    "figures-year-option",
                    &[("start", year.to_string()), ("end", (year + 1).to_string())],
                ),
            )
        })
        .collect();
    let mut quarters = vec![(String::new(), t("figures-whole-year"))];
    quarters.extend((1..=4).map(|q| (q.to_string(), t(&format!("figures-quarter-{q}")))));
    let mut topics = vec![(String::new(), t("words-every-topic"))];
    topics.extend(
        TOPICS
            .iter()
            .map(|topic| ((*topic).to_owned(), t(&format!("topic-{topic}")))),
    );
    let mut themes = vec![(String::new(), t("words-every-theme"))];
    themes.extend(
        words
            .themes
            .iter()
            .map(|theme| (theme.id.to_string(), theme.name.clone())),
    );
    view! {
        <form method="get" action=paths::WORDS class="form figures-choice">
            <h2>{t("figures-choose-heading")}</h2>
            <div class="choice-row">
                <Select name="year" label="figures-year" values=years chosen=asked.year.clone() />
                <Select name="quarter" label="figures-quarter" values=quarters chosen=asked.quarter.clone() />
                <Select name="topic" label="words-topic" values=topics chosen=asked.topic.clone() />
                <Select name="theme" label="words-theme" values=themes chosen=asked.theme.clone() />
            </div>
            <div class="field">
                <label class="checkbox">
                    <input type="checkbox" name="picked" value="yes" checked=asked.picked == "yes" />
                    " " {t("words-only-picked")}
                </label>
            </div>
            <button type="submit" class="button">{t("words-show")}</button>
        </form>
    }
}

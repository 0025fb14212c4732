//! A child's own words, shown as they wrote them.

use leptos::prelude::*;

use crate::i18n::{t, t_args};

/// A child's own words as they wrote them, labelled with the language they
/// wrote in (so a reader knows when to ask for a translation), and marked
/// with it, so a screen reader reads them in that language.
#[component]
pub fn ChildWords(text: String, language: Option<String>) -> impl IntoView {
    let locale = language.as_deref().and_then(crate::i18n::Locale::from_code);
    view! {
        {locale.map(|l| view! {
            <p class="hint written-in">{t_args("written-in", &[("language", t(&format!("language-name-{}", l.code())))])}</p>
        })}
        <p class="child-words" dir="auto" lang=locale.map(|l| l.code())>{text}</p>
    }
}

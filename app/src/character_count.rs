//! How much a box holds, said beside it. No box on MySay has a
//! `maxlength`: a browser would cut what a child pastes without a word, and
//! the server already keeps everything and says kindly when it is too long.
//! So the limit is said beside the box, and with JavaScript the script
//! (the `enhance` crate) counts as the child types ("312 of 1000
//! letters"), counting as the server does (Unicode characters, not the
//! browser's UTF-16 units). A screen reader hears the count once typing
//! pauses, not at every key.

use leptos::prelude::*;

use crate::i18n::{number, t_args, use_locale};

/// What the count says, worked out on the server in the page's language:
/// `count` and `over` hold `{count}` where the live number goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountTexts {
    /// Said before the child types (and always, without JavaScript);
    /// empty when the limit is already in the box's own hint.
    pub hint: String,
    pub count: String,
    pub over: String,
    /// The ten digits of the page's language, 0 to 9.
    pub digits: String,
}

/// Where the live number goes in [`CountTexts::count`] and `over`; the
/// script looks for the same (`enhance::rules::SLOT`).
const SLOT: &str = "{count}";

impl CountTexts {
    /// The texts for a box of `limit` characters; `hint` is the sentence to
    /// show before typing, empty when the box's hint already says it.
    pub fn new(limit: usize, hint: String) -> Self {
        let args = |key: &str| t_args(key, &[("count", SLOT.to_owned()), ("limit", number(limit))]);
        CountTexts {
            hint,
            count: args("limit-count"),
            over: args("limit-over"),
            digits: use_locale().digits("0123456789"),
        }
    }
}

/// The sentence "You can write up to N letters." in the page's language.
pub fn limit_hint(limit: usize) -> String {
    t_args("limit-hint", &[("limit", number(limit))])
}

/// The limit line under the box with id `field`; its id is
/// `<field>-limit`, for the box's `aria-describedby`.
#[component]
pub fn CharacterLimit(
    field: &'static str,
    limit: usize,
    /// `None`: "You can write up to N letters."; `Some("")`: nothing until
    /// the child types, because the box's own hint says the limit.
    #[prop(optional)]
    hint: Option<String>,
) -> impl IntoView {
    let texts = CountTexts::new(limit, hint.unwrap_or_else(|| limit_hint(limit)));
    view! { <CharacterCount field=field.to_owned() limit=limit texts=texts /> }
}

/// The hint, which the script replaces with the count once the child
/// types (its texts in `data-` attributes), and the live region a screen
/// reader hears it from.
#[component]
pub fn CharacterCount(field: String, limit: usize, texts: CountTexts) -> impl IntoView {
    let id = format!("{field}-limit");
    view! {
        <p class="hint character-count" id=id data-field=field data-limit=limit
            data-within=texts.count data-over=texts.over data-digits=texts.digits>
            {texts.hint}
        </p>
        // A live region, not a `status` role: a page's one status message
        // (such as "Sent.") stays the only one.
        <p class="visually-hidden" aria-live="polite"></p>
    }
}

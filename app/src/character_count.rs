//! How much a box holds, said beside it. No box on MySay has a
//! `maxlength`: a browser would cut what a child pastes without a word, and
//! the server already keeps everything and says kindly when it is too long.
//! So the limit is said beside the box, and with JavaScript this island
//! counts as the child types ("312 of 1000 letters"), counting as the server
//! does (Unicode characters, not the browser's UTF-16 units). A screen reader
//! hears the count once typing pauses, not at every key.

use leptos::prelude::*;

use crate::i18n::{number, t_args, use_locale};

/// What the count says, worked out on the server in the page's language:
/// `count` and `over` hold `{count}` where the live number goes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CountTexts {
    /// Said before the child types (and always, without JavaScript);
    /// empty when the limit is already in the box's own hint.
    pub hint: String,
    pub count: String,
    pub over: String,
    /// The ten digits of the page's language, 0 to 9.
    pub digits: String,
}

/// Where the live number goes in [`CountTexts::count`] and `over`.
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

    /// What the count line says for `count` characters in a box of `limit`.
    pub fn say(&self, count: usize, limit: usize) -> String {
        let digits: Vec<char> = self.digits.chars().collect();
        let written: String = count
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| digits.get(d as usize).copied())
                    .unwrap_or(c)
            })
            .collect();
        let template = if count > limit {
            &self.over
        } else {
            &self.count
        };
        template.replace(SLOT, &written)
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

/// The live part: the hint, then the count once the child types.
#[island]
pub fn CharacterCount(field: String, limit: usize, texts: CountTexts) -> impl IntoView {
    let count = RwSignal::new(None::<usize>);
    let heard = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    Effect::new({
        let field = field.clone();
        let texts = texts.clone();
        move |_| wire::wire(&field, limit, texts.clone(), count, heard)
    });
    let id = format!("{field}-limit");
    let shown = texts.clone();
    view! {
        <p class="hint character-count" id=id
            class:character-count-over=move || count.get().is_some_and(|c| c > limit)>
            {move || match count.get() {
                None => shown.hint.clone(),
                Some(c) => shown.say(c, limit),
            }}
        </p>
        // A live region, not a `status` role: a page's one status message
        // (such as "Sent.") stays the only one.
        <p class="visually-hidden" aria-live="polite">{move || heard.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
mod wire {
    use std::{cell::Cell, rc::Rc, time::Duration};

    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{HtmlInputElement, HtmlTextAreaElement};

    use super::CountTexts;

    #[derive(Clone)]
    enum Field {
        Area(HtmlTextAreaElement),
        Line(HtmlInputElement),
    }

    impl Field {
        fn value(&self) -> String {
            match self {
                Field::Area(a) => a.value(),
                Field::Line(i) => i.value(),
            }
        }

        fn target(&self) -> &web_sys::EventTarget {
            match self {
                Field::Area(a) => a.as_ref(),
                Field::Line(i) => i.as_ref(),
            }
        }
    }

    /// How long typing must pause before a screen reader hears the count.
    const PAUSE: Duration = Duration::from_millis(1000);

    pub fn wire(
        field: &str,
        limit: usize,
        texts: CountTexts,
        count: RwSignal<Option<usize>>,
        heard: RwSignal<String>,
    ) {
        let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(field))
        else {
            return;
        };
        // A box of several lines, or of one.
        let area = match element.dyn_into::<HtmlTextAreaElement>() {
            Ok(area) => Field::Area(area),
            Err(element) => match element.dyn_into::<HtmlInputElement>() {
                Ok(input) => Field::Line(input),
                Err(_) => return,
            },
        };
        let timer: Rc<Cell<Option<TimeoutHandle>>> = Rc::new(Cell::new(None));
        let update = {
            let area = area.clone();
            move || {
                let now = area.value().chars().count();
                count.set(Some(now));
                if let Some(t) = timer.take() {
                    t.clear();
                }
                let said = texts.say(now, limit);
                timer.set(set_timeout_with_handle(move || heard.set(said), PAUSE).ok());
            }
        };
        // A box that comes back with words in it (a saved draft, the
        // server's "too long") shows its count at once.
        if !area.value().is_empty() {
            count.set(Some(area.value().chars().count()));
        }
        let on_input = Closure::<dyn Fn()>::new(update);
        let _ = area
            .target()
            .add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        // It lives as long as the page.
        on_input.forget();
    }
}

//! MySay's one script: what makes a server-rendered page better with
//! JavaScript, and nothing a page needs to work. Every page is whole HTML
//! without it (forms post, links go); with it:
//!
//! - "Exit this page" blanks the page at once and leaves without a history
//!   entry, and Shift pressed three times does the same;
//! - the language link opens the list of languages in place;
//! - the idle-timeout warning appears two minutes before the end, and a
//!   notice once it has passed;
//! - a box with a limit counts as the child types;
//! - "Read it to me" appears where the browser can speak, and speaks;
//! - a topic's form and a letter save a moment after typing stops.
//!
//! The server renders every part (hidden where it needs the script) with
//! its texts in `data-` attributes in the page's language; this only finds
//! them and wires them. Once wired, the exit bar is marked
//! `data-hydrated="true"`, which the browser tests wait for.
//!
//! It is not Leptos's hydration: Leptos's browser runtime alone weighs more
//! than a child's whole first visit may (40 KB), and these parts need none
//! of it (README, "Choices").

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};

use wasm_bindgen::{JsCast, JsValue, closure::Closure, prelude::wasm_bindgen};
use web_sys::{Document, Element, Event, EventTarget, Window};

pub mod rules;

/// Runs once the module has loaded (a module script runs after the page is
/// parsed, so every part is there).
#[wasm_bindgen(start)]
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    exit::wire(&document);
    languages::wire(&document);
    session::wire(&document);
    counts::wire(&document);
    read_aloud::wire(&window, &document);
    autosave::wire(&window, &document);
    if let Ok(Some(bar)) = document.query_selector(".exit-bar") {
        let _ = bar.set_attribute("data-hydrated", "true");
    }
}

/// Calls `handler` on each `event` at `target`, for as long as the page
/// lives.
fn listen(target: &EventTarget, event: &str, handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Runs `then` after `ms` milliseconds; the handle clears it.
fn after(ms: i32, then: impl FnOnce() + 'static) -> Option<i32> {
    let callback = Closure::once_into_js(then);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms)
        .ok()
}

/// Stops a timer set with [`after`].
fn clear(handle: Option<i32>) {
    if let (Some(handle), Some(window)) = (handle, web_sys::window()) {
        window.clear_timeout_with_handle(handle);
    }
}

/// Every element matching `selector`.
fn all(document: &Document, selector: &str) -> Vec<Element> {
    let Ok(found) = document.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

fn attribute(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

fn show(element: &Element, shown: bool) {
    let _ = if shown {
        element.remove_attribute("hidden")
    } else {
        element.set_attribute("hidden", "")
    };
}

mod exit {
    use super::*;

    /// Blanks the page at once and leaves, without a history entry to
    /// come back to.
    fn leave(to: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(document) = window.document() {
            document.set_title("");
            if let Some(body) = document.body() {
                body.set_inner_html("");
            }
        }
        let _ = window.location().replace(to);
    }

    pub fn wire(document: &Document) {
        let Some(link) = document.get_element_by_id("exit-this-page") else {
            return;
        };
        let to: Rc<str> = attribute(&link, "href").into();
        listen(&link, "click", {
            let to = Rc::clone(&to);
            move |event| {
                event.prevent_default();
                leave(&to);
            }
        });
        let presses = RefCell::new(rules::ShiftPresses::default());
        listen(document, "keydown", move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if key.key() == "Shift"
                && !key.repeat()
                && presses.borrow_mut().press(js_sys::Date::now())
            {
                leave(&to);
            }
        });
    }
}

mod languages {
    use super::*;

    pub fn wire(document: &Document) {
        let (Ok(Some(link)), Some(list)) = (
            document.query_selector(".language-link"),
            document.get_element_by_id("language-list"),
        ) else {
            return;
        };
        let _ = link.set_attribute("aria-expanded", "false");
        let toggle = link.clone();
        listen(&link, "click", move |event| {
            event.prevent_default();
            let open = list.has_attribute("hidden");
            show(&list, open);
            let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        });
    }
}

mod session {
    use super::*;

    pub fn wire(document: &Document) {
        let (Ok(Some(timeout)), Some(warning), Some(ended)) = (
            document.query_selector("[data-idle-ms]"),
            document.get_element_by_id("session-warning"),
            document.get_element_by_id("session-ended"),
        ) else {
            return;
        };
        let (Some(idle), Some(warn)) = (
            rules::millis(&attribute(&timeout, "data-idle-ms")),
            rules::millis(&attribute(&timeout, "data-warn-ms")),
        ) else {
            return;
        };
        let first = warning.clone();
        after(idle.saturating_sub(warn), move || show(&first, true));
        after(idle, move || {
            show(&warning, false);
            show(&ended, true);
        });
    }
}

mod counts {
    use super::*;

    /// How long typing must pause before a screen reader hears the count.
    const PAUSE_MS: i32 = 1000;

    /// The text in a box of one line or of several.
    fn value(field: &Element) -> Option<String> {
        if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            Some(area.value())
        } else {
            field
                .dyn_ref::<web_sys::HtmlInputElement>()
                .map(|input| input.value())
        }
    }

    pub fn wire(document: &Document) {
        for line in all(document, ".character-count[data-field]") {
            let Some(field) = document.get_element_by_id(&attribute(&line, "data-field")) else {
                continue;
            };
            let Ok(limit) = attribute(&line, "data-limit").parse::<usize>() else {
                continue;
            };
            let (within, over, digits) = (
                attribute(&line, "data-within"),
                attribute(&line, "data-over"),
                attribute(&line, "data-digits"),
            );
            let heard = line.next_element_sibling();
            let say = move |count: usize| {
                let said = rules::count_line(&within, &over, count, limit, &digits);
                line.set_text_content(Some(&said));
                let _ = line
                    .class_list()
                    .toggle_with_force("character-count-over", count > limit);
                said
            };
            // A box that comes back with words in it (a saved draft, the
            // server's "too long") shows its count at once.
            if let Some(text) = value(&field).filter(|t| !t.is_empty()) {
                say(rules::characters(&text));
            }
            let timer = Cell::new(None);
            let source = field.clone();
            listen(&field, "input", move |_| {
                let Some(text) = value(&source) else {
                    return;
                };
                let said = say(rules::characters(&text));
                clear(timer.take());
                if let Some(heard) = heard.clone() {
                    timer.set(after(PAUSE_MS, move || heard.set_text_content(Some(&said))));
                }
            });
        }
    }
}

mod read_aloud {
    use super::*;

    /// The browser's speech, if it has one. Read by name, not the typed
    /// getter: browsers without speech have no such property.
    fn synthesis(window: &Window) -> Option<web_sys::SpeechSynthesis> {
        let value = js_sys::Reflect::get(window, &"speechSynthesis".into()).ok()?;
        if value.is_undefined() || value.is_null() {
            return None;
        }
        Some(value.unchecked_into())
    }

    pub fn wire(window: &Window, document: &Document) {
        let Some(synthesis) = synthesis(window) else {
            return;
        };
        for button in all(document, "button.read-aloud[data-read]") {
            let label = button.text_content().unwrap_or_default();
            let stop_label = attribute(&button, "data-stop-label");
            let target = attribute(&button, "data-read");
            let lang = attribute(&button, "data-lang");
            let speaking = Cell::new(false);
            let synthesis = synthesis.clone();
            let shown = button.clone();
            listen(&button, "click", move |_| {
                synthesis.cancel();
                if speaking.replace(false) {
                    shown.set_text_content(Some(&label));
                    return;
                }
                // The text as shown: never what is hidden (such as the
                // way to Help now before a save has asked for it).
                let text = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&target))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                    .map(|e| e.inner_text())
                    .unwrap_or_default();
                if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text.trim())
                {
                    utterance.set_lang(&lang);
                    synthesis.speak(&utterance);
                    speaking.set(true);
                    shown.set_text_content(Some(&stop_label));
                }
            });
            show(&button, true);
        }
    }
}

mod autosave {
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, UrlSearchParams};

    use super::*;

    /// How long after the last keystroke a save goes.
    const PAUSE_MS: i32 = 1200;

    /// What the page stands on, sent back by each save and sent with the
    /// next, so the server can tell this page's changes from another
    /// device's.
    const BASES: [&str; 5] = [
        "base_feeling",
        "base_text",
        "base_talk_about",
        "base_share",
        "base_use_words",
    ];

    /// How a save ended: the attribute holding what the status line says.
    const SAVING: &str = "data-saving";
    const SAVED: &str = "data-saved";
    const NOT_SAVED: &str = "data-not-saved";
    const CLASH: &str = "data-clash";

    struct Saver {
        form: HtmlFormElement,
        action: String,
        /// The element holding the texts, the status line and the help box.
        place: Element,
        status: Option<Element>,
        help: Option<Element>,
        timer: Cell<Option<i32>>,
        in_flight: Cell<bool>,
        again: Cell<bool>,
    }

    impl Saver {
        fn say(&self, outcome: &str) {
            if let Some(status) = &self.status {
                status.set_text_content(Some(&attribute(&self.place, outcome)));
            }
        }

        fn body(&self) -> Result<UrlSearchParams, JsValue> {
            let data = FormData::new_with_form(&self.form)?;
            UrlSearchParams::new_with_str_sequence_sequence(&data)
        }

        fn schedule(self: &Rc<Self>) {
            clear(self.timer.take());
            let me = Rc::clone(self);
            self.timer.set(after(PAUSE_MS, move || me.start()));
        }

        fn start(self: Rc<Self>) {
            self.timer.set(None);
            if self.in_flight.replace(true) {
                self.again.set(true);
                return;
            }
            self.say(SAVING);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = self.send().await.unwrap_or(NOT_SAVED);
                self.say(outcome);
                self.in_flight.set(false);
                if self.again.replace(false) {
                    self.start();
                }
            });
        }

        async fn send(&self) -> Result<&'static str, JsValue> {
            let window = web_sys::window().ok_or(JsValue::NULL)?;
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            let body: JsValue = self.body()?.into();
            init.set_body(&body);
            init.set_credentials(web_sys::RequestCredentials::SameOrigin);
            let response: web_sys::Response =
                JsFuture::from(window.fetch_with_str_and_init(&self.action, &init))
                    .await?
                    .dyn_into()?;
            match response.status() {
                200 => {}
                409 => return Ok(CLASH),
                _ => return Ok(NOT_SAVED),
            }
            let text = JsFuture::from(response.text()?)
                .await?
                .as_string()
                .unwrap_or_default();
            let answer = UrlSearchParams::new_with_str(&text)?;
            if answer.get("saved").is_none() {
                return Ok(NOT_SAVED);
            }
            for field in BASES {
                let input = self
                    .form
                    .query_selector(&["input[name=", field, "]"].concat())?
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
                if let (Some(input), Some(value)) = (input, answer.get(field)) {
                    input.set_value(&value);
                }
            }
            if answer.get("help").as_deref() == Some("1")
                && let Some(help) = &self.help
            {
                show(help, true);
            }
            Ok(SAVED)
        }

        /// The page is going (a link, the back button, the phone locking):
        /// what is waiting goes now, by beacon.
        fn flush(&self) {
            if let Some(timer) = self.timer.take() {
                clear(Some(timer));
                if let (Some(window), Ok(body)) = (web_sys::window(), self.body()) {
                    let _ = window
                        .navigator()
                        .send_beacon_with_opt_url_search_params(&self.action, Some(&body));
                }
            }
        }
    }

    pub fn wire(window: &Window, document: &Document) {
        for place in all(document, "[data-autosave]") {
            let Some(form) = document
                .get_element_by_id(&attribute(&place, "data-autosave"))
                .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
            else {
                continue;
            };
            let saver = Rc::new(Saver {
                form: form.clone(),
                action: attribute(&place, "data-action"),
                status: place.query_selector(".autosave-status").ok().flatten(),
                help: place.query_selector(".help-box").ok().flatten(),
                place,
                timer: Cell::new(None),
                in_flight: Cell::new(false),
                again: Cell::new(false),
            });
            for event in ["input", "change"] {
                let saver = Rc::clone(&saver);
                listen(&form, event, move |_| saver.schedule());
            }
            listen(&form, "submit", {
                let saver = Rc::clone(&saver);
                move |_| clear(saver.timer.take())
            });
            listen(window, "pagehide", move |_| saver.flush());
        }
    }
}

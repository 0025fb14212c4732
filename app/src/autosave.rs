//! Saving as the child types. Without JavaScript every step is saved by
//! its button; with it, this island also saves a topic's form a moment
//! after the child stops typing or changes a choice, so nothing is lost if
//! the phone dies mid-sentence. It says what happened in a status line a
//! screen reader announces, and shows the way to Help now at once when
//! what was saved raised a safety alert.
//!
//! Saves go one at a time: each answer tells the page what it now stands
//! on (the `base_*` fields), and the next save is sent with that, so the
//! server can tell this page's changes from another device's.

use leptos::prelude::*;

/// What the status line says; worked out on the server in the page's
/// language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AutoSaveTexts {
    pub saving: String,
    pub saved: String,
    pub not_saved: String,
    pub clash: String,
    pub help: String,
    pub help_link: String,
}

/// How a save ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Saving,
    Saved,
    /// Something needs fixing; saving with the button shows what.
    NotSaved,
    /// Changed on another device, or the review has started.
    Clash,
}

/// Saves the form with id `form_id` to `action` as the child types.
#[island]
pub fn AutoSave(form_id: String, action: String, texts: AutoSaveTexts) -> impl IntoView {
    let status = RwSignal::new(None::<Outcome>);
    let help = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new({
        let form_id = form_id.clone();
        let action = action.clone();
        move |_| wire::wire(&form_id, action.clone(), status, help)
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&form_id, &action);
    let AutoSaveTexts {
        saving,
        saved,
        not_saved,
        clash,
        help: help_text,
        help_link,
    } = texts;
    view! {
        <p class="autosave-status" role="status">
            {move || match status.get() {
                None => String::new(),
                Some(Outcome::Saving) => saving.clone(),
                Some(Outcome::Saved) => saved.clone(),
                Some(Outcome::NotSaved) => not_saved.clone(),
                Some(Outcome::Clash) => clash.clone(),
            }}
        </p>
        <Show when=move || help.get()>
            <div class="notice help-box" role="alert">
                <p>{help_text.clone()}</p>
                <p><a href=crate::paths::HELP class="button">{help_link.clone()}</a></p>
            </div>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod wire {
    use std::{cell::Cell, rc::Rc, time::Duration};

    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, UrlSearchParams};

    use super::Outcome;

    /// How long after the last keystroke a save goes.
    const PAUSE: Duration = Duration::from_millis(1200);

    struct Saver {
        form: HtmlFormElement,
        action: String,
        status: RwSignal<Option<Outcome>>,
        help: RwSignal<bool>,
        timer: Cell<Option<TimeoutHandle>>,
        in_flight: Cell<bool>,
        again: Cell<bool>,
    }

    impl Saver {
        fn body(&self) -> Result<UrlSearchParams, JsValue> {
            let data = FormData::new_with_form(&self.form)?;
            UrlSearchParams::new_with_str_sequence_sequence(&data)
        }

        fn schedule(self: &Rc<Self>) {
            if let Some(timer) = self.timer.take() {
                timer.clear();
            }
            let me = Rc::clone(self);
            let timer = set_timeout_with_handle(move || me.start(), PAUSE).ok();
            self.timer.set(timer);
        }

        fn start(self: Rc<Self>) {
            self.timer.set(None);
            if self.in_flight.replace(true) {
                self.again.set(true);
                return;
            }
            self.status.set(Some(Outcome::Saving));
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = self.send().await.unwrap_or(Outcome::NotSaved);
                self.status.set(Some(outcome));
                self.in_flight.set(false);
                if self.again.replace(false) {
                    self.start();
                }
            });
        }

        async fn send(&self) -> Result<Outcome, JsValue> {
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
                409 => return Ok(Outcome::Clash),
                _ => return Ok(Outcome::NotSaved),
            }
            let text = JsFuture::from(response.text()?)
                .await?
                .as_string()
                .unwrap_or_default();
            let answer = UrlSearchParams::new_with_str(&text)?;
            if answer.get("saved").is_none() {
                return Ok(Outcome::NotSaved);
            }
            for field in [
                "base_feeling",
                "base_text",
                "base_talk_about",
                "base_share",
                "base_use_words",
            ] {
                let input = self
                    .form
                    .query_selector(&format!("input[name={field}]"))?
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
                if let (Some(input), Some(value)) = (input, answer.get(field)) {
                    input.set_value(&value);
                }
            }
            if answer.get("help").as_deref() == Some("1") {
                self.help.set(true);
            }
            Ok(Outcome::Saved)
        }

        /// The page is going (a link, the back button, the phone locking):
        /// what is waiting goes now, by beacon.
        fn flush(&self) {
            if let Some(timer) = self.timer.take() {
                timer.clear();
                if let (Some(window), Ok(body)) = (web_sys::window(), self.body()) {
                    let _ = window
                        .navigator()
                        .send_beacon_with_opt_url_search_params(&self.action, Some(&body));
                }
            }
        }
    }

    pub fn wire(
        form_id: &str,
        action: String,
        status: RwSignal<Option<Outcome>>,
        help: RwSignal<bool>,
    ) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(form) = window
            .document()
            .and_then(|d| d.get_element_by_id(form_id))
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let saver = Rc::new(Saver {
            form: form.clone(),
            action,
            status,
            help,
            timer: Cell::new(None),
            in_flight: Cell::new(false),
            again: Cell::new(false),
        });
        let on_edit = {
            let saver = Rc::clone(&saver);
            Closure::<dyn Fn()>::new(move || saver.schedule())
        };
        let on_submit = {
            let saver = Rc::clone(&saver);
            Closure::<dyn Fn()>::new(move || {
                if let Some(timer) = saver.timer.take() {
                    timer.clear();
                }
            })
        };
        let on_leave = Closure::<dyn Fn()>::new(move || saver.flush());
        for event in ["input", "change"] {
            let _ = form.add_event_listener_with_callback(event, on_edit.as_ref().unchecked_ref());
        }
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        // They live as long as the page.
        on_edit.forget();
        on_submit.forget();
        on_leave.forget();
    }
}

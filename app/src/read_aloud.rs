//! "Read it to me": the browser's own speech reads a letter aloud in the
//! letter's language. The button exists only once the page knows it will
//! work: without JavaScript, or in a browser without speech, there is no
//! button at all (never one that does nothing).

use leptos::prelude::*;

/// Reads the text of the element with id `target` in language `lang`.
#[island]
pub fn ReadAloud(target: String, lang: String, label: String, stop_label: String) -> impl IntoView {
    let (label, stop_label) = (StoredValue::new(label), StoredValue::new(stop_label));
    let supported = RwSignal::new(false);
    let speaking = RwSignal::new(false);
    Effect::new(move |_| supported.set(speech::available()));
    let read = move |_| {
        if speaking.get_untracked() {
            speech::stop();
            speaking.set(false);
        } else {
            speaking.set(speech::speak(&target, &lang));
        }
    };
    view! {
        <Show when=move || supported.get()>
            <button type="button" class="button button-secondary read-aloud" on:click=read.clone()>
                {move || if speaking.get() { stop_label.get_value() } else { label.get_value() }}
            </button>
        </Show>
    }
}

#[cfg(feature = "hydrate")]
mod speech {
    use wasm_bindgen::JsCast;

    fn synthesis() -> Option<web_sys::SpeechSynthesis> {
        let window = web_sys::window()?;
        // Reflect, not the typed getter: browsers without speech have no
        // such property, and the getter would throw.
        let value = js_sys::Reflect::get(&window, &"speechSynthesis".into()).ok()?;
        if value.is_undefined() || value.is_null() {
            return None;
        }
        Some(value.unchecked_into::<web_sys::SpeechSynthesis>())
    }

    pub fn available() -> bool {
        synthesis().is_some()
    }

    pub fn speak(target: &str, lang: &str) -> bool {
        let text = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(target))
            .and_then(|e| e.text_content())
            .unwrap_or_default();
        let (Some(synthesis), Ok(utterance)) = (
            synthesis(),
            web_sys::SpeechSynthesisUtterance::new_with_text(text.trim()),
        ) else {
            return false;
        };
        utterance.set_lang(lang);
        synthesis.cancel();
        synthesis.speak(&utterance);
        true
    }

    pub fn stop() {
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod speech {
    pub fn available() -> bool {
        false
    }

    pub fn speak(_target: &str, _lang: &str) -> bool {
        false
    }

    pub fn stop() {}
}

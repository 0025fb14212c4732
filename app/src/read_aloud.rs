//! "Read it to me": the browser's own speech reads a letter aloud in the
//! letter's language. The button is in the page hidden, and the script
//! (the `enhance` crate) shows it only once it knows speech will work:
//! without JavaScript, or in a browser without speech, there is no button
//! to be seen (never one that does nothing).

use leptos::prelude::*;

/// Reads the text of the element with id `target` in language `lang`.
#[component]
pub fn ReadAloud(target: String, lang: String, label: String, stop_label: String) -> impl IntoView {
    view! {
        <button type="button" class="button button-secondary read-aloud" hidden
            data-read=target data-lang=lang data-stop-label=stop_label>
            {label}
        </button>
    }
}

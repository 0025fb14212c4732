//! Saving as the child types. Without JavaScript every step is saved by
//! its button; with it, the script (the `enhance` crate) also saves a
//! topic's form a moment after the child stops typing or changes a
//! choice, so nothing is lost if the phone dies mid-sentence. It says
//! what happened in a status line a screen reader announces, and shows
//! the way to Help now at once when what was saved raised a safety alert.
//!
//! Saves go one at a time: each answer tells the page what it now stands
//! on (the `base_*` fields), and the next save is sent with that, so the
//! server can tell this page's changes from another device's.

use leptos::prelude::*;

/// What the status line says; worked out on the server in the page's
/// language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoSaveTexts {
    pub saving: String,
    pub saved: String,
    pub not_saved: String,
    pub clash: String,
    /// Empty where saving cannot raise a safety alert (a letter).
    pub help: String,
    pub help_link: String,
}

/// Saves the form with id `form_id` to `action` as the child types: the
/// texts for the script, its status line, and the way to Help now, hidden
/// until a save raises an alert.
#[component]
pub fn AutoSave(form_id: String, action: String, texts: AutoSaveTexts) -> impl IntoView {
    let AutoSaveTexts {
        saving,
        saved,
        not_saved,
        clash,
        help,
        help_link,
    } = texts;
    view! {
        <div class="autosave" data-autosave=form_id data-action=action data-saving=saving
            data-saved=saved data-not-saved=not_saved data-clash=clash>
            <p class="autosave-status" role="status"></p>
            {(!help.is_empty()).then(|| view! {
                <div class="notice help-box" role="alert" hidden>
                    <p>{help}</p>
                    <p><a href=crate::paths::HELP class="button">{help_link}</a></p>
                </div>
            })}
        </div>
    }
}

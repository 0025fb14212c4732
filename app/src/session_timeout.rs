//! The idle-timeout warning. MySay signs people out after 30 minutes
//! without activity. Every signed-in page says so, with a "stay signed
//! in" link that works without JavaScript; with JavaScript (the `enhance`
//! crate), the warning below appears two minutes before the end, and the
//! notice once it has passed. Both are in the page, hidden until then.

use leptos::prelude::*;

/// Texts and times for the warning, worked out on the server.
#[component]
pub fn SessionTimeout(
    /// Milliseconds from page load until the session ends.
    idle_ms: u64,
    /// Milliseconds before the end that the warning appears.
    warn_ms: u64,
    note: String,
    warning: String,
    ended: String,
    stay_label: String,
    stay_href: String,
    sign_in_label: String,
) -> impl IntoView {
    view! {
        <div class="session-timeout" data-idle-ms=idle_ms data-warn-ms=warn_ms>
            <p class="session-note">
                {note}
                " "
                <a href=stay_href.clone()>{stay_label.clone()}</a>
            </p>
            <div class="session-warning" id="session-warning" role="alertdialog"
                aria-labelledby="session-warning-text" hidden>
                <p id="session-warning-text">{warning}</p>
                <a class="button" href=stay_href>{stay_label}</a>
            </div>
            <div class="session-warning" id="session-ended" role="alertdialog"
                aria-labelledby="session-ended-text" hidden>
                <p id="session-ended-text">{ended}</p>
                <a class="button" href=crate::paths::SIGN_IN>{sign_in_label}</a>
            </div>
        </div>
    }
}

//! The idle-timeout warning. MySay signs people out after 30 minutes
//! without activity. Every signed-in page says so, with a "stay signed
//! in" link that works without JavaScript; with JavaScript, a warning
//! appears two minutes before the end, and a notice once it has passed.

use std::time::Duration;

use leptos::prelude::*;

/// Texts and times for the warning, worked out on the server.
#[island]
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
    let phase = RwSignal::new(0u8);
    Effect::new(move |_| {
        set_timeout(
            move || phase.set(1),
            Duration::from_millis(idle_ms.saturating_sub(warn_ms)),
        );
        set_timeout(move || phase.set(2), Duration::from_millis(idle_ms));
    });
    let stay_href_dialog = stay_href.clone();
    view! {
        <p class="session-note">
            {note}
            " "
            <a href=stay_href.clone()>{stay_label.clone()}</a>
        </p>
        <Show when=move || phase.get() == 1>
            <div class="session-warning" role="alertdialog" aria-labelledby="session-warning-text">
                <p id="session-warning-text">{warning.clone()}</p>
                <a class="button" href=stay_href_dialog.clone()>{stay_label.clone()}</a>
            </div>
        </Show>
        <Show when=move || phase.get() == 2>
            <div class="session-warning" role="alertdialog" aria-labelledby="session-ended-text">
                <p id="session-ended-text">{ended.clone()}</p>
                <a class="button" href=crate::paths::SIGN_IN>{sign_in_label.clone()}</a>
            </div>
        </Show>
    }
}

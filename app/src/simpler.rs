//! Simpler mode, for young children and children with learning
//! disabilities using MySay with a trusted adult: fewer words, bigger
//! targets, a picture beside every choice and every page read aloud. The
//! child switches it on or off from any page (a plain form, so it works
//! without JavaScript); the choice is kept in a cookie and on their
//! account.
//!
//! The pictures are drawn here in SVG and sent inside the page, so they
//! cost no extra requests and need nothing from anywhere else. Each has a
//! text alternative in the page's language.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::t;

/// Whether the page is shown in simpler mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Simpler(pub bool);

/// Simpler mode for the page being rendered.
pub fn use_simpler() -> bool {
    use_context::<Simpler>().unwrap_or_default().0
}

/// The switch in the page header: "Simpler mode" on or off.
#[component]
pub fn SimplerSwitch() -> impl IntoView {
    let on = use_simpler();
    let next = use_location().pathname.get_untracked();
    view! {
        <form method="post" action=crate::paths::SIMPLER class="inline-form simpler-switch">
            <input type="hidden" name="next" value=next />
            <input type="hidden" name="on" value=if on { "0" } else { "1" } />
            <button type="submit" class="link-button" aria-pressed=if on { "true" } else { "false" }>
                {t("simpler-switch")}
            </button>
        </form>
    }
}

/// A picture beside a choice, in simpler mode only (elsewhere, nothing).
/// `decorative` when the words beside it already say the same, as in a
/// heading: screen readers then skip it.
#[component]
pub fn Picture(#[prop(into)] name: String, #[prop(optional)] decorative: bool) -> impl IntoView {
    use_simpler().then(|| {
        if decorative {
            view! {
                <svg class="picture" viewBox="0 0 48 48" aria-hidden="true" focusable="false"
                    fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">
                    <path d=drawing(&name) />
                </svg>
            }
            .into_any()
        } else {
            picture(&name).into_any()
        }
    })
}

/// The drawing for `name`, with its text alternative.
pub fn picture(name: &str) -> impl IntoView + use<> {
    let label = t(&format!("picture-{name}"));
    let lines = drawing(name);
    view! {
        <svg class="picture" viewBox="0 0 48 48" role="img" aria-label=label
            fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">
            <path d=lines />
        </svg>
    }
}

/// The lines of each picture, as one SVG path on a 48 by 48 grid.
pub(crate) fn drawing(name: &str) -> &'static str {
    match name {
        // A house with a door.
        "where-i-live" => "M6 22 24 7l18 15M11 18v23h26V18M20 41V29h8v12",
        // Two people side by side.
        "family-and-friends" => {
            "M16 18a5 5 0 1 0 0-.1M6 40c0-7 4-12 10-12s10 5 10 12M33 16a4 4 0 1 0 0-.1M28 27c2-2 3-2 5-2 5 0 9 4 9 12"
        }
        // An open book.
        "school" => {
            "M24 12c-5-3-12-3-18-1v27c6-2 13-2 18 1 5-3 12-3 18-1V11c-6-2-13-2-18 1zM24 12v27"
        }
        // A heart.
        "health" => "M24 40S7 30 7 18a8 8 0 0 1 17-4 8 8 0 0 1 17 4c0 12-17 22-17 22z",
        // A star.
        "enjoy" => "M24 6l5 11 12 1-9 8 3 12-11-7-11 7 3-12-9-8 12-1z",
        // A shield.
        "safe" => "M24 6 9 12v11c0 9 6 16 15 19 9-3 15-10 15-19V12zM17 24l5 5 9-10",
        // A person talking.
        "worker-and-iro" => {
            "M17 16a6 6 0 1 0 0-.1M6 41c0-8 5-13 11-13s11 5 11 13M30 8h13v9h-7l-4 4v-4h-2z"
        }
        // A signpost.
        "future" => "M24 42V6M24 10h14l4 5-4 5H24M24 24H10l-4 5 4 5h14",
        // A speech bubble with dots.
        "anything-else" => "M8 10h32v22H20l-8 8v-8H8zM17 21h.1M24 21h.1M31 21h.1",
        // A speech bubble.
        "talk" | "speak" | "views" => "M8 10h32v22H20l-8 8v-8H8z",
        // A padlock.
        "share-iro" => "M13 22h22v19H13zM17 22v-6a7 7 0 0 1 14 0v6M24 30v4",
        // People round a table.
        "share-meeting" => {
            "M10 30h28M14 30v10M34 30v10M12 20a4 4 0 1 0 0-.1M24 16a4 4 0 1 0 0-.1M36 20a4 4 0 1 0 0-.1"
        }
        // A raised hand.
        "advocate" => {
            "M16 42c-4-4-7-9-7-14v-6a2 2 0 0 1 4 0v5V10a2 2 0 0 1 4 0v13V7a2 2 0 0 1 4 0v16V9a2 2 0 0 1 4 0v15-9a2 2 0 0 1 4 0v15c0 6-3 10-6 12z"
        }
        // An envelope.
        "send-views" | "letters" => "M6 12h36v24H6zM6 12l18 14 18-14",
        // A calendar.
        "meet-before" => "M8 12h32v28H8zM8 20h32M16 8v8M32 8v8M16 28h4M28 28h4",
        // A chair.
        "chair" => "M14 6v36M14 24h20v18M14 24V6h18v18",
        // A telephone.
        "help" => {
            "M14 6h8l3 9-5 3c2 5 5 8 10 10l3-5 9 3v8c0 2-2 4-4 4C22 38 10 26 10 10c0-2 2-4 4-4z"
        }
        _ => "M10 10h28v28H10z",
    }
}

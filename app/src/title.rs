//! The document's title, which each page sets in its own language.

use leptos::prelude::*;

/// The document's title. One `<Title>` lives in [`crate::App`] for the whole
/// visit and each page sets its text: a `<Title>` inside each page loses the
/// title when the router swaps pages on the client.
///
/// Reference-counted rather than arena-allocated: leptos_meta reads the
/// title while writing `<head>`, possibly outside the page's arena.
#[derive(Clone)]
struct PageTitle(ArcRwSignal<String>);

pub fn provide_page_title(initial: String) -> ArcRwSignal<String> {
    let signal = ArcRwSignal::new(initial);
    provide_context(PageTitle(signal.clone()));
    signal
}

/// Sets the title of the page being shown (in the page's language).
pub fn set_page_title(text: String) {
    if let Some(PageTitle(signal)) = use_context::<PageTitle>() {
        signal.set(text);
    }
}

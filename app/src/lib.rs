//! MySay's user interface: the pages a child or a member of staff sees, the
//! page shell around them, and the translations they are written in.
//!
//! This crate compiles twice: with `ssr` into the server, and with `hydrate`
//! into the WebAssembly a browser downloads. Nothing server-only (databases,
//! hashing, email) may be reachable from the `hydrate` build.

pub mod i18n;
pub mod layout;
pub mod pages;
pub mod site;

#[cfg(feature = "ssr")]
pub mod shell;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    i18n::Locale,
    layout::PageLayout,
    pages::{HelpNow, Landing, NotFound, Privacy, SignIn},
    site::SiteInfo,
};

/// The whole application, as mounted inside `<body>`.
///
/// The locale and the site's configuration are decided by the server for
/// each request and handed to the browser with the page, so the hydrated
/// page renders exactly what the server rendered.
#[component]
pub fn App() -> impl IntoView {
    let locale = SharedValue::new(|| use_context::<Locale>().unwrap_or_default()).into_inner();
    let site = SharedValue::new(|| use_context::<SiteInfo>().unwrap_or_default()).into_inner();
    provide_context(locale);
    provide_context(site);
    provide_meta_context();
    let title = layout::provide_page_title(locale.text("site-title"));

    view! {
        <Title text=move || title.get() />
        <Router>
            <PageLayout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing />
                    <Route path=path!("/sign-in") view=SignIn />
                    <Route path=path!("/help") view=HelpNow />
                    <Route path=path!("/privacy") view=Privacy />
                </Routes>
            </PageLayout>
        </Router>
    }
}

/// Entry point of the WebAssembly build: take over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
